//! iCalendar files (RFC 5545) of all-day events with display alarms: the request form's reminder
//! for the customer (`request::send::ics`) and the request desk's deadlines for the controller
//! (`portal_desk`) are both written here, so both escape and fold their lines the same way.

use crate::date::Date;
use crate::request::validate::is_line_break;

/// The calendar's `PRODID`.
pub const PRODID: &str = "-//privacy-portal//Privacy portal//EN";

/// A globally unique event id (RFC 5545, 3.8.4.7): `local` at the site's own host (the site
/// folder's `origin`), e.g. `SAF-04HM-ASW9-deadline@tietosuoja.safrent.fi`.
pub fn uid(local: &str) -> String {
    format!("{local}@{}", crate::facts::host())
}

/// One all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Globally unique (RFC 5545, 3.8.4.7): [`uid`].
    pub uid: String,
    pub day: Date,
    pub summary: String,
    pub description: String,
    /// Each a display alarm showing the summary, as a `TRIGGER;RELATED=START` duration:
    /// `PT9H` is 9:00 that day, `-P7D` a week before.
    pub alarms: Vec<String>,
}

/// The calendar with `events`; `stamp` (`DTSTAMP`) is the creation time as `YYYYMMDDTHHMMSSZ`.
/// Every line ends with CRLF and is folded at 75 octets.
pub fn calendar(events: &[Event], stamp: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_owned(),
    ];
    for event in events {
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(&event.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", event.day.iso().replace('-', "")),
            format!("DTEND;VALUE=DATE:{}", event.day.next_day().iso().replace('-', "")),
            format!("SUMMARY:{}", escape(&event.summary)),
            format!("DESCRIPTION:{}", escape(&event.description)),
            "TRANSP:TRANSPARENT".to_owned(),
        ]);
        for trigger in &event.alarms {
            lines.extend([
                "BEGIN:VALARM".to_owned(),
                "ACTION:DISPLAY".to_owned(),
                format!("DESCRIPTION:{}", escape(&event.summary)),
                format!("TRIGGER;RELATED=START:{trigger}"),
                "END:VALARM".to_owned(),
            ]);
        }
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line)).collect()
}

/// A TEXT value (RFC 5545, 3.3.11): backslash, `;` and `,` escaped; each line break (CRLF, a bare
/// CR or LF, or a Unicode line or paragraph separator) written as `\n`; other control characters,
/// which TEXT does not allow, dropped (a tab is kept).
pub fn escape(s: &str) -> String {
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
            c if is_line_break(c) => out.push_str("\\n"),
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

/// The VEVENT blocks of an unfolded calendar, each as its lines (for tests here and elsewhere).
#[doc(hidden)]
pub fn events(unfolded: &str) -> Vec<Vec<&str>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let Some(lines) = current.as_mut() {
                    lines.push(line);
                }
            }
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_at_the_site_s_host() {
        let id = uid("SAF-04HM-ASW9-deadline");
        let (local, host) = id.split_once('@').unwrap();
        assert_eq!(local, "SAF-04HM-ASW9-deadline");
        assert!(
            host.contains('.') && !host.contains('/') && !host.contains(':'),
            "{host}"
        );
    }

    #[test]
    fn escapes_every_line_break_and_drops_other_controls() {
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
        // Every line break the form knows, and nothing else, becomes an escaped one.
        for c in '\0'..='\u{3000}' {
            let escaped = escape(&format!("a{c}b"));
            assert_eq!(
                escaped.contains("\\n"),
                is_line_break(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn each_event_has_its_alarms_and_nothing_else_does() {
        let day = Date::new(2026, 12, 31).unwrap();
        let event = |uid: &str, alarms: &[&str]| Event {
            uid: uid.into(),
            day,
            summary: "S".into(),
            description: "D".into(),
            alarms: alarms.iter().map(|a| a.to_string()).collect(),
        };
        let text = calendar(
            &[event("a", &["-P7D", "PT9H"]), event("b", &[])],
            "20261201T000000Z",
        );
        let events = events(&text);
        assert_eq!(events.len(), 2);
        assert!(events[0].contains(&"DTSTART;VALUE=DATE:20261231"));
        assert!(
            events[0].contains(&"DTEND;VALUE=DATE:20270101"),
            "{:?}",
            events[0]
        );
        assert_eq!(events[0].iter().filter(|l| **l == "BEGIN:VALARM").count(), 2);
        assert!(events[0].contains(&"TRIGGER;RELATED=START:-P7D"));
        assert!(!events[1].contains(&"BEGIN:VALARM"));
        assert!(text.contains(&format!("PRODID:{PRODID}\r\n")));
    }
}
