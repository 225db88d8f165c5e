//! The catalogue: every purpose and every cookie or storage entry the site uses, with who sets
//! it, why and for how long. The single source for the banner's text, the settings view, the
//! services' gate, what withdrawal deletes, and the cookie table in the notice.
//!
//! It is the site folder's data (`site.toml`'s `[[services]]` and their `[[services.cookies]]`),
//! plus the portal's own consent record; the texts are in `locales/<lang>.toml` (`[purposes]`,
//! and `[entries]` by each cookie's `key`). The purposes a visitor is asked about are those the
//! services use: a site whose services are all analytics asks about analytics only.

use crate::facts::{list, text, SERVICES};
use crate::i18n::Strings;

pub use site_folder::{Purpose, Service, ServiceKind};

/// The storage key of the consent record (`record`), the site's own entry in the catalogue: the
/// product's own name, the same for every company.
pub const STORAGE_KEY: &str = "privacy-portal.consent";

/// How long the site's analytics keeps the measurement data, in months: the first service's
/// `data_retention_months` (Google Analytics 4's data retention, Matomo's deletion of old raw
/// data), which the banner and the cookie table say (`{retention}`); `None` without one.
pub const RETENTION_MONTHS: Option<u32> = retention_months(SERVICES);

const fn retention_months(services: &[Service]) -> Option<u32> {
    let mut s = 0;
    while s < services.len() {
        if let Some(months) = services[s].settings.data_retention_months {
            return Some(months);
        }
        s += 1;
    }
    None
}

/// Whether the site folder has a service of `kind`: the browser glue of a kind the site does not
/// use is left out of its WebAssembly (a `const` the compiler decides on).
pub const fn uses(kind: ServiceKind) -> bool {
    let mut s = 0;
    while s < SERVICES.len() {
        if SERVICES[s].kind as u8 == kind as u8 {
            return true;
        }
        s += 1;
    }
    false
}

/// Whether Google's service has advertising cookies (Google signals: `purpose = "marketing"` on
/// its cookies), so that a marketing consent lets Google's ads features run.
pub const GOOGLE_ADS: bool = google_ads(SERVICES);

const fn google_ads(services: &[Service]) -> bool {
    let mut s = 0;
    while s < services.len() {
        if matches!(services[s].kind, ServiceKind::GoogleAnalytics4) {
            let cookies = list(&services[s].cookies);
            let mut c = 0;
            while c < cookies.len() {
                if matches!(cookies[c].purpose, Some(Purpose::Marketing)) {
                    return true;
                }
                c += 1;
            }
        }
        s += 1;
    }
    false
}

/// Where the Google tag is loaded from, with the measurement ID.
pub fn google_tag_url(measurement_id: &str) -> String {
    ["https://www.googletagmanager.com/gtag/js?id=", measurement_id].concat()
}

/// A text of the locale files, picked from a language's [`Strings`].
pub type Pick = fn(&'static Strings) -> &'static str;

/// The purposes the site has, `Necessary` first (the consent record), then each optional
/// purpose some service of the site folder uses, in [`Purpose::ALL`]'s order.
pub const PURPOSES: &[Purpose] = PURPOSES_USED.0.split_at(PURPOSES_USED.1).0;

/// The purposes a visitor chooses: [`PURPOSES`] without `Necessary`, which is always on.
pub const OPTIONAL: &[Purpose] = PURPOSES.split_at(1).1;

const PURPOSES_USED: ([Purpose; 3], usize) = {
    let mut used = [Purpose::Necessary; 3];
    let mut count = 1;
    let mut p = 1;
    while p < Purpose::ALL.len() {
        if is_used(Purpose::ALL[p]) {
            used[count] = Purpose::ALL[p];
            count += 1;
        }
        p += 1;
    }
    (used, count)
};

/// Whether some cookie of some service serves `purpose`.
const fn is_used(purpose: Purpose) -> bool {
    let mut s = 0;
    while s < SERVICES.len() {
        let cookies = list(&SERVICES[s].cookies);
        let mut c = 0;
        while c < cookies.len() {
            let of = match cookies[c].purpose {
                Some(own) => own,
                None => SERVICES[s].purpose,
            };
            if of as u8 == purpose as u8 {
                return true;
            }
            c += 1;
        }
        s += 1;
    }
    false
}

/// A purpose's texts, and what it depends on.
pub trait PurposeExt {
    /// The purpose's name in the locale files.
    fn name(self) -> Pick;
    /// What the purpose covers, in the locale files (with `{retention}` for analytics).
    fn description(self) -> Pick;
    /// The purpose this one works through: a cookie of marketing set by a service loaded for
    /// analytics (Google signals, through Google's tag) has no effect until analytics is allowed.
    fn needs(self) -> Option<Purpose>;
}

impl PurposeExt for Purpose {
    fn name(self) -> Pick {
        match self {
            Purpose::Necessary => |s| s.purposes.necessary,
            Purpose::Analytics => |s| s.purposes.analytics,
            Purpose::Marketing => |s| s.purposes.marketing,
        }
    }

    fn description(self) -> Pick {
        match self {
            Purpose::Necessary => |s| s.purposes.necessary_description,
            Purpose::Analytics => |s| s.purposes.analytics_description,
            Purpose::Marketing => |s| s.purposes.marketing_description,
        }
    }

    fn needs(self) -> Option<Purpose> {
        // The purposes of the services that set this purpose's entries: one other purpose, the
        // same for all of them.
        let mut through = entries(self).map(|entry| entry.service.map(|service| service.purpose));
        let first = through.next()??;
        (first != self && through.all(|of| of == Some(first))).then_some(first)
    }
}

/// Where an entry is kept, which decides whether the site can delete it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// The browser's local storage of this site.
    LocalStorage,
    /// A cookie of this site's domain (the service's script sets it as a first-party cookie).
    Cookie,
    /// A cookie of another domain: the site cannot read or delete it; withdrawal stops its use.
    ThirdPartyCookie(&'static str),
}

/// How entry names are matched when deleting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    Exact(&'static str),
    /// Every name that starts with this (`_gcl_` matches `_gcl_au`).
    Prefix(&'static str),
}

impl Name {
    pub fn matches(self, name: &str) -> bool {
        match self {
            Name::Exact(exact) => name == exact,
            Name::Prefix(prefix) => name.starts_with(prefix),
        }
    }
}

/// Google Analytics 4's session cookie: `_ga_` and the measurement ID without "G-". The cookie
/// table shows that name; withdrawal deletes every `_ga_…` (an older property's too).
const GA_SESSION_PREFIX: &str = "_ga_";

/// One cookie or storage entry the site uses.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub name: Name,
    pub kept: Kept,
    pub provider: &'static str,
    pub purpose: Purpose,
    /// The stem of its texts in the locale files' `[entries]` (`<key>_what`, `<key>_lifetime`).
    pub key: &'static str,
    /// The service that sets it; `None` for the portal's own consent record.
    pub service: Option<&'static Service>,
    /// How long it lasts, as the site folder gives it (`None` for the consent record, which
    /// lasts as long as a choice holds).
    pub lifetime: Option<site_folder::Lifetime>,
}

impl Entry {
    /// What it holds, in the locale files.
    pub fn what(&self, strings: &'static Strings) -> &'static str {
        strings.entry(self.key, "what")
    }

    /// How long it lasts, in the locale files (with `{valid}` for the consent record).
    pub fn lifetime(&self, strings: &'static Strings) -> &'static str {
        strings.entry(self.key, "lifetime")
    }

    /// The domain a cookie of this site is shared on, if its service shares its cookies with the
    /// parent domain (`share_cookies_with_parent_domain`): the site's host without its first
    /// label (`tietosuoja.safrent.fi` → `safrent.fi`). `None`: the site's own host only.
    pub fn shared_domain(&self) -> Option<String> {
        let service = self.service?;
        if self.kept != Kept::Cookie || !service.settings.share_cookies_with_parent_domain {
            return None;
        }
        let host = crate::facts::host();
        let parent = host.split_once('.').map_or(host, |(_, parent)| parent);
        Some(if parent.contains('.') { parent } else { host }.to_owned())
    }

    /// The name as the cookie table shows it: a prefix with `*`, except Google Analytics 4's
    /// session cookie, whose full name the measurement ID gives.
    pub fn display(&self) -> String {
        match self.name {
            Name::Exact(exact) => exact.to_owned(),
            Name::Prefix(GA_SESSION_PREFIX)
                if self
                    .service
                    .is_some_and(|s| s.kind == ServiceKind::GoogleAnalytics4) =>
            {
                let settings = &self.service.expect("checked above").settings;
                [
                    GA_SESSION_PREFIX,
                    settings
                        .measurement_id
                        .as_deref()
                        .unwrap_or_default()
                        .trim_start_matches("G-"),
                ]
                .concat()
            }
            Name::Prefix(prefix) => format!("{prefix}*"),
        }
    }
}

/// The portal's own record of the choice, kept in local storage by the controller.
const CONSENT_ENTRY: Entry = Entry {
    name: Name::Exact(STORAGE_KEY),
    kept: Kept::LocalStorage,
    provider: crate::facts::CONTROLLER_NAME,
    purpose: Purpose::Necessary,
    key: "consent",
    service: None,
    lifetime: None,
};

/// Everything the site stores: the consent record, then each service's cookies in the site
/// folder's order.
pub fn catalogue() -> impl Iterator<Item = Entry> {
    std::iter::once(CONSENT_ENTRY).chain(SERVICES.iter().flat_map(|service| {
        list(&service.cookies).iter().map(move |cookie| Entry {
            name: match (&cookie.name, &cookie.prefix) {
                (Some(name), _) => Name::Exact(text(name)),
                (None, Some(prefix)) => Name::Prefix(text(prefix)),
                // The site folder's check refuses a cookie without either.
                (None, None) => Name::Exact(""),
            },
            kept: match &cookie.domain {
                Some(domain) => Kept::ThirdPartyCookie(text(domain)),
                None => Kept::Cookie,
            },
            provider: text(&service.provider),
            purpose: cookie.purpose_in(service),
            key: text(&cookie.key),
            service: Some(service),
            lifetime: Some(cookie.lifetime),
        })
    }))
}

/// The entries of one purpose.
pub fn entries(purpose: Purpose) -> impl Iterator<Item = Entry> {
    catalogue().filter(move |entry| entry.purpose == purpose)
}

/// Cookies a kind of service sets beyond those a folder lists, or set in its older versions or
/// another configuration, so the cookie table may not list them, but a refusal or withdrawal
/// deletes them, because a visitor may have them: for a GA4 service, Universal Analytics' (Google
/// Analytics before GA4), and Google's ads cookies (Google signals and ads linking: marketing),
/// which a site that turned them off (Safrent's, 2026) no longer sets; for Matomo, every `_pk_`
/// and `mtm_` cookie (referrer, custom variables, its own consent cookies); for Meta's pixel,
/// `_fbp` and `_fbc` (set when the address has `fbclid`).
fn legacy_cookies() -> impl Iterator<Item = (Name, Purpose)> {
    SERVICES.iter().flat_map(legacy_cookies_of)
}

/// [`legacy_cookies`] of one service.
fn legacy_cookies_of(service: &'static Service) -> impl Iterator<Item = (Name, Purpose)> {
    // `None`: the service's own purpose (the folder's check makes it the kind's).
    let names: &[(Name, Option<Purpose>)] = match service.kind {
        ServiceKind::GoogleAnalytics4 => &[
            (Name::Exact("_gid"), None),
            (Name::Prefix("_gat"), None),
            (Name::Prefix("_gcl_"), Some(Purpose::Marketing)),
            (Name::Prefix("_gac_"), Some(Purpose::Marketing)),
        ],
        ServiceKind::Matomo => &[(Name::Prefix("_pk_"), None), (Name::Prefix("mtm_"), None)],
        ServiceKind::MetaPixel => &[(Name::Exact("_fbp"), None), (Name::Exact("_fbc"), None)],
        // Only what its folder lists.
        ServiceKind::PlainScript => &[],
    };
    names
        .iter()
        .map(move |&(name, purpose)| (name, purpose.unwrap_or(service.purpose)))
}

/// The names of this site's cookies withdrawal of `purpose` deletes.
fn deleted(purpose: Purpose) -> impl Iterator<Item = Name> {
    entries(purpose)
        .filter(|entry| entry.kept == Kept::Cookie)
        .map(|entry| entry.name)
        .chain(
            legacy_cookies()
                .filter(move |(_, of)| *of == purpose)
                .map(|(name, _)| name),
        )
}

/// The names of the cookies of the service at `index` of [`SERVICES`], whatever their purpose:
/// what refusing that service alone deletes.
fn deleted_of_service(index: usize) -> impl Iterator<Item = Name> {
    let service = SERVICES.get(index);
    catalogue()
        .filter(move |entry| {
            entry.kept == Kept::Cookie
                && entry
                    .service
                    .is_some_and(|s| service.is_some_and(|of| std::ptr::eq(s, of)))
        })
        .map(|entry| entry.name)
        .chain(
            service
                .into_iter()
                .flat_map(|service| legacy_cookies_of(service).map(|(name, _)| name)),
        )
}

/// The services of `purpose` that have a switch of their own in the settings view, with their
/// index in [`SERVICES`]: those of a purpose that has more than one (a purpose with one service
/// has its switch only: the purpose's is the service's).
pub fn switchable(purpose: Purpose) -> Vec<(usize, &'static Service)> {
    let of: Vec<(usize, &'static Service)> = SERVICES
        .iter()
        .enumerate()
        .filter(|(_, s)| s.purpose == purpose)
        .collect();
    if of.len() > 1 {
        of
    } else {
        Vec::new()
    }
}

/// Whether the service at `index` of [`SERVICES`] serves `purpose`: loaded for it, or setting an
/// entry of it (Google's tag, loaded for analytics, sets Google signals' marketing cookies). A
/// purpose whose every serving service is refused can do nothing, so it is refused too.
pub fn serves(index: usize, purpose: Purpose) -> bool {
    SERVICES.get(index).is_some_and(|service| {
        service.purpose == purpose
            || entries(purpose).any(|entry| entry.service.is_some_and(|s| std::ptr::eq(s, service)))
    })
}

/// Whether a cookie of this site with `name` belongs to the service at `index` of [`SERVICES`]:
/// what refusing that service deletes.
pub fn is_cookie_of_service(index: usize, name: &str) -> bool {
    deleted_of_service(index).any(|deleted| deleted.matches(name))
}

/// [`cookie_pattern`] for the service at `index` of [`SERVICES`].
pub fn service_cookie_pattern(index: usize) -> String {
    pattern(deleted_of_service(index))
}

/// Whether a cookie of this site with `name` belongs to `purpose`: what withdrawal deletes.
pub fn is_cookie_of(purpose: Purpose, name: &str) -> bool {
    deleted(purpose).any(|deleted| deleted.matches(name))
}

/// A JavaScript regular expression literal matching the names [`is_cookie_of`] gives for
/// `purpose`: the head script deletes them when the app cannot start (`consent::first_paint`).
pub fn cookie_pattern(purpose: Purpose) -> String {
    pattern(deleted(purpose))
}

/// A JavaScript regular expression literal matching `names`.
fn pattern(names: impl Iterator<Item = Name>) -> String {
    // The site folder's check allows letters, digits, `_`, `-` and `.` in a name: only the dot
    // means something in a regular expression (outside a class), and is escaped.
    let escaped = |name: &str| name.replace('.', "\\.");
    let alternatives: Vec<String> = names
        .map(|name| match name {
            Name::Exact(exact) => [escaped(exact), "$".into()].concat(),
            Name::Prefix(prefix) => escaped(prefix),
        })
        .collect();
    if alternatives.is_empty() {
        // Matches nothing (an empty alternation would match every name).
        return "/(?!)/".to_owned();
    }
    ["/^(?:", &alternatives.join("|"), ")/"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The site folder's cookies of `purpose` on this site's domain, as (exact or prefix, name).
    fn folder_cookies(purpose: Purpose) -> Vec<(bool, String)> {
        crate::SITE
            .services
            .iter()
            .flat_map(|service| service.cookies.iter().map(move |c| (service, c)))
            .filter(|(service, c)| c.purpose_in(service) == purpose && c.domain.is_none())
            .map(|(_, c)| match (&c.name, &c.prefix) {
                (Some(name), _) => (true, name.to_string()),
                (_, prefix) => (false, prefix.as_deref().unwrap_or_default().to_owned()),
            })
            .collect()
    }

    #[test]
    fn refusing_a_service_deletes_its_cookies_only_and_the_pattern_says_the_same() {
        for (index, service) in SERVICES.iter().enumerate() {
            let pattern = service_cookie_pattern(index);
            let body = &pattern["/^(?:".len()..pattern.len() - ")/".len()];
            for cookie in service.cookies.iter().filter(|c| c.domain.is_none()) {
                let example = match (&cookie.name, &cookie.prefix) {
                    (Some(name), _) => name.to_string(),
                    (_, prefix) => format!("{}x1", prefix.as_deref().unwrap_or_default()),
                };
                assert!(is_cookie_of_service(index, &example), "{example}");
                let matched = body.split('|').any(|alt| match alt.strip_suffix('$') {
                    Some(exact) => example == exact.replace("\\.", "."),
                    None => example.starts_with(&alt.replace("\\.", ".")),
                });
                assert!(matched, "{example} {pattern}");
            }
            // Another service's cookies, and the record, stay.
            for (other_index, other) in SERVICES.iter().enumerate().filter(|(i, _)| *i != index) {
                for cookie in other.cookies.iter().filter_map(|c| c.name.as_deref()) {
                    let shared = service.cookies.iter().any(|c| c.name.as_deref() == Some(cookie));
                    assert_eq!(
                        is_cookie_of_service(index, cookie),
                        shared,
                        "{cookie} of {other_index}"
                    );
                }
            }
            assert!(!is_cookie_of_service(index, STORAGE_KEY));
        }
        assert!(!is_cookie_of_service(SERVICES.len(), "_ga"));
    }

    #[test]
    fn withdrawal_deletes_the_folder_s_cookies_and_the_pattern_says_the_same() {
        let matches = |pattern: &str, name: &str| {
            if pattern == "/(?!)/" {
                return false;
            }
            let body = &pattern["/^(?:".len()..pattern.len() - ")/".len()];
            body.split('|').any(|alt| match alt.strip_suffix('$') {
                Some(exact) => name == exact,
                None => name.starts_with(alt),
            })
        };
        for purpose in Purpose::ALL {
            let cookies = folder_cookies(purpose);
            let mut names: Vec<String> = ["_gid", "_gat_gtag_x", "theme", "_gax", STORAGE_KEY, "IDE", "_fbp"]
                .map(str::to_owned)
                .to_vec();
            for (exact, name) in &cookies {
                // Each cookie of the folder is deleted: the exact name, or a name with the prefix.
                let example = if *exact { name.clone() } else { format!("{name}x1") };
                assert!(is_cookie_of(purpose, &example), "{example} {purpose:?}");
                names.push(example);
                names.push(format!("{name}-other"));
            }
            let pattern = cookie_pattern(purpose);
            for name in &names {
                assert_eq!(
                    matches(&pattern, name),
                    is_cookie_of(purpose, name),
                    "{name} {purpose:?} {pattern}"
                );
            }
            // The consent record is never deleted by a withdrawal.
            assert!(!is_cookie_of(purpose, STORAGE_KEY));
        }
        // Universal Analytics' cookies go with the GA4 service's purpose.
        let ga = crate::facts::SERVICES
            .iter()
            .find(|s| s.kind == ServiceKind::GoogleAnalytics4)
            .unwrap();
        assert!(is_cookie_of(ga.purpose, "_gid") && is_cookie_of(ga.purpose, "_gat_gtag_G_X"));
        // Google's ads cookies go with marketing, also on a site that no longer sets them (a
        // refusal there deletes what an earlier consent left).
        assert!(is_cookie_of(Purpose::Marketing, "_gcl_au") && is_cookie_of(Purpose::Marketing, "_gac_UA_1"));
        assert!(!is_cookie_of(ga.purpose, "_gcl_au"));
        assert_eq!(cookie_pattern(Purpose::Necessary), "/(?!)/");
    }

    #[test]
    fn the_catalogue_is_the_folder_s_cookies_after_the_consent_record() {
        let all: Vec<Entry> = catalogue().collect();
        assert_eq!(all[0].name, Name::Exact(STORAGE_KEY));
        assert_eq!(
            (all[0].kept, all[0].purpose),
            (Kept::LocalStorage, Purpose::Necessary)
        );
        let folder: Vec<&str> = crate::SITE
            .services
            .iter()
            .flat_map(|s| s.cookies.iter().map(|c| c.key.as_ref()))
            .collect();
        let keys: Vec<&str> = all[1..].iter().map(|e| e.key).collect();
        assert_eq!(keys, folder);
        // GA4's session cookie is shown with the property's ID, other prefixes with a star.
        for session in all.iter().filter(|e| e.name == Name::Prefix("_ga_")) {
            let id = session
                .service
                .unwrap()
                .settings
                .measurement_id
                .as_deref()
                .unwrap();
            assert_eq!(session.display(), format!("_ga_{}", &id[2..]));
        }
        let made = Entry {
            name: Name::Prefix("_pk_id."),
            service: None,
            ..CONSENT_ENTRY
        };
        assert_eq!(made.display(), "_pk_id.*");
    }

    #[test]
    fn the_purposes_asked_are_those_the_services_use() {
        for purpose in [Purpose::Analytics, Purpose::Marketing] {
            assert_eq!(
                OPTIONAL.contains(&purpose),
                entries(purpose).count() > 0,
                "{purpose:?}"
            );
        }
        assert_eq!(PURPOSES[0], Purpose::Necessary);
        assert!(!OPTIONAL.contains(&Purpose::Necessary));
        // Marketing entries set by an analytics service (Google signals) need analytics.
        for purpose in OPTIONAL {
            let through: Vec<Purpose> = entries(*purpose)
                .filter_map(|e| e.service.map(|s| s.purpose))
                .collect();
            let expected = through
                .first()
                .copied()
                .filter(|first| first != purpose && through.iter().all(|p| p == first));
            assert_eq!(purpose.needs(), expected, "{purpose:?}");
        }
        assert_eq!(Purpose::Necessary.needs(), None);
    }

    #[test]
    fn the_tag_url_names_the_measurement_id_and_retention_is_the_first_services() {
        assert_eq!(
            google_tag_url("G-AB12CD34EF"),
            "https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF"
        );
        // The first service that says it, whatever its kind.
        assert_eq!(retention_months(&[]), None);
        assert_eq!(retention_months(&[PIXEL, MATOMO, GA_WITH_SIGNALS]), Some(13));
        assert_eq!(retention_months(&[GA_WITH_SIGNALS, MATOMO]), Some(14));
    }

    /// A service of `kind` for `purpose`, with `cookies` and, if given, a retention.
    const fn service(
        kind: ServiceKind,
        purpose: Purpose,
        retention: Option<u32>,
        cookies: &'static [site_folder::Cookie],
    ) -> Service {
        use std::borrow::Cow::Borrowed;
        Service {
            id: Borrowed("s"),
            kind,
            purpose,
            provider: Borrowed("P"),
            name: None,
            settings: site_folder::Settings {
                measurement_id: None,
                data_retention_months: retention,
                pixel_id: None,
                url: None,
                site_id: None,
                script_url: None,
                script_hosts: Borrowed(&[]),
                image_hosts: Borrowed(&[]),
                connect_hosts: Borrowed(&[]),
                share_cookies_with_parent_domain: false,
            },
            cookies: std::borrow::Cow::Borrowed(cookies),
        }
    }

    const fn cookie(purpose: Option<Purpose>) -> site_folder::Cookie {
        site_folder::Cookie {
            key: std::borrow::Cow::Borrowed("k"),
            name: Some(std::borrow::Cow::Borrowed("c")),
            prefix: None,
            domain: None,
            purpose,
            lifetime: site_folder::Lifetime::Days(1),
        }
    }

    const OWN: &[site_folder::Cookie] = &[cookie(None)];
    const WITH_ADS: &[site_folder::Cookie] = &[cookie(None), cookie(Some(Purpose::Marketing))];
    const GA_ONLY: Service = service(ServiceKind::GoogleAnalytics4, Purpose::Analytics, Some(14), OWN);
    const GA_WITH_SIGNALS: Service = service(
        ServiceKind::GoogleAnalytics4,
        Purpose::Analytics,
        Some(14),
        WITH_ADS,
    );
    const MATOMO: Service = service(ServiceKind::Matomo, Purpose::Analytics, Some(13), OWN);
    const PIXEL: Service = service(ServiceKind::MetaPixel, Purpose::Marketing, None, OWN);

    #[test]
    fn google_s_ads_follow_marketing_only_where_its_own_cookies_are_marketing() {
        assert!(!google_ads(&[GA_ONLY]));
        // A marketing service of another vendor gives Google nothing.
        assert!(!google_ads(&[GA_ONLY, PIXEL, MATOMO]));
        assert!(google_ads(&[MATOMO, GA_WITH_SIGNALS]));
        assert!(!google_ads(&[]));
    }

    #[test]
    fn every_purpose_and_entry_has_texts_in_every_language() {
        for purpose in PURPOSES {
            assert!(entries(*purpose).count() > 0, "{purpose:?}");
            for lang in Lang::ALL {
                let s = lang.strings();
                assert!(!purpose.name()(s).is_empty());
                assert!(!purpose.description()(s).is_empty());
                for entry in entries(*purpose) {
                    assert!(
                        !entry.what(s).is_empty() && !entry.lifetime(s).is_empty(),
                        "{} {lang:?}",
                        entry.key
                    );
                }
            }
        }
    }
}
