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

/// Who makes the request: the customer's details, typed into the form, printed in the letter and
/// attached in `request.json` (as [`super::record::Record::sender`], trimmed). One shape for the
/// form's state, the draft and the record. Only the name is required (validation says so).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "store", derive(reactive_stores::Store))]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub name: String,
    pub email: String,
    pub postal_address: String,
    pub phone: String,
    /// The organisation the customer represents (the register holds contact persons of companies).
    pub organisation: String,
    pub customer_number: String,
}

impl Sender {
    /// Each detail without the spaces around it, as the letter prints it and `request.json` holds it.
    pub fn trimmed(&self) -> Sender {
        let t = |text: &String| text.trim().to_owned();
        Sender {
            name: t(&self.name),
            email: t(&self.email),
            postal_address: t(&self.postal_address),
            phone: t(&self.phone),
            organisation: t(&self.organisation),
            customer_number: t(&self.customer_number),
        }
    }

    /// The details as texts, in the form's order.
    pub fn texts(&self) -> [&String; 6] {
        [
            &self.name,
            &self.email,
            &self.postal_address,
            &self.phone,
            &self.organisation,
            &self.customer_number,
        ]
    }
}

/// The whole form. It crosses to the PDF writer's worker as serde data (JSON), so what arrives
/// there is checked as any outside input: unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub sender: Sender,
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
            sender: Sender::default(),
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
            (Field::Name, &mut d.sender.name),
            (Field::Email, &mut d.sender.email),
            (Field::PostalAddress, &mut d.sender.postal_address),
            (Field::Phone, &mut d.sender.phone),
            (Field::Organisation, &mut d.sender.organisation),
            (Field::CustomerNumber, &mut d.sender.customer_number),
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
            &mut d.sender.name,
            &mut d.sender.email,
            &mut d.sender.postal_address,
            &mut d.sender.phone,
            &mut d.sender.organisation,
            &mut d.sender.customer_number,
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
            let content = balance(content);
            format!("{}\u{2068}{content}\u{2069}{}", &line[..start], &line[end..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How deep the direction controls typed in one line may nest: far below the Unicode
/// Bidirectional Algorithm's limit of 125, so that the letter's own isolate always takes effect.
pub const MAX_DIRECTION_DEPTH: usize = 8;

/// `line` with its explicit direction controls (embeddings, overrides, isolates) paired as the
/// Unicode Bidirectional Algorithm pairs them, so that the line can close nothing it did not open
/// and leaves nothing open behind it: a POP DIRECTIONAL FORMATTING or POP DIRECTIONAL ISOLATE
/// with no opener is dropped, an isolate's closer first closes the embeddings still open inside
/// it, what is open at the end (or at a paragraph separator) is closed there, and openers deeper
/// than [`MAX_DIRECTION_DEPTH`] are dropped with their closers. Every other character is kept.
pub fn balance(line: &str) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Embedding,
        Isolate,
    }
    const PDF: char = '\u{202C}';
    const PDI: char = '\u{2069}';
    fn close(out: &mut String, open: &mut Vec<(Kind, bool)>, down_to: usize) {
        while open.len() > down_to {
            if let Some((kind, true)) = open.pop() {
                out.push(if kind == Kind::Embedding { PDF } else { PDI });
            }
        }
    }
    let mut out = String::with_capacity(line.len() + 8);
    // The openers in force, innermost last, each with whether it was kept. The kept ones are
    // always the outermost: once one is dropped, everything inside it is too.
    let mut open: Vec<(Kind, bool)> = Vec::new();
    for c in line.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}' => {
                let kind = if c >= '\u{2066}' {
                    Kind::Isolate
                } else {
                    Kind::Embedding
                };
                let kept = open.len() < MAX_DIRECTION_DEPTH;
                open.push((kind, kept));
                if kept {
                    out.push(c);
                }
            }
            PDF => {
                // It closes the innermost embedding, and never reaches out of an isolate.
                if let Some(&(Kind::Embedding, kept)) = open.last() {
                    open.pop();
                    if kept {
                        out.push(PDF);
                    }
                }
            }
            PDI => {
                if let Some(at) = open.iter().rposition(|&(kind, _)| kind == Kind::Isolate) {
                    close(&mut out, &mut open, at + 1);
                    if let Some((_, true)) = open.pop() {
                        out.push(PDI);
                    }
                }
            }
            // A paragraph separator ends every embedding and isolate.
            '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}' => {
                close(&mut out, &mut open, 0);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    close(&mut out, &mut open, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether every explicit direction control of `s` is paired, well nested (a closer closes
    /// the innermost opener, of its own kind), and no deeper than `max`.
    fn paired(s: &str, max: usize) -> bool {
        let mut open = Vec::new();
        for c in s.chars() {
            match c {
                '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(false),
                '\u{2066}'..='\u{2068}' => open.push(true),
                '\u{202C}' if open.pop() != Some(false) => return false,
                '\u{2069}' if open.pop() != Some(true) => return false,
                _ => {}
            }
            if open.len() > max {
                return false;
            }
        }
        open.is_empty()
    }

    /// The embedding level of the last character of `after` when it follows `text` in a
    /// left-to-right paragraph.
    fn level_after(text: &str, after: char) -> u8 {
        use unicode_bidi::{BidiInfo, Level};
        let whole = format!("{text}{after}");
        let info = BidiInfo::new(&whole, Some(Level::ltr()));
        info.levels[whole.len() - 1].number()
    }

    #[test]
    fn a_closer_with_no_opener_is_dropped() {
        assert_eq!(balance("Turku\u{2069}\u{202E}"), "Turku\u{202E}\u{202C}");
        assert_eq!(balance("a\u{202C}b"), "ab");
        // An embedding's closer does not reach out of an isolate.
        assert_eq!(balance("\u{2067}a\u{202C}b"), "\u{2067}ab\u{2069}");
    }

    #[test]
    fn what_is_left_open_is_closed_at_the_end_of_the_line() {
        assert_eq!(
            balance("\u{202E}Åsa\u{202B}"),
            "\u{202E}Åsa\u{202B}\u{202C}\u{202C}"
        );
        assert_eq!(
            balance("\u{2067}a\u{202A}b\u{2069}c"),
            "\u{2067}a\u{202A}b\u{202C}\u{2069}c"
        );
        assert_eq!(balance("a\u{2068}b\u{2029}c"), "a\u{2068}b\u{2069}\u{2029}c");
    }

    #[test]
    fn the_depth_is_capped_and_deeper_closers_go_with_their_openers() {
        let deep = format!("{}x{}y", "\u{2067}".repeat(130), "\u{2069}".repeat(130));
        let balanced = balance(&deep);
        assert_eq!(
            balanced,
            format!(
                "{}x{}y",
                "\u{2067}".repeat(MAX_DIRECTION_DEPTH),
                "\u{2069}".repeat(MAX_DIRECTION_DEPTH)
            )
        );
        assert_eq!(
            balance(&"\u{2067}".repeat(200)).chars().count(),
            2 * MAX_DIRECTION_DEPTH
        );
    }

    #[test]
    fn text_and_balanced_controls_are_kept_as_they_are() {
        for line in ["Turku", "\u{2067}القاهرة\u{2069} 5", "a\u{202B}b\u{202C}c", ""] {
            assert_eq!(balance(line), line);
        }
    }

    #[test]
    fn a_stray_isolate_closer_no_longer_lets_an_override_reach_the_date() {
        let place = isolate("Turku\u{2069}\u{202E}");
        assert_eq!(level_after(&format!("{place} "), '2'), 0, "{place:?}");
        let deep = isolate(&"\u{2067}".repeat(130));
        assert_eq!(level_after(&format!("{deep} "), 'x'), 0, "{deep:?}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever a line holds, its explicit controls are paired, and the text after its
            /// isolate is at the paragraph's own level.
            #[test]
            fn a_balanced_line_is_paired_and_keeps_to_its_isolate(
                line in "([\u{202A}-\u{202E}\u{2066}-\u{2069}]|[a\u{5D0}\u{627}1 .]|\\PC){0,200}"
            ) {
                // One line: no paragraph separator (the form makes each a line break).
                let line: String = line.chars().filter(|&c| c != '\u{2029}').collect();
                let balanced = balance(&line);
                prop_assert!(paired(&balanced, MAX_DIRECTION_DEPTH), "{:?} -> {:?}", line, balanced);
                let kept: String = line
                    .chars()
                    .filter(|c| !crate::request::validate::is_direction_control(*c))
                    .collect();
                let left: String = balanced
                    .chars()
                    .filter(|c| !crate::request::validate::is_direction_control(*c))
                    .collect();
                prop_assert_eq!(kept, left);
                for sentinel in ['x', '5', '\u{5D0}'] {
                    let level = level_after(&format!("\u{2068}{balanced}\u{2069}"), sentinel);
                    let expected = if sentinel == '\u{5D0}' { 1 } else { 0 };
                    prop_assert_eq!(level, expected, "{:?}", balanced);
                }
            }
        }
    }
}
