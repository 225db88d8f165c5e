//! The register in this browser's local storage (gloo-storage), as the CSV it is exported as:
//! one format for both, and nothing in it but references, dates, rights and statuses.

use gloo_storage::{LocalStorage, Storage};
use portal_desk::register::Register;

/// The storage key (this browser, this site's origin).
pub const REGISTER_KEY: &str = "privacy-portal.desk.register";

/// The register saved in this browser, and whether part of it could not be read (storage that
/// throws reads as empty, without a problem: the save then says so).
pub fn load() -> (Register, bool) {
    match LocalStorage::get::<String>(REGISTER_KEY) {
        Ok(csv) => {
            let (register, errors) = Register::from_csv(csv.as_bytes());
            (register, !errors.is_empty())
        }
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => (Register::new(), false),
        Err(_) => (Register::new(), true),
    }
}

/// Saves `register`; false if the browser refused (full, blocked, private mode).
pub fn save(register: &Register) -> bool {
    LocalStorage::set(REGISTER_KEY, register.to_csv()).is_ok()
}
