//! The PDF writer as the form sees it: the one place the form hands a request over and gets a
//! file back. A [`Job`] goes in; [`Written`] bytes or a [`WriteError`] come out of the async
//! [`Writer::write`]. Today the writer (`crate::request::writer`) runs here, on the page's thread:
//! this module fetches its font manifest when the form opens, the base faces with it, and the
//! pieces of other scripts' fonts a request needs when it is written. When the form posts to the
//! writer's worker instead (issue 12), only this module changes: the job is posted, the bytes
//! come back, and the form goes on awaiting the same future.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::browser;
use crate::request::draft::Draft;
use crate::request::fonts::Manifest;
use crate::request::record::Context;
use crate::request::writer::protocol::{Request, WriterError};
use crate::request::writer::{fonts_for, write};

/// Whether the writer can write now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Its font manifest and base faces are on the way.
    Loading,
    Ready,
    /// They could not be fetched; the next [`Writer::write`] tries again.
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
    /// A font file could not be fetched (the network, usually: try again).
    Fonts,
    /// The PDF could not be made from the request.
    Failed,
}

/// The manifest, where it is, and the font files fetched so far (by name).
struct Fonts {
    manifest: Manifest,
    /// The manifest's absolute URL: its files are named relative to it.
    base: String,
    files: RefCell<HashMap<String, Vec<u8>>>,
}

thread_local! {
    /// The manifest's URL as `#request-root` gives it (relative to the page).
    static MANIFEST_URL: RefCell<String> = const { RefCell::new(String::new()) };
    static FONTS: RefCell<Option<Rc<Fonts>>> = const { RefCell::new(None) };
    /// Settles when the current load ends, however it ends.
    static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// The form's handle on the writer.
#[derive(Clone, Copy)]
pub struct Writer {
    status: RwSignal<Status>,
}

impl Writer {
    /// Starts fetching the font manifest at `manifest_url` and the base faces, in the
    /// background: the form is usable meanwhile.
    pub fn start(manifest_url: String) -> Writer {
        MANIFEST_URL.with(|url| *url.borrow_mut() = manifest_url);
        let writer = Writer {
            status: RwSignal::new(Status::Loading),
        };
        writer.load();
        writer
    }

    /// Where the writer is (tracked: validation re-runs when the manifest arrives).
    pub fn status(self) -> Status {
        self.status.get()
    }

    /// The characters of `text` that no font of the writer has (none known while loading).
    pub fn uncovered(self, text: &str) -> Vec<char> {
        FONTS.with(|fonts| {
            fonts
                .borrow()
                .as_ref()
                .map(|f| f.manifest.uncovered(text))
                .unwrap_or_default()
        })
    }

    fn load(self) {
        self.status.set(Status::Loading);
        let status = self.status;
        let loading = wasm_bindgen_futures::future_to_promise(async move {
            let fonts = fetch_fonts().await.map(Rc::new);
            let ready = fonts.is_some();
            FONTS.with(|f| *f.borrow_mut() = fonts);
            status.set(if ready { Status::Ready } else { Status::Failed });
            Ok(JsValue::UNDEFINED)
        });
        LOADING.with(|l| *l.borrow_mut() = Some(loading));
    }

    /// Waits until the writer can write; a failed load is tried once more.
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

    /// Writes `job` as a PDF (`request.json` attached, its digest printed), with the font files
    /// its text needs.
    pub async fn write(self, job: Job) -> Result<Written, WriteError> {
        self.ready().await?;
        let fonts = FONTS.with(|f| f.borrow().clone()).ok_or(WriteError::Fonts)?;
        let request = Request {
            id: 0,
            draft: job.draft,
            context: job.context,
            fonts_base: fonts.base.clone(),
        };
        let needed: Vec<String> = fonts_for(&fonts.manifest, &request)
            .map_err(|_| WriteError::Failed)?
            .into_iter()
            .map(|file| file.file.clone())
            .collect();
        let mut files = Vec::with_capacity(needed.len());
        for name in needed {
            files.push((name.clone(), fonts.file(&name).await?));
        }
        // Let the page paint the "preparing" status before the work holds the thread.
        browser::next_frame().await;
        let written = write(&request, files).map_err(|error| match error {
            WriterError::Fonts { .. } => WriteError::Fonts,
            _ => WriteError::Failed,
        })?;
        Ok(Written {
            bytes: written.pdf,
            file_name: written.file_name,
        })
    }
}

impl Fonts {
    /// The font file `name`, fetched once.
    async fn file(&self, name: &str) -> Result<Vec<u8>, WriteError> {
        if let Some(bytes) = self.files.borrow().get(name) {
            return Ok(bytes.clone());
        }
        let url = resolve(name, &self.base).ok_or(WriteError::Fonts)?;
        let bytes = browser::fetch_bytes(&url).await.ok_or(WriteError::Fonts)?;
        self.files.borrow_mut().insert(name.to_owned(), bytes.clone());
        Ok(bytes)
    }
}

/// `url` resolved against `base`.
fn resolve(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
}

/// The manifest and the base faces every PDF uses.
async fn fetch_fonts() -> Option<Fonts> {
    let page = crate::dom::document()?.base_uri().ok().flatten()?;
    let base = resolve(&MANIFEST_URL.with(|url| url.borrow().clone()), &page)?;
    let manifest: Manifest = serde_json::from_slice(&browser::fetch_bytes(&base).await?).ok()?;
    let fonts = Fonts {
        manifest,
        base,
        files: RefCell::new(HashMap::new()),
    };
    for face in [
        fonts.manifest.regular.file.clone(),
        fonts.manifest.bold.file.clone(),
    ] {
        fonts.file(&face).await.ok()?;
    }
    Some(fonts)
}
