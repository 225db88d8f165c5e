//! The form's layout (contact details, the rights, anything else, the letter's language, the
//! signature, the download, what to do next) and what the download button does.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::done::{self, next_steps, Done};
use super::fields::{text_field, Kind, Spec};
use super::state::{FormStateStoreFields, Method};
use super::{browser, rights, signature, summary, Form};
use portal_core::request::draft::SenderStoreFields;
use portal_core::request::record::{Context, Recipient};
use portal_core::request::send;
use portal_core::request::validate::Field;
use portal_writer_client::{Job, WriteError};

/// What the status line says (it is a live region).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Preparing,
    Failed(WriteError),
    /// The customer stopped it.
    Cancelled,
}

/// The id of the download button (focus returns to it when the customer cancels, or when the
/// cancel button that had it hides).
const DOWNLOAD_ID: &str = "req-download";
/// The id of the cancel button, shown while a PDF is being prepared.
const CANCEL_ID: &str = "req-cancel";

/// The whole form.
pub fn request_form() -> impl IntoView {
    let form = Form::get();
    let t = &form.strings().form;
    let done = RwSignal::new(None::<Done>);
    let status = RwSignal::new(None::<Status>);
    // A download in progress: further clicks wait for it.
    let busy = StoredValue::new(false);
    // Counts the attempts: an attempt whose number is no longer the current one was cancelled,
    // and what it was waiting for no longer changes what the page says.
    let attempts = StoredValue::new(0u32);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        attempts.update_value(|n| *n = n.wrapping_add(1));
        let this = attempts.get_value();
        spawn_local(async move {
            let current = move || attempts.get_value() == this;
            attempt(form, status, done, current).await;
            if current() {
                busy.set_value(false);
            }
        });
    };
    // Stops the PDF being made: the worker is ended at once, what was typed stays, and the next
    // press starts afresh.
    let on_cancel = move |_| {
        attempts.update_value(|n| *n = n.wrapping_add(1));
        form.writer.cancel();
        busy.set_value(false);
        status.set(Some(Status::Cancelled));
        browser::focus_later(DOWNLOAD_ID);
    };
    let s = form.state;
    let status_text = move || {
        status.get().map(|status| match status {
            Status::Preparing => t.preparing,
            Status::Failed(WriteError::Fonts) => t.fonts_failed,
            Status::Failed(WriteError::Failed) => t.write_failed,
            Status::Cancelled => t.cancelled,
        })
    };
    let preparing = move || status.get() == Some(Status::Preparing);
    view! {
        <section class="request-form" aria-labelledby="request-form-title">
            <h2 id="request-form-title" tabindex="-1">{t.heading}</h2>
            <p>{t.intro}</p>
            <p>{t.identity}</p>
            <p class="rf-hint">{t.required}</p>
            {summary::summary()}
            <form novalidate on:submit=on_submit>
                <fieldset class="rf-group">
                    <legend>{t.fields.contact}</legend>
                    {text_field(|| Field::Name, Spec::new(Kind::Text).required().autocomplete("name"), s.sender().name().into())}
                    {text_field(|| Field::Email, Spec::new(Kind::Email).autocomplete("email").hint(t.fields.email_hint), s.sender().email().into())}
                    {text_field(|| Field::PostalAddress, Spec::new(Kind::Area).autocomplete("street-address"), s.sender().postal_address().into())}
                    {text_field(|| Field::Phone, Spec::new(Kind::Tel).autocomplete("tel"), s.sender().phone().into())}
                    {text_field(|| Field::Organisation, Spec::new(Kind::Text).autocomplete("organization").hint(t.fields.organisation_hint), s.sender().organisation().into())}
                    {text_field(|| Field::CustomerNumber, Spec::new(Kind::Text).hint(t.fields.customer_number_hint), s.sender().customer_number().into())}
                </fieldset>
                {rights::rights()}
                {text_field(|| Field::Message, Spec::new(Kind::Area).hint(t.fields.message_hint), s.message().into())}
                {signature::letter_language()}
                {signature::signature()}
                <p class="rf-actions">
                    <button type="submit" class="button" id=DOWNLOAD_ID>{t.download}</button>
                    " "
                    <button type="button" class="button button--quiet" id=CANCEL_ID hidden=move || !preparing()
                        on:click=on_cancel>{t.cancel}</button>
                </p>
                <p class="rf-status" role="status">{status_text}</p>
            </form>
            {move || done.get().map(next_steps)}
        </section>
    }
}

/// Ends the preparing state with `next`. The cancel button hides with it: if it had the focus,
/// the focus goes to the download button rather than to the page's start (WCAG 2.4.3). Checked
/// before the button hides, since a hidden button loses the focus.
fn end_preparing(status: RwSignal<Option<Status>>, next: Option<Status>) {
    let cancel_focused = portal_dom::document()
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.id() == CANCEL_ID);
    status.set(next);
    if cancel_focused {
        browser::focus_later(DOWNLOAD_ID);
    }
}

/// One press of the download button: check, wait for the writer, write, download. `current`
/// says whether this attempt still counts (the customer may cancel it while it waits).
async fn attempt(
    form: Form,
    status: RwSignal<Option<Status>>,
    done: RwSignal<Option<Done>>,
    current: impl Fn() -> bool,
) {
    if show_errors(form) {
        status.set(None);
        return;
    }
    status.set(Some(Status::Preparing));
    // Which characters the PDF lacks is known once its font is there: check again then.
    let ready = form.writer.ready().await;
    if !current() {
        return;
    }
    if let Err(error) = ready {
        end_preparing(status, Some(Status::Failed(error)));
        return;
    }
    if show_errors(form) {
        end_preparing(status, None);
        return;
    }
    let (stamp, today) = portal_dom::now();
    let draft = form.draft();
    let (recipient, reference) = (form.recipient.get_value(), form.reference.get_value());
    let context = Context::new(
        reference.clone(),
        today,
        stamp,
        Recipient::from(&recipient.controller),
        recipient.register(draft.request_lang).to_owned(),
    );
    let deadline = context.deadline;
    let written = form
        .writer
        .write(Job {
            draft: draft.clone(),
            context,
        })
        .await;
    if !current() {
        return;
    }
    let written = match written {
        Ok(written) => written,
        Err(error) => {
            end_preparing(status, Some(Status::Failed(error)));
            return;
        }
    };
    if portal_dom::download(&written.bytes, &written.file_name, "application/pdf").is_none() {
        end_preparing(status, Some(Status::Failed(WriteError::Failed)));
        return;
    }
    end_preparing(status, None);
    let lang = draft.request_lang;
    let stamp_text = stamp.iso_utc().replace(['-', ':'], "");
    done.set(Some(Done {
        mailto: send::mailto(
            &recipient.controller.email,
            &reference,
            draft.sender.name.trim(),
            lang,
        ),
        ics: send::ics(
            &deadline,
            &reference,
            &recipient.controller.name,
            lang,
            &stamp_text,
        ),
        file: written.file_name,
        reference,
        deadline,
        pen: form.state.method().get_untracked() == Method::Pen,
    }));
    form.downloaded.set_value(Some(draft));
    browser::focus_heading_later(done::HEADING_ID);
}

/// Shows the errors of what is typed now, if any: next to each field and in the summary, which
/// takes the focus. Returns whether there were any.
fn show_errors(form: Form) -> bool {
    let errors = form.errors.get_untracked();
    form.flagged.set(errors.iter().map(|e| e.field).collect());
    form.summary.set(errors.clone());
    if errors.is_empty() {
        return false;
    }
    browser::focus_heading_later(summary::HEADING_ID);
    true
}
