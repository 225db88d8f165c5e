//! The catalogue: every purpose and every cookie or storage entry the site uses, with who sets
//! it, why and for how long. The single source for the banner's text, the settings view, the
//! Google tag gate, what withdrawal deletes, and the cookie table in the notice. Its texts are in
//! `locales/<lang>.toml` (`[purposes]`, `[entries]`); here is what they describe.

use crate::i18n::Strings;

/// The storage key of the consent record (`record`), the site's own entry in the catalogue: the
/// product's own name, the same for every company.
pub const STORAGE_KEY: &str = "privacy-portal.consent";

/// The Google Analytics 4 measurement ID ("G-" and letters and digits), from the site folder
/// (`[[services]] settings.measurement_id` in `site.toml`, the one place to set it).
pub const GA_MEASUREMENT_ID: &str = crate::facts::text(&crate::facts::GA.measurement_id);

/// How long Google Analytics keeps the event data, in months: the property's "data retention"
/// setting (2 or 14), from the site folder; the banner and the cookie table say it.
pub const GA_DATA_RETENTION_MONTHS: u32 = crate::facts::GA.data_retention_months;

/// Where the Google tag is loaded from, with the measurement ID.
pub fn google_tag_url() -> String {
    ["https://www.googletagmanager.com/gtag/js?id=", GA_MEASUREMENT_ID].concat()
}

/// A text of the locale files, picked from a language's [`Strings`].
pub type Pick = fn(&'static Strings) -> &'static str;

/// Why something is stored. Only `Necessary` runs without consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    Necessary,
    Analytics,
    Marketing,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [Purpose::Necessary, Purpose::Analytics, Purpose::Marketing];
    /// The purposes a visitor chooses; `Necessary` is always on.
    pub const OPTIONAL: [Purpose; 2] = [Purpose::Analytics, Purpose::Marketing];

    /// A stable key, used in the record and in element ids.
    pub const fn key(self) -> &'static str {
        match self {
            Purpose::Necessary => "necessary",
            Purpose::Analytics => "analytics",
            Purpose::Marketing => "marketing",
        }
    }

    /// The purpose's name in the locale files.
    pub const fn name(self) -> Pick {
        match self {
            Purpose::Necessary => |s| s.purposes.necessary,
            Purpose::Analytics => |s| s.purposes.analytics,
            Purpose::Marketing => |s| s.purposes.marketing,
        }
    }

    /// What the purpose covers, in the locale files (with `{retention}` for analytics).
    pub const fn description(self) -> Pick {
        match self {
            Purpose::Necessary => |s| s.purposes.necessary_description,
            Purpose::Analytics => |s| s.purposes.analytics_description,
            Purpose::Marketing => |s| s.purposes.marketing_description,
        }
    }

    /// The purpose this one works through: Google's tag loads only with analytics, so marketing
    /// (Google signals) has no effect without it.
    pub const fn needs(self) -> Option<Purpose> {
        match self {
            Purpose::Marketing => Some(Purpose::Analytics),
            Purpose::Necessary | Purpose::Analytics => None,
        }
    }
}

/// Where an entry is kept, which decides whether the site can delete it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// The browser's local storage of this site.
    LocalStorage,
    /// A cookie of this site's domain (Google's script sets it as a first-party cookie).
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
    /// Google Analytics 4's session cookie, `_ga_` and the measurement ID without "G-"; withdrawal
    /// deletes every `_ga_…` (an older property's too).
    Session,
}

/// The prefix of [`Name::Session`].
const SESSION_PREFIX: &str = "_ga_";

impl Name {
    pub fn matches(self, name: &str) -> bool {
        match self {
            Name::Exact(exact) => name == exact,
            Name::Prefix(prefix) => name.starts_with(prefix),
            Name::Session => name.starts_with(SESSION_PREFIX),
        }
    }

    /// The name as the cookie table shows it.
    pub fn display(self) -> String {
        match self {
            Name::Exact(exact) => exact.to_owned(),
            Name::Prefix(prefix) => format!("{prefix}*"),
            Name::Session => format!("{SESSION_PREFIX}{}", GA_MEASUREMENT_ID.trim_start_matches("G-")),
        }
    }
}

/// One cookie or storage entry the site uses.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub name: Name,
    pub kept: Kept,
    pub provider: &'static str,
    pub purpose: Purpose,
    /// What it holds, in the locale files.
    pub what: Pick,
    /// How long it lasts, in the locale files (with `{valid}` for the consent record).
    pub lifetime: Pick,
}

/// The controller keeps its own consent record; Google's service processes the rest (both named
/// by the site folder).
const CONTROLLER: &str = crate::facts::CONTROLLER_NAME;
const GOOGLE: &str = crate::facts::GA_PROVIDER;

/// Everything the site stores, by purpose. Google Analytics 4 sets `_ga` and `_ga_<container>`
/// only (see [`LEGACY_COOKIES`] for the older names withdrawal also deletes).
pub const CATALOGUE: &[Entry] = &[
    Entry {
        name: Name::Exact(STORAGE_KEY),
        kept: Kept::LocalStorage,
        provider: CONTROLLER,
        purpose: Purpose::Necessary,
        what: |s| s.entries.consent_what,
        lifetime: |s| s.entries.consent_lifetime,
    },
    Entry {
        name: Name::Exact("_ga"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Analytics,
        what: |s| s.entries.ga_what,
        lifetime: |s| s.entries.ga_lifetime,
    },
    Entry {
        name: Name::Session,
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Analytics,
        what: |s| s.entries.ga_session_what,
        lifetime: |s| s.entries.ga_session_lifetime,
    },
    Entry {
        name: Name::Prefix("_gcl_"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Marketing,
        what: |s| s.entries.gcl_what,
        lifetime: |s| s.entries.gcl_lifetime,
    },
    Entry {
        name: Name::Exact("IDE"),
        kept: Kept::ThirdPartyCookie("doubleclick.net"),
        provider: GOOGLE,
        purpose: Purpose::Marketing,
        what: |s| s.entries.ide_what,
        lifetime: |s| s.entries.ide_lifetime,
    },
];

/// Cookies of Universal Analytics (Google Analytics before GA4), which this site does not set:
/// withdrawal deletes them too, because a visitor of the old site may still have them.
pub const LEGACY_COOKIES: &[(Name, Purpose)] = &[
    (Name::Exact("_gid"), Purpose::Analytics),
    (Name::Prefix("_gat"), Purpose::Analytics),
];

/// The entries of one purpose.
pub fn entries(purpose: Purpose) -> impl Iterator<Item = &'static Entry> {
    CATALOGUE.iter().filter(move |entry| entry.purpose == purpose)
}

/// Whether a cookie of this site with `name` belongs to `purpose`: what withdrawal deletes.
pub fn is_cookie_of(purpose: Purpose, name: &str) -> bool {
    entries(purpose).any(|entry| entry.kept == Kept::Cookie && entry.name.matches(name))
        || LEGACY_COOKIES
            .iter()
            .any(|(legacy, of)| *of == purpose && legacy.matches(name))
}

/// A JavaScript regular expression literal matching the names [`is_cookie_of`] gives for
/// `purpose`: the head script deletes them when the app cannot start (`consent::first_paint`).
pub fn cookie_pattern(purpose: Purpose) -> String {
    let names = entries(purpose)
        .filter(|entry| entry.kept == Kept::Cookie)
        .map(|entry| entry.name)
        .chain(
            LEGACY_COOKIES
                .iter()
                .filter(|(_, of)| *of == purpose)
                .map(|(name, _)| *name),
        );
    let alternatives: Vec<String> = names
        .map(|name| match name {
            Name::Exact(exact) => [exact, "$"].concat(),
            Name::Prefix(prefix) => prefix.to_owned(),
            Name::Session => SESSION_PREFIX.to_owned(),
        })
        .collect();
    assert!(
        alternatives.iter().all(|a| a
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')),
        "cookie names need no escaping in a regular expression"
    );
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

    #[test]
    fn cookie_patterns_are_what_withdrawal_deletes() {
        assert_eq!(cookie_pattern(Purpose::Analytics), "/^(?:_ga$|_ga_|_gid$|_gat)/");
        assert_eq!(cookie_pattern(Purpose::Marketing), "/^(?:_gcl_)/");
        assert_eq!(cookie_pattern(Purpose::Necessary), "/(?!)/");
        // The same names as `is_cookie_of`, read as the regular expression reads them.
        let matches = |pattern: &str, name: &str| {
            let body = &pattern["/^(?:".len()..pattern.len() - ")/".len()];
            body.split('|').any(|alt| match alt.strip_suffix('$') {
                Some(exact) => name == exact,
                None => name.starts_with(alt),
            })
        };
        let container = format!("_ga_{}", &GA_MEASUREMENT_ID[2..]);
        for name in [
            "_ga",
            container.as_str(),
            "_gid",
            "_gat_gtag_x",
            "_gcl_au",
            "_gax",
            "theme",
            "IDE",
            crate::consent::record::STORAGE_KEY,
        ] {
            for purpose in Purpose::OPTIONAL {
                let pattern = cookie_pattern(purpose);
                assert_eq!(
                    matches(&pattern, name),
                    is_cookie_of(purpose, name),
                    "{name} {purpose:?}"
                );
            }
        }
    }

    #[test]
    fn measurement_id_has_googles_shape() {
        // Whatever the site folder sets: "G-" and capitals and digits.
        let id = GA_MEASUREMENT_ID.strip_prefix("G-").unwrap();
        assert!(!id.is_empty());
        assert!(id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert_eq!(
            google_tag_url(),
            format!("https://www.googletagmanager.com/gtag/js?id={GA_MEASUREMENT_ID}")
        );
    }

    #[test]
    fn ga4_cookies_are_listed_and_universal_analytics_ones_only_deleted() {
        let container = format!("_ga_{}", &GA_MEASUREMENT_ID[2..]);
        for name in ["_ga", container.as_str(), "_gid", "_gat", "_gat_gtag_G_X"] {
            assert!(is_cookie_of(Purpose::Analytics, name), "{name}");
            assert!(!is_cookie_of(Purpose::Marketing, name), "{name}");
        }
        assert!(is_cookie_of(Purpose::Marketing, "_gcl_au"));
        for name in [
            "_gax",
            "ga",
            crate::consent::record::STORAGE_KEY,
            "IDE",
            "session",
        ] {
            assert!(!is_cookie_of(Purpose::Analytics, name), "{name}");
        }
        let listed: Vec<String> = entries(Purpose::Analytics).map(|e| e.name.display()).collect();
        assert_eq!(listed, ["_ga".to_owned(), container]);
        assert_eq!(Name::Prefix("_gcl_").display(), "_gcl_*");
    }

    #[test]
    fn every_purpose_has_entries_and_texts_in_every_language() {
        for purpose in Purpose::ALL {
            assert!(entries(purpose).count() > 0, "{purpose:?}");
            for lang in Lang::ALL {
                let s = lang.strings();
                assert!(!purpose.name()(s).is_empty());
                assert!(!purpose.description()(s).is_empty());
                for entry in entries(purpose) {
                    assert!(!(entry.what)(s).is_empty() && !(entry.lifetime)(s).is_empty());
                }
            }
        }
        assert_eq!(Purpose::Marketing.needs(), Some(Purpose::Analytics));
        assert_eq!(Purpose::Analytics.needs(), None);
    }
}
