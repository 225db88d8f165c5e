//! Snapshots of what the portal writes, reviewed like code: each language's page as the build
//! composes it from the real notice files, and the request letter's text in each letter language
//! for one fixed request. A change to the pages or the letter shows up as a diff of the `.snap`
//! files in `tests/snapshots/`, which is committed with the change that causes it.
//!
//! A changed or missing snapshot fails the test: by default (`INSTA_UPDATE` unset or `auto`)
//! insta writes the new text beside the old as a `.snap.new` file (nothing at all when `CI` is
//! set) and panics. After a deliberate change, accept it with
//! `INSTA_UPDATE=always cargo test --test snapshots` (or `cargo insta review`) and read
//! `git diff tests/snapshots/` like code. A CI that set `INSTA_UPDATE=always` (or `force`,
//! `unseen`) or `INSTA_FORCE_PASS` would accept any change, so with `CI` set these fail the test.

use std::path::Path;

use privacy_portal::date::{Date, Instant};
use privacy_portal::request::document;
use privacy_portal::request::draft::{Correction, Draft, Signature};
use privacy_portal::request::letter_lang::LetterLang;
use privacy_portal::request::record::{Context, Recipient};
use privacy_portal::request::right::Right;
use privacy_portal::site::{load_notices, page};
use privacy_portal::vocabulary::FormAsset;

/// In CI, insta must not accept snapshots (insta's own test of "CI": `CI` set to anything but
/// `false`, `0` or nothing, or `TF_BUILD` set).
fn refuse_accepting_in_ci() {
    let ci = match std::env::var("CI").as_deref() {
        Ok("false" | "0" | "") => false,
        Ok(_) => true,
        Err(_) => std::env::var_os("TF_BUILD").is_some(),
    };
    if !ci {
        return;
    }
    let update = std::env::var("INSTA_UPDATE").unwrap_or_default();
    assert!(
        matches!(update.as_str(), "" | "auto" | "no" | "new"),
        "INSTA_UPDATE={update} in CI would accept changed snapshots instead of failing"
    );
    let force_pass = std::env::var("INSTA_FORCE_PASS").unwrap_or_default();
    assert!(
        matches!(force_pass.as_str(), "" | "0"),
        "INSTA_FORCE_PASS={force_pass} in CI would pass changed snapshots"
    );
}

/// Snapshots live in `tests/snapshots/` under their own names (`page-fi-body.snap`), whatever
/// module or crate the test ends up in.
fn settings() -> insta::Settings {
    refuse_accepting_in_ci();
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
    let notices =
        load_notices(&Path::new(env!("CARGO_MANIFEST_DIR")).join("notice")).unwrap_or_else(|e| panic!("{e}"));
    let site = page::compose(&notices, &site_context()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(site.pages.len(), notices.len());
    settings().bind(|| {
        for page in &site.pages {
            insta::assert_snapshot!(format!("page-{}-head", page.lang), page.head);
            insta::assert_snapshot!(format!("page-{}-body", page.lang), page.body);
        }
    });
}

/// One request with every right, every optional field filled, on a fixed date with a fixed
/// reference: the letter's whole wording shows in its snapshot.
fn request(lang: LetterLang) -> (Draft, Context) {
    let mut draft = Draft::new(lang);
    draft.name = "Åsa Łukasiewicz-Žemaitė".into();
    draft.email = "asa@example.fi".into();
    draft.postal_address = "Esimerkkikatu 1 A 2, 20100 Turku".into();
    draft.phone = "040 123 4567".into();
    draft.organisation = "Esimerkki Oy".into();
    draft.customer_number = "12345".into();
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
    let context = Context::new(
        "SAF-04HM-ASW9".into(),
        Date::new(2026, 11, 25).unwrap(),
        Instant(1_795_609_800_000),
        Recipient {
            name: "Safrent Oy".into(),
            address: "Viilarinkatu 5, Turku".into(),
            phone: "044 978 5594".into(),
            email: "mirette.leppa@safrent.fi".into(),
            contact_person: "Mirette Leppä".into(),
        },
        "Asiakasrekisteri".into(),
    );
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
