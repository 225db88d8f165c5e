//! The privacy notice: its front matter, its rendering to HTML at build time, and in the browser
//! the language switch and the table of contents that follows the reader.

/// The id of the notice's cookie section: the banner links to it, the cookie table goes into it.
pub const COOKIE_SECTION_ID: &str = "evasteet";
/// The id of the cookie table's heading in that section: the banner's "read more" link goes there,
/// because the section's own text (the controller's, from 2020) is what the table corrects.
pub const COOKIE_TABLE_ID: &str = "sivustolla-kaytettavat-evasteet";
/// From this width the contents list stands open beside the notice (style/layout.css uses the
/// same query; below it the list starts folded).
pub const WIDE_SCREEN_QUERY: &str = "(min-width: 60rem)";

pub mod front_matter;
pub mod slug;
pub mod toc;

#[cfg(not(target_arch = "wasm32"))]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod enhance;
