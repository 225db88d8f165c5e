//! A received request's dates (GDPR Art. 12(3)): the answer is due one month after receipt; an
//! extension by two further months must be announced, with its reasons, within that same month;
//! the extended answer is due three months after receipt. Every date is the form's own
//! ([`response_deadline`], counted as Regulation (EEC, Euratom) No 1182/71 counts and moved past
//! weekends and Finnish public holidays by `portal_core::request::calendar`), so the desk and the
//! customer's letter always name the same days.

use portal_core::date::Date;
use portal_core::i18n::Lang;
use portal_core::ics::{calendar, Event};
use portal_core::request::deadline::response_deadline;

/// Which rule a date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Art. 12(3), first sentence: information on action taken "without undue delay and in any
    /// event within one month of receipt of the request". Art. 12(4) gives a refusal, with its
    /// reasons and the complaint route, the same month.
    Answer,
    /// Art. 12(3), third sentence: the data subject must be informed of an extension, with the
    /// reasons for the delay, "within one month of receipt of the request".
    ExtensionNotice,
    /// Art. 12(3), second sentence: the period "may be extended by two further months where
    /// necessary, taking into account the complexity and number of the requests".
    Extended,
}

impl Rule {
    /// Every rule, in the order of the dates.
    pub const ALL: [Rule; 3] = [Rule::Answer, Rule::ExtensionNotice, Rule::Extended];

    /// The rule cited as the official texts of the GDPR and of Regulation 1182/71 cite articles
    /// in `lang` (the period's end: its Art. 3(2)(c); weekends and holidays: Art. 3(4)).
    pub const fn cited(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rule::Answer, Lang::Fi) => {
                "tietosuoja-asetuksen 12 artiklan 3 kohta (kuukauden kuluessa pyynnön vastaanottamisesta); \
neuvoston asetuksen (ETY, Euratom) N:o 1182/71 3 artiklan 2 kohdan c alakohta ja 4 kohta"
            }
            (Rule::Answer, Lang::Sv) => {
                "dataskyddsförordningen artikel 12.3 (inom en månad från det att begäran mottagits); \
rådets förordning (EEG, Euratom) nr 1182/71 artikel 3.2 c och 3.4"
            }
            (Rule::Answer, Lang::En) => {
                "GDPR Article 12(3) (within one month of receipt of the request); Council Regulation \
(EEC, Euratom) No 1182/71, Article 3(2)(c) and 3(4)"
            }
            (Rule::ExtensionNotice, Lang::Fi) => {
                "tietosuoja-asetuksen 12 artiklan 3 kohta (ilmoitus jatkamisesta ja viivästymisen \
syistä kuukauden kuluessa pyynnön vastaanottamisesta); neuvoston asetuksen (ETY, Euratom) N:o \
1182/71 3 artiklan 2 kohdan c alakohta ja 4 kohta"
            }
            (Rule::ExtensionNotice, Lang::Sv) => {
                "dataskyddsförordningen artikel 12.3 (underrättelse om förlängningen och orsakerna \
till förseningen inom en månad från det att begäran mottagits); rådets förordning (EEG, Euratom) \
nr 1182/71 artikel 3.2 c och 3.4"
            }
            (Rule::ExtensionNotice, Lang::En) => {
                "GDPR Article 12(3) (notice of the extension, with the reasons for the delay, \
within one month of receipt of the request); Council Regulation (EEC, Euratom) No 1182/71, \
Article 3(2)(c) and 3(4)"
            }
            (Rule::Extended, Lang::Fi) => {
                "tietosuoja-asetuksen 12 artiklan 3 kohta (määräaikaa voidaan tarvittaessa jatkaa \
enintään kahdella kuukaudella); neuvoston asetuksen (ETY, Euratom) N:o 1182/71 3 artiklan 2 kohdan c alakohta ja \
4 kohta"
            }
            (Rule::Extended, Lang::Sv) => {
                "dataskyddsförordningen artikel 12.3 (perioden får vid behov förlängas med \
ytterligare två månader); rådets förordning (EEG, Euratom) nr 1182/71 artikel 3.2 c och 3.4"
            }
            (Rule::Extended, Lang::En) => {
                "GDPR Article 12(3) (the period may be extended by two further months where \
necessary); Council Regulation (EEC, Euratom) No 1182/71, Article 3(2)(c) and 3(4)"
            }
        }
    }
}

/// The dates of a request received on [`Deadlines::received`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deadlines {
    pub received: Date,
    /// The answer (or a refusal with reasons and the complaint route) is due by this day.
    pub due: Date,
    /// The last day by which the data subject must have been told of an extension and its
    /// reasons: the same month as the answer, so the same day as [`Deadlines::due`] (a notice
    /// sent by post must be sent early enough to arrive by then).
    pub extension_notice_by: Date,
    /// The answer is due by this day if the period was extended in time.
    pub extended_due: Date,
}

impl Deadlines {
    /// The dates of a request received on `received`, exactly as the form computes them.
    pub fn from_received(received: Date) -> Deadlines {
        let form = response_deadline(received);
        Deadlines {
            received,
            due: form.due,
            extension_notice_by: form.due,
            extended_due: form.extended,
        }
    }

    /// Each date with the rule it comes from.
    pub fn dates(&self) -> [(Rule, Date); 3] {
        [
            (Rule::Answer, self.due),
            (Rule::ExtensionNotice, self.extension_notice_by),
            (Rule::Extended, self.extended_due),
        ]
    }
}

/// The `.ics` file's name for the request `reference`.
pub fn ics_file_name(reference: &str) -> String {
    format!("{reference}-deadlines.ics")
}

/// An iCalendar file (RFC 5545) for the desk: the due date (the answer, or the notice of an
/// extension) and the extended due date, each an all-day event with a reminder a week before and
/// at 9:00 that day, in the desk's language; `stamp` is the creation time as `YYYYMMDDTHHMMSSZ`.
/// It names the request only by its reference (no name or contact detail of the data subject).
pub fn ics(deadlines: &Deadlines, reference: &str, lang: Lang, stamp: &str) -> String {
    let show = |d: Date| d.display(lang);
    let (received, due, extended) = (
        show(deadlines.received),
        show(deadlines.due),
        show(deadlines.extended_due),
    );
    let (answer, extension, extended_rule) = (
        Rule::Answer.cited(lang),
        Rule::ExtensionNotice.cited(lang),
        Rule::Extended.cited(lang),
    );
    let (due_summary, due_description, extended_summary, extended_description) = match lang {
        Lang::Fi => (
            format!("Tietosuojapyyntö {reference}: vastaus tai ilmoitus määräajan jatkamisesta viimeistään tänään"),
            format!(
                "Pyyntö {reference} vastaanotettiin {received}. Vastaus on annettava ilman aiheetonta \
viivytystä ja viimeistään {due} ({answer}). Jos määräaikaa on tarpeen jatkaa, rekisteröidylle on ilmoitettava jatkamisesta ja \
viivästymisen syistä samaan päivään mennessä ({extension}); vastaus on silloin annettava \
viimeistään {extended}."
            ),
            format!("Tietosuojapyyntö {reference}: vastaus viimeistään tänään, jos määräaikaa jatkettiin"),
            format!(
                "Pyyntö {reference} vastaanotettiin {received}. Jos rekisteröidylle ilmoitettiin \
viimeistään {due} määräajan jatkamisesta, vastaus on annettava viimeistään tänään, {extended} \
({extended_rule})."
            ),
        ),
        Lang::Sv => (
            format!("Begäran {reference}: svar eller underrättelse om förlängning senast i dag"),
            format!(
                "Begäran {reference} mottogs {received}. Svaret ska ges utan onödigt dröjsmål och senast {due} ({answer}). Om \
tidsfristen behöver förlängas ska den registrerade underrättas om förlängningen och orsakerna till \
förseningen senast samma dag ({extension}); svaret ska då ges senast {extended}."
            ),
            format!("Begäran {reference}: svar senast i dag om tidsfristen förlängdes"),
            format!(
                "Begäran {reference} mottogs {received}. Om den registrerade senast {due} underrättades \
om att tidsfristen förlängs, ska svaret ges senast i dag, {extended} ({extended_rule})."
            ),
        ),
        Lang::En => (
            format!("Data protection request {reference}: answer or extension notice due today"),
            format!(
                "Request {reference} was received on {received}. The answer is due without undue delay \
and at the latest by {due} ({answer}). If the period must be extended, the data subject must be told of the extension and the \
reasons for the delay by the same day ({extension}); the answer is then due by {extended}."
            ),
            format!("Data protection request {reference}: answer due today if the period was extended"),
            format!(
                "Request {reference} was received on {received}. If the data subject was told by {due} \
that the period was extended, the answer is due today, {extended} ({extended_rule})."
            ),
        ),
    };
    let event = |id: &str, day: Date, summary: String, description: String| Event {
        uid: portal_core::ics::uid(&format!("{reference}-desk-{id}")),
        day,
        summary,
        description,
        alarms: vec!["-P7D".to_owned(), "PT9H".to_owned()],
    };
    calendar(
        &[
            event("due", deadlines.due, due_summary, due_description),
            event(
                "extended",
                deadlines.extended_due,
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
    use portal_core::ics::events;
    use portal_core::request::fixtures;
    use portal_core::request::record::{self, Context};

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    /// (received, due, extended due), each checked by hand against a calendar.
    /// A date as (year, month, day).
    type Ymd = (i32, u8, u8);

    const CASES: [(Ymd, Ymd, Ymd); 16] = [
        // Easter 2026 (Sunday 5 April): 3 April is Good Friday, 6 April Easter Monday.
        ((2026, 3, 3), (2026, 4, 7), (2026, 6, 3)),
        ((2026, 1, 3), (2026, 2, 3), (2026, 4, 7)),
        // Easter 2027 (Sunday 28 March): Good Friday 26 March → Tuesday 30 March.
        ((2027, 2, 26), (2027, 3, 30), (2027, 5, 26)),
        // Ascension Day 2026, Thursday 14 May → Friday 15 May.
        ((2026, 4, 14), (2026, 5, 15), (2026, 7, 14)),
        // Midsummer 2026: the Eve (Friday 19 June) is a working day, the Day (Saturday 20) is not.
        ((2026, 5, 19), (2026, 6, 19), (2026, 8, 19)),
        ((2026, 5, 20), (2026, 6, 22), (2026, 8, 20)),
        // Christmas 2026: the Eve (Thursday) is a working day; the 25th and 26th are holidays.
        ((2026, 11, 24), (2026, 12, 24), (2027, 2, 24)),
        ((2026, 9, 25), (2026, 10, 26), (2026, 12, 28)),
        // New Year's Day 2027 (a Friday) → Monday 4 January; Epiphany (Wednesday) → Thursday.
        ((2026, 12, 1), (2027, 1, 4), (2027, 3, 1)),
        ((2026, 12, 6), (2027, 1, 7), (2027, 3, 8)),
        // 31 January: February's last day (28 February 2026 a Saturday → Monday 2 March).
        ((2026, 1, 31), (2026, 3, 2), (2026, 4, 30)),
        // 2028 is a leap year; + 3 months is Sunday 30 April, then May Day → Tuesday 2 May.
        ((2028, 1, 31), (2028, 2, 29), (2028, 5, 2)),
        // 29 February 2024 + 1 month: Good Friday 29 March 2024, Easter Monday 1 April → Tuesday 2nd.
        ((2024, 2, 29), (2024, 4, 2), (2024, 5, 29)),
        ((2028, 2, 29), (2028, 3, 29), (2028, 5, 29)),
        // Month ends: 31 August → 30 September; 30 November + 3 months → 28 February 2027 (Sunday).
        ((2026, 8, 31), (2026, 9, 30), (2026, 11, 30)),
        ((2026, 11, 30), (2026, 12, 30), (2027, 3, 1)),
    ];

    #[test]
    fn due_dates_around_holidays_month_ends_and_leap_days() {
        for (received, due, extended) in CASES {
            let received = d(received.0, received.1, received.2);
            let dates = Deadlines::from_received(received);
            assert_eq!(dates.received, received);
            assert_eq!(dates.due, d(due.0, due.1, due.2), "due, received {received:?}");
            assert_eq!(
                dates.extended_due,
                d(extended.0, extended.1, extended.2),
                "extended, received {received:?}"
            );
            assert_eq!(dates.extension_notice_by, dates.due, "Art. 12(3): the same month");
        }
    }

    /// For every day of nine years, the desk's dates are the ones the form writes into the
    /// customer's `request.json` (and letter) for a request made that day.
    #[test]
    fn equal_to_what_the_form_computes_for_every_day() {
        let draft = fixtures::draft();
        let base = fixtures::context();
        let mut day = d(2024, 1, 1);
        while day <= d(2032, 12, 31) {
            let context = Context::new(
                base.reference.clone(),
                day,
                base.stamp,
                base.recipient.clone(),
                base.register.clone(),
            );
            let written = record::record(&draft, &context).deadline;
            let desk = Deadlines::from_received(day);
            assert_eq!(written.if_received, desk.received.iso());
            assert_eq!(written.due, desk.due.iso(), "{day:?}");
            assert_eq!(written.due, desk.extension_notice_by.iso(), "{day:?}");
            assert_eq!(written.extended, desk.extended_due.iso(), "{day:?}");
            day = day.next_day();
        }
    }

    #[test]
    fn every_date_cites_its_rule_in_every_language() {
        let dates = Deadlines::from_received(d(2026, 11, 25)).dates();
        assert_eq!(dates.map(|(rule, _)| rule), Rule::ALL);
        for rule in Rule::ALL {
            assert!(rule
                .cited(Lang::Fi)
                .starts_with("tietosuoja-asetuksen 12 artiklan 3 kohta"));
            assert!(rule
                .cited(Lang::Sv)
                .starts_with("dataskyddsförordningen artikel 12.3"));
            assert!(rule.cited(Lang::En).starts_with("GDPR Article 12(3)"));
            assert!(rule
                .cited(Lang::Fi)
                .contains("1182/71 3 artiklan 2 kohdan c alakohta ja 4 kohta"));
            assert!(rule.cited(Lang::Sv).contains("1182/71 artikel 3.2 c och 3.4"));
            assert!(rule.cited(Lang::En).contains("1182/71, Article 3(2)(c) and 3(4)"));
        }
        let texts: Vec<&str> = Rule::ALL.iter().map(|r| r.cited(Lang::En)).collect();
        assert!(
            texts[0] != texts[1] && texts[1] != texts[2],
            "each says what it is for"
        );
    }

    #[test]
    fn ics_has_both_dates_with_reminders_and_no_personal_data() {
        let dates = Deadlines::from_received(d(2026, 11, 25));
        for lang in Lang::ALL {
            let text = ics(&dates, "SAF-04HM-ASW9", lang, "20261125T120000Z");
            assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
            assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
            let unfolded = text.replace("\r\n ", "");
            let events = events(&unfolded);
            assert_eq!(events.len(), 2, "{unfolded}");
            let (due, extended) = (&events[0], &events[1]);
            assert!(due.contains(&"DTSTART;VALUE=DATE:20261228"), "{due:?}");
            assert!(due.contains(&portal_core::ics::uid("UID:SAF-04HM-ASW9-desk-due").as_str()));
            assert!(extended.contains(&"DTSTART;VALUE=DATE:20270225"), "{extended:?}");
            assert!(extended.contains(&portal_core::ics::uid("UID:SAF-04HM-ASW9-desk-extended").as_str()));
            for event in [due, extended] {
                assert!(event.contains(&"TRIGGER;RELATED=START:-P7D"));
                assert!(event.contains(&"TRIGGER;RELATED=START:PT9H"));
                let description = event.iter().find(|l| l.starts_with("DESCRIPTION:")).unwrap();
                assert!(description.contains("SAF-04HM-ASW9"), "{description}");
                assert!(description.contains(&Date::display(dates.received, lang)));
                assert!(description.contains(&Date::display(dates.extended_due, lang)));
            }
        }
        let fi = ics(&dates, "SAF-1", Lang::Fi, "20261125T120000Z").replace("\r\n ", "");
        assert!(
            fi.contains("vastaus on annettava viimeistään tänään\\, 25.2.2027"),
            "{fi}"
        );
        assert!(fi.contains("12 artiklan 3 kohta"));
        let sv = ics(&dates, "SAF-1", Lang::Sv, "20261125T120000Z").replace("\r\n ", "");
        assert!(
            sv.contains("Svaret ska ges utan onödigt dröjsmål och senast 28.12.2026"),
            "{sv}"
        );
        let en = ics(&dates, "SAF-1", Lang::En, "20261125T120000Z").replace("\r\n ", "");
        assert!(en.contains("at the latest by 28 December 2026"), "{en}");
        assert_eq!(ics_file_name("SAF-1"), "SAF-1-deadlines.ics");
    }
}
