//! The request desk's core: the company's side of a data-subject request (issue 18), as plain
//! Rust with no browser or PDF dependency, tested natively. The desk's page (a Leptos module,
//! like the form) will be a thin layer around it.
//!
//! - [`deadlines`]: from the date received, the answer's due date, the last day to announce an
//!   extension and the extended due date (GDPR Art. 12(3)), each with its rule cited, counted
//!   by the form's own calendar; and an `.ics` with the two due dates;
//! - [`verify`]: a received request checked from the bytes of its `request.json` and its
//!   letter's text: the request (who, rights with details, signature, letter language,
//!   reference), or precisely what no longer matches;
//! - [`register`]: the desk's register of requests (reference, dates, rights, status, never a
//!   name or contact detail), what is due first, and CSV export and import.
//!
//! Reading the PDF itself (its attachment and its text) is left to the page: see README.md for
//! what a PDF crate costs in WebAssembly.

pub mod deadlines;
pub mod register;
pub mod verify;
