//! The error summary: shown when a download is attempted with errors, above the form, and
//! focused (the customer pressed the button, so the page may change). It lists the errors of
//! that attempt, each a link to its field; it changes only at the next attempt, so it never moves
//! the form while the customer corrects it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Form;
use portal_core::request::wording;

/// The id of the summary's heading (focused when it appears).
pub const HEADING_ID: &str = "request-form-errors";

/// The summary, when the last attempt had errors.
pub fn summary() -> impl IntoView {
    let form = Form::get();
    move || {
        let errors = form.summary.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="rf-summary" role="group" aria-labelledby=HEADING_ID>
                    <h3 id=HEADING_ID tabindex="-1">{wording::summary_heading(form.lang, errors.len())}</h3>
                    <ul>
                        {errors.iter().map(|error| {
                            let id = error.field.id();
                            let target = id.clone();
                            view! {
                                <li><a href=format!("#{id}") on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_field(&target);
                                }>{wording::summary_line(form.lang, error)}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Focuses a field by id; for a group (the rights, the signature pad) its chosen option, or else
/// its first control.
fn focus_field(id: &str) {
    let Some(element) = portal_dom::document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let control = if matches!(
        element.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select"
    ) {
        Some(element)
    } else {
        element.closest("fieldset").ok().flatten().and_then(|group| {
            let first = |selector: &str| group.query_selector(selector).ok().flatten();
            first("input:checked").or_else(|| first("input, button:enabled"))
        })
    };
    if let Some(control) = control.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = control.focus();
        control.scroll_into_view_with_bool(false);
    }
}
