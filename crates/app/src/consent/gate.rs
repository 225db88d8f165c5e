//! The gate in front of Google's tag: nothing of Google's is in the page until the visitor allows
//! analytics; then Consent Mode is set up (default denied → update → config) before the tag loads.
//! Withdrawal updates consent to denied, disables the tag and deletes its cookies on the host and
//! every parent domain. The decisions are in `gtag`, `cookies` and `catalogue`; this is the glue.

use std::cell::Cell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use portal_core::consent::catalogue::{google_tag_url, is_cookie_of, Purpose, GA_MEASUREMENT_ID};
use portal_core::consent::cookies;
use portal_core::consent::gtag;
use portal_core::consent::record::Choices;
use portal_core::vocabulary::GTAG;

/// `gtag(command, value)`: the head script's standard `gtag()`, which pushes an `arguments`
/// object to `dataLayer` (Google's tag ignores plain arrays).
fn gtag2(command: &str, value: &JsValue) {
    if let Some(gtag) = gtag_function() {
        let _ = gtag.call2(&JsValue::UNDEFINED, &command.into(), value);
    }
}

/// `gtag(command, target, params)`.
fn gtag3(command: &str, target: &str, params: &JsValue) {
    if let Some(gtag) = gtag_function() {
        let _ = gtag.call3(&JsValue::UNDEFINED, &command.into(), &target.into(), params);
    }
}

fn gtag_function() -> Option<js_sys::Function> {
    Reflect::get(&web_sys::window()?.into(), &GTAG.into())
        .ok()?
        .dyn_into()
        .ok()
}

thread_local! {
    /// Whether this page view has added Google's tag already.
    static TAG_ADDED: Cell<bool> = const { Cell::new(false) };
    /// Whether measurement is stopped for the rest of this page view: the request form was opened
    /// in it (a customer writing a rights request is not measured: GDPR Art. 5(1)(c), 25).
    static PAUSED: Cell<bool> = const { Cell::new(false) };
}

/// Stops measurement for the rest of this page view: Google's tag, if it runs, is disabled
/// (`ga-disable-…`: it sends nothing more, no page view of the form), and it is not loaded if it
/// has not been. The next page view without the form measures again, as the choice allows.
pub fn pause() {
    PAUSED.with(|p| p.set(true));
    set_tag_disabled(true);
}

fn object<'a, V: Into<JsValue> + Copy + 'a>(
    pairs: impl IntoIterator<Item = &'a (&'static str, V)>,
) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &(*value).into());
    }
    object.into()
}

fn set_tag_disabled(disabled: bool) {
    if let Some(window) = web_sys::window() {
        let key = JsValue::from_str(&gtag::disable_property(GA_MEASUREMENT_ID));
        let _ = Reflect::set(&window, &key, &JsValue::from_bool(disabled));
    }
}

/// Brings Google's tag in line with `choices`: loads it (once) when analytics is allowed, tells
/// it what is granted, and disables it when analytics is not.
pub fn apply(choices: Choices) {
    let added = TAG_ADDED.with(Cell::get);
    if !choices.analytics || PAUSED.with(Cell::get) {
        if added {
            gtag3("consent", "update", &object(&gtag::consent_types(choices)));
        }
        set_tag_disabled(true);
        return;
    }
    set_tag_disabled(false);
    if added {
        gtag3("consent", "update", &object(&gtag::consent_types(choices)));
        for (key, on) in gtag::config_params(choices) {
            gtag2("set", &object(&[(key, on)]));
        }
        return;
    }
    gtag3("consent", "default", &object(&gtag::consent_default()));
    gtag2("js", &js_sys::Date::new_0().into());
    gtag3("consent", "update", &object(&gtag::consent_types(choices)));
    let config = object(&gtag::config_params(choices));
    let share = portal_core::facts::GA.share_cookies_with_parent_domain;
    let _ = Reflect::set(
        &config,
        &"cookie_domain".into(),
        &gtag::cookie_domain(share).into(),
    );
    gtag3("config", GA_MEASUREMENT_ID, &config);
    add_tag_script();
    TAG_ADDED.with(|cell| cell.set(true));
}

fn add_tag_script() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("async", "");
    let _ = script.set_attribute("src", &google_tag_url());
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// Deletes this site's cookies of the given purposes, on the host and every parent domain.
pub fn delete_cookies(purposes: &[Purpose]) {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window
        .document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    else {
        return;
    };
    let host = window.location().hostname().unwrap_or_default();
    let current = document.cookie().unwrap_or_default();
    let doomed: Vec<&str> = cookies::names(&current)
        .filter(|name| purposes.iter().any(|p| is_cookie_of(*p, name)))
        .collect();
    for name in doomed {
        for deletion in cookies::deletions(name, &host) {
            let _ = document.set_cookie(&deletion);
        }
    }
}

/// `navigator.globalPrivacyControl`, if the browser sends it.
pub fn global_privacy_control() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &JsValue::from_str("globalPrivacyControl")).ok())
        .is_some_and(|value| value.as_bool() == Some(true))
}
