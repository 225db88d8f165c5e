//! One labelled text field: label, optional hint, input or textarea, and its error, wired for
//! assistive technology (`aria-invalid`, `aria-describedby`) and bound to one field of the store.
//! Typing in it writes that field only, so no other field re-renders.

use leptos::prelude::*;

use super::Form;
use portal_core::request::validate::Field;
use portal_core::request::wording;

/// What kind of control a field is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// An e-mail address (`type="email"`: the right keyboard on phones).
    Email,
    /// A phone number (`type="tel"`).
    Tel,
    /// Several lines (`<textarea>`).
    Area,
}

/// How a field is shown.
#[derive(Clone, Copy)]
pub struct Spec {
    pub kind: Kind,
    /// Marked required (validation decides what is missing).
    pub required: bool,
    /// A hint under the label.
    pub hint: Option<&'static str>,
    /// The `autocomplete` token.
    pub autocomplete: &'static str,
}

impl Spec {
    /// A field of `kind`, optional, without a hint or autocomplete.
    pub const fn new(kind: Kind) -> Spec {
        Spec {
            kind,
            required: false,
            hint: None,
            autocomplete: "off",
        }
    }

    /// Marked required (the asterisk and `aria-required`; validation decides what is missing).
    pub const fn required(mut self) -> Spec {
        self.required = true;
        self
    }

    /// A hint under the label, read with the field (`aria-describedby`).
    pub const fn hint(mut self, hint: &'static str) -> Spec {
        self.hint = Some(hint);
        self
    }

    /// The `autocomplete` token that lets the browser fill the field in.
    pub const fn autocomplete(mut self, token: &'static str) -> Spec {
        self.autocomplete = token;
        self
    }
}

/// A field of the form bound to `value`. `field` says which field it is (a function, because a
/// rectification item's fields are numbered by the item's place, which changes when an item
/// above it is removed).
pub fn text_field(
    field: impl Fn() -> Field + Copy + Send + Sync + 'static,
    spec: Spec,
    value: reactive_stores::Field<String>,
) -> impl IntoView {
    let form = Form::get();
    let id = Memo::new(move |_| field().id());
    let error = Memo::new(move |_| form.shown_error(field()));
    let hint_id = move || format!("{}-hint", id.get());
    let error_id = move || format!("{}-error", id.get());
    let described_by = move || {
        let mut ids = Vec::new();
        if spec.hint.is_some() {
            ids.push(hint_id());
        }
        if error.with(Option::is_some) {
            ids.push(error_id());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    // What is typed or pasted is kept as the field keeps it (`Field::clean`: Word's soft line
    // break becomes a line or a space, other control characters go), so that the PDF can show it.
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let clean = field().clean(&typed);
        if clean != typed {
            if let Some(target) = ev.target() {
                put_back(&target, &typed, &clean, field());
            }
        }
        value.set(clean);
    };
    let required = spec.required.then_some("true");
    let control = match spec.kind {
        Kind::Area => view! {
            <textarea id=move || id.get() name=move || id.get() rows="4"
                prop:value=move || value.get() on:input=on_input
                aria-invalid=invalid aria-describedby=described_by aria-required=required
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
                <input type=input_type id=move || id.get() name=move || id.get()
                    prop:value=move || value.get() on:input=on_input
                    aria-invalid=invalid aria-describedby=described_by aria-required=required
                    autocomplete=spec.autocomplete spellcheck="false"/>
            }
            .into_any()
        }
    };
    let label = wording::label(form.lang, untrack(field));
    view! {
        <div class="rf-field" class:rf-field--invalid=move || error.with(Option::is_some)>
            <label for=move || id.get()>
                {label}
                {spec.required.then(|| view! { <span class="rf-required" aria-hidden="true">" *"</span> })}
            </label>
            {spec.hint.map(|hint| view! { <p class="rf-hint" id=hint_id>{hint}</p> })}
            {control}
            <p class="rf-error" id=error_id hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
        </div>
    }
}

/// Writes the cleaned text back into the control, the caret where it was in the text.
fn put_back(control: &wasm_bindgen::JsValue, typed: &str, clean: &str, field: Field) {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    // The caret as a count of UTF-16 units (an e-mail field has none to read: it goes to the end).
    let caret = Reflect::get(control, &"selectionEnd".into())
        .ok()
        .and_then(|end| end.as_f64())
        .map(|end| {
            let before: Vec<u16> = typed.encode_utf16().take(end as usize).collect();
            field
                .clean(&String::from_utf16_lossy(&before))
                .encode_utf16()
                .count()
        });
    let _ = Reflect::set(control, &"value".into(), &clean.into());
    if let Some(caret) = caret {
        let at = JsValue::from(caret as u32);
        if let Some(select) = Reflect::get(control, &"setSelectionRange".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        {
            let _ = select.call2(control, &at, &at);
        }
    }
}
