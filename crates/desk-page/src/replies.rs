//! The replies to a checked request (issue 18, point 4): the desk user picks the kind, dates it,
//! types the reasons or the information needed where the reply needs them, and gets the letter
//! as a PDF from the form's own writer (its worker and font files, cached after the first use),
//! in the request's letter language, addressed as the request gives the requester's details.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::date::Date;
use portal_core::request::controller::Controller;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::record::Recipient;
use portal_core::request::reply::{Addressee, Reply, ReplyKind, ReplyProblem, MAX_NOTE_CHARS};
use portal_core::request::right::Right;
use portal_desk::texts::{self, fill};
use portal_desk::verify::Received;
use portal_writer_client::{WriteError, Writer};

use crate::date_field::DateField;
use crate::{today, use_desk};

/// The attribute of `#desk-root` naming the writer's manifest (site-build's desk page writes it).
pub const WRITER_ATTRIBUTE: &str = "data-writer";

thread_local! {
    /// The writer's manifest URL and the desk's root owner, under which the writer is started the
    /// first time it is needed (its state then lives as long as the page).
    static SETUP: RefCell<Option<(String, Owner)>> = const { RefCell::new(None) };
    static WRITER: RefCell<Option<Writer>> = const { RefCell::new(None) };
}

/// Called once by the desk's root: where the writer is, and the owner it is started under.
pub fn set_up(manifest: String) {
    if let Some(owner) = Owner::current() {
        SETUP.with(|s| *s.borrow_mut() = Some((manifest, owner)));
    }
}

/// The writer, started (fetching its manifest, worker and base fonts) the first time.
fn writer() -> Option<Writer> {
    if let Some(writer) = WRITER.with(|w| *w.borrow()) {
        return Some(writer);
    }
    let (manifest, owner) = SETUP.with(|s| s.borrow().clone())?;
    let writer = owner.with(|| Writer::start(manifest));
    WRITER.with(|w| *w.borrow_mut() = Some(writer));
    Some(writer)
}

/// What the last press did.
#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Writing,
    Written(String),
    Failed(String),
}

/// What a reply is written from: the request's reference, letter language, requester and rights.
#[derive(Clone, Debug, PartialEq)]
pub struct Basis {
    pub reference: String,
    pub lang: LetterLang,
    pub to: Addressee,
    pub rights: Vec<Right>,
}

impl Basis {
    /// From a checked request PDF.
    pub fn of(received: &Received) -> Basis {
        let who = received.who();
        Basis {
            reference: received.reference().to_owned(),
            lang: received.lang(),
            to: Addressee {
                name: who.name.clone(),
                organisation: who.organisation.clone(),
                postal_address: who.postal_address.clone(),
                email: who.email.clone(),
            },
            rights: received.rights().iter().map(|r| r.right).collect(),
        }
    }
}

/// `basis`: what the replies are written from (read when a reply is written);
/// `received_day`: the day received, as its date field holds it.
#[component]
pub fn RepliesPanel(
    #[prop(into)] basis: Signal<Basis>,
    received_day: RwSignal<String>,
    /// The start of the panel's ids (a page may show two panels).
    prefix: &'static str,
    heading: &'static str,
) -> impl IntoView {
    let desk = use_desk();
    let (t, lang) = (desk.t(), desk.lang);
    // Fetched while the request is read, so the first reply is written at once.
    let _ = writer();
    let kind = RwSignal::new(ReplyKind::Acknowledgement);
    let date = RwSignal::new(today().iso());
    let note = RwSignal::new(String::new());
    let note_error = RwSignal::new(None::<String>);
    let date_error = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(Outcome::Idle);
    let note_id = [prefix, "-note"].concat();
    let note_error_id = [prefix, "-note-error"].concat();

    let build = move || -> Result<Reply, Vec<ReplyProblem>> {
        let b = basis.get_untracked();
        let day =
            |text: String, field| Date::parse_iso(&text).map_err(|_| vec![ReplyProblem::BadDate { field }]);
        let received_on = day(received_day.get_untracked(), "received")?;
        let dated = day(date.get_untracked(), "date")?;
        let reply = Reply::new(
            kind.get_untracked(),
            b.lang,
            &b.reference,
            received_on,
            dated,
            Recipient::from(&Controller::of_site()),
            b.to,
            b.rights,
            &note.get_untracked(),
        );
        let problems = reply.problems();
        if problems.is_empty() {
            Ok(reply)
        } else {
            Err(problems)
        }
    };

    let write = move |_| {
        if outcome.get_untracked() == Outcome::Writing {
            return;
        }
        note_error.set(None);
        date_error.set(None);
        let reply = match build() {
            Ok(reply) => reply,
            Err(problems) => {
                for problem in problems {
                    match problem {
                        ReplyProblem::NoteMissing => note_error.set(Some(t.note_missing.to_owned())),
                        ReplyProblem::NoteTooLong { .. } => note_error.set(Some(fill(
                            t.note_too_long,
                            &[("max", &MAX_NOTE_CHARS.to_string())],
                        ))),
                        ReplyProblem::BadDate { .. } => date_error.set(Some(t.bad_date.to_owned())),
                        ReplyProblem::BeforeReceipt => {
                            date_error.set(Some(t.reply_before_receipt.to_owned()))
                        }
                        ReplyProblem::ExtensionTooLate { due } => {
                            date_error.set(Some(texts::extension_error(
                                &portal_desk::register::ExtensionError::Late {
                                    notified: Date::parse_iso(&date.get_untracked()).unwrap_or(due),
                                    due,
                                },
                                lang,
                            )))
                        }
                        ReplyProblem::NoName => outcome.set(Outcome::Failed(t.name_missing.to_owned())),
                        ReplyProblem::NoRights => outcome.set(Outcome::Failed(t.no_rights.to_owned())),
                    }
                }
                return;
            }
        };
        let Some(writer) = writer() else {
            outcome.set(Outcome::Failed(t.write_failed.to_owned()));
            return;
        };
        outcome.set(Outcome::Writing);
        spawn_local(async move {
            outcome.set(match writer.write_reply(reply).await {
                Ok(written) => {
                    portal_dom::download(&written.bytes, &written.file_name, "application/pdf");
                    Outcome::Written(fill(t.written, &[("file", &written.file_name)]))
                }
                Err(WriteError::Fonts) => Outcome::Failed(t.fonts_failed.to_owned()),
                Err(WriteError::Failed) => Outcome::Failed(t.write_failed.to_owned()),
            });
        });
    };

    let letter = move || texts::letter_lang(basis.with(|b| b.lang), lang);
    let choice = move |k: ReplyKind| {
        let (name, about) = texts::reply_kind(k, lang);
        let id = [prefix, "-", k.key()].concat();
        let about_id = [id.as_str(), "-about"].concat();
        view! {
            <li>
                <input
                    type="radio"
                    name=[prefix, "-kind"].concat()
                    id=id.clone()
                    aria-describedby=about_id.clone()
                    prop:checked=move || kind.get() == k
                    on:change=move |_| {
                        kind.set(k);
                        note_error.set(None);
                        outcome.set(Outcome::Idle);
                    }
                />
                <label for=id>{name}</label>
                <p class="desk-hint" id=about_id>{about}</p>
            </li>
        }
    };
    view! {
        <h3>{heading}</h3>
        <p class="desk-hint">{move || fill(t.replies_hint, &[("lang", letter())])}</p>
        <fieldset class="desk-field">
            <legend>{t.reply_kind}</legend>
            <ul class="desk-checks desk-kinds">{ReplyKind::ALL.map(choice).collect_view()}</ul>
        </fieldset>
        <DateField id=[prefix, "-date"].concat() label=t.reply_date value=date error=date_error/>
        <div class="desk-field">
            <label for=note_id.clone()>{move || texts::reply_note(kind.get(), lang)}</label>
            <textarea
                id=note_id.clone()
                rows="5"
                aria-describedby=note_error_id.clone()
                aria-invalid=move || note_error.get().is_some().then_some("true")
                prop:value=move || note.get()
                on:input=move |e| note.set(event_target_value(&e))
            ></textarea>
            <p class="desk-error" id=note_error_id>{move || note_error.get()}</p>
        </div>
        <div class="desk-actions">
            <button type="button" class="desk-primary" on:click=write
                aria-disabled=move || (outcome.get() == Outcome::Writing).then_some("true")>
                {t.write_reply}
            </button>
        </div>
        <p class="desk-done" role="status">{move || match outcome.get() {
            Outcome::Writing => Some(t.writing.to_owned()),
            Outcome::Written(message) => Some(message),
            Outcome::Idle | Outcome::Failed(_) => None,
        }}</p>
        <p class="desk-error" role="alert">{move || match outcome.get() {
            Outcome::Failed(message) => Some(message),
            _ => None,
        }}</p>
    }
}
