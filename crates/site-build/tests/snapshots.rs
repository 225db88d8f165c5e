//! Snapshots of each language's page as the build composes it from the site folder's
//! notices (of the repository's `site/`: another folder has its own pages), reviewed like code. A change shows up as a diff of the `.snap` files in
//! `tests/snapshots/`, committed with the change that causes it. A changed or missing snapshot
//! fails the test (scripts/test.sh sets `INSTA_UPDATE=no`, so CI never accepts one). After a
//! deliberate change, accept it with `INSTA_UPDATE=always cargo test --test snapshots` and read
//! `git diff` of the snapshots like code.

use std::path::Path;

use portal_core::request::controller::Controller;
use portal_core::vocabulary::FormAsset;
use site_build::site::{load_notices, page};

/// Snapshots live in `tests/snapshots/` under their own names (`page-fi-body.snap`), whatever
/// module or crate the test ends up in.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// Where the pages pretend to be, and a fixed name for the form's files (the build hashes them).
fn site_context() -> page::Context {
    page::Context {
        origin: "https://tietosuoja.example.fi".into(),
        controller: Controller::of_site(),
        brand_name: portal_core::SITE.brand.name.to_string(),
        brand_logo: None,
        consent_log: None,
        public_url: "/".into(),
        form_assets: vec![
            (FormAsset::Module, "form/request-form-0000.js".into()),
            (FormAsset::Wasm, "form/request-form-0000_bg.wasm".into()),
            (FormAsset::Style, "form/request-form-0000.css".into()),
            (FormAsset::Writer, "form/pdf-writer-0000.js".into()),
        ],
    }
}

#[test]
fn pages_from_the_notice_files() {
    let notices = load_notices(&site_build::site_folder().join("notice")).unwrap_or_else(|e| panic!("{e}"));
    let site = page::compose(&notices, &site_context()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(site.pages.len(), notices.len());
    settings().bind(|| {
        for page in &site.pages {
            insta::assert_snapshot!(format!("page-{}-head", page.lang), page.head);
            insta::assert_snapshot!(format!("page-{}-body", page.lang), page.body);
        }
    });
}
