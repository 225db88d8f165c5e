//! The app in the browser: it enhances the page the server sent. The page already holds every
//! text and button of its language; the head script has already decided whether the banner
//! shows, and answers a choice made before the app is loaded (it loads the app only when the page
//! needs it: `first-paint.js`). The app takes over consent, answers the buttons, marks the
//! section being read and keeps the language switch on it, and loads the request form when asked.
//!
//! Plain web-sys rather than Leptos: with the whole page rendered at build time there is no view
//! left to build here, and Leptos' runtime measured 38 KB raw / 13 KB brotli against a first load
//! budgeted at 40 KB. (Leptos is for the request form, loaded when the form opens.)

pub mod consent;
pub mod enhance;
mod request_form;

/// The WebAssembly module's allocator: talc, smaller than the default dlmalloc (single-threaded
/// WebAssembly; see README.md, "Toolchain").
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::consent::controller;
use portal_core::request::right::Right;
use portal_core::vocabulary::{
    Action, ACTION_ATTRIBUTE, EARLY_REQUEST, RELOAD_RIGHT_KEY, REQUEST_RIGHT_ATTRIBUTE,
};

/// Starts the app. Called once by `main`.
pub fn start() {
    portal_dom::report_panics_in_debug();
    let Some(document) = portal_dom::document() else {
        return;
    };
    listen(&document);
    let hash = document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let form_shown = hash.strip_prefix('#') == Some(portal_core::request::SECTION_ID);
    if form_shown {
        // Opened at the form: this page view is not measured at all (no page view of the form).
        let _ = consent::gate::pause();
    }
    // Consent first: it decides which services may load in this page view.
    controller::start(portal_dom::page_lang(&document));
    enhance::track_current_section(&document);
    if form_shown {
        // With the right of the "Tee pyyntö" link that loaded the app, if one did.
        request_form::open(early_request());
    }
    // Last: until now, the head script answers the buttons if the start fails.
    controller::announce_ready();
}

/// The right of a "Tee pyyntö" link pressed before the app was loaded (the head script kept it),
/// or in the page view before this one, which was loaded again for the form (a plain script
/// ran there; the gate kept it in `sessionStorage`, read once).
fn early_request() -> Option<Right> {
    let window = web_sys::window()?;
    let kept = window.session_storage().ok().flatten().and_then(|session| {
        let right = session.get_item(RELOAD_RIGHT_KEY).ok().flatten();
        let _ = session.remove_item(RELOAD_RIGHT_KEY);
        right
    });
    let right = js_sys::Reflect::get(&window, &EARLY_REQUEST.into())
        .ok()
        .and_then(|right| right.as_string())
        .or(kept)?;
    Right::from_key(&right)
}

/// One click listener for every button of the portal and the "Tee pyyntö" links.
fn listen(document: &web_sys::Document) {
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        // "Tee pyyntö" links: the browser follows them to #pyynto; the form opens there.
        if let Some(right) = portal_dom::action(&event, REQUEST_RIGHT_ATTRIBUTE) {
            request_form::open(Right::from_key(&right));
            return;
        }
        if let Some(action) = portal_dom::action(&event, ACTION_ATTRIBUTE)
            .as_deref()
            .and_then(Action::from_key)
        {
            controller::act(action);
        }
    });
    let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_click.forget();
}
