//! The server's answers, request by request (`oneshot` on the router, no socket): what
//! the Node server it replaced (`scripts/serve.mjs`) did and the deploy configurations do, under `/`
//! and below a prefix.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use proptest::prelude::*;
use tower::ServiceExt;

use portal_server::{router, security_headers, AppState, Config};

const PAGE: &str = "<!doctype html><title>t</title>";
const SCRIPT: &str = "console.log(1);\n";
const SECRET: &str = "outside the site";

/// A small built site: a page in brotli and gzip too, a hashed script in gzip only, a revision, a
/// language folder, the hosts' configuration files and a file beside the folder (never served).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dist");
    let write = |path: &str, text: &[u8]| {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    };
    write("index.html", PAGE.as_bytes());
    write("index.html.br", b"brotli page");
    write("index.html.gz", b"gzip page");
    write("en/index.html", b"<!doctype html><title>en</title>");
    write("privacy-portal-0123456789abcdef.js", SCRIPT.as_bytes());
    write("privacy-portal-0123456789abcdef.js.gz", b"gzip script");
    write("consent/0123456789abcdef.json", b"{}");
    write("favicon-0123456789abcdef.png", b"png");
    write("_headers", b"/*\n");
    write(".htaccess", b"secret\n");
    write(".stage/index.html", b"staged\n");
    std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    dir
}

fn app(dir: &Path, prefix: &str) -> axum::Router {
    let state = AppState::new(Config {
        root: dir.join("dist"),
        prefix: prefix.to_owned(),
        headers: security_headers(&portal_core::SITE),
        consent: None,
    })
    .unwrap();
    router(Arc::new(state))
}

async fn send(app: &axum::Router, method: &str, path: &str, accept: Option<&str>) -> Response<Body> {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn header<'a>(response: &'a Response<Body>, name: &str) -> Option<&'a str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

/// Every header of portal-headers, exactly, on an answer.
fn assert_site_headers(response: &Response<Body>, what: &str) {
    for (name, value) in portal_headers::headers(&portal_core::SITE) {
        assert_eq!(header(response, name), Some(value.as_str()), "{what}: {name}");
    }
}

#[tokio::test]
async fn pages_and_files_carry_the_site_headers_and_their_cache_rule() {
    let dir = site();
    let app = app(dir.path(), "");
    for (path, cache, kind) in [
        ("/", "no-cache", "text/html; charset=utf-8"),
        ("/en/", "no-cache", "text/html; charset=utf-8"),
        ("/index.html", "no-cache", "text/html; charset=utf-8"),
        ("/consent/0123456789abcdef.json", "no-cache", "application/json"),
        (
            "/privacy-portal-0123456789abcdef.js",
            "public, max-age=31536000, immutable",
            "text/javascript; charset=utf-8",
        ),
        (
            "/favicon-0123456789abcdef.png",
            "public, max-age=31536000, immutable",
            "image/png",
        ),
    ] {
        let answer = send(&app, "GET", path, None).await;
        assert_eq!(answer.status(), StatusCode::OK, "{path}");
        assert_site_headers(&answer, path);
        assert_eq!(header(&answer, "cache-control"), Some(cache), "{path}");
        assert_eq!(header(&answer, "content-type"), Some(kind), "{path}");
    }
    assert_eq!(body(send(&app, "GET", "/", None).await).await, PAGE);
}

#[tokio::test]
async fn brotli_else_gzip_else_the_file_and_compressible_answers_vary() {
    let dir = site();
    let app = app(dir.path(), "");
    let cases = [
        ("/", Some("gzip, deflate, br"), Some("br"), "brotli page"),
        ("/", Some("gzip"), Some("gzip"), "gzip page"),
        ("/", Some("br;q=0, gzip;q=0"), None, PAGE),
        ("/", Some("br;q=0, *"), Some("gzip"), "gzip page"),
        ("/", None, None, PAGE),
        (
            "/privacy-portal-0123456789abcdef.js",
            Some("br, gzip"),
            Some("gzip"),
            "gzip script",
        ),
    ];
    for (path, accept, encoding, text) in cases {
        let answer = send(&app, "GET", path, accept).await;
        assert_eq!(header(&answer, "content-encoding"), encoding, "{path} {accept:?}");
        assert_eq!(
            header(&answer, "vary"),
            Some("Accept-Encoding"),
            "{path} {accept:?}"
        );
        assert_eq!(body(answer).await, text, "{path} {accept:?}");
    }
    // A type the build does not compress does not vary, and its siblings are not looked for.
    let png = send(&app, "GET", "/favicon-0123456789abcdef.png", Some("br")).await;
    assert_eq!(header(&png, "vary"), None);
    assert_eq!(header(&png, "content-encoding"), None);
}

#[tokio::test]
async fn refusals_have_their_status_the_site_headers_and_no_cache() {
    let dir = site();
    let app = app(dir.path(), "");
    for (method, path, status) in [
        ("GET", "/%E0%A4%A", StatusCode::BAD_REQUEST),
        ("GET", "/%", StatusCode::BAD_REQUEST),
        ("GET", "/en/%ff%fe", StatusCode::BAD_REQUEST),
        ("POST", "/", StatusCode::METHOD_NOT_ALLOWED),
        ("DELETE", "/en/", StatusCode::METHOD_NOT_ALLOWED),
        ("GET", "/missing.html", StatusCode::NOT_FOUND),
        ("GET", "/_headers", StatusCode::NOT_FOUND),
        ("GET", "/.htaccess", StatusCode::NOT_FOUND),
        ("GET", "/%2ehtaccess", StatusCode::NOT_FOUND),
        ("GET", "/.stage/", StatusCode::NOT_FOUND),
        ("GET", "/../secret.txt", StatusCode::NOT_FOUND),
        ("GET", "/%2e%2e/secret.txt", StatusCode::NOT_FOUND),
        ("GET", "/en/..%2f..%2fsecret.txt", StatusCode::NOT_FOUND),
        ("GET", "/consent", StatusCode::MOVED_PERMANENTLY),
        ("GET", "/consent/", StatusCode::NOT_FOUND),
    ] {
        let answer = send(&app, method, path, None).await;
        assert_eq!(answer.status(), status, "{method} {path}");
        assert_site_headers(&answer, path);
        assert_eq!(
            header(&answer, "cache-control"),
            Some("no-cache"),
            "{method} {path}"
        );
        if status == StatusCode::METHOD_NOT_ALLOWED {
            assert_eq!(header(&answer, "allow"), Some("GET, HEAD"));
        }
        assert!(!body(answer).await.contains(SECRET), "{path}");
    }
}

#[tokio::test]
async fn a_folder_without_its_slash_is_redirected_with_its_query() {
    let dir = site();
    let app = app(dir.path(), "");
    let answer = send(&app, "GET", "/en?x=1", None).await;
    assert_eq!(answer.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(header(&answer, "location"), Some("/en/?x=1"));
    let answer = send(&app, "HEAD", "/en", None).await;
    assert_eq!(header(&answer, "location"), Some("/en/"));
}

#[tokio::test]
async fn head_is_answered_like_get() {
    let dir = site();
    let app = app(dir.path(), "");
    let answer = send(&app, "HEAD", "/", Some("br")).await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(header(&answer, "content-encoding"), Some("br"));
    assert_site_headers(&answer, "HEAD /");
}

#[tokio::test]
async fn below_a_prefix_only_the_prefix_is_the_site() {
    let dir = site();
    let app = app(dir.path(), "/tietosuoja");
    assert_eq!(body(send(&app, "GET", "/tietosuoja/", None).await).await, PAGE);
    let en = send(&app, "GET", "/tietosuoja/en/", None).await;
    assert_eq!(en.status(), StatusCode::OK);
    let hashed = send(
        &app,
        "GET",
        "/tietosuoja/privacy-portal-0123456789abcdef.js",
        None,
    )
    .await;
    assert_eq!(
        header(&hashed, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let folder = send(&app, "GET", "/tietosuoja/en", None).await;
    assert_eq!(header(&folder, "location"), Some("/tietosuoja/en/"));
    let bare = send(&app, "GET", "/tietosuoja", None).await;
    assert_eq!(bare.status(), StatusCode::NOT_FOUND);
    for path in [
        "/",
        "/en/",
        "/tietosuojax/",
        "/tietosuoja/_headers",
        "/tietosuoja/../secret.txt",
    ] {
        let answer = send(&app, "GET", path, None).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
        assert_site_headers(&answer, path);
    }
}

#[tokio::test]
async fn the_health_check_answers_ok_with_the_headers() {
    let dir = site();
    for prefix in ["", "/tietosuoja"] {
        let app = app(dir.path(), prefix);
        let answer = send(&app, "GET", "/healthz", None).await;
        assert_eq!(answer.status(), StatusCode::OK);
        assert_site_headers(&answer, "/healthz");
        assert_eq!(body(answer).await, "ok\n");
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any path a client can send is answered (no panic), with a status the server gives, and
    /// the file beside the folder is never in it.
    #[test]
    fn any_path_is_answered_without_leaving_the_folder(
        segments in proptest::collection::vec(
            prop_oneof![
                Just("..".to_owned()), Just(".".to_owned()), Just("%2e%2e".to_owned()), Just("%2E".to_owned()),
                Just("secret.txt".to_owned()), Just("en".to_owned()), Just("".to_owned()), Just("%2f".to_owned()),
                Just("%5c".to_owned()), Just("%00".to_owned()), Just("%".to_owned()), Just("tietosuoja".to_owned()),
                "[a-zA-Z0-9._~%-]{0,6}",
            ],
            0..8,
        ),
        query in proptest::option::of("[a-z=&%]{0,8}"),
        prefix in prop_oneof![Just(""), Just("/tietosuoja")],
        method in prop_oneof![Just("GET"), Just("HEAD"), Just("POST"), Just("OPTIONS")],
    ) {
        let mut path = format!("/{}", segments.join("/"));
        if let Some(query) = query {
            path = format!("{path}?{query}");
        }
        prop_assume!(path.parse::<axum::http::Uri>().is_ok());
        let dir = site();
        let app = app(dir.path(), prefix);
        let (status, text) = runtime().block_on(async {
            let answer = send(&app, method, &path, Some("br, gzip")).await;
            (answer.status(), body(answer).await)
        });
        prop_assert!(
            [200, 301, 400, 404, 405].contains(&status.as_u16()),
            "{} {} gave {}", method, path, status
        );
        prop_assert!(!text.contains(SECRET), "{} {}", method, path);
        prop_assert!(!text.contains("secret\n") && !text.contains("staged"), "{} {}", method, path);
    }
}
