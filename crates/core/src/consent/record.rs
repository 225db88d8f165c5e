//! The record of a visitor's choice: what was chosen, when, in which language, against which
//! revision of the banner's texts and catalogue, and whether it is still valid.
//!
//! Stored in `localStorage` under [`STORAGE_KEY`] as its canonical JSON (serde, through the small
//! `serde-json-core`: [`to_json`], [`read`]), and given to the visitor as a receipt (GDPR
//! Art. 7(1): the controller must be able to show that consent was given). Only the canonical
//! text of a record is trusted, here and in the head script alike, so that both decide the same
//! for any text storage may hold.

use serde::{Deserialize, Serialize};

use super::catalogue::{Purpose, PurposeExt, OPTIONAL};
use crate::date::Instant;
use crate::i18n::Lang;

pub use super::catalogue::STORAGE_KEY;
/// The record format this code writes. Older or newer records are not trusted: the banner asks.
/// (Version 2: the revision is made at build time and covers everything the banner shows.)
pub const RECORD_VERSION: u32 = 2;
/// How long a choice holds, consent and refusal alike: asking a refusing visitor more often than
/// a consenting one would nudge them. From the site folder (`[consent] record_months`).
pub const CHOICE_MONTHS: u32 = crate::SITE.consent.record_months;
/// A record dated further in the future than this (clock skew) was not written by the portal.
pub const FUTURE_SLACK_MS: i64 = 86_400_000;
/// How many hex digits name a revision (64 bits of the SHA-256: plenty to tell texts apart).
pub const REVISION_LENGTH: usize = 16;
/// The keys of a stored record, in the order they are written. The head script checks a record
/// has exactly these before it trusts it (`consent::first_paint`); a test keeps them equal to
/// what serde writes.
pub const RECORD_KEYS: [&str; 7] = ["version", "id", "time", "choices", "revision", "lang", "gpc"];
/// The keys of [`Choices`], as stored.
pub const CHOICE_KEYS: [&str; 2] = ["analytics", "marketing"];
/// How many hex digits a record's id has (128 random bits).
pub const ID_LENGTH: usize = 32;

/// The longest a record's canonical JSON can be: each field of [`RECORD_KEYS`] at its widest
/// (the version and the time as the widest numbers their types hold, the id and the revision
/// quoted, every choice and `gpc` `false`, the longest language code). Storage holding anything
/// longer is not parsed, here or in the head script (`consent::first_paint`), and the banner asks
/// as for any unreadable record: a value nested thousands of levels deep (which any page of the
/// origin can store) would otherwise run a recursive reader out of stack.
pub const MAX_RECORD_LENGTH: usize = max_record_length();

const fn max_record_length() -> usize {
    const FALSE: usize = "false".len();
    const fn decimal_width(mut n: u64) -> usize {
        let mut width = 1;
        while n >= 10 {
            n /= 10;
            width += 1;
        }
        width
    }
    /// `{"a":x,"b":y}` around values of these widths.
    const fn object(keys: &[&str], widths: &[usize]) -> usize {
        let mut len = 2 + keys.len() - 1;
        let mut i = 0;
        while i < keys.len() {
            len += keys[i].len() + 3 + widths[i];
            i += 1;
        }
        len
    }
    let mut lang = 0;
    let mut i = 0;
    while i < Lang::ALL.len() {
        if Lang::ALL[i].code().len() > lang {
            lang = Lang::ALL[i].code().len();
        }
        i += 1;
    }
    let choices = object(&CHOICE_KEYS, &[FALSE; CHOICE_KEYS.len()]);
    // In the order of RECORD_KEYS: version, id, time, choices, revision, lang, gpc.
    let widths = [
        decimal_width(u32::MAX as u64),
        ID_LENGTH + 2,
        decimal_width(i64::MIN.unsigned_abs()) + 1,
        choices,
        REVISION_LENGTH + 2,
        lang + 2,
        FALSE,
    ];
    object(&RECORD_KEYS, &widths)
}

/// The optional purposes a visitor allowed. `Default` is everything refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choices {
    pub analytics: bool,
    pub marketing: bool,
}

impl Choices {
    pub const ALL: Choices = Choices {
        analytics: true,
        marketing: true,
    };
    pub const NONE: Choices = Choices {
        analytics: false,
        marketing: false,
    };

    pub const fn allows(self, purpose: Purpose) -> bool {
        match purpose {
            Purpose::Necessary => true,
            Purpose::Analytics => self.analytics,
            Purpose::Marketing => self.marketing,
        }
    }

    pub fn with(self, purpose: Purpose, allowed: bool) -> Choices {
        match purpose {
            Purpose::Necessary => self,
            Purpose::Analytics => Choices {
                analytics: allowed,
                ..self
            },
            Purpose::Marketing => Choices {
                marketing: allowed,
                ..self
            },
        }
    }

    /// Whether any optional purpose is allowed.
    pub const fn any(self) -> bool {
        self.analytics || self.marketing
    }

    /// The choices as they take effect on this site: only the purposes it asks about
    /// ([`OPTIONAL`]), each only with the purpose it works through ([`PurposeExt::needs`]), and
    /// Global Privacy Control refuses marketing without asking.
    pub fn effective(self, gpc: bool) -> Choices {
        self.effective_for(gpc, OPTIONAL, PurposeExt::needs)
    }

    /// [`Choices::effective`] for a site asking about `offered`, where `needs` says what a
    /// purpose works through.
    pub fn effective_for(
        self,
        gpc: bool,
        offered: &[Purpose],
        needs: impl Fn(Purpose) -> Option<Purpose>,
    ) -> Choices {
        let takes_effect = |purpose: Purpose| {
            self.allows(purpose)
                && offered.contains(&purpose)
                && needs(purpose).is_none_or(|needed| self.allows(needed) && offered.contains(&needed))
                && !(gpc && purpose == Purpose::Marketing)
        };
        Choices {
            analytics: takes_effect(Purpose::Analytics),
            marketing: takes_effect(Purpose::Marketing),
        }
    }

    /// The purposes `self` allows that `now` does not: what a change withdraws.
    pub fn withdrawn_in(self, now: Choices) -> Vec<Purpose> {
        Purpose::ALL
            .into_iter()
            .filter(|p| self.allows(*p) && !now.allows(*p))
            .collect()
    }
}

/// One stored choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub version: u32,
    /// 128 random bits as 32 lowercase hex digits, so that the receipt and any later question
    /// can refer to this choice. A change of a choice that still holds keeps the id (with a new
    /// time): the visitor's choices in one browser are one history in the company's consent log,
    /// where a withdrawal shows as such. A first choice, or one after the banner asked again,
    /// gets a new id.
    pub id: String,
    /// When the choice was made, in milliseconds since 1970 (UTC).
    pub time: i64,
    pub choices: Choices,
    /// The revision of the texts and catalogue the visitor saw ([`super::revision`]).
    pub revision: String,
    /// The language of the page the choice was made on.
    pub lang: Lang,
    /// Whether the browser sent Global Privacy Control when the choice was made.
    pub gpc: bool,
}

impl Record {
    /// A new record of `choices`, made now on `lang`'s page showing `revision`.
    pub fn new(
        id: String,
        now: Instant,
        choices: Choices,
        lang: Lang,
        gpc: bool,
        revision: String,
    ) -> Record {
        Record {
            version: RECORD_VERSION,
            id,
            time: now.0,
            choices: choices.effective(gpc),
            revision,
            lang,
            gpc,
        }
    }

    /// When the banner asks again: [`CHOICE_MONTHS`] after the choice, whatever it was.
    pub fn expires(&self) -> Instant {
        Instant(self.time).add_months(CHOICE_MONTHS)
    }
}

/// Whether `id` has the shape the portal writes: 32 lowercase hex digits.
pub fn is_record_id(id: &str) -> bool {
    is_lower_hex(id, ID_LENGTH)
}

/// Whether `revision` has the shape of a banner's revision: 16 lowercase hex digits.
pub fn is_revision(revision: &str) -> bool {
    is_lower_hex(revision, REVISION_LENGTH)
}

/// Exactly `len` lowercase hex digits: the shape of the portal's ids and revisions.
fn is_lower_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The id of a new record from 16 random bytes.
pub fn record_id(random: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    random
        .iter()
        .flat_map(|b| {
            [
                char::from(HEX[usize::from(b >> 4)]),
                char::from(HEX[usize::from(b & 15)]),
            ]
        })
        .collect()
}

/// Why the banner asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// No record.
    FirstVisit,
    /// A record that is not JSON, has other fields, or is dated in the future.
    Unreadable,
    /// A record of another format version.
    OtherVersion,
    /// Older than [`CHOICE_MONTHS`].
    Expired,
    /// The banner's texts or the catalogue changed since.
    Changed,
}

impl Ask {
    pub const ALL: [Ask; 5] = [
        Ask::FirstVisit,
        Ask::Unreadable,
        Ask::OtherVersion,
        Ask::Expired,
        Ask::Changed,
    ];

    /// The value of [`crate::vocabulary::ASK_REASON_ATTRIBUTE`].
    pub const fn key(self) -> &'static str {
        match self {
            Ask::FirstVisit => "first",
            Ask::Unreadable => "unreadable",
            Ask::OtherVersion => "other-version",
            Ask::Expired => "expired",
            Ask::Changed => "changed",
        }
    }
}

/// What the stored record means now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Ask(Ask),
    Decided(Record),
}

/// What storage gave back under [`STORAGE_KEY`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    Nothing,
    /// Storage held something that is not a record of the expected shape.
    Garbage,
    /// A record of another format version.
    OtherVersion(i64),
    Record(Record),
}

/// Only the version of a stored record: read first, so that another version is told apart from
/// garbage.
#[derive(Deserialize)]
pub struct Versioned {
    pub version: i64,
}

impl Stored {
    /// What a stored text means, given how to read its version and, for this version, the record.
    pub fn classify<E, F>(
        version: Result<Versioned, E>,
        record: impl FnOnce() -> Result<Record, F>,
    ) -> Stored {
        match version {
            Err(_) => Stored::Garbage,
            Ok(Versioned { version }) if version != i64::from(RECORD_VERSION) => {
                Stored::OtherVersion(version)
            }
            Ok(_) => record().map_or(Stored::Garbage, Stored::Record),
        }
    }
}

/// The record's canonical JSON: compact, keys in [`RECORD_KEYS`] order (what is stored).
pub fn to_json(record: &Record) -> Option<String> {
    serde_json_core::to_string::<_, MAX_RECORD_LENGTH>(record)
        .ok()
        .map(|text| text.as_str().to_owned())
}

/// What a stored text means: its version first, then a record of this version, trusted only in
/// its canonical form (so a record with other fields, other spacing or duplicate keys is garbage,
/// as the head script finds it too). Text longer than [`MAX_RECORD_LENGTH`] is garbage unread.
pub fn read(text: &str) -> Stored {
    if text.len() > MAX_RECORD_LENGTH {
        return Stored::Garbage;
    }
    Stored::classify(
        serde_json_core::from_str::<Versioned>(text).map(|(v, _)| v),
        || match serde_json_core::from_str::<Record>(text) {
            Ok((record, _)) if to_json(&record).as_deref() == Some(text) => Ok(record),
            Ok(_) => Err(()),
            Err(_) => Err(()),
        },
    )
}

/// The current revision of each language's banner, as the page carries them
/// (`<meta name="consent-revisions" content="fi:… en:…">`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revisions(pub Vec<(Lang, String)>);

impl Revisions {
    /// Reads `fi:abc en:def`; unknown languages and malformed pairs are skipped.
    pub fn parse(content: &str) -> Revisions {
        Revisions(
            content
                .split_whitespace()
                .filter_map(|pair| {
                    let (lang, revision) = pair.split_once(':')?;
                    Some((lang.parse().ok()?, revision.to_owned()))
                })
                .collect(),
        )
    }

    /// The meta element's content.
    pub fn to_content(&self) -> String {
        self.0
            .iter()
            .map(|(lang, revision)| format!("{lang}:{revision}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.0.iter().find(|(l, _)| *l == lang).map(|(_, r)| r.as_str())
    }
}

/// Decides whether the stored record still holds at `now`, against the current `revisions`.
pub fn status(stored: Stored, now: Instant, revisions: &Revisions) -> Status {
    let record = match stored {
        Stored::Nothing => return Status::Ask(Ask::FirstVisit),
        Stored::Garbage => return Status::Ask(Ask::Unreadable),
        Stored::OtherVersion(_) => return Status::Ask(Ask::OtherVersion),
        Stored::Record(record) => record,
    };
    if !is_record_id(&record.id)
        || !is_lower_hex(&record.revision, REVISION_LENGTH)
        || record.time < 0
        || record.time > now.0 + FUTURE_SLACK_MS
    {
        return Status::Ask(Ask::Unreadable);
    }
    if revisions.get(record.lang) != Some(record.revision.as_str()) {
        return Status::Ask(Ask::Changed);
    }
    if now >= record.expires() {
        return Status::Ask(Ask::Expired);
    }
    Status::Decided(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-25T14:33:07Z
    const NOW: Instant = Instant(1_795_617_187_000);
    const DAY: i64 = 86_400_000;
    const ID: &str = "0123456789abcdef0123456789abcdef";
    const F1: &str = "f1f1f1f1f1f1f1f1";
    const E1: &str = "e1e1e1e1e1e1e1e1";

    fn revisions() -> Revisions {
        Revisions(vec![(Lang::Fi, F1.into()), (Lang::En, E1.into())])
    }

    fn stored(record: &Record) -> Stored {
        read(&to_json(record).unwrap())
    }

    fn record(choices: Choices) -> Record {
        Record::new(ID.into(), NOW, choices, Lang::Fi, false, F1.into())
    }

    fn check(record: &Record, at: Instant) -> Status {
        status(stored(record), at, &revisions())
    }

    #[test]
    fn first_visit_and_garbage_ask() {
        let r = revisions();
        assert_eq!(status(Stored::Nothing, NOW, &r), Status::Ask(Ask::FirstVisit));
        for junk in [
            "42",
            "{\"choices\": {}}",
            "{\"version\": \"2\"}",
            "{not json",
            "null",
            "",
            "[]",
        ] {
            assert_eq!(
                status(read(junk), NOW, &r),
                Status::Ask(Ask::Unreadable),
                "{junk}"
            );
        }
        let missing_fields = format!("{{\"version\": 2, \"id\": \"{ID}\", \"time\": {}}}", NOW.0);
        assert_eq!(
            status(read(&missing_fields), NOW, &r),
            Status::Ask(Ask::Unreadable)
        );
    }

    #[test]
    fn old_and_future_versions_ask() {
        let json = to_json(&record(Choices::ALL)).unwrap();
        for (version, stored) in [(1, "\"version\":1"), (3, "\"version\":3")] {
            let other = json.replace("\"version\":2", stored);
            assert_eq!(read(&other), Stored::OtherVersion(version));
            assert_eq!(
                status(read(&other), NOW, &revisions()),
                Status::Ask(Ask::OtherVersion)
            );
        }
    }

    #[test]
    fn consent_and_refusal_both_last_the_sites_months() {
        // Twelve months from NOW, as the calendar counts them (the site folder sets how many).
        assert_eq!(Instant(NOW.0).add_months(12).iso_utc(), "2027-11-25T14:33:07Z");
        for choices in [
            Choices::NONE,
            Choices::ALL,
            Choices::NONE.with(Purpose::Analytics, true),
        ] {
            let choice = record(choices);
            assert_eq!(choice.expires(), Instant(NOW.0).add_months(CHOICE_MONTHS));
            let eleven_months = Instant(NOW.0).add_months(CHOICE_MONTHS - 1);
            assert_eq!(check(&choice, eleven_months), Status::Decided(choice.clone()));
            assert_eq!(
                check(&choice, Instant(choice.expires().0 - 1)),
                Status::Decided(choice.clone())
            );
            assert_eq!(check(&choice, choice.expires()), Status::Ask(Ask::Expired));
        }
        // 29 February: a year later is 28 February (the head script counts the same way).
        let leap = Record::new(
            ID.into(),
            Instant(1_835_470_800_000),
            Choices::NONE,
            Lang::Fi,
            false,
            F1.into(),
        );
        assert_eq!(Instant(leap.time).iso_utc(), "2028-02-29T21:00:00Z");
        assert_eq!(leap.expires().iso_utc(), "2029-02-28T21:00:00Z");
    }

    #[test]
    fn another_revision_asks_and_every_language_is_known() {
        let mut changed = record(Choices::ALL);
        changed.revision = "f0f0f0f0f0f0f0f0".into();
        assert_eq!(check(&changed, NOW), Status::Ask(Ask::Changed));
        // A choice made on the English page holds on any page that knows the English revision.
        let english = Record::new(ID.into(), NOW, Choices::ALL, Lang::En, false, E1.into());
        assert_eq!(check(&english, NOW), Status::Decided(english.clone()));
        let unknown = Revisions(vec![(Lang::Fi, F1.into())]);
        assert_eq!(status(stored(&english), NOW, &unknown), Status::Ask(Ask::Changed));
    }

    #[test]
    fn ids_and_times_from_outside_are_checked() {
        let future = Record::new(
            ID.into(),
            Instant(NOW.0 + 2 * DAY),
            Choices::ALL,
            Lang::Fi,
            false,
            F1.into(),
        );
        assert_eq!(check(&future, NOW), Status::Ask(Ask::Unreadable));
        for id in [
            "",
            "id-1",
            "0123456789ABCDEF0123456789ABCDEF",
            "äö23456789abcdef0123456789abcde",
            &"a".repeat(33),
        ] {
            let mut bad = record(Choices::ALL);
            bad.id = id.into();
            assert_eq!(check(&bad, NOW), Status::Ask(Ask::Unreadable), "{id}");
        }
        let mut early = record(Choices::ALL);
        early.time = -1;
        assert_eq!(check(&early, NOW), Status::Ask(Ask::Unreadable), "before 1970");
        for revision in [
            "f1f1",
            "F1F1F1F1F1F1F1F1",
            "f1f1f1f1f1f1f1\\\"",
            "f1f1f1f1f1f1f1f1f1",
        ] {
            let mut odd = record(Choices::ALL);
            odd.revision = revision.into();
            assert_eq!(check(&odd, NOW), Status::Ask(Ask::Unreadable), "{revision}");
        }
        assert_eq!(record_id([0xab; 16]), "ab".repeat(16));
        assert!(is_record_id(&record_id([7; 16])));
    }

    #[test]
    fn marketing_needs_analytics_and_gpc_refuses_it() {
        let under_gpc = Record::new(ID.into(), NOW, Choices::ALL, Lang::En, true, E1.into());
        assert!(!under_gpc.choices.marketing);
        assert_eq!(
            under_gpc.choices.analytics,
            OPTIONAL.contains(&Purpose::Analytics)
        );
        assert!(under_gpc.gpc);
        // A site asking about both, marketing working through analytics (Google signals).
        let both = [Purpose::Analytics, Purpose::Marketing];
        let signals = |p: Purpose| (p == Purpose::Marketing).then_some(Purpose::Analytics);
        assert_eq!(Choices::ALL.effective_for(false, &both, signals), Choices::ALL);
        assert_eq!(
            Choices::ALL.effective_for(true, &both, signals),
            Choices::NONE.with(Purpose::Analytics, true)
        );
        let marketing = Choices::NONE.with(Purpose::Marketing, true);
        assert_eq!(marketing.effective_for(false, &both, signals), Choices::NONE);
        // Marketing of its own (a pixel) holds without analytics.
        assert_eq!(marketing.effective_for(false, &both, |_| None), marketing);
        // A site asking about analytics only: "accept all" allows analytics, nothing else.
        assert_eq!(
            Choices::ALL.effective_for(false, &[Purpose::Analytics], |_| None),
            Choices::NONE.with(Purpose::Analytics, true)
        );
    }

    #[test]
    fn withdrawal_is_what_was_allowed_and_no_longer_is() {
        assert_eq!(
            Choices::ALL.withdrawn_in(Choices::NONE),
            vec![Purpose::Analytics, Purpose::Marketing]
        );
        let analytics_only = Choices::NONE.with(Purpose::Analytics, true);
        assert_eq!(
            Choices::ALL.withdrawn_in(analytics_only),
            vec![Purpose::Marketing]
        );
        assert_eq!(Choices::NONE.withdrawn_in(Choices::ALL), vec![]);
    }

    #[test]
    fn wrong_types_and_extra_fields_are_garbage() {
        let json = to_json(&record(Choices::ALL)).unwrap();
        for (from, to) in [
            ("\"gpc\":false", "\"gpc\":0"),
            ("\"lang\":\"fi\"", "\"lang\":\"xx\""),
            ("\"analytics\":true", "\"analytics\":\"yes\""),
            ("\"gpc\":false", "\"gpc\":false,\"extra\":1"),
            ("\"analytics\":true", "\"analytics\":true,\"extra\":1"),
            ("\"time\":1795617187000", "\"time\":1795617187000.5"),
        ] {
            assert_eq!(read(&json.replace(from, to)), Stored::Garbage, "{to}");
        }
    }

    #[test]
    fn stored_shape_is_the_documented_one() {
        // What "accept all" takes effect as on this site (marketing only where it is asked).
        let marketing = OPTIONAL.contains(&Purpose::Marketing);
        let json = to_json(&record(Choices::ALL)).unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"version":2,"id":"{ID}","time":1795617187000,"choices":{{"analytics":true,"marketing":{marketing}}},"revision":"f1f1f1f1f1f1f1f1","lang":"fi","gpc":false}}"#
            )
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = RECORD_KEYS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        let mut choice_keys: Vec<&str> = value["choices"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        choice_keys.sort_unstable();
        assert_eq!(choice_keys, CHOICE_KEYS);
    }

    #[test]
    fn revisions_round_trip_through_the_meta_content() {
        let r = revisions();
        assert_eq!(r.to_content(), "fi:f1f1f1f1f1f1f1f1 en:e1e1e1e1e1e1e1e1");
        assert_eq!(Revisions::parse(&r.to_content()), r);
        assert_eq!(
            Revisions::parse("xx:1 fi: en:e2 junk").0,
            vec![(Lang::Fi, String::new()), (Lang::En, "e2".into())]
        );
    }

    /// A record with every field at its widest: what [`MAX_RECORD_LENGTH`] must hold exactly.
    fn widest() -> Record {
        let lang = Lang::ALL
            .into_iter()
            .max_by_key(|lang| lang.code().len())
            .unwrap();
        Record {
            version: u32::MAX,
            id: ID.into(),
            time: i64::MIN,
            choices: Choices::NONE,
            revision: F1.into(),
            lang,
            gpc: false,
        }
    }

    #[test]
    fn the_longest_canonical_record_is_max_record_length() {
        let json = to_json(&widest()).unwrap();
        assert_eq!(json.len(), MAX_RECORD_LENGTH, "{json}");
        // One byte more than any record can be is not read, whatever it holds.
        let padded = format!("{json:<width$}", width = MAX_RECORD_LENGTH + 1);
        assert_eq!(read(&padded), Stored::Garbage);
        let version_three = format!("{{\"version\":3{}}}", " ".repeat(MAX_RECORD_LENGTH));
        assert_eq!(
            read(&version_three),
            Stored::Garbage,
            "too long to be read, even its version"
        );
    }

    /// `{"x":[[[…]]],"version":2}` with `depth` brackets: what any page of the origin can store.
    fn nested(depth: usize, version: i64) -> String {
        format!(
            "{{\"x\":{}{},\"version\":{version}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        )
    }

    #[test]
    fn a_deeply_nested_value_is_not_parsed() {
        // The audit's value: about 11,000 levels, 22 KB. Parsed, it overflowed the WebAssembly's stack.
        let text = nested(11_000, 2);
        assert!(text.len() > 22_000);
        assert_eq!(read(&text), Stored::Garbage);
        assert_eq!(
            status(read(&text), NOW, &revisions()),
            Status::Ask(Ask::Unreadable)
        );
        assert_eq!(read(&nested(100_000, 1)), Stored::Garbage);
    }

    /// Arrays or objects nested `depth` deep around a version: decided without a panic or a stack
    /// overflow, and garbage without being parsed when longer than a record.
    fn decide_nested(depth: usize, version: i64, objects: bool) -> Result<(), String> {
        let text = if objects {
            format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth)).replacen(
                '}',
                &format!(",\"version\":{version}}}"),
                1,
            )
        } else {
            nested(depth, version)
        };
        let stored = read(&text);
        if text.len() > MAX_RECORD_LENGTH && stored != Stored::Garbage {
            return Err(format!("depth {depth}: {stored:?}"));
        }
        let _ = status(stored, NOW, &revisions());
        Ok(())
    }

    #[test]
    fn long_nesting_is_garbage_without_overflow() {
        for depth in [200, 1_000, 11_000, 39_999] {
            for objects in [false, true] {
                assert_eq!(decide_nested(depth, 1, objects), Ok(()));
            }
        }
    }

    proptest::proptest! {
        /// Short nesting, most of it short enough to be parsed (MAX_RECORD_LENGTH): never a panic
        /// (the long cases are in `long_nesting_is_garbage_without_overflow`).
        #[test]
        fn short_nesting_is_decided_without_overflow(depth in 0usize..100, version in -3i64..5, objects: bool) {
            proptest::prop_assert_eq!(decide_nested(depth, version, objects), Ok(()));
        }

        /// A well-formed record with one field made long (spaces, a long id, revision or
        /// language, a huge number): longer than a record can be, it is garbage.
        #[test]
        fn long_values_are_garbage(pad in 1usize..5_000, field in 0usize..5) {
            let json = to_json(&record(Choices::ALL)).unwrap();
            let text = match field {
                0 => json.replace(ID, &"a".repeat(32 + pad)),
                1 => json.replace(F1, &"f".repeat(16 + pad)),
                2 => json.replace("\"fi\"", &format!("\"{}\"", "f".repeat(2 + pad))),
                3 => json.replace("1795617187000", &"9".repeat(13 + pad)),
                _ => json.replace(',', &format!(",{}", " ".repeat(pad))),
            };
            if text.len() > MAX_RECORD_LENGTH {
                proptest::prop_assert_eq!(read(&text), Stored::Garbage);
            } else {
                proptest::prop_assert_ne!(status(read(&text), NOW, &revisions()), Status::Decided(record(Choices::ALL)));
            }
        }

        /// Every record the portal can write fits in [`MAX_RECORD_LENGTH`].
        #[test]
        fn every_record_fits(version: u32, time: i64, analytics: bool, marketing: bool, gpc: bool, lang in 0usize..3) {
            let record = Record { version, time, choices: Choices { analytics, marketing }, gpc, lang: Lang::ALL[lang], ..widest() };
            let json = to_json(&record).unwrap();
            proptest::prop_assert!(json.len() <= MAX_RECORD_LENGTH);
        }
    }

    /// What any stored text is taken for: never for an empty storage, a record only when the text
    /// is exactly that record's canonical JSON, another version only when it is not this one, and
    /// a decided choice only from a record.
    fn decide_any(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let stored = read(text);
        match &stored {
            Stored::Nothing => proptest::prop_assert!(false, "{text:?} taken for no record"),
            Stored::Record(record) => {
                let canonical = to_json(record);
                proptest::prop_assert_eq!(canonical.as_deref(), Some(text), "not canonical")
            }
            Stored::OtherVersion(version) => {
                proptest::prop_assert_ne!(*version, i64::from(RECORD_VERSION), "{}", text)
            }
            Stored::Garbage => {}
        }
        let decided = status(stored.clone(), NOW, &revisions());
        if let Status::Decided(record) = decided {
            proptest::prop_assert_eq!(stored, Stored::Record(record));
        }
        Ok(())
    }

    proptest::proptest! {
        /// Storage holds whatever a visitor, an extension or an old site put there.
        #[test]
        fn any_stored_text_is_decided_by_what_it_is(text in "\\PC{0,300}", bytes in proptest::collection::vec(0u8..=255, 0..300)) {
            decide_any(&text)?;
            decide_any(&String::from_utf8_lossy(&bytes))?;
        }

        /// A stored record edited by hand or by an extension (a few characters replaced, often
        /// whitespace, digits or JSON's punctuation): still a record only while it is canonical.
        #[test]
        fn edited_records_are_decided_by_what_they_are(
            at in 0usize..120,
            delete in 0usize..3,
            insert in proptest::sample::select(vec!["", " ", "\n", "0", "9", "-", "\"", ",", ":", "}", "{", "1e3", "true", "\\u0066"]),
        ) {
            let json = to_json(&record(Choices::ALL)).unwrap();
            let at = at.min(json.len());
            let mut text = json.clone();
            text.replace_range(at..(at + delete).min(json.len()), insert);
            decide_any(&text)?;
        }

        /// What the portal writes, it reads back as the same record.
        #[test]
        fn written_records_read_back(random in proptest::array::uniform16(0u8..=255), time in 0i64..4_000_000_000_000, analytics: bool, marketing: bool, gpc: bool, en: bool) {
            let lang = if en { Lang::En } else { Lang::Fi };
            let record = Record::new(record_id(random), Instant(time), Choices { analytics, marketing }, lang, gpc, F1.into());
            proptest::prop_assert_eq!(read(&to_json(&record).unwrap()), Stored::Record(record));
        }
    }

    #[test]
    fn garbage_asks_again() {
        for text in [
            "\u{0}",
            "{\"version\":2,\"id\":\"ää\"}",
            "{\"version\":1e400}",
            "\"\\ud800\"",
        ] {
            assert_eq!(read(text), Stored::Garbage, "{text:?}");
            assert_eq!(
                status(read(text), NOW, &revisions()),
                Status::Ask(Ask::Unreadable),
                "{text:?}"
            );
        }
        assert_eq!(read("{\"version\":-1}"), Stored::OtherVersion(-1));
        assert_eq!(
            status(read("{\"version\":-1}"), NOW, &revisions()),
            Status::Ask(Ask::OtherVersion)
        );
    }
}
