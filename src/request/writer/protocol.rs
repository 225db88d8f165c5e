//! The messages between the form and the PDF writer's worker, as serde data (JSON strings via
//! `postMessage`). Both sides compile this module; the form needs nothing else of the writer.
//!
//! The form sends a [`Request`]; the worker fetches the font files the text needs (URLs relative
//! to `fonts_base`, the manifest's own URL) and answers with a [`Response`]: the PDF bytes go
//! alongside as a transferable `ArrayBuffer`, the JSON carries the rest.

use crate::request::draft::Draft;
use crate::request::record::Context;
use serde::{Deserialize, Serialize};

/// Render one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Echoed in the response, so the form can match answers to questions.
    pub id: u32,
    pub draft: Draft,
    pub context: Context,
    /// The URL of `fonts.json` (the font files are named relative to it).
    pub fonts_base: String,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Response {
    /// The worker has started and loaded its base fonts.
    Ready,
    /// The PDF (its bytes travel next to this message) and what the form shows afterwards.
    Done {
        id: u32,
        file_name: String,
        /// SHA-256 of the attached `request.json`, as printed on the page.
        digest: String,
        bytes: u64,
        /// Milliseconds spent writing (fonts fetched, composed, laid out, exported).
        millis: u32,
    },
    Failed {
        id: u32,
        error: WriterError,
    },
}

/// Why no PDF was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum WriterError {
    /// The message could not be read (a bug on the page, or a stale worker).
    BadRequest { detail: String },
    /// The draft is not valid (the form validates first; the worker checks again).
    Invalid { fields: Vec<String> },
    /// No font has these characters.
    Unprintable { chars: Vec<char> },
    /// A font file could not be fetched or read (the network, usually: try again).
    Fonts { detail: String },
    /// krilla refused to export (a PDF/A or PDF/UA rule would be broken).
    Export { detail: String },
}
