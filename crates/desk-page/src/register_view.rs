//! The register: what is due first, each request's status and extension, its `.ics`, and the
//! whole register as CSV, out and in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::date::Date;
use portal_desk::register::{Entry, ExtensionError, Reference, Register, Status};
use portal_desk::texts::{self, fill};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::deadlines_view::download_ics;
use crate::{today, use_desk, Desk};

#[component]
pub fn RegisterView() -> impl IntoView {
    let desk = use_desk();
    let t = desk.t();
    let imported = RwSignal::new(None::<(usize, usize, Vec<String>)>);
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
            <h2 id="desk-register" tabindex="-1">{t.register_heading}</h2>
            <p>{t.register_hint}</p>
            <div role="alert">
                {move || desk.save_failed.get().then(|| view! {
                    <p class="desk-alert desk-alert--bad">{t.storage_failed}</p>
                })}
                {move || desk.unread.get().then(|| view! {
                    <div class="desk-alert desk-alert--bad">
                        <p>{t.storage_corrupt}</p>
                        <button type="button" on:click=move |_| {
                            let raw = portal_dom::local_storage()
                                .and_then(|s| s.get_item(crate::store::BACKUP_KEY).ok().flatten())
                                .unwrap_or_default();
                            portal_dom::download(raw.as_bytes(), "register-unread.csv", "text/csv");
                        }>{t.download_unread}</button>
                    </div>
                })}
            </div>
            <div class="desk-actions">
                <button type="button" on:click=export>{t.export_csv}</button>
                <span class="desk-file">
                    <label for="desk-import">{t.import_csv}</label>
                    <input id="desk-import" type="file" accept=".csv,text/csv" on:change=import/>
                </span>
            </div>
            {move || imported.get().map(|(n, already, problems)| view! {
                <div class="desk-alert" role="status">
                    <p>{fill(t.imported, &[("n", &n.to_string())])}</p>
                    {(already > 0).then(|| view! { <p>{fill(t.already, &[("n", &already.to_string())])}</p> })}
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
                <div class="desk-table" role="region" aria-labelledby="desk-register-table" tabindex="0">
                    <table>
                        <caption id="desk-register-table" class="visually-hidden">{t.register_table}</caption>
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
fn merge(desk: Desk, bytes: &[u8]) -> (usize, usize, Vec<String>) {
    let (incoming, errors) = Register::from_csv(bytes);
    let mut problems: Vec<String> = errors.iter().map(|e| texts::import_error(e, desk.lang)).collect();
    let (mut added, mut already) = (0, 0);
    desk.register.update(|register| {
        for entry in incoming.entries() {
            if register.entries().contains(entry) {
                already += 1;
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
    (added, already, problems)
}

/// Changes the entry of `reference` with `f` and saves the register; what the register refused.
fn change(
    desk: Desk,
    reference: &Reference,
    f: impl FnOnce(&mut Entry) -> Result<(), ExtensionError>,
) -> Option<ExtensionError> {
    let mut result = Ok(());
    desk.register.update(|r| {
        if let Some(e) = r.get_mut(reference) {
            result = f(e);
        }
    });
    desk.save();
    result.err()
}

/// Whether the staff member confirms `question` (the browser's own dialog).
fn confirmed(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

#[component]
fn Row(reference: Reference) -> impl IntoView {
    let desk = use_desk();
    let (t, lang) = (desk.t(), desk.lang);
    let code = reference.to_string();
    let reference = StoredValue::new(reference);
    let entry = Memo::new(move |_| {
        desk.register.with(|r| {
            r.entries()
                .iter()
                .find(|e| e.reference() == &reference.get_value())
                .cloned()
        })
    });
    // The row is built once; only what changes is reactive, so a control keeps the focus while
    // it is used (the status select, the extension's date and button).
    let with = move |f: fn(&Entry, portal_core::i18n::Lang) -> String| {
        move || entry.with(|e| e.as_ref().map(|e| f(e, lang)).unwrap_or_default())
    };
    let status = move || entry.with(|e| e.as_ref().map_or(Status::Open, |e| e.status()));
    let left = move || entry.with(|e| e.as_ref().and_then(|e| e.days_left(today())));
    let notice = RwSignal::new(today().iso());
    let error = RwSignal::new(None::<String>);
    let summary_code = code.clone();
    let (status_id, notice_id, error_id) = (
        ["desk-status-", &code].concat(),
        ["desk-notice-", &code].concat(),
        ["desk-row-error-", &code].concat(),
    );

    let set_status = move |event: web_sys::Event| {
        let Some(chosen) = Status::from_key(&event_target_value(&event)) else {
            return;
        };
        let reopening = chosen == Status::Open && status() == Status::Extended;
        if reopening && !confirmed(t.reopen_confirm) {
            // The select shows the status the request still has.
            if let Some(select) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                select.set_value(Status::Extended.key());
            }
            return;
        }
        let refused = change(desk, &reference.get_value(), |e| e.set_status(chosen));
        error.set(refused.map(|e| texts::extension_error(&e, lang)));
    };
    let extend = move |_| {
        let Ok(day) = Date::parse_iso(&notice.get_untracked()) else {
            error.set(Some(t.bad_date.to_owned()));
            return;
        };
        if day > today() {
            error.set(Some(t.future_date.to_owned()));
            return;
        }
        let refused = change(desk, &reference.get_value(), |e| e.extend(day));
        error.set(refused.map(|e| texts::extension_error(&e, lang)));
    };
    let remove = move |_| {
        let code = reference.get_value().to_string();
        if confirmed(&fill(t.remove_confirm, &[("reference", &code)])) {
            desk.register.update(|r| {
                r.remove(&reference.get_value());
            });
            desk.save();
            // The row is gone: the focus goes to the register's heading.
            if let Some(heading) = portal_dom::document()
                .and_then(|d| d.get_element_by_id("desk-register"))
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        }
    };
    let ics = move |_| {
        if let Some(e) = entry.get_untracked() {
            download_ics(&e.deadlines(), e.reference().as_str(), lang);
        }
    };

    let choices = Status::ALL
        .into_iter()
        .map(|s| {
            view! {
                <option
                    value=s.key()
                    // An extension is recorded with its notice's day, below, not chosen here.
                    disabled=move || s == Status::Extended && status() != Status::Extended
                    selected=move || s == status()
                >
                    {texts::status(s, lang)}
                </option>
            }
        })
        .collect_view();
    view! {
        <tr class:desk-late=move || left().is_some_and(|n| n < 0)>
            <th scope="row" class="desk-code">{code.clone()}</th>
            <td>{with(|e, lang| e.received().display(lang))}</td>
            <td>
                {with(|e, lang| e.due_now().display(lang))}
                <span class="desk-rule">
                    {move || entry.with(|e| e.as_ref().and_then(|e| e.extension_notified()).map(|d| {
                        [t.notice_sent_on, ": ", &d.display(lang)].concat()
                    }))}
                </span>
            </td>
            <td>{with(|e, lang| e.rights().iter().map(|r| texts::right(*r, lang)).collect::<Vec<_>>().join(", "))}</td>
            <td>
                <label class="visually-hidden" for=status_id.clone()>{t.status}" "{code.clone()}</label>
                <select
                    id=status_id.clone()
                    on:change=set_status
                    aria-describedby=error_id.clone()
                    prop:value=move || status().key()
                >
                    {choices}
                </select>
                <Show when=move || status() == Status::Open>
                    <details class="desk-extend">
                        <summary>{t.record_extension}<span class="visually-hidden">" "{summary_code.clone()}</span></summary>
                        <label for=notice_id.clone()>{t.notice_sent_on}</label>
                        <input
                            id=notice_id.clone()
                            type="date"
                            prop:value=notice.get_untracked()
                            on:input=move |ev| notice.set(event_target_value(&ev))
                        />
                        <button type="button" on:click=extend>{t.record_extension}</button>
                    </details>
                </Show>
                <p class="desk-error" id=error_id.clone() role="alert">{move || error.get()}</p>
            </td>
            <td class:desk-late-text=move || left().is_some_and(|n| n < 0)>
                {move || match left() {
                    None => t.closed.to_owned(),
                    Some(0) => t.due_today.to_owned(),
                    Some(1) => t.left_one.to_owned(),
                    Some(-1) => t.late_one.to_owned(),
                    Some(n) if n < 0 => fill(t.late_other, &[("n", &(-n).to_string())]),
                    Some(n) => fill(t.left_other, &[("n", &n.to_string())]),
                }}
            </td>
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
}
