//! Deleting a cookie for real: a cookie is only removed by a `Set-Cookie` with the same name,
//! path and domain, and Google's tag sets its cookies on the widest domain it can (".example.fi"
//! when the page is on "www.example.fi"). So withdrawal expires each name on the host and on
//! every parent domain, path `/`.

/// What follows a cookie's name to delete it (the head script uses it too, `consent::first_paint`).
pub const EXPIRY: &str = "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/";

/// The `document.cookie` assignments that delete cookie `name` for a page on `host`.
pub fn deletions(name: &str, host: &str) -> Vec<String> {
    // Concatenated rather than formatted: this runs in the first load, which carries no formatter.
    let expire = [name, EXPIRY].concat();
    let mut out = vec![expire.clone()];
    out.extend(
        cookie_domains(host)
            .into_iter()
            .map(|domain| [expire.as_str(), "; Domain=", &domain].concat()),
    );
    out
}

/// The host and its parent domains that can carry cookies: `www.shop.example.fi` gives
/// `www.shop.example.fi`, `shop.example.fi`, `example.fi` (a top-level domain alone cannot).
/// An IP address or a single-label host (`localhost`) gets none: only host-only cookies exist there.
pub fn cookie_domains(host: &str) -> Vec<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    // IPv4 (digits and dots) or IPv6 (has colons, maybe bracketed): no parent domains.
    let is_ip = host.contains(':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if is_ip || !host.contains('.') {
        return Vec::new();
    }
    let labels: Vec<&str> = host.split('.').collect();
    (0..labels.len() - 1)
        .map(|start| labels[start..].join("."))
        .collect()
}

/// The names in a `document.cookie` string ("a=1; b=2" → a, b).
pub fn names(cookie_header: &str) -> impl Iterator<Item = &str> {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.split('=').next())
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_domains_down_to_the_registrable_one() {
        assert_eq!(
            cookie_domains("www.shop.example.fi"),
            ["www.shop.example.fi", "shop.example.fi", "example.fi"]
        );
        assert_eq!(cookie_domains("Example.FI."), ["example.fi"]);
        assert!(cookie_domains("127.0.0.1").is_empty());
        assert!(cookie_domains("[::1]").is_empty());
        assert!(cookie_domains("localhost").is_empty());
        assert!(cookie_domains("::1").is_empty());
        assert_eq!(cookie_domains("1.example.fi"), ["1.example.fi", "example.fi"]);
    }

    #[test]
    fn deletions_cover_host_only_and_every_domain() {
        let all = deletions("_ga", "www.example.fi");
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[0],
            "_ga=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"
        );
        assert!(all[1].ends_with("; Path=/; Domain=www.example.fi"));
        assert!(all[2].ends_with("; Path=/; Domain=example.fi"));
        assert_eq!(deletions("_gid", "127.0.0.1").len(), 1);
    }

    #[test]
    fn reads_cookie_names() {
        let names: Vec<&str> = names("_ga=GA1.1.1.2; _ga_EXAMPLE0FI=GS1.1; theme=dark; =odd").collect();
        assert_eq!(names, ["_ga", "_ga_EXAMPLE0FI", "theme"]);
        assert_eq!(super::names("").count(), 0);
    }
}
