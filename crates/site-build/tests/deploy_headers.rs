//! Every deploy configuration (`deploy/_headers` for Netlify / Cloudflare Pages, `.htaccess` for
//! Apache, the nginx server and its headers snippet, the Caddyfile) is written from
//! `src/site/security.rs` (`UPDATE_DEPLOY=1 cargo test --test deploy_headers` writes them), sends
//! exactly its headers, and the CSP stays strict. Each file is read in its own format, as its
//! server would. `tests/servers/` runs them in Debian's nginx, Apache and Caddy.

use std::collections::BTreeMap;

use site_build::site::security;

type Headers = BTreeMap<String, String>;

fn read(path: &str) -> String {
    std::fs::read_to_string(site_build::workspace_root().join(path)).unwrap()
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

/// The `Header always set Name "value"` lines of an Apache `.htaccess`. No `<IfModule>`: without
/// `mod_headers` Apache must fail, not serve the site without its headers.
fn from_htaccess(text: &str) -> Headers {
    let mut headers = Headers::new();
    for line in text.lines().map(str::trim) {
        assert!(
            !line.starts_with("<IfModule"),
            "an <IfModule> hides a missing module: {line}"
        );
        if let Some(rest) = line.strip_prefix("Header always set ") {
            let (name, value) = rest.split_once(' ').unwrap();
            insert(&mut headers, name, unquote(value));
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
            assert!(headers.is_empty(), "two header blocks");
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

fn langs() -> Vec<String> {
    portal_core::i18n::Lang::ALL
        .iter()
        .map(|lang| lang.path())
        .collect()
}

/// Each deploy file is what `src/site/security.rs` writes; `UPDATE_DEPLOY=1` writes them.
#[test]
fn deploy_files_are_written_from_security_rs() {
    let update = std::env::var_os("UPDATE_DEPLOY").is_some();
    let mut stale = Vec::new();
    for (path, text) in security::deploy_files(&langs()) {
        let file = site_build::workspace_root().join(path);
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            if update {
                std::fs::write(&file, &text).unwrap();
            } else {
                stale.push(path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from src/site/security.rs: run `UPDATE_DEPLOY=1 cargo test --test deploy_headers`"
    );
}

#[test]
fn headers_are_complete() {
    let headers = expected();
    assert_eq!(headers["strict-transport-security"], "max-age=31536000");
    let permissions = &headers["permissions-policy"];
    for api in [
        "join-ad-interest-group",
        "run-ad-auction",
        "attribution-reporting",
        "browsing-topics",
        "shared-storage",
        "camera",
        "geolocation",
        "microphone",
    ] {
        assert!(
            permissions.split(", ").any(|d| d == format!("{api}=()")),
            "{api} is not denied: {permissions}"
        );
    }
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
        ("deploy/nginx.conf", {
            // The server block includes the headers file, and adds none of its own but the cache.
            let server = read("deploy/nginx.conf");
            assert!(server.contains("include /etc/nginx/snippets/privacy-portal-security-headers.conf;"));
            let own = from_nginx(&server.replace("add_header Cache-Control $privacy_portal_cache;", ""));
            assert!(own.is_empty(), "{own:?}");
            from_nginx(&read("deploy/nginx-security-headers.conf"))
        }),
        ("deploy/Caddyfile", from_caddyfile(&read("deploy/Caddyfile"))),
    ] {
        assert_eq!(
            headers, expected,
            "{file} differs from src/site/security.rs: update the file (or the policy)"
        );
    }
}

#[test]
fn apache_and_nginx_state_the_types_of_fonts_webassembly_and_calendars() {
    let htaccess = read("deploy/.htaccess");
    for line in [
        "AddType \"application/wasm\" .wasm",
        "AddType \"font/otf\" .otf",
        "AddType \"application/json\" .json",
        "AddType \"text/calendar; charset=utf-8\" .ics",
    ] {
        assert!(htaccess.lines().any(|l| l.trim() == line), "{line}");
    }
    let nginx = read("deploy/nginx.conf");
    for line in ["font/otf otf;", "text/calendar ics;"] {
        assert!(nginx.lines().any(|l| l.trim() == line), "{line}");
    }
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
