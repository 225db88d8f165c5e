//! The names that the build-time markup writes and the run-time code reads: element ids, data
//! attributes, classes on `<html>`, the actions of buttons. Each is defined once, here, and used by
//! both sides (`site::page`, `consent::markup`, `consent::first_paint` at build time; `app`,
//! `consent::controller` in the browser), so that a typo cannot make a button do nothing.
//! `tests` at the end check that every name the markup writes is one the code handles.

/// On `<html>`, set before the first paint by the head script: scripts run, so the buttons that
/// only work with JavaScript are shown from the first paint (nothing appears later).
pub const JS_CLASS: &str = "js";

/// On `<html>`: the cookie banner's first layer is shown (no valid choice is stored).
pub const ASK_CLASS: &str = "consent-ask";
/// On `<html>`: why the banner asks ([`crate::consent::record::Ask::key`]); CSS shows the note
/// that goes with it ("the texts have changed", "your choice has expired").
pub const ASK_REASON_ATTRIBUTE: &str = "data-consent-ask";
/// On `<html>`: the browser sends Global Privacy Control (the banner says marketing is refused).
pub const GPC_CLASS: &str = "consent-gpc";
/// On `<html>`: the browser lets the page store nothing (the banner says the choice holds for
/// this page view only).
pub const NO_STORAGE_CLASS: &str = "consent-no-storage";

/// `<meta name=… content="fi:<revision> en:<revision>">`: the current consent revision of every
/// language, so a choice made on one language's page holds on the others.
pub const REVISIONS_META: &str = "consent-revisions";
/// The attribute of [`REVISIONS_META`] that says where each revision's texts are published
/// (`consent/<revision>.json`), relative to the page.
pub const REVISIONS_TEXTS_ATTRIBUTE: &str = "data-texts";
/// The attribute of [`REVISIONS_META`] that says where the company's consent log takes each
/// choice (`api/consent`, relative to the page: [`crate::consent::log::PATH`]); written only when
/// the site folder turns the log on (`[consent] log = true`), so without it nothing is sent.
pub const LOG_ATTRIBUTE: &str = "data-log";
/// `<meta name=… content="<app module URL>" data-wasm="<wasm URL>">`, written by trunk from
/// `pattern_script` in `Trunk.toml`: where the head script loads the app from.
pub const APP_META: &str = "portal-app";
/// The attribute of [`APP_META`] that holds the WebAssembly's URL.
pub const APP_WASM_ATTRIBUTE: &str = "data-wasm";
/// The global array in which the head script keeps clicks on [`ACTION_ATTRIBUTE`] buttons made
/// before the app has started; the app replays the last one.
pub const EARLY_CLICKS: &str = "__portalEarlyClicks";
/// The global `gtag()` the head script defines (Google's standard one: it pushes its `arguments`
/// to `dataLayer`); the consent gate calls it.
pub const GTAG: &str = "gtag";
/// Meta's pixel's global command queue `fbq()`, which the consent gate defines (Meta's standard
/// stub: calls are queued until `fbevents.js` loads and takes them).
pub const FBQ: &str = "fbq";
/// Matomo's global command queue `_paq` (an array until `matomo.js` takes it over), which the
/// consent gate creates.
pub const PAQ: &str = "_paq";
/// The global function the head script defines to load a WebAssembly module, `(module URL,
/// wasm URL) → Promise<module>`: the app, and the request form when it opens. So neither needs a
/// JavaScript file of its own (which would have no content hash).
pub const LOAD_MODULE: &str = "__portalLoadModule";
/// The time (ms since 1970) at which the head script decided the banner; the app decides at the
/// same moment, so that a choice expiring in between cannot make the two disagree.
pub const FIRST_PAINT_NOW: &str = "__portalFirstPaintNow";
/// Set to `true` by the app when it has started: the head script stops queueing clicks.
pub const APP_READY: &str = "__portalReady";
/// The right of a "Tee pyyntö" link pressed before the app was loaded (the head script keeps it,
/// the app opens the form with it ticked).
pub const EARLY_REQUEST: &str = "__portalEarlyRequest";
/// The element that had the focus when the head script opened the settings view before the app
/// was loaded: the app gives the focus back to it when the view closes.
pub const SETTINGS_OPENER: &str = "__portalSettingsOpener";
/// The request form's module as the head script started loading it (a promise of the module),
/// on a "Tee pyyntö" press or a page opened at the form, at the same time as the app: the app's
/// form loader takes it instead of loading the form after itself.
pub const FORM_LOADING: &str = "__portalFormLoading";
/// On the live region ([`STATUS_ID`]): which [`Message`] the head script is showing (its
/// attribute's name), so that an app loaded after the head script answered a choice keeps it.
pub const STATUS_MESSAGE_ATTRIBUTE: &str = "data-message";

/// The element that holds the cookie banner, its settings view and its live region.
pub const CONSENT_ROOT_ID: &str = "consent-root";
/// The banner's first layer (a region, not a modal).
pub const BANNER_ID: &str = "consent-banner";
/// The settings view (a modal `<dialog>`).
pub const SETTINGS_ID: &str = "consent-settings";
/// The live region that announces what a choice did; its data attributes hold the messages.
pub const STATUS_ID: &str = "consent-status";
/// The notice's article: the skip link's target, and where focus goes when what had it is gone.
pub const NOTICE_ID: &str = "notice";
/// Where the request form mounts; its data attributes tell the form about the recipient and
/// where its module is.
pub const REQUEST_ROOT_ID: &str = "request-root";

/// The apps make elements with ids of their own at run time: the request form (`req-name`,
/// `request-form-title` …, see `request::validate::Field::id`) and the cookie banner's parts
/// (`consent-analytics` …). A notice heading may not take an id that starts with one of these
/// (the build refuses it, with the other ids of the page).
pub const APP_ID_PREFIXES: [&str; 3] = ["req-", "request-", "consent-"];

/// On buttons: what a click does ([`Action`]).
pub const ACTION_ATTRIBUTE: &str = "data-action";
/// On the settings view's switches: the purpose it allows ([`crate::consent::catalogue::Purpose::key`]).
pub const PURPOSE_ATTRIBUTE: &str = "data-consent-purpose";
/// In `sessionStorage`, for the next page view: the message (a [`Message`] attribute) a page
/// loaded again without a plain script shows, as the page before it would have (the head
/// script shows it and forgets it).
pub const RELOAD_MESSAGE_KEY: &str = "privacy-portal.message";
/// In `sessionStorage`, for the next page view: the right of the "Tee pyyntö" link whose form
/// opens after the page is loaded again without a plain script (the form opens with it ticked).
pub const RELOAD_RIGHT_KEY: &str = "privacy-portal.request-right";
/// On the settings view's switches of single services: the service's id in the site folder (a
/// purpose with more than one service has a switch for each, inside the purpose's).
pub const SERVICE_ATTRIBUTE: &str = "data-consent-service";
/// On a service's switch: the key of the purpose it belongs to.
pub const SERVICE_PURPOSE_ATTRIBUTE: &str = "data-consent-service-purpose";
/// On the stored-choice facts of single services: the service's id.
pub const SERVICE_FACT_ATTRIBUTE: &str = "data-consent-service-fact";
/// On the stored-choice facts: which fact the app writes in ([`Fact`]).
pub const FACT_ATTRIBUTE: &str = "data-consent-fact";
/// On parts of the settings view shown only with ([`Show::Record`]) or without a stored choice.
pub const SHOW_ATTRIBUTE: &str = "data-consent-show";
/// On "Tee pyyntö" links: the right the form opens with ticked ([`crate::request::right::Right::key`]).
pub const REQUEST_RIGHT_ATTRIBUTE: &str = "data-request-right";
/// On a purpose's row of the stored choice: the words for "allowed" and "not allowed".
pub const ALLOWED_TEXT_ATTRIBUTE: &str = "data-allowed";
pub const REFUSED_TEXT_ATTRIBUTE: &str = "data-refused";
/// On the language switch's links: the language each leads to; the app keeps their `#fragment`
/// on the section being read.
pub const LANG_LINK_ATTRIBUTE: &str = "data-lang-link";

/// The settings view's note that Global Privacy Control refuses marketing: the marketing switch
/// is described by it when the browser sends GPC.
pub const GPC_NOTE_ID: &str = "consent-gpc-note";
/// The contents (`<nav>`) of the notice.
pub const TOC_CLASS: &str = "toc";
/// The contents' `<details>`: open on wide screens, folded on phones.
pub const TOC_DETAILS_CLASS: &str = "toc__details";
/// Each `<section>` of the notice (from one `##` heading to the next).
pub const NOTICE_SECTION_CLASS: &str = "notice-section";
/// On each [`NOTICE_SECTION_CLASS`]: the id of its heading (the contents mark the one being read).
pub const SECTION_ATTRIBUTE: &str = "data-section";

/// What the page tells the request form about the recipient, from the notice's front matter: an
/// attribute of [`REQUEST_ROOT_ID`] each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecipientField {
    Controller,
    Address,
    ContactPerson,
    Email,
    Phone,
    /// The register's name in a letter written in Finnish (from `notice/fi.md`).
    RegisterFi,
    /// The register's name in a letter written in English (from `notice/en.md`).
    RegisterEn,
}

impl RecipientField {
    pub const ALL: [RecipientField; 7] = [
        RecipientField::Controller,
        RecipientField::Address,
        RecipientField::ContactPerson,
        RecipientField::Email,
        RecipientField::Phone,
        RecipientField::RegisterFi,
        RecipientField::RegisterEn,
    ];

    /// The attribute of [`REQUEST_ROOT_ID`] that holds it.
    pub const fn attribute(self) -> &'static str {
        match self {
            RecipientField::Controller => "data-controller",
            RecipientField::Address => "data-address",
            RecipientField::ContactPerson => "data-contact",
            RecipientField::Email => "data-email",
            RecipientField::Phone => "data-phone",
            RecipientField::RegisterFi => "data-register-fi",
            RecipientField::RegisterEn => "data-register-en",
        }
    }
}

/// A file of the request form that the page points to from [`REQUEST_ROOT_ID`]'s attributes:
/// each has a content-hashed name, written relative to the page by the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAsset {
    /// The form's JavaScript glue (an ES module).
    Module,
    /// The form's WebAssembly.
    Wasm,
    /// The form's stylesheet.
    Style,
    /// The manifest of the PDF writer (`fonts.<hash>.json`): its worker and its fonts, named relative to it.
    Writer,
}

impl FormAsset {
    pub const ALL: [FormAsset; 4] = [
        FormAsset::Module,
        FormAsset::Wasm,
        FormAsset::Style,
        FormAsset::Writer,
    ];

    /// The attribute of [`REQUEST_ROOT_ID`] that holds the file's URL.
    pub const fn attribute(self) -> &'static str {
        match self {
            FormAsset::Module => "data-form-module",
            FormAsset::Wasm => "data-form-wasm",
            FormAsset::Style => "data-form-style",
            FormAsset::Writer => "data-form-writer",
        }
    }
}

/// Everything a button of the portal can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    AcceptAll,
    RejectAll,
    /// Opens the settings view (the banner's third button and the footer's button).
    Settings,
    /// Stores the settings view's switches.
    Save,
    Close,
    /// Downloads the stored choice as a receipt.
    Receipt,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::AcceptAll,
        Action::RejectAll,
        Action::Settings,
        Action::Save,
        Action::Close,
        Action::Receipt,
    ];

    /// The value of [`ACTION_ATTRIBUTE`].
    pub const fn key(self) -> &'static str {
        match self {
            Action::AcceptAll => "accept-all",
            Action::RejectAll => "reject-all",
            Action::Settings => "settings",
            Action::Save => "save",
            Action::Close => "close",
            Action::Receipt => "receipt",
        }
    }

    pub fn from_key(key: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.key() == key)
    }
}

/// What the live region says after an action; each is a `data-*` attribute of [`STATUS_ID`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    Saved,
    Withdrawn,
    /// Nothing could be stored: the choice holds for this page view.
    NotStored,
}

impl Message {
    pub const ALL: [Message; 3] = [Message::Saved, Message::Withdrawn, Message::NotStored];

    /// The attribute of the live region that holds the message's text.
    pub const fn attribute(self) -> &'static str {
        match self {
            Message::Saved => "data-saved",
            Message::Withdrawn => "data-withdrawn",
            Message::NotStored => "data-not-stored",
        }
    }
}

/// A fact of the stored choice that the app writes into the settings view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    SavedAt,
    ValidUntil,
    Id,
    /// One per optional purpose: "allowed" or "not allowed".
    Choice(crate::consent::catalogue::Purpose),
}

impl Fact {
    /// The value of [`FACT_ATTRIBUTE`].
    pub const fn key(self) -> &'static str {
        match self {
            Fact::SavedAt => "saved",
            Fact::ValidUntil => "valid-until",
            Fact::Id => "id",
            Fact::Choice(purpose) => purpose.key(),
        }
    }
}

/// Parts of the settings view shown by whether a choice is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    Record,
    NoRecord,
}

impl Show {
    pub const ALL: [Show; 2] = [Show::Record, Show::NoRecord];

    /// The value of [`SHOW_ATTRIBUTE`].
    pub const fn key(self) -> &'static str {
        match self {
            Show::Record => "record",
            Show::NoRecord => "no-record",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the request form makes is one a notice heading may not take.
    #[test]
    fn the_forms_ids_are_reserved_for_it() {
        use crate::request::validate::Field;
        let fields = Field::EVERY_KIND;
        for id in fields.map(Field::id).iter().map(String::as_str).chain([
            REQUEST_ROOT_ID,
            CONSENT_ROOT_ID,
            BANNER_ID,
            SETTINGS_ID,
            STATUS_ID,
            GPC_NOTE_ID,
        ]) {
            assert!(APP_ID_PREFIXES.iter().any(|p| id.starts_with(p)), "{id}");
        }
        // The form's own source: every literal id it writes.
        let dir = format!("{}/../form/src", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for literal in source
                .split("id=\"")
                .skip(1)
                .chain(source.split("_ID: &str = \"").skip(1))
            {
                let id = literal.split('"').next().unwrap();
                assert!(APP_ID_PREFIXES.iter().any(|p| id.starts_with(p)), "{id}");
            }
        }
    }
}
