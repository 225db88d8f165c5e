//! The consent log's routes (issue 17), when the site folder turns the log on:
//!
//! - `POST /api/consent`: a page's beacon after a choice (`portal_core::consent::log`). Only from
//!   the site's own pages (`Sec-Fetch-Site: same-origin`, or an `Origin` that is the site's or the
//!   address asked for), as `text/plain` or `application/json`, at most 4 KB, a record the portal
//!   writes, of a revision the site publishes (`consent/<revision>.json`); anything else is refused
//!   with a 4xx and nothing is kept. `204` once the entry is committed (the same record twice is
//!   one entry), `503` when the database does not answer.
//! - For the DPO, only with `PORTAL_ADMIN_TOKEN` set (otherwise these routes do not exist), with
//!   `Authorization: Bearer <token>`: `GET /api/consent/<id>` (one visitor's entries, with the
//!   address of the texts shown) and `GET /api/consent/export?from=YYYY-MM-DD&to=YYYY-MM-DD`
//!   (CSV, both days included, UTC).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HOST, ORIGIN, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use portal_core::consent::log::{read_beacon, Refused};
use portal_core::consent::record::is_record_id;
use portal_core::date::{Date, Instant};

use crate::store::{Entry, Store, StoreError};
use crate::AppState;

/// The consent log's settings and database.
#[derive(Clone, Debug)]
pub struct ConsentLog {
    pub store: Store,
    /// The site's origin (`https://tietosuoja.safrent.fi`): beacons from it are accepted, and the
    /// texts' addresses start with it.
    pub origin: String,
    /// How long an entry is kept, in months after it was received (`[consent] log_months`).
    pub keep_months: u32,
    /// The DPO's token; `None`: the DPO's routes do not exist.
    pub admin_token: Option<AdminToken>,
    /// The languages of the DPO's page (the site's), the first at `admin/`.
    pub languages: Vec<portal_core::i18n::Lang>,
    /// The revisions found published so far (a revision is never unpublished while the log
    /// keeps its entries), so that a beacon costs no file lookup once its revision is known.
    pub published: Published,
}

/// The set of revisions known to be published, shared by the server's tasks.
#[derive(Clone, Debug, Default)]
pub struct Published(Arc<std::sync::RwLock<std::collections::HashSet<String>>>);

impl Published {
    fn contains(&self, revision: &str) -> bool {
        self.0.read().is_ok_and(|set| set.contains(revision))
    }

    fn insert(&self, revision: &str) {
        if let Ok(mut set) = self.0.write() {
            set.insert(revision.to_owned());
        }
    }
}

/// The DPO's token: at least 32 characters (e.g. `openssl rand -hex 32`).
#[derive(Clone)]
pub struct AdminToken(String);

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(…)")
    }
}

impl AdminToken {
    pub const MIN_LENGTH: usize = 32;

    /// A token as given (surrounding white space, as a file ends, removed); `Err` says what is
    /// wrong with it, without repeating it.
    pub fn new(token: &str) -> Result<AdminToken, String> {
        let token = token.trim();
        if token.len() < Self::MIN_LENGTH || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(format!(
                "the admin token must be at least {} printable characters without spaces (e.g. `openssl rand -hex 32`)",
                Self::MIN_LENGTH
            ));
        }
        Ok(AdminToken(token.to_owned()))
    }

    /// Whether `given` is the token, in time that does not depend on where they differ.
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Milliseconds since 1970 now, by the server's clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        format!("{message}\n"),
    )
        .into_response()
}

fn unavailable(error: &StoreError) -> Response {
    crate::log::event(&format!("consent log: {error}"));
    let mut response = text(
        StatusCode::SERVICE_UNAVAILABLE,
        "the consent log is not available; try again later",
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

/// Whether the request comes from the site's own pages. Browsers say so in `Sec-Fetch-Site`
/// (which the pages' `Referrer-Policy: no-referrer` leaves alone, while it makes their `Origin`
/// `null`); without it, an `Origin` must be the site's or the one the request was addressed to.
pub(crate) fn same_origin(headers: &HeaderMap, site_origin: &str) -> bool {
    let header = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return site == "same-origin";
    }
    let Some(origin) = header(ORIGIN.as_str()) else {
        return false;
    };
    if origin == site_origin {
        return true;
    }
    header(HOST.as_str()).is_some_and(|host| {
        origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            == Some(host)
    })
}

/// `POST /api/consent`.
pub async fn receive(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(log) = &state.consent else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !same_origin(&headers, &log.origin) {
        return text(
            StatusCode::FORBIDDEN,
            "only the site's own pages send to the consent log",
        );
    }
    let media = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if !matches!(media.as_deref(), Some("text/plain" | "application/json")) {
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the beacon as text/plain or application/json",
        );
    }
    let logged = match read_beacon(&body, now_ms()) {
        Ok(logged) => logged,
        Err(why @ Refused::TooLarge) => return text(StatusCode::PAYLOAD_TOO_LARGE, why.message()),
        Err(why) => return text(StatusCode::BAD_REQUEST, why.message()),
    };
    let revision = &logged.record.revision;
    if !log.published.contains(revision) {
        // The revision is 16 hex digits (read_beacon checked): a file name, never a path.
        let texts = state.root.join("consent").join(format!("{revision}.json"));
        if !tokio::fs::try_exists(&texts).await.unwrap_or(false) {
            return text(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the record's revision is not one this site publishes",
            );
        }
        log.published.insert(revision);
    }
    match log.store.keep(logged, now_ms()).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => unavailable(&error),
    }
}

/// The DPO's routes answer only with the token (`Bearer`, or HTTP Basic with the token as the
/// password); otherwise the answer is this refusal.
fn refusal(state: &AppState, headers: &HeaderMap) -> Option<Response> {
    let Some(log) = state.consent.as_ref().filter(|log| log.admin_token.is_some()) else {
        return Some(StatusCode::NOT_FOUND.into_response());
    };
    if crate::admin::has_token(log, headers) {
        return None;
    }
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        "give the admin token: Authorization: Bearer <token>",
    );
    response.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"consent log\""),
    );
    Some(response)
}

/// The address of a revision's texts, as the site publishes them.
fn texts_address(state: &AppState, log: &ConsentLog, revision: &str) -> String {
    format!(
        "{}{}/consent/{revision}.json",
        log.origin.trim_end_matches('/'),
        state.prefix
    )
}

fn entry_json(state: &AppState, log: &ConsentLog, entry: &Entry) -> serde_json::Value {
    serde_json::json!({
        "time_utc": Instant(entry.time).iso_utc(),
        "received_utc": Instant(entry.received).iso_utc(),
        "choices": {
            "analytics": entry.analytics,
            "marketing": entry.marketing,
            "refused_services": entry.refused_services(),
        },
        "gpc": entry.gpc,
        "lang": entry.lang,
        "path": entry.path,
        "revision": entry.revision,
        "texts": texts_address(state, log, &entry.revision),
        "record": serde_json::from_str::<serde_json::Value>(&entry.record).unwrap_or(serde_json::Value::Null),
    })
}

/// `GET /api/consent/<id>`: the entries of one record id, oldest first (an empty list when the
/// log holds none).
pub async fn entries(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Some(refused) = refusal(&state, &headers) {
        return refused;
    }
    let Some(log) = &state.consent else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !is_record_id(&id) {
        return text(
            StatusCode::BAD_REQUEST,
            "a record id is 32 lowercase hex digits (the receipt's record.id)",
        );
    }
    match log.store.entries(&id).await {
        Ok(entries) => axum::Json(serde_json::json!({
            "id": id,
            "entries": entries.iter().map(|e| entry_json(&state, log, e)).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(error) => unavailable(&error),
    }
}

/// The period of an export: `from` and `to`, `YYYY-MM-DD`, both days included (UTC).
#[derive(Deserialize)]
pub struct ExportPeriod {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// `GET /api/consent/export?from=YYYY-MM-DD&to=YYYY-MM-DD`: the entries received on those days
/// (UTC, both included) as CSV.
pub async fn export(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(period): Query<ExportPeriod>,
) -> Response {
    if let Some(refused) = refusal(&state, &headers) {
        return refused;
    }
    let Some(log) = &state.consent else {
        return StatusCode::NOT_FOUND.into_response();
    };
    export_csv(&state, log, &period).await
}

/// The CSV of the entries received in `period` (the API's and the admin page's).
pub async fn export_csv(state: &AppState, log: &ConsentLog, period: &ExportPeriod) -> Response {
    let day = |value: Option<&str>, name: &str| {
        value
            .ok_or_else(|| format!("say {name}=YYYY-MM-DD"))
            .and_then(|v| Date::parse_iso(v).map_err(|e| format!("{name}: {e}")))
    };
    let (from, to) = match (
        day(period.from.as_deref(), "from"),
        day(period.to.as_deref(), "to"),
    ) {
        (Ok(from), Ok(to)) if from <= to => (from, to),
        (Ok(_), Ok(_)) => return text(StatusCode::BAD_REQUEST, "from must not be after to"),
        (Err(message), _) | (_, Err(message)) => return text(StatusCode::BAD_REQUEST, &message),
    };
    let entries = match log
        .store
        .received_between(from.start().0, to.next_day().start().0)
        .await
    {
        Ok(entries) => entries,
        Err(error) => return unavailable(&error),
    };
    let mut csv = csv::Writer::from_writer(Vec::new());
    let _ = csv.write_record([
        "received_utc",
        "time_utc",
        "id",
        "analytics",
        "marketing",
        "gpc",
        "lang",
        "path",
        "revision",
        "texts",
        "refused_services",
    ]);
    for entry in &entries {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let _ = csv.write_record([
            Instant(entry.received).iso_utc().as_str(),
            Instant(entry.time).iso_utc().as_str(),
            entry.id.as_str(),
            yes_no(entry.analytics),
            yes_no(entry.marketing),
            yes_no(entry.gpc),
            entry.lang.as_str(),
            entry.path.as_str(),
            entry.revision.as_str(),
            texts_address(state, log, &entry.revision).as_str(),
            entry.refused_services().join(" ").as_str(),
        ]);
    }
    let body = csv.into_inner().unwrap_or_default();
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!(
                    "attachment; filename=\"consent-log-{}-{}.csv\"",
                    from.iso(),
                    to.iso()
                ))
                .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response()
}

/// Deletes the entries older than the retention, now and then every day, logging how many.
pub async fn delete_expired_daily(state: Arc<AppState>) {
    let Some(log) = &state.consent else { return };
    let mut every_day = tokio::time::interval(std::time::Duration::from_secs(86_400));
    loop {
        every_day.tick().await;
        let before = Instant(now_ms()).sub_months(log.keep_months);
        match log.store.delete_received_before(before.0).await {
            Ok(deleted) => crate::log::event(&format!(
                "consent log: deleted {deleted} entries received before {} ({} months)",
                before.iso_utc(),
                log.keep_months
            )),
            Err(error) => crate::log::event(&format!("consent log: cannot delete old entries: {error}")),
        }
    }
}
