//! The rights: a checkbox each, named as in the notice with the GDPR article, and under a ticked
//! one what it needs (a reason, the items to correct, a format) or what it means.

use leptos::prelude::*;
use reactive_stores::Field as StoreField;

use super::browser;
use super::fields::{text_field, Kind, Spec};
use super::state::{FormStateStoreFields, Row, RowStoreFields, MAX_CORRECTIONS};
use super::Form;
use portal_core::i18n::fill;
use portal_core::request::draft::PortableFormat;
use portal_core::request::right::Right;
use portal_core::request::validate::Field;
use portal_core::request::wording;

/// Ticks or unticks `right`, keeping [`Right::ALL`] order.
pub fn tick(form: Form, right: Right, on: bool) {
    form.state.rights().update(|rights| {
        rights.retain(|&r| r != right);
        if on {
            rights.push(right);
            rights.sort_by_key(|r| Right::ALL.iter().position(|x| x == r));
        }
    });
}

/// The rights' fieldset.
pub fn rights() -> impl IntoView {
    let form = Form::get();
    let field = Field::Rights;
    let error = Memo::new(move |_| form.shown_error(field));
    let error_id = format!("{}-error", field.id());
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let t = &form.strings().form;
    view! {
        <fieldset class="rf-group rf-rights" id=field.id() aria-describedby=described_by>
            <legend>{t.fields.rights}<span class="rf-required" aria-hidden="true">" *"</span></legend>
            <p class="rf-hint">{t.rights.hint}</p>
            <p class="rf-error" id=error_id hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
            {Right::ALL.into_iter().map(right_option).collect_view()}
        </fieldset>
    }
}

fn right_option(right: Right) -> impl IntoView {
    let form = Form::get();
    let id = format!("req-right-{}", right.key());
    let article_id = format!("{id}-article");
    let asked = Memo::new(move |_| form.state.rights().with(|r| r.contains(&right)));
    view! {
        <div class="rf-right">
            <div class="rf-check">
                <input type="checkbox" id=id.clone() name="req-right" value=right.key()
                    prop:checked=move || asked.get() aria-describedby=article_id.clone()
                    on:change=move |ev| tick(form, right, event_target_checked(&ev))/>
                <label for=id>{wording::right_name(form.lang, right)}</label>
                <span class="rf-article" id=article_id>{wording::article(form.lang, right)}</span>
            </div>
            <Show when=move || asked.get()>
                <div class="rf-details">{details(right)}</div>
            </Show>
        </div>
    }
}

fn details(right: Right) -> AnyView {
    let form = Form::get();
    let (s, t) = (form.state, &form.strings().form);
    match right {
        Right::Access => text_field(
            || Field::AccessScope,
            Spec::new(Kind::Area).hint(t.fields.access_scope_hint),
            s.access_scope().into(),
        )
        .into_any(),
        Right::Rectification => corrections().into_any(),
        Right::Erasure => view! { <p class="rf-note">{t.rights.erasure_note}</p> }.into_any(),
        Right::Restriction => text_field(
            || Field::RestrictionReason,
            Spec::new(Kind::Area)
                .required()
                .hint(t.fields.restriction_reason_hint),
            s.restriction_reason().into(),
        )
        .into_any(),
        Right::Objection => text_field(
            || Field::ObjectionReason,
            Spec::new(Kind::Area)
                .required()
                .hint(t.fields.objection_reason_hint),
            s.objection_reason().into(),
        )
        .into_any(),
        Right::DirectMarketingObjection => {
            view! { <p class="rf-note">{t.rights.direct_marketing_note}</p> }.into_any()
        }
        Right::Portability => {
            let format = s.portable_format();
            view! {
                <div class="rf-field">
                    <label for="req-portable-format">{t.fields.portable_format}</label>
                    <select id="req-portable-format" on:change=move |ev| {
                        if let Some(f) = PortableFormat::from_key(&event_target_value(&ev)) {
                            format.set(f);
                        }
                    }>
                        {PortableFormat::ALL.into_iter().map(|f| view! {
                            <option value=f.key() selected=move || format.get() == f>{f.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
    }
}

/// The items to correct: one `<For>` row per item, keyed, so adding or removing an item leaves
/// the other rows' elements (and the focus and text in them) as they are.
fn corrections() -> impl IntoView {
    let form = Form::get();
    let rows = form.state.corrections();
    let count = Memo::new(move |_| rows.with(Vec::len));
    let add = move |_: leptos::ev::MouseEvent| {
        if count.get_untracked() >= MAX_CORRECTIONS {
            return;
        }
        let id = form.state.next_id().get_untracked();
        form.state.next_id().set(id + 1);
        rows.write().push(Row { id, ..Row::default() });
        browser::focus_later(Field::CorrectionCurrent(count.get_untracked() - 1).id());
    };
    let t = &form.strings().form.rights;
    view! {
        <div class="rf-corrections">
            <For each=move || rows key=|row| row.id().get() let:row>
                {correction(row.into(), count)}
            </For>
            <button type="button" id="req-correction-add" class="button button--quiet"
                disabled=move || { count.get() >= MAX_CORRECTIONS } on:click=add>
                {t.add_correction}
            </button>
        </div>
    }
}

fn correction(row: StoreField<Row>, count: Memo<usize>) -> impl IntoView {
    let form = Form::get();
    let rows = form.state.corrections();
    let id = row.id().get_untracked();
    // The item's place: its number, and the index of its fields in validation.
    let index = Memo::new(move |_| rows.with(|r| r.iter().position(|x| x.id == id).unwrap_or(0)));
    let number = move || (index.get() + 1).to_string();
    let t = &form.strings().form;
    let remove = move |ev: leptos::ev::MouseEvent| {
        // The focus is on the button (or in its row) only when the customer used it: then it
        // goes to the add button, as the row is gone. Focus elsewhere stays where it is.
        let in_row = browser::focus_within(&ev);
        rows.write().retain(|r| r.id != id);
        if in_row {
            browser::focus_later("req-correction-add");
        }
    };
    view! {
        <fieldset class="rf-correction">
            <legend>{move || fill(t.rights.correction, &[("n", &number())])}</legend>
            {text_field(move || Field::CorrectionCurrent(index.get()), Spec::new(Kind::Text), row.current().into())}
            {text_field(move || Field::CorrectionCorrected(index.get()), Spec::new(Kind::Text).required(), row.corrected().into())}
            {text_field(move || Field::CorrectionReason(index.get()), Spec::new(Kind::Text), row.reason().into())}
            <Show when=move || { count.get() > 1 }>
                <button type="button" class="button button--quiet" on:click=remove>
                    {move || fill(t.rights.remove_correction, &[("n", &number())])}
                </button>
            </Show>
        </fieldset>
    }
}
