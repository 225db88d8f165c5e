//! The real notice files in `notice/` parse, render and compose into the page.

use std::path::Path;

use privacy_portal::i18n::Lang;
use privacy_portal::site::{load_notices, page};

fn notices() -> Vec<privacy_portal::site::Notice> {
    load_notices(&Path::new(env!("CARGO_MANIFEST_DIR")).join("notice")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn finnish_notice_has_every_field_of_the_original_as_a_section() {
    let notices = notices();
    let fi = &notices[0];
    assert_eq!(fi.front.lang, Lang::Fi);
    assert_eq!(fi.front.drawn_up.iso(), "2020-09-30");
    let controller = fi.front.controller.as_ref().unwrap();
    assert_eq!(controller.email, "mirette.leppa@safrent.fi");

    // The bold field labels of the original, in order.
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("notice/source/tietosuojaseloste-2020-09-30.txt"),
    )
    .unwrap();
    let labels: Vec<&str> = original
        .lines()
        .filter_map(|line| {
            line.strip_prefix("<b>")?
                .split_once("</b>")
                .map(|(label, _)| label)
        })
        .collect();
    let sections: Vec<&str> = fi.rendered.sections().map(|h| h.text.as_str()).collect();
    assert_eq!(sections, labels);
    let ids: Vec<&str> = fi.rendered.sections().map(|h| h.id.as_str()).collect();
    assert!(ids.contains(&"evasteet"));
    assert!(ids.contains(&"tarkastusoikeus-eli-oikeus-saada-paasy-henkilotietoihin"));
}

#[test]
fn contact_details_are_links() {
    let html = &notices()[0].rendered.html;
    assert_eq!(
        html.matches("<a href=\"tel:+358449785594\">044 978 5594</a>")
            .count(),
        2
    );
    assert_eq!(
        html.matches("<a href=\"mailto:mirette.leppa@safrent.fi\">")
            .count(),
        2
    );
    assert!(html.contains("<a href=\"tel:+358295666700\">029 56 66700</a>"));
    assert!(html.contains("<a href=\"mailto:tietosuoja@om.fi\">tietosuoja@om.fi</a>"));
    assert!(html.contains("<a href=\"https://www.tietosuoja.fi\">www.tietosuoja.fi</a>"));
}

#[test]
fn page_composes_with_the_translation_in_a_template() {
    let notices = notices();
    let page = page::compose(&notices).unwrap_or_else(|e| panic!("{e}"));
    let (visible, template) = (&page.body, &page.templates);
    assert!(visible.contains("<h2 id=\"evasteet\">Evästeet</h2>"));
    assert!(template.contains("<h2 id=\"evasteet\">Cookies</h2>"));
    assert!(
        !page.body.contains("<script") && !page.templates.contains("<script"),
        "no markup from the Markdown"
    );
    let en = &notices[1];
    assert_eq!(en.front.translation_of, Some(Lang::Fi));
    assert_eq!(
        en.rendered.sections().count(),
        notices[0].rendered.sections().count()
    );
}

#[test]
fn every_rights_section_links_to_the_request_form_in_both_languages() {
    let page = page::compose(&notices()).unwrap_or_else(|e| panic!("{e}"));
    for (html, label) in [(&page.body, "Tee pyyntö"), (&page.templates, "Make a request")] {
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
    // The form reads the recipient from the page: the front matter, not a copy in the code.
    assert!(page.body.contains(
        "id=\"request-root\" data-controller=\"Safrent Oy\" data-address=\"Viilarinkatu 5, Turku\" \
data-contact=\"Mirette Leppä\" data-email=\"mirette.leppa@safrent.fi\""
    ));
    assert!(page.body.contains("<section class=\"request\" id=\"pyynto\""));
}
