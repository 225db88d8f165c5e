//! The languages of the portal and its own texts in each.
//!
//! The texts live in `locales/<lang>.toml`, one file per language, which `build.rs` turns into the
//! [`Strings`] struct and one constant per language: a key missing in one language, an extra key
//! or other `{placeholders}` stop the build with the file and the key. The notice text itself is
//! not here: it lives in `notice/<lang>.md`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

pub use generated::Strings;

impl Strings {
    /// A text of the cookie table, `[entries] <key>_<part>` (`part` is `what` or `lifetime`). The
    /// build checks that the locale files have the texts of every cookie of the site folder, so
    /// this is empty only for a key no cookie has.
    pub fn entry(&self, key: &str, part: &str) -> &'static str {
        self.entries
            .iter()
            .find(|(name, _)| name.strip_prefix(key).and_then(|rest| rest.strip_prefix('_')) == Some(part))
            .map_or("", |(_, text)| text)
    }
}

/// A language the portal is offered in. Finnish is the authoritative language of the notice.
/// Stored and exchanged as its code (`"fi"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fi,
    Sv,
    En,
}

/// How many languages the site has (site.toml's `languages`).
const SITE_LANGUAGES: usize = crate::facts::list(&crate::SITE.languages).len();

/// The site's languages as [`Lang`]s, in site.toml's order.
const fn site_languages() -> [Lang; SITE_LANGUAGES] {
    let languages = crate::facts::list(&crate::SITE.languages);
    let mut all = [Lang::Fi; SITE_LANGUAGES];
    let mut i = 0;
    while i < SITE_LANGUAGES {
        all[i] = match languages[i] {
            site_folder::Language::Fi => Lang::Fi,
            site_folder::Language::Sv => Lang::Sv,
            site_folder::Language::En => Lang::En,
        };
        i += 1;
    }
    all
}

/// The site's first language: its page is at the root.
impl Default for Lang {
    fn default() -> Self {
        Lang::ALL[0]
    }
}

impl Lang {
    /// The site's languages (site.toml's `languages`), in the order the language switch lists
    /// them; the first is the default, served at `/`. Pages, banners, consent revisions and the
    /// form exist in these only; a language not listed is not offered (`FromStr` refuses it).
    pub const ALL: [Lang; SITE_LANGUAGES] = site_languages();

    /// The BCP 47 code used in `lang` attributes, file and path names, and the consent record.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The texts of this language (`locales/<code>.toml`).
    pub const fn strings(self) -> &'static Strings {
        match self {
            Lang::Fi => &generated::FI,
            Lang::Sv => &generated::SV,
            Lang::En => &generated::EN,
        }
    }

    /// The locale the browser formats dates and times in for this language's page: Finland's
    /// (Finland-Swedish "15.28", not Sweden's "15:28"), British English.
    pub const fn locale(self) -> &'static str {
        match self {
            Lang::Fi => "fi-FI",
            Lang::Sv => "sv-FI",
            Lang::En => "en-GB",
        }
    }

    /// The path of this language's page below the site's root: `""` for Finnish, `"en/"` …
    pub fn path(self) -> String {
        if self == Lang::default() {
            String::new()
        } else {
            format!("{}/", self.code())
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code the portal does not offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        write!(
            f,
            "unknown language \"{}\" (the portal has: {})",
            self.0,
            codes.join(", ")
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the codes case-insensitively, with or without a region (`en-GB`, `fi-FI`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
            .ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// A text of the request letter, which is written in Finnish or English only (the notice accepts
/// requests in those: `crate::request::letter_lang`); the portal's other texts are in `locales/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub fi: &'static str,
    pub en: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
    }

    #[test]
    fn parses_regions_and_case() {
        assert_eq!("en-GB".parse::<Lang>(), Ok(Lang::En));
        assert_eq!(" FI_fi ".parse::<Lang>(), Ok(Lang::Fi));
    }

    #[test]
    fn rejects_unknown_codes_naming_the_known_ones() {
        let msg = "xx".parse::<Lang>().unwrap_err().to_string();
        assert!(msg.contains("unknown language \"xx\""), "{msg}");
        assert!(msg.contains("fi, sv, en"), "{msg}");
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn every_locale_file_is_a_language_and_every_language_has_one() {
        let files: Vec<&str> = generated::LOCALES.iter().map(|(code, _)| *code).collect();
        let mut langs: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        langs.sort_unstable();
        assert_eq!(files, langs, "locales/*.toml and Lang::ALL differ");
        for lang in Lang::ALL {
            let (_, strings) = generated::LOCALES
                .iter()
                .find(|(code, _)| *code == lang.code())
                .unwrap();
            assert_eq!(strings.language.name, lang.strings().language.name, "{lang}");
        }
    }

    #[test]
    fn the_company_is_named_from_the_site_in_every_language() {
        for (code, strings) in generated::LOCALES {
            let all = format!("{strings:?}");
            assert!(
                !all.contains("{company"),
                "{code}: a {{company…}} placeholder left unfilled"
            );
            assert_eq!(
                strings.page.title_suffix,
                crate::SITE.controller.name.full,
                "{code}"
            );
        }
        // Each language's form of the site folder's name, where its grammar puts it.
        let name = &crate::SITE.controller.name;
        let (fi, sv) = (name.fi.as_ref().unwrap(), name.sv.as_ref().unwrap());
        let fi_erasure = Lang::Fi.strings().form.rights.erasure_note;
        assert!(fi_erasure.contains(&format!("pyynnössä pyydät {} poistamaan", fi.partitive)));
        let sv_intro = Lang::Sv.strings().banner.intro;
        assert!(sv_intro.contains(&format!("För {} räkning", sv.genitive)));
        let en_intro = Lang::En.strings().banner.intro;
        assert!(en_intro.contains(&format!("On {}'s behalf", name.short)));
    }

    #[test]
    fn month_names_are_twelve_words() {
        for lang in Lang::ALL {
            assert_eq!(
                lang.strings().language.months.split_whitespace().count(),
                12,
                "{lang}"
            );
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(fill("{a} ja {b}, {a}", &[("a", "1"), ("b", "2")]), "1 ja 2, 1");
        assert_eq!(fill("ei mitään", &[("a", "1")]), "ei mitään");
    }

    #[test]
    fn only_the_default_language_lives_at_the_root() {
        assert_eq!(Lang::Fi.path(), "");
        assert_eq!(Lang::En.path(), "en/");
        assert_eq!(Lang::Sv.path(), "sv/");
    }

    /// Issue 19's wording: a cookie's lifetime is not the data's retention; marketing refused by
    /// Global Privacy Control is "switched off", not "blocked"; Swedish says "kakor" everywhere.
    #[test]
    fn cookie_words_are_the_same_throughout() {
        let (fi, sv, en) = (Lang::Fi.strings(), Lang::Sv.strings(), Lang::En.strings());
        assert_eq!(fi.cookies.lifetime, "Voimassaoloaika");
        assert_eq!(sv.cookies.lifetime, "Giltighetstid");
        assert_eq!(en.cookies.lifetime, "Lifetime");
        assert!(fi
            .banner
            .gpc
            .ends_with("markkinointi on pois käytöstä eikä siitä kysytä."));
        assert!(en
            .banner
            .gpc
            .ends_with("marketing is switched off and you will not be asked about it."));
        assert!(sv
            .banner
            .gpc
            .ends_with("marknadsföring avstängd och du tillfrågas inte om den."));
        assert!(en.banner.intro.contains(
            "'s behalf, Google processes your IP address, the pages you view and your browser details"
        ));
        assert!(en
            .settings
            .marketing_needs_analytics
            .ends_with("only after allowing analytics."));
        for text in [sv.page.cookie_settings, sv.banner.settings, sv.settings.title] {
            assert_eq!(text, "Inställningar för kakor");
        }
        assert!(sv.cookies.note.contains("bannern för kakor"));
        // "Kuvata" (describe) takes a partitive object: "kuvaa … evästeitä".
        assert!(
            fi.cookies
                .note
                .starts_with("Taulukko kuvaa sivuston nykyisiä evästeitä;"),
            "{}",
            fi.cookies.note
        );
        assert!(
            sv.purposes
                .marketing_description
                .contains("Google behandlar dessa uppgifter för egna ändamål"),
            "{}",
            sv.purposes.marketing_description
        );
        let swedish = include_str!("../../../../site/locales/sv.toml");
        for line in swedish.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let value = line.split_once('=').map_or("", |(_, value)| value);
            assert!(!value.to_lowercase().contains("cookie"), "sv.toml: {line}");
        }
    }
}
