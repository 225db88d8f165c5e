//! The messages between the form and the PDF writer's worker, as serde data (JSON strings via
//! `postMessage`). Both sides compile this module; the form needs nothing else of the writer, and
//! the worker's script only starts the WebAssembly, which handles the messages itself.
//!
//! The form posts a [`Message`]: first [`Message::Warm`] (fetch the base fonts), then a
//! [`Message::Render`] per download; the worker fetches the font files a text needs (URLs
//! relative to `fonts_base`, the manifest's own URL) and answers each with an object whose
//! [`ANSWER_JSON`] is a [`Response`] and, when done, whose [`ANSWER_PDF`] holds the PDF's bytes
//! (a transferred buffer).

use crate::request::draft::Draft;
use crate::request::record::Context;
use crate::request::reply::Reply;
use serde::{Deserialize, Serialize};

/// The key of an answer's JSON (a [`Response`]).
pub const ANSWER_JSON: &str = "json";
/// The key of an answer's PDF (a `Uint8Array` whose buffer is transferred).
pub const ANSWER_PDF: &str = "pdf";
/// The id of the answer to [`Message::Warm`]; requests count from 1.
pub const WARM_UP: u32 = 0;

/// How often the worker says it is alive ([`Response::Alive`], posted by the worker's script from
/// its first line, so even while the WebAssembly loads), in milliseconds.
pub const BEAT_MS: u32 = 1_000;
/// [`Response::Alive`] as the worker's script posts it (under [`ANSWER_JSON`]).
pub const BEAT_JSON: &str = r#"{"kind":"alive"}"#;
/// How long the form waits without hearing anything from the worker (no beat, no answer) before
/// it takes the worker for dead or stalled: ended, the attempt failed, and the next press starts
/// a new one. Many beats long, because a beat cannot come while the worker writes a PDF (a
/// synchronous step: well under a second, a few seconds for a long letter on a slow phone).
pub const SILENCE_MS: u32 = 15_000;

/// What the form posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "body",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Message {
    /// Fetch the manifest at this URL and the base fonts, and get ready (answered with id
    /// [`WARM_UP`]).
    Warm {
        fonts_base: String,
    },
    Render(Box<Request>),
    /// Write one of the request desk's replies.
    Reply(Box<ReplyRequest>),
}

impl Message {
    /// The id a message was sent with, read leniently from JSON that may not be a valid message,
    /// so that even a refusal goes back to the request that asked.
    pub fn id_of(json: &str) -> Option<u32> {
        let value: serde_json::Value = serde_json::from_str(json).ok()?;
        match value.get("kind")?.as_str()? {
            "warm" => Some(WARM_UP),
            _ => u32::try_from(value.get("body")?.get("id")?.as_u64()?).ok(),
        }
    }
}

/// Render one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Echoed in the response, so the form can match answers to questions.
    pub id: u32,
    pub draft: Draft,
    pub context: Context,
    /// The URL of the manifest, `fonts.<hash>.json` (the font files are named relative to it).
    pub fonts_base: String,
}

/// Write one reply of the request desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    pub id: u32,
    pub reply: Reply,
    /// The URL of the manifest (as [`Request::fonts_base`]).
    pub fonts_base: String,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Response {
    /// The worker is alive (every [`BEAT_MS`], [`BEAT_JSON`]).
    Alive,
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

impl Response {
    /// The id of the message this answers (none for a beat).
    pub fn id(&self) -> Option<u32> {
        match self {
            Response::Alive => None,
            Response::Ready => Some(WARM_UP),
            Response::Done { id, .. } | Response::Failed { id, .. } => Some(*id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::record::tests::{context, draft};

    #[test]
    fn messages_round_trip_and_refusals_find_their_request() {
        let render = Message::Render(Box::new(Request {
            id: 7,
            draft: draft(),
            context: context(),
            fonts_base: "https://example.fi/form/writer/fonts.1.json".into(),
        }));
        let json = serde_json::to_string(&render).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), render);
        assert_eq!(Message::id_of(&json), Some(7));
        let warm = serde_json::to_string(&Message::Warm {
            fonts_base: "x".into(),
        })
        .unwrap();
        assert_eq!(warm, r#"{"kind":"warm","body":{"fonts_base":"x"}}"#);
        assert_eq!(Message::id_of(&warm), Some(WARM_UP));
        // A request the worker cannot read still names its id, so its answer finds it.
        let broken = json.replacen("\"name\":", "\"nimi\":", 1);
        assert!(serde_json::from_str::<Message>(&broken).is_err());
        assert_eq!(Message::id_of(&broken), Some(7));
        for garbage in [
            "",
            "null",
            "{\"kind\":\"render\"}",
            "{\"kind\":\"render\",\"body\":{\"id\":-1}}",
            "[1]",
        ] {
            assert_eq!(Message::id_of(garbage), None, "{garbage}");
        }
        assert_eq!(Response::Ready.id(), Some(WARM_UP));
    }

    #[test]
    fn the_worker_script_beats_in_the_protocols_words() {
        assert_eq!(
            serde_json::from_str::<Response>(BEAT_JSON).unwrap(),
            Response::Alive
        );
        assert_eq!(Response::Alive.id(), None);
        // That the built worker beats, often enough for the page to wait for a busy one, is the
        // browser test "a real writer kept busy past the silence limit beats …" (request.test.mjs).
        const { assert!(SILENCE_MS >= 10 * BEAT_MS) };
    }
}
