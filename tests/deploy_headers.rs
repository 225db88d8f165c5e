//! The two deploy configurations (`deploy/_headers` for Netlify / Cloudflare Pages, and the nginx
//! snippet) must send the same security headers, and the CSP must stay strict.

use std::collections::BTreeMap;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The headers of the `/*` rule of a `_headers` file.
fn from_headers_file(text: &str) -> BTreeMap<String, String> {
    let mut headers = BTreeMap::new();
    let mut in_rule = false;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    {
        if !line.starts_with(char::is_whitespace) {
            in_rule = line.trim() == "/*";
        } else if in_rule {
            let (name, value) = line.trim().split_once(':').expect("Name: value");
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    headers
}

/// The `add_header Name "value" always;` lines of an nginx snippet.
fn from_nginx(text: &str) -> BTreeMap<String, String> {
    let mut headers = BTreeMap::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("add_header "))
    {
        let rest = line.trim_start_matches("add_header ").trim_end_matches(';');
        let (name, rest) = rest.split_once(' ').unwrap();
        let value = rest
            .trim()
            .strip_suffix(" always")
            .expect("`always`, so error pages get them too");
        headers.insert(name.to_ascii_lowercase(), value.trim_matches('"').to_owned());
    }
    headers
}

#[test]
fn netlify_and_nginx_send_the_same_headers() {
    let netlify = from_headers_file(&read("deploy/_headers"));
    let nginx = from_nginx(&read("deploy/nginx-security-headers.conf"));
    assert!(netlify.len() >= 5, "{netlify:?}");
    assert_eq!(netlify, nginx);
}

#[test]
fn csp_is_strict() {
    let headers = from_headers_file(&read("deploy/_headers"));
    let csp = &headers["content-security-policy"];
    let directives: BTreeMap<&str, &str> = csp
        .split(';')
        .map(str::trim)
        .filter_map(|d| d.split_once(' '))
        .collect();
    assert_eq!(directives["default-src"], "'none'");
    // Google's tag is the only third-party script, loaded by the consent gate after consent.
    assert_eq!(
        directives["script-src"],
        "'self' 'wasm-unsafe-eval' https://www.googletagmanager.com"
    );
    assert_eq!(directives["style-src"], "'self'");
    assert_eq!(directives["frame-ancestors"], "'none'");
    assert_eq!(directives["object-src"], "'none'");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy") && headers.contains_key("permissions-policy"));
}
