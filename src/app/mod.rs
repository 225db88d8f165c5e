//! The app in the browser: it enhances the page the server sent. The page already holds all
//! markup (notice, both languages, the banner, the app's buttons, hidden until now); the app
//! decides consent, shows its buttons, and answers clicks on `[data-app-action]`.
//!
//! Plain web-sys rather than Leptos: with the whole page rendered at build time there is no view
//! left to build here, and Leptos' runtime measured 38 KB raw / 13 KB brotli against a first load
//! budgeted at 60 KB. (Leptos is for the request form, loaded when the form opens.)

mod language;
mod request_form;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

use crate::consent::controller;
use crate::dom::elements;
use crate::i18n::Lang;
use crate::notice::enhance::{self, Translations};

/// Starts the app. Called once by `main`.
pub fn start() {
    crate::dom::report_panics_in_debug();
    let Some(document) = crate::dom::document() else {
        return;
    };

    let translations = Rc::new(Translations::from_page(&document));
    let lang = language::initial(translations.shown());
    enhance::collapse_toc_on_small_screens(&document);
    translations.show(&document, lang);
    if translations.shown() != Lang::default() {
        // The browser scrolled to `#section` before the switch; scroll again in the new layout.
        scroll_to_hash(&document);
    }

    // Consent first: it decides whether Google's tag may load in this page view.
    controller::start(lang);
    show_app_buttons(&document);
    enhance::track_current_section(&document);
    listen(&document, translations);
    if location_hash(&document) == format!("#{}", crate::request::SECTION_ID) {
        request_form::open("");
    }
}

/// The app's buttons are in the page, hidden for visitors without JavaScript; show them.
fn show_app_buttons(document: &Document) {
    for button in elements(document.query_selector_all("[data-app-action]").ok()) {
        let _ = button.remove_attribute("hidden");
    }
}

/// One click listener for the app's buttons, which the language switch re-creates.
fn listen(document: &Document, translations: Rc<Translations>) {
    let on_click = {
        let document = document.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            // "Tee pyyntö" links: the browser follows them to #pyynto; the form opens there.
            if let Some(right) = crate::dom::action(&event, "data-request-right") {
                request_form::open(&right);
                return;
            }
            match crate::dom::action(&event, "data-app-action").as_deref() {
                Some("switch-language") => {
                    let next = translations.shown().other();
                    language::remember(next);
                    translations.show(&document, next);
                    controller::set_lang(next);
                    show_app_buttons(&document);
                    // The switch was re-created in the other language: keep focus on it.
                    focus_selector(&document, "[data-app-action=\"switch-language\"]");
                }
                Some("cookie-settings") => controller::open_settings(),
                _ => {}
            }
        })
    };
    let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_click.forget();
}

fn focus_selector(document: &Document, selector: &str) {
    if let Some(element) = document
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

fn location_hash(document: &Document) -> String {
    document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default()
}

fn scroll_to_hash(document: &Document) {
    if let Some(target) = location_hash(document)
        .strip_prefix('#')
        .and_then(|id| document.get_element_by_id(id))
    {
        target.scroll_into_view();
    }
}
