//! How the request's plain types cross a boundary as data (the form → the writer's worker, and
//! `request.json`): serde helpers for the types the request borrows from elsewhere in the crate
//! ([`Date`] as ISO `YYYY-MM-DD`, [`Instant`] as milliseconds), so that those modules need not
//! depend on serde.

use crate::date::{Date, Instant};
use serde::{de::Error, Deserialize, Deserializer, Serializer};

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
