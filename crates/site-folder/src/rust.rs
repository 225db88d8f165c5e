//! [`Site::to_rust`]: the site as a Rust constant expression.

use std::fmt::Write as _;

use crate::{
    Accent, Brand, Consent, Controller, Cookie, Dpo, FinnishName, Hosting, Language, Lifetime, Name, Purpose,
    Register, Service, ServiceKind, Settings, Site, SwedishName, Text, Texts,
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

fn hosting(h: &Hosting) -> String {
    format!(
        "{CRATE}::Hosting {{ provider: {}, access_log_days: {} }}",
        opt_text(&h.provider),
        h.access_log_days
    )
}

fn lifetime(l: &Lifetime) -> String {
    match l {
        Lifetime::Session => format!("{CRATE}::Lifetime::Session"),
        Lifetime::Minutes(n) => format!("{CRATE}::Lifetime::Minutes({n})"),
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
        "{CRATE}::Settings {{ measurement_id: {}, data_retention_months: {:?}, pixel_id: {}, url: {}, site_id: {:?}, \
         script_url: {}, script_hosts: {}, image_hosts: {}, connect_hosts: {}, share_cookies_with_parent_domain: {} }}",
        opt_text(&s.measurement_id),
        s.data_retention_months,
        opt_text(&s.pixel_id),
        opt_text(&s.url),
        s.site_id,
        opt_text(&s.script_url),
        hosts(&s.script_hosts),
        hosts(&s.image_hosts),
        hosts(&s.connect_hosts),
        s.share_cookies_with_parent_domain
    )
}

fn service(s: &Service) -> String {
    let kind = match s.kind {
        ServiceKind::GoogleAnalytics4 => "GoogleAnalytics4",
        ServiceKind::MetaPixel => "MetaPixel",
        ServiceKind::Matomo => "Matomo",
        ServiceKind::PlainScript => "PlainScript",
    };
    format!(
        "{CRATE}::Service {{ id: {}, kind: {CRATE}::ServiceKind::{kind}, purpose: {}, provider: {}, name: {}, \
         settings: {}, cookies: {} }}",
        text(&s.id),
        purpose(&s.purpose),
        text(&s.provider),
        opt_text(&s.name),
        settings(&s.settings),
        list(&s.cookies, cookie)
    )
}

pub(crate) fn site(s: &Site) -> String {
    let Consent {
        record_months,
        log,
        log_months,
    } = &s.consent;
    format!(
        "{CRATE}::Site {{\n    origin: {},\n    languages: {},\n    letter_languages: {},\n    reference_prefix: {},\n    \
         controller: {},\n    brand: {},\n    consent: {CRATE}::Consent {{ record_months: {record_months}, log: {log}, log_months: {log_months:?} }},\n    \
         hosting: {},\n    services: {},\n}}",
        text(&s.origin),
        list(&s.languages, language),
        list(&s.letter_languages, language),
        text(&s.reference_prefix),
        controller(&s.controller),
        brand(&s.brand),
        hosting(&s.hosting),
        list(&s.services, service)
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::Accent;

    /// A small site with texts that need escaping.
    fn tricky() -> Site {
        let t = |s: &str| Cow::Owned(s.to_owned());
        Site {
            origin: t("https://a.example"),
            languages: Cow::Owned(vec![Language::Sv, Language::Fi]),
            letter_languages: Cow::Owned(vec![Language::Fi]),
            reference_prefix: t("KUU"),
            controller: Controller {
                name: Name {
                    full: t("\"Kuu\" Oy"),
                    short: t("Kuu\\"),
                    fi: None,
                    sv: None,
                },
                business_id: Some(t("1234567-1")),
                street: t("Katu 1\nB"),
                postcode: None,
                town: t("Tampere – Tammerfors"),
                country: None,
                phone: t("03 123"),
                email: t("a@b.example"),
                contact_person: t("Åsa\u{202e}x"),
                dpo: None,
                registers: Cow::Owned(vec![Register {
                    name: Texts {
                        fi: Some(t("Asiakkaat")),
                        sv: None,
                        en: None,
                    },
                }]),
            },
            brand: Brand {
                name: t("Kuu"),
                logo: None,
                accent: Accent {
                    light: t("#000000"),
                    dark: t("#ffffff"),
                },
            },
            consent: Consent {
                record_months: 6,
                log: true,
                log_months: Some(24),
            },
            hosting: Hosting {
                provider: Some(t("\"Pilvi\" Oy\\")),
                access_log_days: 7,
            },
            services: Cow::Owned(vec![]),
        }
    }

    /// The string literals of generated code, unescaped as Rust reads them (the escapes `Debug`
    /// writes: \" \\ \n \r \t \0 \' and \u{…}).
    fn literals(code: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = code;
        while let Some(start) = rest.find("Borrowed(\"") {
            let mut chars = rest[start + "Borrowed(\"".len()..].char_indices();
            let mut text = String::new();
            let mut end = 0;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        end = i;
                        break;
                    }
                    '\\' => match chars.next().map(|(_, c)| c) {
                        Some('n') => text.push('\n'),
                        Some('r') => text.push('\r'),
                        Some('t') => text.push('\t'),
                        Some('0') => text.push('\0'),
                        Some(c @ ('"' | '\\' | '\'')) => text.push(c),
                        Some('u') => {
                            let hex: String = chars
                                .by_ref()
                                .map(|(_, c)| c)
                                .skip(1)
                                .take_while(|c| *c != '}')
                                .collect();
                            text.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                        }
                        other => panic!("unexpected escape {other:?}"),
                    },
                    c => text.push(c),
                }
            }
            out.push(text);
            rest = &rest[start + "Borrowed(\"".len() + end + 1..];
        }
        out
    }

    #[test]
    fn texts_are_escaped_so_rust_reads_them_back() {
        let code = tricky().to_rust();
        assert!(
            code.contains(r#"full: ::std::borrow::Cow::Borrowed("\"Kuu\" Oy")"#),
            "{code}"
        );
        assert!(
            code.contains(r#"short: ::std::borrow::Cow::Borrowed("Kuu\\")"#),
            "{code}"
        );
        assert!(
            code.contains(r#"street: ::std::borrow::Cow::Borrowed("Katu 1\nB")"#),
            "{code}"
        );
        // Printable Unicode stays as it is; an invisible direction override is escaped.
        assert!(code.contains(r#"Borrowed("Tampere – Tammerfors")"#), "{code}");
        assert!(
            code.contains(r#"contact_person: ::std::borrow::Cow::Borrowed("Åsa\u{202e}x")"#),
            "{code}"
        );
        assert_eq!(
            literals(&code),
            [
                "https://a.example",
                "KUU",
                "\"Kuu\" Oy",
                "Kuu\\",
                "1234567-1",
                "Katu 1\nB",
                "Tampere – Tammerfors",
                "03 123",
                "a@b.example",
                "Åsa\u{202e}x",
                "Asiakkaat",
                "Kuu",
                "#000000",
                "#ffffff",
                "\"Pilvi\" Oy\\"
            ]
        );
    }

    #[test]
    fn the_expression_is_stable_and_complete() {
        let code = tricky().to_rust();
        assert_eq!(code, tricky().to_rust());
        let expected = "::site_folder::Site {
    origin: ::std::borrow::Cow::Borrowed(\"https://a.example\"),
    languages: ::std::borrow::Cow::Borrowed(&[::site_folder::Language::Sv, ::site_folder::Language::Fi]),
    letter_languages: ::std::borrow::Cow::Borrowed(&[::site_folder::Language::Fi]),
    reference_prefix: ::std::borrow::Cow::Borrowed(\"KUU\"),
    controller: ::site_folder::Controller { name: ::site_folder::Name { full: ::std::borrow::Cow::Borrowed(\"\\\"Kuu\\\" Oy\"), short: ::std::borrow::Cow::Borrowed(\"Kuu\\\\\"), fi: ::core::option::Option::None, sv: ::core::option::Option::None }, business_id: ::core::option::Option::Some(::std::borrow::Cow::Borrowed(\"1234567-1\")), street: ::std::borrow::Cow::Borrowed(\"Katu 1\\nB\"), postcode: ::core::option::Option::None, town: ::std::borrow::Cow::Borrowed(\"Tampere – Tammerfors\"), country: ::core::option::Option::None, phone: ::std::borrow::Cow::Borrowed(\"03 123\"), email: ::std::borrow::Cow::Borrowed(\"a@b.example\"), contact_person: ::std::borrow::Cow::Borrowed(\"Åsa\\u{202e}x\"), dpo: ::core::option::Option::None, registers: ::std::borrow::Cow::Borrowed(&[::site_folder::Register { name: ::site_folder::Texts { fi: ::core::option::Option::Some(::std::borrow::Cow::Borrowed(\"Asiakkaat\")), sv: ::core::option::Option::None, en: ::core::option::Option::None } }]) },
    brand: ::site_folder::Brand { name: ::std::borrow::Cow::Borrowed(\"Kuu\"), logo: ::core::option::Option::None, accent: ::site_folder::Accent { light: ::std::borrow::Cow::Borrowed(\"#000000\"), dark: ::std::borrow::Cow::Borrowed(\"#ffffff\") } },
    consent: ::site_folder::Consent { record_months: 6, log: true, log_months: Some(24) },
    hosting: ::site_folder::Hosting { provider: ::core::option::Option::Some(::std::borrow::Cow::Borrowed(\"\\\"Pilvi\\\" Oy\\\\\")), access_log_days: 7 },
    services: ::std::borrow::Cow::Borrowed(&[]),
}";
        assert_eq!(code, expected);
    }

    /// Every text of the fixture's folder comes back from the generated code, in order, unescaped.
    #[cfg(feature = "load")]
    #[test]
    fn the_fixture_round_trips_through_its_literals() {
        let site = crate::load_str(include_str!("../testdata/site.toml"), "site/site.toml").unwrap();
        let code = site.to_rust();
        let texts = literals(&code);
        assert_eq!(texts[0], "https://tietosuoja.esimerkki.example");
        for expected in [
            "Esimerkki Oy:n",
            "Esimerkille",
            "Testikatu 1",
            "tietosuoja@esimerkki.example",
            "Testi Henkilö",
            "G-ESIMERKKI0",
            "https://*.google.fi",
            "_gcl_",
            "doubleclick.net",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected} in {texts:?}");
        }
        assert!(code.contains("::site_folder::Lifetime::Months(13)"));
        assert!(code.contains("purpose: ::core::option::Option::Some(::site_folder::Purpose::Marketing)"));
        assert!(code.contains("data_retention_months: Some(2),"));
    }
}
