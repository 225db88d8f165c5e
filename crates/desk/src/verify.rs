//! Checking a received request (issue 18, point 2) as a pure function of what the desk read from
//! the PDF: the bytes of the attached `request.json` and the letter's extracted text. The form
//! writes the file with `portal_core::request::record::bytes` and prints its SHA-256 in the
//! letter's last lines (`portal_pdf::document::compose`); a request whose file and letter still
//! say the same thing is returned as a [`Received`], anything else as the list of what no longer
//! matches. Nothing here panics, whatever the bytes or the text (a property test feeds it
//! arbitrary ones).
//!
//! The letter's text is compared after removing white space and the invisible direction and
//! joining marks the writer and text extractors add (line breaks fall where the layout wrapped,
//! poppler wraps right-to-left lines in embedding marks), so a wrapped name or digest still
//! matches, and any other change does not.

use portal_core::date::Date;
use portal_core::request::deadline::response_deadline;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::record::{self, Recipient, Record, RightRecord, Sender, SignatureRecord, FORMAT};
use portal_core::request::right::Right;
use serde::Deserialize;

/// The format names the portal has written, without their version.
const FORMAT_NAME: &str = "privacy-portal-request/";

/// How the request was signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureKind {
    /// Not signed (the GDPR does not require a signature, Art. 12(2)).
    None,
    /// Drawn in the form.
    Drawn,
    /// The name typed in the form.
    Typed,
    /// Left blank to be signed by hand on paper.
    Pen,
}

/// A request whose `request.json` and letter agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    record: Record,
    created: Date,
    digest: String,
}

impl Received {
    /// The whole record, as the form wrote it.
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// The request's reference, e.g. `SAF-04HM-ASW9`.
    pub fn reference(&self) -> &str {
        &self.record.reference
    }

    /// Who makes the request, with the contact details they gave.
    pub fn who(&self) -> &Sender {
        &self.record.sender
    }

    /// The rights asked for, each with its details (scope, items, reason, format).
    pub fn rights(&self) -> &[RightRecord] {
        &self.record.rights
    }

    pub fn signature(&self) -> SignatureKind {
        match self.record.signature {
            SignatureRecord::None => SignatureKind::None,
            SignatureRecord::Drawn { .. } => SignatureKind::Drawn,
            SignatureRecord::Typed { .. } => SignatureKind::Typed,
            SignatureRecord::Pen => SignatureKind::Pen,
        }
    }

    /// The language of the letter, and so of the replies.
    pub fn lang(&self) -> LetterLang {
        self.record.lang
    }

    /// The day the customer made the request (not the day it was received).
    pub fn created(&self) -> Date {
        self.created
    }

    /// The SHA-256 of `request.json` (hex), equal to the one printed in the letter.
    pub fn digest(&self) -> &str {
        &self.digest
    }
}

/// Where the file was wrong, or what the letter says differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// `request.json` is not JSON (not UTF-8, cut short, a syntax error), at this line and column
    /// (1-based; 0 when the error has no position).
    Malformed {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON, but not a request the portal wrote: no `format`, or another format (`found`).
    NotFromPortal { found: Option<String> },
    /// A portal request of a format version this desk does not read.
    UnsupportedVersion { found: String },
    /// The portal's format, but a field is missing, extra or of the wrong kind.
    BadField { detail: String },
    /// A value inside the file contradicts another one (a date that is no day, the deadline
    /// written is not the one computed from the creation date, an article that is not the
    /// right's).
    Inconsistent { field: String, detail: String },
    /// The letter prints no SHA-256 digest.
    DigestNotInLetter,
    /// The digest printed in the letter is not the digest of the attached file: one of them
    /// was changed after the form made them.
    DigestDiffers { printed: String, actual: String },
    /// The letter is not in the file's language (`letter`: the language the letter's title is
    /// in, if it has a known title).
    LanguageDiffers {
        file: LetterLang,
        letter: Option<LetterLang>,
    },
    /// The letter's reference is not the file's (`letter`: the one the letter shows, if any).
    ReferenceDiffers { file: String, letter: Option<String> },
    /// The name in the file is not in the letter's letterhead and signature.
    NameNotInLetter { name: String },
    /// A right asked for in the file is not in the letter.
    RightNotInLetter { right: Right },
    /// The letter asks for a right the file does not.
    RightNotInFile { right: Right },
    /// A detail of a right in the file (scope, rectification item, reason) is not in the letter.
    DetailNotInLetter { right: Right, detail: String },
    /// Another of the file's texts (the sender's e-mail, postal address, phone, organisation or
    /// customer number, the message, the place) is not in the letter; `field` is its name in
    /// `request.json`.
    TextNotInLetter { field: &'static str, value: String },
    /// The request is addressed to another controller than the desk's (`controller` and `email`
    /// as the file names them).
    OtherController { controller: String, email: String },
}

/// Checks a received request: `json`, the bytes of the PDF's `request.json`; `text`, the
/// letter's text as extracted from the PDF; `ours`, the controller the desk works for (the site
/// folder's, `Recipient::from(&Controller::of_site())`).
///
/// This checks that the file and the letter agree with each other and were made for `ours`:
/// consistency, not identity. Whether the person is who the letter says is the controller's
/// judgement; it may ask for more information only when it has reasonable doubts (GDPR
/// Art. 12(6)).
pub fn verify(json: &[u8], text: &str, ours: &Recipient) -> Result<Received, Vec<Mismatch>> {
    let letter = Letter::new(text);
    let digest = record::sha256_hex(json);
    let mut mismatches = Vec::new();
    match letter.digest() {
        None => mismatches.push(Mismatch::DigestNotInLetter),
        Some(printed) if printed != digest => mismatches.push(Mismatch::DigestDiffers {
            printed,
            actual: digest.clone(),
        }),
        Some(_) => {}
    }
    let record = match read(json) {
        Ok(record) => record,
        Err(mismatch) => {
            mismatches.insert(0, mismatch);
            return Err(mismatches);
        }
    };
    let created = consistent(&record, &mut mismatches);
    compare(&record, &letter, &mut mismatches);
    let recipient = &record.recipient;
    if recipient.controller != ours.name || recipient.email != ours.email {
        mismatches.push(Mismatch::OtherController {
            controller: recipient.controller.clone(),
            email: recipient.email.clone(),
        });
    }
    match created {
        Some(created) if mismatches.is_empty() => Ok(Received {
            record,
            created,
            digest,
        }),
        _ => Err(mismatches),
    }
}

/// `request.json` read as the portal's format, or why not.
fn read(json: &[u8]) -> Result<Record, Mismatch> {
    /// Only the format's name, whatever else the object holds.
    #[derive(Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let value: serde_json::Value = serde_json::from_slice(json).map_err(|e| Mismatch::Malformed {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })?;
    let found = match serde_json::from_value::<Probe>(value) {
        Ok(Probe {
            format: Some(serde_json::Value::String(found)),
        }) => found,
        Ok(Probe { format: Some(other) }) => {
            return Err(Mismatch::NotFromPortal {
                found: Some(other.to_string()),
            })
        }
        // Not an object, or no format.
        _ => return Err(Mismatch::NotFromPortal { found: None }),
    };
    if found != FORMAT {
        return Err(if found.starts_with(FORMAT_NAME) {
            Mismatch::UnsupportedVersion { found }
        } else {
            Mismatch::NotFromPortal { found: Some(found) }
        });
    }
    record::parse(json).map_err(|e| Mismatch::BadField {
        detail: e.to_string(),
    })
}

/// Checks the values that depend on each other inside the file; the creation date if it is one.
fn consistent(record: &Record, mismatches: &mut Vec<Mismatch>) -> Option<Date> {
    let mut inconsistent = |field: &str, detail: String| {
        mismatches.push(Mismatch::Inconsistent {
            field: field.to_owned(),
            detail,
        })
    };
    for right in &record.rights {
        if right.article != right.right.article() {
            inconsistent(
                "rights",
                format!(
                    "{} is Article {}, not {}",
                    right.right.key(),
                    right.right.article(),
                    right.article
                ),
            );
        }
    }
    let created = match Date::parse_iso(&record.created) {
        Ok(created) => created,
        Err(e) => {
            inconsistent("created", e.to_string());
            return None;
        }
    };
    let deadline = response_deadline(created);
    let written = &record.deadline;
    for (field, written, computed) in [
        ("deadline.if_received", &written.if_received, deadline.received),
        ("deadline.due", &written.due, deadline.due),
        ("deadline.extended", &written.extended, deadline.extended),
    ] {
        if *written != computed.iso() {
            inconsistent(
                field,
                format!(
                    "{written:?}, but a request made on {} gives {}",
                    created.iso(),
                    computed.iso()
                ),
            );
        }
    }
    Some(created)
}

/// What the letter must say for the file's request.
fn compare(record: &Record, letter: &Letter, mismatches: &mut Vec<Mismatch>) {
    let lang = record.lang;
    let letter_lang = letter.lang();
    if letter_lang != Some(lang) {
        mismatches.push(Mismatch::LanguageDiffers {
            file: lang,
            letter: letter_lang,
        });
    }
    // The letterhead's reference ("Viite SAF-…", "Reference SAF-…"), in either language.
    let references = letter.references();
    let reference = record.reference.as_str();
    if let Some(other) = references.iter().find(|r| r.as_str() != reference) {
        mismatches.push(Mismatch::ReferenceDiffers {
            file: reference.to_owned(),
            letter: Some(other.clone()),
        });
    } else if references.is_empty() || reference.is_empty() {
        mismatches.push(Mismatch::ReferenceDiffers {
            file: reference.to_owned(),
            letter: None,
        });
    }
    // The letterhead's first line (the first text of the letter, whichever way it is extracted)
    // and the name under the signature: at least twice.
    let name = record.sender.name.as_str();
    if !letter.starts_with(name) || letter.count(name) < 2 {
        mismatches.push(Mismatch::NameNotInLetter {
            name: name.to_owned(),
        });
    }
    let asked: Vec<Right> = record.rights.iter().map(|r| r.right).collect();
    for right in Right::ALL {
        // The heading "2. Oikeus tietojen oikaisemiseen (16 artikla)", in the file's language.
        let heading = format!("{} ({})", right.name().get(lang), right.cited(lang));
        match (asked.contains(&right), letter.count(&heading) > 0) {
            (true, false) => mismatches.push(Mismatch::RightNotInLetter { right }),
            (false, true) => mismatches.push(Mismatch::RightNotInFile { right }),
            _ => {}
        }
    }
    let s = &record.sender;
    let texts = [
        ("sender.email", &s.email),
        ("sender.postal_address", &s.postal_address),
        ("sender.phone", &s.phone),
        ("sender.organisation", &s.organisation),
        ("sender.customer_number", &s.customer_number),
        ("message", &record.message),
        ("place", &record.place),
    ];
    for (field, value) in texts {
        // An address is printed a line per line or comma-separated part: each part is looked for.
        let parts = value.split(['\n', ',']).map(str::trim).filter(|p| !p.is_empty());
        if parts.into_iter().any(|part| letter.count(part) == 0) {
            mismatches.push(Mismatch::TextNotInLetter {
                field,
                value: value.clone(),
            });
        }
    }
    for right in &record.rights {
        let items = right.items.iter().flatten();
        let details = right
            .scope
            .iter()
            .chain(&right.reason)
            .chain(items.flat_map(|i| [&i.current, &i.corrected, &i.reason]));
        for detail in details {
            if letter.count(detail) == 0 {
                mismatches.push(Mismatch::DetailNotInLetter {
                    right: right.right,
                    detail: detail.clone(),
                });
            }
        }
    }
}

/// The letter's text, as extracted and without white space and invisible marks.
struct Letter {
    text: String,
    compact: String,
}

/// Characters that carry no text: white space, direction marks, embeddings, overrides and
/// isolates, joiners, the byte order mark and the soft hyphen.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks, with their
/// presentation forms.
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        || matches!(c, '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// A letter of a left-to-right script (digits and punctuation are neither).
fn left_to_right(c: char) -> bool {
    c.is_alphabetic() && !right_to_left(c)
}

/// Each line of `text` in visual order (UAX #9), as one line of the letter draws it (lopdf's
/// order); with `runs`, its directional runs in visual order but each run's letters in logical
/// order (poppler's). The letter isolates each field (its first strong character decides its
/// direction), as `BidiInfo` does here with no default direction.
fn visual_lines(text: &str, runs: bool) -> String {
    text.lines()
        .map(|line| {
            let info = unicode_bidi::BidiInfo::new(line, None);
            info.paragraphs
                .iter()
                .map(|p| {
                    if runs {
                        let (_, runs) = info.visual_runs(p, p.range.clone());
                        runs.iter().map(|r| &line[r.clone()]).collect::<String>()
                    } else {
                        info.reorder_line(p, p.range.clone()).into_owned()
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn compact(text: &str) -> String {
    text.chars().filter(|&c| !invisible(c)).collect()
}

impl Letter {
    fn new(text: &str) -> Letter {
        Letter {
            text: text.to_owned(),
            compact: compact(text),
        }
    }

    /// How often `needle` occurs (without overlapping); an empty needle is found once. Text that
    /// is all right-to-left (an Arabic or Hebrew name) is also found in visual order, reversed, as
    /// extractors that keep the glyphs' drawing order give it (lopdf does; poppler reorders).
    fn count(&self, needle: &str) -> usize {
        self.forms(needle)
            .map(|form| {
                if form.is_empty() {
                    1
                } else {
                    self.compact.matches(form.as_str()).count()
                }
            })
            .max()
            .unwrap_or(0)
    }

    /// Whether the letter's first text is `needle` (in either order, as [`Letter::count`]).
    fn starts_with(&self, needle: &str) -> bool {
        self.forms(needle)
            .any(|form| self.compact.starts_with(form.as_str()))
    }

    /// `needle` compacted, and also in visual order if it has right-to-left letters: reversed
    /// whole if it has no left-to-right ones, else each line as the Unicode bidirectional
    /// algorithm lays it out (a Latin message with an Arabic word: the word's letters reversed in
    /// place), as an extractor that keeps the glyphs' drawing order gives it.
    fn forms(&self, needle: &str) -> impl Iterator<Item = String> {
        let logical = compact(needle);
        let any_rtl = logical.chars().any(right_to_left);
        let reversed =
            (any_rtl && !logical.chars().any(left_to_right)).then(|| logical.chars().rev().collect());
        let visual = any_rtl.then(|| compact(&visual_lines(needle, false)));
        let runs = any_rtl.then(|| compact(&visual_lines(needle, true)));
        std::iter::once(logical).chain(reversed).chain(visual).chain(runs)
    }

    /// The letter's language, from its title.
    fn lang(&self) -> Option<LetterLang> {
        let fi = self.count("Tietosuojaan liittyvä pyyntö") > 0;
        let en = self.count("Data protection request") > 0 && self.count("SHA-256 digest:") > 0;
        match (fi, en) {
            (true, false) => Some(LetterLang::Fi),
            (false, true) => Some(LetterLang::En),
            _ => None,
        }
    }

    /// The text after each `label`, from its first visible character.
    fn after<'a>(&'a self, label: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.text
            .match_indices(label)
            .map(move |(at, _)| self.text[at + label.len()..].trim_start_matches(invisible))
    }

    /// The digest after the letter's "SHA-256-tiiviste:" or "SHA-256 digest:": up to 64 hex
    /// digits, which a narrow column may have wrapped.
    fn digest(&self) -> Option<String> {
        ["SHA-256-tiiviste:", "SHA-256 digest:"]
            .iter()
            .flat_map(|label| self.after(label))
            .map(|rest| {
                rest.chars()
                    .filter(|&c| !invisible(c))
                    .take_while(char::is_ascii_hexdigit)
                    .take(64)
                    .collect::<String>()
                    .to_ascii_lowercase()
            })
            .find(|hex| !hex.is_empty())
    }

    /// Every code after "Viite" or "Reference" in the letterhead (letters, digits and hyphens,
    /// with at least one hyphen: not a word that happens to follow).
    fn references(&self) -> Vec<String> {
        ["Viite", "Reference"]
            .iter()
            .flat_map(|label| self.after(label))
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect::<String>()
            })
            .filter(|code| code.contains('-'))
            .collect()
    }
}
