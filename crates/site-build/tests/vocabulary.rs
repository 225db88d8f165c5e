//! The names build-time markup and run-time code share (`portal_core::vocabulary`), checked
//! against the files that use them outside Rust: the stylesheets.

use portal_core::vocabulary::*;

fn read(path: &str) -> String {
    std::fs::read_to_string(site_build::workspace_root().join(path)).unwrap()
}

#[test]
fn the_stylesheet_keys_on_the_names_the_code_sets() {
    let css: String = site_build::site::STYLESHEETS
        .iter()
        .map(|name| read(&format!("style/{name}")))
        .collect();
    for selector in [
        format!(".{ASK_CLASS} .consent"),
        format!(".{GPC_CLASS} .consent__note--gpc"),
        format!(".{NO_STORAGE_CLASS} .consent__note--no-storage"),
        format!(".{JS_CLASS} .needs-js"),
        format!(
            "[{ASK_REASON_ATTRIBUTE}=\"{}\"] .consent__note--changed",
            portal_core::consent::record::Ask::Changed.key()
        ),
        format!(
            "[{ASK_REASON_ATTRIBUTE}=\"{}\"] .consent__note--expired",
            portal_core::consent::record::Ask::Expired.key()
        ),
        format!("@media {}", portal_core::notice::WIDE_SCREEN_QUERY),
    ] {
        assert!(css.contains(&selector), "style/ has no rule for {selector}");
    }
    for note in site_build::consent::markup::Note::ALL {
        assert!(css.contains(note.class()), "{note:?}");
    }
}
