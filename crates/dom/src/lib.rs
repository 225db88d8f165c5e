//! Small DOM helpers shared by the browser glue (WebAssembly only).

use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList};

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// `localStorage`, if the browser lets the page use it: its getter throws when storage is
/// blocked (some private modes, blocked site data), which counts as "no storage".
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The elements of a `querySelectorAll` result (`document.query_selector_all(…).ok()`, or an
/// element's); none if the query failed.
pub fn elements(list: Option<NodeList>) -> Vec<Element> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|index| list.item(index)?.dyn_into::<Element>().ok())
        .collect()
}

/// The value of `attribute` on the element an event came from, or on its nearest ancestor that
/// has it: which action a click on a `<button data-…-action="…">` (or on its text) asks for.
pub fn action(event: &web_sys::Event, attribute: &str) -> Option<String> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(&["[", attribute, "]"].concat())
        .ok()
        .flatten()?
        .get_attribute(attribute)
}

/// `[attribute="value"]`, built without the formatting machinery (the first load's budget).
pub fn attribute_selector(attribute: &str, value: &str) -> String {
    ["[", attribute, "=\"", value, "\"]"].concat()
}

/// The page's language, from `<html lang>` (each language is a page of its own).
pub fn page_lang(document: &web_sys::Document) -> portal_core::i18n::Lang {
    document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| code.parse().ok())
        .unwrap_or_default()
}

/// Offers `bytes` as a file download named `file_name`: a blob URL, no request leaves the
/// browser. The URL is revoked a minute later, once the download has surely started.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Option<()> {
    use wasm_bindgen::closure::Closure;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link: web_sys::HtmlAnchorElement = document()?.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
        .ok()?;
    Some(())
}

/// In debug builds, panics go to the console with their message (release builds abort).
pub fn report_panics_in_debug() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
}

/// The bytes at `url` (same origin), or `None` on any failure.
pub async fn fetch_bytes(url: &str) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().ok()?)
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Settles after the page has painted its next frame (a task queued from the frame's
/// `requestAnimationFrame`, which runs just before the paint).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(after_paint.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The current time in milliseconds since the epoch, and the local date.
pub fn now() -> (portal_core::date::Instant, portal_core::date::Date) {
    let now = js_sys::Date::new_0();
    let instant = portal_core::date::Instant(now.get_time() as i64);
    let local = portal_core::date::Date::new(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| instant.date());
    (instant, local)
}
