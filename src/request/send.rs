//! How the customer sends the request: a `mailto:` link with recipient, subject and a short body
//! prefilled (the customer attaches the PDF), and an `.ics` reminder for the response deadline.
//! Both are made in the browser; nothing is sent by the portal.

use super::deadline::Deadline;
use crate::date::Date;
use crate::i18n::Text;
use crate::request::letter_lang::LetterLang;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// The address keeps its `@` (RFC 6068 allows it in `to`).
const ADDRESS: &AsciiSet = &COMPONENT.remove(b'@');

/// The PDF's file name.
pub fn pdf_file_name(reference: &str, lang: LetterLang) -> String {
    let stem = Text {
        fi: "tietosuojapyynto",
        en: "privacy-request",
    }
    .get(lang);
    format!("{stem}-{reference}.pdf")
}

/// The e-mail subject: names the request and its reference.
pub fn subject(reference: &str, lang: LetterLang) -> String {
    let label = Text {
        fi: "Tietosuojapyyntö",
        en: "Data protection request",
    }
    .get(lang);
    format!("{label} {reference}")
}

/// A `mailto:` URI (RFC 6068) to `to`, in the request's language.
pub fn mailto(to: &str, reference: &str, sender: &str, lang: LetterLang) -> String {
    let file = pdf_file_name(reference, lang);
    let body = match lang {
        LetterLang::Fi => format!(
            "Hei,\n\nliitteenä on tietosuojapyyntöni (viite {reference}).\n\n\
[Liitä tähän viestiin ladattu tiedosto {file} ennen lähettämistä.]\n\nYstävällisin terveisin\n{sender}\n"
        ),
        LetterLang::En => format!(
            "Hello,\n\nplease find attached my data protection request (reference {reference}).\n\n\
[Attach the downloaded file {file} to this message before sending it.]\n\nKind regards\n{sender}\n"
        ),
    };
    format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(to, ADDRESS),
        utf8_percent_encode(&subject(reference, lang), COMPONENT),
        utf8_percent_encode(&body.replace('\n', "\r\n"), COMPONENT)
    )
}

/// The reminder's file name.
pub fn ics_file_name(reference: &str) -> String {
    format!("{reference}.ics")
}

/// An iCalendar (RFC 5545) all-day event on the due date, with a reminder at 9:00 that day.
/// `stamp` is the creation time as `YYYYMMDDTHHMMSSZ`.
pub fn ics(deadline: &Deadline, reference: &str, controller: &str, lang: LetterLang, stamp: &str) -> String {
    let date = |d: Date| d.iso().replace('-', "");
    let (summary, description) = match lang {
        LetterLang::Fi => (
            format!("{controller}: vastaus tietosuojapyyntöön {reference} viimeistään tänään"),
            format!(
                "Jos pyyntö saapui {received}, {controller} on velvollinen vastaamaan viimeistään {due} \
(tietosuoja-asetuksen 12 artiklan 3 kohta) tai ilmoittamaan samaan päivään mennessä määräajan \
jatkamisesta ja viivästymisen syistä. Jos määräaikaa on jatkettu, vastaus on annettava viimeistään \
{extended}.",
                received = deadline.received.display(lang.lang()),
                due = deadline.due.display(lang.lang()),
                extended = deadline.extended.display(lang.lang())
            ),
        ),
        LetterLang::En => (
            format!("{controller}: answer to data protection request {reference} due today"),
            format!(
                "If the request arrived on {received}, {controller} must answer by {due} (GDPR \
Article 12(3)) or, by the same date, inform you of an extension and the reasons for the delay. \
If the period has been extended, the answer is due by {extended}.",
                received = deadline.received.display(lang.lang()),
                due = deadline.due.display(lang.lang()),
                extended = deadline.extended.display(lang.lang())
            ),
        ),
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Safrent//Privacy portal//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{reference}-deadline@privacy-portal"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", date(deadline.due)),
        format!("DTEND;VALUE=DATE:{}", date(deadline.due.next_day())),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description)),
        "TRANSP:TRANSPARENT".to_owned(),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", escape(&summary)),
        "TRIGGER;RELATED=START:PT9H".to_owned(),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|line| fold(line)).collect()
}

/// A TEXT value (RFC 5545, 3.3.11): backslash, `;` and `,` escaped; each line break (CRLF, a bare
/// CR or LF, or a Unicode line or paragraph separator) written as `\n`; other control characters,
/// which TEXT does not allow, dropped (a tab is kept).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 sequence) and ends it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::deadline::response_deadline;

    #[test]
    fn mailto_prefills_recipient_subject_and_body() {
        let uri = mailto(
            "mirette.leppa@safrent.fi",
            "SAF-04HM-ASW9",
            "Åsa & Co?",
            LetterLang::Fi,
        );
        assert!(
            uri.starts_with(
                "mailto:mirette.leppa@safrent.fi?subject=Tietosuojapyynt%C3%B6%20SAF-04HM-ASW9&body="
            ),
            "{uri}"
        );
        assert!(
            uri.contains("%C3%85sa%20%26%20Co%3F"),
            "the sender's name cannot add parameters"
        );
        assert!(uri.contains("tietosuojapyynto-SAF-04HM-ASW9.pdf"));
        assert!(!uri.contains(' ') && !uri.contains('\n'));
        let en = mailto("a@b.fi", "SAF-1", "X", LetterLang::En);
        assert!(en.contains("subject=Data%20protection%20request%20SAF-1"));
        assert!(en.contains("Attach%20the%20downloaded%20file"));
    }

    #[test]
    fn ics_is_an_all_day_event_on_the_due_date() {
        let deadline = response_deadline(Date::new(2026, 11, 25).unwrap());
        let text = ics(
            &deadline,
            "SAF-04HM-ASW9",
            "Safrent Oy",
            LetterLang::Fi,
            "20261125T120000Z",
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20261228\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20261229\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded
            .contains("SUMMARY:Safrent Oy: vastaus tietosuojapyyntöön SAF-04HM-ASW9 viimeistään tänään"));
        assert!(unfolded.contains("28.12.2026") && unfolded.contains("25.2.2027"));
        assert!(unfolded.contains("12 artiklan 3 kohta)"));
    }

    #[test]
    fn ics_escapes_text() {
        let deadline = response_deadline(Date::new(2026, 2, 5).unwrap());
        let text = ics(&deadline, "R", "A, B; C\\", LetterLang::En, "20260205T000000Z").replace("\r\n ", "");
        assert!(text.contains("SUMMARY:A\\, B\\; C\\\\: answer"), "{text}");
    }

    #[test]
    fn ics_escapes_every_line_break_and_drops_other_controls() {
        for (raw, escaped) in [
            ("a\rb", "a\\nb"),
            ("a\r\nb", "a\\nb"),
            ("a\nb", "a\\nb"),
            ("a\n\rb", "a\\n\\nb"),
            ("a\u{2028}b\u{85}c", "a\\nb\\nc"),
            ("a\u{0}\u{1B}\u{7F}b\tc", "ab\tc"),
        ] {
            assert_eq!(escape(raw), escaped, "{raw:?}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever the controller's name holds, the file is lines ended by CRLF: no bare CR
            /// or LF inside a line (a calendar would read a new property from it), no line over 75
            /// octets, and a folded line continues with a space.
            #[test]
            fn ics_lines_end_only_with_crlf(controller in "(\\PC|[\r\n\u{0}-\u{1F}\u{7F}-\u{9F}\u{2028}\u{2029}]){0,120}") {
                let deadline = response_deadline(Date::new(2026, 2, 5).unwrap());
                for lang in [LetterLang::Fi, LetterLang::En] {
                    let text = ics(&deadline, "SAF-1", &controller, lang, "20260205T000000Z");
                    prop_assert!(text.ends_with("\r\n"));
                    let lines: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
                    for line in &lines {
                        prop_assert!(!line.contains('\r') && !line.contains('\n'), "{:?}", line);
                        prop_assert!(line.len() <= 75, "{:?}", line);
                        prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line);
                    }
                    // Every line is a property or the continuation of one.
                    for line in &lines {
                        prop_assert!(line.starts_with(' ') || line.contains(':'), "{:?}", line);
                    }
                }
            }
        }
    }
}
