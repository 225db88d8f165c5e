//! A company's privacy portal: a static-first privacy notice with a Leptos (CSR) app on top. The
//! company's facts are data: [`SITE`], written by build.rs from the site folder (`site/site.toml`,
//! or the folder `PORTAL_SITE` names).
//!
//! - [`notice`]: the notice's front matter and rendering (build time) and its in-page enhancements.
//! - [`i18n`]: every visible string of the portal, per language (from `locales/`).
//! - [`date`]: calendar dates and instants, as the consent record and the request need them.
//! - `site` (native only): the build steps trunk runs around its own build.
//! - [`consent`]: cookie consent (catalogue, record, gate, banner).
//! - [`vocabulary`]: the ids, attributes and actions build-time markup and run-time code share.
//! - [`request`]: the request: its pure core (rights, validation, deadline, letter, record), the
//!   PDF writer (feature `writer`, a Web Worker) and the Leptos form (feature `form`).
//! - `app`, `dom` (WebAssembly only): starts the app on the static page; DOM helpers.

/// The WebAssembly modules' allocator: talc, smaller than the default dlmalloc (single-threaded
/// WebAssembly; see README.md, "Toolchain").
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod facts;
pub use facts::SITE;
pub mod consent;
pub mod date;
pub mod i18n;
pub mod notice;
pub mod request;
pub mod vocabulary;

#[cfg(not(target_arch = "wasm32"))]
pub mod site;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod dom;
