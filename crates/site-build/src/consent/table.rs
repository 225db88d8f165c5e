//! The cookie table of the notice's cookie section and of the settings view, made from the
//! catalogue at build time.

use crate::html::Text;
use maud::{html, Markup};
use portal_core::consent::catalogue::{
    entries, Entry, Kept, Purpose, PurposeExt, PURPOSES, RETENTION_MONTHS,
};
use portal_core::consent::record::CHOICE_MONTHS;
use portal_core::i18n::{fill, Lang};
use portal_core::notice::COOKIE_TABLE_ID;
use portal_core::vocabulary::Action;

/// A catalogue text in `lang` with its placeholders filled (`{valid}`, and `{retention}` where
/// the site's analytics says how long it keeps its data).
pub fn catalogue_text(lang: Lang, text: &str) -> String {
    let s = lang.strings();
    let valid = CHOICE_MONTHS.to_string();
    match RETENTION_MONTHS {
        Some(months) => {
            let retention = fill(s.units.months, &[("n", &months.to_string())]);
            fill(text, &[("valid", &valid), ("retention", &retention)])
        }
        None => fill(text, &[("valid", &valid)]),
    }
}

/// Where an entry is kept, as the table says it.
pub fn kept(lang: Lang, entry: &Entry) -> String {
    let s = &lang.strings().cookies;
    match entry.kept {
        Kept::LocalStorage => s.local_storage.to_owned(),
        Kept::Cookie => match entry.shared_domain() {
            Some(domain) => format!("{} ({domain})", s.cookie),
            None => s.cookie.to_owned(),
        },
        Kept::ThirdPartyCookie(domain) => format!("{} ({domain})", s.third_party),
    }
}

/// The rows of `purpose`'s entries. Each cell names its column (`data-label`) for the narrow
/// layout, where the cells stack; explicit roles keep the table a table to assistive technology
/// when CSS changes the cells' display.
fn rows(lang: Lang, purpose: Purpose) -> Markup {
    let s = lang.strings();
    let c = &s.cookies;
    html! {
        @for entry in entries(purpose) {
            tr role="row" {
                td role="cell" { code { (Text(&entry.display())) } br; small { (Text(&kept(lang, &entry))) } }
                td role="cell" data-label=(Text(c.provider)) { (Text(entry.provider)) }
                td role="cell" data-label=(Text(c.purpose)) { (Text(&catalogue_text(lang, entry.what(s)))) }
                td role="cell" data-label=(Text(c.lifetime)) { (Text(&catalogue_text(lang, entry.lifetime(s)))) }
            }
        }
    }
}

fn head(lang: Lang) -> Markup {
    let s = &lang.strings().cookies;
    html! {
        thead role="rowgroup" { tr role="row" {
            @for name in [s.name, s.provider, s.purpose, s.lifetime] {
                th scope="col" role="columnheader" { (Text(name)) }
            }
        } }
    }
}

/// The entries of one purpose, for the banner's settings view; `labelled_by` is the id of the
/// purpose's name. The wrapper scrolls on a narrow screen, so it is a named, focusable region.
pub fn purpose_table(lang: Lang, purpose: Purpose, labelled_by: &str) -> Markup {
    html! {
        div class="cookie-table" role="region" aria-labelledby=(Text(labelled_by)) tabindex="0" {
            table role="table" aria-labelledby=(Text(labelled_by)) {
                (head(lang))
                tbody role="rowgroup" { (rows(lang, purpose)) }
            }
        }
    }
}

/// The notice's table: its own heading (the banner links to it), a caption, a row group per
/// purpose, a note saying where it comes from and, when the site keeps a consent log
/// (`log_months`: how long), what the log keeps, why and for how long; then what the site itself
/// processes (`this_site`).
pub fn html(lang: Lang, log_months: Option<u32>) -> String {
    let s = &lang.strings().cookies;
    html! {
        h3 id=(COOKIE_TABLE_ID) class="cookie-table__heading" tabindex="-1" { (Text(s.heading)) }
        div class="cookie-table" role="region" aria-labelledby=(COOKIE_TABLE_ID) tabindex="0" {
            table role="table" {
                caption { (Text(s.caption)) }
                (head(lang))
                @for &purpose in PURPOSES {
                    tbody role="rowgroup" {
                        tr role="row" {
                            th scope="rowgroup" colspan="4" role="rowheader" { (Text(purpose.name()(lang.strings()))) }
                        }
                        (rows(lang, purpose))
                    }
                }
            }
        }
        p class="cookie-table__note" { (Text(s.note)) }
        @if let Some(months) = log_months {
            p class="cookie-table__note" {
                (Text(&fill(s.log_note, &[("months", &fill(lang.strings().units.months, &[("n", &months.to_string())]))])))
            }
        }
        p class="cookie-table__settings needs-js" {
            (crate::consent::markup::button(Action::Settings, lang.strings().page.cookie_settings, "button button--quiet"))
        }
        (this_site(lang, &portal_core::SITE.hosting, log_months.is_some()))
    }
    .into_string()
}

/// What the site itself processes (GDPR Art. 13(1)(c), (e), 13(2)(a)): who runs its server, what
/// a page request sends it and what its access log keeps for how long (`hosting`), where the
/// cookie choice is kept (also in the consent log when `logged`), and that the request form sends
/// nothing.
fn this_site(lang: Lang, hosting: &site_folder::Hosting, logged: bool) -> Markup {
    let s = &lang.strings().cookies;
    let server = match &hosting.provider {
        Some(provider) => fill(s.this_site_server, &[("provider", provider)]),
        None => s.this_site_server_unnamed.to_owned(),
    };
    let log = match hosting.access_log_days {
        0 => s.this_site_no_logs.to_owned(),
        days => fill(s.this_site_logs, &[("days", &days.to_string())]),
    };
    let choice = if logged {
        s.this_site_choice_logged
    } else {
        s.this_site_choice
    };
    html! {
        h3 class="cookie-table__heading" { (Text(s.this_site_heading)) }
        p class="this-site" {
            (Text(&[server.as_str(), &log, choice, s.this_site_form].join(" ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::consent::catalogue::catalogue;

    #[test]
    fn one_row_per_catalogue_entry_in_every_language() {
        for lang in Lang::ALL {
            let table = html(lang, None);
            assert_eq!(
                table.matches("<tr role=\"row\"><td").count(),
                catalogue().count(),
                "{lang}"
            );
            assert_eq!(table.matches("scope=\"rowgroup\"").count(), PURPOSES.len());
            assert!(!table.contains('{'), "a placeholder is left in {lang}: {table}");
        }
        let fi = html(Lang::Fi, None);
        assert!(fi.starts_with(&format!(
            "<h3 id=\"{COOKIE_TABLE_ID}\" class=\"cookie-table__heading\" tabindex=\"-1\">Sivustolla käytettävät evästeet</h3>"
        )));
        // (The repository's site, whose analytics is Google Analytics 4.)
        let ga_id = portal_core::facts::SERVICES
            .iter()
            .find_map(|s| s.settings.measurement_id.as_deref())
            .expect("the repository's site has a GA4 service");
        let container = format!(
            "<code>_ga_{}</code><br><small>eväste</small></td><td role=\"cell\" data-label=\"Tarjoaja\">Google Ireland Ltd</td>",
            &ga_id[2..]
        );
        assert!(fi.contains(&container), "{fi}");
        assert!(fi.contains("data-label=\"Voimassaoloaika\">12 kuukautta</td>"));
        // Another site's cookie says whose it is; a site without any says nothing of them.
        let en = html(Lang::En, None);
        let third_party: Vec<&str> = catalogue()
            .filter_map(|e| match e.kept {
                Kept::ThirdPartyCookie(domain) => Some(domain),
                _ => None,
            })
            .collect();
        assert_eq!(
            en.matches("third-party cookie (").count(),
            third_party.len(),
            "{en}"
        );
        for domain in third_party {
            assert!(en.contains(&format!("third-party cookie ({domain})")), "{en}");
        }
        assert!(
            !fi.contains("_gid"),
            "Universal Analytics cookies are not listed as used"
        );
    }

    #[test]
    fn with_a_consent_log_the_table_says_what_it_keeps_and_how_long() {
        for lang in Lang::ALL {
            let note_start: String = lang.strings().cookies.log_note.chars().take(30).collect();
            assert!(
                !html(lang, None).contains(&note_start),
                "{lang}: the log's note without a log"
            );
            let logged = html(lang, Some(36));
            assert!(!logged.contains('{'), "a placeholder is left in {lang}: {logged}");
            let expected = match lang {
                Lang::Fi => "Merkinnät poistetaan 36 kuukautta valinnan jälkeen.",
                Lang::Sv => "Posterna raderas 36 månader efter valet.",
                Lang::En => "Entries are deleted 36 months after the choice.",
            };
            assert!(logged.contains(expected), "{lang}: {logged}");
            assert!(logged.contains("Global Privacy Control"), "{lang}");
        }
    }

    #[test]
    fn the_site_says_what_it_processes_itself_from_its_hosting() {
        let named = site_folder::Hosting {
            provider: Some("Pilvi Oy".into()),
            access_log_days: 14,
        };
        let unnamed = site_folder::Hosting {
            provider: None,
            access_log_days: 0,
        };
        for lang in Lang::ALL {
            let s = &lang.strings().cookies;
            // (As read: the markup escapes the apostrophe.)
            let text = |hosting, logged| {
                this_site(lang, hosting, logged)
                    .into_string()
                    .replace("&#39;", "'")
            };
            let full = text(&named, false);
            assert!(!full.contains('{'), "a placeholder is left in {lang}: {full}");
            assert!(full.contains("Pilvi Oy") && full.contains("14"), "{lang}: {full}");
            assert!(full.contains(s.this_site_choice) && full.contains(s.this_site_form));
            assert!(!full.contains(s.this_site_no_logs));
            let bare = text(&unnamed, true);
            assert!(
                bare.contains(s.this_site_server_unnamed) && bare.contains(s.this_site_no_logs),
                "{lang}: {bare}"
            );
            assert!(
                bare.contains(&fill(s.this_site_choice_logged, &[])),
                "{lang}: {bare}"
            );
            assert!(!bare.contains("Pilvi"));
            // The notice's table ends with it, for the site folder's own hosting.
            let own = |logged| this_site(lang, &portal_core::SITE.hosting, logged).into_string();
            assert!(html(lang, None).ends_with(&own(false)));
            assert!(html(lang, Some(36)).ends_with(&own(true)));
        }
        let fi = this_site(Lang::Fi, &named, false).into_string();
        assert!(fi.contains("merkinnät poistetaan 14 päivän kuluttua"), "{fi}");
    }
}
