//! The register: what is due first, each request's status and extension, its `.ics`, and the
//! whole register as CSV, out and in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::date::Date;
use portal_desk::register::{Reference, Register, Status};
use portal_desk::texts::{self, fill};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::deadlines_view::download_ics;
use crate::{today, use_desk, Desk};

#[component]
pub fn RegisterView() -> impl IntoView {
    let desk = use_desk();
    let t = desk.t();
    let imported = RwSignal::new(None::<(usize, Vec<String>)>);
    let order = Memo::new(move |_| {
        let today = today();
        desk.register.with(|r| {
            r.by_due(today)
                .into_iter()
                .map(|(e, _)| e.reference().clone())
                .collect::<Vec<_>>()
        })
    });

    let export = move |_| {
        let csv = desk.register.with_untracked(Register::to_csv);
        let name = ["requests-", &today().iso(), ".csv"].concat();
        portal_dom::download(csv.as_bytes(), &name, "text/csv");
    };
    let import = move |event: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> = event.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            imported.set(Some(merge(desk, &bytes)));
        });
    };

    view! {
        <section class="desk-section" aria-labelledby="desk-register">
            <h2 id="desk-register">{t.register_heading}</h2>
            <p>{t.register_hint}</p>
            {move || desk.storage_problem.get().map(|p| view! {
                <p class="desk-alert desk-alert--bad" role="alert">{p}</p>
            })}
            <div class="desk-actions">
                <button type="button" on:click=export>{t.export_csv}</button>
                <span class="desk-file">
                    <label for="desk-import">{t.import_csv}</label>
                    <input id="desk-import" type="file" accept=".csv,text/csv" on:change=import/>
                </span>
            </div>
            {move || imported.get().map(|(n, problems)| view! {
                <div class="desk-alert" role="status">
                    <p>{fill(t.imported, &[("n", &n.to_string())])}</p>
                    {(!problems.is_empty()).then(|| view! {
                        <p>{t.import_problems}</p>
                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
            <Show
                when=move || !order.with(Vec::is_empty)
                fallback=move || view! { <p>{t.register_empty}</p> }
            >
                <div class="desk-table" role="region" aria-labelledby="desk-register" tabindex="0">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t.reference}</th>
                                <th scope="col">{t.received}</th>
                                <th scope="col">{t.due}</th>
                                <th scope="col">{t.rights}</th>
                                <th scope="col">{t.status}</th>
                                <th scope="col">{t.days_left}</th>
                                <th scope="col"><span class="visually-hidden">{t.remove}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || order.get() key=|r| r.clone() let(reference)>
                                <Row reference/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// Adds the requests of an imported CSV file that are not in the register yet; returns how many
/// were added and what was not, in words.
fn merge(desk: Desk, bytes: &[u8]) -> (usize, Vec<String>) {
    let (incoming, errors) = Register::from_csv(bytes);
    let mut problems: Vec<String> = errors.iter().map(|e| texts::import_error(e, desk.lang)).collect();
    let mut added = 0;
    desk.register.update(|register| {
        for entry in incoming.entries() {
            if register.entries().contains(entry) {
                continue;
            }
            match register.add(entry.clone()) {
                Ok(()) => added += 1,
                Err(duplicate) => {
                    problems.push(fill(desk.t().duplicate, &[("reference", duplicate.0.as_str())]))
                }
            }
        }
    });
    desk.save();
    (added, problems)
}

#[component]
fn Row(reference: Reference) -> impl IntoView {
    let desk = use_desk();
    let (t, lang) = (desk.t(), desk.lang);
    let reference = StoredValue::new(reference);
    let entry = Memo::new(move |_| {
        desk.register.with(|r| {
            r.entries()
                .iter()
                .find(|e| e.reference() == &reference.get_value())
                .cloned()
        })
    });
    let notice = RwSignal::new(today().iso());
    let error = RwSignal::new(None::<String>);
    let code = reference.get_value().to_string();
    let ids = (
        ["desk-status-", &code].concat(),
        ["desk-notice-", &code].concat(),
        ["desk-row-error-", &code].concat(),
    );

    let set_status = move |event: web_sys::Event| {
        let Some(status) = Status::from_key(&event_target_value(&event)) else {
            return;
        };
        let mut result = Ok(());
        desk.register.update(|r| {
            if let Some(e) = r.get_mut(&reference.get_value()) {
                result = e.set_status(status);
            }
        });
        error.set(result.err().map(|e| texts::extension_error(&e, lang)));
        desk.save();
    };
    let extend = move |_| {
        let Ok(day) = Date::parse_iso(&notice.get_untracked()) else {
            error.set(Some(t.bad_date.to_owned()));
            return;
        };
        let mut result = Ok(());
        desk.register.update(|r| {
            if let Some(e) = r.get_mut(&reference.get_value()) {
                result = e.extend(day);
            }
        });
        error.set(result.err().map(|e| texts::extension_error(&e, lang)));
        desk.save();
    };
    let remove = move |_| {
        let code = reference.get_value().to_string();
        let asked = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(&fill(t.remove_confirm, &[("reference", &code)]))
                    .ok()
            })
            .unwrap_or(false);
        if asked {
            desk.register.update(|r| {
                r.remove(&reference.get_value());
            });
            desk.save();
        }
    };
    let ics = move |_| {
        if let Some(e) = entry.get_untracked() {
            download_ics(&e.deadlines(), e.reference().as_str(), lang);
        }
    };

    let (status_id, notice_id, error_id) = ids;
    move || {
        entry.get().map(|e| {
            let left = match e.days_left(today()) {
                None => t.closed.to_owned(),
                Some(0) => t.due_today.to_owned(),
                Some(1) => t.left_one.to_owned(),
                Some(-1) => t.late_one.to_owned(),
                Some(n) if n < 0 => fill(t.late_other, &[("n", &(-n).to_string())]),
                Some(n) => fill(t.left_other, &[("n", &n.to_string())]),
            };
            let late = e.days_left(today()).is_some_and(|n| n < 0);
            let status = e.status();
            let choices = Status::ALL
                .into_iter()
                .filter(|s| *s != Status::Extended || status == Status::Extended)
                .map(|s| view! { <option value=s.key() selected=s == status>{texts::status(s, lang)}</option> })
                .collect_view();
            let rights = e
                .rights()
                .iter()
                .map(|r| texts::right(*r, lang))
                .collect::<Vec<_>>()
                .join(", ");
            let code = e.reference().to_string();
            view! {
                <tr class:desk-late=late>
                    <th scope="row" class="desk-code">{code.clone()}</th>
                    <td>{e.received().display(lang)}</td>
                    <td>
                        {e.due_now().display(lang)}
                        {e.extension_notified().map(|d| view! {
                            <span class="desk-rule">{t.notice_sent_on}": "{d.display(lang)}</span>
                        })}
                    </td>
                    <td>{rights}</td>
                    <td>
                        <label class="visually-hidden" for=status_id.clone()>{t.status}" "{code.clone()}</label>
                        <select id=status_id.clone() on:change=set_status aria-describedby=error_id.clone()>{choices}</select>
                        {(status == Status::Open).then(|| view! {
                            <details class="desk-extend">
                                <summary>{t.record_extension}</summary>
                                <label for=notice_id.clone()>{t.notice_sent_on}</label>
                                <input
                                    id=notice_id.clone()
                                    type="date"
                                    prop:value=move || notice.get()
                                    on:input=move |ev| notice.set(event_target_value(&ev))
                                />
                                <button type="button" on:click=extend>{t.record_extension}</button>
                            </details>
                        })}
                        <p class="desk-error" id=error_id.clone() role="alert">{move || error.get()}</p>
                    </td>
                    <td class:desk-late-text=late>{left}</td>
                    <td class="desk-row-actions">
                        <button type="button" on:click=ics>
                            ".ics"<span class="visually-hidden">" "{code.clone()}</span>
                        </button>
                        <button type="button" on:click=remove>
                            {t.remove}<span class="visually-hidden">" "{code.clone()}</span>
                        </button>
                    </td>
                </tr>
            }
        })
    }
}
