//! Cookie consent at build time: `markup` (the banner's HTML), `table` (the cookie tables),
//! `revision` (what the banner shows, hashed and published), `first_paint` (the head script that
//! shows the banner before the first paint). The pure part is the core's (`portal_core::consent`).

pub mod first_paint;
pub mod markup;
pub mod revision;
pub mod table;
