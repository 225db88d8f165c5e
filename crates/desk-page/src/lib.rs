//! The request desk's page (issue 18): the company's side of a data-subject request, in the
//! staff member's browser. It mounts into `#desk-root` of `/desk/` (a page per language, written
//! by site-build), speaks the page's language and sends nothing anywhere: a PDF is read here
//! (the reader module, [`reader`]), checked by `portal_desk::verify`, and its reference, dates,
//! rights and status go into the register kept in this browser ([`store`]).
//!
//! - [`open`]: a received PDF opened, checked and shown, with its deadlines;
//! - [`manual`]: a request that came otherwise, entered by hand;
//! - [`register_view`]: the register, what is due first, CSV export and import.

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod deadlines_view;
mod manual;
mod open;
mod reader;
mod register_view;
mod replies;
mod store;

use leptos::prelude::*;
use portal_core::date::Date;
use portal_core::i18n::Lang;
use portal_desk::register::{Entry, Register};
use portal_desk::texts::{fill, texts, Texts};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The element the desk mounts into (site-build's desk page writes it).
pub const DESK_ROOT_ID: &str = "desk-root";

/// What every part of the desk shares (context at the root).
#[derive(Clone, Copy)]
pub(crate) struct Desk {
    pub lang: Lang,
    pub register: RwSignal<Register>,
    /// Why the register could not be saved or read back, if so (stays until a save succeeds).
    pub storage_problem: RwSignal<Option<&'static str>>,
}

impl Desk {
    pub fn t(&self) -> &'static Texts {
        texts(self.lang)
    }

    /// Adds `entry` to the register and saves it: what to tell the staff member, either way.
    pub fn add(&self, entry: Entry) -> Result<String, String> {
        let reference = entry.reference().to_string();
        let mut result = Ok(self.t().added.to_owned());
        self.register.update(|r| {
            if r.add(entry).is_err() {
                result = Err(fill(self.t().duplicate, &[("reference", &reference)]));
            }
        });
        if result.is_ok() {
            self.save();
        }
        result
    }

    /// Saves the register; a failure is shown, and the register stays as shown.
    pub fn save(&self) {
        let saved = self.register.with_untracked(store::save);
        self.storage_problem
            .set((!saved).then_some(self.t().storage_failed));
    }
}

pub(crate) fn use_desk() -> Desk {
    expect_context::<Desk>()
}

/// Today in the staff member's time zone.
pub(crate) fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| Date::from_unix_days(0))
}

/// Starts the desk: `reader` and `reader_wasm` are the reader module's addresses.
#[wasm_bindgen]
pub fn start(reader: String, reader_wasm: String) {
    portal_dom::report_panics_in_debug();
    let Some(document) = portal_dom::document() else {
        return;
    };
    let lang = portal_dom::page_lang(&document);
    let Some(root) = document
        .get_element_by_id(DESK_ROOT_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    reader::prefetch(reader, reader_wasm);
    let writer = root.get_attribute(replies::WRITER_ATTRIBUTE).unwrap_or_default();
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || view! { <App lang writer/> }).forget();
}

#[component]
fn App(lang: Lang, writer: String) -> impl IntoView {
    replies::set_up(writer);
    let (register, problem) = store::load();
    let desk = Desk {
        lang,
        register: RwSignal::new(register),
        storage_problem: RwSignal::new(problem.then_some(texts(lang).storage_corrupt)),
    };
    provide_context(desk);
    view! {
        <open::Open/>
        <manual::Manual/>
        <register_view::RegisterView/>
    }
}
