//! Cookie consent: Google Analytics only after an active choice, withdrawal that deletes.
//!
//! Pure: [`catalogue`] (what is stored, why, for how long), [`record`] (the stored choice and
//! whether it holds), [`cookies`] (what deleting a cookie takes), [`gtag`] (what Google's tag is
//! told), [`receipt`] (what the visitor can download). At build time: `markup` (the banner's
//! HTML), `table` (the cookie tables), `revision` (what the banner shows, hashed and published),
//! `first_paint` (the head script that shows the banner before the first paint). Browser glue
//! (WebAssembly only): `storage`, `gate`, `controller` (state and events of the banner).

pub mod catalogue;
pub mod cookies;
#[cfg(not(target_arch = "wasm32"))]
pub mod first_paint;
pub mod gtag;
#[cfg(not(target_arch = "wasm32"))]
pub mod markup;
pub mod receipt;
pub mod record;
#[cfg(not(target_arch = "wasm32"))]
pub mod revision;
#[cfg(not(target_arch = "wasm32"))]
pub mod table;

#[cfg(target_arch = "wasm32")]
pub mod controller;
#[cfg(target_arch = "wasm32")]
pub mod gate;
#[cfg(target_arch = "wasm32")]
pub mod storage;
