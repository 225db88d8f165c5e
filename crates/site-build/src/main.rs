//! The build steps trunk runs around its own build (see `Trunk.toml`).
//!
//! ```text
//! site-build render <out-dir> [<form-manifest.json>]
//!     every language's page fragments, the head script and the consent revisions, from the site
//!     folder's notices ($PORTAL_SITE/notice; PORTAL_SITE is absolute or relative to the
//!     workspace's root, by default `site`)
//! site-build pages <staging-dir> <render-out-dir>
//!     the other languages' pages from trunk's Finnish page
//! site-build compress <dir>
//!     beside every text, WebAssembly, JSON and font file: `.br` (brotli 11) and `.gz` (gzip 9),
//!     which the deploy configurations serve (site::security)
//! ```
//! The PDF writer's fonts are cut by another binary, `portal-fonts` (crates/fonts): this one
//! links no PDF or font library.
//! The site's address comes from the site folder (`origin` in `site.toml`), its path from trunk
//! (`TRUNK_PUBLIC_URL`).

fn main() -> std::process::ExitCode {
    native::main()
}

mod native {
    use std::path::Path;

    pub fn main() -> std::process::ExitCode {
        use std::process::ExitCode;

        let args: Vec<String> = std::env::args().skip(1).collect();
        let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["render", out_dir] => render(&notice_dir(), Path::new(out_dir), None),
            ["render", out_dir, manifest] => {
                render(&notice_dir(), Path::new(out_dir), Some(Path::new(manifest)))
            }
            ["pages", staging_dir, rendered] => pages(Path::new(staging_dir), Path::new(rendered)),
            ["desk", out_dir, form_manifest] => desk(Path::new(out_dir), Path::new(form_manifest)),
            ["compress", dir] => compress(Path::new(dir)),
            _ => Err("usage: site-build render <out-dir> [<form-manifest.json>] \
| site-build pages <staging-dir> <render-out-dir> | site-build desk <desk-dir> <form-manifest.json> | site-build compress <dir>"
                .into()),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("site-build: error: {message}");
                ExitCode::FAILURE
            }
        }
    }

    /// The notices of the site folder this build is of (`$PORTAL_SITE/notice`).
    fn notice_dir() -> std::path::PathBuf {
        site_build::site_folder().join("notice")
    }

    fn render(notice_dir: &Path, out_dir: &Path, manifest: Option<&Path>) -> Result<(), String> {
        use site_build::site;
        let root = &site_build::workspace_root();
        let form_assets = match manifest {
            Some(file) => site::FormManifest::load(file)
                .map_err(|e| e.to_string())?
                .assets(),
            None => Vec::new(),
        };
        let brand_logo = site::write_logo(
            portal_core::SITE
                .brand
                .logo
                .as_ref()
                .map(|file| site_build::site_folder().join(file.as_ref()))
                .as_deref(),
            out_dir,
        )
        .map_err(|e| e.to_string())?;
        let context = site::page::Context {
            origin: portal_core::SITE.origin.to_string(),
            controller: portal_core::request::controller::Controller::of_site(),
            brand_name: portal_core::SITE.brand.name.to_string(),
            brand_logo,
            consent_log: portal_core::SITE
                .consent
                .log
                .then_some(portal_core::SITE.consent.log_months.unwrap_or(36)),
            public_url: std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into()),
            form_assets,
        };
        let notices = site::load_notices(notice_dir).map_err(|e| e.to_string())?;
        let composed = site::page::compose(&notices, &context).map_err(|e| e.to_string())?;
        site::render(
            &composed,
            &root.join("style"),
            &portal_core::SITE.brand.accent,
            out_dir,
        )
        .map_err(|e| e.to_string())?;
        // The static hosts' header files (Netlify's and Cloudflare's `_headers`, Apache's
        // `.htaccess`) for this site folder, with its services' hosts: `deploy/` holds site/'s,
        // which a build of another company's folder must not ship.
        let langs: Vec<String> = portal_core::i18n::Lang::ALL
            .iter()
            .map(|lang| lang.path())
            .collect();
        for (name, text) in [
            ("_headers", site::security::headers_file(&langs)),
            (".htaccess", site::security::htaccess()),
        ] {
            let file = out_dir.join(name);
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        }
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
        let written = site_build::site::pages(staging_dir, rendered).map_err(|e| e.to_string())?;
        for file in written {
            eprintln!("site-build: wrote {}", file.display());
        }
        Ok(())
    }

    /// The desk's stylesheet and pages, around the modules scripts/build-desk.sh wrote.
    fn desk(out_dir: &Path, form_manifest: &Path) -> Result<(), String> {
        let written = site_build::site::desk::write(
            out_dir,
            form_manifest,
            &site_build::workspace_root().join("style"),
            &portal_core::SITE.brand.accent,
        )
        .map_err(|e| e.to_string())?;
        for file in written {
            eprintln!("site-build: wrote {}", file.display());
        }
        Ok(())
    }

    /// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every file
    /// of `dir` (and below) whose ending is in `security::COMPRESSED`, so that servers send them
    /// as they are instead of compressing on every answer (or not at all). Brotli 11 is slow (the
    /// writer's fonts are 27 MB): what was compressed once is kept in `target/compressed/` by the
    /// content's SHA-256 (the two builds and the next ones reuse it), and the files are shared
    /// among the machine's cores.
    fn compress(dir: &Path) -> Result<(), String> {
        use site_build::site::security::COMPRESSED;
        use std::path::PathBuf;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Mutex;

        fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
            let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for entry in entries {
                let path = entry.map_err(|e| e.to_string())?.path();
                if path.is_dir() {
                    files(&path, out)?;
                } else {
                    out.push(path);
                }
            }
            Ok(())
        }
        let mut all = Vec::new();
        files(dir, &mut all)?;
        all.retain(|f| {
            f.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSED.contains(&e))
        });
        all.sort();
        let cache = site_build::workspace_root().join("target/compressed");
        std::fs::create_dir_all(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
        let next = AtomicUsize::new(0);
        let totals = Mutex::new((0usize, 0usize, 0usize));
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let result: Result<(), String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| -> Result<(), String> {
                        while let Some(file) = all.get(next.fetch_add(1, Ordering::Relaxed)) {
                            let (raw, br, gz) = compress_one(file, &cache)?;
                            let mut t = totals.lock().unwrap();
                            *t = (t.0 + raw, t.1 + br, t.2 + gz);
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .try_for_each(|h| h.join().map_err(|_| "a compressing thread failed".to_string())?)
        });
        result?;
        let (raw, br, gz) = *totals.lock().unwrap();
        eprintln!(
            "site-build: compressed {} files in {}: {raw} bytes, {br} brotli, {gz} gzip",
            all.len(),
            dir.display()
        );
        Ok(())
    }

    /// One file's `.br` and `.gz`, from the cache or made (and kept); their sizes.
    fn compress_one(file: &Path, cache: &Path) -> Result<(usize, usize, usize), String> {
        use std::io::Write;
        let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let digest = portal_core::request::record::sha256_hex(&data);
        let mut sizes = [0usize; 2];
        for (i, ending) in [".br", ".gz"].into_iter().enumerate() {
            let kept = cache.join(format!("{digest}{ending}"));
            let bytes = match std::fs::read(&kept) {
                Ok(bytes) => bytes,
                Err(_) => {
                    let mut out = Vec::new();
                    if ending == ".br" {
                        let params = brotli::enc::BrotliEncoderParams {
                            quality: 11,
                            lgwin: 24,
                            size_hint: data.len(),
                            ..Default::default()
                        };
                        brotli::BrotliCompress(&mut data.as_slice(), &mut out, &params)
                            .map_err(|e| format!("{}: {e}", file.display()))?;
                    } else {
                        // No name and no time in the header: the same file, the same bytes.
                        let mut gzip =
                            flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
                        gzip.write_all(&data).map_err(|e| e.to_string())?;
                        out = gzip.finish().map_err(|e| e.to_string())?;
                    }
                    // Written under a temporary name first: a cache entry is whole or absent.
                    let temporary = cache.join(format!(
                        "{digest}{ending}.{}.{:?}",
                        std::process::id(),
                        std::thread::current().id()
                    ));
                    std::fs::write(&temporary, &out)
                        .and_then(|()| std::fs::rename(&temporary, &kept))
                        .map_err(|e| format!("{}: {e}", kept.display()))?;
                    out
                }
            };
            let mut name = file.as_os_str().to_owned();
            name.push(ending);
            std::fs::write(&name, &bytes).map_err(|e| format!("{}: {e}", Path::new(&name).display()))?;
            sizes[i] = bytes.len();
        }
        Ok((data.len(), sizes[0], sizes[1]))
    }
}
