//! Stable heading ids ("slugs") made from heading text, so that `…/#evasteet` keeps pointing at the
//! cookie section when the page is rebuilt.

/// The slug of `text`: lower case ASCII letters and digits joined by single hyphens, with Finnish
/// and other Latin diacritics folded (`Evästeet` → `evasteet`, `Tarkastusoikeus, eli …` →
/// `tarkastusoikeus-eli-…`). Never empty: text with nothing to keep becomes `osio` ("section").
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            pending_hyphen = !slug.is_empty();
            continue;
        }
        if pending_hyphen {
            slug.push('-');
            pending_hyphen = false;
        }
        slug.push_str(folded);
    }
    if slug.is_empty() {
        slug.push_str("osio");
    }
    slug
}

/// The ASCII a lower-case character stands for in a slug; empty for separators.
fn fold(c: char) -> &'static str {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        let index = ASCII.find(c).unwrap_or(0);
        return &ASCII[index..index + 1];
    }
    match c {
        'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' | 'ą' | 'ā' => "a",
        'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ő' => "o",
        'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ė' | 'ě' | 'ē' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'į' | 'ī' => "i",
        'ú' | 'ù' | 'û' | 'ü' | 'ų' | 'ū' | 'ů' | 'ű' => "u",
        'š' | 'ś' | 'ş' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'č' | 'ć' | 'ç' => "c",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ý' | 'ÿ' => "y",
        'ř' => "r",
        'đ' | 'ď' => "d",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn finnish_headings() {
        assert_eq!(slugify("Evästeet"), "evasteet");
        assert_eq!(
            slugify("Tarkastusoikeus, eli oikeus saada pääsy henkilötietoihin."),
            "tarkastusoikeus-eli-oikeus-saada-paasy-henkilotietoihin"
        );
        assert_eq!(
            slugify("Tietojen siirto EU:n tai ETA:n ulkopuolelle"),
            "tietojen-siirto-eu-n-tai-eta-n-ulkopuolelle"
        );
        assert_eq!(
            slugify("Rekisterin suojauksen periaatteet B: ATK:lla"),
            "rekisterin-suojauksen-periaatteet-b-atk-lla"
        );
    }

    #[test]
    fn separators_collapse_and_trim() {
        assert_eq!(slugify("  --Hello,   World!-- "), "hello-world");
        assert_eq!(slugify("Åsa Łukasiewicz-Žemaitė"), "asa-lukasiewicz-zemaite");
    }

    #[test]
    fn never_empty() {
        assert_eq!(slugify(""), "osio");
        assert_eq!(slugify("!!! ???"), "osio");
    }
}
