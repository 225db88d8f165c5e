//! The request desk's pages (issue 18): `desk/index.html` in the site's first language and
//! `desk/<code>/index.html` in each other, around the desk's module (scripts/build-desk.sh
//! writes it and `desk/manifest.json`). Not linked from the public pages, `noindex`, and with a
//! policy stricter than theirs: no vendor's host at all, since the desk runs no service.

use std::path::Path;

use maud::{html, DOCTYPE};
use portal_core::i18n::Lang;
use portal_desk::texts::texts;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{stylesheet, without_comments, SiteError};
use site_folder::Accent;

/// The desk's folder in the built site.
pub const DESK_DIRECTORY: &str = "desk";

/// The desk's own stylesheet (style/), after the site's.
pub const DESK_STYLESHEET: &str = "desk.css";

/// The Content-Security-Policy of the desk's pages: its own files only (the modules, their
/// WebAssembly, the stylesheet), nothing else loaded, nothing submitted.
pub const DESK_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

#[derive(Deserialize)]
struct Manifest {
    start: String,
}

/// The form's manifest (scripts/build-form.sh): the desk's replies use the form's PDF writer.
#[derive(Deserialize)]
struct FormManifest {
    writer: String,
}

/// The attribute of `#desk-root` that names the writer's manifest, relative to the page.
pub const WRITER_ATTRIBUTE: &str = "data-writer";

/// Writes the desk's stylesheet (the site's, then the desk's, content-hashed) and its pages into
/// `out` (the folder scripts/build-desk.sh wrote its manifest and modules into).
pub fn write(
    out: &Path,
    form_manifest: &Path,
    style_dir: &Path,
    accent: &Accent,
) -> Result<Vec<std::path::PathBuf>, SiteError> {
    let read = |file: &Path| std::fs::read_to_string(file).map_err(|e| SiteError::new(file, e));
    let manifest_file = out.join("manifest.json");
    let manifest: Manifest =
        serde_json::from_str(&read(&manifest_file)?).map_err(|e| SiteError::new(&manifest_file, e))?;
    let form: FormManifest =
        serde_json::from_str(&read(form_manifest)?).map_err(|e| SiteError::new(form_manifest, e))?;
    let writer = format!("../{}/{}", super::FORM_DIRECTORY, form.writer);
    let own = style_dir.join(DESK_STYLESHEET);
    let mut css = stylesheet(style_dir, accent)?;
    css.push_str(&without_comments(
        &std::fs::read_to_string(&own).map_err(|e| SiteError::new(&own, e))?,
    ));
    let digest = hex16(&Sha256::digest(css.as_bytes()));
    let style = format!("assets/desk-{digest}.css");
    let style_file = out.join(&style);
    std::fs::write(&style_file, &css).map_err(|e| SiteError::new(&style_file, e))?;
    // The site's icon (without one, every page view asks for /favicon.ico and logs a 404).
    let icon_source = style_dir.join("favicon.svg");
    let icon_bytes = std::fs::read(&icon_source).map_err(|e| SiteError::new(&icon_source, e))?;
    let icon = format!("assets/favicon-{}.svg", hex16(&Sha256::digest(&icon_bytes)));
    let icon_file = out.join(&icon);
    std::fs::write(&icon_file, &icon_bytes).map_err(|e| SiteError::new(&icon_file, e))?;
    let mut written = Vec::new();
    for lang in Lang::ALL {
        let (dir, up) = if lang == Lang::default() {
            (out.to_path_buf(), "")
        } else {
            (out.join(lang.code()), "../")
        };
        std::fs::create_dir_all(&dir).map_err(|e| SiteError::new(&dir, e))?;
        let file = dir.join("index.html");
        std::fs::write(&file, page(lang, up, &manifest.start, &style, &writer, &icon))
            .map_err(|e| SiteError::new(&file, e))?;
        written.push(file);
    }
    Ok(written)
}

fn hex16(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// One language's desk page; `up` leads from the page's folder to the desk's; `writer` is the
/// PDF writer's manifest relative to the desk's folder.
pub fn page(lang: Lang, up: &str, start: &str, style: &str, writer: &str, icon: &str) -> String {
    let t = texts(lang);
    let company = portal_core::facts::CONTROLLER_NAME;
    let link = |other: Lang| -> String {
        match (lang == Lang::default(), other == Lang::default()) {
            (_, true) => format!("{up}./"),
            (true, false) => format!("{}/", other.code()),
            (false, false) => format!("../{}/", other.code()),
        }
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta http-equiv="Content-Security-Policy" content=(DESK_POLICY);
                meta name="referrer" content="no-referrer";
                meta name="robots" content="noindex, nofollow";
                title { (t.title) " – " (company) }
                link rel="stylesheet" href={ (up) (style) };
                link rel="icon" href={ (up) (icon) } type="image/svg+xml";
                script type="module" src={ (up) (start) } {}
            }
            body.desk {
                header.desk-header {
                    p.desk-company { (company) }
                    @if Lang::ALL.len() > 1 {
                        nav aria-label=(t.languages) {
                            ul.desk-languages {
                                @for other in Lang::ALL {
                                    li {
                                        @if other == lang {
                                            a href=(link(other)) hreflang=(other.code()) lang=(other.code()) aria-current="page" { (other.strings().language.name) }
                                        } @else {
                                            a href=(link(other)) hreflang=(other.code()) lang=(other.code()) { (other.strings().language.name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                main.desk-main {
                    h1 { (t.title) }
                    p { (t.intro) }
                    div id="desk-root" data-writer={ (up) (writer) } {
                        noscript { p { (t.needs_script) } }
                    }
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_page_is_not_for_search_engines_and_loads_only_its_own_files() {
        let html = page(
            Lang::default(),
            "",
            "assets/desk-start-0123456789abcdef.js",
            "assets/desk-0123456789abcdef.css",
            "../form/writer/fonts.0123456789abcdef.json",
            "assets/favicon-0123456789abcdef.svg",
        );
        assert!(
            html.contains(r#"data-writer="../form/writer/fonts.0123456789abcdef.json""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<meta name="robots" content="noindex, nofollow">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<script type="module" src="assets/desk-start-0123456789abcdef.js"></script>"#)
        );
        assert!(html.contains(r#"id="desk-root""#));
        assert!(!DESK_POLICY.contains("https:") && !DESK_POLICY.contains("unsafe-inline"));
    }
}
