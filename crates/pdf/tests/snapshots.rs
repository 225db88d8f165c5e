//! Snapshots of the request letter's text in each letter language for one fixed request, reviewed like code. A change shows up as a diff of the `.snap` files in
//! `tests/snapshots/`, committed with the change that causes it. A changed or missing snapshot
//! fails the test (scripts/test.sh sets `INSTA_UPDATE=no`, so CI never accepts one). After a
//! deliberate change, accept it with `INSTA_UPDATE=always cargo test --test snapshots` and read
//! `git diff` of the snapshots like code.

use std::path::Path;

use portal_core::request::draft::{Correction, Draft, Signature};
use portal_core::request::fixtures;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::record::Context;
use portal_core::request::right::Right;
use portal_pdf::document;

/// Snapshots live in `tests/snapshots/` under their own names (`page-fi-body.snap`), whatever
/// module or crate the test ends up in.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// One request with every right, every optional field filled, on a fixed date with a fixed
/// reference: the letter's whole wording shows in its snapshot.
fn request(lang: LetterLang) -> (Draft, Context) {
    let mut draft = Draft::new(lang);
    draft.sender.name = "Åsa Łukasiewicz-Žemaitė".into();
    draft.sender.email = "asa@example.fi".into();
    draft.sender.postal_address = "Esimerkkikatu 1 A 2, 20100 Turku".into();
    draft.sender.phone = "040 123 4567".into();
    draft.sender.organisation = "Esimerkki Oy".into();
    draft.sender.customer_number = "12345".into();
    draft.rights = Right::ALL.to_vec();
    draft.access_scope = "2024–2026".into();
    draft.corrections = vec![Correction {
        current: "Vanha katu 1".into(),
        corrected: "Uusi katu 2".into(),
        reason: "Muutin.".into(),
    }];
    draft.restriction_reason = "Tiedot ovat virheellisiä.".into();
    draft.objection_reason = "Erityinen tilanne.".into();
    draft.message = "Kiitos.".into();
    draft.place = "Turku".into();
    draft.signature = Signature::Typed("Åsa Ł.-Ž.".into());
    let context = fixtures::context();
    (draft, context)
}

/// The letter's text in each language the controller accepts letters in (the Swedish page's
/// visitors write in Finnish or English: `LetterLang`).
#[test]
fn the_letter_in_each_letter_language() {
    settings().bind(|| {
        for lang in LetterLang::ALL {
            let (draft, context) = request(lang);
            let text = document::compose(&draft, &context, "ab12").plain_text();
            insta::assert_snapshot!(format!("letter-{}", lang.code()), text);
        }
    });
}
