//! In the browser: switch the static page's regions between languages, and mark the section being
//! read in the table of contents. Thin glue around the DOM; the decisions are in [`super::toc`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Document, HtmlTemplateElement};

use super::toc::current_section;
use crate::dom::elements;
use crate::i18n::Lang;

/// Where the template with the other languages' regions is (see `site::page`).
const TEMPLATE_SELECTOR: &str = "template#translations";
const REGION_ATTRIBUTE: &str = "data-region";

/// The regions of one language: (region name, inner HTML) pairs. A handful, so a `Vec`: no hash
/// map code in the WebAssembly.
type Regions = Vec<(String, String)>;

/// The content of every region of the page, in every language the page carries. Read lazily, at
/// the first switch: serialising the page's regions at start-up would delay the app for nothing.
pub struct Translations {
    /// (language, document title, regions), filled as languages are first shown or left.
    languages: RefCell<Vec<(Lang, String, Regions)>>,
    shown: Cell<Lang>,
}

impl Translations {
    /// The page as the server sent it, in the language of `<html lang>`.
    pub fn from_page(document: &Document) -> Translations {
        Translations {
            languages: RefCell::new(Vec::new()),
            shown: Cell::new(crate::dom::page_lang(document)),
        }
    }

    /// The language the page shows now.
    pub fn shown(&self) -> Lang {
        self.shown.get()
    }

    /// The regions and title of `lang`, from memory or from the page's template.
    fn load(&self, document: &Document, lang: Lang) -> Option<(String, Regions)> {
        if let Some((_, title, regions)) = self.languages.borrow().iter().find(|(l, _, _)| *l == lang) {
            return Some((title.clone(), regions.clone()));
        }
        elements(document.query_selector_all(TEMPLATE_SELECTOR).ok())
            .into_iter()
            .find_map(|template| {
                let template = template.dyn_into::<HtmlTemplateElement>().ok()?;
                if template.get_attribute("data-lang")?.parse::<Lang>().ok()? != lang {
                    return None;
                }
                let title = template.get_attribute("data-title").unwrap_or_default();
                Some((
                    title,
                    read_regions(template.content().query_selector_all("[data-region]").ok()),
                ))
            })
    }

    /// Shows `lang`: swaps every region, `<html lang>` and the document title, and keeps the
    /// reader at the section they were reading. Does nothing for a language the page lacks.
    pub fn show(&self, document: &Document, lang: Lang) {
        let leaving = self.shown.get();
        if lang == leaving {
            return;
        }
        let Some((title, regions)) = self.load(document, lang) else {
            return;
        };
        // Keep what is leaving the page, the first time it leaves.
        if !self.languages.borrow().iter().any(|(l, _, _)| *l == leaving) {
            let current = read_regions(document.query_selector_all("[data-region]").ok());
            self.languages
                .borrow_mut()
                .push((leaving, document.title(), current));
        }
        let reading = current_section_id(document);
        for element in elements(document.query_selector_all("[data-region]").ok()) {
            let name = element.get_attribute(REGION_ATTRIBUTE).unwrap_or_default();
            if let Some((_, html)) = regions.iter().find(|(n, _)| *n == name) {
                element.set_inner_html(html);
            }
        }
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        document.set_title(&title);
        self.shown.set(lang);
        if let Some(id) = reading {
            if let Some(section) = document.get_element_by_id(&id) {
                section.scroll_into_view();
            }
        }
        collapse_toc_on_small_screens(document);
        mark_current_section(document);
    }
}

fn read_regions(nodes: Option<web_sys::NodeList>) -> Regions {
    elements(nodes)
        .into_iter()
        .map(|element| {
            (
                element.get_attribute(REGION_ATTRIBUTE).unwrap_or_default(),
                element.inner_html(),
            )
        })
        .collect()
}

/// The id of the section at the reading line, as [`current_section`] decides.
fn current_section_id(document: &Document) -> Option<String> {
    let window = web_sys::window()?;
    let sections = elements(document.query_selector_all("#notice .notice-section").ok());
    let tops: Vec<f64> = sections
        .iter()
        .map(|s| s.get_bounding_client_rect().top())
        .collect();
    let ids: Vec<String> = sections
        .iter()
        .map(|s| s.get_attribute("data-section").unwrap_or_default())
        .collect();
    let viewport = window.inner_height().ok()?.as_f64()?;
    let scrolled = window.scroll_y().ok()?;
    let height = f64::from(document.document_element()?.scroll_height());
    let at_bottom = scrolled > 0.0 && scrolled + viewport >= height - 2.0;
    let reading_line = (viewport * 0.25).min(160.0);
    current_section(&tops, reading_line, at_bottom).map(|index| ids[index].clone())
}

/// Marks the table-of-contents link of the current section with `aria-current="location"`.
pub fn mark_current_section(document: &Document) {
    let current = current_section_id(document).map(|id| format!("#{id}"));
    for link in elements(document.query_selector_all(".toc a").ok()) {
        let is_current = current.is_some() && link.get_attribute("href") == current;
        let has = link.has_attribute("aria-current");
        if is_current && !has {
            let _ = link.set_attribute("aria-current", "location");
        } else if !is_current && has {
            let _ = link.remove_attribute("aria-current");
        }
    }
}

/// On a narrow screen the table of contents starts folded, so the notice comes first.
pub fn collapse_toc_on_small_screens(document: &Document) {
    let narrow = web_sys::window()
        .and_then(|w| w.match_media("(max-width: 60rem)").ok().flatten())
        .is_some_and(|query| query.matches());
    if narrow {
        if let Ok(Some(details)) = document.query_selector(".toc__details") {
            let _ = details.remove_attribute("open");
        }
    }
}

/// Keeps the table of contents' marker on the section being read, at most once per frame.
pub fn track_current_section(document: &Document) {
    let Some(window) = web_sys::window() else { return };
    let scheduled = Rc::new(Cell::new(false));
    let frame = {
        let (document, scheduled) = (document.clone(), scheduled.clone());
        Closure::<dyn FnMut()>::new(move || {
            scheduled.set(false);
            mark_current_section(&document);
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
