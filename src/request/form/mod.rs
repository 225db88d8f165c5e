//! The request form in the browser (feature `form`, its own WebAssembly module): Leptos views over
//! the pure core in `crate::request`. It mounts once into `#request-root`, follows the page's
//! language, keeps everything typed in memory only, and writes the PDF when asked.

mod browser;
mod fields;
mod signature_pad;
mod view;

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Lang, Text};
use crate::notice::front_matter::Controller;
use crate::request::draft::Draft;
use crate::request::fonts::Manifest;
use crate::request::right::Right;
use crate::request::validate::{validate, Field, FieldError};
use crate::vocabulary::FormAsset;

/// The manifest and the base faces' bytes.
#[derive(Debug)]
pub(crate) struct Fonts {
    pub manifest: Manifest,
    pub regular: Vec<u8>,
    pub bold: Vec<u8>,
}

/// The state every part of the form shares.
#[derive(Clone, Copy)]
pub(crate) struct Form {
    pub draft: RwSignal<Draft>,
    /// The page's language (the UI), not the request's.
    pub lang: RwSignal<Lang>,
    pub font: RwSignal<FontState>,
    /// Fields the visitor has left at least once: their errors show while typing.
    pub visited: RwSignal<Vec<Field>>,
    /// A download was attempted: every error shows.
    pub submitted: RwSignal<bool>,
    pub errors: Memo<Vec<FieldError>>,
    pub recipient: StoredValue<Recipient>,
    pub reference: StoredValue<String>,
}

/// The PDF font: loading, ready, or failed (the download button retries).
#[derive(Clone, Debug, Default)]
pub(crate) enum FontState {
    #[default]
    Loading,
    Ready(Arc<Fonts>),
    Failed,
}

/// Who the request goes to, read from `#request-root`'s data attributes (the notice's front matter).
#[derive(Clone, Debug)]
pub(crate) struct Recipient {
    pub controller: Controller,
    pub register: String,
}

impl Form {
    /// `fi` or `en` by the UI language.
    pub fn t(self, text: Text) -> &'static str {
        text.get(ui_letter(self.lang.get()))
    }

    /// The message to show next to `field`, if any (only after a visit or a download attempt).
    pub fn error(self, field: Field) -> Option<String> {
        let shown = self.submitted.get() || self.visited.with(|v| v.contains(&field));
        if !shown {
            return None;
        }
        let lang = self.lang.get();
        self.errors.with(|errors| {
            let messages: Vec<String> = errors
                .iter()
                .filter(|e| e.field == field)
                .map(|e| e.problem.message(lang))
                .collect();
            (!messages.is_empty()).then(|| messages.join(" "))
        })
    }

    pub fn visit(self, field: Field) {
        if !self.visited.with_untracked(|v| v.contains(&field)) {
            self.visited.update(|v| v.push(field));
        }
    }
}

/// Interim, until the form's texts are in locales/: the Finnish or English text for a page language
/// (Swedish reads English).
pub(crate) fn ui_letter(lang: Lang) -> crate::request::letter_lang::LetterLang {
    match lang {
        Lang::Fi => crate::request::letter_lang::LetterLang::Fi,
        Lang::Sv | Lang::En => crate::request::letter_lang::LetterLang::En,
    }
}

thread_local! {
    static FORM: std::cell::Cell<Option<Form>> = const { std::cell::Cell::new(None) };
    /// Where the build put the PDF writer's font manifest (relative to the page; `#request-root`
    /// says); its files are named relative to it. Interim: the form writes the PDF itself with the
    /// base faces until it posts to the writer's worker.
    static FONTS_URL: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Opens the form (mounting it the first time) with `right` ticked, and moves focus to it.
/// What was typed before stays: opening again only adds the right.
pub fn open(right: &str) {
    let form = match FORM.with(|f| f.get()) {
        Some(form) => form,
        None => match mount() {
            Some(form) => form,
            None => return,
        },
    };
    if let Some(right) = Right::from_key(right) {
        form.draft.update(|d| d.set_right(right, true));
    }
    browser::focus_later("request-form-title");
}

fn mount() -> Option<Form> {
    crate::dom::report_panics_in_debug();
    let document = crate::dom::document()?;
    let root = document.get_element_by_id("request-root")?;
    let attribute = |name: &str| root.get_attribute(name).unwrap_or_default();
    let recipient = Recipient {
        controller: Controller {
            name: attribute("data-controller"),
            address: attribute("data-address"),
            phone: attribute("data-phone"),
            email: attribute("data-email"),
            contact_person: attribute("data-contact"),
        },
        register: attribute("data-register"),
    };
    let asset = |asset: FormAsset| root.get_attribute(asset.attribute()).unwrap_or_default();
    browser::add_stylesheet(&document, &asset(FormAsset::Style));
    FONTS_URL.with(|url| *url.borrow_mut() = asset(FormAsset::Writer));

    let lang = RwSignal::new(crate::dom::page_lang(&document));
    browser::follow_page_lang(&document, move |l| lang.set(l));
    let mut empty = Draft::new(crate::request::letter_lang::LetterLang::for_page(
        lang.get_untracked(),
    ));
    // Drawing is offered first; typing and a pen are one click away.
    empty.signature = crate::request::draft::Signature::Drawn(Vec::new());
    let draft = RwSignal::new(empty);
    let font = RwSignal::new(FontState::Loading);
    load_font(font);
    let errors = Memo::new(move |_| {
        let font = font.get();
        draft.with(|d| match &font {
            FontState::Ready(fonts) => validate(d, &|s: &str| fonts.manifest.uncovered(s)),
            _ => validate(d, &|_: &str| Vec::new()),
        })
    });
    let form = Form {
        draft,
        lang,
        font,
        visited: RwSignal::new(Vec::new()),
        submitted: RwSignal::new(false),
        errors,
        recipient: StoredValue::new(recipient),
        reference: StoredValue::new(crate::request::reference::reference_code(browser::random_bytes())),
    };
    FORM.with(|f| f.set(Some(form)));
    let root: web_sys::HtmlElement = root.dyn_into().ok()?;
    leptos::mount::mount_to(root, move || view::request_form(form)).forget();
    Some(form)
}

/// Fetches the font pack; the form works meanwhile, and the download waits for it.
pub(crate) fn load_font(font: RwSignal<FontState>) {
    font.set(FontState::Loading);
    wasm_bindgen_futures::spawn_local(async move {
        let load = async {
            let url = FONTS_URL.with(|url| url.borrow().clone());
            let manifest: Manifest = serde_json::from_slice(&browser::fetch_bytes(&url).await?).ok()?;
            let dir = url.trim_end_matches("fonts.json");
            let regular = browser::fetch_bytes(&format!("{dir}{}", manifest.regular.file)).await?;
            let bold = browser::fetch_bytes(&format!("{dir}{}", manifest.bold.file)).await?;
            Some(Fonts {
                manifest,
                regular,
                bold,
            })
        };
        font.set(match load.await {
            Some(fonts) => FontState::Ready(Arc::new(fonts)),
            None => FontState::Failed,
        });
    });
}
