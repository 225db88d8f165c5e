//! The request letter's language (Finnish or English) and the signature: no signature (the
//! default: the GDPR requires none), drawn, typed, or a pen after printing; then the place.

use leptos::prelude::*;

use super::fields::{text_field, Kind, Spec};
use super::signature_pad;
use super::state::{FormStateStoreFields, Method};
use super::Form;
use portal_core::request::draft::SenderStoreFields;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::validate::Field;

/// A radio button with its label.
fn radio(
    name: &'static str,
    id: String,
    label: &'static str,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    choose: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="rf-check">
            <input type="radio" id=id.clone() name=name prop:checked=checked on:change=move |_| choose()/>
            <label for=id>{label}</label>
        </div>
    }
}

/// The letter's language: only the two the notice accepts requests in, whatever the page's.
pub fn letter_language() -> impl IntoView {
    let form = Form::get();
    let letter = form.state.letter();
    let t = &form.strings().form.letter;
    let option = move |lang: LetterLang| {
        let label = match lang {
            LetterLang::Fi => t.fi,
            LetterLang::En => t.en,
        };
        radio(
            "req-lang",
            format!("req-lang-{}", lang.code()),
            label,
            move || letter.get() == lang,
            move || letter.set(lang),
        )
    };
    // Only the languages the controller accepts; with one, there is nothing to choose.
    (LetterLang::OFFERED.len() > 1).then(|| {
        view! {
            <fieldset class="rf-group" aria-describedby="req-lang-hint">
                <legend>{t.legend}</legend>
                <p class="rf-hint" id="req-lang-hint">{t.hint}</p>
                {LetterLang::OFFERED.into_iter().map(option).collect_view()}
            </fieldset>
        }
    })
}

/// How to sign, and the place of signing.
pub fn signature() -> impl IntoView {
    let form = Form::get();
    let method = form.state.method();
    let (name, typed) = (form.state.sender().name(), form.state.typed());
    // Typing one's name as a signature starts from the name already given.
    let choose = move |m: Method| {
        if m == Method::Typed && typed.with_untracked(|t| t.trim().is_empty()) {
            typed.set(name.with_untracked(|n| n.trim().to_owned()));
        }
        method.set(m);
    };
    let t = &form.strings().form;
    let label = |m: Method| match m {
        Method::None => t.signature.none,
        Method::Drawn => t.signature.drawn,
        Method::Typed => t.signature.typed,
        Method::Pen => t.signature.pen,
    };
    view! {
        <fieldset class="rf-group" aria-describedby="req-sign-hint">
            <legend>{t.signature.legend}</legend>
            <p class="rf-hint" id="req-sign-hint">{t.signature.hint}</p>
            {Method::ALL.into_iter().map(|m| radio(
                "req-sign",
                format!("req-sign-{}", m.key()),
                label(m),
                move || method.get() == m,
                move || choose(m),
            )).collect_view()}
            <Show when=move || method.get() == Method::Drawn>{signature_pad::pad()}</Show>
            <Show when=move || method.get() == Method::Typed>
                {text_field(|| Field::SignatureTyped, Spec::new(Kind::Text).required().autocomplete("name"),
                    form.state.typed().into())}
            </Show>
            {text_field(|| Field::Place, Spec::new(Kind::Text).autocomplete("address-level2").hint(t.fields.place_hint),
                form.state.place().into())}
        </fieldset>
    }
}
