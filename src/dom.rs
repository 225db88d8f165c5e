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
        .closest(&format!("[{attribute}]"))
        .ok()
        .flatten()?
        .get_attribute(attribute)
}
