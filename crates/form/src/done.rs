//! After the download: the file and its reference, a prefilled e-mail to the contact person, the
//! postal address, the deadline and a calendar reminder.

use leptos::prelude::*;

use super::Form;
use portal_core::i18n::fill;
use portal_core::request::deadline::Deadline;
use portal_core::request::send;

/// The id of the heading (focused after the download).
pub const HEADING_ID: &str = "request-form-done";

/// What the customer needs after the download.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    pub file: String,
    pub mailto: String,
    pub ics: String,
    pub reference: String,
    pub deadline: Deadline,
    /// The customer will sign the printout with a pen.
    pub pen: bool,
}

/// The file sentence, its reference kept on one line (a code like SAF-RJ52-2RT7 must not break at
/// a hyphen on a narrow screen).
fn file_and_reference(template: &str, file: &str, reference: &str) -> impl IntoView {
    let (before, after) = template.split_once("{reference}").unwrap_or((template, ""));
    let before = fill(before, &[("file", file)]);
    let after = fill(after, &[("file", file)]);
    let reference = template.contains("{reference}").then(|| reference.to_owned());
    view! { {before}<span class="rf-nowrap">{reference}</span>{after} }
}

/// The next steps for `done`.
pub fn next_steps(done: Done) -> impl IntoView {
    let form = Form::get();
    let (lang, t) = (form.lang, &form.strings().form.done);
    let c = form.recipient.with_value(|r| r.controller.clone());
    let ics_name = send::ics_file_name(&done.reference);
    let ics = done.ics;
    let deadline = fill(
        t.deadline,
        &[
            ("due", &done.deadline.due.display(lang)),
            ("extended", &done.deadline.extended.display(lang)),
        ],
    );
    view! {
        <section class="rf-done" aria-labelledby=HEADING_ID>
            <h3 id=HEADING_ID tabindex="-1">{t.heading}</h3>
            <p>{file_and_reference(t.file, &done.file, &done.reference)}</p>
            <ul>
                <li>
                    <a href=done.mailto>{fill(t.mail, &[("contact", &c.contact_person), ("email", &c.email)])}</a>
                    <br/>{t.mail_note}
                </li>
                <li>
                    {t.post}
                    <span class="rf-postal">{c.name}<br/>{c.contact_person}<br/>{c.address}</span>
                    {done.pen.then_some(t.sign)}
                </li>
            </ul>
            <p>{deadline}</p>
            <p><button type="button" class="button button--quiet" on:click=move |_| {
                let _ = portal_dom::download(ics.as_bytes(), &ics_name, "text/calendar");
            }>{t.ics}</button></p>
        </section>
    }
}
