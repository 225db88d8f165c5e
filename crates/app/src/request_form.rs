//! Opens the request form: a separate WebAssembly module (src/request/form/), fetched on the first
//! "Tee pyyntö" / "Make a request" click or when the page is opened at `#pyynto`. Its files'
//! addresses (content-hashed, so a year's caching never serves an old form) are written by the
//! build on `#request-root`, relative to the page, so the site works under any public URL; the
//! head script's module loader fetches them.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use portal_core::request::right::Right;
use portal_core::vocabulary::{FormAsset, FORM_LOADING, LOAD_MODULE, REQUEST_ROOT_ID, STATUS_ID};

thread_local! {
    /// The form's module, loading or loaded (a failed load is forgotten, so a click retries).
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

fn load() -> Option<Promise> {
    if let Some(loading) = LOADING.with(|l| l.borrow().clone()) {
        return Some(loading);
    }
    let window = web_sys::window()?;
    // Started by the head script beside the app, when the press that opens the form loaded both.
    let started = Reflect::get(&window, &FORM_LOADING.into())
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let loading = match started {
        Some(started) => started,
        None => {
            let root = window.document()?.get_element_by_id(REQUEST_ROOT_ID)?;
            let module = root.get_attribute(FormAsset::Module.attribute())?;
            let wasm = root.get_attribute(FormAsset::Wasm.attribute())?;
            let loader: Function = Reflect::get(&window, &LOAD_MODULE.into()).ok()?.dyn_into().ok()?;
            loader
                .call2(&JsValue::UNDEFINED, &module.into(), &wasm.into())
                .ok()?
                .dyn_into()
                .ok()?
        }
    };
    let forget = Closure::once(|error: JsValue| {
        LOADING.with(|l| *l.borrow_mut() = None);
        if let Some(window) = web_sys::window() {
            let _ = Reflect::set(&window, &FORM_LOADING.into(), &JsValue::NULL);
        }
        // The page's own fallback (how to send a request without the form) stays in view.
        web_sys::console::warn_2(&"request form unavailable:".into(), &error);
    });
    let loading = loading.catch(&forget);
    // Called at most once; the promise keeps it until then.
    forget.forget();
    LOADING.with(|l| *l.borrow_mut() = Some(loading.clone()));
    Some(loading)
}

/// Loads the form if needed and opens it with `right` ticked. The consent status message (a
/// fixed box at the bottom of the screen) is taken away first: it would cover the form.
pub fn open(right: Option<Right>) {
    // Nothing is measured while a customer writes a request. A page loaded again for it (a plain
    // script ran) opens the form itself.
    if crate::consent::gate::pause() {
        // The form opens in the next page view, with the link's right ticked.
        if let (Some(right), Some(Ok(Some(session)))) =
            (right, web_sys::window().map(|w| w.session_storage()))
        {
            let _ = session.set_item(portal_core::vocabulary::RELOAD_RIGHT_KEY, right.key());
        }
        return;
    }
    if let Some(status) = portal_dom::document().and_then(|d| d.get_element_by_id(STATUS_ID)) {
        status.set_text_content(None);
    }
    let Some(loading) = load() else { return };
    let key = right.map_or("", Right::key);
    let open = Closure::once(move |form: JsValue| {
        if let Some(open) = Reflect::get(&form, &"open".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        {
            let _ = open.call1(&form, &key.into());
        }
    });
    let _ = loading.then(&open);
    open.forget();
}
