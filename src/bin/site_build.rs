//! The build steps trunk runs around its own build (see `Trunk.toml`).
//!
//! ```text
//! site-build render <notice-dir> <out-dir>   write <out-dir>/{head,body,templates}.html
//! site-build finish <staging-dir> [public-url]   move trunk's inline loader into a file
//! site-build fonts <out-dir>                  the PDF writer's fonts and their manifest
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

// Only trunk's native hooks run this tool; compiled for wasm32 it does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    pub fn main() -> std::process::ExitCode {
        use std::path::Path;
        use std::process::ExitCode;

        let args: Vec<String> = std::env::args().skip(1).collect();
        let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["render", notice_dir, out_dir] => render(Path::new(notice_dir), Path::new(out_dir)),
            ["finish", staging_dir] => finish(Path::new(staging_dir), "/"),
            ["finish", staging_dir, public_url] => finish(Path::new(staging_dir), public_url),
            ["fonts", out_dir] => fonts(Path::new(out_dir)),
            _ => Err(
                "usage: site-build render <notice-dir> <out-dir> | site-build finish <staging-dir> [public-url] \
| site-build fonts <out-dir>"
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

    fn render(notice_dir: &std::path::Path, out_dir: &std::path::Path) -> Result<(), String> {
        use privacy_portal::site;
        let notices = site::load_notices(notice_dir).map_err(|e| e.to_string())?;
        let page = site::page::compose(&notices).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
        write_if_changed(&out_dir.join("head.html"), &page.head)?;
        write_if_changed(&out_dir.join("body.html"), &page.body)?;
        write_if_changed(&out_dir.join("templates.html"), &page.templates)?;
        let sections: usize = notices.iter().map(|n| n.rendered.sections().count()).sum();
        eprintln!(
            "site-build: rendered {} notices ({sections} sections) into {}",
            notices.len(),
            out_dir.display()
        );
        Ok(())
    }

    /// Leaves an unchanged file alone, so a file watcher sees no change and does not rebuild.
    fn write_if_changed(path: &std::path::Path, content: &str) -> Result<(), String> {
        if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
            return Ok(());
        }
        std::fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes the PDF writer's fonts (base faces and pieces of other scripts, content-hashed) and
    /// `fonts.json`, their manifest (src/request/fonts.rs), into `out_dir`.
    fn fonts(out_dir: &std::path::Path) -> Result<(), String> {
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

    fn finish(staging_dir: &std::path::Path, public_url: &str) -> Result<(), String> {
        let index = staging_dir.join("index.html");
        let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
        let out = privacy_portal::site::loader::externalise(&html, public_url)
            .map_err(|e| format!("{}: {e}", index.display()))?;
        std::fs::write(staging_dir.join(&out.file_name), &out.script).map_err(|e| e.to_string())?;
        std::fs::write(&index, &out.html).map_err(|e| e.to_string())?;
        eprintln!("site-build: loader moved to {}", out.file_name);
        Ok(())
    }
}
