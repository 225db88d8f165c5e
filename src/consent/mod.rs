//! Cookie consent: Google Analytics only after an active choice, withdrawal that deletes.
//!
//! Pure: [`catalogue`] (what is stored, why, for how long), [`record`] (the stored choice, its
//! validity and revision), [`cookies`] (what deleting a cookie takes), [`gtag`] (what Google's tag
//! is told), [`receipt`] (what the visitor can download), `table` (the notice's cookie table,
//! at build time), `markup` (the banner's HTML, at build time). Browser glue (WebAssembly only):
//! `storage`, `gate`, `controller` (state and events of the banner).

pub mod catalogue;
pub mod cookies;
pub mod gtag;
#[cfg(not(target_arch = "wasm32"))]
pub mod markup;
pub mod receipt;
pub mod record;
#[cfg(not(target_arch = "wasm32"))]
pub mod table;

#[cfg(target_arch = "wasm32")]
pub mod controller;
#[cfg(target_arch = "wasm32")]
pub mod gate;
#[cfg(target_arch = "wasm32")]
pub mod storage;
