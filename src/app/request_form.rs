//! Opens the request form: a separate WebAssembly module (src/request/form/, built by
//! scripts/build-form.sh into `/form/`), fetched on the first "Tee pyyntö" / "Make a request"
//! click or when the page is opened at `#pyynto`.

use wasm_bindgen::prelude::*;

/// Where the build puts the form's module (relative to the site root, as trunk's `public_url`).
const FORM_MODULE: &str = "/form/request-form.js";

#[wasm_bindgen(module = "/src/app/open-form.js")]
extern "C" {
    #[wasm_bindgen(js_name = openRequestForm)]
    fn open_request_form(url: &str, right: &str) -> js_sys::Promise;
}

/// Loads the form if needed and opens it with `right` (a `Right::key`, or "") ticked.
pub fn open(right: &str) {
    let _ = open_request_form(FORM_MODULE, right);
}
