//! The security headers of the site, defined once: every page carries the Content-Security-Policy
//! as `<meta http-equiv>` (for hosts that cannot set headers), and the deploy configurations in
//! `deploy/` (`_headers` for Netlify and Cloudflare Pages, `.htaccess` for Apache, the nginx
//! snippet, the Caddyfile) send these headers; `tests/deploy_headers.rs` keeps them all equal to
//! what is here.
//!
//! No `'unsafe-inline'` and no `'unsafe-eval'` anywhere: every script and style is a file of the
//! site. `'wasm-unsafe-eval'` lets the browser compile WebAssembly (it does not allow `eval()`).
//! Google's hosts are allowed for Google Analytics 4 (and Google signals), which the consent gate
//! loads only after the visitor allows analytics; the browser tests prove no request goes there
//! before.

/// Google's hosts that Google Analytics 4 and Google signals load from or send to.
const GOOGLE_SCRIPT: &str = "https://www.googletagmanager.com";
const GOOGLE_IMAGES: &str = "https://*.google-analytics.com https://*.googletagmanager.com https://*.g.doubleclick.net https://*.google.com https://*.google.fi";
const GOOGLE_CONNECT: &str = "https://*.google-analytics.com https://*.analytics.google.com https://*.googletagmanager.com https://*.g.doubleclick.net https://*.google.com https://*.google.fi";

/// The directives, in order. `frame-ancestors` works only as a header (a `<meta>` policy ignores
/// it), so the page's copy leaves it out.
pub fn directives() -> Vec<(&'static str, String)> {
    vec![
        ("default-src", "'none'".into()),
        ("script-src", format!("'self' 'wasm-unsafe-eval' {GOOGLE_SCRIPT}")),
        // The PDF writer runs in a worker of the site's own.
        ("worker-src", "'self'".into()),
        ("style-src", "'self'".into()),
        ("img-src", format!("'self' {GOOGLE_IMAGES}")),
        ("font-src", "'self'".into()),
        ("connect-src", format!("'self' {GOOGLE_CONNECT}")),
        ("manifest-src", "'self'".into()),
        ("base-uri", "'none'".into()),
        ("form-action", "'none'".into()),
        ("frame-ancestors", "'none'".into()),
        ("object-src", "'none'".into()),
    ]
}

fn policy(include: impl Fn(&str) -> bool) -> String {
    directives()
        .into_iter()
        .filter(|(name, _)| include(name))
        .map(|(name, value)| format!("{name} {value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The `Content-Security-Policy` header.
pub fn content_security_policy() -> String {
    policy(|_| true)
}

/// The policy of the page's `<meta http-equiv="Content-Security-Policy">`.
pub fn meta_content_security_policy() -> String {
    policy(|name| name != "frame-ancestors")
}

/// Every header the deploy configurations send with every file, in order.
pub fn headers() -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", content_security_policy()),
        ("Referrer-Policy", "no-referrer".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        (
            "Permissions-Policy",
            "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), \
gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), \
xr-spatial-tracking=()"
                .into(),
        ),
        ("Cross-Origin-Opener-Policy", "same-origin".into()),
        ("X-Frame-Options", "DENY".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_inline_nothing_evaluated_nothing_framed() {
        let policy = content_security_policy();
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        let meta = meta_content_security_policy();
        assert!(!meta.contains("frame-ancestors"));
        assert_eq!(meta.matches(';').count() + 1, directives().len() - 1);
    }
}
