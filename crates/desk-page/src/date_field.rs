//! A date the desk user sets (the day received, the reply's date): a labelled `type="date"`
//! field, with an optional hint and the error under it, both its description. The value is
//! written once (the browser keeps what is typed; writing it back on each input would clear the
//! other parts of a half-typed date).

use leptos::prelude::*;

#[component]
pub fn DateField(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// `YYYY-MM-DD`, as the field gives it.
    value: RwSignal<String>,
    /// The error shown under the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = [id.as_str(), "-hint"].concat();
    let error_id = [id.as_str(), "-error"].concat();
    let described = match hint {
        Some(_) => [hint_id.as_str(), " ", error_id.as_str()].concat(),
        None => error_id.clone(),
    };
    view! {
        <div class="desk-field">
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="desk-hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id
                type="date"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=value.get_untracked()
                on:input=move |e| value.set(event_target_value(&e))
            />
            <p class="desk-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}
