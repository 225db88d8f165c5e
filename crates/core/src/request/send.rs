//! How the customer sends the request: a `mailto:` link with recipient, subject and a short body
//! prefilled (the customer attaches the PDF), and an `.ics` reminder for the response deadline.
//! Both are made in the browser; nothing is sent by the portal. The calendar's lines are written
//! by [`crate::ics`], shared with the request desk.

use super::authority::OMBUDSMAN;
use super::deadline::Deadline;
use crate::date::Date;
use crate::i18n::Text;
use crate::ics::{calendar, Event};
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
            "Hello,\n\nPlease find attached my data protection request (reference {reference}).\n\n\
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

/// An iCalendar (RFC 5545) reminder with two all-day events, each with an alarm at 9:00 that day:
/// the due date (the answer, or notice of an extension with reasons, Art. 12(3)) and the date the
/// answer is due if the period was extended. Both say where to complain if no answer comes (the
/// Data Protection Ombudsman, Art. 77; the controller must tell of that route when it does not act,
/// Art. 12(4)). `stamp` is the creation time as `YYYYMMDDTHHMMSSZ`.
pub fn ics(deadline: &Deadline, reference: &str, controller: &str, lang: LetterLang, stamp: &str) -> String {
    let show = |d: Date| d.display(lang.lang());
    let (received, due, extended) = (
        show(deadline.received),
        show(deadline.due),
        show(deadline.extended),
    );
    let complaint = match lang {
        LetterLang::Fi => format!(
            "Jos vastausta ei tule, voit tehdä valituksen valvontaviranomaiselle (tietosuoja-asetuksen \
77 artikla; 12 artiklan 4 kohta), Suomessa tietosuojavaltuutetulle: {}.",
            OMBUDSMAN.fi
        ),
        LetterLang::En => format!(
            "If no answer comes, you can lodge a complaint with the supervisory authority (GDPR Article \
77; Article 12(4)), in Finland the Data Protection Ombudsman: {}.",
            OMBUDSMAN.en
        ),
    };
    let (due_summary, due_description, extended_summary, extended_description) = match lang {
        LetterLang::Fi => (
            format!("{controller}: vastaus tietosuojapyyntöön {reference} viimeistään tänään"),
            format!(
                "Jos pyyntö saapui {received}, {controller} on velvollinen vastaamaan viimeistään {due} \
(tietosuoja-asetuksen 12 artiklan 3 kohta) tai ilmoittamaan samaan päivään mennessä määräajan \
jatkamisesta ja viivästymisen syistä. Jos määräaikaa on jatkettu, vastaus on annettava viimeistään \
{extended}.\n{complaint}"
            ),
            format!("{controller}: vastaus tietosuojapyyntöön {reference}, jos määräaikaa on jatkettu"),
            format!(
                "Jos {controller} ilmoitti viimeistään {due} jatkavansa määräaikaa, vastaus on annettava \
viimeistään tänään, {extended} (tietosuoja-asetuksen 12 artiklan 3 kohta).\n{complaint}"
            ),
        ),
        LetterLang::En => (
            format!("{controller}: answer to data protection request {reference} due today"),
            format!(
                "If the request arrived on {received}, {controller} must answer by {due} (GDPR \
Article 12(3)) or, by the same date, inform you of an extension and the reasons for the delay. \
If the period has been extended, the answer is due by {extended}.\n{complaint}"
            ),
            format!("{controller}: answer to data protection request {reference} if the period was extended"),
            format!(
                "If {controller} told you by {due} that it was extending the period, the answer is due today, \
{extended} (GDPR Article 12(3)).\n{complaint}"
            ),
        ),
    };
    let event = |id: &str, day: Date, summary: String, description: String| Event {
        uid: crate::ics::uid(&format!("{reference}-{id}")),
        day,
        summary,
        description,
        alarms: vec!["PT9H".to_owned()],
    };
    calendar(
        &[
            event("deadline", deadline.due, due_summary, due_description),
            event(
                "extended",
                deadline.extended,
                extended_summary,
                extended_description,
            ),
        ],
        stamp,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ics::events;
    use crate::request::deadline::response_deadline;

    #[test]
    fn mailto_prefills_recipient_subject_and_body() {
        let uri = mailto(
            "tietosuoja@esimerkki.fi",
            "SAF-04HM-ASW9",
            "Åsa & Co?",
            LetterLang::Fi,
        );
        assert!(
            uri.starts_with(
                "mailto:tietosuoja@esimerkki.fi?subject=Tietosuojapyynt%C3%B6%20SAF-04HM-ASW9&body="
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
        // English starts the body after "Hello," with a capital (Finnish "Hei,\n\nliitteenä" does
        // not).
        assert!(
            en.contains("body=Hello%2C%0D%0A%0D%0APlease%20find%20attached"),
            "{en}"
        );
    }

    #[test]
    fn ics_has_the_due_and_the_extended_date_as_all_day_events() {
        let deadline = response_deadline(Date::new(2026, 11, 25).unwrap());
        let text = ics(
            &deadline,
            "SAF-04HM-ASW9",
            "Esimerkki Oy",
            LetterLang::Fi,
            "20261125T120000Z",
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "every line ends with CRLF"
        );
        assert!(
            text.split("\r\n").all(|line| line.len() <= 75),
            "folded at 75 octets: {text}"
        );
        assert!(text.contains("\r\n "), "the long lines are folded");
        let unfolded = text.replace("\r\n ", "");
        let events = events(&unfolded);
        assert_eq!(events.len(), 2, "{unfolded}");
        let (due, extended) = (&events[0], &events[1]);
        assert!(due.contains(&"DTSTART;VALUE=DATE:20261228"), "{due:?}");
        assert!(due.contains(&"DTEND;VALUE=DATE:20261229"));
        assert!(due.contains(&crate::ics::uid("UID:SAF-04HM-ASW9-deadline").as_str()));
        assert!(extended.contains(&"DTSTART;VALUE=DATE:20270225"), "{extended:?}");
        assert!(extended.contains(&"DTEND;VALUE=DATE:20270226"));
        assert!(extended.contains(&crate::ics::uid("UID:SAF-04HM-ASW9-extended").as_str()));
        for event in [due, extended] {
            assert!(event.contains(&"TRIGGER;RELATED=START:PT9H"));
            let description = event.iter().find(|l| l.starts_with("DESCRIPTION:")).unwrap();
            assert!(
                description.contains("voit tehdä valituksen valvontaviranomaiselle (tietosuoja-asetuksen 77 artikla\\; 12 artiklan 4 kohta)"),
                "{description}"
            );
            assert!(
                description.contains("Tietosuojavaltuutetun toimisto\\, Lintulahdenkuja 4"),
                "commas escaped: {description}"
            );
            assert!(
                description.contains("\\n"),
                "the complaint line is a line of its own"
            );
        }
        assert!(unfolded
            .contains("SUMMARY:Esimerkki Oy: vastaus tietosuojapyyntöön SAF-04HM-ASW9 viimeistään tänään"));
        assert!(unfolded.contains(
            "SUMMARY:Esimerkki Oy: vastaus tietosuojapyyntöön SAF-04HM-ASW9\\, jos määräaikaa on jatkettu"
        ));
        assert!(unfolded.contains("vastaus on annettava viimeistään tänään\\, 25.2.2027"));
        assert!(unfolded.contains("12 artiklan 3 kohta)"));
    }

    #[test]
    fn ics_in_english_names_the_complaint_route() {
        let deadline = response_deadline(Date::new(2026, 2, 5).unwrap());
        let unfolded =
            ics(&deadline, "R", "Esimerkki Oy", LetterLang::En, "20260205T000000Z").replace("\r\n ", "");
        let events = events(&unfolded);
        assert_eq!(events.len(), 2);
        assert!(events[0].contains(&"DTSTART;VALUE=DATE:20260305"));
        assert!(events[1].contains(&"DTSTART;VALUE=DATE:20260505"));
        assert!(unfolded.contains(
            "SUMMARY:Esimerkki Oy: answer to data protection request R if the period was extended"
        ));
        assert!(unfolded
            .contains("lodge a complaint with the supervisory authority (GDPR Article 77\\; Article 12(4))"));
        assert!(
            unfolded.contains("the Data Protection Ombudsman: Office of the Data Protection Ombudsman\\,")
        );
        assert!(!unfolded.contains("artikla"), "{unfolded}");
        // Sequence of tenses: told you … that it was extending (not "that it extends").
        assert!(
            unfolded.contains("If Esimerkki Oy told you by 5 March 2026 that it was extending the period\\, the answer is due today\\, 5 May 2026"),
            "{unfolded}"
        );
    }

    #[test]
    fn ics_escapes_text() {
        let deadline = response_deadline(Date::new(2026, 2, 5).unwrap());
        let text = ics(&deadline, "R", "A, B; C\\", LetterLang::En, "20260205T000000Z").replace("\r\n ", "");
        assert!(text.contains("SUMMARY:A\\, B\\; C\\\\: answer"), "{text}");
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
