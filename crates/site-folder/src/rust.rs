//! [`Site::to_rust`]: the site as a Rust constant expression.

use std::fmt::Write as _;

use crate::{
    Accent, Brand, Consent, Controller, Cookie, Dpo, FinnishName, Language, Lifetime, Name, Purpose, Register,
    Service, ServiceKind, Settings, Site, SwedishName, Text, Texts,
};

const COW: &str = "::std::borrow::Cow::Borrowed";
const CRATE: &str = "::site_folder";

/// A string literal: Rust's `Debug` of a `str` is a valid literal (quotes, backslashes, control
/// and invisible characters escaped as `\u{…}`).
fn text(value: &str) -> String {
    format!("{COW}({value:?})")
}

fn option<T>(value: &Option<T>, write: impl Fn(&T) -> String) -> String {
    match value {
        Some(value) => format!("::core::option::Option::Some({})", write(value)),
        None => "::core::option::Option::None".to_owned(),
    }
}

fn list<T>(values: &[T], write: impl Fn(&T) -> String) -> String {
    let items: Vec<String> = values.iter().map(write).collect();
    format!("{COW}(&[{}])", items.join(", "))
}

fn opt_text(value: &Option<Text>) -> String {
    option(value, |t| text(t))
}

fn language(l: &Language) -> String {
    let name = match l {
        Language::Fi => "Fi",
        Language::Sv => "Sv",
        Language::En => "En",
    };
    format!("{CRATE}::Language::{name}")
}

fn purpose(p: &Purpose) -> String {
    let name = match p {
        Purpose::Necessary => "Necessary",
        Purpose::Analytics => "Analytics",
        Purpose::Marketing => "Marketing",
    };
    format!("{CRATE}::Purpose::{name}")
}

fn texts(t: &Texts) -> String {
    format!(
        "{CRATE}::Texts {{ fi: {}, sv: {}, en: {} }}",
        opt_text(&t.fi),
        opt_text(&t.sv),
        opt_text(&t.en)
    )
}

fn name(n: &Name) -> String {
    let fi = option(&n.fi, |f: &FinnishName| {
        format!(
            "{CRATE}::FinnishName {{ full_genitive: {}, genitive: {}, partitive: {}, allative: {} }}",
            text(&f.full_genitive),
            text(&f.genitive),
            text(&f.partitive),
            text(&f.allative)
        )
    });
    let sv = option(&n.sv, |s: &SwedishName| {
        format!(
            "{CRATE}::SwedishName {{ full_genitive: {}, genitive: {} }}",
            text(&s.full_genitive),
            text(&s.genitive)
        )
    });
    format!(
        "{CRATE}::Name {{ full: {}, short: {}, fi: {fi}, sv: {sv} }}",
        text(&n.full),
        text(&n.short)
    )
}

fn controller(c: &Controller) -> String {
    let dpo = option(&c.dpo, |d: &Dpo| {
        format!(
            "{CRATE}::Dpo {{ name: {}, email: {}, phone: {} }}",
            text(&d.name),
            text(&d.email),
            opt_text(&d.phone)
        )
    });
    let registers = list(&c.registers, |r: &Register| {
        format!("{CRATE}::Register {{ name: {} }}", texts(&r.name))
    });
    let mut out = format!("{CRATE}::Controller {{ ");
    write!(
        out,
        "name: {}, business_id: {}, street: {}, postcode: {}, town: {}, country: {}, phone: {}, email: {}, \
         contact_person: {}, dpo: {dpo}, registers: {registers} }}",
        name(&c.name),
        opt_text(&c.business_id),
        text(&c.street),
        opt_text(&c.postcode),
        text(&c.town),
        opt_text(&c.country),
        text(&c.phone),
        text(&c.email),
        text(&c.contact_person),
    )
    .expect("write to a string");
    out
}

fn brand(b: &Brand) -> String {
    let Accent { light, dark } = &b.accent;
    format!(
        "{CRATE}::Brand {{ name: {}, logo: {}, accent: {CRATE}::Accent {{ light: {}, dark: {} }} }}",
        text(&b.name),
        opt_text(&b.logo),
        text(light),
        text(dark)
    )
}

fn lifetime(l: &Lifetime) -> String {
    match l {
        Lifetime::Session => format!("{CRATE}::Lifetime::Session"),
        Lifetime::Days(n) => format!("{CRATE}::Lifetime::Days({n})"),
        Lifetime::Months(n) => format!("{CRATE}::Lifetime::Months({n})"),
        Lifetime::Years(n) => format!("{CRATE}::Lifetime::Years({n})"),
    }
}

fn cookie(c: &Cookie) -> String {
    format!(
        "{CRATE}::Cookie {{ key: {}, name: {}, prefix: {}, domain: {}, purpose: {}, lifetime: {} }}",
        text(&c.key),
        opt_text(&c.name),
        opt_text(&c.prefix),
        opt_text(&c.domain),
        option(&c.purpose, purpose),
        lifetime(&c.lifetime)
    )
}

fn settings(s: &Settings) -> String {
    let hosts = |h: &[Text]| list(h, |t| text(t));
    format!(
        "{CRATE}::Settings {{ measurement_id: {}, data_retention_months: {}, script_hosts: {}, image_hosts: {}, \
         connect_hosts: {} }}",
        text(&s.measurement_id),
        s.data_retention_months,
        hosts(&s.script_hosts),
        hosts(&s.image_hosts),
        hosts(&s.connect_hosts)
    )
}

fn service(s: &Service) -> String {
    let kind = match s.kind {
        ServiceKind::GoogleAnalytics4 => "GoogleAnalytics4",
    };
    format!(
        "{CRATE}::Service {{ id: {}, kind: {CRATE}::ServiceKind::{kind}, purpose: {}, provider: {}, settings: {}, \
         cookies: {} }}",
        text(&s.id),
        purpose(&s.purpose),
        text(&s.provider),
        settings(&s.settings),
        list(&s.cookies, cookie)
    )
}

pub(crate) fn site(s: &Site) -> String {
    let Consent { record_months } = &s.consent;
    format!(
        "{CRATE}::Site {{\n    origin: {},\n    languages: {},\n    letter_languages: {},\n    reference_prefix: {},\n    \
         controller: {},\n    brand: {},\n    consent: {CRATE}::Consent {{ record_months: {record_months} }},\n    \
         services: {},\n}}",
        text(&s.origin),
        list(&s.languages, language),
        list(&s.letter_languages, language),
        text(&s.reference_prefix),
        controller(&s.controller),
        brand(&s.brand),
        list(&s.services, service)
    )
}
