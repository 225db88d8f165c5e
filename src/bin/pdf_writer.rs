//! The PDF writer's WebAssembly module (feature `writer`), run in a Web Worker of its own
//! (`scripts/build-writer.sh` writes the worker script that loads it). All decisions are in
//! `privacy_portal::request::writer`; this is the glue: read the message, fetch the font files it
//! needs (same origin, relative to the manifest, kept for later requests), answer.
//!
//! JavaScript calls `render(json)` with a `protocol::Request` as JSON and gets
//! `{ json, pdf }`: a `protocol::Response` as JSON and, when done, the PDF as a `Uint8Array`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use js_sys::{Object, Reflect, Uint8Array};
    use privacy_portal::request::fonts::Manifest;
    use privacy_portal::request::writer::protocol::{Request, Response, WriterError};
    use privacy_portal::request::writer::{fonts_for, write};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    thread_local! {
        /// Font files and manifests already fetched, by URL.
        static CACHE: RefCell<HashMap<String, Vec<u8>>> = RefCell::new(HashMap::new());
    }

    async fn fetch(url: &str) -> Result<Vec<u8>, String> {
        if let Some(bytes) = CACHE.with(|c| c.borrow().get(url).cloned()) {
            return Ok(bytes);
        }
        let scope: web_sys::WorkerGlobalScope = js_sys::global()
            .dyn_into()
            .map_err(|_| "not a worker".to_owned())?;
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

    async fn answer(message: &str) -> (Response, Option<Vec<u8>>) {
        let started = now();
        let request: Request = match serde_json::from_str(message) {
            Ok(r) => r,
            Err(e) => {
                return (
                    Response::Failed {
                        id: 0,
                        error: WriterError::BadRequest {
                            detail: e.to_string(),
                        },
                    },
                    None,
                )
            }
        };
        let id = request.id;
        let failed = |error| (Response::Failed { id, error }, None);
        let manifest: Manifest = match fetch(&request.fonts_base)
            .await
            .map_err(|d| WriterError::Fonts { detail: d })
            .and_then(|b| {
                serde_json::from_slice(&b).map_err(|e| WriterError::Fonts {
                    detail: e.to_string(),
                })
            }) {
            Ok(m) => m,
            Err(e) => return failed(e),
        };
        let files = match fonts_for(&manifest, &request) {
            Ok(f) => f,
            Err(e) => return failed(e),
        };
        let mut loaded = Vec::new();
        for file in files {
            let bytes = match resolve(&file.file, &request.fonts_base) {
                Ok(url) => fetch(&url).await,
                Err(e) => Err(e),
            };
            match bytes {
                Ok(b) => loaded.push((file.file.clone(), b)),
                Err(detail) => return failed(WriterError::Fonts { detail }),
            }
        }
        match write(&request, loaded) {
            Ok(w) => {
                let millis = (now() - started).max(0.0) as u32;
                let response = Response::Done {
                    id,
                    file_name: w.file_name,
                    digest: w.digest,
                    bytes: w.pdf.len() as u64,
                    millis,
                };
                (response, Some(w.pdf))
            }
            Err(e) => failed(e),
        }
    }

    /// Renders one request: `{ json, pdf? }`.
    #[wasm_bindgen]
    pub async fn render(message: String) -> JsValue {
        let (response, pdf) = answer(&message).await;
        let out = Object::new();
        let json = serde_json::to_string(&response).unwrap_or_else(|_| {
            "{\"kind\":\"failed\",\"id\":0,\"error\":{\"kind\":\"bad_request\",\"detail\":\"\"}}".into()
        });
        let _ = Reflect::set(&out, &"json".into(), &json.into());
        if let Some(pdf) = pdf {
            let _ = Reflect::set(&out, &"pdf".into(), &Uint8Array::from(pdf.as_slice()).into());
        }
        out.into()
    }

    /// Fetches the manifest and the base faces ahead of the first request, then writes one
    /// sample request and throws it away: the browser compiles WebAssembly quickly first and
    /// optimises what runs, so the customer's own request then runs optimised code (measured
    /// under 4x CPU throttling, median of 5: the first Latin PDF of a page view 280 ms after the
    /// click instead of 499 ms; a Chinese name 302 instead of 542 ms).
    #[wasm_bindgen]
    pub async fn warm(fonts_base: String) -> bool {
        let Ok(bytes) = fetch(&fonts_base).await else {
            return false;
        };
        let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) else {
            return false;
        };
        let mut files = Vec::new();
        for file in [&manifest.regular, &manifest.bold] {
            let Ok(url) = resolve(&file.file, &fonts_base) else {
                return false;
            };
            match fetch(&url).await {
                Ok(bytes) => files.push((file.file.clone(), bytes)),
                Err(_) => return false,
            }
        }
        let _ = write(&sample(fonts_base), files);
        true
    }

    /// A request like a customer's, to warm the writer up with.
    fn sample(fonts_base: String) -> Request {
        use privacy_portal::date::{Date, Instant};
        use privacy_portal::request::draft::Draft;
        use privacy_portal::request::letter_lang::LetterLang;
        use privacy_portal::request::record::{Context, Recipient};
        use privacy_portal::request::right::Right;
        let mut draft = Draft::new(LetterLang::Fi);
        draft.name = "Åsa Łukasiewicz-Žemaitė".into();
        draft.email = "asa@example.fi".into();
        draft.rights = vec![Right::Access, Right::Erasure];
        let recipient = Recipient {
            name: "Safrent Oy".into(),
            address: "Viilarinkatu 5, Turku".into(),
            phone: "044 978 5594".into(),
            email: "tietosuoja@example.fi".into(),
            contact_person: "Mirette Leppä".into(),
        };
        let created = Date::new(2026, 11, 27).unwrap_or_else(|| Instant(0).date());
        let context = Context::new(
            "SAF-0000-0000".into(),
            created,
            Instant(now() as i64),
            recipient,
            "Asiakasrekisteri".into(),
        );
        Request {
            id: 0,
            draft,
            context,
            fonts_base,
        }
    }
}

fn main() {}
