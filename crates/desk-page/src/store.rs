//! The register in this browser's local storage (gloo-storage), as the CSV it is exported as:
//! one format for both, and nothing in it but references, dates, rights and statuses.
//!
//! Storage may be missing (blocked site data: reading `window.localStorage` throws, which
//! gloo-storage does not catch), full, or hold a register this desk cannot read in full. The
//! desk then says so and keeps what it shows; a stored register that was read only in part is
//! first copied, as it was, to [`BACKUP_KEY`], so the next save cannot lose its unread rows.

use gloo_storage::{LocalStorage, Storage};
use portal_desk::register::Register;

/// The storage key (this browser, this site's origin).
pub const REGISTER_KEY: &str = "privacy-portal.desk.register";

/// Where a register read only in part is kept as it was.
pub const BACKUP_KEY: &str = "privacy-portal.desk.register.unread";

/// What the desk found in storage.
pub enum Loaded {
    /// The register (empty if none was saved).
    Read(Register),
    /// Part of the stored register could not be read: what could (the whole was copied to
    /// [`BACKUP_KEY`] first).
    Partly(Register),
    /// The browser gives the desk no storage.
    Unavailable,
}

/// Whether the browser gives the page local storage at all (without throwing).
fn available() -> bool {
    portal_dom::local_storage().is_some()
}

/// The register saved in this browser.
pub fn load() -> Loaded {
    if !available() {
        return Loaded::Unavailable;
    }
    match LocalStorage::get::<String>(REGISTER_KEY) {
        Ok(csv) => read(&csv),
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Loaded::Read(Register::new()),
        // Not a JSON string: keep the raw value aside.
        Err(_) => {
            let raw = portal_dom::local_storage()
                .and_then(|s| s.get_item(REGISTER_KEY).ok().flatten())
                .unwrap_or_default();
            backup(&raw);
            Loaded::Partly(Register::new())
        }
    }
}

/// The register `csv` holds, backed up first if it cannot be read in full.
pub fn read(csv: &str) -> Loaded {
    let (register, errors) = Register::from_csv(csv.as_bytes());
    if errors.is_empty() {
        Loaded::Read(register)
    } else {
        backup(csv);
        Loaded::Partly(register)
    }
}

fn backup(raw: &str) {
    let Some(storage) = portal_dom::local_storage() else {
        return;
    };
    // An older backup is kept: it is the first copy of what could not be read.
    if storage.get_item(BACKUP_KEY).ok().flatten().is_none() {
        let _ = storage.set_item(BACKUP_KEY, raw);
    }
}

/// Saves `register`; false if the browser refused (no storage, full, private mode).
pub fn save(register: &Register) -> bool {
    available() && LocalStorage::set(REGISTER_KEY, register.to_csv()).is_ok()
}
