//! The privacy notice at build time: its front matter, slugs and rendering to HTML. The names
//! the page and the app share (section ids, the wide-screen query) and the contents' pure part
//! are the core's (`portal_core::notice`), re-exported here.

pub use portal_core::notice::*;

pub mod front_matter;
pub mod render;
pub mod slug;
