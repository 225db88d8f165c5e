//! The head script (`first-paint.js`): the template in this directory with every `%NAME%`
//! filled in from the Rust constant it stands for, at build time. So the script that decides
//! the banner before the first paint and the WebAssembly that decides it afterwards read the same
//! record with the same names, and a renamed constant renames both.

use portal_core::consent::catalogue::{
    cookie_pattern, serves, service_cookie_pattern, Purpose, PurposeExt, OPTIONAL,
};
use portal_core::consent::record::{
    Ask, CHOICE_KEYS, CHOICE_MONTHS, FUTURE_SLACK_MS, ID_LENGTH, MAX_RECORD_LENGTH, PURPOSE_KEYS,
    RECORD_KEYS, RECORD_VERSION, STORAGE_KEY,
};
use portal_core::facts::SERVICES;
use portal_core::vocabulary::{self as v, Action, Message};

const TEMPLATE: &str = include_str!("first-paint.js");

/// A JavaScript literal of `value` (a string or a string array), through serde_json's escaping.
fn literal(value: impl serde::Serialize) -> String {
    serde_json::to_string(&value).expect("strings serialise")
}

/// Each name of the template with the text it stands for.
fn names() -> Vec<(&'static str, String)> {
    vec![
        ("JS_CLASS", literal(v::JS_CLASS)),
        ("ASK_CLASS", literal(v::ASK_CLASS)),
        ("ASK_REASON_ATTRIBUTE", literal(v::ASK_REASON_ATTRIBUTE)),
        ("GPC_CLASS", literal(v::GPC_CLASS)),
        ("NO_STORAGE_CLASS", literal(v::NO_STORAGE_CLASS)),
        ("REVISIONS_META", literal(v::REVISIONS_META)),
        ("LOG_ATTRIBUTE", literal(v::LOG_ATTRIBUTE)),
        ("APP_META", literal(v::APP_META)),
        ("APP_WASM_ATTRIBUTE", literal(v::APP_WASM_ATTRIBUTE)),
        ("EARLY_CLICKS", literal(v::EARLY_CLICKS)),
        ("APP_READY", literal(v::APP_READY)),
        ("ACTION_ATTRIBUTE", literal(v::ACTION_ATTRIBUTE)),
        ("GTAG", literal(v::GTAG)),
        ("LOAD_MODULE", literal(v::LOAD_MODULE)),
        ("STORAGE_KEY", literal(STORAGE_KEY)),
        ("RECORD_KEYS", literal(RECORD_KEYS)),
        ("CHOICE_KEYS", literal(CHOICE_KEYS)),
        ("PURPOSE_KEYS", literal(PURPOSE_KEYS)),
        ("SERVICES", services()),
        ("SERVICE_ATTRIBUTE", literal(v::SERVICE_ATTRIBUTE)),
        ("SERVICE_PURPOSE_ATTRIBUTE", literal(v::SERVICE_PURPOSE_ATTRIBUTE)),
        ("SERVICE_FACT_ATTRIBUTE", literal(v::SERVICE_FACT_ATTRIBUTE)),
        ("RELOAD_MESSAGE_KEY", literal(v::RELOAD_MESSAGE_KEY)),
        ("RECORD_VERSION", RECORD_VERSION.to_string()),
        ("CHOICE_MONTHS", CHOICE_MONTHS.to_string()),
        ("FUTURE_SLACK_MS", FUTURE_SLACK_MS.to_string()),
        (
            "REVISION_LENGTH",
            portal_core::consent::record::REVISION_LENGTH.to_string(),
        ),
        ("FIRST_PAINT_NOW", literal(v::FIRST_PAINT_NOW)),
        ("ASK_FIRST_VISIT", literal(Ask::FirstVisit.key())),
        ("ASK_UNREADABLE", literal(Ask::Unreadable.key())),
        ("ASK_OTHER_VERSION", literal(Ask::OtherVersion.key())),
        ("ASK_EXPIRED", literal(Ask::Expired.key())),
        ("ASK_CHANGED", literal(Ask::Changed.key())),
        ("MAX_RECORD_LENGTH", MAX_RECORD_LENGTH.to_string()),
        ("ID_LENGTH", ID_LENGTH.to_string()),
        ("SETTINGS_ID", literal(v::SETTINGS_ID)),
        ("STATUS_ID", literal(v::STATUS_ID)),
        ("NOTICE_ID", literal(v::NOTICE_ID)),
        ("PURPOSE_ATTRIBUTE", literal(v::PURPOSE_ATTRIBUTE)),
        ("ACTION_SETTINGS", literal(Action::Settings.key())),
        ("ACTION_CLOSE", literal(Action::Close.key())),
        ("ACTION_ACCEPT_ALL", literal(Action::AcceptAll.key())),
        ("ACTION_REJECT_ALL", literal(Action::RejectAll.key())),
        ("ACTION_SAVE", literal(Action::Save.key())),
        ("ASKED", asked()),
        ("COOKIES", cookies()),
        ("COOKIE_EXPIRY", literal(portal_core::consent::cookies::EXPIRY)),
        ("MESSAGE_SAVED", literal(Message::Saved.attribute())),
        ("MESSAGE_WITHDRAWN", literal(Message::Withdrawn.attribute())),
        ("MESSAGE_NOT_STORED", literal(Message::NotStored.attribute())),
        ("GPC_NOTE_ID", literal(v::GPC_NOTE_ID)),
        ("EARLY_REQUEST", literal(v::EARLY_REQUEST)),
        ("BANNER_ID", literal(v::BANNER_ID)),
        ("SETTINGS_OPENER", literal(v::SETTINGS_OPENER)),
        ("FORM_LOADING", literal(v::FORM_LOADING)),
        ("REQUEST_ROOT_ID", literal(v::REQUEST_ROOT_ID)),
        ("FORM_MODULE_ATTRIBUTE", literal(v::FormAsset::Module.attribute())),
        ("FORM_WASM_ATTRIBUTE", literal(v::FormAsset::Wasm.attribute())),
        ("SHOW_ATTRIBUTE", literal(v::SHOW_ATTRIBUTE)),
        ("SHOW_RECORD", literal(v::Show::Record.key())),
        ("FACT_ATTRIBUTE", literal(v::FACT_ATTRIBUTE)),
        ("FACT_SAVED", literal(v::Fact::SavedAt.key())),
        ("FACT_VALID_UNTIL", literal(v::Fact::ValidUntil.key())),
        ("FACT_ID", literal(v::Fact::Id.key())),
        ("ALLOWED_TEXT_ATTRIBUTE", literal(v::ALLOWED_TEXT_ATTRIBUTE)),
        ("REFUSED_TEXT_ATTRIBUTE", literal(v::REFUSED_TEXT_ATTRIBUTE)),
        ("LOCALES", locales()),
        ("REQUEST_RIGHT_ATTRIBUTE", literal(v::REQUEST_RIGHT_ATTRIBUTE)),
        ("STATUS_MESSAGE_ATTRIBUTE", literal(v::STATUS_MESSAGE_ATTRIBUTE)),
        ("TOC_DETAILS_CLASS", literal(v::TOC_DETAILS_CLASS)),
        (
            "WIDE_SCREEN_QUERY",
            literal(portal_core::notice::WIDE_SCREEN_QUERY),
        ),
        ("FORM_SECTION_ID", literal(portal_core::request::SECTION_ID)),
    ]
}

/// Each language's code with the locale its dates are written in (`Lang::locale`), as the
/// script's `{code: locale}`.
fn locales() -> String {
    let map: std::collections::BTreeMap<&str, &str> = portal_core::i18n::Lang::ALL
        .into_iter()
        .map(|lang| (lang.code(), lang.locale()))
        .collect();
    literal(map)
}

/// The purposes the site asks about, as the script's `asked`: `[key, needed key or null, GPC
/// refuses it]` each.
fn asked() -> String {
    let asked: Vec<(&str, Option<&str>, bool)> = OPTIONAL
        .iter()
        .map(|p| (p.key(), p.needs().map(Purpose::key), *p == Purpose::Marketing))
        .collect();
    literal(asked)
}

/// Every optional purpose's cookies, as the script's `cookiesOf`: `[key, /pattern/]` each (a
/// regular expression literal, not a string).
fn cookies() -> String {
    let pairs: Vec<String> = Purpose::ALL
        .into_iter()
        .filter(|p| *p != Purpose::Necessary)
        .map(|p| format!("[{}, {}]", literal(p.key()), cookie_pattern(p)))
        .collect();
    format!("[{}]", pairs.join(", "))
}

/// The site's services, as the script's `services`: `[id, purpose key, /pattern of its cookies/,
/// [keys of the purposes it serves]]` each, in the site folder's order.
fn services() -> String {
    let services: Vec<String> = SERVICES
        .iter()
        .enumerate()
        .map(|(index, service)| {
            format!(
                "[{}, {}, {}, {}]",
                literal(service.id.as_ref()),
                literal(service.purpose.key()),
                service_cookie_pattern(index),
                served(index)
            )
        })
        .collect();
    format!("[{}]", services.join(", "))
}

/// The keys of the purposes the service at `index` serves ([`serves`]), as a script array.
fn served(index: usize) -> String {
    let keys: Vec<&str> = Purpose::ALL
        .into_iter()
        .filter(|p| *p != Purpose::Necessary && serves(index, *p))
        .map(Purpose::key)
        .collect();
    literal(keys)
}

/// The filled-in script, without its comments (they are for the template's readers; every byte of
/// this script is in every page's first load).
pub fn script() -> String {
    let filled = names().iter().fold(TEMPLATE.to_owned(), |script, (name, value)| {
        script.replace(&format!("%{name}%"), value)
    });
    // Whole comment lines and indentation go; the template has no `//` inside strings.
    filled
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_and_every_reason_is_used() {
        let script = script();
        let left: Vec<&str> = script
            .split('%')
            .skip(1)
            .step_by(2)
            .filter(|name| name.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !name.is_empty())
            .collect();
        assert!(left.is_empty(), "unfilled: {left:?}");
        // And every name filled in is used: a constant the script should follow but does not.
        for (name, _) in names() {
            assert!(
                TEMPLATE.contains(&format!("%{name}%")),
                "{name} is not in the template"
            );
        }
        for ask in Ask::ALL {
            assert!(script.contains(&format!("\"{}\"", ask.key())), "{ask:?}");
        }
        assert!(script.contains(&format!("getItem(\"{STORAGE_KEY}\")")));
        // Nothing longer than a record is parsed, the same limit as the WebAssembly's.
        assert!(script.contains(&format!("text.length > {MAX_RECORD_LENGTH} ?")));
        // Without the app, the fallback deletes what withdrawal deletes.
        for purpose in [Purpose::Analytics, Purpose::Marketing] {
            let pair = format!("[\"{}\", {}]", purpose.key(), cookie_pattern(purpose));
            assert!(script.contains(&pair), "{pair}");
        }
        // Each service with its purpose and its cookies, in the site folder's order.
        for (index, service) in SERVICES.iter().enumerate() {
            let entry = format!(
                "[\"{}\", \"{}\", {}, {}]",
                service.id,
                service.purpose.key(),
                service_cookie_pattern(index),
                served(index)
            );
            assert!(served(index).contains(&format!("\"{}\"", service.purpose.key())));
            assert!(script.contains(&entry), "{entry}");
        }
        // What the site asks about, as the catalogue says.
        assert!(script.contains(&format!("var asked = {};", asked())));
        let keys: Vec<&str> = serde_json::from_str::<Vec<(String, Option<String>, bool)>>(&asked())
            .unwrap()
            .iter()
            .map(|(key, _, _)| Purpose::ALL.into_iter().find(|p| p.key() == key).unwrap().key())
            .collect();
        assert_eq!(keys, OPTIONAL.iter().map(|p| p.key()).collect::<Vec<_>>());
        // Shipped without the template's comments: every byte is in every first load.
        assert!(!script.lines().any(|line| line.trim_start().starts_with("//")));
        assert!(
            script.len() < TEMPLATE.len() * 3 / 4,
            "{} of {}",
            script.len(),
            TEMPLATE.len()
        );
    }
}
