//! The site's HTTP headers, defined once, and the deploy configurations written from them
//! (package `portal-headers`): the Content-Security-Policy made from a site folder's services,
//! HSTS and the other security headers, the cache rules of hashed and unhashed paths, the media
//! types, the endings the build compresses and the paths never served. `site-build` writes every
//! page's `<meta>` policy and the files of `deploy/` from it (`site_build::site::security`, whose
//! `tests/deploy_headers.rs` keeps them equal to what is here, and `tests/servers/` runs them in
//! Debian's nginx, Apache and Caddy), and `portal-server` sends exactly these headers. Pure data
//! and decisions: no Markdown, page or web-server code, so the server links none of it.
//!
//! Every function takes the site (`site_folder::Site`): the build passes the one it was compiled
//! for (`portal_core::SITE`), the server the site folder it was started with.
//!
//! No `'unsafe-inline'` and no `'unsafe-eval'` anywhere: every script and style is a file of the
//! site. `'wasm-unsafe-eval'` lets the browser compile WebAssembly (it does not allow `eval()`).
//! The hosts of the site folder's services are allowed (e.g. Google Analytics 4 and Google signals),
//! which the consent gate loads only after the visitor allows analytics; the browser tests prove no request goes there
//! before.

use site_folder::Site;

/// The hosts the site folder's services load from or send to (`script_hosts`, `image_hosts`,
/// `connect_hosts` of each `[[services]]`), space-separated, each once, in the folder's order.
fn service_hosts(
    site: &Site,
    pick: fn(&site_folder::Settings) -> &[std::borrow::Cow<'static, str>],
) -> String {
    let mut hosts: Vec<&str> = Vec::new();
    for service in site.services.iter() {
        for host in pick(&service.settings) {
            if !hosts.contains(&host.as_ref()) {
                hosts.push(host);
            }
        }
    }
    hosts.join(" ")
}

/// The host the site is published at: the site folder's `origin` without `https://`.
fn site_host(site: &Site) -> &str {
    let origin: &str = &site.origin;
    origin.split_once("://").map_or(origin, |(_, host)| host)
}

/// `'self'` and the services' hosts of one kind.
fn with_services(
    site: &Site,
    pick: fn(&site_folder::Settings) -> &[std::borrow::Cow<'static, str>],
) -> String {
    let hosts = service_hosts(site, pick);
    if hosts.is_empty() {
        "'self'".into()
    } else {
        format!("'self' {hosts}")
    }
}

/// The directives, in order. `frame-ancestors` works only as a header (a `<meta>` policy ignores
/// it), so the page's copy leaves it out.
pub fn directives(site: &Site) -> Vec<(&'static str, String)> {
    vec![
        ("default-src", "'none'".into()),
        (
            "script-src",
            with_services(site, |s| &s.script_hosts).replacen("'self'", "'self' 'wasm-unsafe-eval'", 1),
        ),
        // The PDF writer runs in a worker of the site's own.
        ("worker-src", "'self'".into()),
        ("style-src", "'self'".into()),
        ("img-src", with_services(site, |s| &s.image_hosts)),
        ("font-src", "'self'".into()),
        ("connect-src", with_services(site, |s| &s.connect_hosts)),
        ("manifest-src", "'self'".into()),
        ("base-uri", "'none'".into()),
        ("form-action", "'none'".into()),
        ("frame-ancestors", "'none'".into()),
        ("object-src", "'none'".into()),
    ]
}

fn policy(site: &Site, include: impl Fn(&str) -> bool) -> String {
    directives(site)
        .into_iter()
        .filter(|(name, _)| include(name))
        .map(|(name, value)| format!("{name} {value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The `Content-Security-Policy` header.
pub fn content_security_policy(site: &Site) -> String {
    policy(site, |_| true)
}

/// The policy of the page's `<meta http-equiv="Content-Security-Policy">`.
pub fn meta_content_security_policy(site: &Site) -> String {
    policy(site, |name| name != "frame-ancestors")
}

/// The `Content-Security-Policy` of the consent log's admin pages (`portal-server`): no script at
/// all, no vendor, the page's own stylesheet, and forms that post only to the page itself. It
/// replaces the site's policy there; the other headers stay the site's.
pub const ADMIN_CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// `Strict-Transport-Security`: one year, this host only. `includeSubDomains` would bind every
/// other host under the same domain (the shop's too) to HTTPS for a year; add it only where the
/// whole domain is known to be on HTTPS (README, "Building for a static host or CDN").
pub const HSTS: &str = "max-age=31536000";

/// Every header the deploy configurations send with every answer (error pages included), in order.
pub fn headers(site: &Site) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", content_security_policy(site)),
        ("Strict-Transport-Security", HSTS.into()),
        ("Referrer-Policy", REFERRER_POLICY.into()),
        ("X-Content-Type-Options", "nosniff".into()),
        (
            "Permissions-Policy",
            // The browser features the site never uses, and the advertising APIs (Protected
            // Audience, attribution, Topics, Shared Storage): denied to the site and to Google's tag.
            "accelerometer=(), attribution-reporting=(), autoplay=(), browsing-topics=(), camera=(), \
display-capture=(), geolocation=(), gyroscope=(), join-ad-interest-group=(), magnetometer=(), microphone=(), \
midi=(), payment=(), publickey-credentials-get=(), run-ad-auction=(), shared-storage=(), usb=(), \
xr-spatial-tracking=()"
                .into(),
        ),
        ("Cross-Origin-Opener-Policy", "same-origin".into()),
        ("X-Frame-Options", "DENY".into()),
    ]
}

/// The `Referrer-Policy`; each page also carries it as `<meta name="referrer">` for hosts that
/// send no headers.
pub const REFERRER_POLICY: &str = "no-referrer";

/// `Cache-Control` of a file whose name holds a hash of its content: it never changes.
pub const CACHE_HASHED: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of everything else (the pages, `consent/*.json`): revalidated on every use.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// The path (from the site's root, or any prefix) of a content-hashed file, as a regular
/// expression (PCRE and RE2 alike): trunk's `name-<hex>.ext` and `name-<hex>_bg.wasm` (its hash
/// is a 64-bit number in hex, so it may have fewer than 16 digits), the form's and the writer's
/// `name-<16 hex>.ext` / `name.<16 hex>.ext`, and wasm-bindgen's snippets in a hashed folder.
/// `consent/<revision>.json` is named by its digest too, but is revalidated like the pages.
pub const HASHED_PATH: &str = r"(?:[.-][0-9a-f]{8,16}(?:_bg)?\.[a-z0-9]+|/snippets-[0-9a-f]{16}/[^/]+)$";

/// Paths that are the host's configuration and never served: dot files (`.htaccess`) and `_headers`.
pub const CONFIGURATION_PATH: &str = r"(?:^|/)(?:\.|_headers$)";

/// The endings of the files the build compresses (`.br`, brotli 11, and `.gz`, gzip 9, beside
/// each): text, WebAssembly, JSON and fonts.
pub const COMPRESSED: &[&str] = &[
    "html", "js", "mjs", "css", "svg", "json", "wasm", "otf", "ttf", "txt", "ics", "xml",
];

/// Media types the configurations state (where a server's own table lacks or gets them wrong).
pub const TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("mjs", "text/javascript; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("svg", "image/svg+xml"),
    // The brand's logo may be a PNG or a WebP (`brand.logo`).
    ("png", "image/png"),
    ("webp", "image/webp"),
    ("json", "application/json"),
    ("wasm", "application/wasm"),
    ("otf", "font/otf"),
    ("ttf", "font/ttf"),
    ("txt", "text/plain; charset=utf-8"),
    ("ics", "text/calendar; charset=utf-8"),
    ("xml", "application/xml"),
];

/// The comment at the top of every generated file.
fn generated(comment: &str, what: &str) -> String {
    format!(
        // `src/site/security.rs` of site-build, which writes them with the build's site.
        "{comment} {what}\n{comment} Written from src/site/security.rs: do not edit; `UPDATE_DEPLOY=1 cargo test --test\n\
{comment} deploy_headers` writes it again, and `cargo test` fails while it differs.\n"
    )
}

/// `deploy/_headers` (Netlify, Cloudflare Pages; the build copies it into `dist/`). These hosts
/// compress by themselves. The hashed files are
/// named by pattern (trunk's at the root, everything under `form/`); everything else is
/// revalidated (both hosts' default for files without a rule, stated for the pages).
pub fn headers_file(site: &Site, langs: &[String]) -> String {
    let mut out = generated(
        "#",
        "Headers of the privacy portal for hosts that read `_headers` (Netlify, Cloudflare Pages).",
    );
    out.push_str("/*\n");
    for (name, value) in headers(site) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for path in langs
        .iter()
        .map(|p| format!("/{p}"))
        .chain(["/consent/*".to_string()])
    {
        out.push_str(&format!("{path}\n  Cache-Control: {CACHE_REVALIDATE}\n"));
    }
    for path in HASHED_HEADERS_PATTERNS {
        out.push_str(&format!("{path}\n  Cache-Control: {CACHE_HASHED}\n"));
    }
    out
}

/// The hashed files as `_headers` patterns (no regular expressions there): trunk's files at the
/// root (`index.html` names them), the form's folder, the desk's modules and the brand's logo.
pub const HASHED_HEADERS_PATTERNS: &[&str] = &[
    "/privacy-portal-*",
    "/site-*",
    "/first-paint-*",
    "/favicon-*",
    "/form/*",
    "/desk/assets/*",
    "/brand/*",
];

/// `deploy/nginx-security-headers.conf`: the headers, included in the server block and again in
/// any `location` that has an `add_header` of its own.
pub fn nginx_headers(site: &Site) -> String {
    let mut out = generated(
        "#",
        "Security headers of the privacy portal on nginx (included by deploy/nginx.conf).",
    );
    out.push_str("# `always`: error pages get them too.\n");
    for (name, value) in headers(site) {
        out.push_str(&format!("add_header {name} \"{value}\" always;\n"));
    }
    out
}

/// `deploy/nginx.conf`: the site on Debian's nginx (a file of `/etc/nginx/sites-enabled/`, which
/// nginx reads inside `http { }`), with `libnginx-mod-http-brotli-static` for the `.br` files.
pub fn nginx_server(site: &Site) -> String {
    let host = site_host(site);
    let mut out = generated(
        "#",
        "The privacy portal on nginx (Debian 12: nginx and libnginx-mod-http-brotli-static).",
    );
    let missing_types: String = TYPES
        .iter()
        .filter(|(ext, _)| matches!(*ext, "otf" | "ttf" | "ics" | "mjs"))
        .map(|(ext, mime)| format!("        {} {ext};\n", mime.split(';').next().unwrap()))
        .collect();
    out.push_str(&format!(
        r#"# Install: /etc/nginx/sites-enabled/privacy-portal.conf, with the headers file at
# /etc/nginx/snippets/privacy-portal-security-headers.conf; README.md, "Building for a static host or CDN", has the steps.

# Hashed files are cached for a year; everything else (pages, consent/*.json) is revalidated.
map $uri $privacy_portal_cache {{
    "~{HASHED_PATH}" "{CACHE_HASHED}";
    default "{CACHE_REVALIDATE}";
}}

server {{
    # Put TLS here (certbot --nginx does); the headers send HSTS.
    listen 80;
    server_name {host};
    root /srv/privacy-portal/dist;
    index index.html;

    # Debian's mime.types lacks these (the fonts would go as application/octet-stream).
    types {{
{missing_types}    }}
    include /etc/nginx/mime.types;
    charset utf-8;
    charset_types text/css text/javascript application/javascript application/json text/calendar text/plain;

    # The .br and .gz files the build wrote beside each file; nothing compressed on the fly.
    brotli_static on;
    gzip_static on;
    gzip_vary on;
    gzip off;

    include /etc/nginx/snippets/privacy-portal-security-headers.conf;
    # Not `always`: an error page is never cached for a year.
    add_header Cache-Control $privacy_portal_cache;

    # The hosts' configuration files (.htaccess, _headers) are not served.
    location ~ "{CONFIGURATION_PATH}" {{
        return 404;
    }}
    location / {{
        # An address that is not a file or a page is not found (no Finnish page under every path).
        try_files $uri $uri/ =404;
    }}
}}
"#
    ));
    out
}

/// `deploy/.htaccess` (Apache; the build copies it into `dist/`). Needs `mod_headers` and
/// `mod_rewrite` (`a2enmod headers rewrite`) and `AllowOverride FileInfo Indexes Options=Indexes`: without them
/// Apache answers 500 instead of serving the site without its headers.
pub fn htaccess(site: &Site) -> String {
    let mut out = generated(
        "#",
        "The privacy portal on Apache (.htaccess; the build copies it into dist/).",
    );
    out.push_str(
        "# Needs `a2enmod headers rewrite` and `AllowOverride FileInfo Indexes Options=Indexes` for the folder: without\n\
# them Apache answers 500 (on purpose: no <IfModule> hides a missing module and the headers with it).\n\n",
    );
    for (name, value) in headers(site) {
        out.push_str(&format!("Header always set {name} \"{value}\"\n"));
    }
    let compressed = COMPRESSED.join("|");
    let types: String = TYPES
        .iter()
        .map(|(ext, mime)| {
            format!(
                "RewriteRule \"\\.{ext}\\.(br|gz)$\" \"-\" [T={},E=no-gzip:1,E=no-brotli:1]\n",
                mime.replace(' ', "")
            )
        })
        .collect();
    // The rewrites below serve `x.js.br` for `x.js`: the same file, so the same cache.
    let hashed = format!(r"{}(?:\.br|\.gz)?$", HASHED_PATH.trim_end_matches('$'));
    let add_types: String = TYPES
        .iter()
        .map(|(ext, mime)| format!("AddType \"{mime}\" .{ext}\n"))
        .collect();
    out.push_str(&format!(
        r#"
# Hashed files are cached for a year; everything else (pages, consent/*.json) is revalidated.
# Not `always`: an error page is never cached.
Header set Cache-Control "{CACHE_REVALIDATE}"
<If "%{{REQUEST_URI}} =~ m#{hashed}#">
  Header set Cache-Control "{CACHE_HASHED}"
</If>

{add_types}# Debian's mime.conf makes `.br` Breton (`AddLanguage br .br`): it is brotli here.
RemoveLanguage .br
DirectorySlash On
DirectoryIndex index.html
Options -Indexes

RewriteEngine On
# The hosts' configuration files (.htaccess, _headers) are not served.
RewriteRule "{CONFIGURATION_PATH}" "-" [R=404,L]

# The .br and .gz files the build wrote beside each file: brotli, else gzip, else the file.
RewriteCond "%{{HTTP:Accept-Encoding}}" "\bbr\b"
RewriteCond "%{{REQUEST_FILENAME}}index.html.br" -f
RewriteRule "^(.*/)?$" "$1index.html.br" [L]
RewriteCond "%{{HTTP:Accept-Encoding}}" "\bgzip\b"
RewriteCond "%{{REQUEST_FILENAME}}index.html.gz" -f
RewriteRule "^(.*/)?$" "$1index.html.gz" [L]
RewriteCond "%{{HTTP:Accept-Encoding}}" "\bbr\b"
RewriteCond "%{{REQUEST_FILENAME}}.br" -f
RewriteRule "^(.+\.({compressed}))$" "$1.br" [L]
RewriteCond "%{{HTTP:Accept-Encoding}}" "\bgzip\b"
RewriteCond "%{{REQUEST_FILENAME}}.gz" -f
RewriteRule "^(.+\.({compressed}))$" "$1.gz" [L]
# Their type is the original's; Apache compresses them no further.
{types}<FilesMatch "\.br$">
  Header set Content-Encoding "br"
</FilesMatch>
<FilesMatch "\.gz$">
  Header set Content-Encoding "gzip"
</FilesMatch>
# Every answer for a file that has compressed siblings depends on Accept-Encoding.
<FilesMatch "\.({compressed})(\.br|\.gz)?$">
  Header merge Vary "Accept-Encoding"
</FilesMatch>
"#
    ));
    out
}

/// `deploy/Caddyfile` (Caddy 2, Debian 12's `caddy`).
pub fn caddyfile(site: &Site) -> String {
    let host = site_host(site);
    let mut out = generated("#", "The privacy portal on Caddy 2 (Debian 12: caddy).");
    let header_lines: String = headers(site)
        .into_iter()
        .map(|(name, value)| format!("\t\t{name} \"{value}\"\n"))
        .collect();
    let type_lines: String = TYPES
        .iter()
        .filter(|(ext, _)| matches!(*ext, "otf" | "ttf" | "ics"))
        .map(|(ext, mime)| {
            format!("\t@type_{ext} path *.{ext}\n\theader @type_{ext} Content-Type \"{mime}\"\n")
        })
        .collect();
    let compressed = COMPRESSED.join("|");
    out.push_str(&format!(
        r#"# Replace the address and the root with your own; Caddy gets the certificate itself. To try it on
# this machine, make the address http://127.0.0.1:8080 and add `bind 127.0.0.1` below it: an
# address alone listens on every interface.
{host} {{
	root * /srv/privacy-portal/dist

	header {{
{header_lines}	}}
	# Hashed files are cached for a year; everything else (pages, consent/*.json) is revalidated.
	@hashed path_regexp "{HASHED_PATH}"
	@revalidated not path_regexp "{HASHED_PATH}"
	header @hashed Cache-Control "{CACHE_HASHED}"
	header @revalidated Cache-Control "{CACHE_REVALIDATE}"
	# Every answer for a file that has compressed siblings depends on Accept-Encoding.
	@compressible path_regexp "(?:/|\.(?:{compressed}))$"
	# (deferred: it replaces the Vary that file_server adds to a compressed answer)
	header @compressible {{
		Vary "Accept-Encoding"
		defer
	}}
	# /etc/mime.types calls .otf an OpenDocument template.
{type_lines}
	# The hosts' configuration files (.htaccess, _headers) are not served.
	@configuration path_regexp "{CONFIGURATION_PATH}"
	error @configuration 404

	# The .br and .gz files the build wrote beside each file; nothing compressed on the fly.
	file_server {{
		precompressed br gzip
	}}
	handle_errors {{
		header -Cache-Control
		respond "{{err.status_code}} {{err.status_text}}"
	}}
}}
"#
    ));
    out
}

/// Every generated deploy file: its path in the repository and its text.
pub fn deploy_files(site: &Site, langs: &[String]) -> Vec<(&'static str, String)> {
    vec![
        ("deploy/_headers", headers_file(site, langs)),
        ("deploy/.htaccess", htaccess(site)),
        ("deploy/nginx.conf", nginx_server(site)),
        ("deploy/nginx-security-headers.conf", nginx_headers(site)),
        ("deploy/Caddyfile", caddyfile(site)),
    ]
}

/// The path's ending (after its last `.` in its last segment), if any: what the media type and
/// compression decisions go by.
fn ending(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, ending)| ending)
}

/// The `Cache-Control` of a path (from the site's root, or below any prefix): [`CACHE_HASHED`]
/// for a content-hashed file ([`HASHED_PATH`], as nginx, Apache and Caddy decide it), else
/// [`CACHE_REVALIDATE`].
pub fn cache_control(path: &str) -> &'static str {
    static HASHED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(HASHED_PATH).expect("HASHED_PATH is a regular expression")
    });
    if HASHED.is_match(path) {
        CACHE_HASHED
    } else {
        CACHE_REVALIDATE
    }
}

/// Whether a path is the host's configuration, never served ([`CONFIGURATION_PATH`]).
pub fn is_configuration(path: &str) -> bool {
    static CONFIGURATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(CONFIGURATION_PATH).expect("CONFIGURATION_PATH is a regular expression")
    });
    CONFIGURATION.is_match(path)
}

/// The media type of a path by its ending ([`TYPES`]), if the configurations state one.
pub fn content_type(path: &str) -> Option<&'static str> {
    let ending = ending(path)?;
    TYPES
        .iter()
        .find(|(ext, _)| *ext == ending)
        .map(|(_, mime)| *mime)
}

/// Whether the build wrote `.br` and `.gz` siblings for a path's ending ([`COMPRESSED`]): its
/// answers then vary by `Accept-Encoding`.
pub fn is_compressed(path: &str) -> bool {
    ending(path).is_some_and(|ending| COMPRESSED.contains(&ending))
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::SITE;

    #[test]
    fn nothing_inline_nothing_evaluated_nothing_framed() {
        let policy = content_security_policy(&SITE);
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        let meta = meta_content_security_policy(&SITE);
        assert!(!meta.contains("frame-ancestors"));
        assert_eq!(meta.matches(';').count() + 1, directives(&SITE).len() - 1);
    }

    /// A site without services allows only its own files.
    #[test]
    fn a_site_without_services_allows_only_itself() {
        let mut site = SITE.clone();
        site.services = std::borrow::Cow::Borrowed(&[]);
        let policy = content_security_policy(&site);
        assert!(!policy.contains("https://"), "{policy}");
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{policy}"
        );
        assert!(policy.contains("connect-src 'self';"), "{policy}");
    }

    /// The patterns that tell a hashed file (cached for a year) from the others (revalidated),
    /// tried on the names the build makes, as the server and the deploy configurations decide.
    #[test]
    fn the_servers_decisions_follow_the_patterns() {
        for path in [
            "/privacy-portal-3f2a9c01d4e5b6a7_bg.wasm",
            "/privacy-portal-f2a9c01d4e5b6a7.js",
            "/site-0123456789abcdef.css",
            "/tietosuoja/site-0123456789abcdef.css",
            "/form/request-form-0123456789abcdef.js",
            "/form/writer/DejaVuSans.0123456789abcdef.otf",
            "/form/writer/fonts.0123456789abcdef.json",
            "/form/snippets/snippets-0123456789abcdef/inline0.js",
        ] {
            assert_eq!(cache_control(path), CACHE_HASHED, "{path}");
        }
        for path in [
            "/",
            "/index.html",
            "/en/",
            "/consent/0123456789abcdef.json",
            "/form/manifest.json",
        ] {
            assert_eq!(cache_control(path), CACHE_REVALIDATE, "{path}");
        }
        for path in ["/_headers", "/.htaccess", "/form/.htaccess", "/a/.git/config"] {
            assert!(is_configuration(path), "{path}");
        }
        for path in ["/", "/a_headers", "/en/index.html"] {
            assert!(!is_configuration(path), "{path}");
        }
        assert_eq!(content_type("/en/index.html"), Some("text/html; charset=utf-8"));
        assert_eq!(content_type("/x.wasm"), Some("application/wasm"));
        assert_eq!(content_type("/x.WASM"), None);
        assert_eq!(content_type("/a.b/file"), None);
        assert_eq!(content_type("/file.unknown"), None);
        assert!(is_compressed("/form/writer/DejaVuSans.0123456789abcdef.otf"));
        assert!(!is_compressed("/favicon.png") && !is_compressed("/en/") && !is_compressed("/a.js/x"));
    }
}
