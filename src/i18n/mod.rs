//! Every visible string of the page chrome and the app, per language.
//!
//! [`Strings`] is a plain struct and [`FI`] / [`EN`] are struct literals, so a string added for one
//! language and forgotten for the other is a compile error, not a blank on the page.
//! The notice text itself is not here: it lives in `notice/*.md`.

use std::fmt;
use std::str::FromStr;

/// A language the portal is offered in. Finnish is the authoritative language of the notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fi,
    En,
}

impl Lang {
    /// All languages, the authoritative one first.
    pub const ALL: [Lang; 2] = [Lang::Fi, Lang::En];

    /// The BCP 47 code used in `lang` attributes, file names and storage.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::En => "en",
        }
    }

    /// The other language: the one the language switch offers.
    pub const fn other(self) -> Lang {
        match self {
            Lang::Fi => Lang::En,
            Lang::En => Lang::Fi,
        }
    }

    /// The strings of this language.
    pub const fn strings(self) -> &'static Strings {
        match self {
            Lang::Fi => &FI,
            Lang::En => &EN,
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
        write!(
            f,
            "tuntematon kieli \"{0}\" (käytä fi tai en) / unknown language \"{0}\" (use fi or en)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the codes case-insensitively, with or without a region (`en-GB`, `fi-FI`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "fi" => Ok(Lang::Fi),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

/// The visible strings of one language.
#[derive(Debug)]
pub struct Strings {
    /// The language's own name, as shown on the switch that leads to it ("Suomeksi", "In English").
    pub switch_to_this: &'static str,
    /// Accessible name of the language switch's group.
    pub language_label: &'static str,
    /// Skip link that jumps over the header and table of contents.
    pub skip_to_content: &'static str,
    /// Label of the table-of-contents navigation.
    pub contents: &'static str,
    /// Label of the header navigation.
    pub site_nav: &'static str,
    /// The heading line above the register name in the header.
    pub privacy_notice: &'static str,
    /// "Register:" label in the header.
    pub register: &'static str,
    /// Footer: label before the contact details.
    pub contact: &'static str,
    /// Footer: "drawn up" label before the date.
    pub drawn_up: &'static str,
    /// Footer: version label.
    pub version: &'static str,
    /// The footer button that (re)opens the cookie settings.
    pub cookie_settings: &'static str,
    /// Shown above a translated notice: the authoritative language prevails.
    pub translation_notice: &'static str,
    /// Document title suffix after the notice title.
    pub title_suffix: &'static str,
}

/// Finnish.
pub const FI: Strings = Strings {
    switch_to_this: "Suomeksi",
    language_label: "Kieli",
    skip_to_content: "Siirry sisältöön",
    contents: "Sisällys",
    site_nav: "Sivuston valikko",
    privacy_notice: "Tietosuojaseloste",
    register: "Rekisteri",
    contact: "Yhteystiedot",
    drawn_up: "Laadittu",
    version: "Versio",
    cookie_settings: "Evästeasetukset",
    translation_notice: "Tämä on käännös. Suomenkielinen tietosuojaseloste on ensisijainen.",
    title_suffix: "Safrent Oy",
};

/// English.
pub const EN: Strings = Strings {
    switch_to_this: "In English",
    language_label: "Language",
    skip_to_content: "Skip to content",
    contents: "Contents",
    site_nav: "Site menu",
    privacy_notice: "Privacy notice",
    register: "Register",
    contact: "Contact",
    drawn_up: "Drawn up",
    version: "Version",
    cookie_settings: "Cookie settings",
    translation_notice: "This is a translation. The Finnish privacy notice prevails.",
    title_suffix: "Safrent Oy",
};

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
    fn rejects_unknown_with_bilingual_message() {
        let err = "sv".parse::<Lang>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("tuntematon kieli \"sv\""), "{msg}");
        assert!(msg.contains("unknown language \"sv\""), "{msg}");
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn other_is_an_involution() {
        for lang in Lang::ALL {
            assert_ne!(lang.other(), lang);
            assert_eq!(lang.other().other(), lang);
        }
    }
}
