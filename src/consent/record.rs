//! The record of a visitor's choice: what was chosen, when, in which language, against which
//! revision of the banner text and catalogue, and whether it is still valid.
//!
//! Stored in `localStorage` under [`STORAGE_KEY`] as JSON, and given to the visitor as a receipt
//! (GDPR Art. 7(1): the controller must be able to show that consent was given).

use super::catalogue::{Kept, Purpose, CATALOGUE, GA_MEASUREMENT_ID};
use crate::date::Instant;
use crate::i18n::Lang;
use crate::json::{object, Json};

/// The storage key of the record.
pub const STORAGE_KEY: &str = "safrent.consent";
/// The record format this code writes. Older or newer records are not trusted: the banner asks.
pub const RECORD_VERSION: u32 = 1;
/// How long a choice that consents to anything is valid.
pub const CONSENT_MONTHS: u32 = 12;
/// How long a choice that refuses everything optional is valid.
pub const REFUSAL_MONTHS: u32 = 6;

/// The optional purposes a visitor allowed. `Default` is everything refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

    /// What the choices mean under Global Privacy Control: marketing is refused without asking.
    pub const fn under_gpc(self, gpc: bool) -> Choices {
        Choices {
            analytics: self.analytics,
            marketing: self.marketing && !gpc,
        }
    }

    /// The purposes `self` allows that `now` does not: what a change withdraws.
    pub fn withdrawn_in(self, now: Choices) -> Vec<Purpose> {
        Purpose::OPTIONAL
            .into_iter()
            .filter(|p| self.allows(*p) && !now.allows(*p))
            .collect()
    }
}

/// One stored choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub version: u32,
    /// A random id, so that the receipt and any later question can refer to this choice.
    pub id: String,
    /// When the choice was made, in milliseconds since 1970 (UTC).
    pub time: i64,
    pub choices: Choices,
    /// SHA-256 of the banner text and catalogue the visitor saw ([`revision`]).
    pub revision: String,
    /// The language the banner was shown in.
    pub lang: Lang,
    /// Whether the browser sent Global Privacy Control when the choice was made.
    pub gpc: bool,
}

impl Record {
    /// A new record of `choices`, made now, under GPC if `gpc`.
    pub fn new(id: String, now: Instant, choices: Choices, lang: Lang, gpc: bool) -> Record {
        Record {
            version: RECORD_VERSION,
            id,
            time: now.0,
            choices: choices.under_gpc(gpc),
            revision: revision(lang),
            lang,
            gpc,
        }
    }

    /// When the banner asks again: 12 months after a consent, 6 months after a refusal.
    pub fn expires(&self) -> Instant {
        let months = if self.choices.any() {
            CONSENT_MONTHS
        } else {
            REFUSAL_MONTHS
        };
        Instant(self.time).add_months(months)
    }
}

/// Why the banner asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// No record.
    FirstVisit,
    /// A record that is not JSON, lacks fields, or is dated in the future.
    Unreadable,
    /// A record of another format version.
    OtherVersion,
    /// Older than 12 months (consent) or 6 months (refusal).
    Expired,
    /// The banner text or the catalogue changed since.
    Changed,
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

impl Stored {
    /// Reads stored JSON text: the version first, then the record of that version.
    pub fn from_text(text: &str) -> Stored {
        let Ok(json) = Json::parse(text) else {
            return Stored::Garbage;
        };
        match json.get("version").and_then(Json::as_i64) {
            None => Stored::Garbage,
            Some(version) if version != i64::from(RECORD_VERSION) => Stored::OtherVersion(version),
            Some(_) => Record::from_json(&json).map_or(Stored::Garbage, Stored::Record),
        }
    }
}

impl Record {
    /// The record as stored: `{"version":1,"id":…,"time":…,"choices":{…},"revision":…,"lang":…,"gpc":…}`.
    pub fn to_json(&self) -> Json {
        object([
            ("version", i64::from(self.version).into()),
            ("id", self.id.as_str().into()),
            ("time", self.time.into()),
            (
                "choices",
                object([
                    ("analytics", self.choices.analytics.into()),
                    ("marketing", self.choices.marketing.into()),
                ]),
            ),
            ("revision", self.revision.as_str().into()),
            ("lang", self.lang.code().into()),
            ("gpc", self.gpc.into()),
        ])
    }

    /// A record from stored JSON; `None` if any field is missing or of the wrong type.
    pub fn from_json(json: &Json) -> Option<Record> {
        let choices = json.get("choices")?;
        Some(Record {
            version: u32::try_from(json.get("version")?.as_i64()?).ok()?,
            id: json.get("id")?.as_str()?.to_owned(),
            time: json.get("time")?.as_i64()?,
            choices: Choices {
                analytics: choices.get("analytics")?.as_bool()?,
                marketing: choices.get("marketing")?.as_bool()?,
            },
            revision: json.get("revision")?.as_str()?.to_owned(),
            lang: json.get("lang")?.as_str()?.parse().ok()?,
            gpc: json.get("gpc")?.as_bool()?,
        })
    }
}

/// Decides whether the stored record still holds at `now`.
pub fn status(stored: Stored, now: Instant) -> Status {
    let record = match stored {
        Stored::Nothing => return Status::Ask(Ask::FirstVisit),
        Stored::Garbage => return Status::Ask(Ask::Unreadable),
        Stored::OtherVersion(_) => return Status::Ask(Ask::OtherVersion),
        Stored::Record(record) => record,
    };
    // A day of slack for clocks; a record from further in the future was not written by us.
    if record.id.is_empty() || record.time > now.0 + 86_400_000 {
        return Status::Ask(Ask::Unreadable);
    }
    if record.revision != revision(record.lang) {
        return Status::Ask(Ask::Changed);
    }
    if now >= record.expires() {
        return Status::Ask(Ask::Expired);
    }
    Status::Decided(record)
}

/// The fingerprint of everything the banner shows in `lang`: its text, every purpose and every
/// catalogue entry, and the measurement ID. A change to any of them asks every visitor again.
pub fn revision(lang: Lang) -> String {
    let s = lang.strings();
    let mut text = String::with_capacity(4096);
    for part in [
        s.consent_title,
        s.consent_intro,
        s.accept_all,
        s.reject_all,
        s.cookie_settings,
        s.save_choices,
        s.settings_intro,
        s.gpc_note,
        GA_MEASUREMENT_ID,
    ] {
        text.push_str(part);
        text.push('\n');
    }
    for purpose in Purpose::ALL {
        text.push_str(purpose.name().get(lang));
        text.push('\n');
        text.push_str(purpose.description().get(lang));
        text.push('\n');
    }
    for entry in CATALOGUE {
        let kept = match entry.kept {
            Kept::LocalStorage => "local-storage",
            Kept::Cookie => "cookie",
            Kept::ThirdPartyCookie(domain) => domain,
        };
        for part in [
            &entry.name.display(),
            kept,
            entry.provider,
            entry.purpose.key(),
            entry.what.get(lang),
        ] {
            text.push_str(part);
            text.push('|');
        }
        text.push_str(entry.lifetime.get(lang));
        text.push('\n');
    }
    crate::sha256::hex_digest(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-25T14:33:07Z
    const NOW: Instant = Instant(1_795_617_187_000);
    const DAY: i64 = 86_400_000;

    fn stored(record: &Record) -> Stored {
        Stored::from_text(&record.to_json().to_compact())
    }

    fn record(choices: Choices) -> Record {
        Record::new("id-1".into(), NOW, choices, Lang::Fi, false)
    }

    #[test]
    fn first_visit_and_garbage_ask() {
        assert_eq!(status(Stored::Nothing, NOW), Status::Ask(Ask::FirstVisit));
        assert_eq!(status(Stored::Garbage, NOW), Status::Ask(Ask::Unreadable));
        for junk in [
            "42",
            "{\"choices\": {}}",
            "{\"version\": \"1\"}",
            "{not json",
            "null",
            "",
        ] {
            assert_eq!(
                status(Stored::from_text(junk), NOW),
                Status::Ask(Ask::Unreadable),
                "{junk}"
            );
        }
        let missing_fields = format!("{{\"version\": 1, \"id\": \"x\", \"time\": {}}}", NOW.0);
        assert_eq!(
            status(Stored::from_text(&missing_fields), NOW),
            Status::Ask(Ask::Unreadable)
        );
    }

    #[test]
    fn old_and_future_versions_ask() {
        let json = record(Choices::ALL).to_json().to_compact();
        let old = json.replace("\"version\":1", "\"version\":0");
        assert_eq!(Stored::from_text(&old), Stored::OtherVersion(0));
        assert_eq!(
            status(Stored::from_text(&old), NOW),
            Status::Ask(Ask::OtherVersion)
        );
        let newer = json.replace("\"version\":1", "\"version\":2");
        assert_eq!(
            status(Stored::from_text(&newer), NOW),
            Status::Ask(Ask::OtherVersion)
        );
    }

    #[test]
    fn consent_lasts_twelve_months_refusal_six() {
        let consent = record(Choices {
            analytics: true,
            marketing: false,
        });
        assert_eq!(Instant(consent.expires().0).iso_utc(), "2027-11-25T14:33:07Z");
        let just_before = Instant(consent.expires().0 - 1);
        assert_eq!(
            status(stored(&consent), just_before),
            Status::Decided(consent.clone())
        );
        assert_eq!(
            status(stored(&consent), consent.expires()),
            Status::Ask(Ask::Expired)
        );

        let refusal = record(Choices::NONE);
        assert_eq!(refusal.expires().iso_utc(), "2027-05-25T14:33:07Z");
        assert_eq!(
            status(stored(&refusal), Instant(NOW.0 + 200 * DAY)),
            Status::Ask(Ask::Expired)
        );
        assert_eq!(
            status(stored(&refusal), Instant(NOW.0 + 150 * DAY)),
            Status::Decided(refusal)
        );
    }

    #[test]
    fn changed_text_or_catalogue_asks() {
        let mut changed = record(Choices::ALL);
        changed.revision = "0".repeat(64);
        assert_eq!(status(stored(&changed), NOW), Status::Ask(Ask::Changed));
        assert_ne!(revision(Lang::Fi), revision(Lang::En));
        assert_eq!(revision(Lang::Fi).len(), 64);
    }

    #[test]
    fn records_from_the_future_are_not_trusted() {
        let future = Record::new(
            "id".into(),
            Instant(NOW.0 + 2 * DAY),
            Choices::ALL,
            Lang::Fi,
            false,
        );
        assert_eq!(status(stored(&future), NOW), Status::Ask(Ask::Unreadable));
    }

    #[test]
    fn gpc_refuses_marketing() {
        let under_gpc = Record::new("id".into(), NOW, Choices::ALL, Lang::En, true);
        assert_eq!(
            under_gpc.choices,
            Choices {
                analytics: true,
                marketing: false
            }
        );
        assert!(under_gpc.gpc);
        assert_eq!(Choices::ALL.under_gpc(false), Choices::ALL);
        assert_eq!(Choices::NONE.under_gpc(true), Choices::NONE);
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
    fn wrong_types_are_garbage() {
        let json = record(Choices::ALL).to_json().to_compact();
        for (from, to) in [
            ("\"gpc\":false", "\"gpc\":0"),
            ("\"lang\":\"fi\"", "\"lang\":\"sv\""),
            ("\"analytics\":true", "\"analytics\":\"yes\""),
        ] {
            assert_eq!(
                Stored::from_text(&json.replace(from, to)),
                Stored::Garbage,
                "{to}"
            );
        }
    }

    #[test]
    fn json_shape_is_stable() {
        let json = record(Choices::ALL).to_json().to_compact();
        assert!(json.starts_with(r#"{"version":1,"id":"id-1","time":1795617187000,"choices":{"analytics":true,"marketing":true},"revision":""#), "{json}");
        assert!(json.ends_with(r#"","lang":"fi","gpc":false}"#), "{json}");
    }
}
