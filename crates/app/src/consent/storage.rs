//! The consent record in `localStorage`, read and written as its canonical JSON
//! (`record::read`, `record::to_json`).
//!
//! The `localStorage` getter throws when the browser blocks storage (some private modes, blocked
//! site data), and `setItem` throws when storage is full: both mean "no storage", never a panic.
//! The banner then asks, and the choice holds for this page view.
//!
//! (gloo-storage would do the same through serde_json: measured in README.md, "Toolchain", and
//! left out for the first load's budget.)

use portal_core::consent::record::{self, Record, Stored, STORAGE_KEY};
use portal_dom::local_storage;

/// Whether the page may use `localStorage`.
pub fn available() -> bool {
    local_storage().is_some()
}

/// What is stored under the record's key.
pub fn load() -> Stored {
    match local_storage().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten()) {
        None => Stored::Nothing,
        Some(text) => record::read(&text),
    }
}

/// Deletes the stored record (one that expired: the cookie table says how long it is kept).
pub fn remove() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Stores the record; `false` if the browser refused (the choice then holds for this page view).
pub fn save(record: &Record) -> bool {
    match (local_storage(), record::to_json(record)) {
        (Some(storage), Some(text)) => storage.set_item(STORAGE_KEY, &text).is_ok(),
        _ => false,
    }
}
