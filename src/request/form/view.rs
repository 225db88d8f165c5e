//! The form's layout: contact details, the rights with what each needs, the request's language,
//! the signature, the error summary, the download and what to do next.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::fields::{label, t, text_field, Kind, Spec};
use super::{browser, signature_pad, FontState, Form};
use crate::i18n::{Lang, Text};
use crate::request::deadline::{response_deadline, Deadline};
use crate::request::draft::{Correction, PortableFormat, Signature};
use crate::request::pdf::font::FontPack;
use crate::request::record::Context;
use crate::request::right::Right;
use crate::request::validate::Field;
use crate::request::{document, pdf, record, send};

/// What the customer needs after the download.
#[derive(Clone, Debug, PartialEq)]
struct Done {
    file: String,
    mailto: String,
    ics: String,
    reference: String,
    deadline: Deadline,
    pen: bool,
}

pub fn request_form(form: Form) -> impl IntoView {
    let done = RwSignal::new(None::<Done>);
    let status = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);

    let attempt = move || {
        form.submitted.set(true);
        if !form.errors.with_untracked(Vec::is_empty) {
            status.set(None);
            browser::focus_later("request-form-errors");
            return;
        }
        match form.font.get_untracked() {
            FontState::Ready(pack) => match generate(form, &pack) {
                Ok(result) => {
                    status.set(None);
                    done.set(Some(result));
                    browser::focus_later("request-form-done");
                }
                Err(message) => status.set(Some(message)),
            },
            FontState::Loading => {
                pending.set(true);
                status.set(Some(Text {
                    fi: "Ladataan PDF:n fonttia…",
                    en: "Loading the PDF's font…",
                }));
            }
            FontState::Failed => {
                status.set(Some(Text {
                    fi: "PDF:n fonttia ei saatu ladattua. Tarkista verkkoyhteys ja paina painiketta uudelleen; kirjoittamasi tiedot ovat tallessa tällä sivulla.",
                    en: "The PDF's font could not be loaded. Check your connection and press the button again; what you typed is still here.",
                }));
                super::load_font(form.font);
            }
        }
    };
    // A download asked for while the font was loading goes ahead once it is there.
    Effect::new(move |_| {
        if matches!(form.font.get(), FontState::Ready(_)) && pending.get_untracked() {
            pending.set(false);
            attempt();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempt();
    };

    view! {
        <section class="request-form" aria-labelledby="request-form-title">
            <h2 id="request-form-title" tabindex="-1">{t(form, "Tee tietosuojapyyntö", "Make a data protection request")}</h2>
            <p>{t(form,
                "Täytä lomake, allekirjoita ja lataa pyyntö PDF-tiedostona. Lähetä se sitten itse sähköpostilla tai postitse. Kirjoittamasi tiedot pysyvät tällä välilehdellä: niitä ei tallenneta eikä lähetetä minnekään.",
                "Fill in the form, sign and download the request as a PDF file. Then send it yourself by email or by post. What you type stays in this tab: it is not stored or sent anywhere.")}</p>
            <p>{t(form,
                "Älä liitä henkilötunnusta tai kopiota henkilöllisyystodistuksesta: niitä ei tarvita. Yritys voi pyytää lisätietoja vain, jos sillä on perusteltua syytä epäillä henkilöllisyyttäsi.",
                "Do not include your personal identity code or a copy of an ID: they are not needed. The company may ask for more information only if it has reasonable doubts about your identity.")}</p>
            <p class="rf-hint">{t(form, "Tähdellä (*) merkityt kentät ovat pakollisia.", "Fields marked with an asterisk (*) are required.")}</p>
            {move || error_summary(form)}
            <form novalidate on:submit=on_submit>
                {contact_details(form)}
                {rights(form)}
                {text_field(form, Spec::new(Field::Message, Kind::Area)
                    .hint("Esimerkiksi mitä asiaa pyyntö koskee tarkemmin.", "For example, more about what the request concerns."),
                    |d| d.message.clone(), |d, v| d.message = v)}
                {request_language(form)}
                {signature(form)}
                <p class="rf-actions">
                    <button type="submit" class="button">{t(form, "Lataa pyyntö (PDF)", "Download request (PDF)")}</button>
                </p>
                <p class="rf-status" role="status">{move || status.get().map(|s| form.t(s))}</p>
            </form>
            {move || done.get().map(|done| next_steps(form, done))}
        </section>
    }
}

fn contact_details(form: Form) -> impl IntoView {
    view! {
        <fieldset class="rf-group">
            <legend>{t(form, "Yhteystietosi", "Your contact details")}</legend>
            {text_field(form, Spec::new(Field::Name, Kind::Text).required().autocomplete("name"),
                |d| d.name.clone(), |d, v| d.name = v)}
            {text_field(form, Spec::new(Field::Email, Kind::Email).autocomplete("email")
                .hint("Yritys vastaa tähän osoitteeseen. Anna sähköpostiosoite tai postiosoite.",
                      "The company answers to this address. Give an email or a postal address."),
                |d| d.email.clone(), |d, v| d.email = v)}
            {text_field(form, Spec::new(Field::PostalAddress, Kind::Area).autocomplete("street-address"),
                |d| d.postal_address.clone(), |d, v| d.postal_address = v)}
            {text_field(form, Spec::new(Field::Phone, Kind::Tel).autocomplete("tel"),
                |d| d.phone.clone(), |d, v| d.phone = v)}
            {text_field(form, Spec::new(Field::Organisation, Kind::Text).autocomplete("organization")
                .hint("Jos toimit yrityksen tai yhteisön yhteyshenkilönä: rekisteri sisältää myös nämä tiedot.",
                      "If you act as the contact person of a company or organisation: the register holds these too."),
                |d| d.organisation.clone(), |d, v| d.organisation = v)}
            {text_field(form, Spec::new(Field::CustomerNumber, Kind::Text).hint("Valinnainen.", "Optional."),
                |d| d.customer_number.clone(), |d, v| d.customer_number = v)}
        </fieldset>
    }
}

fn rights(form: Form) -> impl IntoView {
    let field = Field::Rights;
    let error_id = format!("{}-error", field.id());
    view! {
        <fieldset class="rf-group rf-rights" id=field.id()
            aria-describedby=move || form.error(field).map(|_| error_id.clone())>
            <legend>{move || form.t(label(field))} <span class="rf-required" aria-hidden="true">" *"</span></legend>
            <p class="rf-hint">{t(form, "Valitse yksi tai useampi.", "Choose one or more.")}</p>
            <p class="rf-error" id=format!("{}-error", field.id()) hidden=move || form.error(field).is_none()>
                {move || form.error(field)}
            </p>
            {Right::ALL.into_iter().map(|right| right_option(form, right)).collect_view()}
        </fieldset>
    }
}

fn right_option(form: Form, right: Right) -> impl IntoView {
    let id = format!("req-right-{}", right.key());
    let article_id = format!("{id}-article");
    let asked = Memo::new(move |_| form.draft.with(|d| d.asks(right)));
    let article = move || match form.lang.get() {
        Lang::Fi => format!("EU:n tietosuoja-asetus, {} artikla", right.article()),
        Lang::En => format!("GDPR Article {}", right.article()),
    };
    view! {
        <div class="rf-right">
            <div class="rf-check">
                <input type="checkbox" id=id.clone() name="req-right" value=right.key()
                    prop:checked=move || asked.get() aria-describedby=article_id.clone()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.draft.update(|d| d.set_right(right, on));
                        form.visit(Field::Rights);
                    }/>
                <label for=id.clone()>{move || form.t(right.name())}</label>
                <span class="rf-article" id=article_id.clone()>{article}</span>
            </div>
            <Show when=move || asked.get()>
                <div class="rf-details">{right_details(form, right)}</div>
            </Show>
        </div>
    }
}

fn right_details(form: Form, right: Right) -> AnyView {
    match right {
        Right::Access => text_field(form, Spec::new(Field::AccessScope, Kind::Area)
            .hint("Valinnainen. Jätä tyhjäksi, jos haluat kaikki tietosi.", "Optional. Leave empty to ask for all your data."),
            |d| d.access_scope.clone(), |d, v| d.access_scope = v).into_any(),
        Right::Rectification => corrections(form).into_any(),
        Right::Erasure => view! {
            <p class="rf-note">{t(form,
                "Seloste kertoo, että tietoja ei voida poistaa, jos avoimet laskut, perintä tai lakisääteinen säilytysvelvollisuus sen estävät, eikä niin kauan kuin toimit yritysasiakkaan yhteyshenkilönä. Voit silti pyytää poistamista: yritys poistaa tai anonymisoi muut tiedot ja kertoo, mitä se säilyttää ja miksi.",
                "The notice says that data cannot be erased while open invoices, debt collection or a legal obligation to keep them prevent it, nor while you act as a business customer's contact person. You can still ask for erasure: the company erases or anonymises the rest and tells you what it keeps and why.")}</p>
        }.into_any(),
        Right::Restriction => text_field(form, Spec::new(Field::RestrictionReason, Kind::Area).required()
            .hint("Esimerkiksi: tiedot ovat virheelliset ja niiden tarkistus on kesken.", "For example: the data are inaccurate and are being checked."),
            |d| d.restriction_reason.clone(), |d, v| d.restriction_reason = v).into_any(),
        Right::Objection => text_field(form, Spec::new(Field::ObjectionReason, Kind::Area).required()
            .hint("Kerro, mikä erityisessä tilanteessasi puoltaa käsittelyn lopettamista.", "Say what in your particular situation speaks against the processing."),
            |d| d.objection_reason.clone(), |d, v| d.objection_reason = v).into_any(),
        Right::DirectMarketingObjection => view! {
            <p class="rf-note">{t(form,
                "Kielto koskee suoramarkkinointia, etämyyntiä, markkinatutkimusta ja julkaisemista postituslistoilla. Perustetta ei tarvita.",
                "This covers direct marketing, distance selling, market research and publishing in mailing lists. No reason is needed.")}</p>
        }.into_any(),
        Right::Portability => {
            let format = Memo::new(move |_| form.draft.with(|d| d.portable_format));
            view! {
                <div class="rf-field">
                    <label for="req-portable-format">{t(form, "Toivottu muoto", "Preferred format")}</label>
                    <select id="req-portable-format" on:change=move |ev| {
                        if let Some(f) = PortableFormat::from_key(&event_target_value(&ev)) {
                            form.draft.update(|d| d.portable_format = f);
                        }
                    }>
                        {PortableFormat::ALL.into_iter().map(|f| view! {
                            <option value=f.key() selected=move || format.get() == f>{f.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            }.into_any()
        }
    }
}

fn corrections(form: Form) -> impl IntoView {
    let count = Memo::new(move |_| form.draft.with(|d| d.corrections.len()));
    view! {
        <div class="rf-corrections">
            {move || (0..count.get()).map(|i| view! {
                <fieldset class="rf-correction">
                    <legend>{move || match form.lang.get() { Lang::Fi => format!("Korjattava tieto {}", i + 1), Lang::En => format!("Item to correct {}", i + 1) }}</legend>
                    {text_field(form, Spec::new(Field::CorrectionCurrent(i), Kind::Text),
                        move |d| d.corrections.get(i).map(|c| c.current.clone()).unwrap_or_default(),
                        move |d, v| if let Some(c) = d.corrections.get_mut(i) { c.current = v })}
                    {text_field(form, Spec::new(Field::CorrectionCorrected(i), Kind::Text).required(),
                        move |d| d.corrections.get(i).map(|c| c.corrected.clone()).unwrap_or_default(),
                        move |d, v| if let Some(c) = d.corrections.get_mut(i) { c.corrected = v })}
                    {text_field(form, Spec::new(Field::CorrectionReason(i), Kind::Text),
                        move |d| d.corrections.get(i).map(|c| c.reason.clone()).unwrap_or_default(),
                        move |d, v| if let Some(c) = d.corrections.get_mut(i) { c.reason = v })}
                    {(count.get_untracked() > 1).then(|| view! {
                        <button type="button" class="button button--quiet"
                            on:click=move |_| form.draft.update(|d| { if d.corrections.len() > 1 { d.corrections.remove(i); } })>
                            {move || match form.lang.get() { Lang::Fi => format!("Poista kohta {}", i + 1), Lang::En => format!("Remove item {}", i + 1) }}
                        </button>
                    })}
                </fieldset>
            }).collect_view()}
            <button type="button" class="button button--quiet"
                on:click=move |_| form.draft.update(|d| if d.corrections.len() < 20 { d.corrections.push(Correction::default()) })>
                {t(form, "Lisää korjattava tieto", "Add an item to correct")}
            </button>
        </div>
    }
}

fn request_language(form: Form) -> impl IntoView {
    let chosen = Memo::new(move |_| form.draft.with(|d| d.request_lang));
    let option = move |lang: Lang, fi: &'static str, en: &'static str| {
        let id = format!("req-lang-{lang}");
        view! {
            <div class="rf-check">
                <input type="radio" id=id.clone() name="req-lang" value=lang.code()
                    prop:checked=move || chosen.get() == lang
                    on:change=move |_| form.draft.update(|d| d.request_lang = lang)/>
                <label for=id>{t(form, fi, en)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="rf-group">
            <legend>{t(form, "Pyynnön kieli", "Language of the request")}</legend>
            <p class="rf-hint">{t(form, "Seloste hyväksyy pyynnöt suomeksi ja englanniksi. Valinta ei muuta tämän sivun kieltä.",
                "The notice accepts requests in Finnish and English. This does not change the language of this page.")}</p>
            {option(Lang::Fi, "suomi", "Finnish")}
            {option(Lang::En, "englanti", "English")}
        </fieldset>
    }
}

fn signature(form: Form) -> impl IntoView {
    let kind = Memo::new(move |_| form.draft.with(|d| d.signature.key()));
    // What the other ways held, so switching back and forth loses nothing.
    let kept = StoredValue::new((Vec::new(), String::new()));
    let choose = move |key: &'static str| {
        form.draft.update(|d| {
            match std::mem::take(&mut d.signature) {
                Signature::Drawn(strokes) => kept.update_value(|k| k.0 = strokes),
                Signature::Typed(name) => kept.update_value(|k| k.1 = name),
                Signature::Pen | Signature::None => {}
            }
            d.signature = match key {
                "drawn" => Signature::Drawn(kept.with_value(|k| k.0.clone())),
                "typed" => Signature::Typed(kept.with_value(|k| k.1.clone())),
                _ => Signature::Pen,
            };
        });
    };
    let option = move |key: &'static str, fi: &'static str, en: &'static str| {
        let id = format!("req-sign-{key}");
        view! {
            <div class="rf-check">
                <input type="radio" id=id.clone() name="req-sign" value=key
                    prop:checked=move || kind.get() == key on:change=move |_| choose(key)/>
                <label for=id>{t(form, fi, en)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="rf-group">
            <legend>{t(form, "Allekirjoitus", "Signature")}</legend>
            <p class="rf-hint">{t(form,
                "Seloste pyytää allekirjoitettua pyyntöä. Piirretty tai kirjoitettu allekirjoitus on sähköinen allekirjoitus. Pyyntö on pätevä ilman allekirjoitustakin: tietosuoja-asetus ei vaadi sitä.",
                "The notice asks for a signed request. A drawn or typed signature is an electronic signature. A request is valid without a signature too: the GDPR does not require one.")}</p>
            {option("drawn", "Piirrä allekirjoitus", "Draw your signature")}
            {option("typed", "Kirjoita nimesi", "Type your name")}
            {option("pen", "Tulostan ja allekirjoitan kynällä", "I will print and sign with a pen")}
            <Show when=move || kind.get() == "drawn">{signature_pad::pad(form)}</Show>
            <Show when=move || kind.get() == "typed">
                {text_field(form, Spec::new(Field::SignatureTyped, Kind::Text).required(),
                    |d| match &d.signature { Signature::Typed(name) => name.clone(), _ => String::new() },
                    |d, v| d.signature = Signature::Typed(v))}
            </Show>
            {text_field(form, Spec::new(Field::Place, Kind::Text).autocomplete("address-level2")
                .hint("Valinnainen: tulostuu päiväyksen viereen.", "Optional: printed next to the date."),
                |d| d.place.clone(), |d, v| d.place = v)}
        </fieldset>
    }
}

fn error_summary(form: Form) -> Option<impl IntoView> {
    if !form.submitted.get() {
        return None;
    }
    let lang = form.lang.get();
    let errors = form.errors.get();
    if errors.is_empty() {
        return None;
    }
    let heading = match lang {
        Lang::Fi => format!("Tarkista lomake: {} korjattavaa kohtaa", errors.len()),
        Lang::En => format!("Please check the form: {} things to correct", errors.len()),
    };
    Some(view! {
        <div class="rf-summary" role="group" aria-labelledby="request-form-errors">
            <h3 id="request-form-errors" tabindex="-1">{heading}</h3>
            <ul>
                {errors.into_iter().map(|error| {
                    let id = error.field.id();
                    let target = id.clone();
                    let item = match error.field {
                        Field::CorrectionCurrent(i) | Field::CorrectionCorrected(i) | Field::CorrectionReason(i) =>
                            format!(" ({})", i + 1),
                        _ => String::new(),
                    };
                    let text = format!("{}{item}: {}", label(error.field).get(lang), error.problem.message(lang));
                    view! {
                        <li><a href=format!("#{id}") on:click=move |ev| {
                            ev.prevent_default();
                            focus_field(&target);
                        }>{text}</a></li>
                    }
                }).collect_view()}
            </ul>
        </div>
    })
}

/// Focuses a field by id (for a fieldset or the signature pad: its first control).
fn focus_field(id: &str) {
    let Some(element) = crate::dom::document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let control = if matches!(
        element.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select"
    ) {
        Some(element)
    } else {
        element
            .closest("fieldset")
            .ok()
            .flatten()
            .and_then(|f| f.query_selector("input, button").ok().flatten())
    };
    if let Some(control) = control.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = control.focus();
        control.scroll_into_view_with_bool(false);
    }
}

/// Makes the PDF and starts its download.
fn generate(form: Form, pack: &FontPack) -> Result<Done, Text> {
    let (stamp, today) = browser::now();
    let draft = form.draft.get_untracked();
    let recipient = form.recipient.get_value();
    let reference = form.reference.get_value();
    let deadline = response_deadline(today);
    let context = Context {
        reference: reference.clone(),
        created: today,
        stamp,
        recipient: recipient.controller.clone(),
        register: recipient.register.clone(),
        deadline,
    };
    let json = record::bytes(&draft, &context);
    let digest = crate::sha256::hex_digest(&json);
    let document = document::compose(&draft, &context, &digest);
    let failed = Text {
        fi: "PDF:n luominen epäonnistui. Kirjoittamasi tiedot ovat tallessa; yritä uudelleen.",
        en: "The PDF could not be made. What you typed is kept; please try again.",
    };
    let bytes = pdf::render(&document, pack, &json, stamp).map_err(|_| failed)?;
    let lang = draft.request_lang;
    let file = send::pdf_file_name(&reference, lang);
    crate::dom::download(&bytes, &file, "application/pdf").ok_or(failed)?;
    let stamp_text = stamp.iso_utc().replace(['-', ':'], "");
    Ok(Done {
        file,
        mailto: send::mailto(&recipient.controller.email, &reference, draft.name.trim(), lang),
        ics: send::ics(
            &deadline,
            &reference,
            &recipient.controller.name,
            lang,
            &stamp_text,
        ),
        reference,
        deadline,
        pen: matches!(draft.signature, Signature::Pen),
    })
}

fn next_steps(form: Form, done: Done) -> impl IntoView {
    let recipient = form.recipient.get_value();
    let c = recipient.controller;
    let postal = format!("{}, {} / {}", c.name, c.contact_person, c.address);
    let (file, reference, deadline) = (done.file.clone(), done.reference.clone(), done.deadline);
    let ics = done.ics.clone();
    let ics_name = send::ics_file_name(&reference);
    view! {
        <section class="rf-done" aria-labelledby="request-form-done">
            <h3 id="request-form-done" tabindex="-1">{t(form, "Pyyntö on ladattu", "Your request is downloaded")}</h3>
            <p>{move || match form.lang.get() {
                Lang::Fi => format!("Tiedosto: {file} (viite {reference})."),
                Lang::En => format!("File: {file} (reference {reference})."),
            }}</p>
            <ul>
                <li>
                    <a href=done.mailto.clone()>{move || match form.lang.get() {
                        Lang::Fi => format!("Kirjoita sähköposti osoitteeseen {}", c.email),
                        Lang::En => format!("Write an email to {}", c.email),
                    }}</a>
                    " "{t(form, "– viesti on valmiiksi täytetty; liitä siihen ladattu PDF.", "– the message is prefilled; attach the downloaded PDF.")}
                </li>
                <li>{t(form, "Tai lähetä tulostettuna postitse: ", "Or send it on paper by post: ")}<span class="rf-postal">{postal}</span>
                    {done.pen.then(|| view! { " "{t(form, "Allekirjoita tuloste ennen lähettämistä.", "Sign the printout before sending it.")} })}
                </li>
            </ul>
            <p>{move || match form.lang.get() {
                Lang::Fi => format!("Jos pyyntö saapuu tänään, vastaus on annettava viimeistään {} (pidennettynä viimeistään {}).",
                    deadline.due.display(Lang::Fi), deadline.extended.display(Lang::Fi)),
                Lang::En => format!("If the request arrives today, the answer is due by {} (if extended, by {}).",
                    deadline.due.display(Lang::En), deadline.extended.display(Lang::En)),
            }}</p>
            <p><button type="button" class="button button--quiet" on:click=move |_| {
                let _ = crate::dom::download(ics.as_bytes(), &ics_name, "text/calendar");
            }>{t(form, "Lataa muistutus kalenteriin (.ics)", "Download a calendar reminder (.ics)")}</button></p>
        </section>
    }
}
