//! The privacy notice's shared names and the pure part of the table of contents that follows the
//! reader. Its front matter and rendering are the site build's (`site_build::notice`); the
//! browser glue is the app's (`portal_app::enhance`).

/// The id of the notice's cookie section: the banner links to it, the cookie table goes into it.
pub const COOKIE_SECTION_ID: &str = "evasteet";
/// The id of the cookie table's heading in that section: the banner's "read more" link goes there,
/// because the section's own text (the controller's, from 2020) is what the table corrects.
pub const COOKIE_TABLE_ID: &str = "sivustolla-kaytettavat-evasteet";
/// From this width the contents list stands open beside the notice (style/layout.css uses the
/// same query; below it the list starts folded).
pub const WIDE_SCREEN_QUERY: &str = "(min-width: 60rem)";

pub mod toc;
