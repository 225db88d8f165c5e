//! The PDF writer's WebAssembly module (feature `writer`), run in a Web Worker of its own
//! (`scripts/build-writer.sh` writes the worker's script, which only starts this module). It
//! answers the form's messages (`request::writer::protocol`): the decisions are in
//! `privacy_portal::request::writer`; this is the glue: read the message, fetch the font files it
//! needs (same origin, relative to the manifest, kept for later requests), answer.

mod worker {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use js_sys::{Array, Object, Reflect, Uint8Array};
    use portal_core::request::fonts::{FontFile, Manifest};
    use portal_core::request::protocol::{
        Message, Request, Response, WriterError, ANSWER_JSON, ANSWER_PDF, WARM_UP,
    };
    use portal_pdf::writer::{fonts_for, fonts_for_reply, write, write_reply, Written};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::DedicatedWorkerGlobalScope;

    thread_local! {
        /// Font files and manifests already fetched, by URL.
        static CACHE: RefCell<HashMap<String, Vec<u8>>> = RefCell::new(HashMap::new());
    }

    fn scope() -> Option<DedicatedWorkerGlobalScope> {
        js_sys::global().dyn_into().ok()
    }

    async fn fetch(url: &str) -> Result<Vec<u8>, String> {
        if let Some(bytes) = CACHE.with(|c| c.borrow().get(url).cloned()) {
            return Ok(bytes);
        }
        let scope = scope().ok_or_else(|| "not a worker".to_owned())?;
        let response: web_sys::Response = JsFuture::from(scope.fetch_with_str(url))
            .await
            .map_err(|_| format!("{url}: network error"))?
            .dyn_into()
            .map_err(|_| format!("{url}: not a response"))?;
        if !response.ok() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        let buffer = JsFuture::from(
            response
                .array_buffer()
                .map_err(|_| format!("{url}: unreadable"))?,
        )
        .await
        .map_err(|_| format!("{url}: unreadable"))?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        CACHE.with(|c| c.borrow_mut().insert(url.to_owned(), bytes.clone()));
        Ok(bytes)
    }

    fn resolve(file: &str, base: &str) -> Result<String, String> {
        web_sys::Url::new_with_base(file, base)
            .map(|u| u.href())
            .map_err(|_| format!("{file}: not a URL relative to {base}"))
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    /// The manifest at `fonts_base`, if it is one this writer reads.
    async fn manifest(fonts_base: &str) -> Result<Manifest, WriterError> {
        let bytes = fetch(fonts_base)
            .await
            .map_err(|detail| WriterError::Fonts { detail })?;
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| WriterError::Fonts {
            detail: e.to_string(),
        })?;
        manifest.check().map_err(|detail| WriterError::Fonts { detail })?;
        Ok(manifest)
    }

    /// The bytes of `files`, fetched relative to `fonts_base`.
    async fn load(files: &[&FontFile], fonts_base: &str) -> Result<Vec<(String, Vec<u8>)>, WriterError> {
        let mut loaded = Vec::with_capacity(files.len());
        for file in files {
            let url = resolve(&file.file, fonts_base).map_err(|detail| WriterError::Fonts { detail })?;
            let bytes = fetch(&url)
                .await
                .map_err(|detail| WriterError::Fonts { detail })?;
            loaded.push((file.file.clone(), bytes));
        }
        Ok(loaded)
    }

    /// Font files by name, with their bytes.
    type Loaded = Vec<(String, Vec<u8>)>;

    /// Writes one PDF: the manifest at `fonts_base`, the font files `files_for` names, then
    /// `write` (a request's or a reply's); answers message `id`.
    async fn written<R>(
        id: u32,
        fonts_base: &str,
        request: &R,
        files_for: for<'m> fn(&'m Manifest, &R) -> Result<Vec<&'m FontFile>, WriterError>,
        write: fn(&R, Loaded) -> Result<Written, WriterError>,
    ) -> (Response, Option<Vec<u8>>) {
        let started = now();
        let result = async {
            let manifest = manifest(fonts_base).await?;
            let files = files_for(&manifest, request)?;
            let loaded = load(&files, fonts_base).await?;
            write(request, loaded)
        }
        .await;
        match result {
            Ok(written) => (
                Response::Done {
                    id,
                    file_name: written.file_name,
                    digest: written.digest,
                    bytes: written.pdf.len() as u64,
                    millis: (now() - started).max(0.0) as u32,
                },
                Some(written.pdf),
            ),
            Err(error) => (Response::Failed { id, error }, None),
        }
    }

    /// Fetches the manifest and the base faces ahead of the first request, then writes one
    /// sample request and throws it away: the browser compiles WebAssembly quickly first and
    /// optimises what runs, so the customer's own request then runs optimised code (measured
    /// under 4x CPU throttling, median of 5: the first Latin PDF of a page view 280 ms after the
    /// click instead of 499 ms; a Chinese name 302 instead of 542 ms).
    async fn warm(fonts_base: String) -> Response {
        let result = async {
            let manifest = manifest(&fonts_base).await?;
            let files = load(&[&manifest.regular, &manifest.bold], &fonts_base).await?;
            let _ = write(&sample(fonts_base.clone()), files);
            Ok(())
        }
        .await;
        match result {
            Ok(()) => Response::Ready,
            Err(error) => Response::Failed { id: WARM_UP, error },
        }
    }

    /// A request like a customer's, to warm the writer up with.
    fn sample(fonts_base: String) -> Request {
        use portal_core::date::{Date, Instant};
        use portal_core::request::draft::Draft;
        use portal_core::request::letter_lang::LetterLang;
        use portal_core::request::record::{Context, Recipient};
        use portal_core::request::right::Right;
        let mut draft = Draft::new(LetterLang::Fi);
        draft.sender.name = "Åsa Łukasiewicz-Žemaitė".into();
        draft.sender.email = "asa@example.fi".into();
        draft.rights = vec![Right::Access, Right::Erasure];
        // Neutral sample data (the warm-up's PDF is thrown away): the same scripts and lengths as
        // a real recipient, no company's facts.
        let recipient = Recipient {
            name: "Esimerkki Oy".into(),
            address: "Esimerkkikatu 1, 00100 Helsinki".into(),
            phone: "040 000 0000".into(),
            email: "tietosuoja@example.fi".into(),
            contact_person: "Maija Meikäläinen".into(),
        };
        let created = Date::new(2026, 11, 27).unwrap_or_else(|| Instant(0).date());
        let context = Context::new(
            portal_core::request::reference::reference_code([0; 5]),
            created,
            Instant(now() as i64),
            recipient,
            "Asiakasrekisteri".into(),
        );
        Request {
            id: WARM_UP,
            draft,
            context,
            fonts_base,
        }
    }

    /// Answers one message: its JSON text in, the answer posted back (the PDF's buffer transferred).
    async fn answer(text: String) {
        let (response, pdf) = match serde_json::from_str::<Message>(&text) {
            Ok(Message::Warm { fonts_base }) => (warm(fonts_base).await, None),
            Ok(Message::Render(request)) => {
                written(request.id, &request.fonts_base, &*request, fonts_for, write).await
            }
            Ok(Message::Reply(request)) => {
                written(
                    request.id,
                    &request.fonts_base,
                    &*request,
                    fonts_for_reply,
                    write_reply,
                )
                .await
            }
            Err(e) => (
                Response::Failed {
                    id: Message::id_of(&text).unwrap_or(u32::MAX),
                    error: WriterError::BadRequest {
                        detail: e.to_string(),
                    },
                },
                None,
            ),
        };
        let Some(scope) = scope() else { return };
        let out = Object::new();
        let json = serde_json::to_string(&response).unwrap_or_default();
        let _ = Reflect::set(&out, &ANSWER_JSON.into(), &json.into());
        let transfer = Array::new();
        if let Some(pdf) = pdf {
            let bytes = Uint8Array::from(pdf.as_slice());
            transfer.push(&bytes.buffer());
            let _ = Reflect::set(&out, &ANSWER_PDF.into(), &bytes.into());
        }
        let _ = scope.post_message_with_transfer(&out, &transfer);
    }

    /// Runs when the worker's script has started the module: from now on it answers messages
    /// (the script replays those that came earlier).
    #[wasm_bindgen(start)]
    pub fn start() {
        let Some(scope) = scope() else { return };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            wasm_bindgen_futures::spawn_local(answer(text));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
    }
}

/// The WebAssembly module's allocator: talc, smaller than the default dlmalloc (single-threaded
/// WebAssembly; see README.md, "Toolchain").
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
