//! The form's browser glue: fetching, downloading a file, randomness, focus, the page language.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Document, HtmlAnchorElement, HtmlElement, Url};

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

/// Offers `bytes` as a file download named `name`; nothing leaves the browser.
pub fn download(bytes: &[u8], name: &str, mime: &str) -> Option<()> {
    let document = crate::dom::document()?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let link: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Let the download start before the URL goes.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
        .ok()?;
    Some(())
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

/// The page's language, from `<html lang>` (the app's language switch sets it).
pub fn page_lang(document: &Document) -> Lang {
    document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| code.parse().ok())
        .unwrap_or_default()
}

/// Calls `on_change` whenever the page's language changes.
pub fn follow_page_lang(document: &Document, on_change: impl Fn(Lang) + 'static) {
    let Some(html) = document.document_element() else {
        return;
    };
    let watched = document.clone();
    let callback = Closure::<dyn Fn()>::new(move || on_change(page_lang(&watched)));
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
