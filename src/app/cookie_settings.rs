//! The footer's "Evästeasetukset / Cookie settings" button. Until the consent banner exists it
//! leads to the notice's cookie section, which says what the site's cookies are.

use leptos::prelude::*;

use crate::i18n::Lang;

/// The id of the notice's cookie section.
pub const COOKIE_SECTION_ID: &str = "evasteet";

#[component]
pub fn CookieSettingsButton(lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button--quiet"
            on:click=move |_| {
                let Some(window) = web_sys::window() else { return };
                let _ = window.location().set_hash(COOKIE_SECTION_ID);
                if let Some(heading) = window.document().and_then(|d| d.get_element_by_id(COOKIE_SECTION_ID)) {
                    use wasm_bindgen::JsCast;
                    if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                        let _ = heading.set_attribute("tabindex", "-1");
                        let _ = heading.focus();
                    }
                }
            }
        >
            {move || lang.get().strings().cookie_settings}
        </button>
    }
}
