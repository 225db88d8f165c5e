//! What the request form's WebAssembly module exports to the page: loaded by the page when a visitor
//! opens the form (through the head script's module loader), so the notice's first load carries
//! none of it. Built by scripts/build-form.sh into `form/`, with content-hashed names.

use wasm_bindgen::prelude::*;

/// Opens the form with `right` (a `Right::key`, or "") ticked; mounts it the first time.
#[wasm_bindgen]
pub fn open(right: String) {
    crate::open(&right);
}

/// `[validation runs, stroke paths rendered]` since the form was loaded: what the tests and
/// scripts/measure-stroke.mjs read to check that drawing does not re-run the form.
#[wasm_bindgen]
pub fn probe() -> Vec<u32> {
    crate::probe::counts().to_vec()
}
