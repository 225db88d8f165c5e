//! The PDF writer as the form and the request desk see it: the one place a page hands a request
//! (a [`Job`]) or a reply (a `Reply`) over and gets a file back: [`Written`] bytes or a
//! [`WriteError`] come out of the async [`Writer::write`] and [`Writer::write_reply`].
//!
//! The writer runs in a Web Worker of its own (crates/writer, built by
//! `scripts/build-writer.sh`), so neither page's module carries a PDF library and the page never
//! stalls while a PDF is made; the desk uses the form's worker and font files (cached). When the
//! page starts it, this fetches the writer's manifest
//! (`fonts.<hash>.json`: which characters the fonts cover, for validation, and where the worker is) and,
//! once the form has painted, starts the worker and has it fetch its base fonts. The request goes
//! to the worker as serde JSON (`writer::protocol`); the PDF comes back as a transferred buffer.
//! The worker fetches the font pieces a text needs itself.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use portal_core::request::draft::Draft;
use portal_core::request::fonts::Manifest;
use portal_core::request::protocol::{
    Message, ReplyRequest, Request, Response, WriterError, ANSWER_JSON, ANSWER_PDF, SILENCE_MS, WARM_UP,
};
use portal_core::request::record::Context;
use portal_core::request::reply::Reply;

/// Whether the writer can write now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Its manifest, its worker or its base fonts are on the way.
    Loading,
    Ready,
    /// Something could not be fetched; the next [`Writer::write`] tries again.
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
    /// A file of the writer could not be fetched (the network, usually: try again).
    Fonts,
    /// The PDF could not be made from the request.
    Failed,
}

/// How long an answer may take in all before the form gives up on the worker and starts a new
/// one (a PDF takes well under a second; fonts on a slow connection take longer). A worker that
/// dies or stalls is noticed much sooner: it stops beating ([`SILENCE_MS`]).
const ANSWER_TIMEOUT_MS: i32 = 60_000;

thread_local! {
    /// The manifest's URL as `#request-root` gives it (relative to the page).
    static MANIFEST_URL: RefCell<String> = const { RefCell::new(String::new()) };
    /// The manifest and its absolute URL (its files are named relative to it).
    static MANIFEST: RefCell<Option<(Manifest, String)>> = const { RefCell::new(None) };
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// Answers awaited, by message id.
    static WAITING: RefCell<HashMap<u32, Waiting>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Which load is the current one: a load that was cancelled, or superseded by a newer one,
    /// touches neither the worker nor the status when it ends.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// Settles when the current load ends, however it ends.
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// Why the last load failed.
    static LOAD_ERROR: Cell<WriteError> = const { Cell::new(WriteError::Fonts) };
    /// When the worker was last heard from (or asked something), ms since 1970.
    static HEARD: Cell<f64> = const { Cell::new(0.0) };
    /// The interval that checks, while an answer is awaited (and only then), that the worker is
    /// still heard from.
    static WATCHDOG: Cell<Option<i32>> = const { Cell::new(None) };
    static WATCHDOG_CALLBACK: Closure<dyn Fn()> = Closure::new(watch);
}

/// A page's handle on the writer.
#[derive(Clone, Copy)]
pub struct Writer {
    status: RwSignal<Status>,
}

impl Writer {
    /// Starts fetching the writer in the background: the form is usable meanwhile.
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
        MANIFEST.with(|m| {
            m.borrow()
                .as_ref()
                .map(|(manifest, _)| manifest.uncovered(text))
                .unwrap_or_default()
        })
    }

    fn load(self) {
        self.status.set(Status::Loading);
        let status = self.status;
        let generation = GENERATION.with(|g| g.replace(g.get().wrapping_add(1)).wrapping_add(1));
        let loading = wasm_bindgen_futures::future_to_promise(async move {
            let started = start_worker(generation).await;
            if !current(generation) {
                // Cancelled or superseded: what is current now is another load's (or nothing).
                return Ok(JsValue::UNDEFINED);
            }
            if let Err(error) = started {
                // Start afresh on the next attempt.
                stop_worker();
                LOAD_ERROR.with(|e| e.set(error));
            }
            status.set(if started.is_ok() {
                Status::Ready
            } else {
                Status::Failed
            });
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
            _ => Err(LOAD_ERROR.with(Cell::get)),
        }
    }

    /// Stops what the writer is doing (loading, or writing a PDF) at once: the worker is ended,
    /// what waits for it fails, and the next [`Writer::write`] starts a new one.
    pub fn cancel(self) {
        // A load under way (its manifest or the next frame still awaited) ends here too.
        GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
        stop_worker();
        if self.status.get_untracked() != Status::Failed {
            self.status.set(Status::Failed);
        }
    }

    /// Writes `job` as a PDF (`request.json` attached, its digest printed), in the worker.
    pub async fn write(self, job: Job) -> Result<Written, WriteError> {
        self.ask_for(move |id, fonts_base| {
            Message::Render(Box::new(Request {
                id,
                draft: job.draft,
                context: job.context,
                fonts_base,
            }))
        })
        .await
    }

    /// Writes one of the desk's replies as a PDF (`reply.json` attached), in the worker.
    pub async fn write_reply(self, reply: Reply) -> Result<Written, WriteError> {
        self.ask_for(move |id, fonts_base| {
            Message::Reply(Box::new(ReplyRequest {
                id,
                reply,
                fonts_base,
            }))
        })
        .await
    }

    /// Sends the message `make` builds from its id and the fonts' base URL, and waits for the PDF.
    async fn ask_for(self, make: impl FnOnce(u32, String) -> Message) -> Result<Written, WriteError> {
        self.ready().await?;
        let base = MANIFEST
            .with(|m| m.borrow().as_ref().map(|(_, base)| base.clone()))
            .ok_or(WriteError::Fonts)?;
        let id = NEXT_ID.with(|n| n.replace(n.get().wrapping_add(1).max(1)));
        let json = serde_json::to_string(&make(id, base)).map_err(|_| WriteError::Failed)?;
        let answer = ask(id, &JsValue::from_str(&json)).ok_or(WriteError::Failed)?;
        let Ok(answer) = JsFuture::from(answer).await else {
            // The worker broke or did not answer in time: the next attempt starts a new one.
            stop_worker();
            self.status.set(Status::Failed);
            return Err(WriteError::Failed);
        };
        match read(&answer) {
            Some(Response::Done { file_name, .. }) => {
                let bytes = Reflect::get(&answer, &ANSWER_PDF.into())
                    .ok()
                    .and_then(|pdf| pdf.dyn_into::<Uint8Array>().ok())
                    .map(|pdf| pdf.to_vec())
                    .ok_or(WriteError::Failed)?;
                Ok(Written { bytes, file_name })
            }
            Some(Response::Failed {
                error: WriterError::Fonts { .. },
                ..
            }) => Err(WriteError::Fonts),
            _ => Err(WriteError::Failed),
        }
    }
}

/// Whether `generation` is the current load's.
fn current(generation: u32) -> bool {
    GENERATION.with(Cell::get) == generation
}

/// The answer's JSON, read as a [`Response`].
fn read(answer: &JsValue) -> Option<Response> {
    let json = Reflect::get(answer, &ANSWER_JSON.into()).ok()?.as_string()?;
    serde_json::from_str(&json).ok()
}

/// A message waiting for the worker's answer: how to settle its promise, and its time-out.
struct Waiting {
    resolve: Function,
    reject: Function,
    timer: i32,
}

/// The worker was heard from (or asked something, which gives it as long to speak).
fn heard() {
    HEARD.with(|h| h.set(js_sys::Date::now()));
}

/// Runs the watchdog while an answer is awaited, and only then.
fn watch_while_waiting() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let waiting = WAITING.with(|w| !w.borrow().is_empty());
    match (waiting, WATCHDOG.with(Cell::get)) {
        (true, None) => {
            let interval = WATCHDOG_CALLBACK.with(|c| {
                window
                    .set_interval_with_callback_and_timeout_and_arguments_0(c.as_ref().unchecked_ref(), 1_000)
                    .ok()
            });
            WATCHDOG.with(|w| w.set(interval));
        }
        (false, Some(interval)) => {
            window.clear_interval_with_handle(interval);
            WATCHDOG.with(|w| w.set(None));
        }
        _ => {}
    }
}

/// Once a second: a worker not heard from for [`SILENCE_MS`] while an answer is awaited has died
/// or stalled; it is ended and what waited for it fails.
fn watch() {
    let waiting = WAITING.with(|w| !w.borrow().is_empty());
    let silent = js_sys::Date::now() - HEARD.with(Cell::get) > f64::from(SILENCE_MS);
    if waiting && silent {
        stop_worker();
    }
}

impl Waiting {
    /// Clears the time-out; the caller settles the promise.
    fn take(id: u32) -> Option<Waiting> {
        let waiting = WAITING.with(|w| w.borrow_mut().remove(&id))?;
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(waiting.timer);
        }
        watch_while_waiting();
        Some(waiting)
    }

    fn fail(id: u32) {
        if let Some(waiting) = Waiting::take(id) {
            let _ = waiting.reject.call0(&JsValue::UNDEFINED);
        }
    }

    /// Every message still waiting fails (the worker broke or was ended).
    fn fail_all() {
        let ids: Vec<u32> = WAITING.with(|w| w.borrow().keys().copied().collect());
        for id in ids {
            Waiting::fail(id);
        }
    }
}

/// Posts `message` to the worker; the promise resolves with the worker's answer to `id`, and
/// rejects if the worker breaks, falls silent for [`SILENCE_MS`] or does not answer within
/// [`ANSWER_TIMEOUT_MS`].
fn ask(id: u32, message: &JsValue) -> Option<Promise> {
    let worker = WORKER.with(|w| w.borrow().clone())?;
    let mut settle = None;
    let answer = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle?;
    // A message with the same id that still waits (a warm-up asked for again) gives way.
    Waiting::fail(id);
    // The whole wait has a limit too (a font fetch that never ends): then the worker is ended.
    let give_up = Closure::once_into_js(move || {
        if WAITING.with(|w| w.borrow().contains_key(&id)) {
            stop_worker();
        }
    });
    let timer = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), ANSWER_TIMEOUT_MS)
        .ok()?;
    heard();
    WAITING.with(|w| {
        w.borrow_mut().insert(
            id,
            Waiting {
                resolve,
                reject,
                timer,
            },
        )
    });
    watch_while_waiting();
    if worker.post_message(message).is_err() {
        Waiting::fail(id);
        return None;
    }
    Some(answer)
}

/// Anything from the worker shows it alive; every answer resolves the promise of its message.
fn on_message(event: web_sys::MessageEvent) {
    heard();
    let data = event.data();
    let Some(id) = read(&data).and_then(|response| response.id()) else {
        return;
    };
    if let Some(waiting) = Waiting::take(id) {
        let _ = waiting.resolve.call1(&JsValue::UNDEFINED, &data);
    }
}

/// The worker broke (its script or WebAssembly could not start, it threw, or a message to it
/// could not be read): it is ended, every message waiting for an answer fails, and the next
/// attempt starts a new worker.
fn on_error(_: web_sys::Event) {
    stop_worker();
}

/// Ends the worker, if any, so that the next attempt starts a new one; what waited for it fails.
fn stop_worker() {
    if let Some(worker) = WORKER.with(|w| w.borrow_mut().take()) {
        worker.terminate();
    }
    // What waited fails, and with nothing awaited the watchdog stops.
    Waiting::fail_all();
}

/// `url` resolved against `base`.
fn resolve(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
}

/// Fetches the manifest (the form validates with it at once), then, once the form has painted,
/// starts the worker and has it fetch its base fonts. `Ok` when the writer can write; a file that
/// could not be fetched is [`WriteError::Fonts`], a worker that broke or fell silent
/// [`WriteError::Failed`]. A load no longer `generation` (cancelled, or superseded) starts no
/// worker.
async fn start_worker(generation: u32) -> Result<(), WriteError> {
    let fonts = WriteError::Fonts;
    if MANIFEST.with(|m| m.borrow().is_none()) {
        let page = portal_dom::document()
            .and_then(|d| d.base_uri().ok().flatten())
            .ok_or(fonts)?;
        let base = resolve(&MANIFEST_URL.with(|url| url.borrow().clone()), &page).ok_or(fonts)?;
        let bytes = portal_dom::fetch_bytes(&base).await.ok_or(fonts)?;
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|_| fonts)?;
        manifest.check().map_err(|_| fonts)?;
        MANIFEST.with(|m| *m.borrow_mut() = Some((manifest, base)));
    }
    let (script, base) = MANIFEST
        .with(|m| {
            let m = m.borrow();
            let (manifest, base) = m.as_ref()?;
            Some((resolve(&manifest.writer.as_ref()?.worker, base)?, base.clone()))
        })
        .ok_or(fonts)?;
    let failed = WriteError::Failed;
    if WORKER.with(|w| w.borrow().is_none()) {
        // The form's own views first: the worker's download must not hold up their paint.
        portal_dom::next_frame().await;
        if !current(generation) {
            return Err(failed);
        }
    }
    if WORKER.with(|w| w.borrow().is_none()) {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&script, &options).map_err(|_| failed)?;
        let message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
        let error = Closure::<dyn FnMut(web_sys::Event)>::new(on_error);
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        // A message of the worker that cannot be read here: as broken as an error.
        let _ = worker.add_event_listener_with_callback("messageerror", error.as_ref().unchecked_ref());
        // The handlers live as long as the page (a few closures per worker started).
        message.forget();
        error.forget();
        WORKER.with(|w| *w.borrow_mut() = Some(worker));
    }
    // A load cancelled while its manifest came must not ask the current load's worker anything
    // (the same warm-up id would fail the current load's question).
    if !current(generation) {
        return Err(failed);
    }
    let warm = serde_json::to_string(&Message::Warm { fonts_base: base }).map_err(|_| failed)?;
    let answer = JsFuture::from(ask(WARM_UP, &JsValue::from_str(&warm)).ok_or(failed)?)
        .await
        .map_err(|_| failed)?;
    match read(&answer) {
        Some(Response::Ready) => Ok(()),
        Some(Response::Failed {
            error: WriterError::Fonts { .. },
            ..
        }) => Err(fonts),
        _ => Err(failed),
    }
}
