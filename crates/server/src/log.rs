//! One line on stdout per answer, without personal data: the method, the path without its query
//! (and no fragment, which never reaches a server), the status, the body's bytes when known and
//! the time taken. No IP address, no user agent, no query string, no other header. Lines carry no
//! time of day: the service manager (journald, a container runtime) stamps them.

use std::io::Write;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;

/// Logs the answer to each request.
pub async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // A route's pattern when it has one (`/api/consent/{id}`: a visitor's record id is not
    // logged), else the path asked for.
    let path = match request.extensions().get::<MatchedPath>() {
        Some(route) => route.as_str().to_owned(),
        None => without_ids(request.uri().path()),
    };
    let response = next.run(request).await;
    let bytes = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            use axum::body::HttpBody;
            response.body().size_hint().exact().map(|n| n.to_string())
        })
        .unwrap_or_else(|| "-".to_owned());
    event(&format!(
        "{method} {} {} {bytes} {:.1}ms",
        printable(&path),
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    ));
    response
}

/// A path asked for, with a consent record's id (32 hex digits: a visitor's pseudonym) after
/// `/api/consent/` written as `{id}`, as the route's pattern says it when the route exists.
fn without_ids(path: &str) -> String {
    const LOG: &str = "/api/consent/";
    match path.find(LOG) {
        Some(at) if path.len() > at + LOG.len() => format!("{}{{id}}", &path[..at + LOG.len()]),
        _ => path.to_owned(),
    }
}

/// A path as one word of a log line: anything outside printable ASCII, and spaces, escaped, so a
/// line cannot be split or forged by what a client sends.
fn printable(path: &str) -> String {
    path.chars()
        .flat_map(|c| {
            if c.is_ascii_graphic() {
                vec![c]
            } else {
                format!("\\u{{{:x}}}", c as u32).chars().collect()
            }
        })
        .collect()
}

/// Writes one line to stdout; a closed stdout loses the line, never the answer.
pub fn event(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_stays_one_word() {
        assert_eq!(printable("/en/"), "/en/");
        assert_eq!(printable("/a b\nc"), "/a\\u{20}b\\u{a}c");
    }

    #[test]
    fn a_record_id_is_never_logged() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(without_ids(&format!("/api/consent/{id}")), "/api/consent/{id}");
        assert_eq!(
            without_ids(&format!("/tietosuoja/api/consent/{id}")),
            "/tietosuoja/api/consent/{id}"
        );
        assert_eq!(without_ids("/api/consent"), "/api/consent");
        assert_eq!(without_ids("/en/"), "/en/");
    }
}
