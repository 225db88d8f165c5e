//! The banner in the browser: holds this page view's consent state, applies it (gate, storage),
//! and shows it in the build-time markup (`consent::markup`). One click listener and one
//! `close` listener on `#consent-root` serve both languages' markup, since the language switch
//! swaps the markup under them; after a swap, [`set_lang`] writes the state into the new markup.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::catalogue::Purpose;
use super::gate;
use super::receipt::receipt_json;
use super::record::{self, Ask, Choices, Record, Status};
use super::storage;
use crate::date::Instant;
use crate::dom::{document, elements};
use crate::i18n::Lang;

/// What the live region says after the last action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Message {
    None,
    Saved,
    Withdrawn,
    SavedForThisPageOnly,
}

struct State {
    lang: Lang,
    gpc: bool,
    /// The first layer is shown: no valid choice yet.
    banner_open: bool,
    settings_open: bool,
    /// The choices in force in this page view.
    applied: Choices,
    record: Option<Record>,
    /// Why the first layer asks, when the visitor should be told (changed text, expiry).
    ask: Option<Ask>,
    storage_ok: bool,
    message: Message,
}

/// The class on `<html>` that shows the first layer (first-paint.js sets it before the app runs).
const ASK_CLASS: &str = "consent-ask";

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    /// Where focus was before the banner or the settings took it.
    static RETURN_FOCUS: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
}

fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    STATE.with(|cell| cell.borrow_mut().as_mut().map(f))
}

fn root() -> Option<Element> {
    document()?.get_element_by_id("consent-root")
}

/// The elements of the banner's markup that match `selector`.
fn all(selector: &str) -> Vec<Element> {
    elements(root().and_then(|r| r.query_selector_all(selector).ok()))
}

fn now() -> Instant {
    Instant(js_sys::Date::now() as i64)
}

/// 128 random bits in hex, from the browser's cryptographic generator.
fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    crate::sha256::hex(&bytes)
}

fn remember_focus() {
    let active = document()
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.tag_name() != "BODY");
    RETURN_FOCUS.with(|cell| *cell.borrow_mut() = active);
}

fn restore_focus() {
    if let Some(element) = RETURN_FOCUS.with(|cell| cell.borrow_mut().take()) {
        if element.is_connected() {
            let _ = element.focus();
        }
    }
}

/// Applies `choices` to Google's tag and deletes the cookies of every refused purpose.
fn enforce(choices: Choices) {
    gate::apply(choices);
    let refused: Vec<Purpose> = Purpose::OPTIONAL
        .into_iter()
        .filter(|p| !choices.allows(*p))
        .collect();
    gate::delete_cookies(&refused);
}

/// Reads the stored choice and applies it, or shows the first layer. Returns whether it asks.
pub fn start(lang: Lang) -> bool {
    let gpc = gate::global_privacy_control();
    let mut state = State {
        lang,
        gpc,
        banner_open: false,
        settings_open: false,
        applied: Choices::NONE,
        record: None,
        ask: None,
        storage_ok: storage::available(),
        message: Message::None,
    };
    match record::status(storage::load(), now()) {
        Status::Decided(stored) => {
            state.applied = stored.choices.under_gpc(gpc);
            state.record = Some(stored);
        }
        Status::Ask(reason) => {
            state.ask = matches!(reason, Ask::Changed | Ask::Expired).then_some(reason);
            state.banner_open = true;
        }
    }
    // Without a valid choice this denies everything and deletes leftovers of an old one.
    enforce(state.applied);
    let asks = state.banner_open;
    STATE.with(|cell| *cell.borrow_mut() = Some(state));
    listen();
    sync();
    replay_early_clicks();
    if asks {
        remember_focus();
        if let Some(banner) = document()
            .and_then(|d| d.get_element_by_id("consent-banner"))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            // Without scrolling: a deep link keeps its place, the banner is in view anyway.
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = banner.focus_with_options(&options);
        }
    }
    asks
}

/// The page now shows `lang` (its markup was swapped): write the state into it.
pub fn set_lang(lang: Lang) {
    if with_state(|state| state.lang = lang).is_some() {
        sync();
    }
}

/// Opens the settings view, its switches showing the choices in force (all off before a choice).
pub fn open_settings() {
    remember_focus();
    if with_state(|state| state.settings_open).unwrap_or(true) {
        return;
    }
    let Some(draft) = with_state(|state| {
        state.settings_open = true;
        if state.record.is_some() {
            state.applied
        } else {
            Choices::NONE
        }
    }) else {
        return;
    };
    for switch in all("[data-consent-purpose]") {
        let purpose = Purpose::OPTIONAL
            .into_iter()
            .find(|p| switch.get_attribute("data-consent-purpose").as_deref() == Some(p.key()));
        if let (Some(purpose), Ok(input)) = (purpose, switch.dyn_into::<web_sys::HtmlInputElement>()) {
            input.set_checked(draft.allows(purpose));
        }
    }
    sync();
}

fn close_settings() {
    if with_state(|state| std::mem::replace(&mut state.settings_open, false)) == Some(true) {
        sync();
        restore_focus();
    }
}

/// The switches of the settings view, as choices.
fn switches() -> Choices {
    all("[data-consent-purpose]")
        .into_iter()
        .fold(Choices::NONE, |choices, switch| {
            let on = switch
                .clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .is_ok_and(|input| input.checked());
            let key = switch.get_attribute("data-consent-purpose").unwrap_or_default();
            match Purpose::OPTIONAL.into_iter().find(|p| p.key() == key) {
                Some(purpose) => choices.with(purpose, on),
                None => choices,
            }
        })
}

/// Stores and applies a choice, closes the banner and the settings view, and says so.
fn choose(choices: Choices) {
    let Some((record, previous)) = with_state(|state| {
        let choices = choices.under_gpc(state.gpc);
        (
            Record::new(random_id(), now(), choices, state.lang, state.gpc),
            state.applied,
        )
    }) else {
        return;
    };
    let saved = storage::save(&record);
    let withdrawn = !previous.withdrawn_in(record.choices).is_empty();
    enforce(record.choices);
    with_state(|state| {
        state.applied = record.choices;
        state.record = Some(record);
        state.storage_ok = saved;
        state.ask = None;
        state.banner_open = false;
        state.settings_open = false;
        state.message = match (withdrawn, saved) {
            (true, _) => Message::Withdrawn,
            (false, true) => Message::Saved,
            (false, false) => Message::SavedForThisPageOnly,
        };
    });
    sync();
    restore_focus();
}

fn download_receipt() {
    let Some(Some(record)) = with_state(|state| state.record.clone()) else {
        return;
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let name = format!(
        "safrent-evastevalinta-{}.json",
        &record.id[..record.id.len().min(8)]
    );
    let _ = crate::dom::download(
        receipt_json(&record, &origin).as_bytes(),
        &name,
        "application/json",
    );
}

fn on_click(event: web_sys::Event) {
    match crate::dom::action(&event, "data-consent-action").as_deref() {
        Some("accept-all") => choose(Choices::ALL),
        Some("reject-all") => choose(Choices::NONE),
        Some("save") => choose(switches()),
        Some("settings") => open_settings(),
        Some("close") => close_settings(),
        Some("receipt") => download_receipt(),
        _ => {}
    }
}

/// Clicks on the banner that came before the app was ready (first-paint.js queued them): the last
/// one counts. From now on the app's own listener answers.
fn replay_early_clicks() {
    let Some(window) = web_sys::window() else { return };
    let _ = js_sys::Reflect::set(&window, &"__consentReady".into(), &JsValue::TRUE);
    let queue = js_sys::Reflect::get(&window, &"__consentQueue".into()).ok();
    let last = queue
        .and_then(|q| q.dyn_into::<js_sys::Array>().ok())
        .and_then(|q| q.pop().as_string());
    match last.as_deref() {
        Some("accept-all") => choose(Choices::ALL),
        Some("reject-all") => choose(Choices::NONE),
        Some("settings") => open_settings(),
        _ => {}
    }
}

fn listen() {
    let Some(root) = root() else { return };
    let click = Closure::<dyn FnMut(web_sys::Event)>::new(on_click);
    let _ = root.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    // `close` does not bubble: listen in the capture phase. It comes for Escape and for close().
    let close = Closure::<dyn FnMut(web_sys::Event)>::new(|_: web_sys::Event| close_settings());
    let _ = root.add_event_listener_with_callback_and_bool("close", close.as_ref().unchecked_ref(), true);
    // The listeners live as long as the page.
    click.forget();
    close.forget();
}

fn when(instant: Instant, lang: Lang) -> String {
    let iso = instant.iso_utc();
    let time = &iso[11..16];
    match lang {
        Lang::Fi => format!(
            "{} klo {} (UTC)",
            instant.date().display(lang),
            time.replace(':', ".")
        ),
        Lang::En => format!("{} at {} (UTC)", instant.date().display(lang), time),
    }
}

fn set_text(fact: &str, text: &str) {
    for element in all(&format!("[data-consent-fact=\"{fact}\"]")) {
        element.set_text_content(Some(text));
    }
}

/// Writes the state into the markup: what is shown, the facts, the status, the dialog.
fn sync() {
    STATE.with(|cell| {
        let state = cell.borrow();
        let Some(state) = state.as_ref() else { return };
        let s = state.lang.strings();
        if let Some(html) = document().and_then(|d| d.document_element()) {
            let _ = html.class_list().toggle_with_force(ASK_CLASS, state.banner_open);
        }
        for element in all("[data-consent-show]") {
            let show = match element.get_attribute("data-consent-show").as_deref() {
                Some("changed") => state.ask == Some(Ask::Changed),
                Some("expired") => state.ask == Some(Ask::Expired),
                Some("gpc") => state.gpc,
                Some("no-storage") => !state.storage_ok,
                Some("record") => state.record.is_some(),
                Some("no-record") => state.record.is_none(),
                _ => true,
            };
            let _ = element.toggle_attribute_with_force("hidden", !show);
        }
        if state.gpc {
            for switch in all("[data-consent-purpose=\"marketing\"]") {
                let _ = switch.set_attribute("disabled", "");
                let _ = switch.set_attribute(
                    "aria-describedby",
                    "consent-marketing-description consent-gpc-note",
                );
            }
        }
        if let Some(record) = &state.record {
            set_text("saved", &when(Instant(record.time), state.lang));
            set_text("valid-until", &when(record.expires(), state.lang));
            set_text("id", &record.id);
            let summary: Vec<String> = Purpose::OPTIONAL
                .into_iter()
                .map(|p| {
                    let word = if record.choices.allows(p) {
                        s.allowed
                    } else {
                        s.refused
                    };
                    format!("{}: {word}", p.name().get(state.lang))
                })
                .collect();
            set_text("summary", &summary.join(", "));
        }
        set_text(
            "status",
            match state.message {
                Message::None => "",
                Message::Saved => s.choice_saved,
                Message::Withdrawn => s.consent_withdrawn,
                Message::SavedForThisPageOnly => s.storage_unavailable,
            },
        );
        if let Some(dialog) = document()
            .and_then(|d| d.get_element_by_id("consent-settings"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok())
        {
            if state.settings_open && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !state.settings_open && dialog.open() {
                dialog.close();
            }
        }
    });
}
