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

mod date_field;
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
    /// Whether the last save failed (storage missing, full or blocked).
    pub save_failed: RwSignal<bool>,
    /// Whether the stored register was read only in part (for the whole page view: its unread
    /// rows are in the backup, which the page offers for download).
    pub unread: RwSignal<bool>,
}

impl Desk {
    pub fn t(&self) -> &'static Texts {
        texts(self.lang)
    }

    /// Adds `entry` to the register and saves it: what to tell the staff member, either way.
    pub fn add(&self, entry: Entry) -> Result<String, String> {
        let reference = entry.reference().to_string();
        let mut result = Ok(fill(self.t().added_reference, &[("reference", &reference)]));
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
        self.save_failed.set(!saved);
    }
}

pub(crate) fn use_desk() -> Desk {
    expect_context::<Desk>()
}

/// Today in the staff member's time zone.
pub(crate) fn today() -> Date {
    portal_dom::now().1
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
    let (register, unread, unavailable) = match store::load() {
        store::Loaded::Read(register) => (register, false, false),
        store::Loaded::Partly(register) => (register, true, false),
        store::Loaded::Unavailable => (Register::new(), false, true),
    };
    let desk = Desk {
        lang,
        register: RwSignal::new(register),
        save_failed: RwSignal::new(unavailable),
        unread: RwSignal::new(unread),
    };
    provide_context(desk);
    // Another tab of the desk saved: show what it saved (each change is saved at once, so the
    // stored register is the latest).
    let _ = window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
        if event.key().as_deref() != Some(store::REGISTER_KEY) {
            return;
        }
        match store::read(&event.new_value().unwrap_or_default()) {
            store::Loaded::Read(register) => desk.register.set(register),
            store::Loaded::Partly(register) => {
                desk.register.set(register);
                desk.unread.set(true);
            }
            store::Loaded::Unavailable => {}
        }
    });
    // A file dropped beside the drop zone must not take the browser away from the desk.
    let _ = window_event_listener(leptos::ev::dragover, |event| event.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, |event| event.prevent_default());
    view! {
        <open::Open/>
        <manual::Manual/>
        <register_view::RegisterView/>
    }
}
