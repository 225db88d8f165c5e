//! The page the server sends: header, table of contents, notice and footer in the authoritative
//! language, and the other languages' versions of the same regions in a `<template>`.
//!
//! Every language-dependent part of the page is a *region* (`data-region="…"`). With JavaScript
//! off the Finnish regions are the page. The app swaps a region's content for the template's copy
//! when the visitor switches language; the app's own widgets live in mount points outside the
//! regions, so a switch never destroys them (nor, later, what a visitor typed in a form).

use super::{Notice, SiteError};
use crate::i18n::Lang;
use crate::notice::front_matter::{tel_uri, Controller};
use crate::notice::render::escape_attribute as esc;
use crate::notice::COOKIE_SECTION_ID;
use crate::request::right::Right;
use crate::request::SECTION_ID;

/// The names of the regions, in page order (the app swaps whatever `[data-region]` it finds).
pub const REGIONS: [&str; 7] = ["skip", "header", "toc", "notice", "request", "footer", "consent"];

/// The notice's rights sections and the right each one's "Tee pyyntö" link ticks in the form.
const RIGHTS_SECTIONS: [(&str, Right); 6] = [
    (
        "tarkastusoikeus-eli-oikeus-saada-paasy-henkilotietoihin",
        Right::Access,
    ),
    ("oikeus-siirtaa-tiedot-jarjestelmasta-toiseen", Right::Portability),
    ("oikeus-vaatia-tiedon-korjaamista", Right::Rectification),
    ("rajoittamisoikeus", Right::Restriction),
    ("vastustamisoikeus", Right::Objection),
    (
        "muut-henkilotietojen-kasittelyyn-liittyvat-oikeudet",
        Right::DirectMarketingObjection,
    ),
];

/// The id of the `<template>` that holds the other languages' regions.
pub const TEMPLATE_ID: &str = "translations";

/// The two HTML fragments trunk pastes into `index.html`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Goes into `<head>`: title and description.
    pub head: String,
    /// Goes into `<body>`: the page, up to and including the banner's markup.
    pub body: String,
    /// Goes at the end of `<body>`: the other languages' regions, in `<template>`s.
    pub templates: String,
}

/// Checks that the translations match the authoritative notice, then composes the page.
/// `notices` holds one notice per language, the authoritative (Finnish) one first.
pub fn compose(notices: &[Notice]) -> Result<Page, SiteError> {
    let (original, translations) = notices
        .split_first()
        .ok_or_else(|| SiteError::new("notice/", "no notice"))?;
    let file = |lang: Lang| format!("notice/{lang}.md");
    let controller = match (&original.front.controller, original.front.translation_of) {
        (Some(controller), None) => controller,
        _ => {
            return Err(SiteError::new(
                file(original.front.lang),
                "the first notice must be the authoritative one, with the controller's details",
            ))
        }
    };
    for translation in translations {
        check_translation(original, translation)
            .map_err(|message| SiteError::new(file(translation.front.lang), message))?;
    }

    for notice in notices {
        if !notice.rendered.headings.iter().any(|h| h.id == COOKIE_SECTION_ID) {
            return Err(SiteError::new(
                file(notice.front.lang),
                format!("no section {{#{COOKIE_SECTION_ID}}} for the cookie table"),
            ));
        }
    }

    let mut body = String::with_capacity(40 * 1024);
    push_regions(&mut body, original, controller);
    let mut templates = String::with_capacity(32 * 1024);
    for translation in translations {
        let front = &translation.front;
        templates.push_str(&format!(
            "<template id=\"{TEMPLATE_ID}\" data-lang=\"{}\" data-title=\"{}\">\n",
            front.lang,
            esc(&document_title(translation))
        ));
        push_regions(&mut templates, translation, controller);
        templates.push_str("</template>\n");
    }

    let head = format!(
        "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
        esc(&document_title(original)),
        esc(&format!(
            "{}: {} – {}",
            controller.name, original.front.title, original.front.register
        ))
    );
    Ok(Page {
        head,
        body,
        templates,
    })
}

/// What `<title>` says in the notice's language.
pub fn document_title(notice: &Notice) -> String {
    let strings = notice.front.lang.strings();
    format!("{} – {}", notice.front.title, strings.title_suffix)
}

/// A translation must be of the same edition and have the same sections, so that deep links and
/// the table of contents mean the same in every language.
fn check_translation(original: &Notice, translation: &Notice) -> Result<(), String> {
    let (o, t) = (&original.front, &translation.front);
    if t.translation_of != Some(o.lang) {
        return Err(format!("must say \"translation_of: {}\"", o.lang));
    }
    if t.version != o.version {
        return Err(format!(
            "version {} differs from the {} notice's version {}: update the translation",
            t.version, o.lang, o.version
        ));
    }
    if t.drawn_up != o.drawn_up {
        return Err(format!(
            "drawn_up {} differs from the {} notice's {}",
            t.drawn_up.iso(),
            o.lang,
            o.drawn_up.iso()
        ));
    }
    let ids = |n: &Notice| {
        n.rendered
            .headings
            .iter()
            .map(|h| (h.level, h.id.clone()))
            .collect::<Vec<_>>()
    };
    let (want, have) = (ids(original), ids(translation));
    if want != have {
        let missing: Vec<String> = want
            .iter()
            .filter(|h| !have.contains(h))
            .map(|h| format!("{{#{}}}", h.1))
            .collect();
        let extra: Vec<String> = have
            .iter()
            .filter(|h| !want.contains(h))
            .map(|h| format!("{{#{}}}", h.1))
            .collect();
        return Err(format!(
            "headings must match the {} notice's ids, levels and order; missing: [{}], unexpected: [{}]",
            o.lang,
            missing.join(", "),
            extra.join(", ")
        ));
    }
    Ok(())
}

fn push_regions(out: &mut String, notice: &Notice, controller: &Controller) {
    let front = &notice.front;
    let lang = front.lang;
    let s = lang.strings();
    let region = |out: &mut String, name: &str, html: String| {
        out.push_str(&format!(
            "<div class=\"region region--{name}\" data-region=\"{name}\">{html}</div>\n"
        ));
    };

    region(
        out,
        "skip",
        format!(
            "<a class=\"skip-link\" href=\"#notice\">{}</a>",
            esc(s.skip_to_content)
        ),
    );

    out.push_str("<header class=\"site-header\">\n<div class=\"site-header__inner\">\n");
    region(
        out,
        "header",
        format!(
            "<div><p class=\"site-header__controller\">{}</p>\
<p class=\"site-header__register\">{} · {}: {}</p></div>\
<div class=\"site-header__actions\">{}{}</div>",
            esc(&controller.name),
            esc(s.privacy_notice),
            esc(s.register),
            esc(&front.register),
            request_link("", s.make_request, "button button--quiet"),
            app_button(
                "switch-language",
                lang.other().strings().switch_to_this,
                Some(lang.other()),
                "button button--quiet lang-switch"
            )
        ),
    );
    out.push_str("</div>\n</header>\n");

    out.push_str("<div class=\"layout\">\n");
    let mut toc = format!(
        "<nav class=\"toc\" aria-labelledby=\"toc-title\"><details class=\"toc__details\" open>\
<summary class=\"toc__title\" id=\"toc-title\">{}</summary><ol class=\"toc__list\">",
        esc(s.contents)
    );
    for heading in notice.rendered.sections() {
        toc.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&heading.id),
            esc(&heading.text)
        ));
    }
    toc.push_str("</ol></details></nav>");
    region(out, "toc", toc);

    out.push_str("<main class=\"main\" id=\"main\">\n");
    let translation_note = match front.translation_of {
        Some(_) => format!(
            "<p class=\"notice__translation\" role=\"note\">{}</p>",
            esc(s.translation_notice)
        ),
        None => String::new(),
    };
    region(
        out,
        "notice",
        format!(
            "<article class=\"notice\" id=\"notice\" tabindex=\"-1\" aria-labelledby=\"notice-title\">\
<h1 id=\"notice-title\">{}</h1><p class=\"notice__meta\">{} <time datetime=\"{}\">{}</time> · {} {}</p>{}\n{}</article>",
            esc(&front.title),
            esc(s.drawn_up),
            front.drawn_up.iso(),
            front.drawn_up.display(lang),
            esc(s.version),
            esc(&front.version),
            translation_note,
            with_request_links(&with_cookie_table(&notice.rendered.html, lang), s.make_request)
        ),
    );
    let intro = s
        .request_intro
        .replace("{contact}", &controller.contact_person)
        .replace("{email}", &controller.email)
        .replace("{controller}", &controller.name)
        .replace("{address}", &controller.address);
    region(
        out,
        "request",
        format!(
            "<section class=\"request\" id=\"{SECTION_ID}\" aria-labelledby=\"request-title\">\
<h2 id=\"request-title\">{}</h2><p>{}</p></section>",
            esc(s.request_heading),
            esc(&intro)
        ),
    );
    // The form mounts here (src/request/form/); the recipient's details come from the notice.
    out.push_str(&format!(
        "<div id=\"request-root\" data-controller=\"{}\" data-address=\"{}\" data-contact=\"{}\" \
data-email=\"{}\" data-phone=\"{}\" data-register=\"{}\"></div>\n</main>\n</div>\n",
        esc(&controller.name),
        esc(&controller.address),
        esc(&controller.contact_person),
        esc(&controller.email),
        esc(&controller.phone),
        esc(&front.register)
    ));

    out.push_str("<footer class=\"site-footer\">\n<div class=\"site-footer__inner\">\n");
    region(
        out,
        "footer",
        format!(
            "<h2 class=\"site-footer__title\">{contact}</h2>\
<address class=\"site-footer__address\">{name}<br>{address}<br><a href=\"{tel}\">{phone}</a><br>\
<a href=\"mailto:{email}\">{email}</a></address>\
<p class=\"site-footer__meta\">{title}<br>{drawn_up} <time datetime=\"{iso}\">{date}</time> · {version_label} {version}</p>\
<p class=\"site-footer__actions\">{settings}</p>",
            contact = esc(s.contact),
            name = esc(&controller.name),
            address = esc(&controller.address),
            tel = esc(&tel_uri(&controller.phone)),
            phone = esc(&controller.phone),
            email = esc(&controller.email),
            title = esc(&front.title),
            drawn_up = esc(s.drawn_up),
            iso = front.drawn_up.iso(),
            date = front.drawn_up.display(lang),
            version_label = esc(s.version),
            version = esc(&front.version),
            settings = app_button("cookie-settings", s.cookie_settings, None, "button button--quiet"),
        ),
    );
    out.push_str("</div>\n</footer>\n");

    // The consent banner: hidden markup the controller shows (see consent::markup).
    out.push_str("<div id=\"consent-root\">");
    region(out, "consent", crate::consent::markup::html(lang));
    out.push_str("</div>\n");
}

/// A button the app works: `hidden` until the app has started, so without JavaScript there is no
/// button that does nothing. `lang` marks a label in another language (the language switch).
fn app_button(action: &str, label: &str, lang: Option<Lang>, class: &str) -> String {
    let lang = lang.map(|l| format!(" lang=\"{l}\"")).unwrap_or_default();
    format!(
        "<button type=\"button\" class=\"{class}\" data-app-action=\"{action}\"{lang} hidden>{}</button>",
        esc(label)
    )
}

/// A link to the request form: without JavaScript it leads to how to send a request; with it, the
/// app also opens the form with `right` ticked.
fn request_link(right: &str, label: &str, class: &str) -> String {
    format!(
        "<a class=\"{class}\" href=\"#{SECTION_ID}\" data-request-right=\"{right}\">{}</a>",
        esc(label)
    )
}

/// The notice body with a "Tee pyyntö" link at the end of each rights section.
fn with_request_links(html: &str, label: &str) -> String {
    RIGHTS_SECTIONS
        .iter()
        .fold(html.to_owned(), |html, (section, right)| {
            let link = request_link(right.key(), label, "request-link__a");
            at_section_end(&html, section, &format!("<p class=\"request-link\">{link}</p>\n"))
        })
}

/// The notice body with the catalogue's cookie table at the end of the cookie section.
fn with_cookie_table(html: &str, lang: Lang) -> String {
    at_section_end(
        html,
        COOKIE_SECTION_ID,
        &format!("{}\n", crate::consent::table::html(lang)),
    )
}

/// `html` with `insert` just before the closing tag of the section `id` (unchanged without one).
fn at_section_end(html: &str, id: &str, insert: &str) -> String {
    let opening = format!("data-section=\"{id}\">");
    let Some(start) = html.find(&opening) else {
        return html.to_owned();
    };
    let end = start + html[start..].find("</section>").unwrap_or(html.len() - start);
    format!("{}{insert}{}", &html[..end], &html[end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::load_notice;
    use std::path::Path;

    const FI: &str =
        "---\ntitle: Asiakasrekisteri - tietosuojaseloste\nregister: Asiakasrekisteri\nlang: fi\n\
drawn_up: 2020-09-30\nversion: 1.1\ncontroller: Safrent <Oy>\naddress: Viilarinkatu 5, Turku\n\
phone: 044 978 5594\nemail: mirette.leppa@safrent.fi\ncontact_person: Mirette Leppä\n---\n\
## Evästeet\n\nTeksti.\n\n## Rajoittamisoikeus\n\nToinen.\n";
    const EN: &str =
        "---\ntitle: Customer register - privacy notice\nregister: Customer register\nlang: en\n\
translation_of: fi\ndrawn_up: 2020-09-30\nversion: 1.1\n---\n## Cookies {#evasteet}\n\nText.\n\n\
## Right to restriction {#rajoittamisoikeus}\n\nOther.\n";

    fn notices(fi: &str, en: &str) -> Vec<Notice> {
        vec![
            load_notice(Path::new("fi.md"), fi).unwrap(),
            load_notice(Path::new("en.md"), en).unwrap(),
        ]
    }

    #[test]
    fn finnish_is_the_page_and_english_the_template() {
        let page = compose(&notices(FI, EN)).unwrap();
        let (visible, template) = (&page.body, &page.templates);
        assert!(!visible.contains("<template"));
        assert!(visible.contains("<h1 id=\"notice-title\">Asiakasrekisteri - tietosuojaseloste</h1>"));
        assert!(visible.contains("<li><a href=\"#evasteet\">Evästeet</a></li>"));
        assert!(visible.contains("Laadittu <time datetime=\"2020-09-30\">30.9.2020</time> · Versio 1.1"));
        assert!(visible.contains("<a href=\"tel:+358449785594\">044 978 5594</a>"));
        assert!(!visible.contains("Cookies"));
        assert!(template.starts_with("<template id=\"translations\" data-lang=\"en\""));
        assert!(template.contains("<li><a href=\"#evasteet\">Cookies</a></li>"));
        assert!(template.contains("This is a translation. The Finnish privacy notice prevails."));
        assert!(template.contains("Drawn up <time datetime=\"2020-09-30\">30 September 2020</time>"));
        for region in REGIONS {
            let marker = format!("data-region=\"{region}\"");
            assert_eq!(visible.matches(&marker).count(), 1, "{region}");
            assert_eq!(template.matches(&marker).count(), 1, "{region}");
        }
        assert!(page
            .head
            .contains("<title>Asiakasrekisteri - tietosuojaseloste – Safrent Oy</title>"));
    }

    #[test]
    fn front_matter_values_are_escaped() {
        let page = compose(&notices(FI, EN)).unwrap();
        assert!(page.body.contains("Safrent &lt;Oy&gt;"));
        assert!(!page.body.contains("<Oy>"));
    }

    #[test]
    fn translation_must_match_sections_and_version() {
        let err = compose(&notices(
            FI,
            &EN.replace("{#rajoittamisoikeus}", "{#restriction}"),
        ))
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("missing: [{#rajoittamisoikeus}], unexpected: [{#restriction}]"),
            "{err}"
        );
        let err = compose(&notices(FI, &EN.replace("version: 1.1", "version: 1.0"))).unwrap_err();
        assert!(
            err.to_string().starts_with("notice/en.md: version 1.0 differs"),
            "{err}"
        );
        let err = compose(&notices(FI, &EN.replace("2020-09-30", "2020-10-01"))).unwrap_err();
        assert!(err.to_string().contains("drawn_up 2020-10-01 differs"), "{err}");
        let no_cookies = FI.replace("## Evästeet", "## Keksit");
        let err = compose(&notices(&no_cookies, &EN.replace("{#evasteet}", "{#keksit}"))).unwrap_err();
        assert!(
            err.to_string()
                .contains("no section {#evasteet} for the cookie table"),
            "{err}"
        );
    }
}
