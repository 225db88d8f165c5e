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

use wasm_bindgen::JsValue;

use super::record::{Record, Stored, Versioned, CHOICE_KEYS, RECORD_KEYS, STORAGE_KEY};
use crate::dom::local_storage;

/// Whether `value` is an object with exactly `keys`. serde-wasm-bindgen reads a struct's fields
/// by name and never sees others, so `deny_unknown_fields` needs this check in the browser (the
/// head script makes the same one).
fn has_exactly(value: &JsValue, keys: &[&str]) -> bool {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return false;
    }
    let own = js_sys::Object::keys(&js_sys::Object::from(value.clone()));
    own.length() as usize == keys.len() && keys.iter().all(|key| own.includes(&JsValue::from_str(key), 0))
}

/// Whether a parsed record has the stored shape: exactly its keys, and exactly those of its choices.
fn well_formed(value: &JsValue) -> bool {
    has_exactly(value, &RECORD_KEYS)
        && js_sys::Reflect::get(value, &"choices".into())
            .is_ok_and(|choices| has_exactly(&choices, &CHOICE_KEYS))
}

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
        if well_formed(&value) {
            serde_wasm_bindgen::from_value::<Record>(value).map_err(|e| e.to_string())
        } else {
            Err("not the stored shape".to_owned())
        }
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
