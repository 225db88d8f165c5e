//! The real notice files in `notice/` parse, render and compose into the page.
//!
//! The HTML is read with a WHATWG tokenizer (html5gum), as a browser would read it, so the tests
//! assert which elements and links the page has rather than whether some exact string is absent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use portal_core::i18n::Lang;
use site_build::notice::front_matter::{tel_uri, Controller};
use site_build::site::{load_notice, load_notices, page, Notice};

fn notice_dir() -> PathBuf {
    site_build::site_folder().join("notice")
}

fn notices() -> Vec<Notice> {
    load_notices(&notice_dir()).unwrap_or_else(|e| panic!("{e}"))
}

/// Where the tests pretend the site is.
fn context() -> page::Context {
    page::Context {
        origin: "https://tietosuoja.example.fi".into(),
        public_url: "/".into(),
        form_assets: Vec::new(),
        controller: Controller::of_site(),
        brand_name: portal_core::SITE.brand.name.to_string(),
        brand_logo: None,
        consent_log: None,
    }
}

fn compose(notices: &[Notice]) -> page::Site {
    page::compose(notices, &context()).unwrap_or_else(|e| panic!("{e}"))
}

fn source(lang: Lang) -> String {
    std::fs::read_to_string(notice_dir().join(format!("{lang}.md"))).unwrap()
}

mod support {
    pub mod start_tags;
}
use support::start_tags::{start_tags, StartTag};

/// The elements the notice's Markdown renders to, each with the attributes it may carry.
const MARKDOWN_ELEMENTS: [(&str, &[&str]); 8] = [
    ("section", &["class", "data-section"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("p", &[]),
    ("a", &["href"]),
    ("br", &[]),
    ("ul", &[]),
    ("li", &[]),
];

/// Asserts that `html` holds only the Markdown's own elements and returns their names in order.
fn markdown_elements(html: &str) -> Vec<String> {
    start_tags(html)
        .into_iter()
        .map(|tag| {
            let (_, allowed) = MARKDOWN_ELEMENTS
                .iter()
                .find(|(name, _)| *name == tag.name)
                .unwrap_or_else(|| panic!("<{}> is not Markdown's: {tag:?}", tag.name));
            for (name, _) in &tag.attributes {
                assert!(allowed.contains(&name.as_str()), "{tag:?}");
            }
            tag.name
        })
        .collect()
}

/// Whether the site folder is Safrent Oy's, by its data (its business name and e-mail): only
/// then do the notice files carry Safrent's original 2020 text, word for word.
fn site_is_safrents() -> bool {
    let c = &portal_core::SITE.controller;
    c.name.full == "Safrent Oy" && c.email.ends_with("@safrent.fi")
}

/// The notice names the site folder's controller: every detail of `site.toml` is in the Finnish
/// notice's text, and the phone and e-mail as links, in every language (so a move, a new phone
/// or a new address is an edit of `site.toml` and the notice, and this test says which is missing).
#[test]
fn the_notice_names_the_site_folders_controller() {
    let notices = notices();
    let c = Controller::of_site();
    let street = portal_core::SITE.controller.street.to_string();
    let town = portal_core::SITE.controller.town.to_string();
    let text = std::fs::read_to_string(notice_dir().join("fi.md")).unwrap();
    for (field, detail) in [
        ("controller.name.full", &c.name),
        ("controller.street", &street),
        ("controller.town", &town),
        ("controller.phone", &c.phone),
        ("controller.email", &c.email),
        ("controller.contact_person", &c.contact_person),
    ] {
        assert!(
            text.contains(detail.as_str()),
            "notice/fi.md does not mention {field} = {detail:?} of site.toml"
        );
    }
    for notice in &notices {
        let html = &notice.rendered.html;
        for href in [tel_uri(&c.phone), format!("mailto:{}", c.email)] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in the {} notice",
                notice.front.lang
            );
        }
    }
}

#[test]
fn finnish_notice_has_every_field_of_the_original_as_a_section() {
    // Safrent Oy's original text of 2020 is Safrent's: another company's folder has its own.
    if !site_is_safrents() {
        eprintln!(
            "finnish_notice_has_every_field_of_the_original_as_a_section: checks Safrent Oy's folder \
only; this folder is {}'s, whose notice has no such original",
            portal_core::SITE.controller.name.full
        );
        return;
    }
    eprintln!("finnish_notice_has_every_field_of_the_original_as_a_section: checking Safrent Oy's folder");
    let notices = notices();
    let fi = &notices[0];
    assert_eq!(fi.front.lang, Lang::Fi);
    assert_eq!(fi.front.translation_of, None);
    assert_eq!(fi.front.drawn_up.iso(), "2020-09-30");

    let original =
        std::fs::read_to_string(notice_dir().join("source/tietosuojaseloste-2020-09-30.txt")).unwrap();
    // The site folder's controller details are those of the original, word for word.
    let controller = Controller::of_site();
    let details = [
        &controller.name,
        &controller.address,
        &controller.phone,
        &controller.email,
        &controller.contact_person,
    ];
    for detail in details {
        assert!(
            original.contains(detail.as_str()),
            "{detail} is not in the original"
        );
    }

    // The bold field labels of the original, in order.
    let labels: Vec<&str> = original
        .lines()
        .filter_map(|line| {
            line.strip_prefix("<b>")?
                .split_once("</b>")
                .map(|(label, _)| label)
        })
        .collect();
    assert!(labels.len() > 20, "{labels:?}");
    let sections: Vec<&str> = fi.rendered.sections().map(|h| h.text.as_str()).collect();
    assert_eq!(sections, labels);
    let ids: Vec<&str> = fi.rendered.sections().map(|h| h.id.as_str()).collect();
    assert!(ids.contains(&"evasteet"));
    assert!(ids.contains(&"tarkastusoikeus-eli-oikeus-saada-paasy-henkilotietoihin"));
}

#[test]
fn contact_details_are_links() {
    let notices = notices();
    let c = Controller::of_site();
    let (tel, mail) = (tel_uri(&c.phone), format!("mailto:{}", c.email));
    let links = |notice: &Notice| -> Vec<String> {
        start_tags(&notice.rendered.html)
            .iter()
            .filter(|tag| tag.name == "a")
            .map(|tag| tag.attribute("href").unwrap().to_owned())
            .collect()
    };
    let fi = links(&notices[0]);
    let count = |href: &str| fi.iter().filter(|h| *h == href).count();
    // The controller and the contact person each give the phone and the e-mail address.
    assert_eq!(count(&tel), 2, "{fi:?}");
    assert_eq!(count(&mail), 2, "{fi:?}");
    // Every link of the notice, and nothing else: the supervisory authority and Google's settings.
    let every: BTreeSet<&str> = fi.iter().map(String::as_str).collect();
    assert_eq!(
        every,
        BTreeSet::from([
            tel.as_str(),
            mail.as_str(),
            "tel:+358295666700",
            "mailto:tietosuoja@om.fi",
            "https://www.tietosuoja.fi",
            "https://www.google.com/settings/ads",
        ])
    );
    let html = &notices[0].rendered.html;
    assert!(html.contains(&format!("<a href=\"{tel}\">{}</a>", c.phone)));
    assert!(html.contains("<a href=\"tel:+358295666700\">029 56 66700</a>"));
    assert!(html.contains("<a href=\"mailto:tietosuoja@om.fi\">tietosuoja@om.fi</a>"));
    assert!(html.contains("<a href=\"https://www.tietosuoja.fi\">www.tietosuoja.fi</a>"));
    // Each translation has the same phone and e-mail links.
    for translation in &notices[1..] {
        let links = links(translation);
        for href in [&tel, &mail] {
            let n = links.iter().filter(|h| *h == href).count();
            assert_eq!(n, 2, "{href} in the {} notice", translation.front.lang);
        }
    }
}

#[test]
fn every_notice_is_markdown_only() {
    for notice in notices() {
        let elements = markdown_elements(&notice.rendered.html);
        let sections = elements.iter().filter(|name| *name == "section").count();
        assert_eq!(
            sections,
            notice.rendered.sections().count(),
            "{}",
            notice.front.lang
        );
    }
}

#[test]
fn raw_html_in_a_real_notice_is_shown_as_text() {
    // The real Finnish file with markup added to its first section: the page must be the same
    // elements as without it, with the markup as visible text.
    let fi = source(Lang::Fi);
    let injected = "\n<script>alert(1)</script>\n\n<IMG SRC=x onerror=alert(1)> <a href=\"javascript:x()\">linkki</a>\n\n";
    let at = fi.match_indices("\n## ").nth(1).unwrap().0;
    let hostile = format!("{}{injected}{}", &fi[..at], &fi[at..]);
    let file = notice_dir().join("fi.md");
    let plain = load_notice(&file, &fi).unwrap();
    let marked = load_notice(&file, &hostile).unwrap();
    let (before, after) = (
        markdown_elements(&plain.rendered.html),
        markdown_elements(&marked.rendered.html),
    );
    // One element more, a paragraph holding the inline markup as text; the script block is text.
    let extra = before
        .iter()
        .zip(&after)
        .position(|(b, a)| b != a)
        .unwrap_or(before.len());
    assert_eq!(after[extra], "p", "{after:?}");
    assert_eq!(after[..extra], before[..extra]);
    assert_eq!(after[extra + 1..], before[extra..]);
    assert!(marked
        .rendered
        .html
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(marked
        .rendered
        .html
        .contains("&lt;IMG SRC=x onerror=alert(1)&gt;"));

    // And the composed page carries no element that came from the notice's text.
    let mut notices = notices();
    notices[0] = marked;
    let site = compose(&notices);
    let page = &site.pages[0];
    let tags = start_tags(&page.body);
    assert!(tags.iter().any(|tag| tag.name == "section"));
    for tag in &tags {
        assert!(!["script", "img"].contains(&tag.name.as_str()), "{tag:?}");
        assert!(
            tag.attributes.iter().all(|(name, _)| !name.starts_with("on")),
            "{tag:?}"
        );
        if let Some(href) = tag.attribute("href") {
            assert!(!href.to_ascii_lowercase().starts_with("javascript:"), "{tag:?}");
        }
    }
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_mistake_in_the_front_matter_names_the_file_line_and_field() {
    // The example notice/README.md gives, on the real file.
    let fi = source(Lang::Fi);
    let file = Path::new("notice/fi.md");
    let wrong = fi.replacen("drawn_up = 2020-09-30", "drawn_up = \"30.09.2020\"", 1);
    assert_ne!(wrong, fi);
    let err = load_notice(file, &wrong).unwrap_err();
    assert_eq!(
        err.to_string(),
        "notice/fi.md: line 5: drawn_up: \"30.09.2020\" is not a date of the form YYYY-MM-DD"
    );
    // The controller's details have their home in site.toml: a table of them here is refused.
    let wrong = fi.replacen(
        "version = \"1.1\"\n",
        "version = \"1.1\"\n[controller]\nemail = \"x@example.fi\"\n",
        1,
    );
    assert_ne!(wrong, fi);
    let err = load_notice(file, &wrong).unwrap_err().to_string();
    let line = 1 + wrong.lines().position(|l| l == "[controller]").unwrap();
    assert!(
        err.starts_with(&format!("notice/fi.md: line {line}: controller: ")) && err.contains("site.toml"),
        "{err}"
    );
}

#[test]
fn every_language_gets_a_page_of_its_own() {
    let notices = notices();
    let site = compose(&notices);
    let langs: Vec<Lang> = site.pages.iter().map(|p| p.lang).collect();
    assert_eq!(langs, Lang::ALL);
    for (page, notice) in site.pages.iter().zip(&notices) {
        let headings: Vec<StartTag> = start_tags(&page.body)
            .into_iter()
            .filter(|tag| tag.name == "h2" && tag.attribute("id") == Some("evasteet"))
            .collect();
        assert_eq!(headings.len(), 1, "{}", page.lang);
        let cookies = notice.rendered.sections().find(|h| h.id == "evasteet").unwrap();
        assert!(page
            .body
            .contains(&format!("<h2 id=\"evasteet\">{}</h2>", cookies.text)));
        // No other language's notice rides along.
        for other in notices.iter().filter(|n| n.front.lang != page.lang) {
            assert!(
                !page.body.contains(&other.front.title),
                "{} in {}",
                other.front.lang,
                page.lang
            );
        }
    }

    let fi_ids: Vec<&str> = notices[0].rendered.sections().map(|h| h.id.as_str()).collect();
    for translation in &notices[1..] {
        assert_eq!(translation.front.translation_of, Some(Lang::Fi));
        assert_eq!(translation.front.version, notices[0].front.version);
        let ids: Vec<&str> = translation.rendered.sections().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, fi_ids, "{}", translation.front.lang);
    }
}

#[test]
fn every_rights_section_links_to_the_request_form_in_every_language() {
    let site = compose(&notices());
    for page in &site.pages {
        let (html, label) = (&page.body, page.lang.strings().request.make_request);
        // The header's link opens the form with no right ticked; each rights section's, with its own.
        for right in [
            "\"\"",
            "\"access\"",
            "\"portability\"",
            "\"rectification\"",
            "\"restriction\"",
            "\"objection\"",
            "\"direct-marketing\"",
        ] {
            let link = format!("href=\"#pyynto\" data-request-right={right}>{label}</a>");
            assert_eq!(html.matches(&link).count(), 1, "{link}");
        }
    }
    // The form reads the recipient from the page: the site folder, not a copy in the code.
    let page = &site.pages[0];
    let c = Controller::of_site();
    assert!(page.body.contains(&format!(
        "id=\"request-root\" data-controller=\"{}\" data-address=\"{}\" data-contact=\"{}\" data-email=\"{}\"",
        c.name, c.address, c.contact_person, c.email
    )));
    assert!(page.body.contains("<section class=\"request\" id=\"pyynto\""));
}

/// A translation says what the authoritative Finnish text says, also where that is out of date
/// (the Ombudsman's old address: a note for the DPO in `notice/README.md`), and uses the words of
/// its own language's GDPR (issue 19).
#[test]
fn translations_say_what_the_finnish_notice_says() {
    let (fi, sv, en) = (source(Lang::Fi), source(Lang::Sv), source(Lang::En));
    assert!(fi.contains("PL 800, Ratapihantie 9, 00521 Helsinki"));
    assert!(sv.contains("PB 800, Bangårdsvägen 9, 00521 Helsingfors"));
    assert!(en.contains("P.O. Box 800, Ratapihantie 9, 00521 Helsinki, Finland"));
    for translation in [&sv, &en] {
        assert!(!translation.contains("Lintulahdenkuja") && !translation.contains("Fågelviksgränden"));
    }
    // Swedish: "kieltää" is "förbjuda", Art. 77's "vakinainen asuinpaikka" is "hemvist", and
    // the right of Art. 20 is "rätt till dataportabilitet".
    for expected in [
        "om inte kunden uttryckligen förbjuder det",
        "Kunden har rätt att förbjuda att uppgifterna publiceras",
        "rätt att förbjuda behandling och utlämnande",
        "den personuppgiftsansvariges kundtjänst.",
        "## Rätt till dataportabilitet {#oikeus-siirtaa-tiedot-jarjestelmasta-toiseen}",
        "där du har din hemvist eller din arbetsplats",
        "följande typer av uppgifter",
        // Art. 13(1)(d): "de berättigade intressen som ... eftersträvar".
        "## Berättigade intressen som eftersträvas {#oikeutetun-edun-peruste}",
        // Swedish word order: the language of the request with the request, not after the
        // contact person.
        "Begäran om insyn ska göras skriftligen på finska eller engelska till den \
personuppgiftsansvariges kundtjänst eller till registrets kontaktperson.",
        "Den registrerade har rätt att begära att få de personuppgifter som gäller honom eller \
henne och att begära att de rättas eller raderas.",
    ] {
        assert!(sv.contains(expected), "sv.md: {expected}");
    }
    for wrong in [
        "invänder mot det",
        "kundtjänstpunkt",
        "vanliga vistelseort",
        "slags uppgifter",
        "som åberopas",
        "kontaktperson på finska eller engelska",
        "och den registrerade har rätt att begära",
    ] {
        assert!(!sv.contains(wrong), "sv.md: {wrong}");
    }
    for expected in [
        "## Legitimate interests pursued {#oikeutetun-edun-peruste}",
        "## Protection of the register – A: paper records {#",
        "## Protection of the register – B: electronic records {#",
        "## Right to data portability {#oikeus-siirtaa-tiedot-jarjestelmasta-toiseen}",
        "signed by hand",
        "unless the customer expressly forbids it",
        "The request for access must be made in writing, in Finnish or English, to the \
controller's customer service or to the contact person of the register.",
        "The data subject has the right to request the personal data concerning them and to \
request their rectification or erasure.",
    ] {
        assert!(en.contains(expected), "en.md: {expected}");
    }
    assert!(!en.contains("customer service point") && !en.contains("relied on"));
    assert!(!en.contains("and the data subject has the right to request"));
}
