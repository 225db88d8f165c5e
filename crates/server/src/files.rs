//! The site's files, as the deploy configurations serve them: the folder's `index.html` for a
//! path ending in `/`, a folder without its slash redirected (`/en` → `/en/`), the `.br` or `.gz`
//! sibling the build wrote when the client takes it (brotli, else gzip, else the file, by
//! `Accept-Encoding` with its q-values), `Vary: Accept-Encoding` on every answer for a file that
//! has such siblings, the media types of `portal_headers::TYPES`, the cache rule of its path.
//!
//! Refused: a malformed address (400), a method other than GET and HEAD (405), anything outside
//! the prefix, any dot segment (`.htaccess`, `..`: nothing outside the folder can be named), the
//! hosts' configuration (`_headers`) and anything that is not a file (404).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    ACCEPT_ENCODING, ALLOW, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, LOCATION, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Why a request gets no file. Each is answered with its status and its reason as plain text
/// (the site's headers are added to it like to every answer).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The path is not valid percent-encoded UTF-8 (`/%E0%A4%A`, `/%`).
    #[error("Bad Request")]
    BadRequest,
    #[error("Method Not Allowed")]
    MethodNotAllowed,
    #[error("Not Found")]
    NotFound,
    /// The file was there but could not be read.
    #[error("Internal Server Error")]
    Unreadable(#[source] std::io::Error),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let status = match self {
            Refusal::BadRequest => StatusCode::BAD_REQUEST,
            Refusal::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Unreadable(ref error) => {
                // The kind only: the path could be anything a visitor asked for.
                crate::log::event(&format!("error reading a file: {:?}", error.kind()));
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let mut response = (
            status,
            [(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            format!("{self}\n"),
        )
            .into_response();
        if status == StatusCode::METHOD_NOT_ALLOWED {
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        response
    }
}

/// Decodes a percent-encoded path strictly: every `%` followed by two hex digits, the result
/// UTF-8 (as JavaScript's `decodeURIComponent`, which the earlier server used). `None` otherwise.
pub fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let digit = |b: u8| (b as char).to_digit(16);
            out.push((digit(hex[0])? * 16 + digit(hex[1])?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The encodings an `Accept-Encoding` value allows, best first: `br`, then `gzip`, each when its
/// q-value (or that of `*`, if it is not named) is above 0. Without the header, neither.
pub fn encodings(accept: &str) -> Vec<(&'static str, &'static str)> {
    let mut named: Vec<(String, f64)> = Vec::new();
    for part in accept.split(',') {
        let mut pieces = part.trim().split(';');
        let name = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .map(str::trim)
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(1.0, |q| q.trim().parse::<f64>().unwrap_or(0.0));
        // A name given twice: the last one counts.
        named.retain(|(n, _)| *n != name);
        named.push((name, q));
    }
    let q_of = |name: &str| {
        named
            .iter()
            .find(|(n, _)| n == name)
            .or_else(|| named.iter().find(|(n, _)| n == "*"))
            .map_or(0.0, |(_, q)| *q)
    };
    [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(name, _)| q_of(name) > 0.0)
        .collect()
}

/// The file of `path` (decoded, starting with `/`, below the prefix) inside `root`, segment by
/// segment; `None` for a path that names the hosts' configuration or has a dot segment (`.`,
/// `..`, `.git`): nothing outside `root` can be named.
pub fn file_of(root: &Path, path: &str) -> Option<PathBuf> {
    if portal_headers::is_configuration(path) || path.contains('\0') {
        return None;
    }
    let mut file = root.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        file.push(segment);
    }
    Some(file)
}

/// Whether the last segment of `path` has an ending (`/a/b.js`), as a folder's name normally does not.
fn has_ending(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|name| name.contains('.'))
}

/// Every path that is not the health check: the site's files.
pub async fn serve(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let decoded = decode_path(uri.path()).ok_or(Refusal::BadRequest)?;
    if method != Method::GET && method != Method::HEAD {
        return Err(Refusal::MethodNotAllowed);
    }
    let path = decoded
        .strip_prefix(&state.prefix)
        .filter(|rest| rest.starts_with('/'))
        .ok_or(Refusal::NotFound)?;
    let file = file_of(&state.root, path).ok_or(Refusal::NotFound)?;

    // A folder without its slash: redirected, as static hosts do (/en → /en/), the query kept.
    if !path.ends_with('/') && !has_ending(path) && tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_dir())
    {
        let location = match uri.query() {
            Some(query) => format!("{}/?{query}", uri.path()),
            None => format!("{}/", uri.path()),
        };
        let location = HeaderValue::from_str(&location).map_err(|_| Refusal::BadRequest)?;
        return Ok((StatusCode::MOVED_PERMANENTLY, [(LOCATION, location)]).into_response());
    }
    let (file, name) = if path.ends_with('/') {
        (file.join("index.html"), format!("{path}index.html"))
    } else {
        (file, path.to_owned())
    };
    let is_file = tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_file());
    if !is_file {
        return Err(Refusal::NotFound);
    }

    let compressed = portal_headers::is_compressed(&name);
    let mut chosen = (file.clone(), None);
    if compressed {
        let accept = headers
            .get(ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        for (encoding, ending) in encodings(accept) {
            let mut sibling = file.clone().into_os_string();
            sibling.push(ending);
            let sibling = PathBuf::from(sibling);
            if tokio::fs::metadata(&sibling).await.is_ok_and(|m| m.is_file()) {
                chosen = (sibling, Some(encoding));
                break;
            }
        }
    }
    let body = tokio::fs::read(&chosen.0).await.map_err(Refusal::Unreadable)?;

    let mut response = Response::new(Body::from(body));
    let out = response.headers_mut();
    out.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(portal_headers::content_type(&name).unwrap_or("application/octet-stream")),
    );
    // The cache rule goes by the address asked for (`/en/`, not `/en/index.html`).
    out.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(portal_headers::cache_control(path)),
    );
    if compressed {
        out.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if let Some(encoding) = chosen.1 {
        out.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paths_decode_strictly() {
        assert_eq!(decode_path("/en/").as_deref(), Some("/en/"));
        assert_eq!(decode_path("/%C3%A4%20x").as_deref(), Some("/ä x"));
        assert_eq!(decode_path("/%2e%2E/").as_deref(), Some("/../"));
        for bad in ["/%", "/%E0%A4%A", "/%ff%fe", "/%zz", "/%4"] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn encodings_follow_the_q_values() {
        assert_eq!(encodings(""), vec![]);
        assert_eq!(
            encodings("gzip, deflate, br"),
            vec![("br", ".br"), ("gzip", ".gz")]
        );
        assert_eq!(encodings("gzip"), vec![("gzip", ".gz")]);
        assert_eq!(encodings("br;q=0, gzip;q=0"), vec![]);
        assert_eq!(encodings("BR;q=0.5"), vec![("br", ".br")]);
        assert_eq!(encodings("*"), vec![("br", ".br"), ("gzip", ".gz")]);
        assert_eq!(encodings("*;q=0, gzip"), vec![("gzip", ".gz")]);
        assert_eq!(encodings("br;q=x"), vec![]);
        assert_eq!(encodings("br, br;q=0"), vec![]);
        assert_eq!(encodings("identity"), vec![]);
    }

    #[test]
    fn nothing_outside_the_folder_or_hidden_can_be_named() {
        let root = Path::new("/srv/dist");
        assert_eq!(file_of(root, "/en/"), Some(PathBuf::from("/srv/dist/en")));
        assert_eq!(
            file_of(root, "//etc/passwd"),
            Some(PathBuf::from("/srv/dist/etc/passwd"))
        );
        for bad in [
            "/../x",
            "/en/../../x",
            "/.htaccess",
            "/_headers",
            "/form/.stage/a",
            "/./",
            "/a\0b",
        ] {
            assert_eq!(file_of(root, bad), None, "{bad}");
        }
    }

    proptest! {
        /// Any text, encoded, decodes to itself; any text at all decodes or is refused, never panics.
        #[test]
        fn decoding_never_panics_and_round_trips(text in "\\PC*", raw in ".*") {
            let encoded: String = text.bytes().map(|b| format!("%{b:02X}")).collect();
            prop_assert_eq!(decode_path(&encoded), Some(text));
            let _ = decode_path(&raw);
        }

        /// Whatever the path, the file named is inside the folder.
        #[test]
        fn every_file_named_is_inside_the_folder(path in "[/a-z.%_\\\\-]{0,40}") {
            let root = Path::new("/srv/dist");
            if let Some(file) = file_of(root, &path) {
                prop_assert!(file.starts_with(root));
                prop_assert!(file.components().all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::RootDir)));
            }
        }

        #[test]
        fn any_accept_encoding_is_read(accept in ".{0,60}") {
            let allowed = encodings(&accept);
            prop_assert!(allowed.len() <= 2);
        }
    }
}
