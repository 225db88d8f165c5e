//! The catalogue: every purpose and every cookie or storage entry the site uses, with who sets
//! it, why and for how long. The single source for the banner's text, the settings view, the
//! Google tag gate, what withdrawal deletes, and the cookie table in the notice.

use crate::i18n::Text;

/// The Google Analytics 4 measurement ID ("G-" and ten characters), **the one place to set it**.
/// Safrent Oy's own ID goes here; the placeholder keeps the test suite honest about what it checks.
pub const GA_MEASUREMENT_ID: &str = "G-SAFRENT0FI";

/// Where the Google tag is loaded from, with the measurement ID.
pub fn google_tag_url() -> String {
    format!("https://www.googletagmanager.com/gtag/js?id={GA_MEASUREMENT_ID}")
}

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

    pub const fn name(self) -> Text {
        match self {
            Purpose::Necessary => Text {
                fi: "Välttämättömät",
                en: "Necessary",
            },
            Purpose::Analytics => Text {
                fi: "Analytiikka",
                en: "Analytics",
            },
            Purpose::Marketing => Text {
                fi: "Markkinointi",
                en: "Marketing",
            },
        }
    }

    pub const fn description(self) -> Text {
        match self {
            Purpose::Necessary => Text {
                fi: "Tallentaa vain evästevalintasi (ja kielen, jos vaihdat sitä), jotta niitä ei kysytä uudelleen. Aina käytössä.",
                en: "Stores only your cookie choice (and the language, if you switch it) so that you are not asked again. Always on.",
            },
            Purpose::Analytics => Text {
                fi: "Google Analytics 4 mittaa sivuston käyttöä: selatut sivut, käynnin ajankohta ja kesto sekä selain. Tiedot käsittelee Google (Google Ireland Ltd, kolmas osapuoli), ja niitä voidaan siirtää Yhdysvaltoihin (Google LLC).",
                en: "Google Analytics 4 measures how the site is used: pages viewed, time and length of the visit, and the browser. Google (Google Ireland Ltd, a third party) processes the data, which may be transferred to the United States (Google LLC).",
            },
            Purpose::Marketing => Text {
                fi: "Google-signaalit ja Google Analytics Demographics: käynti voidaan yhdistää Google-tiliisi, ja Google päättelee ikäsi, sukupuolesi ja kiinnostuksen kohteesi markkinoinnin kohdentamista ja mainosten personointia varten.",
                en: "Google signals and Google Analytics Demographics: the visit may be linked to your Google account, and Google infers your age, gender and interests to target marketing and personalise ads.",
            },
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
    /// Every name that starts with this (`_ga_` matches `_ga_SAFRENT0FI`).
    Prefix(&'static str),
}

impl Name {
    pub fn matches(self, name: &str) -> bool {
        match self {
            Name::Exact(exact) => name == exact,
            Name::Prefix(prefix) => name.starts_with(prefix),
        }
    }

    /// The name as the cookie table shows it.
    pub fn display(self) -> String {
        match self {
            Name::Exact(exact) => exact.to_owned(),
            Name::Prefix(prefix) => format!("{prefix}*"),
        }
    }
}

/// One cookie or storage entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: Name,
    pub kept: Kept,
    pub provider: &'static str,
    pub purpose: Purpose,
    pub what: Text,
    pub lifetime: Text,
}

const SAFRENT: &str = "Safrent Oy";
const GOOGLE: &str = "Google Ireland Ltd";

/// Everything the site stores, by purpose.
pub const CATALOGUE: &[Entry] = &[
    Entry {
        name: Name::Exact(super::record::STORAGE_KEY),
        kept: Kept::LocalStorage,
        provider: SAFRENT,
        purpose: Purpose::Necessary,
        what: Text {
            fi: "Evästevalintasi ja sen ajankohta",
            en: "Your cookie choice and when you made it",
        },
        lifetime: Text {
            fi: "12 kk (suostumus) tai 6 kk (kieltäytyminen)",
            en: "12 months (consent) or 6 months (refusal)",
        },
    },
    Entry {
        name: Name::Exact("safrent.lang"),
        kept: Kept::LocalStorage,
        provider: SAFRENT,
        purpose: Purpose::Necessary,
        what: Text {
            fi: "Kieli, jos vaihdat sitä",
            en: "The language, if you switch it",
        },
        lifetime: Text {
            fi: "Kunnes poistat sen",
            en: "Until you delete it",
        },
    },
    Entry {
        name: Name::Exact("_ga"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Analytics,
        what: Text {
            fi: "Satunnainen tunniste, joka erottaa kävijät",
            en: "A random ID that tells visitors apart",
        },
        lifetime: Text {
            fi: "2 vuotta",
            en: "2 years",
        },
    },
    Entry {
        name: Name::Prefix("_ga_"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Analytics,
        what: Text {
            fi: "Käynnin (istunnon) tila",
            en: "The state of the visit (session)",
        },
        lifetime: Text {
            fi: "2 vuotta",
            en: "2 years",
        },
    },
    Entry {
        name: Name::Exact("_gid"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Analytics,
        what: Text {
            fi: "Tunniste, joka erottaa kävijät",
            en: "An ID that tells visitors apart",
        },
        lifetime: Text {
            fi: "24 tuntia",
            en: "24 hours",
        },
    },
    Entry {
        name: Name::Prefix("_gat"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Analytics,
        what: Text {
            fi: "Rajoittaa pyyntöjen määrää",
            en: "Limits the request rate",
        },
        lifetime: Text {
            fi: "1 minuutti",
            en: "1 minute",
        },
    },
    Entry {
        name: Name::Prefix("_gcl_"),
        kept: Kept::Cookie,
        provider: GOOGLE,
        purpose: Purpose::Marketing,
        what: Text {
            fi: "Yhdistää mainosten klikkaukset käynteihin",
            en: "Links ad clicks to visits",
        },
        lifetime: Text {
            fi: "90 päivää",
            en: "90 days",
        },
    },
    Entry {
        name: Name::Exact("IDE"),
        kept: Kept::ThirdPartyCookie("doubleclick.net"),
        provider: GOOGLE,
        purpose: Purpose::Marketing,
        what: Text {
            fi: "Google-signaalit: yhdistää käynnin Google-tiliin ja mainoksiin",
            en: "Google signals: links the visit to a Google account and to ads",
        },
        lifetime: Text {
            fi: "13 kuukautta",
            en: "13 months",
        },
    },
];

/// The entries of one purpose.
pub fn entries(purpose: Purpose) -> impl Iterator<Item = &'static Entry> {
    CATALOGUE.iter().filter(move |entry| entry.purpose == purpose)
}

/// Whether a cookie of this site with `name` belongs to `purpose`: what withdrawal deletes.
pub fn is_cookie_of(purpose: Purpose, name: &str) -> bool {
    entries(purpose).any(|entry| entry.kept == Kept::Cookie && entry.name.matches(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn measurement_id_has_googles_shape() {
        let id = GA_MEASUREMENT_ID.strip_prefix("G-").unwrap();
        assert_eq!(id.len(), 10);
        assert!(id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert_eq!(
            google_tag_url(),
            "https://www.googletagmanager.com/gtag/js?id=G-SAFRENT0FI"
        );
    }

    #[test]
    fn ga_cookies_are_analytics() {
        for name in ["_ga", "_ga_SAFRENT0FI", "_gid", "_gat", "_gat_gtag_G_SAFRENT0FI"] {
            assert!(is_cookie_of(Purpose::Analytics, name), "{name}");
            assert!(!is_cookie_of(Purpose::Marketing, name), "{name}");
        }
        assert!(is_cookie_of(Purpose::Marketing, "_gcl_au"));
        for name in ["_gax", "ga", "safrent.consent", "IDE", "session"] {
            assert!(!is_cookie_of(Purpose::Analytics, name), "{name}");
        }
    }

    #[test]
    fn every_purpose_has_entries_and_texts() {
        for purpose in Purpose::ALL {
            assert!(entries(purpose).count() > 0, "{purpose:?}");
            for lang in Lang::ALL {
                assert!(!purpose.name().get(lang).is_empty());
                assert!(!purpose.description().get(lang).is_empty());
            }
        }
        assert!(Purpose::Marketing.description().fi.contains("ikäsi, sukupuolesi"));
    }
}
