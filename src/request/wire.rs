//! How the request's plain types cross a boundary as data (the form → the writer's worker, and
//! `request.json`): serde helpers for the types the request borrows from elsewhere in the crate
//! ([`Lang`] as its code, [`Date`] as ISO `YYYY-MM-DD`, [`Instant`] as milliseconds), so that
//! those modules need not depend on serde.

use crate::date::{Date, Instant};
use crate::i18n::Lang;
use serde::{de::Error, Deserialize, Deserializer, Serializer};

/// `Lang` as `"fi"` / `"en"`.
pub mod lang {
    use super::*;

    pub fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(lang.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(d)?;
        code.parse()
            .map_err(|_| D::Error::custom(format!("unknown language {code:?}")))
    }
}

/// `Date` as `"2026-11-25"`.
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&date.iso())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse_iso(&text).map_err(|e| D::Error::custom(format!("date {text:?}: {e}")))
    }
}

/// `Instant` as milliseconds since the epoch.
pub mod instant {
    use super::*;

    pub fn serialize<S: Serializer>(instant: &Instant, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(instant.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
        i64::deserialize(d).map(Instant)
    }
}
