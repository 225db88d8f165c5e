//! The desk's PDF reader: `portal_desk::read` behind one exported function, in a module of its
//! own so the desk's page starts without it (lopdf is most of its size; README.md, "Benchmark").
//! The desk fetches it after its first paint and calls [`read`] on each file dropped or chosen.

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use js_sys::{Object, Reflect, Uint8Array};
use portal_desk::read::{self, ReadError};
use wasm_bindgen::prelude::*;

/// Reads a PDF. Returns `{ json: Uint8Array | null, text: string, pages: number }`, or throws
/// `{ error: "too-large" | "not-pdf" | "unreadable", detail: string }`.
#[wasm_bindgen]
pub fn read(pdf: &[u8]) -> Result<JsValue, JsValue> {
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&object, &key.into(), &value);
    };
    match read::read(pdf) {
        Ok(read) => {
            set(
                "json",
                read.json
                    .as_deref()
                    .map_or(JsValue::NULL, |json| Uint8Array::from(json).into()),
            );
            set("text", read.text.into());
            set("pages", (read.pages as f64).into());
            Ok(object.into())
        }
        Err(error) => {
            let (kind, detail) = match error {
                ReadError::TooLarge { bytes } => ("too-large", bytes.to_string()),
                ReadError::NotPdf => ("not-pdf", String::new()),
                ReadError::Unreadable { detail } => ("unreadable", detail),
            };
            set("error", kind.into());
            set("detail", detail.into());
            Err(object.into())
        }
    }
}
