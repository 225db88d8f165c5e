//! Cookie consent in the browser: thin glue around the core's pure part (`portal_core::consent`).
//! `storage` (localStorage), `gate` (Google's tag and its cookies), `controller` (state and events
//! of the banner).

pub mod controller;
pub mod gate;
pub mod storage;
