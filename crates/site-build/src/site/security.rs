//! The security headers of the site and the deploy configurations, for the site this build is
//! for ([`portal_core::SITE`]). They are defined once in `crates/headers` (package
//! `portal-headers`, which the server shares); this module gives them the build's site: every
//! page carries the Content-Security-Policy as `<meta http-equiv>` and the referrer policy as
//! `<meta name="referrer">` (for hosts that cannot set headers), and the files of `deploy/`
//! (`_headers` for Netlify and Cloudflare Pages, `.htaccess` for Apache, the nginx server and its
//! headers snippet, the Caddyfile) are written by [`deploy_files`]; `tests/deploy_headers.rs`
//! keeps them equal to what is here and `tests/servers/` runs them in Debian's nginx, Apache and
//! Caddy.

use portal_core::SITE;

pub use portal_headers::{
    CACHE_HASHED, CACHE_REVALIDATE, COMPRESSED, CONFIGURATION_PATH, HASHED_HEADERS_PATTERNS, HASHED_PATH,
    HSTS, REFERRER_POLICY, TYPES,
};

/// The directives, in order (`frame-ancestors` only in the header).
pub fn directives() -> Vec<(&'static str, String)> {
    portal_headers::directives(&SITE)
}

/// The `Content-Security-Policy` header.
pub fn content_security_policy() -> String {
    portal_headers::content_security_policy(&SITE)
}

/// The policy of the page's `<meta http-equiv="Content-Security-Policy">`.
pub fn meta_content_security_policy() -> String {
    portal_headers::meta_content_security_policy(&SITE)
}

/// Every header the deploy configurations send with every answer (error pages included), in order.
pub fn headers() -> Vec<(&'static str, String)> {
    portal_headers::headers(&SITE)
}

/// `deploy/_headers`.
pub fn headers_file(langs: &[String]) -> String {
    portal_headers::headers_file(&SITE, langs)
}

/// `deploy/nginx-security-headers.conf`.
pub fn nginx_headers() -> String {
    portal_headers::nginx_headers(&SITE)
}

/// `deploy/nginx.conf`.
pub fn nginx_server() -> String {
    portal_headers::nginx_server(&SITE)
}

/// `deploy/.htaccess`.
pub fn htaccess() -> String {
    portal_headers::htaccess(&SITE)
}

/// `deploy/Caddyfile`.
pub fn caddyfile() -> String {
    portal_headers::caddyfile(&SITE)
}

/// Every generated deploy file: its path in the repository and its text.
pub fn deploy_files(langs: &[String]) -> Vec<(&'static str, String)> {
    portal_headers::deploy_files(&SITE, langs)
}
