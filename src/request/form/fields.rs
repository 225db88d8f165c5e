//! One labelled field of the form: label, optional hint, input or textarea, and its error, wired
//! for assistive technology (`aria-invalid`, `aria-describedby`) and to the shared draft.

use leptos::prelude::*;

use super::Form;
use crate::i18n::Text;
use crate::request::draft::Draft;
use crate::request::validate::Field;

/// A UI text that follows the page language.
pub fn t(
    form: Form,
    fi: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || form.t(Text { fi, en })
}

/// The field's label (also used by the error summary).
pub fn label(field: Field) -> Text {
    let (fi, en) = match field {
        Field::Name => ("Nimi", "Name"),
        Field::Email => ("Sähköpostiosoite", "Email address"),
        Field::PostalAddress => ("Postiosoite", "Postal address"),
        Field::Phone => ("Puhelinnumero", "Phone number"),
        Field::Organisation => ("Edustamasi yhteisö", "Organisation you represent"),
        Field::CustomerNumber => ("Asiakas- tai tilausnumero", "Customer or order number"),
        Field::Rights => ("Mitä pyydät?", "What do you ask for?"),
        Field::AccessScope => ("Ajanjakso tai tietoryhmät", "Period or data categories"),
        Field::CorrectionCurrent(_) => ("Mitä tiedoissa nyt lukee", "What the data say now"),
        Field::CorrectionCorrected(_) => ("Mitä niissä pitäisi lukea", "What they should say"),
        Field::CorrectionReason(_) => ("Miksi", "Why"),
        Field::RestrictionReason => ("Peruste rajoittamiselle", "Reason for the restriction"),
        Field::ObjectionReason => ("Peruste vastustamiselle", "Grounds for objecting"),
        Field::Message => ("Muuta kerrottavaa", "Anything else"),
        Field::Place => ("Paikkakunta", "Place"),
        Field::SignatureTyped => ("Nimesi allekirjoituksena", "Your name as your signature"),
        Field::SignatureDrawn => ("Allekirjoitus", "Signature"),
    };
    Text { fi, en }
}

/// What kind of control a field is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Email,
    Tel,
    Area,
}

/// How a field is shown.
#[derive(Clone, Copy)]
pub struct Spec {
    pub field: Field,
    pub kind: Kind,
    pub required: bool,
    pub hint: Option<Text>,
    pub autocomplete: &'static str,
}

impl Spec {
    pub const fn new(field: Field, kind: Kind) -> Spec {
        Spec {
            field,
            kind,
            required: false,
            hint: None,
            autocomplete: "off",
        }
    }
    pub const fn required(mut self) -> Spec {
        self.required = true;
        self
    }
    pub const fn hint(mut self, fi: &'static str, en: &'static str) -> Spec {
        self.hint = Some(Text { fi, en });
        self
    }
    pub const fn autocomplete(mut self, token: &'static str) -> Spec {
        self.autocomplete = token;
        self
    }
}

/// A field bound to the draft through `get` and `set`.
pub fn text_field(
    form: Form,
    spec: Spec,
    get: impl Fn(&Draft) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let field = spec.field;
    let id = field.id();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if spec.hint.is_some() {
                ids.push(hint_id.clone());
            }
            if form.error(field).is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || form.error(field).is_some().then_some("true");
    let value = move || form.draft.with(|d| get(d));
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        form.draft.update(|d| set(d, text));
    };
    let on_blur = move |_| form.visit(field);
    let required = spec.required.then_some("true");
    let control = match spec.kind {
        Kind::Area => view! {
            <textarea id=id.clone() name=id.clone() rows="4" prop:value=value on:input=on_input on:blur=on_blur
                aria-invalid=invalid aria-describedby=described_by.clone() aria-required=required
                autocomplete=spec.autocomplete></textarea>
        }
        .into_any(),
        kind => {
            let input_type = match kind {
                Kind::Email => "email",
                Kind::Tel => "tel",
                _ => "text",
            };
            view! {
                <input type=input_type id=id.clone() name=id.clone() prop:value=value on:input=on_input on:blur=on_blur
                    aria-invalid=invalid aria-describedby=described_by.clone() aria-required=required
                    autocomplete=spec.autocomplete spellcheck="false"/>
            }
            .into_any()
        }
    };
    view! {
        <div class="rf-field" class:rf-field--invalid=move || form.error(field).is_some()>
            <label for=id.clone()>
                {move || form.t(label(field))}
                {spec.required.then(|| view! { <span class="rf-required" aria-hidden="true">" *"</span> })}
            </label>
            {spec.hint.map(|hint| view! { <p class="rf-hint" id=hint_id.clone()>{move || form.t(hint)}</p> })}
            {control}
            <p class="rf-error" id=error_id.clone() hidden=move || form.error(field).is_none()>
                {move || form.error(field)}
            </p>
        </div>
    }
}
