//! The portal's models and texts, with no browser, PDF, font or Markdown dependency: what every
//! other crate of the workspace shares (README.md, "How it is put together"). The company's facts
//! are data: [`SITE`], written by build.rs from the site folder (`site/site.toml`, or the folder
//! `PORTAL_SITE` names).
//!
//! - [`facts`]: [`SITE`] and the few constants derived from it.
//! - [`i18n`]: every visible string of the portal, per language (from `$PORTAL_SITE/locales/`).
//! - [`date`]: calendar dates and instants, as the consent record and the request need them.
//! - [`ics`]: iCalendar files of all-day events (the form's reminder, the desk's deadlines).
//! - [`vocabulary`]: the ids, attributes and actions build-time markup and run-time code share.
//! - [`notice`]: the notice's shared names and its table of contents' pure part.
//! - [`consent`]: cookie consent's pure part (catalogue, record, receipt, cookies, gtag).
//! - [`request`]: the request's pure core (rights, validation, deadline, record, wording, the
//!   fonts manifest and the PDF writer's protocol).

pub mod facts;
pub use facts::SITE;
pub mod consent;
pub mod date;
pub mod i18n;
pub mod ics;
pub mod notice;
pub mod request;
pub mod vocabulary;
