//! Checks of single values, with no dependency: the loader uses them, and so can any code that
//! takes such a value from elsewhere (the notice's front matter, the request form).

/// The light scheme's page background (`--bg` in `style/base.css`).
pub const LIGHT_BACKGROUND: &str = "#ffffff";
/// The light scheme's text on the accent (`--accent-text`): the header's text.
pub const LIGHT_ACCENT_TEXT: &str = "#ffffff";
/// The dark scheme's page background (`--bg` under `prefers-color-scheme: dark`).
pub const DARK_BACKGROUND: &str = "#111a1c";
/// The dark scheme's text on the accent.
pub const DARK_ACCENT_TEXT: &str = "#0d1517";
/// WCAG 2.2 AA for normal text (1.4.3): the accent is the header's background and a text colour.
pub const ACCENT_MIN_RATIO: f64 = 4.5;

/// Why `email` is not a plain e-mail address that can go into a `mailto:` link as written, or
/// `None` if it is one.
pub fn email_problem(email: &str) -> Option<&'static str> {
    if !email.is_ascii() {
        return Some("write it in ASCII (an internationalised domain in its xn-- form)");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Some("it has no @");
    };
    let local_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-');
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    if email.len() > 254 {
        Some("it is longer than 254 characters")
    } else if !(1..=64).contains(&local.len()) || !local.chars().all(local_char) {
        Some("before the @ only letters, digits and . _ + - are allowed")
    } else if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        Some("a dot may not start or end the part before the @, nor follow another")
    } else if labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        Some("the domain must be labels of letters, digits and hyphens separated by single dots")
    } else if !(tld.len() >= 2 && (tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))) {
        Some("the top-level domain must be two letters or more")
    } else {
        None
    }
}

/// Why `id` is not a Finnish business ID (Y-tunnus: seven digits, a hyphen and a check digit), or
/// `None` if it is one. The check digit: the digits weighted 7, 9, 10, 5, 8, 4, 2, the sum's
/// remainder modulo 11; 0 gives 0, 1 is never issued, otherwise 11 minus the remainder.
pub fn business_id_problem(id: &str) -> Option<String> {
    let bytes = id.as_bytes();
    let shape = bytes.len() == 9
        && bytes[7] == b'-'
        && bytes[..7].iter().all(u8::is_ascii_digit)
        && bytes[8].is_ascii_digit();
    if !shape {
        return Some(
            "a business ID (Y-tunnus) is seven digits, a hyphen and a check digit, e.g. 1234567-1".into(),
        );
    }
    let sum: u32 = bytes[..7]
        .iter()
        .zip([7, 9, 10, 5, 8, 4, 2])
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    let expected = match sum % 11 {
        0 => 0,
        1 => {
            return Some(format!(
                "no business ID starts with {} (its check digit would be 10): a digit is mistyped",
                &id[..7]
            ))
        }
        r => 11 - r,
    };
    let given = u32::from(bytes[8] - b'0');
    (given != expected)
        .then(|| format!("its check digit should be {expected}, not {given}: a digit is mistyped"))
}

/// Why `id` is not a Google Analytics 4 measurement ID, or `None` if it is one.
pub fn measurement_id_problem(id: &str) -> Option<String> {
    if id.starts_with("UA-") {
        return Some(
            "that is a Universal Analytics ID, which Google stopped in 2023-2024: GA4 measurement IDs start with G- (Admin > Data streams)"
                .into(),
        );
    }
    let Some(rest) = id.strip_prefix("G-") else {
        return Some("GA4 measurement IDs start with G-, e.g. G-AB12CD34EF (Admin > Data streams)".into());
    };
    if !(6..=12).contains(&rest.len()) || !rest.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some("after G- come capital letters and digits only, e.g. G-AB12CD34EF".into());
    }
    None
}

/// `#rrggbb` as red, green, blue.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2.x relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_ids_are_checked_by_their_check_digit() {
        // Weighted sum of 1234567: 7+18+30+20+40+24+14 = 153, 153 mod 11 = 10, check digit 1.
        assert_eq!(business_id_problem("1234567-1"), None);
        assert!(business_id_problem("1234567-2")
            .unwrap()
            .contains("should be 1, not 2"));
        // 0000000: sum 0, check digit 0.
        assert_eq!(business_id_problem("0000000-0"), None);
        // 1000000: sum 7, 11 - 7 = 4.
        assert_eq!(business_id_problem("1000000-4"), None);
        // 0000005: the last digit's weight is 2, 10 mod 11 = 10, 11 - 10 = 1.
        assert_eq!(business_id_problem("0000005-1"), None);
        // 0000003: 6, 11 - 6 = 5.
        assert_eq!(business_id_problem("0000003-5"), None);
        // Remainder 1 is never issued: 1300000 gives 7 + 27 = 34, 34 mod 11 = 1.
        assert!(business_id_problem("1300000-0").unwrap().contains("10"));
        for bad in [
            "1234567",
            "12345671",
            "1234567-",
            "123456-71",
            "1234567-x",
            "١٢٣٤٥٦٧-1",
            "FI12345671",
        ] {
            assert!(
                business_id_problem(bad).unwrap().contains("seven digits"),
                "{bad}"
            );
        }
    }

    #[test]
    fn measurement_ids_say_what_a_ga4_id_looks_like() {
        assert_eq!(measurement_id_problem("G-ESIMERKKI0"), None);
        assert_eq!(measurement_id_problem("G-KUU0000000"), None);
        assert!(measurement_id_problem("UA-1234567-1")
            .unwrap()
            .contains("start with G-"));
        assert!(measurement_id_problem("GTM-ABC123")
            .unwrap()
            .contains("start with G-"));
        assert!(measurement_id_problem("G-abc123def0")
            .unwrap()
            .contains("capital"));
        assert!(measurement_id_problem("G-").unwrap().contains("capital"));
    }

    #[test]
    fn contrast_is_wcag_s() {
        let white = parse_colour("#ffffff").unwrap();
        let black = parse_colour("#000000").unwrap();
        assert!((contrast_ratio(white, black) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = parse_colour("#767676").unwrap();
        assert!((contrast_ratio(grey, white) - 4.54).abs() < 0.01);
        assert_eq!(parse_colour("#12345"), None);
        assert_eq!(parse_colour("123456"), None);
        assert_eq!(parse_colour("#12345g"), None);
    }

    #[test]
    fn email_addresses_are_plain() {
        assert_eq!(email_problem("tietosuoja@esimerkki.example"), None);
        assert!(email_problem("x@kahvilakuu,fi").unwrap().contains("domain"));
        assert!(email_problem("x").unwrap().contains("no @"));
    }
}
