//! The PDF reader module (crates/desk-reader): fetched once the desk has started, then asked to
//! read each file. Its `read` returns the attachment's bytes and the pages' text.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: JavaScript's dynamic import, which Rust cannot write.
    fn import_module(url: &str) -> Promise;
}

thread_local! {
    static ADDRESSES: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
    /// The module's load, under way or done, settling with its namespace: one load for the
    /// prefetch and any file that comes meanwhile (a failed load is dropped: the next file tries
    /// again).
    static MODULE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// What a PDF held.
pub struct Read {
    pub json: Option<Vec<u8>>,
    pub text: String,
}

/// Why a file was not read.
pub enum Failure {
    /// The reader refused it: `kind` is "too-large", "not-pdf" or "unreadable".
    Refused { kind: String, detail: String },
    /// The reader module could not be loaded.
    NoReader,
}

/// Starts fetching the reader, so it is there when the first file comes.
pub fn prefetch(js: String, wasm: String) {
    ADDRESSES.with(|a| *a.borrow_mut() = (js, wasm));
    wasm_bindgen_futures::spawn_local(async {
        let _ = module().await;
    });
}

async fn module() -> Result<JsValue, JsValue> {
    let loading = match MODULE.with(|m| m.borrow().clone()) {
        Some(loading) => loading,
        None => {
            let loading = wasm_bindgen_futures::future_to_promise(load());
            MODULE.with(|m| *m.borrow_mut() = Some(loading.clone()));
            loading
        }
    };
    let loaded = JsFuture::from(loading).await;
    if loaded.is_err() {
        MODULE.with(|m| *m.borrow_mut() = None);
    }
    loaded
}

async fn load() -> Result<JsValue, JsValue> {
    let (module, wasm) = ADDRESSES.with(|a| a.borrow().clone());
    let namespace = JsFuture::from(import_module(&module)).await?;
    let init: Function = Reflect::get(&namespace, &"default".into())?.dyn_into()?;
    let options = js_sys::Object::new();
    Reflect::set(&options, &"module_or_path".into(), &wasm.into())?;
    let started: Promise = init.call1(&JsValue::NULL, &options)?.dyn_into()?;
    JsFuture::from(started).await?;
    Ok(namespace)
}

/// Reads `pdf` with the reader module.
pub async fn read(pdf: &[u8]) -> Result<Read, Failure> {
    let namespace = module().await.map_err(|_| Failure::NoReader)?;
    let read: Function = Reflect::get(&namespace, &"read".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(Failure::NoReader)?;
    match read.call1(&JsValue::NULL, &Uint8Array::from(pdf)) {
        Ok(result) => {
            let json = Reflect::get(&result, &"json".into())
                .ok()
                .and_then(|j| j.dyn_into::<Uint8Array>().ok())
                .map(|j| j.to_vec());
            let text = Reflect::get(&result, &"text".into())
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            Ok(Read { json, text })
        }
        Err(error) => {
            let field = |key: &str| {
                Reflect::get(&error, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            Err(Failure::Refused {
                kind: field("error"),
                detail: field("detail"),
            })
        }
    }
}
