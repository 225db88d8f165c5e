//! Which language to show, and remembering the visitor's choice.
//!
//! The choice (a plain `fi` / `en`) is stored only when the visitor presses the switch: a
//! preference the visitor asked for, which ePrivacy rules exempt from consent. Storage that is
//! missing or throws is ignored.

use crate::dom::local_storage;
use crate::i18n::Lang;

/// The storage key of the remembered language.
pub const STORAGE_KEY: &str = "safrent.lang";

/// The language to show on load: `?lang=` in the address, else the remembered choice, else the
/// language of the page the server sent.
pub fn initial(page_lang: Lang) -> Lang {
    from_address().or_else(remembered).unwrap_or(page_lang)
}

fn from_address() -> Option<Lang> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("lang")?.parse().ok()
}

fn remembered() -> Option<Lang> {
    local_storage()?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()?
        .parse()
        .ok()
}

/// Remembers the visitor's choice; full or blocked storage: the switch still works for this view.
pub fn remember(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}
