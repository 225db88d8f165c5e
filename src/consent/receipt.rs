//! The receipt a visitor can download of their choice: the stored record, when it was made and
//! until when it holds, and the very texts the banner showed, so that the visitor and Safrent Oy
//! can both show what was agreed to (GDPR Art. 7(1)).

use super::catalogue::{entries, Purpose, GA_MEASUREMENT_ID};
use super::record::Record;
use crate::date::Instant;
use crate::json::{object, Json};

/// The receipt as indented JSON. `site` is the page's origin (`https://…`).
pub fn receipt_json(record: &Record, site: &str) -> String {
    let lang = record.lang;
    let s = lang.strings();
    let purposes = Purpose::ALL
        .into_iter()
        .map(|purpose| {
            let listed = entries(purpose)
                .map(|e| {
                    object([
                        ("name", e.name.display().into()),
                        ("provider", e.provider.into()),
                        ("what", e.what.get(lang).into()),
                        ("lifetime", e.lifetime.get(lang).into()),
                    ])
                })
                .collect();
            object([
                ("purpose", purpose.key().into()),
                ("name", purpose.name().get(lang).into()),
                ("description", purpose.description().get(lang).into()),
                ("allowed", record.choices.allows(purpose).into()),
                ("entries", Json::Array(listed)),
            ])
        })
        .collect();
    object([
        (
            "receipt",
            "Safrent Oy: evästevalinnan kuitti / cookie choice receipt".into(),
        ),
        ("site", site.into()),
        ("id", record.id.as_str().into()),
        ("time_utc", Instant(record.time).iso_utc().into()),
        ("valid_until_utc", record.expires().iso_utc().into()),
        ("global_privacy_control", record.gpc.into()),
        ("measurement_id", GA_MEASUREMENT_ID.into()),
        (
            "banner",
            object([
                ("lang", lang.code().into()),
                ("title", s.consent_title.into()),
                ("text", s.consent_intro.into()),
                ("revision_sha256", record.revision.as_str().into()),
            ]),
        ),
        ("purposes", Json::Array(purposes)),
        ("record", record.to_json()),
    ])
    .to_pretty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::record::Choices;
    use crate::i18n::Lang;

    #[test]
    fn receipt_holds_the_record_and_the_texts_shown() {
        let choices = Choices::NONE.with(Purpose::Analytics, true);
        let record = Record::new("abc".into(), Instant(1_795_617_187_000), choices, Lang::En, false);
        let value = Json::parse(&receipt_json(&record, "https://tietosuoja.safrent.fi")).unwrap();
        let text = |v: Option<&Json>| v.and_then(Json::as_str).map(str::to_owned);
        assert_eq!(text(value.get("id")).as_deref(), Some("abc"));
        assert_eq!(
            text(value.get("time_utc")).as_deref(),
            Some("2026-11-25T14:33:07Z")
        );
        assert_eq!(
            text(value.get("valid_until_utc")).as_deref(),
            Some("2027-11-25T14:33:07Z")
        );
        let banner = value.get("banner").unwrap();
        assert_eq!(text(banner.get("title")).as_deref(), Some("Cookies and privacy"));
        assert_eq!(text(banner.get("revision_sha256")), Some(record.revision.clone()));
        let Some(Json::Array(purposes)) = value.get("purposes") else {
            panic!("no purposes")
        };
        assert_eq!(text(purposes[1].get("purpose")).as_deref(), Some("analytics"));
        assert_eq!(purposes[1].get("allowed"), Some(&Json::Bool(true)));
        assert_eq!(purposes[2].get("allowed"), Some(&Json::Bool(false)));
        assert_eq!(Record::from_json(value.get("record").unwrap()), Some(record));
    }
}
