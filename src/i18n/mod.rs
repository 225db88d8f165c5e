//! Every visible string of the page chrome and the app, per language.
//!
//! [`Strings`] is a plain struct and [`FI`] / [`EN`] are struct literals, so a string added for one
//! language and forgotten for the other is a compile error, not a blank on the page.
//! The notice text itself is not here: it lives in `notice/*.md`.

use std::fmt;
use std::str::FromStr;

/// A language the portal is offered in. Finnish is the authoritative language of the notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
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

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub fi: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fi => self.fi,
            Lang::En => self.en,
        }
    }
}

/// The visible strings of one language.
#[derive(Debug)]
pub struct Strings {
    /// The language's own name, as shown on the switch that leads to it ("Suomeksi", "In English").
    pub switch_to_this: &'static str,
    /// Skip link that jumps over the header and table of contents.
    pub skip_to_content: &'static str,
    /// Label of the table-of-contents navigation.
    pub contents: &'static str,
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
    /// The links that open the request form (header, each rights section).
    pub make_request: &'static str,
    /// Heading of the request section.
    pub request_heading: &'static str,
    /// How to send a request, with or without the form; `{contact}`, `{email}`, `{controller}`
    /// and `{address}` are filled in from the notice's front matter.
    pub request_intro: &'static str,
    /// Shown above a translated notice: the authoritative language prevails.
    pub translation_notice: &'static str,
    /// Document title suffix after the notice title.
    pub title_suffix: &'static str,

    // The consent banner. Changing any text the banner shows changes the record's `revision`,
    // so every visitor is asked again (see consent::record::revision).
    /// Heading of the banner's first layer.
    pub consent_title: &'static str,
    /// Who, what, why and for how long, in one paragraph.
    pub consent_intro: &'static str,
    /// Link to the notice's cookie section.
    pub consent_more: &'static str,
    pub accept_all: &'static str,
    pub reject_all: &'static str,
    pub save_choices: &'static str,
    /// The settings view's introduction.
    pub settings_intro: &'static str,
    /// Shown instead of a switch for the necessary purpose.
    pub always_on: &'static str,
    /// Shown when the browser sends Global Privacy Control.
    pub gpc_note: &'static str,
    /// Why the banner asks again.
    pub ask_changed: &'static str,
    pub ask_expired: &'static str,
    /// Summary of the cookie list of a purpose.
    pub cookies_and_storage: &'static str,
    /// Cookie table headings.
    pub col_name: &'static str,
    pub col_provider: &'static str,
    pub col_purpose: &'static str,
    pub col_lifetime: &'static str,
    /// Where an entry is kept.
    pub kept_local_storage: &'static str,
    pub kept_cookie: &'static str,
    pub kept_third_party: &'static str,
    /// Caption of the cookie table in the notice.
    pub cookie_table_caption: &'static str,
    /// Note under the cookie table: it comes from the consent catalogue, not the original notice.
    pub cookie_table_note: &'static str,
    /// The stored-choice part of the settings view.
    pub record_title: &'static str,
    pub record_none: &'static str,
    pub record_saved_at: &'static str,
    pub record_valid_until: &'static str,
    pub record_id: &'static str,
    pub allowed: &'static str,
    pub refused: &'static str,
    pub download_receipt: &'static str,
    pub close: &'static str,
    /// Announced (and shown) after a choice is stored.
    pub choice_saved: &'static str,
    /// Announced after consent is withdrawn.
    pub consent_withdrawn: &'static str,
    /// Shown when the browser refuses storage.
    pub storage_unavailable: &'static str,
}

/// Finnish.
pub const FI: Strings = Strings {
    switch_to_this: "Suomeksi",
    skip_to_content: "Siirry sisältöön",
    contents: "Sisällys",
    privacy_notice: "Tietosuojaseloste",
    register: "Rekisteri",
    contact: "Yhteystiedot",
    drawn_up: "Laadittu",
    version: "Versio",
    cookie_settings: "Evästeasetukset",
    make_request: "Tee pyyntö",
    request_heading: "Tietosuojapyyntö",
    request_intro: "Voit käyttää oikeuksiasi lähettämällä kirjallisen pyynnön suomeksi tai englanniksi \
yhteyshenkilölle {contact}, sähköpostitse {email} tai postitse {controller}, {address}. Lomake (vaatii \
JavaScriptin) laatii pyynnön PDF-tiedostoksi selaimessasi: mitään kirjoittamaasi ei tallenneta eikä \
lähetetä minnekään.",
    translation_notice: "Tämä on käännös. Suomenkielinen tietosuojaseloste on ensisijainen.",
    title_suffix: "Safrent Oy",
    consent_title: "Evästeet ja yksityisyys",
    consent_intro: "Safrent Oy tallentaa selaimeesi vain valintasi. Suostumuksellasi käytämme Google Analyticsia \
(Google Ireland Ltd, kolmas osapuoli) sivuston käytön mittaamiseen sekä Google-signaaleja ja demografiatietoja (ikä, \
sukupuoli, kiinnostuksen kohteet) markkinoinnin kohdentamiseen. Googlen evästeet säilyvät enintään 2 vuotta. \
Valintasi on voimassa 12 kuukautta (kieltäytyminen 6 kuukautta), ja voit muuttaa tai perua sen milloin tahansa \
sivun alareunan Evästeasetukset-painikkeesta.",
    consent_more: "Lue lisää tietosuojaselosteesta",
    accept_all: "Hyväksy kaikki",
    reject_all: "Hylkää kaikki",
    save_choices: "Tallenna valinnat",
    settings_intro: "Valitse, mihin tarkoituksiin annat suostumuksesi. Valinnaiset tarkoitukset ovat oletuksena \
pois päältä, ja sivusto toimii ilman niitä.",
    always_on: "Aina käytössä",
    gpc_note: "Selaimesi lähettää Global Privacy Control -signaalin, joten markkinointi on estetty kysymättä.",
    ask_changed: "Evästeitä koskevat tiedot ovat muuttuneet edellisen valintasi jälkeen. Valitse uudelleen.",
    ask_expired: "Edellinen valintasi on vanhentunut. Valitse uudelleen.",
    cookies_and_storage: "Evästeet ja tallenteet",
    col_name: "Nimi",
    col_provider: "Tarjoaja",
    col_purpose: "Tarkoitus",
    col_lifetime: "Säilytysaika",
    kept_local_storage: "selaimen paikallinen tallennus",
    kept_cookie: "eväste",
    kept_third_party: "kolmannen osapuolen eväste",
    cookie_table_caption: "Sivuston evästeet ja tallenteet",
    cookie_table_note: "Taulukko tulee sivuston evästeluettelosta, jonka mukaan evästebanneri toimii.",
    record_title: "Tallennettu valintasi",
    record_none: "Et ole vielä tehnyt valintaa.",
    record_saved_at: "Tallennettu",
    record_valid_until: "Voimassa",
    record_id: "Tunniste",
    allowed: "sallittu",
    refused: "kielletty",
    download_receipt: "Lataa kuitti (JSON)",
    close: "Sulje",
    choice_saved: "Valintasi on tallennettu.",
    consent_withdrawn: "Suostumus on peruttu, ja Googlen evästeet on poistettu.",
    storage_unavailable: "Selaimesi ei salli tallennusta, joten valintasi on voimassa vain tämän sivunäytön ajan.",
};

/// English.
pub const EN: Strings = Strings {
    switch_to_this: "In English",
    skip_to_content: "Skip to content",
    contents: "Contents",
    privacy_notice: "Privacy notice",
    register: "Register",
    contact: "Contact",
    drawn_up: "Drawn up",
    version: "Version",
    cookie_settings: "Cookie settings",
    make_request: "Make a request",
    request_heading: "Data protection request",
    request_intro: "You can exercise your rights by sending a written request in Finnish or English to \
the contact person {contact}, by email to {email} or by post to {controller}, {address}. The form (it \
needs JavaScript) prepares the request as a PDF file in your browser: nothing you type is stored or \
sent anywhere.",
    translation_notice: "This is a translation. The Finnish privacy notice prevails.",
    title_suffix: "Safrent Oy",
    consent_title: "Cookies and privacy",
    consent_intro: "Safrent Oy stores only your choice in your browser. With your consent we use Google Analytics \
(Google Ireland Ltd, a third party) to measure how the site is used, and Google signals and demographics (age, \
gender, interests) to target marketing. Google's cookies last up to 2 years. Your choice is valid for 12 months \
(a refusal for 6 months), and you can change or withdraw it at any time with the Cookie settings button at the \
bottom of the page.",
    consent_more: "Read more in the privacy notice",
    accept_all: "Accept all",
    reject_all: "Reject all",
    save_choices: "Save choices",
    settings_intro: "Choose the purposes you consent to. The optional purposes are off by default, and the site \
works without them.",
    always_on: "Always on",
    gpc_note: "Your browser sends the Global Privacy Control signal, so marketing is refused without asking.",
    ask_changed: "The information about cookies has changed since your last choice. Please choose again.",
    ask_expired: "Your previous choice has expired. Please choose again.",
    cookies_and_storage: "Cookies and storage",
    col_name: "Name",
    col_provider: "Provider",
    col_purpose: "Purpose",
    col_lifetime: "Lifetime",
    kept_local_storage: "browser local storage",
    kept_cookie: "cookie",
    kept_third_party: "third-party cookie",
    cookie_table_caption: "Cookies and storage used by the site",
    cookie_table_note: "The table comes from the site's cookie catalogue, which the cookie banner follows.",
    record_title: "Your stored choice",
    record_none: "You have not made a choice yet.",
    record_saved_at: "Saved",
    record_valid_until: "Valid until",
    record_id: "ID",
    allowed: "allowed",
    refused: "refused",
    download_receipt: "Download receipt (JSON)",
    close: "Close",
    choice_saved: "Your choice has been saved.",
    consent_withdrawn: "Consent has been withdrawn and Google's cookies have been deleted.",
    storage_unavailable: "Your browser does not allow storage, so your choice applies to this page view only.",
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
