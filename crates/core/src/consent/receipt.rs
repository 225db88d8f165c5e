//! The receipt a visitor can download of their choice: the stored record, until when it holds,
//! and where the very texts the banner showed are published (`consent/<revision>.json`, named by
//! its own SHA-256), so that the visitor and the controller can both show what was agreed to
//! (GDPR Art. 7(1)).

use serde::Serialize;

use super::record::Record;

/// Names the receipt's format, for whoever reads it later.
pub const FORMAT: &str = "privacy-portal-consent-receipt/1";

/// The receipt's contents.
#[derive(Clone, Debug, Serialize)]
pub struct Receipt<'a> {
    pub format: &'static str,
    /// The page the choice was made on.
    pub site: &'a str,
    /// Where the texts and the catalogue of the record's revision are published.
    pub texts: &'a str,
    /// When the choice was made and until when it holds, ISO 8601 in UTC.
    pub time_utc: &'a str,
    pub valid_until_utc: &'a str,
    /// The record exactly as stored.
    pub record: &'a Record,
}

/// The receipt's file name: the record's id makes it the visitor's own.
pub fn file_name(record: &Record) -> String {
    let short: String = record.id.chars().take(8).collect();
    format!("consent-receipt-{short}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::record::Choices;
    use crate::date::Instant;
    use crate::i18n::Lang;

    #[test]
    fn receipt_holds_the_record_and_where_the_texts_are() {
        let record = Record::new(
            "ab".repeat(16),
            Instant(1_795_617_187_000),
            Choices::ALL,
            Lang::En,
            false,
            "e1".into(),
        );
        let receipt = Receipt {
            format: FORMAT,
            site: "https://tietosuoja.example.fi/en/",
            texts: "https://tietosuoja.example.fi/consent/e1.json",
            time_utc: "2026-11-25T14:33:07.000Z",
            valid_until_utc: "2027-11-25T14:33:07.000Z",
            record: &record,
        };
        let value = serde_json::to_value(&receipt).unwrap();
        assert_eq!(value["format"], FORMAT);
        assert_eq!(value["texts"], "https://tietosuoja.example.fi/consent/e1.json");
        let stored: Record = serde_json::from_value(value["record"].clone()).unwrap();
        assert_eq!(stored, record);
        assert_eq!(file_name(&record), "consent-receipt-abababab.json");
        let mut odd = record;
        odd.id = "ääääääääää".into();
        assert_eq!(file_name(&odd), "consent-receipt-ääääääää.json");
    }
}
