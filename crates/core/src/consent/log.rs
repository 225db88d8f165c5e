//! The company's consent log (issue 17): after each choice the page sends its record, as the
//! browser stored it, with the page's path ([`Beacon`]); the server accepts it only in this shape
//! ([`read_beacon`]) and keeps it, so that the company can show that the visitor consented
//! (Art. 7(1) GDPR) after the visitor's browser has forgotten.
//!
//! Nothing else goes with it: no IP address, no user agent, no query string or fragment of the
//! page's address (they may carry campaign or other ids).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::record::{self, is_record_id, is_revision, Record, Stored};

/// Where the log takes records, relative to the site's root: `POST /api/consent` (below the
/// site's prefix when it has one). The pages say it in [`crate::vocabulary::LOG_ATTRIBUTE`].
pub const PATH: &str = "api/consent";

/// The largest body the log accepts, in bytes; a record with its path is far smaller.
pub const MAX_BODY: usize = 4096;

/// The longest page path the log accepts, in bytes.
pub const MAX_PATH: usize = 512;

/// What the page sends after a choice: `{"path":"/en/","record":{…}}`.
#[derive(Debug, Serialize)]
pub struct Beacon<'a> {
    /// The page's path, without query or fragment.
    pub path: &'a str,
    pub record: &'a Record,
}

/// The beacon's JSON, as the page sends it; `None` if it would be larger than [`MAX_BODY`].
pub fn beacon_json(path: &str, record: &Record) -> Option<String> {
    serde_json_core::to_string::<_, MAX_BODY>(&Beacon { path, record })
        .ok()
        .map(|text| text.as_str().to_owned())
}

/// A beacon the log accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub record: Record,
    /// The record's text exactly as the visitor's browser stored it (its canonical JSON): what
    /// the visitor's receipt holds too.
    pub text: String,
    pub path: String,
}

/// Why the log refuses a beacon. Each is the sender's mistake (a 4xx), and nothing of it is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// More than [`MAX_BODY`] bytes.
    TooLarge,
    /// Not the beacon's JSON: another shape, other fields, not UTF-8.
    NotABeacon,
    /// The record is not one the portal writes (another version, not canonical, a malformed id
    /// or revision, a time before 1970 or more than a day ahead of the log's clock).
    BadRecord,
    /// The path is not a page path: empty, not starting with `/`, with a query or fragment, a
    /// control character or more than [`MAX_PATH`] bytes.
    BadPath,
}

impl Refused {
    /// What the server answers, in English (the sender is a program, not a visitor).
    pub fn message(self) -> &'static str {
        match self {
            Refused::TooLarge => "the body is larger than 4096 bytes",
            Refused::NotABeacon => "the body is not a consent beacon: {\"path\":\"/…\",\"record\":{…}}",
            Refused::BadRecord => "the record is not a consent record of this portal",
            Refused::BadPath => "the path is not a page's path (no query, no fragment, at most 512 bytes)",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Incoming<'a> {
    #[serde(borrow)]
    path: &'a str,
    #[serde(borrow)]
    record: &'a RawValue,
}

/// Reads a beacon the log received at `now` (milliseconds since 1970, the log's clock). The
/// record must be exactly the text the portal's browser code stores ([`record::read`]).
pub fn read_beacon(body: &[u8], now: i64) -> Result<Logged, Refused> {
    if body.len() > MAX_BODY {
        return Err(Refused::TooLarge);
    }
    let text = std::str::from_utf8(body).map_err(|_| Refused::NotABeacon)?;
    // A path with escapes (`\/`) cannot be borrowed: not what the page sends, so refused.
    let incoming: Incoming = serde_json::from_str(text).map_err(|_| Refused::NotABeacon)?;
    let record = match record::read(incoming.record.get()) {
        Stored::Record(record) => record,
        _ => return Err(Refused::BadRecord),
    };
    if !is_record_id(&record.id)
        || !is_revision(&record.revision)
        || record.time < 0
        || record.time > now + record::FUTURE_SLACK_MS
    {
        return Err(Refused::BadRecord);
    }
    if !is_page_path(incoming.path) {
        return Err(Refused::BadPath);
    }
    Ok(Logged {
        text: incoming.record.get().to_owned(),
        path: incoming.path.to_owned(),
        record,
    })
}

/// A page's path as the log keeps it: starts with `/`, printable ASCII (a browser sends other
/// characters percent-encoded), no query or fragment, at most [`MAX_PATH`] bytes.
pub fn is_page_path(path: &str) -> bool {
    path.starts_with('/')
        && path.len() <= MAX_PATH
        && path
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'?' && b != b'#')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::consent::record::Choices;
    use crate::date::Instant;
    use crate::i18n::Lang;

    const NOW: i64 = 1_796_000_000_000;

    fn record() -> Record {
        Record::new(
            "0123456789abcdef0123456789abcdef".into(),
            Instant(NOW - 1000),
            Choices::ALL,
            Lang::Sv,
            false,
            "4bf029677e1b5c9f".into(),
        )
    }

    #[test]
    fn what_the_page_sends_the_log_reads_back() {
        let record = record();
        let body = beacon_json("/sv/", &record).unwrap();
        let logged = read_beacon(body.as_bytes(), NOW).unwrap();
        assert_eq!(logged.record, record);
        assert_eq!(logged.path, "/sv/");
        assert_eq!(Some(logged.text), record::to_json(&record));
    }

    #[test]
    fn each_refusal_has_its_reason() {
        let record = record();
        let good = beacon_json("/", &record).unwrap();
        let text = record::to_json(&record).unwrap();
        let cases: Vec<(String, Refused)> = vec![
            (format!("{good}{}", " ".repeat(MAX_BODY)), Refused::TooLarge),
            ("not json".into(), Refused::NotABeacon),
            (text.clone(), Refused::NotABeacon),
            (
                good.replacen("{\"path\"", "{\"ip\":\"1.2.3.4\",\"path\"", 1),
                Refused::NotABeacon,
            ),
            (
                good.replacen("\"analytics\":true", "\"analytics\": true", 1),
                Refused::BadRecord,
            ),
            (
                good.replacen("\"version\":3", "\"version\":4", 1),
                Refused::BadRecord,
            ),
            (
                good.replacen("0123456789abcdef0123", "0123456789ABCDEF0123", 1),
                Refused::BadRecord,
            ),
            (
                good.replacen("4bf029677e1b5c9f", "../../etc/passwd", 1),
                Refused::BadRecord,
            ),
            (
                good.replacen("\"path\":\"/\"", "\"path\":\"/?utm=1\"", 1),
                Refused::BadPath,
            ),
            (
                good.replacen("\"path\":\"/\"", "\"path\":\"en/\"", 1),
                Refused::BadPath,
            ),
            (
                good.replacen("\"path\":\"/\"", "\"path\":\"/#x\"", 1),
                Refused::BadPath,
            ),
            (
                good.replacen(
                    "\"path\":\"/\"",
                    &format!("\"path\":\"/{}\"", "a".repeat(MAX_PATH)),
                    1,
                ),
                Refused::BadPath,
            ),
        ];
        for (body, why) in cases {
            assert_eq!(read_beacon(body.as_bytes(), NOW), Err(why), "{body}");
        }
        // A record made more than a day ahead of the log's clock.
        let mut ahead = record.clone();
        ahead.time = NOW + record::FUTURE_SLACK_MS + 1;
        let body = beacon_json("/", &ahead).unwrap();
        assert_eq!(read_beacon(body.as_bytes(), NOW), Err(Refused::BadRecord));
        assert_eq!(read_beacon(&[0xff, 0xfe], NOW), Err(Refused::NotABeacon));
    }

    proptest! {
        /// Whatever arrives, the reader answers without panicking, and what it accepts is a
        /// record it could have written.
        #[test]
        fn any_body_is_read_without_panic(body in proptest::collection::vec(any::<u8>(), 0..600)) {
            if let Ok(logged) = read_beacon(&body, NOW) {
                prop_assert_eq!(record::to_json(&logged.record), Some(logged.text));
            }
        }

        /// A beacon the page would send, with one byte changed, one inserted or the end cut off:
        /// read without panicking, and accepted only as a record the portal could have written.
        #[test]
        fn a_beacon_mutated_is_read_or_refused(at in 0usize..400, byte in any::<u8>(), how in 0u8..3) {
            let mut body = beacon_json("/en/", &record()).unwrap().into_bytes();
            let at = at % body.len();
            match how {
                0 => body[at] = byte,
                1 => body.insert(at, byte),
                _ => body.truncate(at),
            }
            if let Ok(logged) = read_beacon(&body, NOW) {
                prop_assert_eq!(record::to_json(&logged.record), Some(logged.text.clone()));
                prop_assert!(is_page_path(&logged.path));
                prop_assert!(is_record_id(&logged.record.id) && is_revision(&logged.record.revision));
            }
        }

        #[test]
        fn any_path_in_a_beacon_is_read_or_refused(path in "\\PC{0,40}") {
            let record = record();
            if let Some(body) = beacon_json(&path, &record) {
                match read_beacon(body.as_bytes(), NOW) {
                    Ok(logged) => {
                        prop_assert!(is_page_path(&path));
                        prop_assert_eq!(logged.path, path);
                    }
                    Err(why) => prop_assert!(!is_page_path(&path) || why == Refused::NotABeacon),
                }
            }
        }
    }
}
