//! A received PDF: chosen or dropped, refused by its size before it is read, read by the reader
//! module, checked against the letter (`portal_desk::verify`) and shown, with its deadlines.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::request::controller::Controller;
use portal_core::request::record::Recipient;
use portal_desk::texts::{self, fill};
use portal_desk::verify::{verify, Received};
use portal_desk::MAX_PDF_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::deadlines_view::DeadlinesPanel;
use crate::reader::{self, Failure};
use crate::replies::RepliesPanel;
use crate::use_desk;

/// What the last file turned out to be.
#[derive(Clone)]
enum Opened {
    Nothing,
    Reading,
    Verified(Box<Received>),
    Mismatched(Vec<String>),
    NoAttachment,
    Failed(String),
}

#[component]
pub fn Open() -> impl IntoView {
    let desk = use_desk();
    let t = desk.t();
    let opened = RwSignal::new(Opened::Nothing);
    let over = RwSignal::new(false);
    let result = NodeRef::<leptos::html::Div>::new();
    // Which file is the latest: a slower file read before it must not replace its result.
    let latest = StoredValue::new(0u32);

    // The result takes the focus once it is there (a screen reader then reads it from its
    // start; the short status line above it says what happened).
    let show = move |shown: Opened| {
        opened.set(shown);
        request_animation_frame(move || {
            if let Some(div) = result.get_untracked() {
                let _ = div.focus();
            }
        });
    };
    let take = move |file: web_sys::File| {
        let this = latest.get_value().wrapping_add(1);
        latest.set_value(this);
        let size = file.size();
        if size > MAX_PDF_BYTES as f64 {
            let mb = format!("{:.1}", size / 1_048_576.0);
            show(Opened::Failed(fill(t.too_large, &[("size", &mb)])));
        } else {
            opened.set(Opened::Reading);
            spawn_local(async move {
                let shown = open(file, t, desk.lang).await;
                if latest.get_value() == this {
                    show(shown);
                }
            });
        }
    };

    let on_change = move |event: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> = event.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take(file);
            }
            // The same file chosen again (after a new download) must read again.
            input.set_value("");
        }
    };
    let on_drop = move |event: web_sys::DragEvent| {
        event.prevent_default();
        over.set(false);
        if let Some(file) = event
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take(file);
        }
    };

    view! {
        <section class="desk-section" aria-labelledby="desk-open">
            <h2 id="desk-open">{t.open_heading}</h2>
            <p>{t.open_hint}</p>
            <div
                class="desk-drop"
                class:desk-drop--over=move || over.get()
                on:dragover=move |e: web_sys::DragEvent| {
                    e.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <label for="desk-file">{t.choose_file}</label>
                <input id="desk-file" type="file" accept=".pdf,application/pdf" on:change=on_change/>
                <p class="desk-drop__hint" aria-hidden="true">{t.drop_here}</p>
            </div>
            <p class="desk-done" role="status">
                {move || matches!(opened.get(), Opened::Reading).then_some(t.reading)}
            </p>
            <div class="desk-result" tabindex="-1" node_ref=result>
                {move || match opened.get() {
                    Opened::Nothing | Opened::Reading => ().into_any(),
                    Opened::Verified(received) => view! { <Shown received=*received/> }.into_any(),
                    Opened::Mismatched(lines) => view! {
                        <div class="desk-alert desk-alert--bad">
                            <h3>{t.mismatch_heading}</h3>
                            <p>{t.mismatch_note}</p>
                            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            <p><a href="#desk-manual">{t.enter_by_hand}</a></p>
                        </div>
                    }.into_any(),
                    Opened::NoAttachment => view! {
                        <div class="desk-alert desk-alert--bad">
                            <p>{t.no_attachment}</p>
                            <p><a href="#desk-manual">{t.enter_by_hand}</a></p>
                        </div>
                    }.into_any(),
                    Opened::Failed(message) => view! {
                        <div class="desk-alert desk-alert--bad"><p>{message}</p></div>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Reads and checks `file`.
async fn open(file: web_sys::File, t: &'static texts::Texts, lang: portal_core::i18n::Lang) -> Opened {
    let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
        return Opened::Failed(fill(t.unreadable, &[("detail", "")]));
    };
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    match reader::read(&bytes).await {
        Err(Failure::NoReader) => Opened::Failed(t.reader_failed.to_owned()),
        Err(Failure::Refused { kind, detail }) => Opened::Failed(match kind.as_str() {
            "not-pdf" => t.not_pdf.to_owned(),
            "too-large" => fill(
                t.too_large,
                &[("size", &format!("{:.1}", bytes.len() as f64 / 1_048_576.0))],
            ),
            _ => fill(t.unreadable, &[("detail", &detail)]),
        }),
        Ok(read) => match read.json {
            None => Opened::NoAttachment,
            Some(json) => {
                let ours = Recipient::from(&Controller::of_site());
                match verify(&json, &read.text, &ours) {
                    Ok(received) => Opened::Verified(Box::new(received)),
                    Err(mismatches) => {
                        Opened::Mismatched(mismatches.iter().map(|m| texts::mismatch(m, lang)).collect())
                    }
                }
            }
        },
    }
}

/// A checked request: who, what, how signed, in which language, and its deadlines.
#[component]
fn Shown(received: Received) -> impl IntoView {
    let desk = use_desk();
    let (t, lang) = (desk.t(), desk.lang);
    let who = received.who().clone();
    let row = |term: &'static str, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{term}</dt><dd><bdi>{value}</bdi></dd> })
    };
    let rights = received
        .rights()
        .iter()
        .map(|r| {
            let mut details: Vec<String> = Vec::new();
            let given = |text: &Option<String>| {
                text.as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
            };
            if let Some(scope) = given(&r.scope) {
                details.push(format!("{}: {scope}", t.scope));
            }
            for item in r.items.iter().flatten() {
                // Each typed text isolated, so a right-to-left one does not reorder the arrow.
                let isolated = |text: &str| ["\u{2068}", text, "\u{2069}"].concat();
                details.push(fill(
                    t.correction,
                    &[("current", &isolated(&item.current)), ("corrected", &isolated(&item.corrected))],
                ));
                if !item.reason.is_empty() {
                    details.push(format!("{}: {}", t.reason, item.reason));
                }
            }
            if let Some(reason) = given(&r.reason) {
                details.push(format!("{}: {reason}", t.reason));
            }
            if let Some(format) = given(&r.format) {
                details.push(format!("{}: {format}", t.format));
            }
            view! {
                <li>
                    {texts::right(r.right, lang)}
                    {(!details.is_empty()).then(|| view! {
                        <ul>{details.into_iter().map(|d| view! { <li><bdi>{d}</bdi></li> }).collect_view()}</ul>
                    })}
                </li>
            }
        })
        .collect_view();
    let record = received.record();
    let reference = received.reference().to_owned();
    let received_day = RwSignal::new(crate::today().iso());
    let replied = crate::replies::Basis::of(&received);
    let right_keys: Vec<_> = received.rights().iter().map(|r| r.right).collect();
    view! {
        <div class="desk-alert desk-alert--good">
            <h3>{t.verified}</h3>
            <p>{t.verified_note}</p>
        </div>
        <h3>{t.request_heading}</h3>
        <dl class="desk-facts">
            <dt>{t.reference}</dt><dd class="desk-code">{reference.clone()}</dd>
            <dt>{t.requester}</dt><dd><bdi>{who.name.clone()}</bdi></dd>
            {row(t.email, who.email.clone())}
            {row(t.phone, who.phone.clone())}
            {row(t.address, who.postal_address.clone())}
            {row(t.organisation, who.organisation.clone())}
            {row(t.customer_number, who.customer_number.clone())}
            <dt>{t.rights}</dt><dd><ul>{rights}</ul></dd>
            {row(t.message, record.message.clone())}
            <dt>{t.signature}</dt><dd>{texts::signature(received.signature(), lang)}</dd>
            <dt>{t.letter_lang}</dt><dd>{texts::letter_lang(received.lang(), lang)}</dd>
            <dt>{t.created}</dt><dd>{received.created().display(lang)}</dd>
            <dt>{t.digest}</dt><dd class="desk-code">{received.digest().to_owned()}</dd>
        </dl>
        <DeadlinesPanel reference rights=right_keys received=received_day/>
        <RepliesPanel basis=Signal::stored(replied) received_day prefix="desk-reply" heading=t.replies_heading/>
    }
}
