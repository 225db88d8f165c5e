//! The form's browser glue: fetching, randomness, focus, its stylesheet, following the page
//! language, the local date. (Downloads and `<html lang>` are `crate::dom`'s, shared with the app.)

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, HtmlElement};

use crate::i18n::Lang;

/// The bytes at `url` (same origin), or `None` on any failure.
pub async fn fetch_bytes(url: &str) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// Five random bytes for the reference code.
pub fn random_bytes() -> [u8; 5] {
    let mut bytes = [0u8; 5];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}

/// Focuses the element with `id` after the current render (headings have `tabindex="-1"`).
pub fn focus_later(id: &'static str) {
    let focus = Closure::once_into_js(move || {
        if let Some(element) = crate::dom::document()
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(focus.unchecked_ref());
    }
}

/// Adds the form's stylesheet (a file: the CSP allows no inline style).
pub fn add_stylesheet(document: &Document, href: &str) {
    let Ok(link) = document.create_element("link") else {
        return;
    };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    if let Some(head) = document.head() {
        let _ = head.append_child(&link);
    }
}

/// Calls `on_change` whenever the page's language changes.
pub fn follow_page_lang(document: &Document, on_change: impl Fn(Lang) + 'static) {
    let Some(html) = document.document_element() else {
        return;
    };
    let watched = document.clone();
    let callback = Closure::<dyn Fn()>::new(move || on_change(crate::dom::page_lang(&watched)));
    if let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) {
        let options = web_sys::MutationObserverInit::new();
        options.set_attribute_filter(&Array::of1(&"lang".into()));
        let _ = observer.observe_with_options(&html, &options);
    }
    callback.forget();
}

/// The current time in milliseconds since the epoch, and the local date.
pub fn now() -> (crate::date::Instant, crate::date::Date) {
    let now = js_sys::Date::new_0();
    let instant = crate::date::Instant(now.get_time() as i64);
    let local = crate::date::Date::new(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| instant.date());
    (instant, local)
}
