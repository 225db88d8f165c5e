//! The banner's markup, rendered at build time into the page (one copy per language, swapped by
//! the language switch like the notice): the first layer, the settings dialog, the stored-choice
//! facts and the live region. The first layer shows only while `<html>` has the class
//! `consent-ask` (set before the first paint by `first-paint.js` when nothing is stored, then
//! owned by the controller); the rest is hidden until the controller shows what applies.
//!
//! Static markup keeps the first load small (the same views built by Leptos measured +90 KB raw,
//! +30 KB brotli) and lets the banner appear the moment the controller decides to ask.
//!
//! Hooks for the controller: `data-consent-action` on buttons, `data-consent-purpose` on the
//! switches, `data-consent-show` on parts shown by state, `data-consent-fact` on texts it fills.

use super::catalogue::{Purpose, CATALOGUE};
use super::table;
use crate::i18n::Lang;
use crate::notice::render::escape_attribute as esc;
use crate::notice::COOKIE_SECTION_ID;

fn button(action: &str, text: &str, quiet: bool) -> String {
    let class = if quiet { "button button--quiet" } else { "button" };
    format!(
        "<button type=\"button\" class=\"{class}\" data-consent-action=\"{action}\">{}</button>",
        esc(text)
    )
}

fn note(show: &str, text: &str, id: Option<&str>) -> String {
    let id = id.map(|id| format!(" id=\"{id}\"")).unwrap_or_default();
    format!(
        "<p class=\"consent__note\"{id} data-consent-show=\"{show}\" hidden>{}</p>",
        esc(text)
    )
}

/// The consent markup in `lang`.
pub fn html(lang: Lang) -> String {
    let s = lang.strings();
    let choices = |save: bool| {
        let mut out = String::from("<div class=\"consent__actions\">");
        if save {
            out.push_str(&button("save", s.save_choices, false));
        }
        out.push_str(&button("accept-all", s.accept_all, false));
        out.push_str(&button("reject-all", s.reject_all, false));
        if !save {
            out.push_str(&button("settings", s.cookie_settings, false));
        }
        out.push_str("</div>");
        out
    };

    let mut out = String::with_capacity(12 * 1024);
    out.push_str("<p class=\"visually-hidden\" role=\"status\" data-consent-fact=\"status\"></p>");

    // The first layer: a region at the bottom of the viewport, not a modal.
    out.push_str(
        "<section id=\"consent-banner\" class=\"consent\" aria-labelledby=\"consent-title\" tabindex=\"-1\">",
    );
    out.push_str(&format!(
        "<h2 id=\"consent-title\" class=\"consent__title\">{}</h2>",
        esc(s.consent_title)
    ));
    out.push_str(&note("changed", s.ask_changed, None));
    out.push_str(&note("expired", s.ask_expired, None));
    out.push_str(&format!(
        "<p class=\"consent__text\">{} <a href=\"#{COOKIE_SECTION_ID}\">{}</a></p>",
        esc(s.consent_intro),
        esc(s.consent_more)
    ));
    out.push_str(&note("gpc", s.gpc_note, None));
    out.push_str(&note("no-storage", s.storage_unavailable, None));
    out.push_str(&choices(false));
    out.push_str("</section>");

    // The settings view: a modal dialog (Escape closes it; focus returns where it was).
    out.push_str("<dialog id=\"consent-settings\" class=\"consent-settings\" aria-labelledby=\"consent-settings-title\">");
    out.push_str(&format!(
        "<div class=\"consent-settings__head\"><h2 id=\"consent-settings-title\">{}</h2>{}</div>",
        esc(s.cookie_settings),
        button("close", s.close, true)
    ));
    out.push_str(&format!("<p>{}</p>", esc(s.settings_intro)));
    out.push_str(&note("gpc", s.gpc_note, Some("consent-gpc-note")));
    for purpose in Purpose::ALL {
        let key = purpose.key();
        let name = esc(purpose.name().get(lang));
        let (title, control) = if purpose == Purpose::Necessary {
            (
                name,
                format!("<span class=\"purpose__always\">{}</span>", esc(s.always_on)),
            )
        } else {
            (
                format!("<label for=\"consent-{key}\">{name}</label>"),
                format!(
                    "<input type=\"checkbox\" role=\"switch\" class=\"purpose__switch\" id=\"consent-{key}\" \
data-consent-purpose=\"{key}\" aria-describedby=\"consent-{key}-description\">"
                ),
            )
        };
        let count = CATALOGUE.iter().filter(|e| e.purpose == purpose).count();
        out.push_str(&format!(
            "<div class=\"purpose\"><div class=\"purpose__head\"><h3 class=\"purpose__name\">{title}</h3>{control}</div>\
<p id=\"consent-{key}-description\" class=\"purpose__description\">{}</p>\
<details class=\"purpose__entries\"><summary>{} ({count})</summary>{}</details></div>",
            esc(purpose.description().get(lang)),
            esc(s.cookies_and_storage),
            table::purpose_table(lang, purpose)
        ));
    }
    out.push_str(&format!(
        "<section class=\"stored-choice\" aria-labelledby=\"stored-choice-title\"><h3 id=\"stored-choice-title\">{}</h3>\
<p data-consent-show=\"no-record\">{}</p><div data-consent-show=\"record\" hidden><dl class=\"stored-choice__facts\">\
<dt>{}</dt><dd data-consent-fact=\"saved\"></dd><dt>{}</dt><dd data-consent-fact=\"valid-until\"></dd>\
<dt>{}</dt><dd><code data-consent-fact=\"id\"></code></dd></dl><p data-consent-fact=\"summary\"></p>{}</div></section>",
        esc(s.record_title),
        esc(s.record_none),
        esc(s.record_saved_at),
        esc(s.record_valid_until),
        esc(s.record_id),
        button("receipt", s.download_receipt, true)
    ));
    out.push_str(&choices(true));
    out.push_str("</dialog>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_layer_has_three_equal_buttons() {
        let fi = html(Lang::Fi);
        let banner = &fi[fi.find("id=\"consent-banner\"").unwrap()..fi.find("</section>").unwrap()];
        for (action, name) in [
            ("accept-all", "Hyväksy kaikki"),
            ("reject-all", "Hylkää kaikki"),
            ("settings", "Evästeasetukset"),
        ] {
            assert!(
                banner.contains(&format!("<button type=\"button\" class=\"button\" data-consent-action=\"{action}\">{name}</button>")),
                "{action}"
            );
        }
        assert!(banner.contains("Google Ireland Ltd"));
        assert!(banner.contains("<a href=\"#evasteet\">"));
        assert!(!banner.starts_with("id=\"consent-banner\" class=\"consent\" aria-labelledby=\"consent-title\" tabindex=\"-1\" hidden"));
    }

    #[test]
    fn settings_have_a_switch_per_optional_purpose_off_by_default() {
        let en = html(Lang::En);
        assert_eq!(en.matches("role=\"switch\"").count(), 2);
        assert!(!en.contains("checked"));
        assert!(en.contains("<label for=\"consent-analytics\">Analytics</label>"));
        assert!(en.contains("<span class=\"purpose__always\">Always on</span>"));
        assert!(en.contains("data-consent-action=\"save\">Save choices</button>"));
        assert!(en.contains("data-consent-action=\"receipt\">Download receipt (JSON)</button>"));
    }

    #[test]
    fn texts_are_escaped() {
        assert!(!html(Lang::Fi).contains("<script"));
    }
}
