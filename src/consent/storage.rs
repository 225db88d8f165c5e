//! The consent record in `localStorage`: the browser's own `JSON` parses and writes the text, and
//! serde (through `serde-wasm-bindgen`) turns it into the record's types, so the WebAssembly
//! carries no JSON parser.
//!
//! The `localStorage` getter throws when the browser blocks storage (some private modes, blocked
//! site data), and `setItem` throws when storage is full: both mean "no storage", never a panic.
//! The banner then asks, and the choice holds for this page view.
//!
//! (gloo-storage would do the same through serde_json: measured +50 KB raw / +21 KB brotli on a
//! first load budgeted at 40 KB in all; see README.md, "Toolchain".)

use super::record::{Record, Stored, Versioned, STORAGE_KEY};
use crate::dom::local_storage;

/// Whether the page may use `localStorage`.
pub fn available() -> bool {
    local_storage().is_some()
}

/// What is stored under the record's key.
pub fn load() -> Stored {
    let Some(text) = local_storage().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten()) else {
        return Stored::Nothing;
    };
    let Ok(value) = js_sys::JSON::parse(&text) else {
        return Stored::Garbage;
    };
    Stored::classify(serde_wasm_bindgen::from_value::<Versioned>(value.clone()), || {
        serde_wasm_bindgen::from_value::<Record>(value)
    })
}

/// Stores the record; `false` if the browser refused (the choice then holds for this page view).
pub fn save(record: &Record) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    let Some(text) = serde_wasm_bindgen::to_value(record)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
    else {
        return false;
    };
    storage.set_item(STORAGE_KEY, &text).is_ok()
}
