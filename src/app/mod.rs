//! The app in the browser: it finds the page the server sent and mounts its widgets into the
//! mount points the build left empty (`#language-switch`, `#cookie-settings`; later
//! `#consent-root` and `#request-root`).

mod cookie_settings;
mod language;

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::notice::enhance::{self, Translations};

pub use cookie_settings::CookieSettingsButton;
pub use language::LanguageSwitch;

/// Starts the app. Called once by `main`.
pub fn start() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // This page's reactive state lives as long as the page.
    let owner = Owner::new();
    owner.with(|| enhance_page(&document));
    std::mem::forget(owner);
}

fn enhance_page(document: &web_sys::Document) {
    let document = document.clone();
    let translations = Rc::new(Translations::from_page(&document));
    let lang = RwSignal::new(language::initial(translations.shown()));

    enhance::collapse_toc_on_small_screens(&document);
    translations.show(&document, lang.get_untracked());
    if translations.shown() != Lang::default() {
        // The browser scrolled to `#section` before the switch; scroll again in the new layout.
        scroll_to_hash(&document);
    }
    // Mounting first also starts Leptos' task executor, which effects need.
    mount(
        &document,
        "language-switch",
        move || view! { <LanguageSwitch lang /> },
    );
    mount(
        &document,
        "cookie-settings",
        move || view! { <CookieSettingsButton lang /> },
    );

    Effect::new({
        let (document, translations) = (document.clone(), translations.clone());
        move |_| translations.show(&document, lang.get())
    });
    enhance::track_current_section(&document);
}

/// Mounts `view` into the element with `id`, if the page has it, for the life of the page.
fn mount<V: IntoView + 'static>(document: &web_sys::Document, id: &str, view: impl FnOnce() -> V + 'static) {
    if let Some(element) = document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        leptos::mount::mount_to(element, view).forget();
    }
}

fn scroll_to_hash(document: &web_sys::Document) {
    let hash = document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    if let Some(target) = hash
        .strip_prefix('#')
        .and_then(|id| document.get_element_by_id(id))
    {
        target.scroll_into_view();
    }
}
