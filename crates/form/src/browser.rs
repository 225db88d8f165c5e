//! The form's browser glue: fetching, randomness, focus, its stylesheet, waiting for a paint,
//! the confirmation before leaving, the local date. (Downloads and `<html lang>` are
//! `portal_dom`'s, shared with the app.)

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// Five random bytes for the reference code, from `crypto.getRandomValues`. The reference only has
/// to tell one customer's requests apart, it guards nothing: where the browser refuses, the bytes
/// come from `Math.random` rather than being zero (which would give every request the same code).
pub fn random_bytes() -> [u8; 5] {
    let mut bytes = [0u8; 5];
    let from_crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !from_crypto {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// Focuses the element with `id` after the current render (headings have `tabindex="-1"`); the
/// browser scrolls it into view as little as it can.
pub fn focus_later(id: impl Into<String>) {
    after_render(id.into(), false);
}

/// Focuses the heading `id` after the current render and brings it to the top of the screen: what
/// follows it (the errors, the next steps) is what the customer reads next.
pub fn focus_heading_later(id: impl Into<String>) {
    after_render(id.into(), true);
}

fn after_render(id: String, to_top: bool) {
    let focus = Closure::once_into_js(move || {
        let Some(element) = portal_dom::document()
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        if to_top {
            element.scroll_into_view_with_bool(true);
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = element.focus_with_options(&options);
        } else {
            let _ = element.focus();
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(focus.unchecked_ref());
    }
}

/// Whether the focus is in the `<fieldset>` of the element `event` was sent to (or on nothing).
pub fn focus_within(event: &web_sys::Event) -> bool {
    let active = portal_dom::document().and_then(|d| d.active_element());
    let group = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("fieldset").ok().flatten());
    match (active, group) {
        (Some(active), Some(group)) => {
            group.contains(Some(&active)) || active.tag_name().eq_ignore_ascii_case("body")
        }
        _ => true,
    }
}

/// Adds the form's stylesheet (a file: the CSP allows no inline style), and calls `then` once it
/// has loaded or failed to load.
pub fn add_stylesheet(document: &Document, href: &str, then: impl FnOnce() + 'static) {
    let then = std::rc::Rc::new(std::cell::Cell::new(Some(then)));
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else {
        if let Some(then) = then.take() {
            then();
        }
        return;
    };
    for event in ["load", "error"] {
        let then = then.clone();
        let once = Closure::once_into_js(move || {
            if let Some(then) = then.take() {
                then();
            }
        });
        let _ = link.add_event_listener_with_callback(event, once.unchecked_ref());
    }
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    if head.append_child(&link).is_err() {
        if let Some(then) = then.take() {
            then();
        }
    }
}

/// Asks the browser to confirm leaving the page (a link to another language's page, a reload,
/// closing the tab) whenever `unsaved()` says something would be lost.
pub fn confirm_leaving(unsaved: impl Fn() -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(move |event: web_sys::BeforeUnloadEvent| {
            if unsaved() {
                // Both, for the browsers that still read the legacy return value.
                event.prevent_default();
                event.set_return_value("");
            }
        });
    let _ = window.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    // The form lives as long as the page.
    listener.forget();
}
