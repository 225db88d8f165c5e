//! A request's deadlines from the day it was received (today unless changed), each with its
//! rule, an `.ics` of them, and the button that puts the request in the register.

use leptos::prelude::*;
use portal_core::date::Date;
use portal_core::request::right::Right;
use portal_desk::deadlines::{ics, ics_file_name, Deadlines, Rule};
use portal_desk::register::{Entry, Reference};

use crate::date_field::DateField;
use crate::{today, use_desk};

/// The time now as iCalendar writes it (`20261208T014012Z`).
pub(crate) fn ics_stamp() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    // 2026-12-08T01:40:12.345Z
    let digits: String = iso.chars().take(19).filter(|c| *c != '-' && *c != ':').collect();
    [digits.as_str(), "Z"].concat()
}

/// Offers the `.ics` of `deadlines` for `reference`.
pub(crate) fn download_ics(deadlines: &Deadlines, reference: &str, lang: portal_core::i18n::Lang) {
    let file = ics(deadlines, reference, lang, &ics_stamp());
    portal_dom::download(file.as_bytes(), &ics_file_name(reference), "text/calendar");
}

/// `received`: the day received as the date field holds it (`YYYY-MM-DD`), shared with the
/// replies.
#[component]
pub fn DeadlinesPanel(reference: String, rights: Vec<Right>, received: RwSignal<String>) -> impl IntoView {
    let desk = use_desk();
    let (t, lang) = (desk.t(), desk.lang);
    let deadlines = Memo::new(move |_| {
        Date::parse_iso(&received.get())
            .ok()
            .map(Deadlines::from_received)
    });
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let rights = StoredValue::new(rights);

    let add = move |_| {
        let Some(d) = deadlines.get_untracked() else {
            error.set(Some(t.bad_date.to_owned()));
            return;
        };
        if d.received > today() {
            error.set(Some(t.future_date.to_owned()));
            return;
        }
        let example = example_reference();
        let entry = Reference::parse(&reference.get_value())
            .ok_or_else(|| portal_desk::texts::fill(t.bad_reference, &[("example", &example)]))
            .and_then(|r| Entry::new(r, d.received, &rights.get_value()).map_err(|_| t.no_rights.to_owned()));
        let result = entry.and_then(|e| desk.add(e));
        done.set(result.as_ref().ok().cloned());
        error.set(result.err());
    };
    let ics = move |_| {
        if let Some(d) = deadlines.get_untracked() {
            download_ics(&d, &reference.get_value(), lang);
        }
    };

    let rule = move |rule: Rule| view! { <span class="desk-rule">{rule.cited(lang)}</span> };
    view! {
        <h3>{t.deadlines_heading}</h3>
        <DateField
            id="desk-received"
            label=t.received
            hint=t.received_hint
            value=received
            error=Signal::derive(move || match deadlines.get() {
                None => Some(t.bad_date.to_owned()),
                Some(d) if d.received > today() => Some(t.future_date.to_owned()),
                Some(_) => None,
            })
        />
        {move || deadlines.get().map(|d| view! {
            <dl class="desk-facts desk-dates">
                <dt>{t.due}</dt>
                <dd><strong>{d.due.display(lang)}</strong>{rule(Rule::Answer)}</dd>
                <dt>{t.extension_notice_by}</dt>
                <dd><strong>{d.extension_notice_by.display(lang)}</strong>{rule(Rule::ExtensionNotice)}</dd>
                <dt>{t.extended_due}</dt>
                <dd><strong>{d.extended_due.display(lang)}</strong>{rule(Rule::Extended)}</dd>
            </dl>
        })}
        <div class="desk-actions">
            <button type="button" on:click=ics>{t.download_ics}</button>
            <button type="button" class="desk-primary" on:click=add>{t.add_to_register}</button>
        </div>
        <p class="desk-done" role="status">{move || done.get()}</p>
        <p class="desk-error" role="alert">{move || error.get()}</p>
    }
}

/// A reference as the site makes them, to show its shape.
pub(crate) fn example_reference() -> String {
    [portal_core::facts::REFERENCE_PREFIX, "-04HM-ASW9"].concat()
}
