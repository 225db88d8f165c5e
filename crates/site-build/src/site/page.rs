//! The pages the server sends: one complete page per language (`/` Finnish, `/en/`, …), each with
//! its notice, banner, settings, request section and footer in that language, its `<html lang>`,
//! title, canonical address and the `hreflang` links of every language. Everything a visitor
//! sees is here at build time; the app only enhances it.
//!
//! Each page is two fragments that trunk pastes into `index.html` for the Finnish page (`head`
//! and `body`); the build then writes the other languages' pages from trunk's output by putting
//! their fragments where the Finnish ones are (`site-build pages`).

use super::{Notice, SiteError};
use crate::consent::revision::{self, Published};
use crate::notice::front_matter::{tel_uri, Controller};
use maud::{html, Markup, PreEscaped};
use portal_core::i18n::{fill, Lang};
use portal_core::notice::COOKIE_SECTION_ID;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::right::Right;
use portal_core::request::SECTION_ID;
use portal_core::vocabulary::{
    Action, FormAsset, APP_ID_PREFIXES, NOTICE_ID, REQUEST_ROOT_ID, REVISIONS_META, TOC_CLASS,
    TOC_DETAILS_CLASS,
};

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

/// Where the site is and what the build made for the form: what a page needs to know besides
/// the notices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The scheme and host the site is published at, e.g. `https://tietosuoja.example.fi`.
    pub origin: String,
    /// trunk's public URL: the path of the site's root, `/` or e.g. `/tietosuoja/`.
    pub public_url: String,
    /// The request form's files, relative to the site's root (`form/request-form-….js` …).
    pub form_assets: Vec<(FormAsset, String)>,
    /// Who the pages name as the controller: the site folder's ([`Controller::of_site`]).
    pub controller: Controller,
    /// The name in the page's header: the site folder's `brand.name`.
    pub brand_name: String,
    /// The logo beside it, if the site folder has one (`brand.logo`).
    pub brand_logo: Option<BrandLogo>,
    /// When the pages send each choice to the company's consent log (`[consent] log`): how long
    /// the log keeps an entry, in months (`log_months`); `None` without a log.
    pub consent_log: Option<u32>,
}

/// The logo as the header shows it: the file the build wrote below the site's root, and its
/// intrinsic size, so its place is kept before it loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandLogo {
    /// Relative to the site's root: `brand/logo-<digest>.svg`.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

impl Context {
    /// The root path, always ending in `/`.
    fn base(&self) -> String {
        let base = self.public_url.trim();
        let base = if base.starts_with('/') {
            base.to_owned()
        } else {
            format!("/{base}")
        };
        if base.ends_with('/') {
            base
        } else {
            format!("{base}/")
        }
    }

    /// The path of `lang`'s page.
    pub fn page_path(&self, lang: Lang) -> String {
        format!("{}{}", self.base(), lang.path())
    }

    /// The absolute address of `lang`'s page.
    pub fn page_url(&self, lang: Lang) -> String {
        format!("{}{}", self.origin.trim_end_matches('/'), self.page_path(lang))
    }

    /// A path below the site's root (`consent/`, `form/…`), relative to `lang`'s page: so a page
    /// finds it under any public URL.
    fn relative_to_page(&self, lang: Lang, path: &str) -> String {
        let up = "../".repeat(lang.path().matches('/').count());
        format!("{up}{path}")
    }
}

/// One language's page: what trunk pastes into `<head>` and into `<body>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub lang: Lang,
    pub head: String,
    pub body: String,
}

/// Every page, and the consent revisions they refer to (published as `consent/<revision>.json`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub pages: Vec<Page>,
    pub revisions: Vec<Published>,
}

/// Checks that the translations match the authoritative notice, then composes every page.
/// `notices` holds one notice per language, the authoritative (Finnish) one first.
pub fn compose(notices: &[Notice], context: &Context) -> Result<Site, SiteError> {
    let (original, translations) = notices
        .split_first()
        .ok_or_else(|| SiteError::new("notice/", "no notice"))?;
    let file = |lang: Lang| format!("notice/{lang}.md");
    if original.front.translation_of.is_some() {
        return Err(SiteError::new(
            file(original.front.lang),
            "the first notice must be the authoritative one (without translation_of)",
        ));
    }
    let controller = &context.controller;
    for notice in notices {
        if !notice.rendered.headings.iter().any(|h| h.id == COOKIE_SECTION_ID) {
            return Err(SiteError::new(
                file(notice.front.lang),
                format!("no section {{#{COOKIE_SECTION_ID}}} for the cookie table"),
            ));
        }
    }

    let banners: Vec<(Lang, String)> = notices
        .iter()
        .map(|n| (n.front.lang, crate::consent::markup::html(n.front.lang)))
        .collect();
    let published: Vec<Published> = banners
        .iter()
        .map(|(lang, markup)| revision::publish(*lang, markup))
        .collect();
    let revisions = revision::revisions(&published).to_content();
    let langs: Vec<Lang> = notices.iter().map(|n| n.front.lang).collect();
    // The register's name in each language a letter can be written in (the form sends it with the
    // letter, whatever the page's language), from that language's notice.
    let registers: Vec<(LetterLang, String)> = LetterLang::ALL
        .iter()
        .map(|letter| {
            let notice = notices
                .iter()
                .find(|n| n.front.lang == letter.lang())
                .unwrap_or(original);
            (*letter, notice.front.register.clone())
        })
        .collect();
    let pages = notices
        .iter()
        .zip(&banners)
        .map(|(notice, (_, banner))| Page {
            lang: notice.front.lang,
            head: head(notice, context, &langs, &revisions),
            body: body(notice, controller, &registers, context, &langs, banner),
        })
        .collect::<Vec<Page>>();
    // A heading's id is checked against the page it is in before the translations are compared
    // with the original, so that a colliding heading is named in its own file.
    for (notice, page) in notices.iter().zip(&pages) {
        check_heading_ids(notice, page)
            .map_err(|message| SiteError::new(file(notice.front.lang), message))?;
    }
    for translation in translations {
        check_translation(original, translation)
            .map_err(|message| SiteError::new(file(translation.front.lang), message))?;
    }
    Ok(Site {
        pages,
        revisions: published,
    })
}

/// A heading's id must be its own: an id that an element of the page already has (the request
/// section `pyynto`, `request-root`, `main` …) would take that element's links and break what
/// the apps find by it, and the apps make elements of their own at run time (the request form,
/// the banner's switches) with ids of [`APP_ID_PREFIXES`].
fn check_heading_ids(notice: &Notice, page: &Page) -> Result<(), String> {
    for heading in &notice.rendered.headings {
        // The id as the page writes it (escaped by the templates).
        let attribute = format!(" id=\"{}\"", html! { (heading.id) }.into_string());
        let uses = page.head.matches(&attribute).count() + page.body.matches(&attribute).count();
        let why = if uses > 1 {
            "an element of the page itself has this id, so its links and the apps would reach the \
heading instead"
                .to_owned()
        } else if let Some(prefix) = APP_ID_PREFIXES.iter().find(|p| heading.id.starts_with(*p)) {
            format!("ids starting with \"{prefix}\" belong to the request form and the cookie banner")
        } else {
            continue;
        };
        return Err(format!(
            "line {}: heading id \"{}\" is taken: {why}; give the heading an id of its own with {{#…}}",
            heading.line, heading.id
        ));
    }
    Ok(())
}

/// What `<title>` says in the notice's language.
pub fn document_title(notice: &Notice) -> String {
    format!(
        "{} – {}",
        notice.front.title,
        notice.front.lang.strings().page.title_suffix
    )
}

/// A translation must be of the same edition and have the same sections, so that deep links and
/// the table of contents mean the same in every language.
fn check_translation(original: &Notice, translation: &Notice) -> Result<(), String> {
    let (o, t) = (&original.front, &translation.front);
    if t.translation_of != Some(o.lang) {
        return Err(format!("must say translation_of = \"{}\"", o.lang));
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

/// The page's `<head>` part: its security policy, title, description, addresses of every
/// language, and the consent revisions.
fn head(notice: &Notice, context: &Context, langs: &[Lang], revisions: &str) -> String {
    let lang = notice.front.lang;
    let title = document_title(notice);
    let description = lang.strings().page.description;
    let url = context.page_url(lang);
    html! {
        meta http-equiv="Content-Security-Policy" content=(super::security::meta_content_security_policy());
        "\n"
        meta name="referrer" content=(super::security::REFERRER_POLICY);
        "\n"
        title { (title) }
        "\n"
        meta name="description" content=(description);
        "\n"
        link rel="canonical" href=(url);
        "\n"
        @for other in langs {
            link rel="alternate" hreflang=(other) href=(context.page_url(*other));
            "\n"
        }
        link rel="alternate" hreflang="x-default" href=(context.page_url(Lang::default()));
        "\n"
        meta property="og:type" content="website";
        "\n"
        meta property="og:title" content=(title);
        "\n"
        meta property="og:description" content=(description);
        "\n"
        meta property="og:url" content=(url);
        "\n"
        meta property="og:locale" content=(og_locale(lang));
        "\n"
        // data-texts: REVISIONS_TEXTS_ATTRIBUTE (the tests check the names the templates write).
        // data-log: LOG_ATTRIBUTE, only when the site folder turns the consent log on.
        meta name=(REVISIONS_META) content=(revisions)
            data-texts=(context.relative_to_page(lang, &format!("{}/", revision::DIRECTORY)))
            data-log=[context.consent_log.map(|_| context.relative_to_page(lang, portal_core::consent::log::PATH))];
        "\n"
    }
    .into_string()
}

/// The Open Graph locale (`fi_FI`, `en_GB`, …) of a page: link previews show it.
fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "fi_FI",
        Lang::Sv => "sv_FI",
        Lang::En => "en_GB",
    }
}

/// The page's `<body>` part, in reading order: skip link, header, cookie banner (before the long
/// notice, so it is in the first paint whatever the network; it is fixed to the bottom of the
/// viewport), contents, notice, request section, footer.
fn body(
    notice: &Notice,
    controller: &Controller,
    registers: &[(LetterLang, String)],
    context: &Context,
    langs: &[Lang],
    banner: &str,
) -> String {
    let front = &notice.front;
    let lang = front.lang;
    let s = lang.strings();
    let intro = fill(
        s.request.intro,
        &[
            ("contact", &controller.contact_person),
            ("email", &controller.email),
            ("controller", &controller.name),
            ("address", &controller.address),
        ],
    );
    // The form mounts in the request root (src/request/form/): the recipient from the notice, the
    // form's files from the build.
    let register = |letter: LetterLang| {
        registers
            .iter()
            .find(|(l, _)| *l == letter)
            .map_or(front.register.as_str(), |(_, name)| name.as_str())
    };
    let asset = |wanted: FormAsset| {
        context
            .form_assets
            .iter()
            .find(|(asset, _)| *asset == wanted)
            .map(|(_, path)| context.relative_to_page(lang, path))
    };
    let drawn_up = html! {
        (s.page.drawn_up) " " time datetime=(front.drawn_up.iso()) { (front.drawn_up.display(lang)) }
        " · " (s.page.version) "\u{a0}" (front.version)
    };
    let notice_html = with_request_links(
        &with_cookie_table(&notice.rendered.html, lang, context.consent_log),
        s.request.make_request,
    );
    html! {
        a class="skip-link" href=(format_args!("#{NOTICE_ID}")) { (s.page.skip_to_content) }
        "\n"
        header class="site-header" { div class="site-header__inner" {
            div class="site-header__titles" {
                p class="site-header__controller" {
                    // Decorative: the name beside it says the same.
                    @if let Some(logo) = &context.brand_logo {
                        img class="site-header__logo" src={ (context.base()) (logo.path) } alt="" width=(logo.width) height=(logo.height);
                    }
                    (context.brand_name)
                }
                p class="site-header__register" { (s.page.privacy_notice) " · " (s.page.register) ": " (front.register) }
            }
            div class="site-header__actions" {
                (request_link(None, s.request.make_request, "button button--quiet"))
                (language_switch(lang, context, langs))
            }
        } }
        "\n"
        (PreEscaped(banner))
        "\n"
        div class="layout" {
            "\n"
            nav class=(TOC_CLASS) aria-labelledby="toc-title" { details class=(TOC_DETAILS_CLASS) {
                summary class="toc__title" id="toc-title" { (s.page.contents) }
                ol class="toc__list" {
                    @for heading in notice.rendered.sections() {
                        li { a href={ "#" (heading.id) } { (heading.text) } }
                    }
                }
            } }
            "\n"
            main class="main" id="main" {
                "\n"
                article class="notice" id=(NOTICE_ID) tabindex="-1" aria-labelledby="notice-title" {
                    h1 id="notice-title" { (front.title) }
                    p class="notice__meta" { (drawn_up) }
                    @if front.translation_of.is_some() {
                        p class="notice__translation" role="note" { (s.page.translation_notice) }
                    }
                    "\n"
                    (PreEscaped(notice_html))
                }
                "\n"
                section class="request" id=(SECTION_ID) aria-labelledby="request-title" tabindex="-1" {
                    h2 id="request-title" { (s.request.heading) }
                    p { (intro) }
                }
                "\n"
                // The names of RecipientField::ALL and FormAsset's attributes, in their order (a
                // test checks them against the vocabulary).
                div id=(REQUEST_ROOT_ID)
                    data-controller=(controller.name)
                    data-address=(controller.address)
                    data-contact=(controller.contact_person)
                    data-email=(controller.email)
                    data-phone=(controller.phone)
                    data-register-fi=(register(LetterLang::Fi))
                    data-register-en=(register(LetterLang::En))
                    data-form-module=[asset(FormAsset::Module)]
                    data-form-wasm=[asset(FormAsset::Wasm)]
                    data-form-style=[asset(FormAsset::Style)]
                    data-form-writer=[asset(FormAsset::Writer)] {}
                "\n"
            }
            "\n"
        }
        "\n"
        footer class="site-footer" { div class="site-footer__inner" {
            div class="site-footer__contact" {
                h2 class="site-footer__title" { (s.page.contact) }
                address class="site-footer__address" {
                    (controller.name) br; (controller.address) br;
                    a href=(tel_uri(&controller.phone)) { (phone_for(lang, &controller.phone)) } br;
                    a href={ "mailto:" (controller.email) } { (controller.email) }
                }
            }
            p class="site-footer__meta" { (front.title) br; (drawn_up) }
            p class="site-footer__actions" {
                (crate::consent::markup::button(
                    Action::Settings,
                    s.page.cookie_settings,
                    "button button--quiet needs-js"
                ))
            }
        } }
        "\n"
    }
    .into_string()
}

/// A Finnish phone number as the page's readers dial it: as written on the Finnish page
/// ("044 978 5594"), with the country code elsewhere ("+358 44 978 5594").
fn phone_for(lang: Lang, phone: &str) -> String {
    match phone.trim().strip_prefix('0') {
        Some(national) if lang != Lang::Fi && !national.starts_with('0') => format!("+358 {national}"),
        _ => phone.trim().to_owned(),
    }
}

/// The language switch: every language in its own name; the others are links to the same page
/// in that language (the app keeps their `#fragment` on the section being read).
fn language_switch(current: Lang, context: &Context, langs: &[Lang]) -> Markup {
    html! {
        nav class="lang-switch" aria-label=(current.strings().page.languages) { ul {
            @for &lang in langs {
                @let name = lang.strings().language.name;
                li {
                    @if lang == current {
                        span aria-current="page" { (name) }
                    } @else {
                        // data-lang-link: LANG_LINK_ATTRIBUTE
                        a href=(context.page_path(lang)) hreflang=(lang) lang=(lang) data-lang-link=(lang) { (name) }
                    }
                }
            }
        } }
    }
}

/// A link to the request form: without JavaScript it leads to how to send a request; with it, the
/// app also opens the form with `right` ticked.
fn request_link(right: Option<Right>, label: &str, class: &str) -> Markup {
    // data-request-right: REQUEST_RIGHT_ATTRIBUTE
    html! {
        a class=(class) href=(format_args!("#{SECTION_ID}")) data-request-right=(right.map_or("", Right::key)) { (label) }
    }
}

/// The notice body with a "Tee pyyntö" link at the end of each rights section.
fn with_request_links(html: &str, label: &str) -> String {
    RIGHTS_SECTIONS
        .iter()
        .fold(html.to_owned(), |html, (section, right)| {
            let link = html! {
                p class="request-link" { (request_link(Some(*right), label, "request-link__a")) } "\n"
            };
            at_section_end(&html, section, &link.into_string())
        })
}

/// The notice body with the catalogue's cookie table at the end of the cookie section.
fn with_cookie_table(html: &str, lang: Lang, log_months: Option<u32>) -> String {
    at_section_end(
        html,
        COOKIE_SECTION_ID,
        &format!("{}\n", crate::consent::table::html(lang, log_months)),
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
    use portal_core::vocabulary::{
        RecipientField, LANG_LINK_ATTRIBUTE, LOG_ATTRIBUTE, REQUEST_RIGHT_ATTRIBUTE,
        REVISIONS_TEXTS_ATTRIBUTE,
    };

    /// `text` escaped as the templates escape it.
    fn esc(text: &str) -> String {
        html! { (text) }.into_string()
    }
    use std::path::Path;

    const FI: &str =
        "+++\ntitle = \"Asiakasrekisteri - tietosuojaseloste\"\nregister = \"Asiakasrekisteri\"\n\
lang = \"fi\"\ndrawn_up = 2020-09-30\nversion = \"1.1\"\n+++\n## Evästeet\n\nTeksti.\n\n## Rajoittamisoikeus\n\nToinen.\n";
    const EN: &str =
        "+++\ntitle = \"Customer register - privacy notice\"\nregister = \"Customer register\"\n\
lang = \"en\"\ntranslation_of = \"fi\"\ndrawn_up = 2020-09-30\nversion = \"1.1\"\n+++\n\
## Cookies {#evasteet}\n\nText.\n\n## Right to restriction {#rajoittamisoikeus}\n\nOther.\n";

    fn notices(fi: &str, en: &str) -> Vec<Notice> {
        vec![
            load_notice(Path::new("fi.md"), fi).unwrap(),
            load_notice(Path::new("en.md"), en).unwrap(),
        ]
    }

    fn context(public_url: &str) -> Context {
        Context {
            origin: "https://tietosuoja.example.fi".into(),
            public_url: public_url.into(),
            form_assets: vec![(FormAsset::Module, "form/request-form-1234.js".into())],
            // Any controller: the pages escape what they take from it.
            controller: Controller {
                name: "Esimerkki <Oy>".into(),
                address: "Esimerkkikatu 1, 00100 Helsinki".into(),
                phone: "040 000 0000".into(),
                email: "tietosuoja@example.fi".into(),
                contact_person: "Maija Meikäläinen".into(),
            },
            brand_name: "Esimerkki & <Brändi>".into(),
            brand_logo: None,
            consent_log: None,
        }
    }

    fn site() -> Site {
        compose(&notices(FI, EN), &context("/")).unwrap()
    }

    #[test]
    fn each_language_is_a_whole_page_of_its_own() {
        let site = site();
        let [fi, en] = [&site.pages[0], &site.pages[1]];
        assert_eq!((fi.lang, en.lang), (Lang::Fi, Lang::En));
        assert!(fi
            .body
            .contains("<h1 id=\"notice-title\">Asiakasrekisteri - tietosuojaseloste</h1>"));
        assert!(fi.body.contains("<li><a href=\"#evasteet\">Evästeet</a></li>"));
        assert!(fi
            .body
            .contains("Laadittu <time datetime=\"2020-09-30\">30.9.2020</time> · Versio\u{a0}1.1"));
        assert!(fi.body.contains("<a href=\"tel:+358400000000\">040 000 0000</a>"));
        assert!(
            !fi.body.contains("Cookies"),
            "the Finnish page carries no English"
        );
        assert!(en.body.contains("<li><a href=\"#evasteet\">Cookies</a></li>"));
        assert!(en
            .body
            .contains("This is a translation. The Finnish privacy notice prevails."));
        assert!(en
            .body
            .contains("Drawn up <time datetime=\"2020-09-30\">30 September 2020</time>"));
        assert!(
            !en.body.contains("Evästeasetukset"),
            "the English page carries no Finnish chrome"
        );
        assert!(fi.head.contains(&format!(
            "<title>Asiakasrekisteri - tietosuojaseloste – {}</title>",
            esc(portal_core::facts::CONTROLLER_NAME)
        )));
        assert!(en.head.contains(&format!(
            "<title>Customer register - privacy notice – {}</title>",
            esc(portal_core::facts::CONTROLLER_NAME)
        )));
    }

    /// A host that sends no headers still keeps the referrer from every link and request:
    /// each page states the header's `Referrer-Policy` itself.
    #[test]
    fn every_page_states_the_headers_referrer_policy() {
        let policy = crate::site::security::headers()
            .into_iter()
            .find(|(name, _)| *name == "Referrer-Policy")
            .map(|(_, value)| value)
            .unwrap();
        for page in &site().pages {
            assert_eq!(
                page.head
                    .matches(&format!("<meta name=\"referrer\" content=\"{policy}\">\n"))
                    .count(),
                1,
                "{}",
                page.head
            );
        }
    }

    /// A letter names the register in its own language, whichever page the form is on.
    #[test]
    fn every_page_gives_the_form_the_register_in_each_letter_language() {
        for page in &site().pages {
            assert!(
                page.body.contains("data-register-fi=\"Asiakasrekisteri\""),
                "{}",
                page.body
            );
            assert!(
                page.body.contains("data-register-en=\"Customer register\""),
                "{}",
                page.body
            );
        }
    }

    /// Search engines and link previews get a sentence of the page's own language that says what
    /// the page offers, not the title again.
    #[test]
    fn each_page_describes_itself_in_its_language() {
        let site = site();
        for page in &site.pages {
            let description = page.lang.strings().page.description;
            let meta = format!("<meta name=\"description\" content=\"{}\">", esc(description));
            assert!(page.head.contains(&meta), "{}", page.head);
            let og = format!(
                "<meta property=\"og:description\" content=\"{}\">",
                esc(description)
            );
            assert!(page.head.contains(&og), "{}", page.head);
        }
        let fi = Lang::Fi.strings().page.description;
        assert!(fi.contains("tietosuojaseloste") && fi.contains("lomake"), "{fi}");
        assert_ne!(fi, Lang::En.strings().page.description);
    }

    #[test]
    fn every_page_links_every_language_and_itself_as_canonical() {
        let site = compose(&notices(FI, EN), &context("/tietosuoja")).unwrap();
        for page in &site.pages {
            for (hreflang, url) in [
                ("fi", "https://tietosuoja.example.fi/tietosuoja/"),
                ("en", "https://tietosuoja.example.fi/tietosuoja/en/"),
                ("x-default", "https://tietosuoja.example.fi/tietosuoja/"),
            ] {
                let link = format!("<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{url}\">");
                assert!(page.head.contains(&link), "{}: {link}", page.lang);
            }
        }
        assert!(site.pages[1]
            .head
            .contains("<link rel=\"canonical\" href=\"https://tietosuoja.example.fi/tietosuoja/en/\">"));
        // The switch is an ordinary link to the other page, named in its own language.
        assert!(site.pages[0].body.contains(
            "<a href=\"/tietosuoja/en/\" hreflang=\"en\" lang=\"en\" data-lang-link=\"en\">English</a>"
        ));
        assert!(site.pages[1]
            .body
            .contains("<span aria-current=\"page\">English</span>"));
    }

    #[test]
    fn files_below_the_root_are_found_relative_to_each_page() {
        let site = site();
        assert!(site.pages[0]
            .body
            .contains("data-form-module=\"form/request-form-1234.js\""));
        assert!(site.pages[1]
            .body
            .contains("data-form-module=\"../form/request-form-1234.js\""));
        assert!(site.pages[1].head.contains("data-texts=\"../consent/\""));
    }

    #[test]
    fn every_page_knows_every_languages_revision() {
        let site = site();
        let content = revision::revisions(&site.revisions).to_content();
        assert_eq!(site.revisions.len(), 2);
        for page in &site.pages {
            assert!(page
                .head
                .contains(&format!("<meta name=\"{REVISIONS_META}\" content=\"{content}\"")));
        }
    }

    #[test]
    fn the_banner_comes_before_the_notice_and_the_cookie_table_has_its_heading() {
        let fi = &site().pages[0];
        let banner = fi.body.find("id=\"consent-banner\"").unwrap();
        assert!(fi.body.find("</header>").unwrap() < banner);
        assert!(banner < fi.body.find("id=\"notice\"").unwrap());
        assert_eq!(phone_for(Lang::En, "044 978 5594"), "+358 44 978 5594");
        assert_eq!(phone_for(Lang::Fi, "044 978 5594"), "044 978 5594");
        assert_eq!(phone_for(Lang::Sv, "+358 44 978 5594"), "+358 44 978 5594");
        let section = fi.body.find("data-section=\"evasteet\"").unwrap();
        let heading = format!("<h3 id=\"{}\"", portal_core::notice::COOKIE_TABLE_ID);
        assert!(fi.body[section..].contains(&heading));
    }

    /// The templates write the attribute names the apps read (maud takes an attribute's name as
    /// written, so the vocabulary's constants are checked here): each recipient field and each of
    /// the form's files once, on the request root, with the value the build gave it.
    #[test]
    fn the_templates_write_the_attribute_names_the_apps_read() {
        let site = compose(
            &notices(FI, EN),
            &Context {
                form_assets: FormAsset::ALL
                    .iter()
                    .map(|asset| (*asset, format!("form/{}.x", asset.attribute())))
                    .collect(),
                ..context("/")
            },
        )
        .unwrap();
        let fi = &site.pages[0];
        let start = fi.body.find(&format!("<div id=\"{REQUEST_ROOT_ID}\"")).unwrap();
        let root = &fi.body[start..start + fi.body[start..].find('>').unwrap()];
        for field in RecipientField::ALL {
            assert_eq!(
                root.matches(&format!(" {}=\"", field.attribute())).count(),
                1,
                "{root}"
            );
        }
        assert!(
            root.contains(" data-controller=\"Esimerkki &lt;Oy&gt;\""),
            "{root}"
        );
        assert!(root.contains(" data-register-fi=\"Asiakasrekisteri\""), "{root}");
        for asset in FormAsset::ALL {
            let attribute = asset.attribute();
            assert!(
                root.contains(&format!(" {attribute}=\"form/{attribute}.x\"")),
                "{root}"
            );
        }
        // Without a file (no writer built), no attribute.
        let without = site_without_assets();
        for asset in FormAsset::ALL {
            assert!(!without.pages[0].body.contains(asset.attribute()));
        }
        assert!(fi
            .head
            .contains(&format!(" {REVISIONS_TEXTS_ATTRIBUTE}=\"consent/\"")));
        // The consent log's address only when the site folder turns the log on.
        assert!(!fi.head.contains(LOG_ATTRIBUTE), "{}", fi.head);
        let logged = compose(
            &notices(FI, EN),
            &Context {
                consent_log: Some(36),
                ..context("/")
            },
        )
        .unwrap();
        assert!(logged.pages[0]
            .head
            .contains(&format!(" {LOG_ATTRIBUTE}=\"api/consent\"")));
        assert!(logged.pages[1]
            .head
            .contains(&format!(" {LOG_ATTRIBUTE}=\"../api/consent\"")));
        assert!(fi.body.contains(&format!(" {LANG_LINK_ATTRIBUTE}=\"en\"")));
        assert!(fi.body.contains(&format!(" {REQUEST_RIGHT_ATTRIBUTE}=\"\"")));
        assert!(fi
            .body
            .contains(&format!(" {REQUEST_RIGHT_ATTRIBUTE}=\"restriction\"")));
    }

    fn site_without_assets() -> Site {
        compose(
            &notices(FI, EN),
            &Context {
                form_assets: Vec::new(),
                ..context("/")
            },
        )
        .unwrap()
    }

    #[test]
    fn front_matter_values_are_escaped() {
        let fi = &site().pages[0];
        assert!(fi.body.contains("Esimerkki &lt;Oy&gt;"));
        assert!(!fi.body.contains("<Oy>"));
    }

    /// The header names the brand (`brand.name`), escaped, not the controller's registered name.
    #[test]
    fn the_header_shows_the_brand_name() {
        for page in &site().pages {
            let header = &page.body[page.body.find("<header").unwrap()..page.body.find("</header>").unwrap()];
            assert!(header.contains(">Esimerkki &amp; &lt;Brändi&gt;</p>"), "{header}");
            assert!(!header.contains("Esimerkki &lt;Oy&gt;"), "{header}");
            assert!(!header.contains("<img"), "{header}");
        }
        // With a logo: beside the name, at its intrinsic size, below the site's root.
        let with_logo = Context {
            brand_logo: Some(BrandLogo {
                path: "brand/logo-0123456789abcdef.svg".into(),
                width: 120,
                height: 40,
            }),
            ..context("/tietosuoja/")
        };
        for page in &compose(&notices(FI, EN), &with_logo).unwrap().pages {
            assert!(page.body.contains("<p class=\"site-header__controller\"><img class=\"site-header__logo\" src=\"/tietosuoja/brand/logo-0123456789abcdef.svg\" alt=\"\" width=\"120\" height=\"40\">Esimerkki &amp; &lt;Brändi&gt;</p>"), "{}", page.body);
        }
    }

    #[test]
    fn translation_must_match_sections_and_version() {
        let check = |fi: &str, en: &str| compose(&notices(fi, en), &context("/")).unwrap_err().to_string();
        let err = check(FI, &EN.replace("{#rajoittamisoikeus}", "{#restriction}"));
        assert!(
            err.contains("missing: [{#rajoittamisoikeus}], unexpected: [{#restriction}]"),
            "{err}"
        );
        let err = check(FI, &EN.replace("version = \"1.1\"", "version = \"1.0\""));
        assert!(err.starts_with("notice/en.md: version 1.0 differs"), "{err}");
        let err = check(FI, &EN.replace("2020-09-30", "2020-10-01"));
        assert!(err.contains("drawn_up 2020-10-01 differs"), "{err}");
        let err = check(
            &FI.replace("## Evästeet", "## Keksit"),
            &EN.replace("{#evasteet}", "{#keksit}"),
        );
        assert!(
            err.contains("no section {#evasteet} for the cookie table"),
            "{err}"
        );
    }
    #[test]
    fn a_heading_may_not_take_an_id_the_page_or_the_apps_use() {
        let check = |fi: &str, en: &str| compose(&notices(fi, en), &context("/")).unwrap_err().to_string();
        let line = |source: &str, text: &str| 1 + source.lines().position(|l| l.contains(text)).unwrap();
        // "### Pyyntö" becomes id="pyynto", the request section's: every "Tee pyyntö" link would
        // land on the heading instead of opening the form.
        let fi = FI.replace("Toinen.\n", "Toinen.\n\n### Pyyntö\n\nKolmas.\n");
        let err = check(&fi, EN);
        assert!(
            err.starts_with(&format!(
                "notice/fi.md: line {}: heading id \"pyynto\"",
                line(&fi, "### Pyyntö")
            )),
            "{err}"
        );
        // An explicit id the page's own markup or the apps use, in the authoritative notice or in
        // a translation (whose ids must match the Finnish ones, so it is found in both).
        for taken in [
            "request-root",
            "main",
            "notice-title",
            "consent-banner",
            "toc-title",
        ] {
            let fi = FI.replace(
                "## Rajoittamisoikeus",
                &format!("## Rajoittamisoikeus\n\n### X {{#{taken}}}"),
            );
            let en = EN.replace("Other.\n", &format!("Other.\n\n### X {{#{taken}}}\n"));
            let err = check(&fi, &en);
            assert!(
                err.starts_with(&format!(
                    "notice/fi.md: line {}: heading id \"{taken}\"",
                    line(&fi, "### X")
                )),
                "{taken}: {err}"
            );
        }
        // Ids the request form and the banner make at run time.
        for taken in [
            "req-name",
            "request-form-title",
            "consent-analytics-name",
            "req-correction-0-current",
        ] {
            let fi = FI.replace("## Evästeet", &format!("## Evästeet\n\n### X {{#{taken}}}"));
            let en = EN.replace("Text.\n", &format!("Text.\n\n### X {{#{taken}}}\n"));
            let err = check(&fi, &en);
            assert!(err.contains(&format!("heading id \"{taken}\"")), "{taken}: {err}");
        }
    }
}
