//! The banner's markup, rendered at build time into each language's page: the live region, the
//! first layer and the settings dialog. What shows when is decided by classes on `<html>` (set
//! before the first paint by the head script, `consent::first_paint`, then kept by the
//! controller) and by the controller for the settings view; every text is here, in the page's
//! language, so the WebAssembly carries no text.
//!
//! Static markup keeps the first load small (the same views built by Leptos measured +90 KB raw,
//! +30 KB brotli) and puts the banner in the first paint.

use super::table::{self, catalogue_text};
use crate::html::Text;
use maud::{html, Markup};
use portal_core::consent::catalogue::{entries, switchable, Purpose, PurposeExt, OPTIONAL, PURPOSES};
use portal_core::i18n::Lang;
use portal_core::notice::COOKIE_TABLE_ID;
use portal_core::vocabulary::{
    Action, Fact, Message, Show, BANNER_ID, CONSENT_ROOT_ID, GPC_NOTE_ID, SETTINGS_ID, STATUS_ID,
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
pub fn button(action: Action, text: &str, class: &str) -> Markup {
    // data-action: ACTION_ATTRIBUTE (the tests check the names the markup writes).
    html! {
        button type="button" class=(Text(class)) data-action=(action.key()) { (Text(text)) }
    }
}

fn note(note: Note, text: &str, id: Option<&str>) -> Markup {
    html! {
        p class={ "consent__note " (note.class()) } id=[id] { (Text(text)) }
    }
}

/// The banner's first layer, the settings dialog and the live region, in `lang`.
pub fn html(lang: Lang) -> String {
    let s = lang.strings();
    let choices = |settings: bool| {
        html! {
            div class="consent__actions" {
                @if settings { (button(Action::Save, s.settings.save, "button")) }
                (button(Action::AcceptAll, s.banner.accept_all, "button"))
                (button(Action::RejectAll, s.banner.reject_all, "button"))
                @if !settings { (button(Action::Settings, s.banner.settings, "button")) }
            }
        }
    };
    // Message::ALL's attributes (the tests check them).
    let message = |message: Message| match message {
        Message::Saved => s.messages.saved,
        Message::Withdrawn => s.messages.withdrawn,
        Message::NotStored => s.messages.not_stored,
    };

    html! {
        div id=(CONSENT_ROOT_ID) {
            p id=(STATUS_ID) class="consent-status" role="status"
                data-saved=(Text(message(Message::Saved)))
                data-withdrawn=(Text(message(Message::Withdrawn)))
                data-not-stored=(Text(message(Message::NotStored))) {}

            // The first layer: a region at the bottom of the viewport, not a modal.
            section id=(BANNER_ID) class="consent" aria-labelledby="consent-title" tabindex="-1" {
                div class="consent__body" tabindex="0" {
                    h2 id="consent-title" class="consent__title" { (Text(s.banner.title)) }
                    (note(Note::Changed, s.banner.ask_changed, None))
                    (note(Note::Expired, s.banner.ask_expired, None))
                    p class="consent__text" {
                        (Text(&catalogue_text(lang, s.banner.intro))) " "
                        a href={ "#" (COOKIE_TABLE_ID) } { (Text(s.banner.more)) }
                    }
                    @if gpc_applies() {
                        (note(Note::Gpc, s.banner.gpc, None))
                    }
                    (note(Note::NoStorage, s.messages.not_stored, None))
                }
                (choices(false))
            }

            // The settings view: a modal dialog (Escape closes it; focus returns where it was).
            dialog id=(SETTINGS_ID) class="consent-settings" aria-labelledby="consent-settings-title" {
                div class="consent-settings__head" {
                    h2 id="consent-settings-title" { (Text(s.settings.title)) }
                    (button(Action::Close, s.settings.close, "button button--quiet"))
                }
                p { (Text(s.settings.intro)) }
                @if gpc_applies() {
                    (note(Note::Gpc, s.banner.gpc, Some(GPC_NOTE_ID)))
                }
                @for purpose in PURPOSES {
                    (purpose_block(lang, *purpose))
                }
                (stored_choice(lang))
                (note(Note::NoStorage, s.messages.not_stored, None))
                (choices(true))
            }
        }
    }
    .into_string()
}

/// Whether the Global Privacy Control note belongs on the page: the signal refuses marketing,
/// so a site that asks for none has nothing to say about it.
fn gpc_applies() -> bool {
    OPTIONAL.contains(&Purpose::Marketing)
}

/// A purpose in the settings view: its name and switch, what it covers, what it stores.
fn purpose_block(lang: Lang, purpose: Purpose) -> Markup {
    let s = lang.strings();
    let key = purpose.key();
    let name = Text(purpose.name()(s));
    let name_id = format!("consent-{key}-name");
    let needs_id = purpose.needs().map(|_| format!("consent-{key}-needs"));
    let description_id = format!("consent-{key}-description");
    // A purpose with a switch per service is described by the note on them too (its switch is
    // on while any of them is).
    let services_hint_id = (!switchable(purpose).is_empty()).then(|| services_hint_id(purpose));
    let described_by = [
        Some(&description_id),
        needs_id.as_ref(),
        services_hint_id.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(" ");
    let count = entries(purpose).count();
    html! {
        div class="purpose" {
            div class="purpose__head" {
                @if purpose == Purpose::Necessary {
                    h3 class="purpose__name" { span id=(name_id) { (name) } }
                    span class="purpose__always" { (Text(s.settings.always_on)) }
                } @else {
                    h3 class="purpose__name" { label for={ "consent-" (key) } id=(name_id) { (name) } }
                    // data-consent-purpose: PURPOSE_ATTRIBUTE
                    input type="checkbox" role="switch" class="purpose__switch" id={ "consent-" (key) }
                        data-consent-purpose=(key)
                        aria-describedby=(described_by);
                }
            }
            p id=(description_id) class="purpose__description" {
                (Text(&catalogue_text(lang, purpose.description()(s))))
            }
            @if let Some(needs) = &needs_id {
                p id=(needs) class="purpose__needs" { (Text(s.settings.marketing_needs_analytics)) }
            }
            (services_block(lang, purpose))
            details class="purpose__entries" {
                summary { (Text(&portal_core::i18n::fill(s.settings.entries, &[("count", &count.to_string())]))) }
                (table::purpose_table(lang, purpose, &name_id))
            }
        }
    }
}

/// The switches of a purpose's services, where it has more than one ([`switchable`]): the
/// purpose's switch sets them all (the head script keeps them in step), and each can be set on its
/// own. Named by the vendor's product and described by who processes the data.
fn services_hint_id(purpose: Purpose) -> String {
    format!("consent-{}-services-hint", purpose.key())
}

fn services_block(lang: Lang, purpose: Purpose) -> Markup {
    let s = lang.strings();
    let services = switchable(purpose);
    let hint_id = services_hint_id(purpose);
    let key = purpose.key();
    // Named by the purpose and the legend ("Analytics: Services"): every purpose's legend is the
    // same word.
    let legend_id = format!("consent-{key}-services");
    html! {
        @if !services.is_empty() {
            fieldset class="purpose__services" aria-labelledby={ "consent-" (key) "-name " (legend_id) }
                aria-describedby=(hint_id) {
                legend id=(legend_id) { (Text(s.settings.services)) }
                p id=(hint_id) class="purpose__hint" { (Text(s.settings.services_hint)) }
                @for (_, service) in &services {
                    @let id = format!("consent-service-{}", service.id);
                    // Not below `consent-service-`: no service's switch can take this id.
                    @let provider = format!("consent-provider-{}", service.id);
                    div class="service" {
                        div {
                            label for=(id) { (Text(service.display_name())) }
                            small id=(provider) { (Text(&service.provider)) }
                        }
                        // data-consent-service: SERVICE_ATTRIBUTE; data-consent-service-purpose:
                        // SERVICE_PURPOSE_ATTRIBUTE.
                        input type="checkbox" role="switch" class="purpose__switch" id=(id)
                            aria-describedby=(provider)
                            data-consent-service=(Text(&service.id))
                            data-consent-service-purpose=(purpose.key());
                    }
                }
            }
        }
    }
}

/// The stored choice: the facts the controller writes in, and the receipt.
fn stored_choice(lang: Lang) -> Markup {
    let s = lang.strings();
    // data-consent-fact: FACT_ATTRIBUTE; data-allowed, data-refused: ALLOWED_TEXT_ATTRIBUTE,
    // REFUSED_TEXT_ATTRIBUTE; data-consent-show: SHOW_ATTRIBUTE.
    html! {
        section class="stored-choice" aria-labelledby="stored-choice-title" {
            h3 id="stored-choice-title" { (Text(s.record.title)) }
            p data-consent-show=(Show::NoRecord.key()) { (Text(s.record.none)) }
            div data-consent-show=(Show::Record.key()) hidden {
                dl class="stored-choice__facts" {
                    dt { (Text(s.record.saved_at)) } dd data-consent-fact=(Fact::SavedAt.key()) {}
                    dt { (Text(s.record.valid_until)) } dd data-consent-fact=(Fact::ValidUntil.key()) {}
                    dt { (Text(s.record.id)) } dd { code data-consent-fact=(Fact::Id.key()) {} }
                    @for purpose in OPTIONAL {
                        dt { (Text(purpose.name()(s))) }
                        dd data-consent-fact=(Fact::Choice(*purpose).key())
                            data-allowed=(Text(s.record.allowed)) data-refused=(Text(s.record.refused)) {}
                        @for (_, service) in switchable(*purpose) {
                            dt class="stored-choice__service" { (Text(service.display_name())) }
                            // data-consent-service-fact: SERVICE_FACT_ATTRIBUTE.
                            dd class="stored-choice__service" data-consent-service-fact=(Text(&service.id))
                                data-allowed=(Text(s.record.allowed)) data-refused=(Text(s.record.refused)) {}
                        }
                    }
                }
                (button(Action::Receipt, s.record.receipt, "button button--quiet"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::vocabulary::{
        ACTION_ATTRIBUTE, ALLOWED_TEXT_ATTRIBUTE, FACT_ATTRIBUTE, PURPOSE_ATTRIBUTE, REFUSED_TEXT_ATTRIBUTE,
        SERVICE_ATTRIBUTE, SERVICE_FACT_ATTRIBUTE, SERVICE_PURPOSE_ATTRIBUTE, SHOW_ATTRIBUTE,
    };

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
        let retention =
            portal_core::consent::catalogue::RETENTION_MONTHS.expect("the repository's site says it");
        assert!(
            banner.contains(&format!(
                "säilyttää käyttäjä- ja tapahtumatason mittaustiedot {retention} kuukautta"
            )),
            "{banner}"
        );
        let valid = portal_core::consent::record::CHOICE_MONTHS;
        assert!(
            banner.contains(&format!("voimassa {valid} kuukautta")),
            "{banner}"
        );
    }

    #[test]
    fn settings_have_a_switch_per_optional_purpose_off_by_default() {
        for lang in Lang::ALL {
            let page = html(lang);
            let services: usize = OPTIONAL.iter().map(|p| switchable(*p).len()).sum();
            assert_eq!(
                values(&page, "role").iter().filter(|r| **r == "switch").count(),
                OPTIONAL.len() + services
            );
            for purpose in OPTIONAL {
                assert!(
                    page.contains(&format!("id=\"consent-{}\"", purpose.key())),
                    "{purpose:?}"
                );
            }
            assert!(!page.contains(" checked"));
            assert!(!page.contains('{'), "placeholder left in {lang}");
        }
        let en = html(Lang::En);
        assert!(
            en.contains("<label for=\"consent-analytics\" id=\"consent-analytics-name\">Analytics</label>")
        );
        assert!(en.contains("<span class=\"purpose__always\">Always on</span>"));
        // The note under a purpose that works through another, only where one does.
        let needs = OPTIONAL.iter().any(|p| p.needs().is_some());
        assert_eq!(en.contains("consent-marketing-needs"), needs);
        assert_eq!(
            en.contains("you can allow marketing only after allowing analytics"),
            needs
        );
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
                assert!(OPTIONAL.iter().any(|p| p.key() == purpose), "{purpose}");
            }
            // A switch and a fact for each service of a purpose with more than one, and no other.
            let switchable: Vec<String> = OPTIONAL
                .iter()
                .flat_map(|p| switchable(*p))
                .map(|(_, service)| service.id.to_string())
                .collect();
            assert_eq!(values(&page, SERVICE_ATTRIBUTE), switchable);
            assert_eq!(values(&page, SERVICE_FACT_ATTRIBUTE), switchable);
            for (service, purpose) in values(&page, SERVICE_ATTRIBUTE)
                .iter()
                .zip(values(&page, SERVICE_PURPOSE_ATTRIBUTE))
            {
                let of = portal_core::facts::SERVICES
                    .iter()
                    .find(|s| s.id == *service)
                    .unwrap();
                assert_eq!(of.purpose.key(), purpose);
            }
            let shows = values(&page, SHOW_ATTRIBUTE);
            assert_eq!(
                shows,
                Show::ALL.map(Show::key).iter().rev().copied().collect::<Vec<_>>()
            );
            for message in Message::ALL {
                assert_eq!(values(&page, message.attribute()).len(), 1, "{message:?}");
            }
            for attribute in [ALLOWED_TEXT_ATTRIBUTE, REFUSED_TEXT_ATTRIBUTE] {
                assert_eq!(
                    values(&page, attribute).len(),
                    OPTIONAL.len() + switchable.len(),
                    "{attribute}"
                );
            }
            let facts = values(&page, FACT_ATTRIBUTE);
            for fact in [Fact::SavedAt, Fact::ValidUntil, Fact::Id]
                .into_iter()
                .chain(OPTIONAL.iter().copied().map(Fact::Choice))
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
            "fieldset", "legend", "summary", "table", "thead", "tbody", "tr", "th", "td", "code", "br",
            "small", "dl", "dt", "dd",
        ];
        for tag in tags {
            assert!(allowed.contains(&tag), "unexpected element <{tag}>");
        }
    }
}
