//! The banner in the browser: holds this page view's consent state, applies it (gate, storage),
//! and shows it in the build-time markup (`consent::markup`). The head script decided the first
//! layer before the first paint with the same rules (`consent::first_paint`); this takes over
//! and keeps `<html>`'s classes, the settings view and the live region in step with the state.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::gate;
use super::storage;
use portal_core::consent::catalogue::{Purpose, PurposeExt, Service, OPTIONAL};
use portal_core::consent::receipt::{self, Receipt};
use portal_core::consent::record::{self, Ask, Choices, Record, Revisions, Status};
use portal_core::date::Instant;
use portal_core::facts::SERVICES;
use portal_core::i18n::Lang;
use portal_core::vocabulary::{
    Action, Fact, Message, Show, ALLOWED_TEXT_ATTRIBUTE, APP_READY, ASK_CLASS, ASK_REASON_ATTRIBUTE,
    CONSENT_ROOT_ID, EARLY_CLICKS, FACT_ATTRIBUTE, FIRST_PAINT_NOW, GPC_CLASS, GPC_NOTE_ID, LOG_ATTRIBUTE,
    NOTICE_ID, NO_STORAGE_CLASS, PURPOSE_ATTRIBUTE, REFUSED_TEXT_ATTRIBUTE, REVISIONS_META,
    REVISIONS_TEXTS_ATTRIBUTE, SERVICE_ATTRIBUTE, SERVICE_FACT_ATTRIBUTE, SETTINGS_ID, SETTINGS_OPENER,
    SHOW_ATTRIBUTE, STATUS_ID, STATUS_MESSAGE_ATTRIBUTE,
};
use portal_dom::{attribute_selector, document, elements};

struct State {
    lang: Lang,
    revisions: Revisions,
    /// Where the revisions' texts are published (`consent/`, relative to the page).
    texts: String,
    /// Where the company's consent log takes each choice (`api/consent`, relative to the page),
    /// when the site folder turns it on.
    log: Option<String>,
    gpc: bool,
    /// Why the first layer is shown; `None` when a valid choice holds.
    ask: Option<Ask>,
    settings_open: bool,
    /// The choices in force in this page view.
    applied: Choices,
    record: Option<Record>,
    storage_ok: bool,
    message: Option<Message>,
    /// Whether [`State::message`] is new and is still to be written (and so announced); not the
    /// one the head script showed (see [`shown_message`]), which is there already.
    announce: std::cell::Cell<bool>,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    /// Where focus was before the banner or the settings took it.
    static RETURN_FOCUS: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
}

fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    STATE.with(|cell| cell.borrow_mut().as_mut().map(f))
}

/// The elements of the banner's markup that match `selector`.
fn all(selector: &str) -> Vec<Element> {
    let root = document().and_then(|d| d.get_element_by_id(CONSENT_ROOT_ID));
    elements(root.and_then(|r| r.query_selector_all(selector).ok()))
}

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

fn now() -> Instant {
    Instant(js_sys::Date::now() as i64)
}

/// A new record id from the browser's cryptographic generator; `None` if the browser refuses
/// (then nothing is stored: the same id for every visitor would make the receipts worthless).
fn random_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(record::record_id(bytes))
}

fn remember_focus() {
    let active = document()
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.tag_name() != "BODY");
    RETURN_FOCUS.with(|cell| *cell.borrow_mut() = active);
}

/// Gives focus back where it was, or, when that is gone (a button of the banner, which a choice
/// closed), to the notice, without scrolling: the next Tab goes on in the page, not from its top.
fn restore_focus() {
    let previous = RETURN_FOCUS.with(|cell| cell.borrow_mut().take());
    let target = previous
        .filter(|element| element.is_connected() && element.offset_width() > 0)
        .or_else(|| by_id::<HtmlElement>(NOTICE_ID));
    if let Some(element) = target {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// Applies `choices` to the site's services (Google's tag, Matomo, Meta's pixel) and deletes the
/// cookies of every refused purpose and service.
fn enforce(choices: Choices) {
    gate::apply(choices);
    gate::delete_cookies(choices);
}

/// The message the head script is showing, when it answered a choice before the app was loaded:
/// the app keeps it (its first `sync` would otherwise empty the live region).
fn shown_message() -> Option<Message> {
    let shown = by_id::<Element>(STATUS_ID)?.get_attribute(STATUS_MESSAGE_ATTRIBUTE)?;
    Message::ALL.into_iter().find(|m| m.attribute() == shown)
}

/// Reads the stored choice and applies it, or keeps the first layer shown. Returns whether it asks.
pub fn start(lang: Lang) -> bool {
    let meta = document().and_then(|d| {
        d.query_selector(&["meta[name=\"", REVISIONS_META, "\"]"].concat())
            .ok()
            .flatten()
    });
    let attribute = |name: &str| {
        meta.as_ref()
            .and_then(|m| m.get_attribute(name))
            .unwrap_or_default()
    };
    let revisions = Revisions::parse(&attribute("content"));
    let texts = attribute(REVISIONS_TEXTS_ATTRIBUTE);
    let log = meta.as_ref().and_then(|m| m.get_attribute(LOG_ATTRIBUTE));
    let gpc = gate::global_privacy_control();
    let mut state = State {
        lang,
        revisions,
        texts,
        log,
        gpc,
        ask: None,
        settings_open: false,
        applied: Choices::NONE,
        record: None,
        storage_ok: storage::available(),
        message: shown_message(),
        announce: std::cell::Cell::new(false),
    };
    // The head script's moment of decision, so both decide the same at the edge of expiry.
    let decided_at = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &FIRST_PAINT_NOW.into()).ok())
        .and_then(|t| t.as_f64())
        .map_or_else(now, |t| Instant(t as i64));
    match record::status(storage::load(), decided_at, &state.revisions) {
        Status::Decided(stored) => {
            state.applied = stored.choices.effective(gpc);
            state.record = Some(stored);
        }
        Status::Ask(reason) => {
            // An expired choice is not kept longer than the cookie table says; the banner still
            // says why it asks. (The head script deletes it too, before the app is loaded: its
            // reason then stands.)
            let expired_before = document()
                .and_then(|d| d.document_element())
                .and_then(|html| html.get_attribute(ASK_REASON_ATTRIBUTE))
                .is_some_and(|shown| shown == Ask::Expired.key());
            let reason = if reason == Ask::FirstVisit && expired_before {
                Ask::Expired
            } else {
                reason
            };
            if reason == Ask::Expired {
                storage::remove();
            }
            state.ask = Some(reason);
        }
    }
    // Without a valid choice this denies everything and deletes leftovers of an old one.
    enforce(state.applied);
    // The settings view the head script opened before the app was loaded stays open, and gives
    // the focus back to what opened it when it closes.
    if by_id::<web_sys::HtmlDialogElement>(SETTINGS_ID).is_some_and(|d| d.open()) {
        state.settings_open = true;
        let opener = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &SETTINGS_OPENER.into()).ok())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            // A browser that does not focus a clicked button leaves the body: no opener then.
            .filter(|e| e.tag_name() != "BODY");
        RETURN_FOCUS.with(|cell| *cell.borrow_mut() = opener);
    }
    let asks = state.ask.is_some();
    STATE.with(|cell| *cell.borrow_mut() = Some(state));
    listen();
    follow_stored_choice();
    sync();
    replay_early_clicks();
    // The head script gave the asking banner the focus when the page loaded; the app, loaded at
    // any later moment (a key, a scroll), never moves it.
    asks
}

/// Reads the stored choice again and applies it when it is not the one this page follows: a
/// choice made in another tab or page of the site (`storage`), or while this page was in the
/// back/forward cache (`pageshow` with `persisted`). A withdrawal there stops the services here
/// (Google's tag: consent denied and disabled; Matomo: consent required; Meta: consent revoked) and
/// deletes their cookies; a consent starts them.
fn follow_stored_choice() {
    let Some(window) = web_sys::window() else { return };
    let storage = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        // `key` is null when another page cleared the whole storage.
        let key = js_sys::Reflect::get(&event, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        if key.as_deref().is_none_or(|key| key == record::STORAGE_KEY) {
            reread();
        }
    });
    let pageshow = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let restored = js_sys::Reflect::get(&event, &"persisted".into()).ok();
        if restored.and_then(|p| p.as_bool()) == Some(true) {
            reread();
        }
    });
    let _ = window.add_event_listener_with_callback("storage", storage.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("pageshow", pageshow.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    storage.forget();
    pageshow.forget();
}

fn reread() {
    let Some(changed) = with_state(|state| {
        if !state.storage_ok {
            // The choice holds for this page view only; nothing stored can change it.
            return None;
        }
        let (record, ask) = match record::status(storage::load(), now(), &state.revisions) {
            Status::Decided(stored) => (Some(stored), None),
            Status::Ask(reason) => (None, Some(reason)),
        };
        if record == state.record && ask == state.ask {
            return None;
        }
        let applied = record
            .as_ref()
            .map_or(Choices::NONE, |r| r.choices.effective(state.gpc));
        let previous = std::mem::replace(&mut state.applied, applied);
        state.record = record;
        state.ask = ask;
        state.message = None;
        Some((previous, applied))
    }) else {
        return;
    };
    if let Some((previous, applied)) = changed {
        if previous != applied {
            enforce(applied);
        }
        sync();
    }
}

/// Opens the settings view, its switches showing the choices in force (all off before a choice).
pub fn open_settings() {
    let dialog_open = by_id::<web_sys::HtmlDialogElement>(SETTINGS_ID).is_some_and(|d| d.open());
    // Escape closes the dialog at once, but its `close` event comes a task later: a press on the
    // settings button in between must open it again, so the dialog itself says whether it is open.
    if dialog_open || with_state(|state| state.settings_open = false).is_none() {
        return;
    }
    remember_focus();
    let Some((draft, gpc)) = with_state(|state| {
        state.settings_open = true;
        let draft = if state.record.is_some() {
            state.applied
        } else {
            Choices::NONE
        };
        (draft, state.gpc)
    }) else {
        return;
    };
    for &purpose in OPTIONAL {
        if let Some(input) = switch(purpose) {
            input.set_checked(draft.allows(purpose));
        }
    }
    for (index, service) in SERVICES.iter().enumerate() {
        if let Some(input) = service_switch(service) {
            input.set_checked(draft.allows_service(index));
        }
    }
    sync_switches(gpc);
    sync();
}

fn close_settings() {
    if with_state(|state| std::mem::replace(&mut state.settings_open, false)) == Some(true) {
        sync();
        restore_focus();
    }
}

fn switch(purpose: Purpose) -> Option<HtmlInputElement> {
    all(&attribute_selector(PURPOSE_ATTRIBUTE, purpose.key()))
        .into_iter()
        .next()?
        .dyn_into()
        .ok()
}

/// The switch of a single service, where its purpose has more than one (the head script keeps it
/// in step with its purpose's).
fn service_switch(service: &Service) -> Option<HtmlInputElement> {
    all(&attribute_selector(SERVICE_ATTRIBUTE, &service.id))
        .into_iter()
        .next()?
        .dyn_into()
        .ok()
}

/// The switches of the settings view, as choices: each purpose's, and the services switched off
/// inside it.
fn switches() -> Choices {
    let purposes = OPTIONAL.iter().copied().fold(Choices::NONE, |choices, purpose| {
        choices.with(purpose, switch(purpose).is_some_and(|input| input.checked()))
    });
    SERVICES
        .iter()
        .enumerate()
        .fold(purposes, |choices, (index, service)| {
            let off = service_switch(service).is_some_and(|input| !input.checked());
            choices.with_service(index, off)
        })
}

/// A purpose that needs another (marketing needs analytics) can be switched on only with it, and
/// marketing not at all under Global Privacy Control.
fn sync_switches(gpc: bool) {
    let on = switches();
    for &purpose in OPTIONAL {
        let Some(input) = switch(purpose) else { continue };
        let blocked = purpose.needs().is_some_and(|needed| !on.allows(needed))
            || (purpose == Purpose::Marketing && gpc);
        if blocked {
            input.set_checked(false);
        }
        input.set_disabled(blocked);
        // Its services' switches follow it.
        for service in SERVICES.iter().filter(|s| s.purpose == purpose) {
            if let Some(own) = service_switch(service) {
                if blocked {
                    own.set_checked(false);
                }
                own.set_disabled(blocked);
            }
        }
    }
    if gpc {
        // Marketing's switch and its services', described by the note that says why they are off.
        let services = SERVICES
            .iter()
            .filter(|s| s.purpose == Purpose::Marketing)
            .filter_map(service_switch);
        for input in switch(Purpose::Marketing).into_iter().chain(services) {
            let described = input.get_attribute("aria-describedby").unwrap_or_default();
            if !described.split(' ').any(|id| id == GPC_NOTE_ID) {
                let _ = input.set_attribute(
                    "aria-describedby",
                    &[described.as_str(), " ", GPC_NOTE_ID].concat(),
                );
            }
        }
    }
}

/// Stores and applies a choice, closes the banner and the settings view, and says so.
fn choose(choices: Choices) {
    // A change of a choice that holds keeps its id (so the company's log can tell a withdrawal
    // from a first refusal); a first choice, or one after the banner asked again, gets a new one.
    let id = with_state(|state| state.record.as_ref().map(|r| r.id.clone()))
        .flatten()
        .or_else(random_id);
    let Some((record, previous)) = with_state(|state| {
        let record = Record::new(
            id.clone().unwrap_or_default(),
            now(),
            choices,
            state.lang,
            state.gpc,
            state.revisions.get(state.lang).unwrap_or_default().to_owned(),
        );
        (record, state.applied)
    }) else {
        return;
    };
    let saved = id.is_some() && storage::save(&record);
    if !saved {
        // An older record must not outlive a choice that could not replace it (the page may be
        // loaded again without a plain script, and would read it).
        storage::remove();
    }
    if id.is_some() {
        send_to_log(&record);
    }
    let withdrawn = previous.withdraws(record.choices);
    let message = match (withdrawn, saved) {
        (true, _) => Message::Withdrawn,
        (false, true) => Message::Saved,
        (false, false) => Message::NotStored,
    };
    // Said again by the page view after it, if the gate loads the page again (a plain script
    // withdrawn).
    gate::message_after_reload(Some(message.attribute()));
    enforce(record.choices);
    gate::message_after_reload(None);
    with_state(|state| {
        state.applied = record.choices;
        state.storage_ok = saved;
        state.record = saved.then_some(record);
        state.ask = None;
        state.settings_open = false;
        state.announce.set(true);
        state.message = Some(message);
    });
    sync();
    restore_focus();
}

/// Sends the record to the company's consent log, when the site has one, with the page's path (no
/// query, no fragment). `sendBeacon` queues it and returns: the page never waits, and a log that
/// is down or refuses changes nothing here (the record is in the visitor's storage and receipt).
fn send_to_log(record: &Record) {
    let Some(Some(log)) = with_state(|state| state.log.clone()) else {
        return;
    };
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    if let Some(body) = portal_core::consent::log::beacon_json(&path, record) {
        let _ = window.navigator().send_beacon_with_opt_str(&log, Some(&body));
    }
}

/// The record's time as the page's language writes a date and time (the browser's `Intl`).
fn local_time(time: i64, lang: Lang) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    js_sys::Date::new(&JsValue::from_f64(time as f64))
        .to_locale_string(lang.locale(), &options)
        .into()
}

fn iso(time: i64) -> String {
    js_sys::Date::new(&JsValue::from_f64(time as f64))
        .to_iso_string()
        .into()
}

fn download_receipt() {
    let Some(Some(record)) = with_state(|state| state.record.clone()) else {
        return;
    };
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    // The page itself, without a query or fragment (which may carry campaign or other ids).
    let site = [
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
    ]
    .concat();
    let site = site.as_str();
    let texts =
        with_state(|state| [state.texts.as_str(), &record.revision, ".json"].concat()).unwrap_or_default();
    let texts = web_sys::Url::new_with_base(&texts, site)
        .map(|url| url.href())
        .unwrap_or(texts);
    let (time, until) = (iso(record.time), iso(record.expires().0));
    let receipt = Receipt {
        format: receipt::FORMAT,
        site,
        texts: &texts,
        time_utc: &time,
        valid_until_utc: &until,
        record: &record,
    };
    // Compact JSON from serde, indented by the browser for the person who opens the file.
    let Some(json) = serde_json_core::to_string::<_, 4096>(&receipt)
        .ok()
        .and_then(|compact| js_sys::JSON::parse(&compact).ok())
        .and_then(|value| {
            js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into()).ok()
        })
        .and_then(|text| text.as_string())
    else {
        return;
    };
    let _ = portal_dom::download(json.as_bytes(), &receipt::file_name(&record), "application/json");
}

/// Does what a button of the portal asks for.
pub fn act(action: Action) {
    match action {
        Action::AcceptAll => choose(Choices::ALL),
        Action::RejectAll => choose(Choices::NONE),
        Action::Save => choose(switches()),
        Action::Settings => open_settings(),
        Action::Close => close_settings(),
        Action::Receipt => download_receipt(),
    }
}

/// Clicks that came before the app was ready (the head script queued them): the last one counts.
/// The app's own listener answers the later ones once [`announce_ready`] has told the head script.
fn replay_early_clicks() {
    let Some(window) = web_sys::window() else { return };
    let last = js_sys::Reflect::get(&window, &EARLY_CLICKS.into())
        .ok()
        .and_then(|queue| queue.dyn_into::<js_sys::Array>().ok())
        .and_then(|queue| queue.pop().as_string());
    if let Some(action) = last.as_deref().and_then(Action::from_key) {
        act(action);
    }
}

/// Tells the head script that the app answers the buttons from now on: the last step of the app's
/// start, so that an app that fails before it leaves the buttons to the head script's fallback.
pub fn announce_ready() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &APP_READY.into(), &JsValue::TRUE);
    }
}

fn listen() {
    let Some(root) = document().and_then(|d| d.get_element_by_id(CONSENT_ROOT_ID)) else {
        return;
    };
    // `close` does not bubble: listen in the capture phase. It comes for Escape and for close(), a
    // task after the dialog closed; if the dialog has been opened again since, it is stale.
    let close = Closure::<dyn FnMut(web_sys::Event)>::new(|_: web_sys::Event| {
        let reopened = by_id::<web_sys::HtmlDialogElement>(SETTINGS_ID).is_some_and(|d| d.open());
        if !reopened {
            close_settings();
        }
    });
    let _ = root.add_event_listener_with_callback_and_bool("close", close.as_ref().unchecked_ref(), true);
    let change = Closure::<dyn FnMut(web_sys::Event)>::new(|_: web_sys::Event| {
        if let Some(gpc) = with_state(|state| state.gpc) {
            sync_switches(gpc);
        }
    });
    let _ = root.add_event_listener_with_callback("change", change.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    close.forget();
    change.forget();
}

/// Writes "allowed" or "not allowed" into the facts `selector` finds, each in its own words
/// (`data-allowed`, `data-refused`).
fn set_allowed(selector: &str, allowed: bool) {
    let attribute = if allowed {
        ALLOWED_TEXT_ATTRIBUTE
    } else {
        REFUSED_TEXT_ATTRIBUTE
    };
    for element in all(selector) {
        element.set_text_content(element.get_attribute(attribute).as_deref());
    }
}

fn set_text(fact: Fact, text: &str) {
    for element in all(&attribute_selector(FACT_ATTRIBUTE, fact.key())) {
        element.set_text_content(Some(text));
    }
}

/// Writes the state into the markup: what is shown, the facts, the status, the dialog.
fn sync() {
    STATE.with(|cell| {
        let state = cell.borrow();
        let Some(state) = state.as_ref() else { return };
        if let Some(html) = document().and_then(|d| d.document_element()) {
            let classes = html.class_list();
            let _ = classes.toggle_with_force(ASK_CLASS, state.ask.is_some());
            let _ = classes.toggle_with_force(GPC_CLASS, state.gpc);
            let _ = classes.toggle_with_force(NO_STORAGE_CLASS, !state.storage_ok);
            match state.ask {
                Some(reason) => {
                    if html.get_attribute(ASK_REASON_ATTRIBUTE).as_deref() != Some(reason.key()) {
                        let _ = html.set_attribute(ASK_REASON_ATTRIBUTE, reason.key());
                    }
                }
                None => {
                    let _ = html.remove_attribute(ASK_REASON_ATTRIBUTE);
                }
            }
        }
        for show in Show::ALL {
            let visible = match show {
                Show::Record => state.record.is_some(),
                Show::NoRecord => state.record.is_none(),
            };
            for element in all(&attribute_selector(SHOW_ATTRIBUTE, show.key())) {
                let _ = element.toggle_attribute_with_force("hidden", !visible);
            }
        }
        if let Some(record) = &state.record {
            set_text(Fact::SavedAt, &local_time(record.time, state.lang));
            set_text(Fact::ValidUntil, &local_time(record.expires().0, state.lang));
            set_text(Fact::Id, &record.id);
            for &purpose in OPTIONAL {
                let selector = attribute_selector(FACT_ATTRIBUTE, Fact::Choice(purpose).key());
                set_allowed(&selector, record.choices.allows(purpose));
            }
            for (index, service) in SERVICES.iter().enumerate() {
                let selector = attribute_selector(SERVICE_FACT_ATTRIBUTE, &service.id);
                set_allowed(&selector, record.choices.allows_service(index));
            }
        }
        if let Some(status) = by_id::<Element>(STATUS_ID) {
            let text = state.message.and_then(|m| status.get_attribute(m.attribute()));
            // A message the head script already shows is not written again (it would be announced
            // twice). The app's own are emptied first and filled a frame later, as the head
            // script's are: the same message again is announced again, and the box's fade
            // starts over (an element's new text does not restart its animation).
            if state.message.is_none() {
                status.set_text_content(None);
            } else if state.announce.replace(false) {
                status.set_text_content(None);
                if let Some(text) = text {
                    let fill = Closure::once(move || status.set_text_content(Some(&text)));
                    if let Some(window) = web_sys::window() {
                        let _ = window.request_animation_frame(fill.as_ref().unchecked_ref());
                    }
                    // Called once by the browser; the closure lives until then.
                    fill.forget();
                }
            }
        }
        if let Some(dialog) = by_id::<web_sys::HtmlDialogElement>(SETTINGS_ID) {
            if state.settings_open && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !state.settings_open && dialog.open() {
                dialog.close();
            }
        }
    });
}
