//! The front matter of a notice file: the block between two `---` lines at the top of
//! `notice/*.md`, one `key: value` per line.
//!
//! Deliberately tiny (no YAML): every key is known, every value is one line, and every mistake is
//! reported with the line it is on, so whoever edits the notice can fix it without reading code.

use std::collections::BTreeMap;
use std::fmt;

use crate::date::Date;
use crate::i18n::Lang;

/// Who is responsible for the register, as the notice states it. Required in the authoritative
/// notice, where it also feeds the page footer (and later the request form's recipient).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controller {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub contact_person: String,
}

/// What the front matter of one notice file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub register: String,
    pub lang: Lang,
    pub drawn_up: Date,
    pub version: String,
    /// `Some(fi)` for a translation of the Finnish notice; `None` for the authoritative text.
    pub translation_of: Option<Lang>,
    /// Only in the authoritative notice.
    pub controller: Option<Controller>,
}

/// A mistake in a front matter block. `line` counts from 1, from the top of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FrontMatterError {}

const REQUIRED: [&str; 5] = ["title", "register", "lang", "drawn_up", "version"];
const CONTROLLER: [&str; 5] = ["controller", "address", "phone", "email", "contact_person"];
const OPTIONAL: [&str; 1] = ["translation_of"];

fn error(line: usize, message: impl Into<String>) -> FrontMatterError {
    FrontMatterError {
        line,
        message: message.into(),
    }
}

/// Splits `source` into its front matter and the Markdown body after it.
pub fn parse(source: &str) -> Result<(FrontMatter, &str), FrontMatterError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => {
            return Err(error(
                1,
                "the file must start with a line \"---\" opening the front matter",
            ))
        }
    }
    let mut offset = source.split_inclusive('\n').next().map_or(0, str::len);
    let mut fields: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    let mut closed = false;
    for (index, raw) in lines.enumerate() {
        let line_no = index + 2;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(error(
                line_no,
                format!("expected \"key: value\", found \"{line}\""),
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        let known = REQUIRED
            .iter()
            .chain(&CONTROLLER)
            .chain(&OPTIONAL)
            .any(|k| *k == key);
        if !known {
            let all: Vec<&str> = REQUIRED
                .iter()
                .chain(&CONTROLLER)
                .chain(&OPTIONAL)
                .copied()
                .collect();
            return Err(error(
                line_no,
                format!("unknown key \"{key}\" (known keys: {})", all.join(", ")),
            ));
        }
        if value.is_empty() {
            return Err(error(line_no, format!("\"{key}\" has no value")));
        }
        if let Some((first, _)) = fields.insert(key, (line_no, value)) {
            return Err(error(
                line_no,
                format!("\"{key}\" is given twice (first on line {first})"),
            ));
        }
    }
    if !closed {
        return Err(error(
            1,
            "the front matter opened on line 1 is never closed by a line \"---\"",
        ));
    }
    let closing_line = source[..offset].lines().count();
    let body = &source[offset..];

    let get = |key: &str| fields.get(key).copied();
    let required = |key: &str| get(key).ok_or_else(|| error(closing_line, format!("\"{key}\" is missing")));

    let (lang_line, lang) = required("lang")?;
    let lang: Lang = lang
        .parse()
        .map_err(|e: crate::i18n::UnknownLang| error(lang_line, e.to_string()))?;
    let (date_line, drawn_up) = required("drawn_up")?;
    let drawn_up = Date::parse_iso(drawn_up).map_err(|e| error(date_line, format!("drawn_up: {e}")))?;
    let translation_of = match get("translation_of") {
        None => None,
        Some((line, code)) => {
            let original: Lang = code
                .parse()
                .map_err(|e: crate::i18n::UnknownLang| error(line, e.to_string()))?;
            if original == lang {
                return Err(error(
                    line,
                    format!("a {lang} notice cannot be a translation of itself"),
                ));
            }
            Some(original)
        }
    };
    let controller_keys: Vec<&str> = CONTROLLER.iter().copied().filter(|k| get(k).is_some()).collect();
    let controller = match (controller_keys.len(), translation_of) {
        (0, Some(_)) => None,
        (n, None) if n == CONTROLLER.len() => Some(Controller {
            name: get("controller").unwrap().1.to_owned(),
            address: get("address").unwrap().1.to_owned(),
            phone: get("phone").unwrap().1.to_owned(),
            email: get("email").unwrap().1.to_owned(),
            contact_person: get("contact_person").unwrap().1.to_owned(),
        }),
        (_, None) => {
            let missing: Vec<&str> = CONTROLLER.iter().copied().filter(|k| get(k).is_none()).collect();
            return Err(error(
                closing_line,
                format!(
                    "the authoritative notice must name the controller; missing: {}",
                    missing.join(", ")
                ),
            ));
        }
        (_, Some(original)) => {
            let line = get(controller_keys[0]).unwrap().0;
            return Err(error(
                line,
                format!(
                    "a translation takes the controller's details from the {original} notice; remove \"{}\"",
                    controller_keys[0]
                ),
            ));
        }
    };
    if let Some(c) = &controller {
        if !c.email.contains('@') {
            return Err(error(
                get("email").unwrap().0,
                format!("\"{}\" is not an e-mail address", c.email),
            ));
        }
    }

    let front = FrontMatter {
        title: required("title")?.1.to_owned(),
        register: required("register")?.1.to_owned(),
        lang,
        drawn_up,
        version: required("version")?.1.to_owned(),
        translation_of,
        controller,
    };
    Ok((front, body))
}

/// The `tel:` URI of a Finnish phone number as people write it ("044 978 5594" → "tel:+358449785594").
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    match digits.strip_prefix('0') {
        Some(national) if !digits.starts_with("00") => format!("tel:+358{national}"),
        _ => format!(
            "tel:{}",
            digits.replacen("00", "+", usize::from(digits.starts_with("00")))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FI: &str =
        "---\ntitle: Asiakasrekisteri - tietosuojaseloste\nregister: Asiakasrekisteri\nlang: fi\n\
drawn_up: 2020-09-30\nversion: 1.1\ncontroller: Safrent Oy\naddress: Viilarinkatu 5, Turku\n\
phone: 044 978 5594\nemail: mirette.leppa@safrent.fi\ncontact_person: Mirette Leppä\n---\n## Otsikko\n";

    fn with(line_from: &str, line_to: &str) -> String {
        assert!(FI.contains(line_from), "fixture lacks {line_from}");
        FI.replacen(line_from, line_to, 1)
    }

    #[test]
    fn parses_authoritative_notice() {
        let (front, body) = parse(FI).unwrap();
        assert_eq!(front.title, "Asiakasrekisteri - tietosuojaseloste");
        assert_eq!(front.lang, Lang::Fi);
        assert_eq!(front.drawn_up, Date::new(2020, 9, 30).unwrap());
        assert_eq!(front.translation_of, None);
        assert_eq!(front.controller.unwrap().contact_person, "Mirette Leppä");
        assert_eq!(body, "## Otsikko\n");
    }

    #[test]
    fn parses_translation_without_controller() {
        let src =
            "---\r\ntitle: Customer register - privacy notice\r\nregister: Customer register\r\nlang: en\r\n\
translation_of: fi\r\ndrawn_up: 2020-09-30\r\nversion: 1.1\r\n---\r\nBody";
        let (front, body) = parse(src).unwrap();
        assert_eq!(front.translation_of, Some(Lang::Fi));
        assert_eq!(front.controller, None);
        assert_eq!(body, "Body");
    }

    #[test]
    fn reports_missing_opening() {
        let err = parse("title: x\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.to_string().contains("must start with a line \"---\""));
    }

    #[test]
    fn reports_unclosed_block() {
        let err = parse("---\ntitle: x\n").unwrap_err();
        assert!(err.message.contains("never closed"), "{err}");
    }

    #[test]
    fn reports_line_of_bad_date() {
        let err = parse(&with("drawn_up: 2020-09-30", "drawn_up: 30.09.2020")).unwrap_err();
        assert_eq!(err.line, 5);
        assert!(err.message.contains("YYYY-MM-DD"), "{err}");
        let err = parse(&with("drawn_up: 2020-09-30", "drawn_up: 2021-02-29")).unwrap_err();
        assert!(err.message.contains("not a day"), "{err}");
    }

    #[test]
    fn reports_unknown_duplicate_and_empty_keys() {
        let err = parse(&with("version: 1.1", "versoin: 1.1")).unwrap_err();
        assert_eq!(err.line, 6);
        assert!(err.message.contains("unknown key \"versoin\""), "{err}");
        let err = parse(&with("version: 1.1", "version: 1.1\ntitle: again")).unwrap_err();
        assert_eq!(err.line, 7);
        assert!(err.message.contains("given twice (first on line 2)"), "{err}");
        let err = parse(&with("version: 1.1", "version:")).unwrap_err();
        assert!(err.message.contains("\"version\" has no value"), "{err}");
        let err = parse(&with("version: 1.1", "just words")).unwrap_err();
        assert!(err.message.contains("expected \"key: value\""), "{err}");
    }

    #[test]
    fn reports_missing_required_and_controller_fields() {
        let err = parse(&with("version: 1.1\n", "")).unwrap_err();
        assert!(err.message.contains("\"version\" is missing"), "{err}");
        let err = parse(&with("phone: 044 978 5594\n", "")).unwrap_err();
        assert!(err.message.contains("missing: phone"), "{err}");
        let err = parse(&with("lang: fi", "lang: sv")).unwrap_err();
        assert!(err.message.contains("unknown language \"sv\""), "{err}");
        let err = parse(&with("email: mirette.leppa@safrent.fi", "email: mirette")).unwrap_err();
        assert!(err.message.contains("not an e-mail address"), "{err}");
    }

    #[test]
    fn translation_must_not_restate_controller_or_itself() {
        let err = parse(&with("lang: fi", "lang: en\ntranslation_of: fi")).unwrap_err();
        assert!(err.message.contains("remove \"controller\""), "{err}");
        let err = parse(&with("lang: fi", "lang: fi\ntranslation_of: fi")).unwrap_err();
        assert!(err.message.contains("translation of itself"), "{err}");
    }

    #[test]
    fn phone_numbers_become_international_tel_uris() {
        assert_eq!(tel_uri("044 978 5594"), "tel:+358449785594");
        assert_eq!(tel_uri("029 56 66700"), "tel:+358295666700");
        assert_eq!(tel_uri("+358 44 978 5594"), "tel:+358449785594");
        assert_eq!(tel_uri("00358 44 978 5594"), "tel:+358449785594");
    }
}
