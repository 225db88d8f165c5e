//! A request that came by e-mail, by post or by phone, entered by hand: its reference (made
//! here when it has none), the day it came and the rights it asks for. What was typed stays
//! when something is wrong; each error is next to its field.

use leptos::prelude::*;
use portal_core::date::Date;
use portal_core::request::reference::reference_code;
use portal_core::request::right::Right;
use portal_desk::register::{Entry, Reference};
use portal_desk::texts::{self, fill};

use crate::date_field::DateField;
use crate::deadlines_view::example_reference;
use crate::replies::{Basis, RepliesPanel};
use crate::{today, use_desk};
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::reply::Addressee;

/// A new reference with the site's prefix, from the browser's random numbers.
fn new_reference() -> Option<String> {
    let mut random = [0u8; 5];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut random)
        .ok()?;
    Some(reference_code(random))
}

/// A labelled text field (or box) bound to `value`.
fn text_box(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    multiline: bool,
) -> impl IntoView {
    view! {
        <div class="desk-field">
            <label for=id>{label}</label>
            {if multiline {
                view! {
                    <textarea id=id rows="3" prop:value=move || value.get()
                        on:input=move |e| value.set(event_target_value(&e))></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=id type="text" prop:value=move || value.get()
                        on:input=move |e| value.set(event_target_value(&e))/>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
pub fn Manual() -> impl IntoView {
    let desk = use_desk();
    let (t, lang) = (desk.t(), desk.lang);
    let reference = RwSignal::new(String::new());
    let received = RwSignal::new(today().iso());
    let rights = RwSignal::new(Vec::<Right>::new());
    let reference_error = RwSignal::new(None::<String>);
    let date_error = RwSignal::new(None::<&'static str>);
    let rights_error = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    // The requester, for the letters only (never stored), and the request last added here.
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let letter = RwSignal::new(LetterLang::for_page(lang));
    let added = RwSignal::new(None::<(String, Vec<Right>)>);
    let example = example_reference();

    let submit = {
        let example = example.clone();
        move |event: web_sys::SubmitEvent| {
            event.prevent_default();
            // As copied from an e-mail: lower case, spaces or underscores for the hyphens.
            let typed = reference
                .get_untracked()
                .to_uppercase()
                .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let parsed = if typed.is_empty() {
                new_reference().and_then(|r| Reference::parse(&r))
            } else {
                Reference::parse(&typed)
            };
            reference_error.set(
                parsed
                    .is_none()
                    .then(|| fill(t.bad_reference, &[("example", &example)])),
            );
            let date = Date::parse_iso(&received.get_untracked()).ok();
            let date = date.filter(|d| *d <= today());
            date_error.set(match Date::parse_iso(&received.get_untracked()) {
                Err(_) => Some(t.bad_date),
                Ok(_) if date.is_none() => Some(t.future_date),
                Ok(_) => None,
            });
            let chosen = rights.get_untracked();
            rights_error.set(chosen.is_empty());
            failure.set(None);
            done.set(None);
            let (Some(parsed), Some(date)) = (parsed, date) else {
                return;
            };
            let code = parsed.to_string();
            let Ok(entry) = Entry::new(parsed, date, &chosen) else {
                return;
            };
            match desk.add(entry) {
                Ok(message) => {
                    added.set(Some((code, chosen.clone())));
                    reference.set(String::new());
                    rights.set(Vec::new());
                    done.set(Some(message));
                }
                Err(message) => failure.set(Some(message)),
            }
        }
    };

    let right_box = move |right: Right| {
        let id = ["desk-right-", right.key()].concat();
        let checked = move || rights.with(|r| r.contains(&right));
        view! {
            <li>
                <input
                    type="checkbox"
                    id=id.clone()
                    aria-describedby="desk-manual-rights-error"
                    aria-invalid=move || rights_error.get().then_some("true")
                    prop:checked=checked
                    on:change=move |_| rights.update(|r| {
                        if r.contains(&right) {
                            r.retain(|x| *x != right);
                        } else {
                            r.push(right);
                        }
                    })
                />
                <label for=id>{texts::right(right, lang)}</label>
            </li>
        }
    };

    view! {
        <section class="desk-section" id="desk-manual" aria-labelledby="desk-manual-heading">
            <h2 id="desk-manual-heading">{t.manual_heading}</h2>
            <p>{t.manual_hint}</p>
            <form class="desk-form" on:submit=submit novalidate>
                <div class="desk-field">
                    <label for="desk-reference">{t.reference}</label>
                    <p class="desk-hint" id="desk-reference-hint">
                        {fill(t.reference_hint, &[("example", &example)])}
                    </p>
                    <input
                        id="desk-reference"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="desk-reference-hint desk-reference-error"
                        aria-invalid=move || reference_error.get().is_some().then_some("true")
                        prop:value=move || reference.get()
                        on:input=move |e| reference.set(event_target_value(&e))
                    />
                    <p class="desk-error" id="desk-reference-error">{move || reference_error.get()}</p>
                </div>
                <DateField
                    id="desk-manual-received"
                    label=t.received
                    hint=t.received_hint
                    value=received
                    error=Signal::derive(move || date_error.get().map(str::to_owned))
                />
                <fieldset
                    class="desk-field"
                    aria-describedby="desk-manual-rights-error"
                >
                    <legend>{t.rights}</legend>
                    <ul class="desk-checks">{Right::ALL.map(right_box).collect_view()}</ul>
                    <p class="desk-error" id="desk-manual-rights-error">
                        {move || rights_error.get().then_some(t.no_rights)}
                    </p>
                </fieldset>
                <fieldset class="desk-field" aria-describedby="desk-requester-hint">
                    <legend>{t.requester_legend}</legend>
                    <p class="desk-hint" id="desk-requester-hint">{t.requester_hint}</p>
                    {text_box("desk-requester-name", t.name, name, false)}
                    {text_box("desk-requester-email", t.email, email, false)}
                    {text_box("desk-requester-address", t.address, address, true)}
                    {(LetterLang::OFFERED.len() > 1).then(|| view! {
                        <fieldset class="desk-field">
                            <legend>{t.letter_lang}</legend>
                            <ul class="desk-checks">
                                {LetterLang::OFFERED.map(|l| {
                                    let id = ["desk-requester-lang-", l.code()].concat();
                                    view! {
                                        <li>
                                            <input type="radio" name="desk-requester-lang" id=id.clone()
                                                prop:checked=move || letter.get() == l
                                                on:change=move |_| letter.set(l)/>
                                            <label for=id>{texts::letter_lang(l, lang)}</label>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </fieldset>
                    })}
                </fieldset>
                <button type="submit" class="desk-primary">{t.add_to_register}</button>
                <p class="desk-done" role="status">{move || done.get()}</p>
                <p class="desk-error" role="alert">{move || failure.get()}</p>
            </form>
            {move || added.get().map(|(reference, rights)| {
                let basis = Signal::derive(move || Basis {
                    reference: reference.clone(),
                    lang: letter.get(),
                    to: Addressee {
                        name: name.get().trim().to_owned(),
                        organisation: String::new(),
                        postal_address: address.get(),
                        email: email.get().trim().to_owned(),
                    },
                    rights: rights.clone(),
                });
                view! {
                    <RepliesPanel basis received_day=received prefix="desk-manual-reply" heading=t.manual_replies/>
                }
            })}
        </section>
    }
}
