//! In the browser: mark the section being read in the table of contents and keep the language
//! switch's links on the page's `#fragment`. Thin glue around the DOM; the decisions are in
//! [`portal_core::notice::toc`]. (The head script opens the contents' `<details>` on a wide
//! screen, where CSS shows them anyway.)

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Document};

use portal_core::notice::toc::current_section;
use portal_core::vocabulary::{
    LANG_LINK_ATTRIBUTE, NOTICE_ID, NOTICE_SECTION_CLASS, SECTION_ATTRIBUTE, TOC_CLASS,
};
use portal_dom::elements;

/// The id of the section at the reading line, as [`current_section`] decides.
fn current_section_id(document: &Document) -> Option<String> {
    let window = web_sys::window()?;
    let sections = elements(
        document
            .query_selector_all(&["#", NOTICE_ID, " .", NOTICE_SECTION_CLASS].concat())
            .ok(),
    );
    let tops: Vec<f64> = sections
        .iter()
        .map(|s| s.get_bounding_client_rect().top())
        .collect();
    let viewport = window.inner_height().ok()?.as_f64()?;
    let scrolled = window.scroll_y().ok()?;
    let height = f64::from(document.document_element()?.scroll_height());
    let at_bottom = scrolled > 0.0 && scrolled + viewport >= height - 2.0;
    let reading_line = (viewport * 0.25).min(160.0);
    let index = current_section(&tops, reading_line, at_bottom)?;
    sections[index].get_attribute(SECTION_ATTRIBUTE)
}

/// Marks the contents' link of the current section with `aria-current="location"`.
pub fn mark_current_section(document: &Document) {
    let current = current_section_id(document);
    let fragment = current.as_ref().map(|id| ["#", id.as_str()].concat());
    for link in elements(document.query_selector_all(&[".", TOC_CLASS, " a"].concat()).ok()) {
        let is_current = fragment.is_some() && link.get_attribute("href") == fragment;
        let has = link.has_attribute("aria-current");
        if is_current && !has {
            let _ = link.set_attribute("aria-current", "location");
            keep_in_view(document, &link);
        } else if !is_current && has {
            let _ = link.remove_attribute("aria-current");
        }
    }
}

/// On a wide screen the contents are a sticky list that scrolls on its own: keep the marked entry
/// inside it (only the list scrolls, never the page). Not while the keyboard's focus is in the
/// list: the browser scrolls it to the focused entry, and moving it would hide that entry. (Only
/// keyboard focus, `:focus-visible`: a click also focuses the entry, and the marker must follow
/// the reading after it.)
fn keep_in_view(document: &Document, link: &web_sys::Element) {
    let Ok(Some(list)) = document.query_selector(&[".", TOC_CLASS].concat()) else {
        return;
    };
    let keyboard_inside = document.active_element().is_some_and(|focused| {
        list.contains(Some(&focused)) && focused.matches(":focus-visible").unwrap_or(false)
    });
    if keyboard_inside || list.scroll_height() <= list.client_height() {
        return;
    }
    let (outer, inner) = (list.get_bounding_client_rect(), link.get_bounding_client_rect());
    let margin = 8.0;
    let shift = if inner.top() < outer.top() + margin {
        inner.top() - outer.top() - margin
    } else if inner.bottom() > outer.bottom() - margin {
        inner.bottom() - outer.bottom() + margin
    } else {
        return;
    };
    list.set_scroll_top(list.scroll_top() + shift as i32);
}

/// Points the language switch at the section the address names (`#evasteet`), so the other
/// language's page opens at the same section: the address's fragment, not the scroll position,
/// because the reader scrolls up to the switch before using it.
pub fn keep_fragment_on_language_links(document: &Document) {
    let hash = document
        .location()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    for link in elements(
        document
            .query_selector_all(&["[", LANG_LINK_ATTRIBUTE, "]"].concat())
            .ok(),
    ) {
        let href = link.get_attribute("href").unwrap_or_default();
        let page = href.split('#').next().unwrap_or_default();
        let wanted = [page, hash.as_str()].concat();
        if href != wanted {
            let _ = link.set_attribute("href", &wanted);
        }
    }
}

/// Keeps the marker on the section being read, at most once per frame.
pub fn track_current_section(document: &Document) {
    let Some(window) = web_sys::window() else { return };
    let scheduled = Rc::new(Cell::new(false));
    let frame = {
        let (document, scheduled) = (document.clone(), scheduled.clone());
        Closure::<dyn FnMut()>::new(move || {
            scheduled.set(false);
            mark_current_section(&document);
            keep_fragment_on_language_links(&document);
        })
    };
    let on_scroll = {
        let window = window.clone();
        Closure::<dyn FnMut()>::new(move || {
            if !scheduled.replace(true) {
                let _ = window.request_animation_frame(frame.as_ref().unchecked_ref());
            }
        })
    };
    let options = AddEventListenerOptions::new();
    options.set_passive(true);
    for event in ["scroll", "resize", "hashchange"] {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            on_scroll.as_ref().unchecked_ref(),
            &options,
        );
    }
    // Mark the current section in the next frame, with the layout the frame computes anyway.
    let _ = window.request_animation_frame(on_scroll.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    on_scroll.forget();
}
