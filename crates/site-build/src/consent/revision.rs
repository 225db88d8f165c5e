//! The revision of what the banner shows, made at build time: the SHA-256 of a JSON document
//! holding the banner's and settings view's markup in one language (every text they can show)
//! and the catalogue as data. The document is published as `consent/<revision>.json`, so a
//! stored choice or a receipt can be matched to the exact words the visitor saw; its digest is
//! its name. The browser compares revisions, it never hashes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use portal_core::consent::catalogue::{catalogue, Kept};
use portal_core::consent::record::{Revisions, CHOICE_MONTHS, RECORD_VERSION};
use portal_core::facts::SERVICES;
use portal_core::i18n::Lang;

/// Where the published revisions live, below the site's root.
pub const DIRECTORY: &str = "consent";
/// How many hex digits of the SHA-256 name a revision.
pub const LENGTH: usize = portal_core::consent::record::REVISION_LENGTH;

/// One catalogue entry as data.
#[derive(Serialize)]
struct EntryData {
    name: String,
    kept: &'static str,
    domain: Option<String>,
    provider: &'static str,
    purpose: &'static str,
    /// The texts' key and the lifetime the site folder gives (`site.toml`), so that a changed
    /// lifetime is a new revision even where a translation says it in the same words.
    key: &'static str,
    lifetime: Option<String>,
}

/// One service as data: what it is, for which purpose, and the settings that decide what it
/// collects (its IDs, the data retention, where its cookies are kept). A service added, removed or
/// changed is a new revision, so the visitor is asked again.
#[derive(Serialize)]
struct ServiceData {
    id: &'static str,
    kind: &'static str,
    purpose: &'static str,
    provider: &'static str,
    /// The name beside its switch (a plain script's from the folder).
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    script_url: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    measurement_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_retention_months: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pixel_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_id: Option<u32>,
    share_cookies_with_parent_domain: bool,
}

/// What one revision is of.
#[derive(Serialize)]
struct Shown<'a> {
    format: &'static str,
    lang: Lang,
    record_version: u32,
    choice_months: u32,
    services: Vec<ServiceData>,
    catalogue: Vec<EntryData>,
    /// The banner, its settings view and its messages, as the page carries them.
    markup: &'a str,
}

/// One language's published revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub lang: Lang,
    pub revision: String,
    /// The file's text, published as `consent/<revision>.json`.
    pub json: String,
}

impl Published {
    /// The file's path below the site's root.
    pub fn path(&self) -> String {
        format!("{DIRECTORY}/{}.json", self.revision)
    }
}

/// The revision of `markup` (the banner's markup in `lang`) with the catalogue.
pub fn publish(lang: Lang, markup: &str) -> Published {
    let catalogue = catalogue()
        .map(|entry| {
            let (kept, domain) = match entry.kept {
                Kept::LocalStorage => ("local-storage", None),
                Kept::Cookie => ("cookie", entry.shared_domain()),
                Kept::ThirdPartyCookie(domain) => ("third-party-cookie", Some(domain.to_owned())),
            };
            EntryData {
                name: entry.display(),
                kept,
                domain,
                provider: entry.provider,
                purpose: entry.purpose.key(),
                key: entry.key,
                lifetime: entry.lifetime.map(|l| l.to_string()),
            }
        })
        .collect();
    let shown = Shown {
        format: "privacy-portal-consent-revision/1",
        lang,
        record_version: RECORD_VERSION,
        choice_months: CHOICE_MONTHS,
        services: SERVICES
            .iter()
            .map(|service| ServiceData {
                id: &service.id,
                kind: service.kind.key(),
                purpose: service.purpose.key(),
                provider: &service.provider,
                name: service.display_name(),
                script_url: service.settings.script_url.as_deref(),
                measurement_id: service.settings.measurement_id.as_deref(),
                data_retention_months: service.settings.data_retention_months,
                pixel_id: service.settings.pixel_id.as_deref(),
                url: service.settings.url.as_deref(),
                site_id: service.settings.site_id,
                share_cookies_with_parent_domain: service.settings.share_cookies_with_parent_domain,
            })
            .collect(),
        catalogue,
        markup,
    };
    let json = serde_json::to_string_pretty(&shown).expect("plain data serialises") + "\n";
    let digest = Sha256::digest(json.as_bytes());
    let revision: String = digest.iter().map(|b| format!("{b:02x}")).collect::<String>()[..LENGTH].to_owned();
    Published { lang, revision, json }
}

/// The revisions of every language, as the pages carry them.
pub fn revisions(published: &[Published]) -> Revisions {
    Revisions(published.iter().map(|p| (p.lang, p.revision.clone())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::markup;

    #[test]
    fn a_changed_visible_string_gives_a_new_revision() {
        let fi = markup::html(Lang::Fi);
        let original = publish(Lang::Fi, &fi);
        assert_eq!(original.revision.len(), LENGTH);
        assert_eq!(
            publish(Lang::Fi, &fi),
            original,
            "the same texts give the same revision"
        );
        let changed = fi.replace("Hylkää kaikki", "Hylkää");
        assert_ne!(publish(Lang::Fi, &changed).revision, original.revision);
        assert_ne!(
            publish(Lang::En, &markup::html(Lang::En)).revision,
            original.revision
        );
    }

    #[test]
    fn the_file_is_named_by_its_digest_and_holds_what_was_shown() {
        let fi = markup::html(Lang::Fi);
        let published = publish(Lang::Fi, &fi);
        let digest: String = Sha256::digest(published.json.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(digest.starts_with(&published.revision));
        assert_eq!(published.path(), format!("consent/{}.json", published.revision));
        let value: serde_json::Value = serde_json::from_str(&published.json).unwrap();
        assert_eq!(value["markup"], fi.as_str());
        assert_eq!(value["lang"], "fi");
        let services = value["services"].as_array().unwrap();
        assert_eq!(services.len(), SERVICES.len());
        for (published, service) in services.iter().zip(SERVICES) {
            assert_eq!(published["kind"], service.kind.key());
            let settings = &service.settings;
            assert_eq!(
                published["measurement_id"].as_str(),
                settings.measurement_id.as_deref()
            );
            assert_eq!(published["pixel_id"].as_str(), settings.pixel_id.as_deref());
            assert_eq!(published["url"].as_str(), settings.url.as_deref());
            assert_eq!(published["site_id"].as_u64(), settings.site_id.map(u64::from));
        }
        assert_eq!(value["catalogue"].as_array().unwrap().len(), catalogue().count());
    }
}
