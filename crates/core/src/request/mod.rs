//! The request form: a customer asks to exercise their GDPR rights and downloads a signed PDF
//! request to send to the controller. Everything here is plain Rust, tested natively; the
//! browser form (`form`, a separately loaded WebAssembly module) is a thin layer around it.
//!
//! - [`right`]: the seven rights, their articles and names;
//! - [`letter_lang`]: the letter's language (Finnish or English, as the customer chooses on any page);
//! - [`draft`]: what the customer typed; [`validate`]: what is wrong with it;
//! - [`deadline`] (with [`calendar`]): when the controller must answer;
//! - [`reference`]: the request's reference code; [`record`]: the attached `request.json`;
//! - [`document`]: the request's text in the chosen language; [`pdf`]: that text as PDF/A-3b and
//!   PDF/UA-1 (krilla); [`fonts`]: which fonts cover which characters; [`writer`]: the worker's
//!   protocol and rendering;
//! - [`send`]: the `mailto:` link and the `.ics` reminder;
//! - [`wording`]: the form's words put together from `locales/` (labels, plurals, articles).

/// The id of the page section that holds the form (and, without JavaScript, says how to send a
/// request): the target of every "Tee pyyntö" link.
pub const SECTION_ID: &str = "pyynto";

pub mod authority;
pub mod calendar;
pub mod controller;
pub mod deadline;
pub mod draft;
#[doc(hidden)]
pub mod fixtures;
pub mod fonts;
pub mod letter_lang;
pub mod protocol;
pub mod record;
pub mod reference;
pub mod reply;
pub mod right;
pub mod send;
pub mod validate;
pub mod wire;
pub mod wording;
