//! Small DOM helpers shared by the browser glue (WebAssembly only).

use wasm_bindgen::JsCast;
use web_sys::Element;

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
