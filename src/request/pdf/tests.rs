//! The PDF read back: by lopdf (structure, font, attachment) and by poppler's `pdftotext` and
//! `qpdf --check` (Debian's poppler-utils and qpdf; scripts/setup.sh installs them).

use super::*;
use crate::request::document::compose;
use crate::request::draft::{Draft, Signature};
use crate::request::record::{
    self,
    tests::{context, draft},
};
use font::tests::pack;
use std::process::Command;

fn make(draft: &Draft) -> (Vec<u8>, Vec<u8>, String) {
    let context = context();
    let json = record::bytes(draft, &context);
    let digest = crate::sha256::hex_digest(&json);
    let document = compose(draft, &context, &digest);
    let pdf = render(&document, &pack(), &json, context.stamp).unwrap();
    (pdf, json, digest)
}

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!(
        "request-pdf-{}-{name}-{:x}",
        std::process::id(),
        crate::sha256::digest(pdf)[0]
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("request.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new(name)
        .args(args)
        .arg(&file)
        .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e} (apt-get install poppler-utils qpdf)"));
    let _ = std::fs::remove_dir_all(&dir);
    let text =
        String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{name} failed: {text}");
    text
}

#[test]
fn text_is_real_text_and_the_digest_matches_the_attachment() {
    let (pdf, json, digest) = make(&draft());
    let text = tool("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    for expected in [
        "Tietosuojaan liittyvä pyyntö",
        "Åsa Łukasiewicz-Žemaitė",
        "Mirette Leppä",
        "Tarkastusoikeus (15 artikla)",
        "28.12.2026",
        "SAF-04HM-ASW9",
        &digest,
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }

    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(
        catalog.get(b"AF").is_ok()
            && catalog.get(b"Metadata").is_ok()
            && catalog.get(b"OutputIntents").is_ok()
    );
    let mut attached = None;
    let mut font_files = 0;
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            let subtype = stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok();
            if subtype == Some(&b"application/json"[..]) {
                attached = Some(stream.decompressed_content().unwrap());
            }
            if stream.dict.get(b"Length1").is_ok() {
                font_files += 1;
                let program = stream.decompressed_content().unwrap();
                assert!(program.len() < 40_000, "a subset: {}", program.len());
            }
        }
        if let Ok(dict) = object.as_dict() {
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"FontDescriptor"[..]) {
                let name = dict.get(b"FontName").unwrap().as_name().unwrap();
                assert!(
                    name.ends_with(b"+DejaVuSans") && name.len() == 17,
                    "{}",
                    String::from_utf8_lossy(name)
                );
            }
        }
    }
    assert_eq!(font_files, 1);
    let attached = attached.expect("request.json attached");
    assert_eq!(attached, json);
    assert_eq!(crate::sha256::hex_digest(&attached), digest);
}

#[test]
fn poppler_and_qpdf_accept_the_file() {
    // A typical request (one right, drawn signature) fits on one page.
    let mut one_right = draft();
    one_right.rights = vec![crate::request::right::Right::Access];
    one_right.access_scope = "Tilaukset vuodesta 2024 alkaen".into();
    let (pdf, json, _) = make(&one_right);
    assert!(pdf.starts_with(b"%PDF-1.7\n%"));
    assert!(pdf.len() < 100_000, "one page: {} bytes", pdf.len());
    let fonts = tool("pdffonts", &[], &pdf);
    assert!(
        fonts.contains("DejaVuSans") && fonts.contains("CID TrueType"),
        "{fonts}"
    );
    let emb_line = fonts.lines().find(|l| l.contains("DejaVuSans")).unwrap();
    assert!(
        emb_line.contains("yes yes yes"),
        "embedded, subset, unicode: {emb_line}"
    );
    let list = tool("pdfdetach", &["-list"], &pdf);
    assert!(
        list.contains("1 embedded files") && list.contains("request.json"),
        "{list}"
    );
    let check = tool("qpdf", &["--check"], &pdf);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let info = tool("pdfinfo", &[], &pdf);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(field("Page size:"), "595.28 x 841.89 pts (A4)", "{info}");
    assert_eq!(
        field("Title:"),
        "Tietosuojaan liittyvä pyyntö SAF-04HM-ASW9",
        "{info}"
    );
    assert_eq!(field("Pages:"), "1", "{info}");
    assert!(!json.is_empty());
}

#[test]
fn signatures_are_drawn_typed_or_left_for_a_pen() {
    let mut d = draft();
    let (drawn, _, _) = make(&d);
    let strokes_ops = |pdf: &[u8]| {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let content: Vec<u8> = doc
            .get_pages()
            .values()
            .flat_map(|&page| doc.get_page_contents(page))
            .flat_map(|id| {
                doc.get_object(id)
                    .unwrap()
                    .as_stream()
                    .unwrap()
                    .decompressed_content()
                    .unwrap()
            })
            .collect();
        String::from_utf8_lossy(&content).matches(" l\n").count()
    };
    d.signature = Signature::Typed("Åsa Ł.".into());
    let (typed, _, _) = make(&d);
    d.signature = Signature::Pen;
    let (pen, _, _) = make(&d);
    assert!(
        strokes_ops(&drawn) > strokes_ops(&pen),
        "the strokes are vector lines"
    );
    assert!(tool("pdftotext", &["-enc", "UTF-8"], &typed).contains("Åsa Ł."));
    assert!(tool("pdftotext", &["-enc", "UTF-8"], &pen).contains("Allekirjoita tulostettuna kynällä."));
}

#[test]
fn hostile_and_long_input_is_plain_text_over_several_pages() {
    let mut d = draft();
    d.name = "<script>alert('x')</script> \"quoted\" (paren) \\ back".into();
    d.message = "Pitkä viesti ilman loppua. ".repeat(110) + &"x".repeat(100);
    d.access_scope = "y".repeat(3000);
    let (pdf, _, _) = make(&d);
    let text = tool("pdftotext", &["-enc", "UTF-8"], &pdf);
    assert!(
        text.contains("<script>alert('x')</script> \"quoted\" (paren) \\ back"),
        "{text}"
    );
    let info = tool("pdfinfo", &[], &pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2, "{pages}");
    assert!(text.contains(&format!("{pages}/{pages}")));
    assert!(text.matches('y').count() >= 3000);
}

#[test]
fn characters_the_font_lacks_are_refused_not_dropped() {
    let mut d = draft();
    d.name = "Li 李 😀".into();
    let context = context();
    let document = compose(&d, &context, "x");
    assert_eq!(
        render(&document, &pack(), b"{}", context.stamp),
        Err(PdfError::Unprintable(vec!['李', '😀']))
    );
}
