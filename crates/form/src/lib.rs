//! The request form in the browser (feature `form`, its own WebAssembly module): Leptos views over
//! the pure core in `crate::request`. It mounts once into `#request-root`, speaks the page's
//! language (`<html lang>`, fixed for the page's life; its texts are `[form.*]` of
//! `locales/<lang>.toml`), keeps everything typed in memory only, and has the PDF written when
//! asked.
//!
//! - [`state`]: what was typed, as a `reactive_stores` store, field by field;
//! - `view` and the parts it is made of (`fields`, `rights`, `signature`, `signature_pad`,
//!   `summary`, `done`), which find the shared [`Form`] by `use_context`;
//! - `writer`: the PDF writer behind one async call; `browser`: the web glue.

/// The WebAssembly module's allocator: talc, smaller than the default dlmalloc (single-threaded
/// WebAssembly; see README.md, "Toolchain").
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod browser;
mod done;
mod fields;
mod rights;
mod signature;
mod signature_pad;
mod state;
mod summary;
mod view;

pub mod exports;

use leptos::prelude::*;
use reactive_stores::Store;
use wasm_bindgen::JsCast;

use portal_core::i18n::{Lang, Strings};
use portal_core::request::controller::Controller;
use portal_core::request::draft::{Draft, Point};
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::right::Right;
use portal_core::request::validate::{validate, Field, FieldError};
use portal_core::vocabulary::{FormAsset, RecipientField, REQUEST_ROOT_ID};
use portal_writer_client::Writer;
use state::FormState;

/// What every part of the form shares (provided as context at the form's root).
#[derive(Clone, Copy)]
pub(crate) struct Form {
    /// The page's language: the form's texts (the letter's language is [`FormState::letter`]).
    pub lang: Lang,
    /// What is typed, field by field.
    pub state: Store<FormState>,
    /// The drawn signature's finished strokes, apart from the store (see [`state`]).
    pub strokes: RwSignal<Vec<Vec<Point>>>,
    /// The PDF writer (and whether its font is there).
    pub writer: Writer,
    /// Every error in what is typed now.
    pub errors: Memo<Vec<FieldError>>,
    /// The fields that were wrong at the last download attempt: only these show their error,
    /// so nothing appears (and moves the page) while the customer moves on.
    pub flagged: RwSignal<Vec<Field>>,
    /// The errors listed in the summary: those of the last attempt (empty: no summary).
    pub summary: RwSignal<Vec<FieldError>>,
    /// The draft last downloaded: leaving the page asks for confirmation only if what is typed
    /// now differs from it.
    pub downloaded: StoredValue<Option<Draft>>,
    /// Who the request goes to.
    pub recipient: StoredValue<Recipient>,
    /// The request's reference code, made once per page view.
    pub reference: StoredValue<String>,
}

/// Who the request goes to, read from `#request-root`'s data attributes (the notice's front matter).
#[derive(Clone, Debug)]
pub(crate) struct Recipient {
    pub controller: Controller,
    /// The register's name in each language a letter can be written in.
    pub register_fi: String,
    pub register_en: String,
}

impl Recipient {
    /// The register's name for a letter in `letter`.
    pub fn register(&self, letter: LetterLang) -> &str {
        match letter {
            LetterLang::Fi => &self.register_fi,
            LetterLang::En => &self.register_en,
        }
    }
}

impl Form {
    /// The shared form; every part of the view runs under the form's root, which provides it.
    pub fn get() -> Form {
        expect_context::<Form>()
    }

    /// The page language's texts.
    pub fn strings(self) -> &'static Strings {
        self.lang.strings()
    }

    /// The message to show next to `field`: what is wrong with it now, if it was wrong at the
    /// last download attempt.
    pub fn shown_error(self, field: Field) -> Option<String> {
        if !self.flagged.with(|f| f.contains(&field)) {
            return None;
        }
        let lang = self.lang;
        self.errors.with(|errors| {
            let messages: Vec<String> = errors
                .iter()
                .filter(|e| e.field == field)
                .map(|e| e.problem.message(lang))
                .collect();
            (!messages.is_empty()).then(|| messages.join(" "))
        })
    }

    /// The request as typed now, strokes and all (untracked: for writing and comparing).
    pub fn draft(self) -> Draft {
        let strokes = self.strokes.get_untracked();
        self.state.with_untracked(|s| s.draft(strokes))
    }

    /// Whether leaving the page would lose typed data that was not downloaded.
    pub fn unsaved(self) -> bool {
        let drawn = self.strokes.with_untracked(|s| !s.is_empty());
        if !self.state.with_untracked(|s| s.has_input(drawn)) {
            return false;
        }
        let now = self.draft();
        self.downloaded.with_value(|last| last.as_ref() != Some(&now))
    }
}

/// Counters for the tests and `scripts/measure-stroke.mjs` (read through the module's `probe`
/// export): how often validation ran and how many stroke paths were rendered.
pub mod probe {
    use std::cell::Cell;

    thread_local! {
        static VALIDATIONS: Cell<u32> = const { Cell::new(0) };
        static PATHS: Cell<u32> = const { Cell::new(0) };
    }

    pub(crate) fn validated() {
        VALIDATIONS.with(|c| c.set(c.get() + 1));
    }

    pub(crate) fn path_rendered() {
        PATHS.with(|c| c.set(c.get() + 1));
    }

    /// `[validation runs, stroke paths rendered]` since the form was loaded.
    pub fn counts() -> [u32; 2] {
        [VALIDATIONS.with(Cell::get), PATHS.with(Cell::get)]
    }
}

thread_local! {
    static FORM: std::cell::Cell<Option<Form>> = const { std::cell::Cell::new(None) };
    /// The rights asked for while the form is being mounted (`Some` from the first `open`).
    static PENDING: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Opens the form (mounting it the first time) with `right` ticked, and moves focus to it.
/// What was typed before stays: opening again only adds the right.
pub fn open(right: &str) {
    if let Some(form) = FORM.with(|f| f.get()) {
        show(form, right);
        return;
    }
    // Not mounted yet: remember the right until it is (the first call starts the mounting).
    let first = PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let first = pending.is_none();
        pending.get_or_insert_with(Vec::new).push(right.to_owned());
        first
    });
    if first && mount().is_none() {
        PENDING.with(|pending| pending.borrow_mut().take());
    }
}

fn show(form: Form, right: &str) {
    if let Some(right) = Right::from_key(right) {
        rights::tick(form, right, true);
    }
    browser::focus_heading_later("request-form-title");
}

/// Adds the form's stylesheet and, once it has loaded (or failed to), mounts the form: its
/// first paint is already styled, so nothing on the page moves when the styles arrive.
fn mount() -> Option<()> {
    portal_dom::report_panics_in_debug();
    let document = portal_dom::document()?;
    let root = document.get_element_by_id(REQUEST_ROOT_ID)?;
    let attribute = |name: &str| root.get_attribute(name).unwrap_or_default();
    let field = |field: RecipientField| attribute(field.attribute());
    let recipient = Recipient {
        controller: Controller {
            name: field(RecipientField::Controller),
            address: field(RecipientField::Address),
            phone: field(RecipientField::Phone),
            email: field(RecipientField::Email),
            contact_person: field(RecipientField::ContactPerson),
        },
        register_fi: field(RecipientField::RegisterFi),
        register_en: field(RecipientField::RegisterEn),
    };
    let writer_url = attribute(FormAsset::Writer.attribute());
    let style = attribute(FormAsset::Style.attribute());
    // The page's language is fixed: another language is another page.
    let lang = portal_dom::page_lang(&document);
    let root: web_sys::HtmlElement = root.dyn_into().ok()?;
    browser::add_stylesheet(&document, &style, move || {
        leptos::mount::mount_to(root, move || {
            let form = new_form(lang, recipient, writer_url);
            provide_context(form);
            FORM.with(|f| f.set(Some(form)));
            browser::confirm_leaving(move || form.unsaved());
            view::request_form()
        })
        .forget();
        if let Some(form) = FORM.with(|f| f.get()) {
            for right in PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default() {
                show(form, &right);
            }
        }
    });
    Some(())
}

fn new_form(lang: Lang, recipient: Recipient, writer_url: String) -> Form {
    let state = Store::new(FormState::new(lang));
    let strokes = RwSignal::new(Vec::new());
    let writer = Writer::start(writer_url);
    // Only whether there are strokes matters to validation; drawing changes it once per signature.
    let drawn = Memo::new(move |_| strokes.with(|s: &Vec<Vec<Point>>| !s.is_empty()));
    let errors = Memo::new(move |_| {
        probe::validated();
        writer.status();
        let stand_in = if drawn.get() { vec![Vec::new()] } else { Vec::new() };
        let draft = state.with(|s| s.draft(stand_in));
        validate(&draft, &|text: &str| writer.uncovered(text))
    });
    Form {
        lang,
        state,
        strokes,
        writer,
        errors,
        flagged: RwSignal::new(Vec::new()),
        summary: RwSignal::new(Vec::new()),
        downloaded: StoredValue::new(None),
        recipient: StoredValue::new(recipient),
        reference: StoredValue::new(portal_core::request::reference::reference_code(
            browser::random_bytes(),
        )),
    }
}
