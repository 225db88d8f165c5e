//! The consent record in `localStorage`, as the compact JSON of `Record::to_json`.
//!
//! The `localStorage` getter throws when the browser blocks storage (some private modes, blocked
//! site data), and `setItem` throws when storage is full: both mean "no storage", never a panic.
//! The banner then asks, and the choice holds for this page view.
//!
//! (gloo-storage was the plan; it stores through serde_json, which measured +50 KB raw / +21 KB
//! brotli on a first load budgeted at 60 KB in all. See `crate::json`.)

use super::record::{Record, Stored, STORAGE_KEY};
use crate::dom::local_storage;

/// Whether the page may use `localStorage`.
pub fn available() -> bool {
    local_storage().is_some()
}

/// What is stored under the record's key.
pub fn load() -> Stored {
    match local_storage().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten()) {
        None => Stored::Nothing,
        Some(text) => Stored::from_text(&text),
    }
}

/// Stores the record; `false` if the browser refused (the choice then holds for this page view).
pub fn save(record: &Record) -> bool {
    local_storage().is_some_and(|storage| {
        storage
            .set_item(STORAGE_KEY, &record.to_json().to_compact())
            .is_ok()
    })
}
