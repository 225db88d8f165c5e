//! The consent log's routes, request by request (`oneshot` on the router, no socket), on a real
//! database: SQLite in a temporary folder, or the PostgreSQL database `DATABASE_URL` names (the
//! test command runs these tests once with each). Every refusal keeps nothing.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use tower::ServiceExt;

use portal_core::consent::catalogue::Purpose;
use portal_core::consent::log::{beacon_json, MAX_BODY};
use portal_core::consent::record::{self, Choices, Record, RefusedServices};
use portal_core::date::Instant;
use portal_core::i18n::Lang;
use portal_server::consent::{now_ms, AdminToken, ConsentLog};
use portal_server::store::{Kind, Store};
use portal_server::{router, AppState, Config};

const REVISION: &str = "0123456789abcdef";
const TOKEN: &str = "an-admin-token-of-at-least-32-characters";
const ORIGIN: &str = "https://tietosuoja.example.fi";

struct Log {
    app: axum::Router,
    store: Store,
    _dir: tempfile::TempDir,
}

/// A site with one published revision, and a log on this run's database: a new SQLite file per
/// test, or the one PostgreSQL database all tests share (each test then looks only at its own
/// ids, or at a day of its own).
async fn log(token: Option<&str>, prefix: &str) -> Log {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dist");
    std::fs::create_dir_all(root.join("consent")).unwrap();
    std::fs::write(root.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(root.join(format!("consent/{REVISION}.json")), "{}").unwrap();
    let url = std::env::var("DATABASE_URL").ok();
    let store = Store::open(url.as_deref(), &dir.path().join("data/consent.sqlite"))
        .await
        .unwrap();
    assert_eq!(
        store.kind(),
        if url.is_some() {
            Kind::Postgres
        } else {
            Kind::Sqlite
        }
    );
    // The test command's PostgreSQL URL asks for TLS: the connection must have it.
    if let Some(url) = url.as_deref().filter(|u| u.contains("sslmode=require")) {
        assert!(store.tls().await.unwrap(), "no TLS to {url}");
    }
    let consent = ConsentLog {
        store: store.clone(),
        origin: ORIGIN.into(),
        keep_months: 36,
        admin_token: token.map(|t| AdminToken::new(t).unwrap()),
        languages: vec![Lang::Fi, Lang::Sv, Lang::En],
        published: Default::default(),
    };
    let state = AppState::new(Config {
        root,
        prefix: prefix.into(),
        headers: Vec::new(),
        consent: Some(consent),
    })
    .unwrap();
    Log {
        app: router(Arc::new(state)),
        store,
        _dir: dir,
    }
}

/// A fresh id for each test's records (PostgreSQL's database is shared by the tests): the time,
/// the process and a counter, so no two are alike.
fn fresh_id() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut random = [0u8; 16];
    random[..8].copy_from_slice(&(nanos ^ (u64::from(std::process::id()) << 40)).to_le_bytes());
    random[8..].copy_from_slice(&count.to_le_bytes());
    record::record_id(random)
}

fn record(id: &str, choices: Choices) -> Record {
    Record::new(
        id.into(),
        Instant(now_ms() - 1000),
        choices,
        Lang::Fi,
        false,
        REVISION.into(),
    )
}

async fn post(log: &Log, path: &str, headers: &[(&str, &str)], body: String) -> Response<Body> {
    let mut request = Request::builder().method("POST").uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    log.app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap()
}

const FROM_PAGE: &[(&str, &str)] = &[
    ("sec-fetch-site", "same-origin"),
    ("content-type", "text/plain;charset=UTF-8"),
];

/// Sends `record`'s beacon from the page at `path`, as the site's pages do; it must be kept.
async fn send(log: &Log, path: &str, record: &Record) {
    let response = post(log, "/api/consent", FROM_PAGE, beacon_json(path, record).unwrap()).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

async fn get(log: &Log, path: &str, token: Option<&str>) -> Response<Body> {
    let mut request = Request::builder().uri(path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    log.app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test]
async fn a_choice_is_kept_once() {
    let log = log(None, "").await;
    let id = fresh_id();
    let record = record(&id, Choices::ALL);
    let beacon = beacon_json("/en/", &record).unwrap();
    for _ in 0..2 {
        let response = post(&log, "/api/consent", FROM_PAGE, beacon.clone()).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    let entries = log.store.entries(&id).await.unwrap();
    assert_eq!(entries.len(), 1, "{entries:#?}");
    let entry = &entries[0];
    assert_eq!(
        (
            entry.time,
            entry.path.as_str(),
            entry.revision.as_str(),
            entry.lang.as_str()
        ),
        (record.time, "/en/", REVISION, "fi")
    );
    // As chosen (Record::new keeps what the site asks about: marketing only where it is asked).
    assert!(entry.analytics && entry.marketing == record.choices.marketing && !entry.gpc);
    assert_eq!(Some(entry.record.clone()), record::to_json(&record));
    assert!((now_ms() - entry.received).abs() < 60_000);
    // A later choice of the same visitor (a withdrawal) is a second entry.
    let later = Record {
        time: record.time + 1,
        ..record.clone()
    }
    .clone();
    let withdrawn = Record {
        choices: Choices::NONE,
        ..later
    };
    send(&log, "/", &withdrawn).await;
    let entries = log.store.entries(&id).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert!(!entries[1].analytics && !entries[1].marketing);
}

#[tokio::test]
async fn every_refusal_is_a_4xx_and_keeps_nothing() {
    let log = log(None, "").await;
    let id = fresh_id();
    let good = beacon_json("/", &record(&id, Choices::ALL)).unwrap();
    let unknown = beacon_json(
        "/",
        &Record {
            revision: "fedcba9876543210".into(),
            ..record(&id, Choices::ALL)
        },
    )
    .unwrap();
    let json = [
        ("sec-fetch-site", "same-origin"),
        ("content-type", "application/json"),
    ];
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, String, StatusCode);
    let cases: Vec<Case> = vec![
        (
            "bad JSON",
            FROM_PAGE.to_vec(),
            "{\"path\":".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a record alone",
            FROM_PAGE.to_vec(),
            record::to_json(&record(&id, Choices::ALL)).unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "unknown revision",
            FROM_PAGE.to_vec(),
            unknown,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "a query in the path",
            FROM_PAGE.to_vec(),
            good.replacen("\"path\":\"/\"", "\"path\":\"/?email=a@b\"", 1),
            StatusCode::BAD_REQUEST,
        ),
        (
            "4 KB + 1",
            FROM_PAGE.to_vec(),
            format!("{good}{}", " ".repeat(MAX_BODY + 1 - good.len())),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "another site",
            vec![("sec-fetch-site", "cross-site"), ("content-type", "text/plain")],
            good.clone(),
            StatusCode::FORBIDDEN,
        ),
        (
            "a sibling site",
            vec![("sec-fetch-site", "same-site"), ("content-type", "text/plain")],
            good.clone(),
            StatusCode::FORBIDDEN,
        ),
        (
            "another origin",
            vec![
                ("origin", "https://evil.example"),
                ("host", "tietosuoja.example.fi"),
                ("content-type", "text/plain"),
            ],
            good.clone(),
            StatusCode::FORBIDDEN,
        ),
        (
            "no origin at all",
            vec![("content-type", "text/plain")],
            good.clone(),
            StatusCode::FORBIDDEN,
        ),
        (
            "a form post",
            vec![
                ("sec-fetch-site", "same-origin"),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            good.clone(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
    ];
    for (what, headers, body, status) in cases {
        let response = post(&log, "/api/consent", &headers, body).await;
        assert_eq!(response.status(), status, "{what}");
    }
    for method in ["GET", "PUT", "DELETE"] {
        let request = Request::builder()
            .method(method)
            .uri("/api/consent")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(good.clone()))
            .unwrap();
        let response = log.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    assert!(log.store.entries(&id).await.unwrap().is_empty());
    // The same body from the site's pages is kept: the refusals were for what they say.
    for headers in [
        json.to_vec(),
        vec![("origin", ORIGIN), ("content-type", "text/plain")],
        vec![
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
            ("content-type", "text/plain"),
        ],
    ] {
        let response = post(&log, "/api/consent", &headers, good.clone()).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{headers:?}");
    }
    assert_eq!(log.store.entries(&id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn below_a_prefix_the_log_is_there_too() {
    let log = log(None, "/tietosuoja").await;
    let id = fresh_id();
    let good = beacon_json("/tietosuoja/sv/", &record(&id, Choices::NONE)).unwrap();
    let response = post(&log, "/tietosuoja/api/consent", FROM_PAGE, good.clone()).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = post(&log, "/api/consent", FROM_PAGE, good).await;
    assert_ne!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(log.store.entries(&id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn without_a_token_the_dpos_routes_do_not_exist() {
    let log = log(None, "").await;
    let id = fresh_id();
    for path in [
        format!("/api/consent/{id}"),
        "/api/consent/export?from=2026-01-01&to=2026-12-31".into(),
    ] {
        let response = get(&log, &path, Some(TOKEN)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn the_dpo_finds_a_visitors_entries_with_the_token() {
    let log = log(Some(TOKEN), "").await;
    let id = fresh_id();
    let record = record(
        &id,
        Choices::ALL.with(portal_core::consent::catalogue::Purpose::Marketing, false),
    );
    send(&log, "/", &record).await;
    let path = format!("/api/consent/{id}");
    for token in [
        None,
        Some("wrong"),
        Some(&TOKEN[1..]),
        Some(&format!("{TOKEN}x")[..]),
    ] {
        let response = get(&log, &path, token).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(response.headers().contains_key("www-authenticate"));
        assert!(!body(response).await.contains(&id));
    }
    let response = get(&log, &path, Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let found: serde_json::Value = serde_json::from_str(&body(response).await).unwrap();
    assert_eq!(found["id"], id.as_str());
    let entries = found["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["choices"]["analytics"], true);
    assert_eq!(entries[0]["choices"]["marketing"], false);
    assert_eq!(entries[0]["choices"]["refused_services"], serde_json::json!([]));
    assert_eq!(
        entries[0]["texts"],
        format!("{ORIGIN}/consent/{REVISION}.json").as_str()
    );
    assert_eq!(entries[0]["record"]["id"], id.as_str());
    assert_eq!(entries[0]["time_utc"], Instant(record.time).iso_utc().as_str());
    // An id the log does not hold: an empty list. A malformed one: 400.
    let other = fresh_id();
    let response = get(&log, &format!("/api/consent/{other}"), Some(TOKEN)).await;
    let none: serde_json::Value = serde_json::from_str(&body(response).await).unwrap();
    assert_eq!(none["entries"].as_array().map(Vec::len), Some(0));
    let response = get(&log, "/api/consent/not-an-id", Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_export_is_csv_of_the_days_asked() {
    let log = log(Some(TOKEN), "").await;
    let id = fresh_id();
    send(&log, "/en/", &record(&id, Choices::NONE)).await;
    let today = Instant(now_ms()).date();
    let path = format!(
        "/api/consent/export?from={}&to={}",
        today.add_days(-1).iso(),
        today.iso()
    );
    assert_eq!(get(&log, &path, None).await.status(), StatusCode::UNAUTHORIZED);
    let response = get(&log, &path, Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = body(response).await;
    assert!(
        csv.starts_with(
            "received_utc,time_utc,id,analytics,marketing,gpc,lang,path,revision,texts,refused_services\n"
        ),
        "{csv}"
    );
    let line = csv
        .lines()
        .find(|l| l.contains(&id))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        line.ends_with(&format!(
            ",no,no,no,fi,/en/,{REVISION},{ORIGIN}/consent/{REVISION}.json,"
        )),
        "{line}"
    );
    // A service switched off inside an allowed purpose: its id in the column (as the record
    // names it; written directly, as a site with two services in a purpose would store it).
    let refined_id = fresh_id();
    let mut refined = record(&refined_id, Choices::NONE.with(Purpose::Analytics, true));
    refined.choices.refused_services = RefusedServices::NONE.with(0, true);
    send(&log, "/", &refined).await;
    let csv = body(get(&log, &path, Some(TOKEN)).await).await;
    let line = csv
        .lines()
        .find(|l| l.contains(&refined_id))
        .unwrap_or_else(|| panic!("{csv}"));
    let first = portal_core::facts::SERVICES[0].id.as_ref();
    assert!(line.contains(",yes,no,no,fi,/,"), "{line}");
    assert!(line.ends_with(&format!(".json,{first}")), "{line}");
    // Yesterday alone does not hold it.
    let yesterday = today.add_days(-1).iso();
    let csv = body(
        get(
            &log,
            &format!("/api/consent/export?from={yesterday}&to={yesterday}"),
            Some(TOKEN),
        )
        .await,
    )
    .await;
    assert!(!csv.contains(&id), "{csv}");
    for bad in [
        "",
        "?from=2026-01-01",
        "?from=2026-02-30&to=2026-03-01",
        "?from=2026-03-02&to=2026-03-01",
        "?from=1.2.2026&to=2026-03-01",
    ] {
        let response = get(&log, &format!("/api/consent/export{bad}"), Some(TOKEN)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn old_entries_are_deleted() {
    let log = log(None, "").await;
    let id = fresh_id();
    // Received long ago (the tests share PostgreSQL's database: nothing of another test's is
    // this old).
    let beacon = beacon_json("/", &record(&id, Choices::ALL)).unwrap();
    let logged = portal_core::consent::log::read_beacon(beacon.as_bytes(), now_ms()).unwrap();
    log.store.keep(logged, 1_000).await.unwrap();
    log.store.delete_received_before(1_000).await.unwrap();
    assert_eq!(log.store.entries(&id).await.unwrap().len(), 1, "not yet");
    log.store.delete_received_before(1_001).await.unwrap();
    assert!(log.store.entries(&id).await.unwrap().is_empty());
}

#[test]
fn a_short_admin_token_is_refused() {
    assert!(AdminToken::new("short").is_err());
    assert!(AdminToken::new(&"x".repeat(31)).is_err());
    assert!(AdminToken::new(&format!("{} {}", "x".repeat(20), "y".repeat(20))).is_err());
    assert!(AdminToken::new(&format!("{TOKEN}\n")).is_ok());
}

#[tokio::test]
async fn a_database_that_cannot_be_opened_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let error = Store::open(None, &file.join("consent.sqlite")).await.unwrap_err();
    assert!(error.to_string().contains("cannot create the folder"), "{error}");
    let error = Store::open(Some("mysql://localhost/x"), &file).await.unwrap_err();
    assert!(error.to_string().contains("postgres://"), "{error}");
    let error = Store::open(Some("postgres://portal:secret@127.0.0.1:1/none"), &file)
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("cannot open") && !message.contains("secret"),
        "{message}"
    );
}

/// `Authorization: Basic` with the token as the password, as a browser sends it.
fn basic(token: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("dpo:{token}"))
    )
}

async fn admin_get(log: &Log, path: &str, authorization: Option<&str>) -> Response<Body> {
    let mut request = Request::builder().uri(path);
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    log.app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

/// POSTs a receipt to an admin page as its form does (multipart/form-data).
async fn admin_post(
    log: &Log,
    path: &str,
    authorization: &str,
    field: &str,
    receipt: &str,
) -> Response<Body> {
    let boundary = "----portal-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"consent-receipt.json\"\r\n\
         Content-Type: application/json\r\n\r\n{receipt}\r\n--{boundary}--\r\n"
    );
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header("authorization", authorization)
        .header("sec-fetch-site", "same-origin")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    log.app.clone().oneshot(request).await.unwrap()
}

/// The receipt a visitor downloads (consent::receipt), indented as the browser writes it.
fn receipt_of(record: &Record) -> String {
    let receipt = portal_core::consent::receipt::Receipt {
        format: portal_core::consent::receipt::FORMAT,
        site: "https://tietosuoja.example.fi/",
        texts: "https://tietosuoja.example.fi/consent/0123456789abcdef.json",
        time_utc: "2026-12-07T10:00:00.000Z",
        valid_until_utc: "2027-12-07T10:00:00.000Z",
        record,
    };
    serde_json::to_string_pretty(&receipt).unwrap()
}

#[tokio::test]
async fn the_dpos_page_asks_for_the_token_and_speaks_the_sites_languages() {
    let without = log(None, "").await;
    assert_eq!(
        admin_get(&without, "/admin/", Some(&basic(TOKEN))).await.status(),
        StatusCode::NOT_FOUND
    );
    let log = log(Some(TOKEN), "").await;
    for authorization in [None, Some(basic("wrong").as_str()), Some("Basic !!!")] {
        let response = admin_get(&log, "/admin/", authorization).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{authorization:?}");
        assert!(response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic "));
    }
    for (path, lang, title) in [
        ("/admin/", "fi", "Suostumusloki"),
        ("/admin/sv/", "sv", "Samtyckeslogg"),
        ("/admin/en/", "en", "Consent log"),
    ] {
        let response = admin_get(&log, path, Some(&basic(TOKEN))).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store");
        assert_eq!(
            response.headers()["content-security-policy"],
            portal_headers::ADMIN_CONTENT_SECURITY_POLICY,
            "no script, forms to the page itself"
        );
        let page = body(response).await;
        assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{page}");
        assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
        assert!(!page.contains("<script"), "no script on the page");
    }
    // The bearer token works too; a language the site lacks is not there.
    assert_eq!(
        admin_get(&log, "/admin/en/", Some(&format!("Bearer {TOKEN}")))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        admin_get(&log, "/admin/de/", Some(&basic(TOKEN))).await.status(),
        StatusCode::NOT_FOUND
    );
    let response = admin_get(&log, "/admin", Some(&basic(TOKEN))).await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    let css = admin_get(&log, "/admin/admin.css", None).await;
    assert_eq!(css.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_receipt_dropped_on_the_dpos_page_is_found_or_not() {
    let log = log(Some(TOKEN), "").await;
    let id = fresh_id();
    let record = record(&id, Choices::ALL);
    send(&log, "/en/", &record).await;
    let auth = basic(TOKEN);

    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", &receipt_of(&record)).await).await;
    assert!(
        page.contains("The log holds this choice, and it is the same as in the receipt."),
        "{page}"
    );
    // The texts on this server (the API and the CSV give the published address).
    assert!(
        page.contains(&format!("href=\"/consent/{REVISION}.json\"")),
        "{page}"
    );
    assert!(page.contains("<td>no</td>"), "GPC not sent: {page}");
    assert!(page.contains("/en/"), "{page}");
    // Pasted instead of a file: the same.
    let page = body(admin_post(&log, "/admin/", &auth, "text", &receipt_of(&record)).await).await;
    assert!(
        page.contains("Loki sisältää tämän valinnan, ja se on sama kuin kuitissa."),
        "{page}"
    );

    // A receipt whose choice was altered: the log says it differs.
    let altered = Record {
        choices: Choices::NONE,
        ..record.clone()
    };
    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", &receipt_of(&altered)).await).await;
    assert!(page.contains("its content differs from the receipt"), "{page}");
    // A later choice the log never got: the visitor's other choices are shown.
    let later = Record {
        time: record.time + 5,
        ..record.clone()
    };
    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", &receipt_of(&later)).await).await;
    assert!(
        page.contains("does not hold this choice, but the same visitor"),
        "{page}"
    );
    // Another visitor's: nothing.
    let other = Record {
        id: fresh_id(),
        ..record.clone()
    };
    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", &receipt_of(&other)).await).await;
    assert!(
        page.contains("The log holds no choices by this visitor."),
        "{page}"
    );
    // Nothing chosen: the page asks for a receipt.
    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", "").await).await;
    assert!(
        page.contains("Choose a receipt file or paste the receipt's text."),
        "{page}"
    );
    // Not a receipt at all.
    for garbage in ["{}", "not json", "{\"record\":{\"id\":\"x\"}}"] {
        let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", garbage).await).await;
        assert!(
            page.contains("This is not the portal's consent receipt"),
            "{garbage}: {page}"
        );
    }
    // A service switched off inside its purpose: read back from the receipt (owned strings, as
    // serde_json gives them from the receipt's JSON), found, and written beside its purpose.
    let refined_id = fresh_id();
    let mut refined = crate::record(&refined_id, Choices::NONE.with(Purpose::Analytics, true));
    refined.choices.refused_services = RefusedServices::NONE.with(0, true);
    send(&log, "/", &refined).await;
    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", &receipt_of(&refined)).await).await;
    assert!(
        page.contains("The log holds this choice, and it is the same as in the receipt."),
        "{page}"
    );
    let product = portal_core::facts::SERVICES[0].display_name();
    assert!(page.contains(&format!("allowed (except {product})")), "{page}");
    // A receipt of the version before services had switches, against its entry in the log
    // (kept for years, while the format changed): still checked.
    let old_id = fresh_id();
    let old_time = now_ms() - 2000;
    let v2 = format!(
        r#"{{"version":2,"id":"{old_id}","time":{old_time},"choices":{{"analytics":true,"marketing":false}},"revision":"{REVISION}","lang":"fi","gpc":false}}"#
    );
    let old = portal_core::consent::record::read_for_checking(&v2).unwrap();
    log.store
        .keep(
            portal_core::consent::log::Logged {
                record: old.clone(),
                text: v2.clone(),
                path: "/".into(),
            },
            now_ms(),
        )
        .await
        .unwrap();
    let old_receipt = receipt_of(&old).replace(",\n      \"refused_services\": []", "");
    assert!(!old_receipt.contains("refused_services"), "{old_receipt}");
    let page = body(admin_post(&log, "/admin/en/", &auth, "receipt", &old_receipt).await).await;
    assert!(
        page.contains("The log holds this choice, and it is the same as in the receipt."),
        "{page}"
    );
    // Without the token: nothing is looked up (from another site: the test below).
    let response = admin_post(
        &log,
        "/admin/en/",
        &basic("wrong"),
        "receipt",
        &receipt_of(&record),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_dpos_chart_counts_the_days_choices() {
    let log = log(Some(TOKEN), "").await;
    // Received on a day of this test's own (2001-01-0N, N from the process), so the counts are
    // exact on the shared PostgreSQL database too: a consent, then its withdrawal, and a refusal.
    let day = portal_core::date::Date::new(2001, 1, 1 + (std::process::id() % 28) as u8).unwrap();
    let at = day.start().0;
    let id = fresh_id();
    let first = record(&id, Choices::ALL);
    let withdrawn = Record {
        time: first.time + 1,
        choices: Choices::NONE,
        ..first.clone()
    };
    let other = record(&fresh_id(), Choices::NONE);
    for (i, record) in [&first, &withdrawn, &other].into_iter().enumerate() {
        let beacon = beacon_json("/", record).unwrap();
        let logged = portal_core::consent::log::read_beacon(beacon.as_bytes(), now_ms()).unwrap();
        log.store.keep(logged, at + 1000 * i as i64).await.unwrap();
    }
    let day = day.iso();
    let page = body(
        admin_get(
            &log,
            &format!("/admin/en/?from={day}&to={day}"),
            Some(&basic(TOKEN)),
        )
        .await,
    )
    .await;
    let row = page
        .split(&format!("<time datetime=\"{day}\">{day}</time>"))
        .nth(1)
        .unwrap_or_else(|| panic!("{page}"));
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.starts_with("</th><td>3</td>"), "three choices: {row}");
    assert!(
        row.contains("<td>1 <span class=\"rate\">(33 %)</span>"),
        "one consent: {row}"
    );
    assert!(
        row.contains("<td>2 <span class=\"rate\">(67 %)</span>"),
        "two refusals: {row}"
    );
    assert!(row.ends_with("<td>1</td>"), "one withdrawal: {row}");
    assert!(
        page.contains(&format!("href=\"/consent/{REVISION}.json\"")),
        "{page}"
    );
    assert!(page.contains("export.csv?from="), "{page}");
    for bad in [
        "?from=2026-02-30",
        "?from=2026-03-02&to=2026-03-01",
        "?from=2020-01-01&to=2026-01-01",
    ] {
        let page = body(admin_get(&log, &format!("/admin/en/{bad}"), Some(&basic(TOKEN))).await).await;
        assert!(page.contains("Give the period as dates: "), "{bad}");
    }
    let csv = admin_get(
        &log,
        &format!("/admin/export.csv?from={day}&to={day}"),
        Some(&basic(TOKEN)),
    )
    .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = body(csv).await;
    assert_eq!(csv.lines().filter(|l| l.contains(&id)).count(), 2, "{csv}");
}

#[tokio::test]
async fn the_dpos_page_takes_receipts_only_from_itself_and_the_scheme_in_any_case() {
    let log = log(Some(TOKEN), "").await;
    let record = record(&fresh_id(), Choices::ALL);
    let form = |site: Option<&'static str>, origin: Option<&'static str>| {
        let boundary = "b";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{}\r\n--{boundary}--\r\n",
            receipt_of(&record)
        );
        let mut request = Request::builder()
            .method("POST")
            .uri("/admin/en/")
            .header("authorization", basic(TOKEN))
            .header("host", "tietosuoja.example.fi")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            );
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.body(Body::from(body)).unwrap()
    };
    for (site, origin) in [
        (Some("cross-site"), None),
        (None, Some("https://evil.example")),
        (None, None),
    ] {
        let response = log.app.clone().oneshot(form(site, origin)).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{site:?} {origin:?}");
    }
    for (site, origin) in [(Some("same-origin"), None), (None, Some(ORIGIN))] {
        let response = log.app.clone().oneshot(form(site, origin)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{site:?} {origin:?}");
    }
    for scheme in ["bearer", "BEARER"] {
        let response = admin_get(&log, "/admin/en/", Some(&format!("{scheme} {TOKEN}"))).await;
        assert_eq!(response.status(), StatusCode::OK, "{scheme}");
    }
    let response = admin_get(
        &log,
        "/admin/en/",
        Some(&basic(TOKEN).replacen("Basic", "basic", 1)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_health_check_says_whether_the_database_answers() {
    let log = log(None, "").await;
    let response = admin_get(&log, "/healthz", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    log.store.clone().close().await;
    let response = admin_get(&log, "/healthz", None).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    // A beacon while the database is away: 503, not a hang.
    let beacon = beacon_json("/", &record(&fresh_id(), Choices::ALL)).unwrap();
    let response = post(&log, "/api/consent", FROM_PAGE, beacon).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "5");
}
