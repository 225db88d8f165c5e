//! The site build behind `Trunk.toml`'s hooks (the `site-build` binary): the notices' front matter
//! and Markdown into every language's page, the consent banner's markup, revisions and head script,
//! the headers and the deploy configurations. It links no PDF or font library (the fonts are
//! `portal-fonts`'s).
//!
//! - [`notice`], the front matter (serde + TOML), slugs, rendering (pulldown-cmark);
//! - [`consent`], the banner's markup, the cookie tables, the revisions, the head script;
//! - [`site`], the pages, the headers (one source), the per-language pages;
//! - [`html`], escaping.

pub mod consent;
pub mod html;
pub mod notice;
pub mod site;

/// The workspace's root folder (two above this crate): where `deploy/`, `style/`, `target/` and
/// the default site folder are.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The site folder this build is of: `$PORTAL_SITE` (absolute, or relative to the workspace's
/// root), by default `site/`.
pub fn site_folder() -> std::path::PathBuf {
    let root = workspace_root();
    match std::env::var_os("PORTAL_SITE") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("site"),
    }
}
