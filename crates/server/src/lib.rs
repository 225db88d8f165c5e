//! The portal's own web server (package `portal-server`): serves a built site folder (`dist/`)
//! with exactly the headers of `portal-headers` (the Content-Security-Policy of the site folder's
//! services, HSTS and the other security headers on every answer, errors included; a year's cache
//! for content-hashed files, `no-cache` for the rest), and the `.br` / `.gz` file the build wrote
//! beside each file, as the deploy configurations do.
//!
//! One router ([`router`]), its state by `State` ([`AppState`]):
//! - `GET /healthz`: `200 ok` (`503` while the consent log's database does not answer);
//! - the consent log ([`consent`]), below the prefix, when the site folder turns it on:
//!   `POST /api/consent`, and with an admin token the DPO's `GET /api/consent/<id>` and
//!   `GET /api/consent/export`, and the DPO's page ([`admin`]: `/admin/`); its database is
//!   [`store`], its chart [`stats`];
//! - everything else: the site's files ([`files`]), below an optional prefix (`/tietosuoja`).
//!
//! Every answer is logged as one line on stdout ([`log`]): method, path without the query,
//! status, bytes and time. No IP address, no user agent, no query string, no header.

pub mod admin;
pub mod consent;
pub mod files;
pub mod log;
pub mod stats;
pub mod store;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::header::{HeaderName, HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

/// What the server is started with.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built site (`dist/`).
    pub root: PathBuf,
    /// The path the site is served below, without a trailing `/` (`""` or `/tietosuoja`).
    pub prefix: String,
    /// The headers every answer carries (normally [`security_headers`] of the site folder).
    pub headers: Vec<(&'static str, String)>,
    /// The consent log, when the site folder turns it on.
    pub consent: Option<consent::ConsentLog>,
}

/// A prefix as given on the command line (`/tietosuoja`, `/tietosuoja/`, `""`) as the server keeps
/// it: `""` or `/` and a path, without a trailing `/`. A prefix that does not start with `/`, or
/// that has a query, a fragment, a dot segment or an empty segment, is refused.
pub fn normalise_prefix(prefix: &str) -> Result<String, String> {
    let trimmed = prefix.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let well_formed = trimmed.starts_with('/')
        && trimmed[1..]
            .split('/')
            .all(|segment| !segment.is_empty() && !segment.starts_with('.'))
        && !trimmed.contains(['?', '#', '%', '\\'])
        && trimmed.is_ascii();
    if well_formed {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "--prefix {prefix:?}: give a path such as /tietosuoja (letters, digits, - and _, no dot segments)"
        ))
    }
}

/// The headers of the site folder `site` on every answer: `portal_headers::headers` (CSP, HSTS,
/// referrer policy, nosniff, permissions policy, COOP, frame options).
pub fn security_headers(site: &site_folder::Site) -> Vec<(&'static str, String)> {
    portal_headers::headers(site)
}

/// The state every handler shares.
#[derive(Debug)]
pub struct AppState {
    pub root: PathBuf,
    pub prefix: String,
    /// [`Config::headers`], ready to copy into each answer.
    pub headers: HeaderMap,
    pub consent: Option<consent::ConsentLog>,
}

/// A header of [`Config::headers`] that HTTP cannot carry (a name or value with a control
/// character): the site folder's loader refuses such hosts, so this is a mistake in the code.
#[derive(Debug, thiserror::Error)]
#[error("the header {0} cannot be sent: {1}")]
pub struct BadHeader(String, String);

impl AppState {
    pub fn new(config: Config) -> Result<AppState, BadHeader> {
        let mut headers = HeaderMap::new();
        for (name, value) in config.headers {
            // Any case: `from_bytes` keeps names lower-case, as HTTP/2 sends them.
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| BadHeader(name.to_owned(), e.to_string()))?;
            let header_value =
                HeaderValue::from_str(&value).map_err(|e| BadHeader(name.to_owned(), e.to_string()))?;
            headers.insert(header_name, header_value);
        }
        Ok(AppState {
            root: config.root,
            prefix: config.prefix,
            headers,
            consent: config.consent,
        })
    }
}

/// The server's one router.
pub fn router(state: Arc<AppState>) -> Router {
    let mut router = Router::new().route("/healthz", get(healthz));
    if let Some(log) = &state.consent {
        let path = format!("{}/{}", state.prefix, portal_core::consent::log::PATH);
        router = router.route(
            &path,
            post(consent::receive).layer(DefaultBodyLimit::max(portal_core::consent::log::MAX_BODY)),
        );
        if log.admin_token.is_some() {
            router = router
                .route(&format!("{path}/export"), get(consent::export))
                .route(&format!("{path}/{{id}}"), get(consent::entries));
            router = admin::routes(router, &state.prefix, &log.languages);
        }
    }
    router
        .fallback(files::serve)
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            with_site_headers,
        ))
        .layer(axum::middleware::from_fn(log::log))
        .with_state(state)
}

/// `GET /healthz`: the server is up and answering, and its consent log's database too when it
/// keeps one (503 otherwise: a load balancer then sends the beacons to another instance).
async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    let database_up = match &state.consent {
        Some(log) => log.store.ping().await,
        None => true,
    };
    let (status, text) = if database_up {
        (axum::http::StatusCode::OK, "ok\n")
    } else {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "the consent log's database is not answering\n",
        )
    };
    (
        status,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        text,
    )
        .into_response()
}

/// Every answer gets the site's headers, and `Cache-Control: no-cache` unless it has its own (an
/// error, a redirect or the health check is never cached).
async fn with_site_headers(State(state): State<Arc<AppState>>, mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in &state.headers {
        // A page with a policy of its own (the admin pages': portal_headers) keeps it.
        if name == CONTENT_SECURITY_POLICY && headers.contains_key(CONTENT_SECURITY_POLICY) {
            continue;
        }
        headers.insert(name.clone(), value.clone());
    }
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static(portal_headers::CACHE_REVALIDATE),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_kept_without_their_trailing_slash() {
        assert_eq!(normalise_prefix("").unwrap(), "");
        assert_eq!(normalise_prefix("/").unwrap(), "");
        assert_eq!(normalise_prefix("/tietosuoja/").unwrap(), "/tietosuoja");
        assert_eq!(normalise_prefix("/a/b").unwrap(), "/a/b");
        for bad in ["tietosuoja", "/a//b", "/../x", "/a?b", "/ä", "/a/.git"] {
            assert!(normalise_prefix(bad).is_err(), "{bad}");
        }
    }
}
