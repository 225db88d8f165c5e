//! The banner's markup, rendered at build time into each language's page: the live region, the
//! first layer and the settings dialog. What shows when is decided by classes on `<html>` (set
//! before the first paint by the head script, `consent::first_paint`, then kept by the
//! controller) and by the controller for the settings view; every text is here, in the page's
//! language, so the WebAssembly carries no text.
//!
//! Static markup keeps the first load small (the same views built by Leptos measured +90 KB raw,
//! +30 KB brotli) and puts the banner in the first paint.

use super::table::{self, catalogue_text};
use crate::html::esc;
use portal_core::consent::catalogue::{Purpose, CATALOGUE};
use portal_core::i18n::Lang;
use portal_core::notice::COOKIE_TABLE_ID;
use portal_core::vocabulary::{
    Action, Fact, Message, Show, ACTION_ATTRIBUTE, ALLOWED_TEXT_ATTRIBUTE, BANNER_ID, CONSENT_ROOT_ID,
    FACT_ATTRIBUTE, GPC_NOTE_ID, PURPOSE_ATTRIBUTE, REFUSED_TEXT_ATTRIBUTE, SETTINGS_ID, SHOW_ATTRIBUTE,
    STATUS_ID,
};

/// A note of the first layer or the settings view that CSS shows for a state of `<html>`:
/// `consent__note--changed`, `--expired`, `--gpc`, `--no-storage` (style/consent.css).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    Changed,
    Expired,
    Gpc,
    NoStorage,
}

impl Note {
    pub const ALL: [Note; 4] = [Note::Changed, Note::Expired, Note::Gpc, Note::NoStorage];

    /// The modifier class that CSS keys on.
    pub const fn class(self) -> &'static str {
        match self {
            Note::Changed => "consent__note--changed",
            Note::Expired => "consent__note--expired",
            Note::Gpc => "consent__note--gpc",
            Note::NoStorage => "consent__note--no-storage",
        }
    }
}

/// A button that does `action`.
pub fn button(action: Action, text: &str, class: &str) -> String {
    format!(
        "<button type=\"button\" class=\"{class}\" {ACTION_ATTRIBUTE}=\"{}\">{}</button>",
        action.key(),
        esc(text)
    )
}

fn note(note: Note, text: &str, id: Option<&str>) -> String {
    let id = id.map(|id| format!(" id=\"{id}\"")).unwrap_or_default();
    format!(
        "<p class=\"consent__note {}\"{id}>{}</p>",
        note.class(),
        esc(text)
    )
}

/// The banner's first layer, the settings dialog and the live region, in `lang`.
pub fn html(lang: Lang) -> String {
    let s = lang.strings();
    let choices = |settings: bool| {
        let mut out = String::from("<div class=\"consent__actions\">");
        if settings {
            out.push_str(&button(Action::Save, s.settings.save, "button"));
        }
        out.push_str(&button(Action::AcceptAll, s.banner.accept_all, "button"));
        out.push_str(&button(Action::RejectAll, s.banner.reject_all, "button"));
        if !settings {
            out.push_str(&button(Action::Settings, s.banner.settings, "button"));
        }
        out.push_str("</div>");
        out
    };

    let mut out = String::with_capacity(12 * 1024);
    out.push_str(&format!("<div id=\"{CONSENT_ROOT_ID}\">"));
    out.push_str(&format!(
        "<p id=\"{STATUS_ID}\" class=\"consent-status\" role=\"status\""
    ));
    for message in Message::ALL {
        let text = match message {
            Message::Saved => s.messages.saved,
            Message::Withdrawn => s.messages.withdrawn,
            Message::NotStored => s.messages.not_stored,
        };
        out.push_str(&format!(" {}=\"{}\"", message.attribute(), esc(text)));
    }
    out.push_str("></p>");

    // The first layer: a region at the bottom of the viewport, not a modal.
    out.push_str(&format!(
        "<section id=\"{BANNER_ID}\" class=\"consent\" aria-labelledby=\"consent-title\" tabindex=\"-1\">\
<div class=\"consent__body\" tabindex=\"0\"><h2 id=\"consent-title\" class=\"consent__title\">{}</h2>",
        esc(s.banner.title)
    ));
    out.push_str(&note(Note::Changed, s.banner.ask_changed, None));
    out.push_str(&note(Note::Expired, s.banner.ask_expired, None));
    out.push_str(&format!(
        "<p class=\"consent__text\">{} <a href=\"#{COOKIE_TABLE_ID}\">{}</a></p>",
        esc(&catalogue_text(lang, s.banner.intro)),
        esc(s.banner.more)
    ));
    out.push_str(&note(Note::Gpc, s.banner.gpc, None));
    out.push_str(&note(Note::NoStorage, s.messages.not_stored, None));
    out.push_str("</div>");
    out.push_str(&choices(false));
    out.push_str("</section>");

    // The settings view: a modal dialog (Escape closes it; focus returns where it was).
    out.push_str(&format!(
        "<dialog id=\"{SETTINGS_ID}\" class=\"consent-settings\" aria-labelledby=\"consent-settings-title\">\
<div class=\"consent-settings__head\"><h2 id=\"consent-settings-title\">{}</h2>{}</div><p>{}</p>",
        esc(s.settings.title),
        button(Action::Close, s.settings.close, "button button--quiet"),
        esc(s.settings.intro)
    ));
    out.push_str(&note(Note::Gpc, s.banner.gpc, Some(GPC_NOTE_ID)));
    for purpose in Purpose::ALL {
        out.push_str(&purpose_block(lang, purpose));
    }
    out.push_str(&stored_choice(lang));
    out.push_str(&note(Note::NoStorage, s.messages.not_stored, None));
    out.push_str(&choices(true));
    out.push_str("</dialog></div>");
    out
}

/// A purpose in the settings view: its name and switch, what it covers, what it stores.
fn purpose_block(lang: Lang, purpose: Purpose) -> String {
    let s = lang.strings();
    let key = purpose.key();
    let name = esc(purpose.name()(s));
    let name_id = format!("consent-{key}-name");
    let needs = purpose.needs().map(|_| {
        format!(
            "<p id=\"consent-{key}-needs\" class=\"purpose__needs\">{}</p>",
            esc(s.settings.marketing_needs_analytics)
        )
    });
    let (title, control) = if purpose == Purpose::Necessary {
        (
            format!("<span id=\"{name_id}\">{name}</span>"),
            format!(
                "<span class=\"purpose__always\">{}</span>",
                esc(s.settings.always_on)
            ),
        )
    } else {
        let described_by = match needs {
            Some(_) => format!("consent-{key}-description consent-{key}-needs"),
            None => format!("consent-{key}-description"),
        };
        (
            format!("<label for=\"consent-{key}\" id=\"{name_id}\">{name}</label>"),
            format!(
                "<input type=\"checkbox\" role=\"switch\" class=\"purpose__switch\" id=\"consent-{key}\" \
{PURPOSE_ATTRIBUTE}=\"{key}\" aria-describedby=\"{described_by}\">"
            ),
        )
    };
    let count = CATALOGUE.iter().filter(|e| e.purpose == purpose).count();
    format!(
        "<div class=\"purpose\"><div class=\"purpose__head\"><h3 class=\"purpose__name\">{title}</h3>{control}</div>\
<p id=\"consent-{key}-description\" class=\"purpose__description\">{}</p>{}\
<details class=\"purpose__entries\"><summary>{}</summary>{}</details></div>",
        esc(&catalogue_text(lang, purpose.description()(s))),
        needs.unwrap_or_default(),
        esc(&portal_core::i18n::fill(s.settings.entries, &[("count", &count.to_string())])),
        table::purpose_table(lang, purpose, &format!("consent-{key}-name"))
    )
}

/// The stored choice: the facts the controller writes in, and the receipt.
fn stored_choice(lang: Lang) -> String {
    let s = lang.strings();
    let fact = |fact: Fact| format!("{FACT_ATTRIBUTE}=\"{}\"", fact.key());
    let mut facts = format!(
        "<dt>{}</dt><dd {}></dd><dt>{}</dt><dd {}></dd><dt>{}</dt><dd><code {}></code></dd>",
        esc(s.record.saved_at),
        fact(Fact::SavedAt),
        esc(s.record.valid_until),
        fact(Fact::ValidUntil),
        esc(s.record.id),
        fact(Fact::Id)
    );
    for purpose in Purpose::OPTIONAL {
        facts.push_str(&format!(
            "<dt>{}</dt><dd {} {ALLOWED_TEXT_ATTRIBUTE}=\"{}\" {REFUSED_TEXT_ATTRIBUTE}=\"{}\"></dd>",
            esc(purpose.name()(s)),
            fact(Fact::Choice(purpose)),
            esc(s.record.allowed),
            esc(s.record.refused)
        ));
    }
    format!(
        "<section class=\"stored-choice\" aria-labelledby=\"stored-choice-title\"><h3 id=\"stored-choice-title\">{}</h3>\
<p {SHOW_ATTRIBUTE}=\"{}\">{}</p><div {SHOW_ATTRIBUTE}=\"{}\" hidden><dl class=\"stored-choice__facts\">{facts}</dl>{}</div></section>",
        esc(s.record.title),
        Show::NoRecord.key(),
        esc(s.record.none),
        Show::Record.key(),
        button(Action::Receipt, s.record.receipt, "button button--quiet")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of `attribute="…"` in `html`.
    pub(crate) fn values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
        let marker = format!("{attribute}=\"");
        html.match_indices(&marker)
            .filter_map(|(at, _)| html[at + marker.len()..].split('"').next())
            .collect()
    }

    #[test]
    fn first_layer_has_three_equal_buttons() {
        let fi = html(Lang::Fi);
        let start = fi.find(&format!("id=\"{BANNER_ID}\"")).unwrap();
        let banner = &fi[start..start + fi[start..].find("</section>").unwrap()];
        let buttons: Vec<(&str, &str)> = banner
            .match_indices("<button type=\"button\" class=\"")
            .map(|(at, _)| {
                let tag = &banner[at..];
                let class = tag.split('"').nth(3).unwrap();
                let label = &tag[tag.find('>').unwrap() + 1..tag.find("</button>").unwrap()];
                (class, label)
            })
            .collect();
        assert_eq!(
            buttons,
            [
                ("button", "Hyväksy kaikki"),
                ("button", "Hylkää kaikki"),
                ("button", "Evästeasetukset")
            ]
        );
        assert!(banner.contains("Google Analytics 4\u{a0}-palvelulla"), "{banner}");
        assert!(banner.contains(&format!(
            "<a href=\"#{COOKIE_TABLE_ID}\">Sivustolla käytettävät evästeet</a>"
        )));
        // The site folder's retention and validity, in Finnish words.
        let retention = crate::consent::catalogue::GA_DATA_RETENTION_MONTHS;
        assert!(
            banner.contains(&format!(
                "säilyttää käyttäjä- ja tapahtumatason mittaustiedot {retention} kuukautta"
            )),
            "{banner}"
        );
        let valid = crate::consent::record::CHOICE_MONTHS;
        assert!(
            banner.contains(&format!("voimassa {valid} kuukautta")),
            "{banner}"
        );
    }

    #[test]
    fn settings_have_a_switch_per_optional_purpose_off_by_default() {
        for lang in Lang::ALL {
            let page = html(lang);
            assert_eq!(
                values(&page, "role").iter().filter(|r| **r == "switch").count(),
                2
            );
            assert!(!page.contains(" checked"));
            assert!(!page.contains('{'), "placeholder left in {lang}");
        }
        let en = html(Lang::En);
        assert!(
            en.contains("<label for=\"consent-analytics\" id=\"consent-analytics-name\">Analytics</label>")
        );
        assert!(en.contains("<span class=\"purpose__always\">Always on</span>"));
        assert!(en.contains("aria-describedby=\"consent-marketing-description consent-marketing-needs\""));
        assert!(en.contains("you can allow marketing only after allowing analytics"));
    }

    #[test]
    fn every_name_the_markup_uses_is_one_the_code_knows() {
        for lang in Lang::ALL {
            let page = html(lang);
            let actions = values(&page, ACTION_ATTRIBUTE);
            for action in &actions {
                assert!(Action::from_key(action).is_some(), "unknown action {action}");
            }
            for action in Action::ALL {
                assert!(actions.contains(&action.key()), "{action:?} has no button");
            }
            for purpose in values(&page, PURPOSE_ATTRIBUTE) {
                assert!(Purpose::OPTIONAL.iter().any(|p| p.key() == purpose), "{purpose}");
            }
            let shows = values(&page, SHOW_ATTRIBUTE);
            assert_eq!(
                shows,
                Show::ALL.map(Show::key).iter().rev().copied().collect::<Vec<_>>()
            );
            for message in Message::ALL {
                assert_eq!(values(&page, message.attribute()).len(), 1, "{message:?}");
            }
            let facts = values(&page, FACT_ATTRIBUTE);
            for fact in [Fact::SavedAt, Fact::ValidUntil, Fact::Id]
                .into_iter()
                .chain(Purpose::OPTIONAL.map(Fact::Choice))
            {
                assert!(facts.contains(&fact.key()), "{fact:?}");
            }
        }
    }

    /// Only the elements the markup means to write: a text from a locale file that slipped in
    /// unescaped would show up as an element of its own (`esc` itself is tested in site::html).
    #[test]
    fn only_the_intended_elements() {
        let page = html(Lang::Fi);
        let tags: Vec<&str> = page
            .split('<')
            .skip(1)
            .filter_map(|tag| tag.split(|c: char| !c.is_ascii_alphanumeric()).next())
            .filter(|name| !name.is_empty())
            .collect();
        let allowed = [
            "div", "p", "section", "h2", "h3", "a", "button", "dialog", "label", "input", "span", "details",
            "summary", "table", "thead", "tbody", "tr", "th", "td", "code", "br", "small", "dl", "dt", "dd",
        ];
        for tag in tags {
            assert!(allowed.contains(&tag), "unexpected element <{tag}>");
        }
    }
}
