//! The PDF writer as the form sees it: the one place the form hands a request over and gets a
//! file back. A [`Job`] goes in; [`Written`] bytes or a [`WriteError`] come out of the async
//! [`Writer::write`]. Today the writer runs here, on the page's thread, with the font pack that
//! `#request-root` names; when it moves to a Web Worker (issue 12) only this module changes: the
//! job is posted, the bytes come back, and the form goes on awaiting the same future.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::browser;
use crate::request::draft::Draft;
use crate::request::pdf::font::FontPack;
use crate::request::record::Context;
use crate::request::{document, pdf, record, send};

/// Whether the writer can write now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Its font is on the way.
    Loading,
    Ready,
    /// The font could not be fetched; the next [`Writer::write`] tries again.
    Failed,
}

/// One request to write.
pub struct Job {
    /// What the customer typed (valid: the form checks before it asks).
    pub draft: Draft,
    /// The reference, dates, recipient and deadline.
    pub context: Context,
}

/// A written request.
pub struct Written {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// The name to save it under, in the letter's language.
    pub file_name: String,
}

/// Why no PDF was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The font could not be fetched (the network, usually: try again).
    Fonts,
    /// The PDF could not be made from the request.
    Failed,
}

thread_local! {
    /// Where the font pack is (relative to the page).
    static FONT_URL: RefCell<String> = const { RefCell::new(String::new()) };
    static PACK: RefCell<Option<Rc<FontPack>>> = const { RefCell::new(None) };
    /// Settles when the current load of the font ends, however it ends.
    static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// The form's handle on the writer.
#[derive(Clone, Copy)]
pub struct Writer {
    status: RwSignal<Status>,
}

impl Writer {
    /// Starts fetching what the writer needs from `font_url`, in the background: the form is
    /// usable meanwhile.
    pub fn start(font_url: String) -> Writer {
        FONT_URL.with(|url| *url.borrow_mut() = font_url);
        let writer = Writer {
            status: RwSignal::new(Status::Loading),
        };
        writer.load();
        writer
    }

    /// Where the writer is (tracked: validation re-runs when the font arrives).
    pub fn status(self) -> Status {
        self.status.get()
    }

    /// The characters of `text` the PDF cannot show (none known while the font is loading).
    pub fn uncovered(self, text: &str) -> Vec<char> {
        PACK.with(|pack| {
            pack.borrow()
                .as_ref()
                .map(|p| p.missing(text))
                .unwrap_or_default()
        })
    }

    fn load(self) {
        self.status.set(Status::Loading);
        let status = self.status;
        let loading = wasm_bindgen_futures::future_to_promise(async move {
            let url = FONT_URL.with(|url| url.borrow().clone());
            let pack = browser::fetch_bytes(&url)
                .await
                .and_then(|bytes| FontPack::parse(&bytes).ok());
            let ready = pack.is_some();
            PACK.with(|p| *p.borrow_mut() = pack.map(Rc::new));
            status.set(if ready { Status::Ready } else { Status::Failed });
            Ok(JsValue::UNDEFINED)
        });
        LOADING.with(|l| *l.borrow_mut() = Some(loading));
    }

    /// Waits until the writer can write; a failed font load is tried once more.
    pub async fn ready(self) -> Result<(), WriteError> {
        if self.status.get_untracked() == Status::Failed {
            self.load();
        }
        if let Some(loading) = LOADING.with(|l| l.borrow().clone()) {
            let _ = JsFuture::from(loading).await;
        }
        match self.status.get_untracked() {
            Status::Ready => Ok(()),
            _ => Err(WriteError::Fonts),
        }
    }

    /// Writes `job` as a PDF: the attached `request.json`, its digest, the letter, the file.
    pub async fn write(self, job: Job) -> Result<Written, WriteError> {
        self.ready().await?;
        // Let the page paint the "preparing" status before the work holds the thread.
        browser::next_frame().await;
        let pack = PACK.with(|p| p.borrow().clone()).ok_or(WriteError::Fonts)?;
        let Job { draft, context } = job;
        let json = record::bytes(&draft, &context);
        let digest = crate::sha256::hex_digest(&json);
        let letter = document::compose(&draft, &context, &digest);
        let bytes = pdf::render(&letter, &pack, &json, context.stamp).map_err(|_| WriteError::Failed)?;
        Ok(Written {
            bytes,
            file_name: send::pdf_file_name(&context.reference, draft.request_lang),
        })
    }
}
