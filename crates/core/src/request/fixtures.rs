//! The request's test fixtures (a recipient, a filled-in draft), shared by the tests of the
//! core, the PDF writer and the letter: one place for them. Not used by the modules themselves.

use crate::date::{Date, Instant};
use crate::request::draft::{Correction, Draft, Signature};
use crate::request::letter_lang::LetterLang;
use crate::request::record::{Context, Recipient};
use crate::request::right::Right;

pub fn context() -> Context {
    Context::new(
        "SAF-04HM-ASW9".into(),
        Date::new(2026, 11, 25).unwrap(),
        Instant(1_795_609_800_000),
        Recipient {
            name: "Esimerkki Oy".into(),
            address: "Esimerkkitie 5, Lahti".into(),
            phone: "040 123 4567".into(),
            email: "tietosuoja@esimerkki.fi".into(),
            contact_person: "Maija Mäkelä".into(),
        },
        "Asiakasrekisteri".into(),
    )
}

pub fn draft() -> Draft {
    let mut draft = Draft::new(LetterLang::Fi);
    draft.sender.name = "Åsa Łukasiewicz-Žemaitė".into();
    draft.sender.email = "asa@example.fi".into();
    draft.rights = vec![Right::Access, Right::Rectification, Right::Portability];
    draft.corrections = vec![
        Correction {
            current: "Vanha katu 1".into(),
            corrected: "Uusi katu 2".into(),
            reason: "Muutin.".into(),
        },
        Correction::default(),
    ];
    draft.signature = Signature::Drawn(vec![vec![(10, 20), (30, 40)], vec![(50, 60)]]);
    draft
}
