//! The site folder's model: everything that makes the portal one company's (the controller, its
//! registers, the site's origin and languages, the brand, the services and their cookies, the
//! reference prefix), read from `site/site.toml` (or any folder `PORTAL_SITE` names).
//!
//! The types use `Cow<'static, …>` so the very same values can be written as Rust constants:
//! the core's build script loads the folder (feature `load`), checks it, and writes
//! `pub const SITE: Site = …;` with [`Site::to_rust`]. Without the feature the crate is only these
//! types and the checks of single values ([`email_problem`], [`business_id_problem`],
//! [`measurement_id_problem`], [`contrast_ratio`]), with serde as its only dependency.
//!
//! What depends on the country, not the company (the Data Protection Ombudsman's address, public
//! holidays, the article citations), is the engine's data and not in here.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

mod check;
mod rust;

pub use check::{
    business_id_problem, contrast_ratio, email_problem, measurement_id_problem, parse_colour,
    ACCENT_MIN_RATIO, DARK_ACCENT_TEXT, DARK_BACKGROUND, LIGHT_ACCENT_TEXT, LIGHT_BACKGROUND,
};

#[cfg(feature = "load")]
mod load;
#[cfg(feature = "load")]
pub mod locales;
#[cfg(feature = "logo")]
pub mod logo;
#[cfg(feature = "load")]
pub use load::{check_folder, load, load_str, Problem};

/// A text of the site folder: borrowed in the generated constant, owned when loaded.
pub type Text = Cow<'static, str>;
/// A list of the site folder: borrowed in the generated constant, owned when loaded.
pub type List<T> = Cow<'static, [T]>;

/// One company's site: the contents of `site.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Where the site is published: `https://` and a host, nothing else (no path, no trailing `/`).
    pub origin: Text,
    /// The page languages, the first being the default (served at `/`); a subset of fi, sv, en.
    pub languages: List<Language>,
    /// The languages the controller accepts a request letter in (today fi and en can be written).
    pub letter_languages: List<Language>,
    /// The start of each request's reference code (`KUU` gives `KUU-7K3Q-9XMD`): 2 to 5 capitals.
    pub reference_prefix: Text,
    pub controller: Controller,
    pub brand: Brand,
    pub consent: Consent,
    pub hosting: Hosting,
    /// The services that store or read something in the visitor's browser, beyond the portal's own
    /// consent record. Empty for a site without analytics or marketing.
    #[serde(default = "no_services")]
    pub services: List<Service>,
}

fn no_services() -> List<Service> {
    Cow::Borrowed(&[])
}

/// A language of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fi,
    Sv,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Fi, Language::Sv, Language::En];

    /// The code, as in `site.toml`, the file names and the page's `lang`.
    pub const fn code(self) -> &'static str {
        match self {
            Language::Fi => "fi",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in each of the site's languages (a language the site does not use may be left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub fi: Option<Text>,
    pub sv: Option<Text>,
    pub en: Option<Text>,
}

impl Texts {
    /// The text in `language`, if the folder gives one.
    pub fn get(&self, language: Language) -> Option<&str> {
        match language {
            Language::Fi => self.fi.as_deref(),
            Language::Sv => self.sv.as_deref(),
            Language::En => self.en.as_deref(),
        }
    }
}

/// The controller (GDPR Art. 4(7)): who the notice, the banner and the request letter name.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    pub name: Name,
    /// The Finnish business ID (Y-tunnus), `1234567-8`, its check digit verified. Optional only
    /// because a folder may not know it yet; the notice should show it (Directive 2000/31/EC Art. 5).
    pub business_id: Option<Text>,
    /// Street and number, e.g. `Kuunsirpinkatu 3`.
    pub street: Text,
    /// The postal code, five digits in Finland. Optional only until the controller confirms it.
    pub postcode: Option<Text>,
    pub town: Text,
    /// Written in the address only when set (a Finnish letter to a Finnish address leaves it out).
    pub country: Option<Text>,
    /// As people dial it, e.g. `03 000 0000`.
    pub phone: Text,
    /// Where requests go: a plain address (it is put in `mailto:` links as it is).
    pub email: Text,
    /// The person who handles matters of the register.
    pub contact_person: Text,
    /// The data protection officer (GDPR Art. 37–39), if the controller has one.
    pub dpo: Option<Dpo>,
    /// The registers (personal data filing systems) the notices describe, at least one.
    pub registers: List<Register>,
}

impl Controller {
    /// The postal address on one line, parts separated by commas: `Kuunsirpinkatu 3, 33100 Tampere`.
    pub fn address(&self) -> String {
        let mut town = String::new();
        if let Some(postcode) = &self.postcode {
            town.push_str(postcode);
            town.push(' ');
        }
        town.push_str(&self.town);
        let mut parts = vec![self.street.to_string(), town];
        if let Some(country) = &self.country {
            parts.push(country.to_string());
        }
        parts.join(", ")
    }
}

/// The controller's name, and the forms of it that running text needs where the language
/// inflects it (Finnish cases, the Swedish genitive). English uses `full` and `short` as they are.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    /// The registered name, e.g. `Kahvila Kuu Oy`.
    pub full: Text,
    /// How running text names the company, e.g. `Kahvila Kuu`.
    pub short: Text,
    /// Required when the site has Finnish pages.
    pub fi: Option<FinnishName>,
    /// Required when the site has Swedish pages.
    pub sv: Option<SwedishName>,
}

impl Name {
    /// The prefix of the locale texts' placeholders of the company's name (`{company_short}`):
    /// filled at build time, in each language with the forms its grammar needs.
    pub const PLACEHOLDER_PREFIX: &'static str = "company";

    /// The name's forms for the locale texts in `language`, as (placeholder, text):
    /// `company` and `company_short` in every language; `company_genitive` and
    /// `company_short_genitive` (English makes them with 's; Finnish and Swedish take them from
    /// the folder); `company_short_partitive` and `company_short_allative` in Finnish.
    pub fn forms(&self, language: Language) -> Vec<(&'static str, String)> {
        let mut forms = vec![
            ("company", self.full.to_string()),
            ("company_short", self.short.to_string()),
        ];
        match language {
            Language::Fi => {
                if let Some(fi) = &self.fi {
                    forms.extend([
                        ("company_genitive", fi.full_genitive.to_string()),
                        ("company_short_genitive", fi.genitive.to_string()),
                        ("company_short_partitive", fi.partitive.to_string()),
                        ("company_short_allative", fi.allative.to_string()),
                    ]);
                }
            }
            Language::Sv => {
                if let Some(sv) = &self.sv {
                    forms.extend([
                        ("company_genitive", sv.full_genitive.to_string()),
                        ("company_short_genitive", sv.genitive.to_string()),
                    ]);
                }
            }
            Language::En => forms.extend([
                ("company_genitive", format!("{}'s", self.full)),
                ("company_short_genitive", format!("{}'s", self.short)),
            ]),
        }
        forms
    }
}

/// The Finnish forms of the name that the texts use.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinnishName {
    /// The registered name in the genitive: `Kahvila Kuu Oy:n`.
    pub full_genitive: Text,
    /// `Kahvila Kuun` (whose: "Kahvila Kuun puolesta").
    pub genitive: Text,
    /// `Kahvila Kuuta` (the object of "pyydät … poistamaan").
    pub partitive: Text,
    /// `Kahvila Kuulle` (to whom: "lähetä … Kahvila Kuulle").
    pub allative: Text,
}

/// The Swedish forms of the name that the texts use.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwedishName {
    /// The registered name in the genitive: `Kahvila Kuu Oy:s`.
    pub full_genitive: Text,
    /// `Kahvila Kuus` ("för Kahvila Kuus räkning").
    pub genitive: Text,
}

/// The data protection officer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dpo {
    pub name: Text,
    pub email: Text,
    pub phone: Option<Text>,
}

/// A register the notices describe.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// The register's name in each of the site's languages, e.g. `Asiakasrekisteri`.
    pub name: Texts,
}

/// How the site looks as the company's.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The name shown in the header.
    pub name: Text,
    /// A logo file, relative to the site folder (SVG or PNG), shown in the header beside the name.
    pub logo: Option<Text>,
    pub accent: Accent,
}

/// The accent colour (header, buttons, focus borders) in the light and the dark scheme, `#rrggbb`.
/// Each must keep 4.5:1 contrast with the page's background and the header's text of its scheme.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accent {
    pub light: Text,
    pub dark: Text,
}

/// The portal's own consent record (stored in the visitor's browser, necessary).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// How long a choice holds, in months, before the banner asks again: 1 to 13 (the loader
    /// refuses others; today's portal keeps a choice 12 months).
    pub record_months: u32,
    /// Whether the pages send each choice to the company's consent log (`portal-server`'s
    /// `POST /api/consent`), so that the company can show that a visitor consented (Art. 7(1)
    /// GDPR) after the visitor's browser has forgotten. Off unless the site folder says `true`: a
    /// static host keeps no log.
    #[serde(default)]
    pub log: bool,
    /// How long the log keeps an entry, in months after the log received it (required when
    /// [`Self::log`] is on: 1 to 120). Entries older than this are deleted daily.
    #[serde(default)]
    pub log_months: Option<u32>,
}

/// What the site's own server does with a visit: the notice's "this site" paragraph (under the
/// cookie table) says it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hosting {
    /// Who runs the server the pages are served from, for the company (a processor, GDPR Art.
    /// 28), as the notice names them: `"UpCloud Oy (Helsinki)"`. Without it the paragraph says
    /// "the site's server" and names no one.
    #[serde(default)]
    pub provider: Option<Text>,
    /// How many days the server (or a proxy in front of it) keeps its access log, whose lines hold
    /// the visitor's IP address: 2 to 366, or 0 when no log keeps it (portal-server's own lines
    /// hold none).
    pub access_log_days: u32,
}

/// Why a service stores something: one of the catalogue's purposes. Only `necessary` runs without
/// consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    Necessary,
    Analytics,
    Marketing,
}

impl Purpose {
    /// Every purpose, `Necessary` first.
    pub const ALL: [Purpose; 3] = [Purpose::Necessary, Purpose::Analytics, Purpose::Marketing];

    pub const fn key(self) -> &'static str {
        match self {
            Purpose::Necessary => "necessary",
            Purpose::Analytics => "analytics",
            Purpose::Marketing => "marketing",
        }
    }
}

/// The kinds of service the engine knows how to load behind the consent gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum ServiceKind {
    /// Google Analytics 4 with Consent Mode v2 (`measurement_id`, `data_retention_months`).
    #[serde(rename = "google-analytics-4")]
    GoogleAnalytics4,
    /// Meta's pixel (`pixel_id`), for marketing: `fbevents.js` from `connect.facebook.net`.
    #[serde(rename = "meta-pixel")]
    MetaPixel,
    /// Matomo, usually the company's own (`url`, `site_id`, `data_retention_months`), for
    /// analytics: `matomo.js` from `url`.
    #[serde(rename = "matomo")]
    Matomo,
    /// A vendor's script that needs no set-up call (`script_url`), for analytics or marketing:
    /// loaded as it is after consent. It cannot be told to stop, so a withdrawal in a page view
    /// that loaded it, or the request form opened there, reloads the page without it.
    #[serde(rename = "plain-script")]
    PlainScript,
}

impl ServiceKind {
    pub const fn key(self) -> &'static str {
        match self {
            ServiceKind::GoogleAnalytics4 => "google-analytics-4",
            ServiceKind::MetaPixel => "meta-pixel",
            ServiceKind::Matomo => "matomo",
            ServiceKind::PlainScript => "plain-script",
        }
    }
}

/// The most services a site can have: the consent record keeps which of them a visitor refused
/// as one bit each (`portal_core::consent::record::RefusedServices`).
pub const MAX_SERVICES: usize = 32;

impl ServiceKind {
    /// The service's name as the settings view shows it beside its switch: the vendor's product
    /// name, the same in every language (a plain script's is the folder's `name`).
    pub const fn name(self) -> &'static str {
        match self {
            ServiceKind::GoogleAnalytics4 => "Google Analytics 4",
            ServiceKind::MetaPixel => "Meta Pixel",
            ServiceKind::Matomo => "Matomo",
            ServiceKind::PlainScript => "",
        }
    }
}

impl Service {
    /// The name beside its switch: the folder's `name`, or the kind's product name.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(self.kind.name())
    }
}

/// A service the site loads (only after consent, unless its purpose is necessary).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// A short name of the folder's own, lower-case letters, digits and `-`.
    pub id: Text,
    pub kind: ServiceKind,
    /// The purpose the service is loaded for; its cookies have it unless they say otherwise.
    pub purpose: Purpose,
    /// Who processes the data, as the cookie table names them: `Google Ireland Ltd`.
    pub provider: Text,
    /// The product's name beside its switch in the settings: required for a plain script, and
    /// the kind's own (`Google Analytics 4`, `Matomo`, `Meta Pixel`) when left out.
    #[serde(default)]
    pub name: Option<Text>,
    pub settings: Settings,
    /// Everything the service stores in the browser, at least one.
    pub cookies: List<Cookie>,
}

/// A service's settings: the hosts every kind has, and the IDs of its kind (the loader requires
/// those of the service's kind and refuses the others).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Google Analytics 4: the measurement ID, `G-` and letters and digits.
    #[serde(default)]
    pub measurement_id: Option<Text>,
    /// How long the analytics service keeps the measurement data, in months: Google Analytics
    /// 4's data retention setting (2 or 14), Matomo's deletion of old raw data (2 to 120). The
    /// banner and the cookie table say it.
    #[serde(default)]
    pub data_retention_months: Option<u32>,
    /// Meta pixel: the pixel's (dataset's) ID, digits.
    #[serde(default)]
    pub pixel_id: Option<Text>,
    /// Matomo: its address, `https://` and a host, ending in `/` (`matomo.js` and `matomo.php`
    /// are below it).
    #[serde(default)]
    pub url: Option<Text>,
    /// Matomo: the site's id in it (Administration > Websites).
    #[serde(default)]
    pub site_id: Option<u32>,
    /// A plain script: its address, `https://` (its host among `script_hosts`).
    #[serde(default)]
    pub script_url: Option<Text>,
    /// Hosts the service's script is loaded from (`script-src`), `https://` only.
    pub script_hosts: List<Text>,
    /// Hosts it loads images (pixels) from (`img-src`).
    pub image_hosts: List<Text>,
    /// Hosts it sends to (`connect-src`).
    pub connect_hosts: List<Text>,
    /// The service's cookies on the site's own host only (`false`, the default: not shared with the
    /// company's other sites, and withdrawing here deletes nothing of theirs), or on its parent
    /// domain (`true`: shared with the shop on the same domain; the cookie table says so). Google
    /// Analytics 4 takes either; Meta's pixel always shares (`true` required); Matomo never does
    /// here (`true` refused).
    #[serde(default)]
    pub share_cookies_with_parent_domain: bool,
}

impl Settings {
    /// The hosts of one Content-Security-Policy list: `script_hosts`, `image_hosts` or
    /// `connect_hosts`.
    pub fn hosts(&self, field: &str) -> &[Text] {
        match field {
            "script_hosts" => &self.script_hosts,
            "image_hosts" => &self.image_hosts,
            _ => &self.connect_hosts,
        }
    }
}

/// One cookie or storage entry of a service.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cookie {
    /// The locale key stem of its texts: `ga` for `[entries] ga_what` and `ga_lifetime`.
    pub key: Text,
    /// The exact name (`_ga`); give this or `prefix`.
    pub name: Option<Text>,
    /// Every name starting with this (`_gcl_`): give this or `name`.
    pub prefix: Option<Text>,
    /// Another site's domain for a third-party cookie (`doubleclick.net`): the site can neither
    /// read nor delete it. Without it the cookie is this site's (first-party).
    pub domain: Option<Text>,
    /// When it differs from the service's purpose (Google signals' cookies are marketing).
    pub purpose: Option<Purpose>,
    pub lifetime: Lifetime,
}

impl Cookie {
    /// The purpose the cookie serves within `service`.
    pub fn purpose_in(&self, service: &Service) -> Purpose {
        self.purpose.unwrap_or(service.purpose)
    }
}

/// How long a cookie lasts: written `"30 minutes"`, `"90 days"`, `"13 months"`, `"2 years"` or
/// `"session"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    Session,
    Minutes(u32),
    Days(u32),
    Months(u32),
    Years(u32),
}

impl Lifetime {
    /// Reads `"30 minutes"`, `"90 days"`, `"1 month"`, `"2 years"`, `"session"`.
    pub fn parse(text: &str) -> Option<Lifetime> {
        let text = text.trim();
        if text == "session" {
            return Some(Lifetime::Session);
        }
        let (count, unit) = text.split_once(' ')?;
        let count: u32 = count.parse().ok().filter(|n| *n > 0)?;
        let one = count == 1;
        match unit.trim() {
            "minute" if one => Some(Lifetime::Minutes(count)),
            "minutes" if !one => Some(Lifetime::Minutes(count)),
            "day" if one => Some(Lifetime::Days(count)),
            "days" if !one => Some(Lifetime::Days(count)),
            "month" if one => Some(Lifetime::Months(count)),
            "months" if !one => Some(Lifetime::Months(count)),
            "year" if one => Some(Lifetime::Years(count)),
            "years" if !one => Some(Lifetime::Years(count)),
            _ => None,
        }
    }
}

impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, one, many) = match *self {
            Lifetime::Session => return f.write_str("session"),
            Lifetime::Minutes(n) => (n, "minute", "minutes"),
            Lifetime::Days(n) => (n, "day", "days"),
            Lifetime::Months(n) => (n, "month", "months"),
            Lifetime::Years(n) => (n, "year", "years"),
        };
        write!(f, "{n} {}", if n == 1 { one } else { many })
    }
}

impl<'de> Deserialize<'de> for Lifetime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<'de, str>::deserialize(deserializer)?;
        Lifetime::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a lifetime: write a number and minutes, days, months or years (\"30 minutes\", \"90 days\", \"13 months\", \"2 years\"), or \"session\""
            ))
        })
    }
}

impl Site {
    /// The host the site is published at: `origin` without its `https://` (the check allows
    /// nothing else in it), e.g. `tietosuoja.safrent.fi`.
    pub fn host(&self) -> &str {
        self.origin.strip_prefix("https://").unwrap_or(&self.origin)
    }

    /// The default language: the first of `languages` (served at `/`).
    pub fn default_language(&self) -> Language {
        self.languages.first().copied().unwrap_or(Language::Fi)
    }

    /// A Rust expression constructing this very value from `Cow::Borrowed` literals, for a build
    /// script to write as `pub const SITE: site_folder::Site = …;`. Its paths start with
    /// `::site_folder::`, so the crate that includes it depends on `site_folder`.
    pub fn to_rust(&self) -> String {
        rust::site(self)
    }
}
