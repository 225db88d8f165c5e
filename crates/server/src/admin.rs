//! The DPO's page of the consent log (`/admin/`, `/admin/sv/`, `/admin/en/`: the site's
//! languages), only with an admin token, rendered by the server with no script at all:
//!
//! - **a receipt**: the DPO drops (or picks, or pastes) the receipt a visitor downloaded and sees
//!   whether the log holds that choice, identical or not, every choice of that visitor's id, and
//!   the texts each was made against;
//! - **a chart** of a period's choices per day and per revision of the texts: how many, the
//!   consent rate, the refusal rate, the withdrawals; and the period's CSV.
//!
//! The browser asks for the token itself (HTTP Basic: any user name, the token as password) over
//! the site's HTTPS; `Authorization: Bearer` works too. Answers are `no-store`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Multipart, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;

use portal_core::consent::catalogue::Purpose;
use portal_core::consent::record::{self, is_record_id, Record};
use portal_core::date::{Date, Instant};
use portal_core::facts::SERVICES;
use portal_core::i18n::Lang;

use crate::consent::{now_ms, ConsentLog};
use crate::stats::{chart, Chart, Counts};
use crate::store::Entry;
use crate::AppState;

/// The page's stylesheet (served at `admin/admin.css`: the CSP allows no inline style).
pub const STYLE: &str = include_str!("admin.css");

/// How many days the chart shows when the DPO has not chosen.
const DEFAULT_DAYS: i64 = 30;

/// The longest period the chart counts, in days.
const MAX_DAYS: i64 = 400;

/// The page's texts in one language.
struct Texts {
    title: &'static str,
    intro: &'static str,
    receipt_heading: &'static str,
    receipt_file: &'static str,
    receipt_text: &'static str,
    receipt_hint: &'static str,
    check: &'static str,
    not_a_receipt: &'static str,
    no_receipt: &'static str,
    sent: &'static str,
    not_sent: &'static str,
    found: &'static str,
    differs: &'static str,
    not_found_others: &'static str,
    none: &'static str,
    visitor_heading: &'static str,
    made: &'static str,
    received: &'static str,
    analytics: &'static str,
    marketing: &'static str,
    gpc: &'static str,
    page: &'static str,
    texts: &'static str,
    yes: &'static str,
    no: &'static str,
    /// Before the services the visitor switched off inside an allowed purpose.
    except: &'static str,
    this_one: &'static str,
    chart_heading: &'static str,
    from: &'static str,
    to: &'static str,
    show: &'static str,
    bad_period: &'static str,
    csv: &'static str,
    per_day: &'static str,
    per_revision: &'static str,
    day: &'static str,
    revision: &'static str,
    first_seen: &'static str,
    last_seen: &'static str,
    choices: &'static str,
    consented: &'static str,
    refused: &'static str,
    withdrawals: &'static str,
    total: &'static str,
    rates: &'static str,
    unavailable: &'static str,
    languages: &'static str,
}

const FI: Texts = Texts {
    title: "Suostumusloki",
    intro: "Loki sisältää sivuston kävijöiden evästevalinnat sellaisina kuin heidän selaimensa ne tallensivat, ilman IP-osoitteita ja selaintietoja. Tunniste yhdistää saman selaimen valinnat, joten merkinnät ovat henkilötietoja: käytä niitä vain suostumusten osoittamiseen ja tietosuojapyyntöihin. Merkinnät poistetaan {months} kuukauden kuluttua vastaanotosta.",
    receipt_heading: "Tarkista kävijän kuitti",
    receipt_file: "Kuittitiedosto (JSON)",
    receipt_text: "tai liitä kuitin teksti",
    receipt_hint: "Kävijä voi ladata kuitin evästeasetuksista. Voit myös vetää tiedoston kenttään.",
    check: "Tarkista",
    no_receipt: "Valitse kuittitiedosto tai liitä kuitin teksti.",
    sent: "lähetti",
    not_sent: "ei",
    not_a_receipt: "Tämä ei ole portaalin suostumuskuitti: siitä puuttuu tallennettu valinta tai sen muoto on toinen.",
    found: "Loki sisältää tämän valinnan, ja se on sama kuin kuitissa.",
    differs: "Lokissa on valinta samalla tunnisteella ja ajalla, mutta sen sisältö eroaa kuitista. Kuitti tai loki on muuttunut.",
    not_found_others: "Lokissa ei ole tätä valintaa, mutta saman kävijän muita valintoja on alla.",
    none: "Lokissa ei ole tämän kävijän valintoja. Ne on voitu poistaa säilytysajan päätyttyä, tai valinta ei ole tullut perille (esimerkiksi loki ei ollut käytössä, tai yhteys katkesi heti valinnan jälkeen).",
    visitor_heading: "Kävijän valinnat lokissa",
    made: "Tehty (UTC)",
    received: "Vastaanotettu (UTC)",
    analytics: "Analytiikka",
    marketing: "Markkinointi",
    gpc: "GPC",
    page: "Sivu",
    texts: "Näytetyt tekstit",
    yes: "sallittu",
    no: "ei sallittu",
    except: "paitsi",
    this_one: "kuitin valinta",
    chart_heading: "Valinnat",
    from: "Alkaen",
    to: "Päättyen",
    show: "Näytä",
    bad_period: "Anna ajanjakso päivämäärinä: alkupäivä ei voi olla loppupäivän jälkeen, ja jakso voi olla enintään 400 päivää.",
    csv: "Lataa ajanjakson merkinnät (CSV)",
    per_day: "Päivittäin (UTC)",
    per_revision: "Tekstiversioittain",
    day: "Päivä",
    revision: "Versio",
    first_seen: "Ensimmäinen",
    last_seen: "Viimeinen",
    choices: "Valintoja",
    consented: "Suostui",
    refused: "Kieltäytyi",
    withdrawals: "Peruutuksia",
    total: "Yhteensä",
    rates: "Suostui: salli vähintään yhden valinnaisen käyttötarkoituksen. Kieltäytyi: ei sallinut yhtään. Peruutus: salli vähemmän käyttötarkoituksia kuin saman kävijän edellinen valinta.",
    unavailable: "Lokin tietokanta ei vastaa juuri nyt. Yritä hetken kuluttua uudelleen.",
    languages: "Kieli",
};

const SV: Texts = Texts {
    title: "Samtyckeslogg",
    intro: "Loggen innehåller besökarnas val om kakor så som deras webbläsare sparade dem, utan IP-adresser och webbläsaruppgifter. Identifieraren kopplar ihop valen från samma webbläsare, så posterna är personuppgifter: använd dem bara för att visa samtycken och för att besvara begäranden från registrerade. Posterna raderas {months} månader efter att de togs emot.",
    receipt_heading: "Kontrollera en besökares kvitto",
    receipt_file: "Kvittofil (JSON)",
    receipt_text: "eller klistra in kvittots text",
    receipt_hint: "Besökaren kan ladda ned kvittot i inställningarna för kakor. Du kan också dra filen till fältet.",
    check: "Kontrollera",
    no_receipt: "Välj en kvittofil eller klistra in kvittots text.",
    sent: "skickade",
    not_sent: "nej",
    not_a_receipt: "Det här är inte portalens samtyckeskvitto: det saknar ett sparat val eller har ett annat format.",
    found: "Loggen innehåller det här valet, och det är detsamma som i kvittot.",
    differs: "Loggen har ett val med samma id och tid, men innehållet skiljer sig från kvittot. Kvittot eller loggen har ändrats.",
    not_found_others: "Loggen innehåller inte det här valet, men samma besökares andra val finns nedan.",
    none: "Loggen innehåller inga val av den här besökaren. De kan ha raderats när lagringstiden gick ut, eller så kom valet aldrig fram (till exempel var loggen inte i bruk, eller förbindelsen bröts direkt efter valet).",
    visitor_heading: "Besökarens val i loggen",
    made: "Gjort (UTC)",
    received: "Mottaget (UTC)",
    analytics: "Analys",
    marketing: "Marknadsföring",
    gpc: "GPC",
    page: "Sida",
    texts: "Texter som visades",
    yes: "tillåten",
    no: "inte tillåten",
    except: "utom",
    this_one: "kvittots val",
    chart_heading: "Val",
    from: "Från",
    to: "Till",
    show: "Visa",
    bad_period: "Ange perioden som datum: startdatumet får inte vara senare än slutdatumet, och perioden får vara högst 400 dagar.",
    csv: "Ladda ned periodens poster (CSV)",
    per_day: "Per dag (UTC)",
    per_revision: "Per textversion",
    day: "Dag",
    revision: "Version",
    first_seen: "Första",
    last_seen: "Sista",
    choices: "Val",
    consented: "Samtyckte",
    refused: "Avböjde",
    withdrawals: "Återkallelser",
    total: "Totalt",
    rates: "Samtyckte: tillät minst ett valfritt ändamål. Avböjde: tillät inget. Återkallelse: tillät färre ändamål än samma besökares föregående val.",
    unavailable: "Loggens databas svarar inte just nu. Försök igen om en stund.",
    languages: "Språk",
};

const EN: Texts = Texts {
    title: "Consent log",
    intro: "The log holds the cookie choices of the site's visitors as their browsers stored them, without IP addresses or browser details. The ID links the choices made in one browser, so the entries are personal data: use them only to demonstrate consent and to answer data subjects' requests. Entries are deleted {months} months after they were received.",
    receipt_heading: "Check a visitor's receipt",
    receipt_file: "Receipt file (JSON)",
    receipt_text: "or paste the receipt's text",
    receipt_hint: "Visitors can download the receipt from the cookie settings. You can also drag the file onto the field.",
    check: "Check",
    no_receipt: "Choose a receipt file or paste the receipt's text.",
    sent: "sent",
    not_sent: "no",
    not_a_receipt: "This is not the portal's consent receipt: it has no stored choice, or another format.",
    found: "The log holds this choice, and it is the same as in the receipt.",
    differs: "The log holds a choice with the same id and time, but its content differs from the receipt. The receipt or the log has been changed.",
    not_found_others: "The log does not hold this choice, but the same visitor's other choices are below.",
    none: "The log holds no choices by this visitor. They may have been deleted when the retention period ended, or the choice never arrived (for example, the log was not in use, or the connection broke right after the choice).",
    visitor_heading: "The visitor's choices in the log",
    made: "Made (UTC)",
    received: "Received (UTC)",
    analytics: "Analytics",
    marketing: "Marketing",
    gpc: "GPC",
    page: "Page",
    texts: "Texts shown",
    yes: "allowed",
    no: "not allowed",
    except: "except",
    this_one: "the receipt's choice",
    chart_heading: "Choices",
    from: "From",
    to: "To",
    show: "Show",
    bad_period: "Give the period as dates: the start date cannot be after the end date, and the period can be at most 400 days.",
    csv: "Download the period's entries (CSV)",
    per_day: "Per day (UTC)",
    per_revision: "Per version of the texts",
    day: "Day",
    revision: "Version",
    first_seen: "First",
    last_seen: "Last",
    choices: "Choices",
    consented: "Consented",
    refused: "Refused",
    withdrawals: "Withdrawals",
    total: "Total",
    rates: "Consented: allowed at least one optional purpose. Refused: allowed none. Withdrawal: allowed fewer purposes than the same visitor's previous choice.",
    unavailable: "The log's database is not answering right now. Try again in a moment.",
    languages: "Language",
};

/// A language's name in itself, for the language links.
fn autonym(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "Suomi",
        Lang::Sv => "Svenska",
        Lang::En => "English",
    }
}

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// The admin pages' languages and where each is: the first at `admin/`, the others at
/// `admin/<code>/`.
pub fn page_path(languages: &[Lang], lang: Lang) -> String {
    if languages.first() == Some(&lang) {
        "admin/".to_owned()
    } else {
        format!("admin/{}/", lang.code())
    }
}

/// Whether the request carries the token: `Authorization: Bearer <token>`, or HTTP Basic with the
/// token as the password (any user name).
pub fn has_token(log: &ConsentLog, headers: &HeaderMap) -> bool {
    let Some(token) = &log.admin_token else {
        return false;
    };
    let Some(value) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    // The scheme's name in any case (RFC 9110, 11.1).
    let Some((scheme, credentials)) = value.split_once(' ') else {
        return false;
    };
    if scheme.eq_ignore_ascii_case("bearer") {
        return token.matches(credentials.trim());
    }
    Some(credentials)
        .filter(|_| scheme.eq_ignore_ascii_case("basic"))
        .and_then(|encoded| base64_decode(encoded.trim()))
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .and_then(|pair| pair.split_once(':').map(|(_, password)| token.matches(password)))
        .unwrap_or(false)
}

/// Standard base64 (RFC 4648, with padding), as HTTP Basic sends it; `None` if malformed.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// An admin answer: never stored by a browser or a proxy, under the admin pages' policy.
fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(portal_headers::ADMIN_CONTENT_SECURITY_POLICY),
    );
    response
}

fn ask_for_token() -> Response {
    no_store(
        (
            StatusCode::UNAUTHORIZED,
            [
                (
                    WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"consent log\", charset=\"UTF-8\""),
                ),
                (
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
            ],
            "Give the admin token as the password (any user name).\n",
        )
            .into_response(),
    )
}

#[derive(Deserialize, Default)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

/// The period asked for, or the last [`DEFAULT_DAYS`] days; `Err` when it is malformed.
fn period(query: &Period) -> Result<(Date, Date), ()> {
    let today = Instant(now_ms()).date();
    let parse = |value: &Option<String>, fallback: Date| match value.as_deref().filter(|v| !v.is_empty()) {
        None => Ok(fallback),
        Some(v) => Date::parse_iso(v).map_err(|_| ()),
    };
    let to = parse(&query.to, today)?;
    let from = parse(&query.from, to.add_days(1 - DEFAULT_DAYS))?;
    if from > to || to.unix_days() - from.unix_days() >= MAX_DAYS {
        return Err(());
    }
    Ok((from, to))
}

/// What the receipt check found.
enum Check {
    /// The form was sent with neither a file nor a text.
    Empty,
    NotAReceipt,
    Looked {
        receipt: Record,
        entries: Vec<Entry>,
    },
}

/// Reads a receipt's text: its `record` as the portal writes records (this version's, or the
/// previous one's, before services had switches: receipts are kept longer than a version lasts).
fn receipt_record(text: &str) -> Option<Record> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let stored = value.get("record")?;
    let record: Record = serde_json::from_value(stored.clone()).ok().or_else(|| {
        serde_json::from_value::<record::PreviousRecord>(stored.clone())
            .ok()?
            .into_record()
    })?;
    // Exactly a record the portal could have stored (its canonical form reads back).
    let canonical = record::to_json_in_its_version(&record)?;
    record::read_for_checking(&canonical)
        .is_some()
        .then_some(record)
        .filter(|r| is_record_id(&r.id))
}

/// `GET` and `POST` (a receipt) of an admin page in `lang`.
pub async fn page(
    state: Arc<AppState>,
    lang: Lang,
    method: Method,
    headers: HeaderMap,
    query: Period,
    receipt: Option<String>,
) -> Response {
    let Some(log) = &state.consent else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !has_token(log, &headers) {
        return ask_for_token();
    }
    let t = texts(lang);
    let mut unavailable = false;
    let check = match (method == Method::POST, receipt) {
        (true, Some(text)) => match receipt_record(&text) {
            None => Some(Check::NotAReceipt),
            Some(receipt) => match log.store.entries(&receipt.id).await {
                Ok(entries) => Some(Check::Looked { receipt, entries }),
                Err(error) => {
                    crate::log::event(&format!("consent log: {error}"));
                    unavailable = true;
                    None
                }
            },
        },
        (true, None) => Some(Check::Empty),
        _ => None,
    };
    let period = period(&query);
    let chart = match period {
        Ok((from, to)) => match log
            .store
            .choices_between(from.start().0, to.next_day().start().0)
            .await
        {
            Ok(rows) => {
                let choices: Vec<_> = rows.iter().map(|r| r.choice()).collect();
                Some(chart(&choices, from, to))
            }
            Err(error) => {
                crate::log::event(&format!("consent log: {error}"));
                unavailable = true;
                None
            }
        },
        Err(()) => None,
    };
    let languages = &log.languages;
    let up = if page_path(languages, lang) == "admin/" {
        ""
    } else {
        "../"
    };
    let body = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (t.title) }
                link rel="stylesheet" href={ (up) "admin.css" };
                link rel="icon" href={ (up) "favicon.svg" } type="image/svg+xml";
            }
            body {
                header {
                    h1 { (t.title) }
                    @if languages.len() > 1 {
                        nav aria-label=(t.languages) {
                            ul {
                                @for other in languages {
                                    li {
                                        @let href = format!("{up}{}", page_path(languages, *other).trim_start_matches("admin/"));
                                        @let href = if href.is_empty() { "./".to_owned() } else { href };
                                        a href=(href) hreflang=(other.code()) lang=(other.code())
                                            aria-current=[(*other == lang).then_some("page")] { (autonym(*other)) }
                                    }
                                }
                            }
                        }
                    }
                }
                main {
                    p { (t.intro.replace("{months}", &log.keep_months.to_string())) }
                    @if unavailable {
                        p class="message message--error" role="alert" { (t.unavailable) }
                    }
                    section aria-labelledby="receipt" {
                        h2 id="receipt" { (t.receipt_heading) }
                        form method="post" enctype="multipart/form-data" {
                            p {
                                label for="receipt-file" { (t.receipt_file) }
                                input id="receipt-file" type="file" name="receipt" accept="application/json,.json" aria-describedby="receipt-hint";
                            }
                            p id="receipt-hint" class="hint" { (t.receipt_hint) }
                            p {
                                label for="receipt-text" { (t.receipt_text) }
                                textarea id="receipt-text" name="text" rows="4" spellcheck="false" {}
                            }
                            p { button type="submit" { (t.check) } }
                        }
                        @if let Some(check) = &check {
                            (result(t, log, &state.prefix, check))
                        }
                    }
                    section aria-labelledby="chart" {
                        h2 id="chart" { (t.chart_heading) }
                        form method="get" class="period" {
                            @let (from, to) = period.map_or((String::new(), String::new()), |(f, t)| (f.iso(), t.iso()));
                            label { (t.from) " " input type="date" name="from" value=(from) required; }
                            label { (t.to) " " input type="date" name="to" value=(to) required; }
                            button type="submit" { (t.show) }
                        }
                        @match (&chart, period) {
                            (Some(chart), Ok((from, to))) => {
                                p { a href={ (up) "export.csv?from=" (from.iso()) "&to=" (to.iso()) } download { (t.csv) } }
                                p class="hint" { (t.rates) }
                                (chart_tables(t, log, &state.prefix, chart))
                            }
                            (_, Err(())) => { p class="message message--error" role="alert" { (t.bad_period) } }
                            _ => {}
                        }
                    }
                }
            }
        }
    };
    let status = if unavailable {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    };
    no_store(
        (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))],
            body.into_string(),
        )
            .into_response(),
    )
}

/// A revision's texts on this server (the page may run where the site's public address does not
/// answer, e.g. while testing; the API and the CSV give the published address).
fn texts_link(_log: &ConsentLog, prefix: &str, revision: &str) -> String {
    format!("{prefix}/consent/{revision}.json")
}

fn result(t: &Texts, log: &ConsentLog, prefix: &str, check: &Check) -> Markup {
    let (receipt, entries) = match check {
        Check::Empty => return html! { p class="message message--error" role="alert" { (t.no_receipt) } },
        Check::NotAReceipt => {
            return html! { p class="message message--error" role="alert" { (t.not_a_receipt) } }
        }
        Check::Looked { receipt, entries } => (receipt, entries),
    };
    let same_time = entries.iter().find(|e| e.time == receipt.time);
    let identical = same_time.is_some_and(|e| record::read_for_checking(&e.record).as_ref() == Some(receipt));
    let (message, class) = match (same_time, identical) {
        (Some(_), true) => (t.found, "message message--ok"),
        (Some(_), false) => (t.differs, "message message--error"),
        (None, _) if !entries.is_empty() => (t.not_found_others, "message message--warning"),
        (None, _) => (t.none, "message message--warning"),
    };
    let allowed = |b: bool| if b { t.yes } else { t.no };
    html! {
        p class=(class) role="status" { (message) }
        @if !entries.is_empty() {
            h3 { (t.visitor_heading) }
            div class="table" role="region" aria-label=(t.visitor_heading) tabindex="0" {
                table {
                    thead { tr {
                        th scope="col" { (t.made) } th scope="col" { (t.received) }
                        th scope="col" { (t.analytics) } th scope="col" { (t.marketing) }
                        th scope="col" { (t.gpc) } th scope="col" { (t.page) } th scope="col" { (t.texts) }
                    } }
                    tbody {
                        @for entry in entries {
                            tr class=[(entry.time == receipt.time).then_some("current")] {
                                td {
                                    (Instant(entry.time).iso_utc())
                                    @if entry.time == receipt.time { br; small { "(" (t.this_one) ")" } }
                                }
                                td { (Instant(entry.received).iso_utc()) }
                                @let refused = entry.refused_services();
                                @for (purpose, on) in [(Purpose::Analytics, entry.analytics), (Purpose::Marketing, entry.marketing)] {
                                    @let except: Vec<&str> = SERVICES
                                        .iter()
                                        .filter(|s| s.purpose == purpose && refused.iter().any(|id| s.id == *id))
                                        .map(|s| s.display_name())
                                        .collect();
                                    td {
                                        (allowed(on))
                                        @if on && !except.is_empty() { " (" (t.except) " " (except.join(", ")) ")" }
                                    }
                                }
                                td { (if entry.gpc { t.sent } else { t.not_sent }) }
                                td { code { (entry.path) } }
                                td { a href=(texts_link(log, prefix, &entry.revision)) { code { (entry.revision) } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn rate(counts: &Counts, part: u64) -> Markup {
    let percent = counts.percent(part);
    html! {
        (part) " "
        @if counts.choices > 0 {
            span class="rate" { "(" (percent) " %)" }
            meter min="0" max="100" value=(percent) aria-hidden="true" {}
        }
    }
}

fn chart_tables(t: &Texts, log: &ConsentLog, prefix: &str, chart: &Chart) -> Markup {
    html! {
        h3 id="per-day" { (t.per_day) }
        div class="table" role="region" aria-labelledby="per-day" tabindex="0" {
            table {
                thead { tr {
                    th scope="col" { (t.day) } th scope="col" { (t.choices) } th scope="col" { (t.consented) }
                    th scope="col" { (t.refused) } th scope="col" { (t.withdrawals) }
                } }
                tbody {
                    @for (day, counts) in chart.days.iter().rev() {
                        tr {
                            th scope="row" { time datetime=(day.iso()) { (day.iso()) } }
                            td { (counts.choices) }
                            td { (rate(counts, counts.consented)) }
                            td { (rate(counts, counts.refused)) }
                            td { (counts.withdrawals) }
                        }
                    }
                }
                tfoot { tr {
                    th scope="row" { (t.total) }
                    td { (chart.total.choices) }
                    td { (rate(&chart.total, chart.total.consented)) }
                    td { (rate(&chart.total, chart.total.refused)) }
                    td { (chart.total.withdrawals) }
                } }
            }
        }
        h3 id="per-revision" { (t.per_revision) }
        div class="table" role="region" aria-labelledby="per-revision" tabindex="0" {
            table {
                thead { tr {
                    th scope="col" { (t.revision) } th scope="col" { (t.first_seen) } th scope="col" { (t.last_seen) }
                    th scope="col" { (t.choices) } th scope="col" { (t.consented) } th scope="col" { (t.refused) }
                    th scope="col" { (t.withdrawals) }
                } }
                tbody {
                    @for (revision, counts) in &chart.revisions {
                        tr {
                            th scope="row" { a href=(texts_link(log, prefix, revision)) { code { (revision) } } }
                            td { (Instant(counts.first).iso_utc()) }
                            td { (Instant(counts.last).iso_utc()) }
                            td { (counts.choices) }
                            td { (rate(counts, counts.consented)) }
                            td { (rate(counts, counts.refused)) }
                            td { (counts.withdrawals) }
                        }
                    }
                }
            }
        }
    }
}

/// The receipt from a page's form: the file if one was picked, else the pasted text.
pub async fn receipt_from_form(mut form: Multipart) -> Option<String> {
    let mut file = None;
    let mut text = None;
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let Ok(bytes): Result<Bytes, _> = field.bytes().await else {
            return None;
        };
        let value = String::from_utf8(bytes.to_vec())
            .ok()
            .filter(|v| !v.trim().is_empty());
        match name.as_str() {
            "receipt" => file = file.or(value),
            "text" => text = text.or(value),
            _ => {}
        }
    }
    file.or(text)
}

/// The admin routes below `prefix`: a page per language of `languages` (GET, and POST for a
/// receipt: at most 64 KB, only from the page itself), its stylesheet and the CSV.
pub fn routes(mut router: Router<Arc<AppState>>, prefix: &str, languages: &[Lang]) -> Router<Arc<AppState>> {
    for &lang in languages {
        let path = format!("{prefix}/{}", page_path(languages, lang));
        let get_page = move |State(state): State<Arc<AppState>>,
                             headers: HeaderMap,
                             Query(query): Query<Period>| async move {
            page(state, lang, Method::GET, headers, query, None).await
        };
        let post_page = move |State(state): State<Arc<AppState>>,
                              headers: HeaderMap,
                              Query(query): Query<Period>,
                              form: Multipart| async move {
            match &state.consent {
                Some(log) if has_token(log, &headers) => {}
                Some(_) => return ask_for_token(),
                None => return StatusCode::NOT_FOUND.into_response(),
            }
            // The browser sends the page's Basic credentials with another site's form too: only
            // the page itself may post (a lookup only, but it is the DPO's).
            let from_page = state
                .consent
                .as_ref()
                .is_some_and(|log| crate::consent::same_origin(&headers, &log.origin));
            if !from_page {
                return (StatusCode::FORBIDDEN, "only from the admin page itself\n").into_response();
            }
            let receipt = receipt_from_form(form).await;
            page(state, lang, Method::POST, headers, query, receipt).await
        };
        router = router.route(
            &path,
            get(get_page)
                .post(post_page)
                .layer(DefaultBodyLimit::max(64 * 1024)),
        );
        // `admin` (and `admin/en`) without the slash: to the page.
        let bare = path.trim_end_matches('/').to_owned();
        let target = format!("{}/", bare.rsplit('/').next().unwrap_or("admin"));
        router = router.route(&bare, get(move || async move { Redirect::permanent(&target) }));
    }
    router
        .route(&format!("{prefix}/admin/admin.css"), get(style))
        .route(&format!("{prefix}/admin/favicon.svg"), get(favicon))
        .route(&format!("{prefix}/admin/export.csv"), get(export))
}

/// `GET admin/export.csv?from=…&to=…`: the CSV of `GET /api/consent/export`, for the page's link
/// (which the browser sends with the page's Basic credentials).
pub async fn export(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<crate::consent::ExportPeriod>,
) -> Response {
    match &state.consent {
        Some(log) if has_token(log, &headers) => {
            no_store(crate::consent::export_csv(&state, log, &query).await)
        }
        Some(_) => ask_for_token(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The admin pages' icon: a ledger line on the accent colour (so the browser asks for no other).
pub const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#0b5563\"/><path d=\"M4 5h8M4 8h8M4 11h5\" stroke=\"#fff\" stroke-width=\"1.5\"/></svg>";

/// `GET admin/favicon.svg`.
pub async fn favicon() -> Response {
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        FAVICON,
    )
        .into_response()
}

/// `GET admin/admin.css`.
pub async fn style() -> Response {
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        STYLE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_decoded() {
        assert_eq!(base64_decode("ZHBvOnNlY3JldA==").unwrap(), b"dpo:secret");
        assert_eq!(base64_decode("YQ==").unwrap(), b"a");
        assert_eq!(base64_decode("YWI=").unwrap(), b"ab");
        assert_eq!(base64_decode("YWJj").unwrap(), b"abc");
        for bad in ["YQ=", "Y===", "YQ=a", "Y!Q=", "=YQ=", "YQ"] {
            assert!(base64_decode(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn every_language_has_its_page() {
        let languages = [Lang::Fi, Lang::Sv, Lang::En];
        assert_eq!(page_path(&languages, Lang::Fi), "admin/");
        assert_eq!(page_path(&languages, Lang::En), "admin/en/");
        for lang in languages {
            assert!(texts(lang).intro.contains("{months}"));
        }
    }
}
