//! The static site build, run natively by trunk's hooks (see `Trunk.toml`):
//! - before trunk reads `index.html` ([`render`]): every language's page fragments ([`page`]),
//!   the head script (`consent::first_paint`) and the published consent revisions;
//! - after trunk has built the Finnish page ([`pages`]): the other languages' pages, which are
//!   trunk's page with their fragments where the Finnish ones are.
//!
//! Not compiled to WebAssembly.

pub mod desk;
pub mod page;
pub mod security;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::notice::front_matter::{self, FrontMatter};
use crate::notice::render::{self, Rendered};
use portal_core::i18n::Lang;
use portal_core::vocabulary::FormAsset;
use site_folder::Accent;

/// The file the head script is written to, in the render output (`index.html` inlines it).
pub const FIRST_PAINT_FILE: &str = "first-paint.js";
/// The page's one stylesheet in the render output: the files of `style/` in [`STYLESHEETS`]
/// order, so the first paint waits for one request, not five.
pub const STYLESHEET_FILE: &str = "site.css";
/// The parts of the page's stylesheet, one file per part of the page (the form has its own).
pub const STYLESHEETS: [&str; 5] = ["base.css", "layout.css", "notice.css", "consent.css", "print.css"];
/// A language's fragments in the render output: `<dir>/<lang>/head.html` and `body.html`.
pub const HEAD_FILE: &str = "head.html";
pub const BODY_FILE: &str = "body.html";

/// One notice file, parsed and rendered.
#[derive(Clone, Debug)]
pub struct Notice {
    pub front: FrontMatter,
    pub rendered: Rendered,
}

/// A build failure, naming the file it is about.
#[derive(Debug)]
pub struct SiteError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for SiteError {}

impl SiteError {
    pub fn new(file: impl AsRef<Path>, message: impl fmt::Display) -> SiteError {
        SiteError {
            file: file.as_ref().to_owned(),
            message: message.to_string(),
        }
    }
}

/// Parses and renders one notice file's text; `file` names it in errors.
pub fn load_notice(file: &Path, source: &str) -> Result<Notice, SiteError> {
    let (front, body) = front_matter::parse(source).map_err(|e| SiteError::new(file, e))?;
    let mut rendered = render::render(body).map_err(|e| SiteError::new(file, e))?;
    // The body's lines follow the front matter's.
    let before_body = source[..source.len() - body.len()].matches('\n').count();
    for heading in &mut rendered.headings {
        heading.line += before_body;
    }
    Ok(Notice { front, rendered })
}

/// Reads `dir/<lang>.md` for every language, the authoritative one first.
pub fn load_notices(dir: &Path) -> Result<Vec<Notice>, SiteError> {
    Lang::ALL
        .iter()
        .map(|lang| {
            let file = dir.join(format!("{}.md", lang.code()));
            let source = std::fs::read_to_string(&file).map_err(|e| SiteError::new(&file, e))?;
            let notice = load_notice(&file, &source)?;
            if notice.front.lang != *lang {
                return Err(SiteError::new(
                    &file,
                    format!(
                        "front matter says lang: {}, the file name says {lang}",
                        notice.front.lang
                    ),
                ));
            }
            Ok(notice)
        })
        .collect()
}

/// What the form's build (`scripts/build-form.sh`) made: its files' names, content-hashed,
/// relative to its directory (`form/` below the site's root).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormManifest {
    pub module: String,
    pub wasm: String,
    pub style: String,
    /// The PDF writer's manifest.
    #[serde(default)]
    pub writer: Option<String>,
}

/// The directory of the form's files below the site's root.
pub const FORM_DIRECTORY: &str = "form";

impl FormManifest {
    /// Reads `manifest.json`.
    pub fn load(file: &Path) -> Result<FormManifest, SiteError> {
        let text = std::fs::read_to_string(file).map_err(|e| SiteError::new(file, e))?;
        serde_json::from_str(&text).map_err(|e| SiteError::new(file, e))
    }

    /// Each file the page points to, relative to the site's root.
    pub fn assets(&self) -> Vec<(FormAsset, String)> {
        let path = |name: &str| format!("{FORM_DIRECTORY}/{name}");
        let mut assets = vec![
            (FormAsset::Module, path(&self.module)),
            (FormAsset::Wasm, path(&self.wasm)),
            (FormAsset::Style, path(&self.style)),
        ];
        if let Some(writer) = &self.writer {
            assets.push((FormAsset::Writer, path(writer)));
        }
        assets
    }
}

/// The page's stylesheet: the parts in `style_dir`, in order, without their comments and
/// indentation (they are for the files' readers; the stylesheet is in every first load), then
/// the site's accent colours (`brand.accent` in `site.toml`, whose contrast the folder's check
/// has verified), which override the parts' own.
pub fn stylesheet(style_dir: &Path, accent: &Accent) -> Result<String, SiteError> {
    let mut css = String::new();
    for name in STYLESHEETS {
        let file = style_dir.join(name);
        let part = std::fs::read_to_string(&file).map_err(|e| SiteError::new(&file, e))?;
        css.push_str(&without_comments(&part));
    }
    css.push_str(&accent_rules(accent)?);
    Ok(css)
}

/// The rules that set `--accent` for the light and the dark scheme. A value that is not
/// `#rrggbb` is refused (the folder's check refuses it first; this keeps the stylesheet from
/// ever holding anything else).
fn accent_rules(accent: &Accent) -> Result<String, SiteError> {
    let colour = |scheme: &str, value: &str| {
        let ok =
            value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if ok {
            Ok(value.to_ascii_lowercase())
        } else {
            Err(SiteError::new(
                "site.toml",
                format!("brand.accent.{scheme}: \"{value}\" is not a colour #rrggbb"),
            ))
        }
    };
    Ok(format!(
        ":root {{ --accent: {}; }}\n@media (prefers-color-scheme: dark) {{ :root {{ --accent: {}; }} }}\n",
        colour("light", &accent.light)?,
        colour("dark", &accent.dark)?,
    ))
}

/// CSS without `/* … */` comments, blank lines and indentation (strings in the project's CSS
/// hold no comment markers, so a plain scan is enough).
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Writes everything `index.html` and the post-build step need into `out`: each language's
/// fragments, the head script, the stylesheet (from `style_dir`) and the consent revisions
/// (`out/consent/<revision>.json`).
pub fn render(site: &page::Site, style_dir: &Path, accent: &Accent, out: &Path) -> Result<(), SiteError> {
    std::fs::create_dir_all(out).map_err(|e| SiteError::new(out, e))?;
    write_if_changed(&out.join(STYLESHEET_FILE), &stylesheet(style_dir, accent)?)?;
    for page in &site.pages {
        let dir = out.join(page.lang.code());
        std::fs::create_dir_all(&dir).map_err(|e| SiteError::new(&dir, e))?;
        write_if_changed(&dir.join(HEAD_FILE), &page.head)?;
        write_if_changed(&dir.join(BODY_FILE), &page.body)?;
    }
    write_if_changed(
        &out.join(FIRST_PAINT_FILE),
        &crate::consent::first_paint::script(),
    )?;
    let consent = out.join(crate::consent::revision::DIRECTORY);
    if consent.exists() {
        std::fs::remove_dir_all(&consent).map_err(|e| SiteError::new(&consent, e))?;
    }
    std::fs::create_dir_all(&consent).map_err(|e| SiteError::new(&consent, e))?;
    for published in &site.revisions {
        write_if_changed(&out.join(published.path()), &published.json)?;
    }
    Ok(())
}

/// Where the brand's logo is written, below the rendered files and the site's root.
pub const BRAND_DIRECTORY: &str = "brand";

/// Writes the site folder's logo `file` (if any) into `out/brand/` under a name with its digest
/// (cached for a year, like every hashed file), and says how the header shows it. The directory
/// is made even without a logo: trunk copies it either way.
pub fn write_logo(file: Option<&Path>, out: &Path) -> Result<Option<page::BrandLogo>, SiteError> {
    use sha2::{Digest, Sha256};
    let dir = out.join(BRAND_DIRECTORY);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| SiteError::new(&dir, e))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| SiteError::new(&dir, e))?;
    let Some(file) = file else { return Ok(None) };
    let logo = site_folder::logo::read(file).map_err(|e| SiteError::new(file, e))?;
    let digest: String = Sha256::digest(&logo.bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let name = format!("logo-{digest}.{}", logo.extension);
    let path = dir.join(&name);
    std::fs::write(&path, &logo.bytes).map_err(|e| SiteError::new(&path, e))?;
    Ok(Some(page::BrandLogo {
        path: format!("{BRAND_DIRECTORY}/{name}"),
        width: logo.width,
        height: logo.height,
    }))
}

/// Leaves an unchanged file alone, so a file watcher sees no change and does not rebuild.
fn write_if_changed(path: &Path, content: &str) -> Result<(), SiteError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    std::fs::write(path, content).map_err(|e| SiteError::new(path, e))
}

/// The page of `lang`, made from trunk's Finnish page: the Finnish fragments and `<html lang>`
/// replaced by `lang`'s. Each must be found exactly once, or the build stops.
pub fn translate_page(index: &str, default: &page::Page, page: &page::Page) -> Result<String, String> {
    let mut html = index.to_owned();
    let swaps = [
        (
            format!("<html lang=\"{}\"", default.lang),
            format!("<html lang=\"{}\"", page.lang),
        ),
        (default.head.clone(), page.head.clone()),
        (default.body.clone(), page.body.clone()),
    ];
    for (what, (from, to)) in ["<html lang>", HEAD_FILE, BODY_FILE].iter().zip(swaps) {
        match html.matches(&from).count() {
            1 => html = html.replacen(&from, &to, 1),
            n => {
                return Err(format!(
                    "trunk's index.html holds the {} {what} {n} times, not once: does index.html inline it?",
                    default.lang
                ))
            }
        }
    }
    Ok(html)
}

/// Writes every other language's page next to trunk's Finnish `index.html` in `staging`
/// (`staging/en/index.html` …), reading the fragments `render` wrote into `rendered`.
pub fn pages(staging: &Path, rendered: &Path) -> Result<Vec<PathBuf>, SiteError> {
    let index_file = staging.join("index.html");
    let index = std::fs::read_to_string(&index_file).map_err(|e| SiteError::new(&index_file, e))?;
    let read = |lang: Lang| -> Result<page::Page, SiteError> {
        let dir = rendered.join(lang.code());
        let file = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| SiteError::new(&path, e))
        };
        Ok(page::Page {
            lang,
            head: file(HEAD_FILE)?,
            body: file(BODY_FILE)?,
        })
    };
    let default = read(Lang::default())?;
    let mut written = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::default()) {
        let html =
            translate_page(&index, &default, &read(lang)?).map_err(|e| SiteError::new(&index_file, e))?;
        let dir = staging.join(lang.code());
        std::fs::create_dir_all(&dir).map_err(|e| SiteError::new(&dir, e))?;
        let file = dir.join("index.html");
        std::fs::write(&file, html).map_err(|e| SiteError::new(&file, e))?;
        written.push(file);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: Lang, head: &str, body: &str) -> page::Page {
        page::Page {
            lang,
            head: head.into(),
            body: body.into(),
        }
    }

    #[test]
    fn a_translated_page_swaps_exactly_the_language_parts() {
        let index = "<!DOCTYPE html><html lang=\"fi\"><head><link href=\"/a-1.css\"><title>Fi</title></head>\
<body><p>suomeksi</p><script src=\"/x.js\"></script></body></html>";
        let fi = page(Lang::Fi, "<title>Fi</title>", "<p>suomeksi</p>");
        let en = page(Lang::En, "<title>En</title>", "<p>in English</p>");
        let out = translate_page(index, &fi, &en).unwrap();
        assert_eq!(
            out,
            "<!DOCTYPE html><html lang=\"en\"><head><link href=\"/a-1.css\"><title>En</title></head>\
<body><p>in English</p><script src=\"/x.js\"></script></body></html>"
        );
        let missing = translate_page(&index.replace("<p>suomeksi</p>", ""), &fi, &en).unwrap_err();
        assert!(missing.contains("body.html 0 times"), "{missing}");
    }

    #[test]
    fn the_stylesheet_loses_comments_not_rules() {
        assert_eq!(
            without_comments("/* a */\n.a { color: red; } /* b\n c */\n\n  .b::before { content: \"x\"; }\n"),
            ".a { color: red; }\n.b::before { content: \"x\"; }\n"
        );
        let real = stylesheet(
            &crate::workspace_root().join("style"),
            &accent("#0b5563", "#7fd0dc"),
        )
        .unwrap();
        assert!(!real.contains("/*") && real.contains(".consent-ask .consent"));
    }

    fn accent(light: &str, dark: &str) -> Accent {
        Accent {
            light: light.to_owned().into(),
            dark: dark.to_owned().into(),
        }
    }

    /// The site's accent is the last word on `--accent`, in both schemes: the stylesheet's own
    /// values come before it.
    #[test]
    fn the_sites_accent_overrides_the_stylesheets() {
        let css = stylesheet(
            &crate::workspace_root().join("style"),
            &accent("#7A1F5C", "#F0B8DA"),
        )
        .unwrap();
        let (own, site) = css.split_at(css.rfind(":root { --accent: #7a1f5c; }").expect("light accent"));
        assert!(own.contains("--accent:"), "the parts set their own accent first");
        assert!(
            site.contains("@media (prefers-color-scheme: dark) { :root { --accent: #f0b8da; } }"),
            "{site}"
        );
        assert_eq!(site.matches("--accent").count(), 2, "{site}");
    }

    #[test]
    fn an_accent_that_is_not_a_colour_never_reaches_the_stylesheet() {
        for bad in [
            "red",
            "#12345",
            "#1234567",
            "#12345g",
            "#fff;} body{display:none",
            "",
        ] {
            let error = accent_rules(&accent(bad, "#7fd0dc")).unwrap_err();
            assert!(error.message.contains("brand.accent.light"), "{bad}: {error}");
            let error = accent_rules(&accent("#0b5563", bad)).unwrap_err();
            assert!(error.message.contains("brand.accent.dark"), "{bad}: {error}");
        }
    }
}
