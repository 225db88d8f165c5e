//! The privacy notice: its front matter, its rendering to HTML at build time, and in the browser
//! the language switch and the table of contents that follows the reader.

/// The id of the notice's cookie section: the banner links to it, the cookie table goes into it.
pub const COOKIE_SECTION_ID: &str = "evasteet";

pub mod front_matter;
pub mod slug;
pub mod toc;

#[cfg(not(target_arch = "wasm32"))]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod enhance;
