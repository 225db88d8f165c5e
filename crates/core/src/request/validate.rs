//! What is wrong with a [`Draft`], field by field, in words a customer understands (in the page's
//! language: `[form.errors]` of `locales/<lang>.toml`). The form shows each error next to its field
//! and in a summary; the download is possible only when this finds nothing.

use super::draft::{Draft, Signature};
use super::right::Right;
use crate::i18n::{fill, Lang};

/// A field of the form; [`Field::id`] is its element id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    PostalAddress,
    Phone,
    Organisation,
    CustomerNumber,
    Rights,
    AccessScope,
    CorrectionCurrent(usize),
    CorrectionCorrected(usize),
    CorrectionReason(usize),
    RestrictionReason,
    ObjectionReason,
    Message,
    Place,
    SignatureTyped,
    SignatureDrawn,
}

impl Field {
    /// One field of every kind (a correction's fields for its first row), for tests that must
    /// cover them all: a new variant is added here once.
    #[cfg(test)]
    pub(crate) const EVERY_KIND: [Field; 17] = [
        Field::Name,
        Field::Email,
        Field::PostalAddress,
        Field::Phone,
        Field::Organisation,
        Field::CustomerNumber,
        Field::Rights,
        Field::AccessScope,
        Field::CorrectionCurrent(0),
        Field::CorrectionCorrected(0),
        Field::CorrectionReason(0),
        Field::RestrictionReason,
        Field::ObjectionReason,
        Field::Message,
        Field::Place,
        Field::SignatureTyped,
        Field::SignatureDrawn,
    ];

    /// The id of the field's input element (and, with `-error`, of its message).
    pub fn id(self) -> String {
        let fixed = match self {
            Field::Name => "req-name",
            Field::Email => "req-email",
            Field::PostalAddress => "req-postal",
            Field::Phone => "req-phone",
            Field::Organisation => "req-organisation",
            Field::CustomerNumber => "req-customer-number",
            Field::Rights => "req-rights",
            Field::AccessScope => "req-access-scope",
            Field::RestrictionReason => "req-restriction-reason",
            Field::ObjectionReason => "req-objection-reason",
            Field::Message => "req-message",
            Field::Place => "req-place",
            Field::SignatureTyped => "req-signature-typed",
            Field::SignatureDrawn => "req-signature-pad",
            Field::CorrectionCurrent(i) => return format!("req-correction-{i}-current"),
            Field::CorrectionCorrected(i) => return format!("req-correction-{i}-corrected"),
            Field::CorrectionReason(i) => return format!("req-correction-{i}-reason"),
        };
        fixed.to_owned()
    }

    /// Whether the field takes several lines (a `<textarea>`); the others take one.
    pub const fn multiline(self) -> bool {
        matches!(
            self,
            Field::PostalAddress
                | Field::AccessScope
                | Field::RestrictionReason
                | Field::ObjectionReason
                | Field::Message
        )
    }

    /// Whether the field is an identifier read character by character (an address, a number),
    /// where a character that changes the direction of text has no place: it would show the
    /// value in another order than the one it has (`ab\u{202E}cd@example.fi`).
    pub const fn refuses_direction_controls(self) -> bool {
        matches!(
            self,
            Field::Email | Field::Phone | Field::PostalAddress | Field::CustomerNumber
        )
    }

    /// `text` as the field keeps it, cleaned of what a customer cannot mean and a PDF cannot
    /// show (applied to what is typed or pasted, before it is stored): a line break of any kind
    /// (CR LF, CR, Word's soft line break U+000B, form feed, NEL, U+2028, U+2029) becomes `\n` in
    /// a field of several lines and a space in a field of one; every other control character
    /// (NUL, ESC, DEL, the C1 controls …) is dropped, and so is U+FEFF (a byte order mark, which a
    /// PDF may not map text to); a tab stays.
    pub fn clean(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if is_line_break(c) {
                if c == '\r' {
                    chars.next_if_eq(&'\n');
                }
                out.push(if self.multiline() { '\n' } else { ' ' });
            } else if c == '\t' || !(c.is_control() || c == BOM) {
                out.push(c);
            }
        }
        out
    }

    /// The characters of `text` that [`Field::clean`] would take out or change, each once.
    pub fn unclean(self, text: &str) -> Vec<char> {
        let mut found = Vec::new();
        for c in text.chars() {
            let allowed = c == '\t'
                || (self.multiline() && c == '\n')
                || !(c.is_control() || is_line_break(c) || c == BOM);
            if !allowed && !found.contains(&c) {
                found.push(c);
            }
        }
        found
    }

    /// The longest text the field takes, in characters.
    pub const fn max_len(self) -> usize {
        match self {
            Field::Name | Field::Organisation | Field::SignatureTyped => 200,
            Field::Email => 254,
            Field::PostalAddress => 300,
            Field::Phone => 40,
            Field::CustomerNumber | Field::Place => 100,
            Field::CorrectionCurrent(_) | Field::CorrectionCorrected(_) | Field::CorrectionReason(_) => 1000,
            Field::AccessScope | Field::RestrictionReason | Field::ObjectionReason => 3000,
            Field::Message => 5000,
            Field::Rights | Field::SignatureDrawn => usize::MAX,
        }
    }
}

/// ZERO WIDTH NO-BREAK SPACE, the byte order mark: text pasted from a file may start with it; a
/// PDF may not map a glyph to it (PDF/UA-1), and it means nothing in a form.
const BOM: char = '\u{FEFF}';

/// A line break of any kind a text can hold: the one list of them that the form's cleaning, the
/// PDF's text and the calendar file's escaping all go by.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A character that overrides, embeds or isolates the direction of text (the Unicode
/// Bidirectional Algorithm's explicit formatting characters).
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// Neither an e-mail nor a postal address: the company could not answer.
    NoWayToAnswer,
    TooLong {
        max: usize,
        len: usize,
    },
    EmailShape,
    PhoneShape,
    NoRight,
    /// Rectification ticked, but no item says what the data should be.
    NoCorrection,
    NoStrokes,
    /// Characters the PDF font cannot show.
    Unprintable(Vec<char>),
    /// Control characters (or, in a field of one line, line breaks): the form cleans them from
    /// what is typed, so this names those that came in some other way.
    Control(Vec<char>),
    /// Characters that change the direction of text, in a field where they have no place.
    Direction(Vec<char>),
}

/// One error: which field, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl Problem {
    /// The message shown next to the field and in the error summary, in `lang` (the texts are
    /// `[form.errors]` of `locales/<lang>.toml`).
    pub fn message(&self, lang: Lang) -> String {
        let e = &lang.strings().form.errors;
        match self {
            Problem::Required => e.required.to_owned(),
            Problem::NoWayToAnswer => e.no_way_to_answer.to_owned(),
            Problem::TooLong { max, len } => fill(
                e.too_long,
                &[("max", &max.to_string()), ("len", &len.to_string())],
            ),
            Problem::EmailShape => e.email_shape.to_owned(),
            Problem::PhoneShape => e.phone_shape.to_owned(),
            Problem::NoRight => e.no_right.to_owned(),
            Problem::NoCorrection => e.no_correction.to_owned(),
            Problem::NoStrokes => e.no_strokes.to_owned(),
            Problem::Unprintable(chars) => {
                let mut list = chars
                    .iter()
                    .take(SHOWN_CHARACTERS)
                    .map(|&c| {
                        let code = format!("U+{:04X}", c as u32);
                        let mut utf8 = [0; 4];
                        // Invisible characters, or ones that would reorder the message around
                        // them, are named by their code alone.
                        let shown = if crate::request::fonts::invisible(c) {
                            ""
                        } else {
                            c.encode_utf8(&mut utf8)
                        };
                        fill(e.character, &[("char", shown), ("code", &code)])
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                if chars.len() > SHOWN_CHARACTERS {
                    list.push_str(", …");
                }
                fill(e.unprintable, &[("chars", &list)])
            }
            Problem::Control(chars) => fill(e.control, &[("codes", &codes(chars))]),
            Problem::Direction(chars) => fill(e.direction, &[("codes", &codes(chars))]),
        }
    }
}

/// Invisible characters named by their code points ("U+000B, U+001B").
fn codes(chars: &[char]) -> String {
    let mut list = chars
        .iter()
        .take(SHOWN_CHARACTERS)
        .map(|&c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(", ");
    if chars.len() > SHOWN_CHARACTERS {
        list.push_str(", …");
    }
    list
}

/// How many of the characters the font lacks a message names (a pasted text in another script
/// may lack hundreds; the first few say what to do).
const SHOWN_CHARACTERS: usize = 10;

/// Every error in `draft`, in the order of the form. `missing` lists the characters of a text
/// that the PDF font cannot show (empty while the font is still loading).
pub fn validate(draft: &Draft, missing: &dyn Fn(&str) -> Vec<char>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let e = &mut errors;
    let push = |e: &mut Vec<FieldError>, field: Field, problem: Problem| {
        e.push(FieldError { field, problem });
    };
    let check = |e: &mut Vec<FieldError>, field: Field, value: &str, required: bool| -> bool {
        match text_problem(field, value, required, missing) {
            Some(problem) => {
                e.push(FieldError { field, problem });
                false
            }
            None => true,
        }
    };

    check(e, Field::Name, &draft.sender.name, true);
    let email = draft.sender.email.trim();
    if check(e, Field::Email, &draft.sender.email, false) && !email.is_empty() && !is_email(email) {
        push(e, Field::Email, Problem::EmailShape);
    }
    let postal_ok = check(e, Field::PostalAddress, &draft.sender.postal_address, false);
    if email.is_empty() && draft.sender.postal_address.trim().is_empty() && postal_ok {
        push(e, Field::Email, Problem::NoWayToAnswer);
    }
    let phone = draft.sender.phone.trim();
    if check(e, Field::Phone, &draft.sender.phone, false) && !phone.is_empty() && !is_phone(phone) {
        push(e, Field::Phone, Problem::PhoneShape);
    }
    check(e, Field::Organisation, &draft.sender.organisation, false);
    check(e, Field::CustomerNumber, &draft.sender.customer_number, false);

    if draft.rights.is_empty() {
        push(e, Field::Rights, Problem::NoRight);
    }
    for &right in &draft.rights {
        match right {
            Right::Access => {
                check(e, Field::AccessScope, &draft.access_scope, false);
            }
            Right::Restriction => {
                check(e, Field::RestrictionReason, &draft.restriction_reason, true);
            }
            Right::Objection => {
                check(e, Field::ObjectionReason, &draft.objection_reason, true);
            }
            Right::Rectification => {
                for (i, item) in draft.corrections.iter().enumerate() {
                    let blank = item.current.trim().is_empty()
                        && item.corrected.trim().is_empty()
                        && item.reason.trim().is_empty();
                    check(e, Field::CorrectionCurrent(i), &item.current, false);
                    check(e, Field::CorrectionCorrected(i), &item.corrected, !blank);
                    check(e, Field::CorrectionReason(i), &item.reason, false);
                }
                if draft.filled_corrections().next().is_none() {
                    push(e, Field::CorrectionCorrected(0), Problem::NoCorrection);
                }
            }
            Right::Erasure | Right::DirectMarketingObjection | Right::Portability => {}
        }
    }
    check(e, Field::Message, &draft.message, false);
    check(e, Field::Place, &draft.place, false);
    match &draft.signature {
        Signature::Typed(name) => {
            check(e, Field::SignatureTyped, name, true);
        }
        Signature::Drawn(strokes) if strokes.is_empty() => {
            push(e, Field::SignatureDrawn, Problem::NoStrokes);
        }
        Signature::Drawn(_) | Signature::Pen | Signature::None => {}
    }
    errors
}

fn text_problem(
    field: Field,
    value: &str,
    required: bool,
    missing: &dyn Fn(&str) -> Vec<char>,
) -> Option<Problem> {
    let len = value.chars().count();
    if required && value.trim().is_empty() {
        return Some(Problem::Required);
    }
    if len > field.max_len() {
        return Some(Problem::TooLong {
            max: field.max_len(),
            len,
        });
    }
    let control = field.unclean(value);
    if !control.is_empty() {
        return Some(Problem::Control(control));
    }
    if field.refuses_direction_controls() {
        let mut direction = Vec::new();
        for c in value.chars().filter(|&c| is_direction_control(c)) {
            if !direction.contains(&c) {
                direction.push(c);
            }
        }
        if !direction.is_empty() {
            return Some(Problem::Direction(direction));
        }
    }
    let chars = missing(value);
    (!chars.is_empty()).then_some(Problem::Unprintable(chars))
}

/// The shape of an address a person can type: `local@domain.tld`, no spaces, no quotes or
/// brackets (which mail programs would misread), a dot in the domain and no empty labels.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let bad = |c: char| c.is_whitespace() || c.is_control() || "@\"<>()[],;:\\".contains(c);
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.chars().any(bad)
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2)
}

/// 5–15 digits (E.164 has at most 15), with `+ - ( ) .` and spaces for readability.
pub fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (5..=15).contains(&digits)
        && s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && s.chars().filter(|&c| c == '+').count() <= 1
        && (!s.contains('+') || s.starts_with('+'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::draft::Correction;
    use crate::request::letter_lang::LetterLang;

    fn none(_: &str) -> Vec<char> {
        Vec::new()
    }

    fn valid() -> Draft {
        let mut draft = Draft::new(LetterLang::Fi);
        draft.sender.name = "Åsa Łukasiewicz-Žemaitė".into();
        draft.sender.email = "asa@example.fi".into();
        draft.set_right(Right::Access, true);
        draft
    }

    fn problems(draft: &Draft) -> Vec<(Field, Problem)> {
        validate(draft, &none)
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_complete_draft_is_valid() {
        assert_eq!(problems(&valid()), vec![]);
    }

    #[test]
    fn an_empty_form_says_what_is_needed() {
        let draft = Draft::new(LetterLang::En);
        assert_eq!(
            problems(&draft),
            vec![
                (Field::Name, Problem::Required),
                (Field::Email, Problem::NoWayToAnswer),
                (Field::Rights, Problem::NoRight),
            ]
        );
    }

    #[test]
    fn a_postal_address_is_enough_to_be_answered() {
        let mut draft = valid();
        draft.sender.email.clear();
        draft.sender.postal_address = "Esimerkkitie 1, 20100 Turku".into();
        assert_eq!(problems(&draft), vec![]);
    }

    #[test]
    fn email_shapes() {
        for good in ["a@b.fi", "first.last+tag@sub.example.com", "åsa@exämple.fi"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@b.fi",
            "a@b",
            "a@b.",
            "a@.fi",
            "a b@c.fi",
            "a@b..fi",
            "\"a\"@b.fi",
            "a@b.f",
            "<a@b.fi>",
            "a@@b.fi",
            ".a@b.fi",
            "a@-b.fi",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        let mut draft = valid();
        draft.sender.email = "not-an-address".into();
        assert_eq!(problems(&draft), vec![(Field::Email, Problem::EmailShape)]);
    }

    #[test]
    fn phone_shapes() {
        for good in ["+358 44 978 5594", "044-978 5594", "(02) 123 456"] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["123", "+358 44 978 5594 1234 56", "call me", "44+1234567"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let mut draft = valid();
        draft.sender.name = "Ä".repeat(200);
        assert_eq!(problems(&draft), vec![]);
        draft.sender.name.push('Ö');
        assert_eq!(
            problems(&draft),
            vec![(Field::Name, Problem::TooLong { max: 200, len: 201 })]
        );
        draft.sender.name = "x".into();
        draft.message = "m".repeat(5000);
        draft.set_right(Right::Objection, true);
        draft.objection_reason = "r".repeat(3000);
        assert_eq!(problems(&draft), vec![]);
    }

    #[test]
    fn rights_ask_for_their_details() {
        let mut draft = valid();
        draft.set_right(Right::Restriction, true);
        draft.set_right(Right::Rectification, true);
        assert_eq!(
            draft.rights,
            vec![Right::Access, Right::Rectification, Right::Restriction]
        );
        assert_eq!(
            problems(&draft),
            vec![
                (Field::CorrectionCorrected(0), Problem::NoCorrection),
                (Field::RestrictionReason, Problem::Required),
            ]
        );
        draft.corrections = vec![
            Correction {
                current: "Old Street 1".into(),
                ..Default::default()
            },
            Correction::default(),
        ];
        draft.restriction_reason = "The address is wrong.".into();
        assert_eq!(
            problems(&draft),
            vec![(Field::CorrectionCorrected(0), Problem::Required)]
        );
        draft.corrections[0].corrected = "New Street 2".into();
        assert_eq!(problems(&draft), vec![]);
        // Unticking a right drops its errors but keeps what was typed.
        draft.restriction_reason.clear();
        draft.set_right(Right::Restriction, false);
        assert_eq!(problems(&draft), vec![]);
        assert_eq!(draft.corrections[0].current, "Old Street 1");
    }

    #[test]
    fn signatures() {
        let mut draft = valid();
        draft.signature = Signature::Typed("  ".into());
        assert_eq!(problems(&draft), vec![(Field::SignatureTyped, Problem::Required)]);
        draft.signature = Signature::Drawn(vec![]);
        assert_eq!(
            problems(&draft),
            vec![(Field::SignatureDrawn, Problem::NoStrokes)]
        );
        draft.signature = Signature::Drawn(vec![vec![(1, 2), (3, 4)]]);
        assert_eq!(problems(&draft), vec![]);
        // No signature at all is valid (the GDPR requires none) and is the default.
        draft.signature = Signature::None;
        assert_eq!(problems(&draft), vec![]);
        assert_eq!(Draft::new(LetterLang::Fi).signature, Signature::None);
    }

    #[test]
    fn characters_the_font_lacks_are_reported_per_field() {
        let mut draft = valid();
        draft.sender.name = "Li 😀".into();
        let missing = |s: &str| s.chars().filter(|c| !c.is_ascii()).collect::<Vec<_>>();
        let errors = validate(&draft, &missing);
        assert_eq!(errors[0].field, Field::Name);
        assert_eq!(errors[0].problem, Problem::Unprintable(vec!['😀']));
        assert_eq!(
            errors[0].problem.message(Lang::Fi),
            "PDF:n fontissa ei ole näitä merkkejä: ”😀” (U+1F600). Korvaa tai poista ne."
        );
        assert!(errors[0]
            .problem
            .message(Lang::En)
            .contains("lacks these characters: “😀” (U+1F600)"));
    }

    #[test]
    fn control_characters_are_cleaned_from_what_is_typed() {
        // Word's soft line break, form feed, NEL and the Unicode separators are line breaks: kept
        // as lines where a field has them, a space where it has one line.
        let pasted = "Matti\u{0B}Meikäläinen\r\nTurku\u{0C}x\u{85}y\u{2028}z\u{2029}w\rv";
        assert_eq!(
            Field::Message.clean(pasted),
            "Matti\nMeikäläinen\nTurku\nx\ny\nz\nw\nv"
        );
        assert_eq!(Field::Name.clean(pasted), "Matti Meikäläinen Turku x y z w v");
        // Other control characters go; a tab stays.
        assert_eq!(
            Field::Name.clean("a\u{0}b\u{1B}[31mc\u{7F}d\u{9B}e\tf"),
            "ab[31mcde\tf"
        );
        assert_eq!(Field::Name.clean("Åsa Ł. 李 محمد"), "Åsa Ł. 李 محمد");
        // A byte order mark, which a PDF may not map text to, goes too.
        assert_eq!(Field::Name.clean("\u{FEFF}Åsa"), "Åsa");
        assert_eq!(Field::Name.unclean("\u{FEFF}Åsa"), vec!['\u{FEFF}']);
        for field in [Field::Name, Field::Message, Field::Email] {
            assert_eq!(field.unclean(&field.clean(pasted)), vec![]);
        }
    }

    #[test]
    fn control_characters_that_were_not_cleaned_are_named_in_their_field() {
        for c in [
            '\u{0B}', '\u{0C}', '\u{0}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9B}',
        ] {
            let mut draft = valid();
            draft.sender.name = format!("Matti{c}Meikäläinen");
            assert_eq!(
                problems(&draft),
                vec![(Field::Name, Problem::Control(vec![c]))],
                "{c:?}"
            );
            let mut draft = valid();
            draft.message = format!("Rivi{c}toinen");
            assert_eq!(
                problems(&draft),
                vec![(Field::Message, Problem::Control(vec![c]))],
                "{c:?}"
            );
        }
        // A line break is a line in a field of several lines, a control in a field of one.
        let mut draft = valid();
        draft.message = "Rivi\ntoinen\tsarkain".into();
        draft.sender.postal_address = "Katu 1\n20100 Turku".into();
        assert_eq!(problems(&draft), vec![]);
        draft.place = "Turku\n".into();
        assert_eq!(
            problems(&draft),
            vec![(Field::Place, Problem::Control(vec!['\n']))]
        );
        assert_eq!(
            Problem::Control(vec!['\u{0B}', '\u{1B}']).message(Lang::Fi),
            "Kentässä on näkymättömiä ohjausmerkkejä (U+000B, U+001B), joita PDF ei voi näyttää. Tyhjennä kenttä ja kirjoita sen sisältö uudelleen."
        );
    }

    #[test]
    fn direction_controls_are_refused_in_addresses_and_numbers() {
        let mut draft = valid();
        draft.sender.email = "ab\u{202E}cd@example.fi".into();
        draft.sender.phone = "\u{2066}044 123 4567\u{2069}".into();
        draft.sender.postal_address = "Katu 1\u{202D}, 20100 Turku".into();
        draft.sender.customer_number = "A-1\u{202B}2".into();
        assert_eq!(
            problems(&draft),
            vec![
                (Field::Email, Problem::Direction(vec!['\u{202E}'])),
                (Field::PostalAddress, Problem::Direction(vec!['\u{202D}'])),
                (Field::Phone, Problem::Direction(vec!['\u{2066}', '\u{2069}'])),
                (Field::CustomerNumber, Problem::Direction(vec!['\u{202B}'])),
            ]
        );
        // Elsewhere a name or a text may hold them: the letter isolates each field instead.
        let mut draft = valid();
        draft.place = "Turku\u{202E}".into();
        draft.sender.name = "\u{2067}محمد\u{2069}".into();
        assert_eq!(problems(&draft), vec![]);
        assert_eq!(
            Problem::Direction(vec!['\u{202E}']).message(Lang::En),
            "This field contains invisible characters that change the direction of text (U+202E) \
and would show it in another order than it was typed. Please clear the field and type it again."
        );
        for lang in Lang::ALL {
            let message = Problem::Direction(vec!['\u{202E}']).message(lang);
            assert!(
                message.contains("(U+202E)") && !message.contains('\u{202E}'),
                "{message}"
            );
        }
    }

    #[test]
    fn invisible_characters_are_named_by_their_code_alone() {
        let problem = Problem::Unprintable(vec!['\u{202E}', '\u{7}', '李']);
        assert_eq!(
            problem.message(Lang::En),
            "The PDF's font lacks these characters: “” (U+202E), “” (U+0007), “李” (U+674E). \
Please replace or remove them."
        );
    }

    #[test]
    fn a_long_list_of_missing_characters_is_cut_short() {
        let chars: Vec<char> = ('一'..='龥').take(500).collect();
        let message = Problem::Unprintable(chars).message(Lang::Fi);
        assert_eq!(message.matches("(U+").count(), SHOWN_CHARACTERS);
        assert!(
            message.ends_with("(U+4E09), …. Korvaa tai poista ne."),
            "{message}"
        );
    }

    #[test]
    fn too_long_says_the_limit_and_the_length() {
        let problem = Problem::TooLong { max: 300, len: 3000 };
        assert_eq!(
            problem.message(Lang::Fi),
            "Enintään 300 merkkiä (nyt 3000). Lyhennä tekstiä."
        );
        assert_eq!(
            problem.message(Lang::En),
            "At most 300 characters (now 3000). Please shorten the text."
        );
    }

    #[test]
    fn every_message_exists_in_every_language_filled_in() {
        let all = [
            Problem::Required,
            Problem::NoWayToAnswer,
            Problem::TooLong { max: 1, len: 2 },
            Problem::EmailShape,
            Problem::PhoneShape,
            Problem::NoRight,
            Problem::NoCorrection,
            Problem::NoStrokes,
            Problem::Unprintable(vec!['x']),
            Problem::Control(vec!['\u{0B}']),
            Problem::Direction(vec!['\u{202E}']),
        ];
        for problem in all {
            assert_ne!(problem.message(Lang::Fi), problem.message(Lang::En));
            for lang in Lang::ALL {
                let message = problem.message(lang);
                assert!(message.ends_with('.'), "{lang}: {message}");
                assert!(!message.contains('{'), "{lang}: a placeholder left in {message}");
            }
        }
    }
}
