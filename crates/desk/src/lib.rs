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
//! Reading the PDF itself (its attachment and its text) is left to the page, which hands
//! [`verify::verify`] the attachment's bytes and the text. Measured for that choice (2026-12-07,
//! a scratch crate outside the workspace, `wasm32-unknown-unknown`, opt-level z, LTO, wasm-bindgen
//! 0.2.130, `wasm-opt -Oz` of binaryen 132, brotli 11): lopdf 0.47 (no default features,
//! `wasm_js`) loading the file and reading `request.json` is 677 KB raw, 241 KB brotli; with its
//! `extract_text` as well, 1,479 KB raw, 460 KB brotli. Both read the portal's PDFs: the
//! attachment byte for byte, and the text through krilla's ToUnicode maps (Latin, Chinese;
//! Arabic in visual order, which [`verify`] allows for). In Node 20 without throttling, one
//! call takes 44–115 ms for a two-page request. The alternative, pdf-extract 0.12.1 (MIT, on
//! lopdf 0.42) with the attachment read by its lopdf: 976 KB raw, 363 KB brotli, 52–235 ms; its
//! text runs lines together without a space, which [`verify`] also reads (checked once by hand).
//! With text extraction, either is over the desk's budget of 250 KB brotli for its module
//! (issue 18); lopdf reading the attachment only (241 KB brotli) is just under it.

pub mod deadlines;
#[cfg(feature = "read")]
pub mod read;
pub mod register;
pub mod texts;
pub mod verify;

/// The largest file the desk reads (its page refuses a larger one by its size, before reading
/// it). The portal's requests are 40-400 KB (a drawn signature, a few pages of Chinese); a
/// scanned letter of a few pages stays well under this.
pub const MAX_PDF_BYTES: u64 = 20 * 1024 * 1024;
