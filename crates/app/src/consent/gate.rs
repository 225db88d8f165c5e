//! The gate in front of the site's services: nothing of a vendor's is in the page until the visitor
//! allows its service's purpose (and has not switched the service itself off). Google's tag: Consent Mode is set up (default denied → update →
//! config) before the tag loads; withdrawal updates consent to denied and disables the tag.
//! Matomo: `_paq` is queued (consent required and given, tracker, site, one page view) before
//! `matomo.js` loads; withdrawal requires consent again. Meta's pixel: `fbq` is queued (automatic
//! events off, consent granted, init, one page view) before `fbevents.js` loads; withdrawal revokes
//! its consent. A plain script is added as it is; one that ran is left by loading the page again.
//! Either way the withdrawn purposes' and services' cookies are deleted on the host and every
//! parent domain. The decisions are in `gtag`, `matomo`, `meta`, `cookies` and `catalogue`; this is the
//! glue.

use std::cell::Cell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use portal_core::consent::catalogue::{
    google_tag_url, is_cookie_of, is_cookie_of_service, uses, Purpose, Service, ServiceKind, GOOGLE_ADS,
};
use portal_core::consent::command::Arg;
use portal_core::consent::cookies;
use portal_core::consent::gtag;
use portal_core::consent::matomo;
use portal_core::consent::meta;
use portal_core::consent::record::Choices;
use portal_core::facts::SERVICES;
use portal_core::vocabulary::{FBQ, GTAG, PAQ, RELOAD_MESSAGE_KEY};

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

const USES_GOOGLE: bool = uses(ServiceKind::GoogleAnalytics4);
const USES_META: bool = uses(ServiceKind::MetaPixel);
const USES_MATOMO: bool = uses(ServiceKind::Matomo);
const USES_PLAIN: bool = uses(ServiceKind::PlainScript);

thread_local! {
    /// Whether this page view has added Google's tag already.
    static TAG_ADDED: Cell<bool> = const { Cell::new(false) };
    /// Whether this page view has started Meta's pixel already.
    static PIXEL_ADDED: Cell<bool> = const { Cell::new(false) };
    /// Whether this page view has started Matomo's tracker already.
    static MATOMO_ADDED: Cell<bool> = const { Cell::new(false) };
    /// The plain scripts this page view has added, one bit per index of `SERVICES`.
    static PLAIN_ADDED: Cell<u32> = const { Cell::new(0) };
    /// Whether measurement is stopped for the rest of this page view: the request form was opened
    /// in it (a customer writing a rights request is not measured: GDPR Art. 5(1)(c), 25).
    static PAUSED: Cell<bool> = const { Cell::new(false) };
}

/// Stops measurement for the rest of this page view: Google's tag, if it runs, is disabled
/// (`ga-disable-…`: it sends nothing more, no page view of the form), Meta's pixel's consent is
/// revoked (no event of the form's buttons), Matomo's tracker requires a consent this page view no
/// longer gives, and none is loaded if it has not been. The next page view without the form
/// measures again, as the choice allows.
///
/// Returns whether the page is loaded again instead: a plain script this page view added cannot
/// be told to stop, so the page is loaded again at the form, without it (a page opened at the
/// form starts no service; nothing has been typed yet). The others are stopped first all the
/// same.
pub fn pause() -> bool {
    PAUSED.with(|p| p.set(true));
    let reloading = USES_PLAIN && PLAIN_ADDED.with(Cell::get) != 0;
    for service in SERVICES {
        match service.kind {
            ServiceKind::GoogleAnalytics4 if USES_GOOGLE => set_tag_disabled(measurement_id(service), true),
            ServiceKind::MetaPixel if USES_META && PIXEL_ADDED.with(Cell::get) => fbq(&meta::consent(false)),
            ServiceKind::Matomo if USES_MATOMO && MATOMO_ADDED.with(Cell::get) => stop_matomo(),
            _ => {}
        }
    }
    if reloading {
        if let Some(location) = web_sys::window().map(|w| w.location()) {
            let _ = location.set_hash(portal_core::request::SECTION_ID);
        }
        reload();
    }
    reloading
}

thread_local! {
    /// The message of the choice being applied, for the page view after a reload.
    static MESSAGE: std::cell::RefCell<Option<&'static str>> = const { std::cell::RefCell::new(None) };
}

/// The message (its attribute) of the choice about to be applied: a reload it causes keeps it
/// for the next page view (`RELOAD_MESSAGE_KEY`), where the head script says it. `None` once the
/// choice is applied.
pub fn message_after_reload(attribute: Option<&'static str>) {
    MESSAGE.with(|m| *m.borrow_mut() = attribute);
}

/// A GA4 service's measurement ID (the site folder's check requires one).
fn measurement_id(service: &Service) -> &str {
    service.settings.measurement_id.as_deref().unwrap_or_default()
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

fn set_tag_disabled(measurement_id: &str, disabled: bool) {
    if let Some(window) = web_sys::window() {
        let key = JsValue::from_str(&gtag::disable_property(measurement_id));
        let _ = Reflect::set(&window, &key, &JsValue::from_bool(disabled));
    }
}

/// Brings every service in line with `choices`: each is loaded (once) when its purpose is allowed,
/// the visitor did not switch the service itself off, and measurement is not paused; and stopped
/// when it is not.
pub fn apply(choices: Choices) {
    for (index, service) in SERVICES.iter().enumerate() {
        let allowed = choices.allows_service(index) && !PAUSED.with(Cell::get);
        let settings = &service.settings;
        // (Each kind's glue only where the site has one: `uses` is decided at compile time.)
        match service.kind {
            ServiceKind::GoogleAnalytics4 if USES_GOOGLE => {
                apply_google(service, choices, choices.allows_service(index))
            }
            ServiceKind::MetaPixel if USES_META => {
                if let Some(pixel_id) = &settings.pixel_id {
                    apply_meta(pixel_id, allowed);
                }
            }
            ServiceKind::Matomo if USES_MATOMO => {
                if let (Some(url), Some(site_id)) = (&settings.url, settings.site_id) {
                    apply_matomo(url, site_id, allowed);
                }
            }
            ServiceKind::PlainScript if USES_PLAIN => {
                if let Some(url) = &settings.script_url {
                    apply_plain(index, url, allowed);
                }
            }
            _ => {}
        }
    }
}

/// A plain script: added (once) when `allowed`. One this page view added cannot be stopped: when
/// it is no longer allowed (a withdrawal, here or in another tab), the page is loaded again
/// without it, after the choice is stored and the cookies deleted.
fn apply_plain(index: usize, url: &str, allowed: bool) {
    let bit = 1u32 << index.min(31);
    let added = PLAIN_ADDED.with(Cell::get) & bit != 0;
    if allowed && !added {
        add_script(url);
        PLAIN_ADDED.with(|cell| cell.set(cell.get() | bit));
    } else if !allowed && added {
        reload();
    }
}

/// Loads the page again (once), as the browser's own reload: the scripts it added are gone. A
/// task later, so that the click that caused it (a "Tee pyyntö" link) has taken the page to its
/// address first.
fn reload() {
    thread_local! {
        static RELOADING: Cell<bool> = const { Cell::new(false) };
    }
    if RELOADING.with(|r| r.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    if let (Some(message), Ok(Some(session))) =
        (MESSAGE.with(|m| m.borrow_mut().take()), window.session_storage())
    {
        let _ = session.set_item(RELOAD_MESSAGE_KEY, message);
    }
    let again = Closure::once(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let _ = window.set_timeout_with_callback(again.as_ref().unchecked_ref());
    // Called once by the browser; the closure lives until then.
    again.forget();
}

/// Matomo's tracker: started (once) when `allowed`, its consent given again or forgotten after.
fn apply_matomo(url: &str, site_id: u32, allowed: bool) {
    if MATOMO_ADDED.with(Cell::get) {
        if allowed {
            paq(&matomo::consent(true));
        } else {
            stop_matomo();
        }
        return;
    }
    if !allowed {
        return;
    }
    for command in matomo::start(url, site_id) {
        paq(&command);
    }
    add_script(&matomo::script_url(url));
    MATOMO_ADDED.with(|cell| cell.set(true));
}

/// Stops Matomo's tracker for this page view: consent required again once `matomo.js` runs;
/// before that, the queue emptied (the tracker would apply a queued `requireConsent` before the
/// queued `setConsentGiven`, and send the page view after all).
fn stop_matomo() {
    let queue = web_sys::window().and_then(|w| Reflect::get(&w, &PAQ.into()).ok());
    match queue {
        Some(queue) if js_sys::Array::is_array(&queue) => {
            queue.unchecked_into::<js_sys::Array>().set_length(0);
        }
        _ => paq(&matomo::pause()),
    }
}

/// `_paq.push([…])`, creating `_paq` as an array when it does not exist yet (Matomo's standard
/// queue: `matomo.js` takes the array's commands and replaces it with its own `push`).
fn paq(command: &[Arg]) {
    let Some(window) = web_sys::window() else { return };
    let queue = match Reflect::get(&window, &PAQ.into()) {
        Ok(queue) if queue.is_object() => queue,
        _ => {
            let queue: JsValue = js_sys::Array::new().into();
            let _ = Reflect::set(&window, &PAQ.into(), &queue);
            queue
        }
    };
    let Ok(push) = Reflect::get(&queue, &"push".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else {
        return;
    };
    let _ = push.call1(&queue, &js_args(command));
}

/// A command's arguments as JavaScript values, for `fbq(…)` and `_paq.push([…])`.
fn js_args(command: &[Arg]) -> js_sys::Array {
    command
        .iter()
        .map(|arg| match arg {
            Arg::Text(text) => JsValue::from_str(text),
            Arg::Number(n) => JsValue::from_f64(f64::from(*n)),
            Arg::Flag(flag) => JsValue::from_bool(*flag),
        })
        .collect()
}

/// Meta's pixel: started (once) when `allowed`, its consent granted or revoked after that.
fn apply_meta(pixel_id: &str, allowed: bool) {
    if PIXEL_ADDED.with(Cell::get) {
        fbq(&meta::consent(allowed));
        return;
    }
    if !allowed {
        return;
    }
    define_fbq();
    for command in meta::start(pixel_id) {
        fbq(&command);
    }
    add_script(meta::SCRIPT_URL);
    PIXEL_ADDED.with(|cell| cell.set(true));
}

/// Calls `fbq(…)` with `command`.
fn fbq(command: &[Arg]) {
    let Some(window) = web_sys::window() else { return };
    let Ok(function) = Reflect::get(&window, &FBQ.into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return;
    };
    let _ = function.apply(&JsValue::UNDEFINED, &js_args(command));
}

/// Defines Meta's standard `fbq` stub, as its snippet does but without an inline script: a call is
/// passed to `fbq.callMethod` once `fbevents.js` has set it, and queued in `fbq.queue` until then.
fn define_fbq() {
    let Some(window) = web_sys::window() else { return };
    if Reflect::get(&window, &FBQ.into()).is_ok_and(|f| f.is_function()) {
        return;
    }
    let queue = js_sys::Array::new();
    let queued = queue.clone();
    // Four arguments at most (the gate's longest call is `set autoConfig false <id>`; a page of
    // the portal makes no other `fbq` calls); those not given are undefined and left out, as the
    // snippet's `arguments` would have them.
    let stub = Closure::<dyn Fn(JsValue, JsValue, JsValue, JsValue)>::new(
        move |a: JsValue, b: JsValue, c: JsValue, d: JsValue| {
            let mut args = vec![a, b, c, d];
            while args.last().is_some_and(JsValue::is_undefined) {
                args.pop();
            }
            let args: js_sys::Array = args.into_iter().collect();
            let call = web_sys::window()
                .and_then(|w| Reflect::get(&w, &FBQ.into()).ok())
                .and_then(|fbq| {
                    Some((
                        Reflect::get(&fbq, &"callMethod".into())
                            .ok()?
                            .dyn_into::<js_sys::Function>()
                            .ok()?,
                        fbq,
                    ))
                });
            match call {
                Some((call_method, fbq)) => {
                    let _ = call_method.apply(&fbq, &args);
                }
                None => {
                    queued.push(&args);
                }
            }
        },
    );
    let function: &JsValue = stub.as_ref();
    for (key, value) in [
        ("queue", JsValue::from(queue)),
        ("push", function.clone()),
        ("loaded", JsValue::TRUE),
        ("version", JsValue::from_str("2.0")),
    ] {
        let _ = Reflect::set(function, &key.into(), &value);
    }
    let _ = Reflect::set(&window, &FBQ.into(), function);
    if !Reflect::has(&window, &"_fbq".into()).unwrap_or(true) {
        let _ = Reflect::set(&window, &"_fbq".into(), function);
    }
    // The page keeps the stub for its whole life, as the snippet's function.
    stub.forget();
}

/// Google's tag: loaded (once) when analytics is allowed, told what is granted (its ads features
/// only where the site gives Google advertising cookies), and disabled when analytics is not.
fn apply_google(service: &Service, choices: Choices, service_allowed: bool) {
    let id = measurement_id(service);
    let choices = gtag::for_google(choices, GOOGLE_ADS, service_allowed);
    let added = TAG_ADDED.with(Cell::get);
    if !choices.analytics || PAUSED.with(Cell::get) {
        if added {
            gtag3("consent", "update", &object(&gtag::consent_types(choices)));
        }
        set_tag_disabled(id, true);
        return;
    }
    set_tag_disabled(id, false);
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
    let share = service.settings.share_cookies_with_parent_domain;
    let _ = Reflect::set(
        &config,
        &"cookie_domain".into(),
        &gtag::cookie_domain(share).into(),
    );
    gtag3("config", id, &config);
    add_script(&google_tag_url(id));
    TAG_ADDED.with(|cell| cell.set(true));
}

/// Adds `<script async src=…>` to the head.
fn add_script(src: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("async", "");
    let _ = script.set_attribute("src", src);
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// Deletes this site's cookies that `choices` does not allow, on the host and every parent domain:
/// those of every refused purpose (also one the site no longer asks about) and of every service
/// that may not run.
pub fn delete_cookies(choices: Choices) {
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
        .filter(|name| {
            Purpose::ALL
                .into_iter()
                .any(|p| !choices.allows(p) && is_cookie_of(p, name))
                || (0..SERVICES.len()).any(|i| !choices.allows_service(i) && is_cookie_of_service(i, name))
        })
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
