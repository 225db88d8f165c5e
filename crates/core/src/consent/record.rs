//! The record of a visitor's choice: what was chosen, when, in which language, against which
//! revision of the banner's texts and catalogue, and whether it is still valid.
//!
//! Stored in `localStorage` under [`STORAGE_KEY`] as its canonical JSON (serde, through the small
//! `serde-json-core`: [`to_json`], [`read`]), and given to the visitor as a receipt (GDPR
//! Art. 7(1): the controller must be able to show that consent was given). Only the canonical
//! text of a record is trusted, here and in the head script alike, so that both decide the same
//! for any text storage may hold.

use serde::{Deserialize, Serialize};

use super::catalogue::{serves, Purpose, PurposeExt, Service, OPTIONAL};
use crate::date::Instant;
use crate::facts::SERVICES;
use crate::i18n::Lang;

pub use super::catalogue::STORAGE_KEY;
/// The record format this code writes. Older or newer records are not trusted: the banner asks.
/// (Version 2: the revision is made at build time and covers everything the banner shows.
/// Version 3: the choices name the services refused inside an allowed purpose.)
pub const RECORD_VERSION: u32 = 3;
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
/// The keys of [`Choices`], as stored: each optional purpose, then the refused services.
pub const CHOICE_KEYS: [&str; 3] = ["analytics", "marketing", "refused_services"];
/// The keys of [`Choices`] that are a purpose's switch (`true` or `false`).
pub const PURPOSE_KEYS: [&str; 2] = ["analytics", "marketing"];
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
    // Every service refused: `["a","b"]`, each id quoted, commas between.
    let mut refused = 2;
    let mut i = 0;
    while i < SERVICES.len() {
        refused += crate::facts::text(&SERVICES[i].id).len() + 2 + if i > 0 { 1 } else { 0 };
        i += 1;
    }
    let choices = object(&CHOICE_KEYS, &[FALSE, FALSE, refused]);
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

/// The services a visitor refused inside a purpose they allowed (the settings view has a switch
/// for each service of a purpose that has more than one), as one bit per service of
/// [`SERVICES`], in the site folder's order. Stored as the services' ids in that order, so that a
/// record reads the same to its visitor, the company and the code: `["matomo"]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefusedServices(u32);

const _: () = assert!(SERVICES.len() <= site_folder::MAX_SERVICES && site_folder::MAX_SERVICES <= 32);

impl RefusedServices {
    pub const NONE: RefusedServices = RefusedServices(0);

    /// Whether the service at `index` of [`SERVICES`] is refused.
    pub const fn contains(self, index: usize) -> bool {
        index < 32 && self.0 & (1 << index) != 0
    }

    /// With the service at `index` refused or not.
    pub const fn with(self, index: usize, refused: bool) -> RefusedServices {
        if index >= SERVICES.len() {
            return self;
        }
        if refused {
            RefusedServices(self.0 | 1 << index)
        } else {
            RefusedServices(self.0 & !(1 << index))
        }
    }

    /// The refused services, in the site folder's order.
    pub fn services(self) -> impl Iterator<Item = &'static Service> {
        SERVICES
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.contains(*i))
            .map(|(_, service)| service)
    }
}

impl Serialize for RefusedServices {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.count_ones() as usize))?;
        for service in self.services() {
            seq.serialize_element(crate::facts::text(&service.id))?;
        }
        seq.end()
    }
}

/// A service's id, read as its index in [`SERVICES`] (from a borrowed or an owned string alike).
struct ServiceIndex(usize);

impl<'de> Deserialize<'de> for ServiceIndex {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Id;
        impl serde::de::Visitor<'_> for Id {
            type Value = ServiceIndex;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("the id of one of this site's services")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<ServiceIndex, E> {
                SERVICES
                    .iter()
                    .position(|service| service.id == id)
                    .map(ServiceIndex)
                    .ok_or_else(|| E::custom("not a service of this site"))
            }
        }
        deserializer.deserialize_str(Id)
    }
}

impl<'de> Deserialize<'de> for RefusedServices {
    /// Only what [`Serialize`] writes: ids of this site's services, each once, in the site
    /// folder's order.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ids;
        impl<'de> serde::de::Visitor<'de> for Ids {
            type Value = RefusedServices;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("the ids of this site's services, in its order")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut refused = RefusedServices::NONE;
                let mut next = 0;
                while let Some(ServiceIndex(at)) = seq.next_element()? {
                    if at < next {
                        return Err(serde::de::Error::custom("refused services out of order"));
                    }
                    refused = refused.with(at, true);
                    next = at + 1;
                }
                Ok(refused)
            }
        }
        deserializer.deserialize_seq(Ids)
    }
}

/// The optional purposes a visitor allowed, and the services they refused inside them. `Default`
/// is everything refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choices {
    pub analytics: bool,
    pub marketing: bool,
    pub refused_services: RefusedServices,
}

impl Choices {
    pub const ALL: Choices = Choices {
        analytics: true,
        marketing: true,
        refused_services: RefusedServices::NONE,
    };
    pub const NONE: Choices = Choices {
        analytics: false,
        marketing: false,
        refused_services: RefusedServices::NONE,
    };

    pub const fn allows(self, purpose: Purpose) -> bool {
        match purpose {
            Purpose::Necessary => true,
            Purpose::Analytics => self.analytics,
            Purpose::Marketing => self.marketing,
        }
    }

    /// Whether the service at `index` of [`SERVICES`] may run: its purpose allowed, the service
    /// not refused.
    pub fn allows_service(self, index: usize) -> bool {
        SERVICES
            .get(index)
            .is_some_and(|service| self.allows(service.purpose) && !self.refused_services.contains(index))
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

    /// With the service at `index` of [`SERVICES`] refused (or not).
    pub fn with_service(self, index: usize, refused: bool) -> Choices {
        Choices {
            refused_services: self.refused_services.with(index, refused),
            ..self
        }
    }

    /// Whether any optional purpose is allowed.
    pub const fn any(self) -> bool {
        self.analytics || self.marketing
    }

    /// The choices as they take effect on this site: only the purposes it asks about
    /// ([`OPTIONAL`]), each only with the purpose it works through ([`PurposeExt::needs`]), and
    /// Global Privacy Control refuses marketing without asking. A purpose whose every service is
    /// refused is refused; a refused service is kept only inside a purpose that takes effect.
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
        // A purpose with services serving it, every one of them refused, is refused.
        let every_service_refused = |purpose: Purpose| {
            let mut serving = (0..SERVICES.len()).filter(|i| serves(*i, purpose)).peekable();
            serving.peek().is_some() && serving.all(|i| self.refused_services.contains(i))
        };
        let wanted = |purpose: Purpose| self.allows(purpose) && !every_service_refused(purpose);
        let takes_effect = |purpose: Purpose| {
            wanted(purpose)
                && offered.contains(&purpose)
                && needs(purpose).is_none_or(|needed| wanted(needed) && offered.contains(&needed))
                && !(gpc && purpose == Purpose::Marketing)
        };
        let purposes = Choices {
            analytics: takes_effect(Purpose::Analytics),
            marketing: takes_effect(Purpose::Marketing),
            refused_services: RefusedServices::NONE,
        };
        let refused_services = (0..SERVICES.len())
            .filter(|i| self.refused_services.contains(*i) && purposes.allows(SERVICES[*i].purpose))
            .fold(RefusedServices::NONE, |refused, i| refused.with(i, true));
        Choices {
            refused_services,
            ..purposes
        }
    }

    /// The purposes `self` allows that `now` does not: what a change withdraws.
    pub fn withdrawn_in(self, now: Choices) -> Vec<Purpose> {
        Purpose::ALL
            .into_iter()
            .filter(|p| self.allows(*p) && !now.allows(*p))
            .collect()
    }

    /// Whether a change from `self` to `now` withdraws anything: a purpose, or a service that
    /// could run and no longer can.
    pub fn withdraws(self, now: Choices) -> bool {
        !self.withdrawn_in(now).is_empty()
            || (0..SERVICES.len()).any(|i| self.allows_service(i) && !now.allows_service(i))
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

/// The record format before services had switches of their own: `choices` without
/// `refused_services`. The banner asks again for such a record (another version); the company's
/// checks of receipts and log entries still read it ([`read_for_checking`]).
pub const PREVIOUS_RECORD_VERSION: u32 = 2;

/// A record of [`PREVIOUS_RECORD_VERSION`], field for field.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousRecord {
    pub version: u32,
    pub id: String,
    pub time: i64,
    pub choices: PreviousChoices,
    pub revision: String,
    pub lang: Lang,
    pub gpc: bool,
}

/// [`Choices`] of a [`PreviousRecord`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousChoices {
    pub analytics: bool,
    pub marketing: bool,
}

impl PreviousRecord {
    /// As a [`Record`] with its version kept and no service refused (it had no such switch).
    pub fn into_record(self) -> Option<Record> {
        (self.version == PREVIOUS_RECORD_VERSION).then_some(Record {
            version: self.version,
            id: self.id,
            time: self.time,
            choices: Choices {
                analytics: self.choices.analytics,
                marketing: self.choices.marketing,
                refused_services: RefusedServices::NONE,
            },
            revision: self.revision,
            lang: self.lang,
            gpc: self.gpc,
        })
    }
}

/// A record's canonical JSON in its own version's shape: [`to_json`], or for a record of
/// [`PREVIOUS_RECORD_VERSION`] (with no service refused) the shape that version stored.
pub fn to_json_in_its_version(record: &Record) -> Option<String> {
    if record.version != PREVIOUS_RECORD_VERSION {
        return to_json(record);
    }
    if record.choices.refused_services != RefusedServices::NONE {
        return None;
    }
    let previous = PreviousRecord {
        version: record.version,
        id: record.id.clone(),
        time: record.time,
        choices: PreviousChoices {
            analytics: record.choices.analytics,
            marketing: record.choices.marketing,
        },
        revision: record.revision.clone(),
        lang: record.lang,
        gpc: record.gpc,
    };
    serde_json_core::to_string::<_, MAX_RECORD_LENGTH>(&previous)
        .ok()
        .map(|text| text.as_str().to_owned())
}

/// A stored text as the company checks it (a receipt against its consent log): a record of this
/// version ([`read`]) or of [`PREVIOUS_RECORD_VERSION`], each only in its canonical form.
pub fn read_for_checking(text: &str) -> Option<Record> {
    if let Stored::Record(record) = read(text) {
        return Some(record);
    }
    if text.len() > MAX_RECORD_LENGTH {
        return None;
    }
    let (previous, _) = serde_json_core::from_str::<PreviousRecord>(text).ok()?;
    let record = previous.into_record()?;
    (to_json_in_its_version(&record).as_deref() == Some(text)).then_some(record)
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
        let missing_fields = format!("{{\"version\": 3, \"id\": \"{ID}\", \"time\": {}}}", NOW.0);
        assert_eq!(
            status(read(&missing_fields), NOW, &r),
            Status::Ask(Ask::Unreadable)
        );
    }

    #[test]
    fn old_and_future_versions_ask() {
        let json = to_json(&record(Choices::ALL)).unwrap();
        for (version, stored) in [(2, "\"version\":2"), (4, "\"version\":4")] {
            let other = json.replace("\"version\":3", stored);
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
    fn refused_services_are_kept_inside_allowed_purposes_only() {
        let first = SERVICES[0].purpose;
        let alone = SERVICES.iter().filter(|s| s.purpose == first).count() == 1;
        // Refusing a purpose's only service refuses the purpose; refusing one of several keeps
        // the purpose and the refusal.
        let refined = Choices::ALL.with_service(0, true).effective(false);
        assert_eq!(refined.allows(first), !alone);
        assert_eq!(refined.refused_services.contains(0), !alone);
        assert!(!refined.allows_service(0));
        // A refusal inside a refused purpose is not kept: the purpose says it all.
        let refused = Choices::NONE.with_service(0, true).effective(false);
        assert_eq!(refused, Choices::NONE);
        // Refusing a service withdraws it, also when its purpose stays.
        assert!(Choices::ALL.effective(false).withdraws(refined));
        assert!(!refined.withdraws(Choices::ALL.effective(false)));
        // Stored as the service's id; read back the same.
        let record = Record::new(
            ID.into(),
            NOW,
            Choices::ALL.with_service(0, true),
            Lang::Fi,
            false,
            F1.into(),
        );
        let json = to_json(&record).unwrap();
        let id = SERVICES[0].id.as_ref();
        assert_eq!(
            json.contains(&format!("\"refused_services\":[\"{id}\"]")),
            !alone,
            "{json}"
        );
        assert_eq!(read(&json), Stored::Record(record));
    }

    #[test]
    fn refused_services_from_outside_are_this_site_s_in_its_order() {
        let json = to_json(&record(Choices::ALL)).unwrap();
        let id = SERVICES[0].id.as_ref();
        let list = |ids: &str| {
            json.replace(
                "\"refused_services\":[]",
                &format!("\"refused_services\":[{ids}]"),
            )
        };
        for ids in [
            "\"no-such-service\"".to_owned(),
            format!("\"{id}\",\"{id}\""),
            "1".to_owned(),
            "null".to_owned(),
            format!("\"{}\"", id.to_uppercase()),
        ] {
            assert_eq!(read(&list(&ids)), Stored::Garbage, "{ids}");
        }
        if let [first, second, ..] = SERVICES {
            let reversed = format!("\"{}\",\"{}\"", second.id, first.id);
            assert_eq!(read(&list(&reversed)), Stored::Garbage);
        }
        assert_eq!(
            read(&json.replace(",\"refused_services\":[]", "")),
            Stored::Garbage
        );
    }

    #[test]
    fn refused_services_read_from_owned_strings_too() {
        // serde_json reading a `Value` (a receipt's record) hands over owned strings.
        let mut refined = Record::new(ID.into(), NOW, Choices::ALL, Lang::Fi, false, F1.into());
        refined.choices.refused_services = RefusedServices::NONE.with(0, true);
        let value = serde_json::to_value(&refined).unwrap();
        assert_eq!(serde_json::from_value::<Record>(value).unwrap(), refined);
    }

    #[test]
    fn the_company_still_checks_version_2_records() {
        let v2 = format!(
            r#"{{"version":2,"id":"{ID}","time":1795617187000,"choices":{{"analytics":true,"marketing":false}},"revision":"{F1}","lang":"fi","gpc":false}}"#
        );
        // The banner asks again: another version.
        assert_eq!(read(&v2), Stored::OtherVersion(2));
        let old = read_for_checking(&v2).expect("a version 2 record is checked");
        assert_eq!(old.version, 2);
        assert_eq!(old.choices, Choices::NONE.with(Purpose::Analytics, true));
        assert_eq!(to_json_in_its_version(&old).as_deref(), Some(v2.as_str()));
        // Only canonical, only versions 2 and 3.
        assert_eq!(read_for_checking(&v2.replace(",\"gpc\"", ", \"gpc\"")), None);
        assert_eq!(
            read_for_checking(&v2.replace("\"version\":2", "\"version\":1")),
            None
        );
        let current = to_json(&record(Choices::ALL)).unwrap();
        assert_eq!(read_for_checking(&current), Some(record(Choices::ALL)));
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
                r#"{{"version":3,"id":"{ID}","time":1795617187000,"choices":{{"analytics":true,"marketing":{marketing},"refused_services":[]}},"revision":"f1f1f1f1f1f1f1f1","lang":"fi","gpc":false}}"#
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

    /// The services of `bits`' set bits (those this site has).
    fn refused_of(bits: u32) -> RefusedServices {
        (0..SERVICES.len()).fold(RefusedServices::NONE, |refused, i| {
            refused.with(i, bits & (1 << i) != 0)
        })
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
            choices: Choices {
                refused_services: refused_of(u32::MAX),
                ..Choices::NONE
            },
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
        fn every_record_fits(version: u32, time: i64, analytics: bool, marketing: bool, refused: u32, gpc: bool, lang in 0usize..Lang::ALL.len()) {
            let choices = Choices { analytics, marketing, refused_services: refused_of(refused) };
            let record = Record { version, time, choices, gpc, lang: Lang::ALL[lang], ..widest() };
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
        fn written_records_read_back(random in proptest::array::uniform16(0u8..=255), time in 0i64..4_000_000_000_000, analytics: bool, marketing: bool, refused: u32, gpc: bool, en: bool) {
            let lang = if en { Lang::En } else { Lang::Fi };
            let choices = Choices { analytics, marketing, refused_services: refused_of(refused) };
            let record = Record::new(record_id(random), Instant(time), choices, lang, gpc, F1.into());
            proptest::prop_assert_eq!(read(&to_json(&record).unwrap()), Stored::Record(record));
        }
    }

    #[test]
    fn garbage_asks_again() {
        for text in [
            "\u{0}",
            "{\"version\":3,\"id\":\"ää\"}",
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
