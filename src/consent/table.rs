//! The cookie table of the notice's "Evästeet" section, made from the catalogue at build time.

use super::catalogue::{entries, Kept, Purpose};
use crate::i18n::Lang;
use crate::notice::render::escape_attribute as esc;

/// The rows of `purpose`'s entries.
fn rows(lang: Lang, purpose: Purpose) -> String {
    let s = lang.strings();
    let mut out = String::new();
    for entry in entries(purpose) {
        let kept = match entry.kept {
            Kept::LocalStorage => s.kept_local_storage.to_owned(),
            Kept::Cookie => s.kept_cookie.to_owned(),
            Kept::ThirdPartyCookie(domain) => format!("{} ({domain})", s.kept_third_party),
        };
        out.push_str(&format!(
            "<tr><td><code>{}</code><br><small>{}</small></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&entry.name.display()),
            esc(&kept),
            esc(entry.provider),
            esc(entry.what.get(lang)),
            esc(entry.lifetime.get(lang))
        ));
    }
    out
}

fn head(lang: Lang) -> String {
    let s = lang.strings();
    format!(
        "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>",
        esc(s.col_name),
        esc(s.col_provider),
        esc(s.col_purpose),
        esc(s.col_lifetime)
    )
}

/// The entries of one purpose, for the banner's settings view.
pub fn purpose_table(lang: Lang, purpose: Purpose) -> String {
    format!(
        "<div class=\"cookie-table\"><table>{}<tbody>{}</tbody></table></div>",
        head(lang),
        rows(lang, purpose)
    )
}

/// The table (with its caption and a note saying where it comes from) in `lang`.
pub fn html(lang: Lang) -> String {
    let s = lang.strings();
    let mut out = format!(
        "<div class=\"cookie-table\" role=\"region\" aria-labelledby=\"cookie-table-caption\" tabindex=\"0\">\
<table><caption id=\"cookie-table-caption\">{}</caption>{}",
        esc(s.cookie_table_caption),
        head(lang)
    );
    for purpose in Purpose::ALL {
        out.push_str(&format!(
            "<tbody><tr><th scope=\"rowgroup\" colspan=\"4\">{}</th></tr>{}</tbody>",
            esc(purpose.name().get(lang)),
            rows(lang, purpose)
        ));
    }
    out.push_str(&format!(
        "</table></div><p class=\"cookie-table__note\">{}</p>",
        esc(s.cookie_table_note)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::catalogue::CATALOGUE;

    #[test]
    fn one_row_per_catalogue_entry_in_both_languages() {
        for lang in Lang::ALL {
            let table = html(lang);
            assert_eq!(table.matches("<tr><td>").count(), CATALOGUE.len());
            assert_eq!(table.matches("scope=\"rowgroup\"").count(), Purpose::ALL.len());
        }
        let fi = html(Lang::Fi);
        assert!(fi.contains("<caption id=\"cookie-table-caption\">Sivuston evästeet ja tallenteet</caption>"));
        assert!(fi.contains("<code>_ga_*</code><br><small>eväste</small></td><td>Google Ireland Ltd</td>"));
        assert!(html(Lang::En).contains("third-party cookie (doubleclick.net)"));
    }
}
