//! What the customer has filled in: plain strings exactly as typed, so that nothing is lost
//! while it is still invalid. [`super::validate`] says what is wrong with it; the document and
//! the attached data are made from it only when it is valid.

use super::right::Right;
use super::validate::Field;
use crate::request::letter_lang::LetterLang;
use serde::{Deserialize, Serialize};

/// One item to correct (GDPR Art. 16).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// What the register says now.
    pub current: String,
    /// What it should say.
    pub corrected: String,
    /// Why.
    pub reason: String,
}

/// The format a customer prefers for data portability (GDPR Art. 20: structured, commonly used
/// and machine-readable).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PortableFormat {
    #[default]
    Csv,
    Json,
    Xml,
}

impl PortableFormat {
    pub const ALL: [PortableFormat; 3] = [PortableFormat::Csv, PortableFormat::Json, PortableFormat::Xml];

    pub const fn key(self) -> &'static str {
        match self {
            PortableFormat::Csv => "csv",
            PortableFormat::Json => "json",
            PortableFormat::Xml => "xml",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PortableFormat::Csv => "CSV",
            PortableFormat::Json => "JSON",
            PortableFormat::Xml => "XML",
        }
    }

    pub fn from_key(key: &str) -> Option<PortableFormat> {
        PortableFormat::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A point of a drawn signature, in the signature box's units: x right 0..=1000, y down
/// 0..=400 (the box's aspect ratio is 5:2).
pub type Point = (i32, i32);

/// Width and height of the signature box in its own units.
pub const SIGNATURE_BOX: (i32, i32) = (1000, 400);

/// How the customer signs. The GDPR requires no signature (Art. 12(2): the controller must
/// facilitate the exercise of the rights), so "no signature" is the default and always valid;
/// the letter then says plainly that it is not signed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signature {
    /// Not signed.
    #[default]
    None,
    /// Drawn with a mouse, pen or finger: the strokes, each a polyline (at least one stroke to be
    /// valid).
    Drawn(Vec<Vec<Point>>),
    /// Their name typed as a signature.
    Typed(String),
    /// An empty line to sign with a pen after printing.
    Pen,
}

impl Signature {
    pub const fn key(&self) -> &'static str {
        match self {
            Signature::None => "none",
            Signature::Drawn(_) => "drawn",
            Signature::Typed(_) => "typed",
            Signature::Pen => "pen",
        }
    }
}

/// The whole form. It crosses to the PDF writer's worker as serde data (JSON), so what arrives
/// there is checked as any outside input: unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub name: String,
    pub email: String,
    pub postal_address: String,
    pub phone: String,
    /// The organisation the customer represents (the register holds contact persons of companies).
    pub organisation: String,
    pub customer_number: String,
    /// The rights asked for, in [`Right::ALL`] order.
    pub rights: Vec<Right>,
    /// Access: optionally a period or the data categories.
    pub access_scope: String,
    /// Rectification: the items.
    pub corrections: Vec<Correction>,
    pub restriction_reason: String,
    pub objection_reason: String,
    pub portable_format: PortableFormat,
    /// Anything else the customer wants to say.
    pub message: String,
    /// The place of signing (optional; printed with the date).
    pub place: String,
    /// The language of the document, independent of the page's language.
    pub request_lang: LetterLang,
    pub signature: Signature,
}

impl Draft {
    /// An empty form whose document language starts as the page's language.
    pub fn new(request_lang: LetterLang) -> Draft {
        Draft {
            name: String::new(),
            email: String::new(),
            postal_address: String::new(),
            phone: String::new(),
            organisation: String::new(),
            customer_number: String::new(),
            rights: Vec::new(),
            access_scope: String::new(),
            corrections: vec![Correction::default()],
            restriction_reason: String::new(),
            objection_reason: String::new(),
            portable_format: PortableFormat::default(),
            message: String::new(),
            place: String::new(),
            request_lang,
            signature: Signature::default(),
        }
    }

    pub fn asks(&self, right: Right) -> bool {
        self.rights.contains(&right)
    }

    /// Ticks or unticks `right`, keeping [`Right::ALL`] order.
    pub fn set_right(&mut self, right: Right, on: bool) {
        self.rights.retain(|&r| r != right);
        if on {
            self.rights.push(right);
            self.rights
                .sort_by_key(|r| Right::ALL.iter().position(|x| x == r));
        }
    }

    /// The draft with every text field as [`Field::clean`] keeps it (what the form stores from
    /// what is typed or pasted).
    pub fn cleaned(&self) -> Draft {
        let mut d = self.clone();
        for (field, text) in [
            (Field::Name, &mut d.name),
            (Field::Email, &mut d.email),
            (Field::PostalAddress, &mut d.postal_address),
            (Field::Phone, &mut d.phone),
            (Field::Organisation, &mut d.organisation),
            (Field::CustomerNumber, &mut d.customer_number),
            (Field::AccessScope, &mut d.access_scope),
            (Field::RestrictionReason, &mut d.restriction_reason),
            (Field::ObjectionReason, &mut d.objection_reason),
            (Field::Message, &mut d.message),
            (Field::Place, &mut d.place),
        ] {
            *text = field.clean(text);
        }
        for (i, c) in d.corrections.iter_mut().enumerate() {
            c.current = Field::CorrectionCurrent(i).clean(&c.current);
            c.corrected = Field::CorrectionCorrected(i).clean(&c.corrected);
            c.reason = Field::CorrectionReason(i).clean(&c.reason);
        }
        if let Signature::Typed(typed) = &mut d.signature {
            *typed = Field::SignatureTyped.clean(typed);
        }
        d
    }

    /// The draft as the letter prints it: each line of each text field wrapped in a first-strong
    /// isolate (U+2068 … U+2069), so that nothing typed in it (an Arabic or Hebrew name, an
    /// unterminated override such as `Turku\u{202E}`) reorders the letter's own words or another
    /// field on the same line (the place and the date). The isolates order the line and draw
    /// nothing; `request.json` keeps the text as typed.
    pub fn isolated(&self) -> Draft {
        let mut d = self.clone();
        for text in [
            &mut d.name,
            &mut d.email,
            &mut d.postal_address,
            &mut d.phone,
            &mut d.organisation,
            &mut d.customer_number,
            &mut d.access_scope,
            &mut d.restriction_reason,
            &mut d.objection_reason,
            &mut d.message,
            &mut d.place,
        ] {
            *text = isolate(text);
        }
        for c in &mut d.corrections {
            for text in [&mut c.current, &mut c.corrected, &mut c.reason] {
                *text = isolate(text);
            }
        }
        if let Signature::Typed(typed) = &mut d.signature {
            *typed = isolate(typed);
        }
        d
    }

    /// The rectification items that say anything (blank rows are ignored).
    pub fn filled_corrections(&self) -> impl Iterator<Item = &Correction> {
        self.corrections.iter().filter(|c| {
            !(c.current.trim().is_empty() && c.corrected.trim().is_empty() && c.reason.trim().is_empty())
        })
    }
}

/// Each line of `text` with what it says (not its leading and trailing white space, so that
/// trimming and blank checks see the same text) between FIRST STRONG ISOLATE and POP DIRECTIONAL
/// ISOLATE.
pub fn isolate(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let content = line.trim();
            if content.is_empty() {
                return line.to_owned();
            }
            let start = line.len() - line.trim_start().len();
            let end = start + content.len();
            format!("{}\u{2068}{content}\u{2069}{}", &line[..start], &line[end..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}
