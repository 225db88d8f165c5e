//! Every deploy configuration (`deploy/_headers` for Netlify / Cloudflare Pages, `.htaccess` for
//! Apache, the nginx snippet, the Caddyfile) sends exactly the headers of `src/site/security.rs`,
//! and the CSP stays strict. Each file is read in its own format, as its server would.

use std::collections::BTreeMap;

use privacy_portal::site::security;

type Headers = BTreeMap<String, String>;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn expected() -> Headers {
    security::headers()
        .into_iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .collect()
}

/// Inserts a header, refusing one given twice.
fn insert(headers: &mut Headers, name: &str, value: &str) {
    let previous = headers.insert(name.to_ascii_lowercase(), value.to_owned());
    assert!(previous.is_none(), "{name} given twice");
}

/// A double-quoted value, unquoted.
fn unquote(value: &str) -> &str {
    value
        .trim()
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not in double quotes: {value}"))
}

/// The headers of the `/*` rule of a `_headers` file.
fn from_headers_file(text: &str) -> Headers {
    let mut headers = Headers::new();
    let mut in_rule = false;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    {
        if !line.starts_with(char::is_whitespace) {
            in_rule = line.trim() == "/*";
        } else if in_rule {
            let (name, value) = line.trim().split_once(':').expect("Name: value");
            insert(&mut headers, name.trim(), value.trim());
        }
    }
    headers
}

/// The `add_header Name "value" always;` lines of an nginx snippet.
fn from_nginx(text: &str) -> Headers {
    let mut headers = Headers::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("add_header "))
    {
        let rest = line
            .trim_start_matches("add_header ")
            .strip_suffix(';')
            .expect("a ; at the end");
        let (name, rest) = rest.split_once(' ').unwrap();
        let value = rest
            .trim()
            .strip_suffix(" always")
            .expect("`always`, so error pages get them too");
        insert(&mut headers, name, unquote(value));
    }
    headers
}

/// The `Header always set Name "value"` lines of an Apache `.htaccess`, inside `<IfModule mod_headers.c>`.
fn from_htaccess(text: &str) -> Headers {
    let mut headers = Headers::new();
    let mut in_module = false;
    for line in text.lines().map(str::trim) {
        match line {
            "<IfModule mod_headers.c>" => in_module = true,
            "</IfModule>" => in_module = false,
            _ if line.starts_with("Header ") => {
                assert!(in_module, "Header outside <IfModule mod_headers.c>: {line}");
                let rest = line
                    .strip_prefix("Header always set ")
                    .expect("`always set`, so error pages get them too");
                let (name, value) = rest.split_once(' ').unwrap();
                insert(&mut headers, name, unquote(value));
            }
            _ => {}
        }
    }
    headers
}

/// The `Name "value"` lines of the `header { … }` block of a Caddyfile.
fn from_caddyfile(text: &str) -> Headers {
    let mut headers = Headers::new();
    let mut in_block = false;
    for line in text.lines().map(str::trim) {
        if line == "header {" {
            in_block = true;
        } else if in_block && line == "}" {
            in_block = false;
        } else if in_block && !line.is_empty() {
            let (name, value) = line.split_once(' ').unwrap();
            insert(&mut headers, name, unquote(value));
        }
    }
    headers
}

#[test]
fn every_deploy_configuration_sends_the_sites_headers() {
    let expected = expected();
    assert!(expected.len() >= 6);
    for (file, headers) in [
        ("deploy/_headers", from_headers_file(&read("deploy/_headers"))),
        ("deploy/.htaccess", from_htaccess(&read("deploy/.htaccess"))),
        (
            "deploy/nginx-security-headers.conf",
            from_nginx(&read("deploy/nginx-security-headers.conf")),
        ),
        ("deploy/Caddyfile", from_caddyfile(&read("deploy/Caddyfile"))),
    ] {
        assert_eq!(
            headers, expected,
            "{file} differs from src/site/security.rs: update the file (or the policy)"
        );
    }
}

#[test]
fn apache_serves_webassembly_with_its_type() {
    assert!(read("deploy/.htaccess")
        .lines()
        .any(|l| l.trim() == "AddType application/wasm .wasm"));
}

#[test]
fn csp_is_strict() {
    let csp = &expected()["content-security-policy"];
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
}
