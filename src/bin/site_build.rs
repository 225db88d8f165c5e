//! The build steps trunk runs around its own build (see `Trunk.toml`).
//!
//! ```text
//! site-build render <notice-dir> <out-dir> [<form-manifest.json>]
//!     every language's page fragments, the head script and the consent revisions
//! site-build pages <staging-dir> <render-out-dir>
//!     the other languages' pages from trunk's Finnish page
//! site-build fonts <out-dir>
//!     the PDF writer's fonts (pieces by script and range) and their manifest, fonts.json
//! ```
//! The site's address comes from `deploy/site.toml`, its path from trunk (`TRUNK_PUBLIC_URL`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

// Only trunk's native hooks run this tool; compiled for wasm32 it does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::Path;

    pub fn main() -> std::process::ExitCode {
        use std::process::ExitCode;

        let args: Vec<String> = std::env::args().skip(1).collect();
        let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["render", notice_dir, out_dir] => render(Path::new(notice_dir), Path::new(out_dir), None),
            ["render", notice_dir, out_dir, manifest] => render(
                Path::new(notice_dir),
                Path::new(out_dir),
                Some(Path::new(manifest)),
            ),
            ["pages", staging_dir, rendered] => pages(Path::new(staging_dir), Path::new(rendered)),
            ["fonts", out_dir] => fonts(Path::new(out_dir)),
            _ => Err(
                "usage: site-build render <notice-dir> <out-dir> [<form-manifest.json>] \
| site-build pages <staging-dir> <render-out-dir> | site-build fonts <out-dir>"
                    .into(),
            ),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("site-build: error: {message}");
                ExitCode::FAILURE
            }
        }
    }

    fn render(notice_dir: &Path, out_dir: &Path, manifest: Option<&Path>) -> Result<(), String> {
        use privacy_portal::site;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = site::load_config(&root.join("deploy/site.toml")).map_err(|e| e.to_string())?;
        let form_assets = match manifest {
            Some(file) => site::FormManifest::load(file)
                .map_err(|e| e.to_string())?
                .assets(),
            None => Vec::new(),
        };
        let context = site::page::Context {
            origin: config.origin,
            public_url: std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()),
            form_assets,
        };
        let notices = site::load_notices(notice_dir).map_err(|e| e.to_string())?;
        let composed = site::page::compose(&notices, &context).map_err(|e| e.to_string())?;
        site::render(&composed, &root.join("style"), out_dir).map_err(|e| e.to_string())?;
        let sections: usize = notices.iter().map(|n| n.rendered.sections().count()).sum();
        eprintln!(
            "site-build: rendered {} pages ({sections} sections) and {} consent revisions into {}",
            composed.pages.len(),
            composed.revisions.len(),
            out_dir.display()
        );
        Ok(())
    }

    fn pages(staging_dir: &Path, rendered: &Path) -> Result<(), String> {
        let written = privacy_portal::site::pages(staging_dir, rendered).map_err(|e| e.to_string())?;
        for file in written {
            eprintln!("site-build: wrote {}", file.display());
        }
        Ok(())
    }

    /// Writes the PDF writer's fonts (base faces and pieces of other scripts, content-hashed) and
    /// `fonts.json`, their manifest (src/request/fonts.rs), into `out_dir`.
    fn fonts(out_dir: &Path) -> Result<(), String> {
        use privacy_portal::request::fonts_build::{write_all, Sources};
        let manifest = write_all(&Sources::default(), out_dir)?;
        let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
        std::fs::write(out_dir.join("fonts.json"), json).map_err(|e| e.to_string())?;
        let total: u64 = manifest.pieces.iter().map(|p| p.bytes).sum();
        eprintln!(
            "site-build: fonts in {}: base {} + {} bytes, {} pieces ({total} bytes)",
            out_dir.display(),
            manifest.regular.bytes,
            manifest.bold.bytes,
            manifest.pieces.len()
        );
        Ok(())
    }
}
