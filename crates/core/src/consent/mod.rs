//! Cookie consent: a service loads only after an active choice, withdrawal stops it and deletes.
//!
//! Pure: [`catalogue`] (what is stored, why, for how long), [`record`] (the stored choice and
//! whether it holds), [`cookies`] (what deleting a cookie takes), [`gtag`] (what Google's tag is
//! told), [`matomo`] (what Matomo's tracker is told), [`meta`] (what Meta's pixel
//! is told), both as [`command`]s, [`receipt`] (what the visitor can download), [`log`] (what the page sends to the company's
//! consent log, and what the log accepts). At build time (`site_build::consent`):
//! `markup` (the banner's HTML), `table` (the cookie tables), `revision` (what the banner shows,
//! hashed and published), `first_paint` (the head script that shows the banner before the first
//! paint). Browser glue (`portal_app::consent`): `storage`, `gate`, `controller`.

pub mod catalogue;
pub mod command;
pub mod cookies;
pub mod gtag;
pub mod log;
pub mod matomo;
pub mod meta;
pub mod receipt;
pub mod record;
