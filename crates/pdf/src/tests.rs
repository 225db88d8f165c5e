//! The PDF read back. What checks what:
//! - krilla's own export validation (PDF/A-3b and PDF/UA-1): every `render` in these tests
//!   passes through it, and a violation is an `Err` (so each test that unwraps a PDF checks it);
//! - lopdf (an independent parser): the structure tree's roles, `/Lang`, `/MarkInfo`,
//!   `DisplayDocTitle`, the attachment and its `/AFRelationship`;
//! - poppler (`pdftotext`, `pdftotext -bbox`, `pdfinfo`, `pdffonts`, `pdfdetach`): text in logical
//!   order, positions, "Tagged: yes", embedded fonts with ToUnicode;
//! - `qpdf --check` (syntax, streams) and `qpdf --json` (the StructTreeRoot is there).

use super::text::{Face, FontSet};
use super::*;
use crate::document::compose;
use portal_core::request::draft::{Draft, Signature};
use portal_core::request::fixtures::{context, draft};
use portal_core::request::record;
use portal_core::request::right::Right;
use std::process::Command;
use std::sync::OnceLock;

pub const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
pub const DEJAVU_BOLD: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        panic!("{path}: {e} (apt-get install fonts-dejavu-core fonts-noto-core fonts-noto-cjk)")
    })
}

/// The whole DejaVu faces (the build cuts them to the writer's pack; see `fonts_build` for that).
pub fn base_fonts() -> FontSet {
    FontSet::new(
        Face::new("DejaVuSans", read(DEJAVU), 0).unwrap(),
        Face::new("DejaVuSans-Bold", read(DEJAVU_BOLD), 0).unwrap(),
        Vec::new(),
    )
}

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(base_fonts)
}

pub fn make_with(draft: &Draft, fonts: &FontSet) -> Result<(Vec<u8>, Vec<u8>, String), PdfError> {
    let context = context();
    let json = record::bytes(draft, &context);
    let digest = record::sha256_hex(&json);
    // As the writer does (`request::writer::write`).
    let document = compose(&draft.isolated(), &context, &digest);
    let pdf = render(&document, fonts, &json, context.stamp)?;
    Ok((pdf, json, digest))
}

fn make(draft: &Draft) -> (Vec<u8>, Vec<u8>, String) {
    make_with(draft, fonts()).unwrap()
}

pub fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("request-pdf-{}-{name}-{n}", std::process::id()));
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

fn pages(pdf: &[u8]) -> usize {
    let info = tool("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The structure roles under the StructTreeRoot, depth first, as lopdf reads them.
pub fn structure_roles(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap())
        .unwrap();
    let mut roles = Vec::new();
    fn walk(doc: &lopdf::Document, object: &lopdf::Object, roles: &mut Vec<String>) {
        let object = match object {
            lopdf::Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => o,
                Err(_) => return,
            },
            o => o,
        };
        match object {
            lopdf::Object::Array(items) => items.iter().for_each(|i| walk(doc, i, roles)),
            lopdf::Object::Dictionary(dict) => {
                if let Ok(s) = dict.get(b"S").and_then(|s| s.as_name()) {
                    roles.push(String::from_utf8_lossy(s).into_owned());
                }
                if let Ok(kids) = dict.get(b"K") {
                    walk(doc, kids, roles);
                }
            }
            _ => {}
        }
    }
    walk(&doc, root.get(b"K").unwrap(), &mut roles);
    roles
}

fn three_pages() -> Draft {
    let mut d = draft();
    d.rights = Right::ALL.to_vec();
    d.restriction_reason = "Tiedot ovat virheelliset. ".repeat(20);
    d.objection_reason = "Erityinen tilanne. ".repeat(20);
    d.message = "Pitkä viesti ilman loppua. ".repeat(150);
    d
}

#[test]
fn standards_pass_for_one_and_three_pages_both_languages_every_signature() {
    for lang in portal_core::request::letter_lang::LetterLang::ALL {
        for long in [false, true] {
            for signature in [
                Signature::Drawn(vec![vec![(10, 20), (300, 200), (600, 50)], vec![(700, 300)]]),
                Signature::Typed("Åsa Ł.".into()),
                Signature::None,
                Signature::Pen,
            ] {
                let mut d = if long { three_pages() } else { draft() };
                if !long {
                    d.rights = vec![Right::Access];
                }
                d.request_lang = lang;
                d.signature = signature.clone();
                // krilla's validators (PDF/A-3b, PDF/UA-1) run inside `render`: Ok means passed.
                let (pdf, _, _) =
                    make_with(&d, fonts()).unwrap_or_else(|e| panic!("{lang:?} {signature:?}: {e}"));
                let n = pages(&pdf);
                if long {
                    assert!(n >= 3, "{n} pages");
                } else {
                    assert_eq!(n, 1, "{lang:?} {signature:?}");
                    assert!(pdf.len() < 100_000, "one page: {} bytes", pdf.len());
                }
                let roles = structure_roles(&pdf);
                let figure = roles.iter().any(|r| r == "Figure");
                assert_eq!(figure, !matches!(signature, Signature::None), "{roles:?}");
            }
        }
    }
}

#[test]
fn an_independent_reader_sees_the_structure_and_metadata() {
    let (pdf, _, _) = make(&draft());
    let roles = structure_roles(&pdf);
    for role in [
        "H1", "H2", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD", "Figure",
    ] {
        assert!(roles.iter().any(|r| r == role), "{role} not in {roles:?}");
    }
    assert_eq!(roles.iter().filter(|r| *r == "H1").count(), 1);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"fi");
    let mark = doc
        .dereference(catalog.get(b"MarkInfo").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let prefs = doc
        .dereference(catalog.get(b"ViewerPreferences").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    let info = tool("pdfinfo", &[], &pdf);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(field("Tagged:"), "yes", "{info}");
    assert_eq!(
        field("Title:"),
        "Tietosuojaan liittyvä pyyntö SAF-04HM-ASW9",
        "{info}"
    );
    assert_eq!(field("Page size:"), "595.28 x 841.89 pts (A4)", "{info}");
    let json = tool("qpdf", &["--json", "--json-key=qpdf"], &pdf);
    assert!(
        json.contains("/StructTreeRoot") && json.contains("/StructElem"),
        "qpdf sees no structure"
    );
    let check = tool("qpdf", &["--check"], &pdf);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let metadata = String::from_utf8_lossy(&pdf).contains("pdfaid:part");
    assert!(metadata, "XMP names the PDF/A part");
}

#[test]
fn text_is_real_text_and_the_digest_matches_the_attachment() {
    let (pdf, json, digest) = make(&draft());
    let text = tool("pdftotext", &["-enc", "UTF-8"], &pdf);
    for expected in [
        "Tietosuojaan liittyvä pyyntö",
        "Åsa Łukasiewicz-Žemaitė",
        "Maija Mäkelä",
        "Tarkastusoikeus (15 artikla)",
        "28.12.2026",
        "SAF-04HM-ASW9",
        &digest,
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    let fonts = tool("pdffonts", &[], &pdf);
    for line in fonts.lines().filter(|l| l.contains("DejaVu")) {
        assert!(line.contains("yes yes yes"), "embedded, subset, unicode: {line}");
    }
    let list = tool("pdfdetach", &["-list"], &pdf);
    assert!(
        list.contains("1 embedded files") && list.contains("request.json"),
        "{list}"
    );

    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut attached = None;
    let mut relationship = None;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict() {
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"Filespec"[..]) {
                relationship = dict
                    .get(b"AFRelationship")
                    .and_then(|r| r.as_name())
                    .ok()
                    .map(<[u8]>::to_vec);
            }
        }
        if let Ok(stream) = object.as_stream() {
            if stream.dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"EmbeddedFile"[..]) {
                attached = Some(
                    stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone()),
                );
            }
        }
    }
    assert_eq!(relationship.as_deref(), Some(&b"Source"[..]));
    let attached = attached.expect("request.json attached");
    assert_eq!(attached, json);
    assert_eq!(record::sha256_hex(&attached), digest);
}

#[test]
fn the_recipient_address_lies_in_the_envelope_window() {
    let (pdf, _, _) = make(&draft());
    let html = tool("pdftotext", &["-bbox", "-f", "1", "-l", "1"], &pdf);
    let (x0, y0, x1, y1) = geometry::WINDOW_MM.points_from_top_left();
    let words = bbox_words(&html);
    let mut inside = Vec::new();
    for (word, bx0, by0, bx1, by1) in &words {
        if *bx0 >= x0 && *bx1 <= x1 && *by0 >= y0 && *by1 <= y1 {
            inside.push(word.as_str());
        }
    }
    assert_eq!(
        inside,
        ["Esimerkki", "Oy", "Maija", "Mäkelä", "Esimerkkitie", "5", "Lahti"],
        "{words:?}"
    );
}

/// `(word, xMin, yMin, xMax, yMax)` from `pdftotext -bbox`.
pub fn bbox_words(html: &str) -> Vec<(String, f32, f32, f32, f32)> {
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let word = l.split('>').nth(1).unwrap().split('<').next().unwrap().to_owned();
            (
                word,
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            )
        })
        .collect()
}

#[test]
fn signatures_are_drawn_typed_or_left_for_a_pen() {
    let mut d = draft();
    d.signature = Signature::Typed("Åsa Ł.".into());
    let (typed, _, _) = make(&d);
    assert!(tool("pdftotext", &["-enc", "UTF-8"], &typed).contains("Åsa Ł."));
    d.signature = Signature::Pen;
    let (pen, _, _) = make(&d);
    assert!(
        tool("pdftotext", &["-enc", "UTF-8"], &pen).contains("Pyyntö allekirjoitetaan kynällä tulostettuna.")
    );
    d.signature = Signature::None;
    let (none, _, _) = make(&d);
    assert!(tool("pdftotext", &["-enc", "UTF-8"], &none).contains("Pyyntöä ei ole allekirjoitettu."));
}

#[test]
fn hostile_and_long_input_is_plain_text_over_several_pages() {
    let mut d = draft();
    d.sender.name = "<script>alert('x')</script> \"quoted\" (paren) \\ back".into();
    d.message = "Pitkä viesti ilman loppua. ".repeat(110) + &"x".repeat(100);
    d.access_scope = "y".repeat(3000);
    d.sender.postal_address = "Katu 1\n".repeat(20);
    let (pdf, _, _) = make(&d);
    let text = tool("pdftotext", &["-enc", "UTF-8"], &pdf);
    assert!(
        text.contains("<script>alert('x')</script> \"quoted\" (paren) \\ back"),
        "{text}"
    );
    let n = pages(&pdf);
    assert!(n >= 2, "{n}");
    assert!(text.contains(&format!("{n}/{n}")));
    assert!(text.matches('y').count() >= 3000);
}

#[test]
fn characters_no_font_has_are_refused_not_dropped() {
    let mut d = draft();
    d.sender.name = "Li \u{E000} \u{F0000}".into();
    let err = make_with(&d, fonts()).unwrap_err();
    assert_eq!(err, PdfError::Unprintable(vec!['\u{E000}', '\u{F0000}']));
}

#[test]
#[ignore = "writes sample PDFs to target/samples for a person to look at"]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/samples");
    std::fs::create_dir_all(&dir).unwrap();
    let mut one = draft();
    one.rights = vec![Right::Access];
    std::fs::write(dir.join("one.pdf"), make(&one).0).unwrap();
    std::fs::write(dir.join("long.pdf"), make(&three_pages()).0).unwrap();
}

/// The writer's real fonts as the build cuts them: the base faces and the pieces `text` needs.
pub fn built_fonts(text: &str) -> FontSet {
    use portal_fonts::{base, cjk, scripts, Sources};
    let sources = Sources::default();
    let (regular, bold) = base(&sources).unwrap();
    let mut pieces = scripts(&sources, &[]).unwrap();
    pieces.extend(cjk(&sources, Some(text)).unwrap());
    let face = |m: portal_fonts::Made| Face::new(&m.stem, m.data, 0).unwrap();
    FontSet::new(face(regular), face(bold), pieces.into_iter().map(face).collect())
}

pub const NAMES: [&str; 8] = [
    "محمد العلي",
    "مریم رضایی",
    "李小龙",
    "山田太郎",
    "สมชาย ใจดี",
    "अनीता शर्मा",
    "דוד כהן",
    "Åsa Łukasiewicz-Žemaitė",
];

#[test]
fn every_script_comes_out_as_typed() {
    let all: String = NAMES.concat();
    let fonts = built_fonts(&all);
    for name in NAMES {
        let mut d = draft();
        d.rights = vec![Right::Access];
        d.sender.name = name.into();
        d.signature = Signature::Typed(name.into());
        let (pdf, _, _) = make_with(&d, &fonts).unwrap_or_else(|e| panic!("{name}: {e}"));
        // poppler wraps right-to-left lines in directional embedding marks (U+202B … U+202C):
        // formatting, not text.
        let text: String = tool("pdftotext", &["-enc", "UTF-8"], &pdf)
            .chars()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        // The letterhead, the signature and the name under it: three times, each in logical order.
        assert!(
            lines.iter().filter(|l| **l == name).count() >= 3,
            "{name:?} not a line of\n{text}"
        );
        let fonts_used = tool("pdffonts", &[], &pdf);
        assert!(
            !fonts_used.contains(" no "),
            "every font embedded with ToUnicode:\n{fonts_used}"
        );
    }
}

#[test]
#[ignore = "prints native timings"]
fn timings() {
    let latin = base_fonts();
    let fonts = built_fonts("李小龙محمد");
    for (label, name, set) in [
        ("latin", "Åsa Łukasiewicz-Žemaitė", &latin),
        ("chinese", "李小龙", &fonts),
        ("arabic", "محمد العلي", &fonts),
    ] {
        let mut d = draft();
        d.rights = vec![Right::Access];
        d.sender.name = name.into();
        let start = std::time::Instant::now();
        let n = 5;
        let mut size = 0;
        for _ in 0..n {
            size = make_with(&d, set).unwrap().0.len();
        }
        println!(
            "{label}: {:.1} ms per PDF, {size} bytes",
            start.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
}

/// Word's soft line break (U+000B), form feed, NUL, ESC, DEL and NEL once made the export fail
/// with no field named. The form cleans them from what is typed; the writer refuses any that
/// come some other way by naming their fields; and the layout itself never fails on them.
#[test]
fn control_characters_never_stop_the_pdf() {
    use crate::writer::protocol::{Request, WriterError};
    let mut d = draft();
    d.sender.name = "Matti\u{0B}Meikäläinen".into();
    d.message = "Rivi\u{0C}sivu\u{0}nul\u{1B}[31mesc\u{7F}del\u{85}nel\u{9B}csi".into();
    d.place = "Tur\u{1}ku".into();
    // The layout alone: a PDF, with the text minus its controls.
    let (pdf, _, _) = make(&d);
    let text = tool("pdftotext", &["-enc", "UTF-8"], &pdf);
    assert!(
        text.contains("Matti\nMeikäläinen") || text.contains("Matti Meikäläinen"),
        "{text}"
    );
    assert!(text.contains("[31mesc"), "{text}");
    // The writer: the fields named, never a bare failure.
    let files = || {
        vec![
            ("regular".to_owned(), read(DEJAVU)),
            ("bold".to_owned(), read(DEJAVU_BOLD)),
        ]
    };
    let request = |draft: Draft| Request {
        id: 1,
        draft,
        context: context(),
        fonts_base: "x".into(),
    };
    match crate::writer::write(&request(d.clone()), files()) {
        Err(WriterError::Invalid { fields }) => {
            assert_eq!(fields, ["req-name", "req-message", "req-place"])
        }
        other => panic!("{:?}", other.map(|w| w.file_name)),
    }
    // Cleaned as the form cleans what is typed: valid, and written.
    let cleaned = d.cleaned();
    assert_eq!(cleaned.sender.name, "Matti Meikäläinen");
    assert_eq!(cleaned.message, "Rivi\nsivunul[31mescdel\nnelcsi");
    let written = crate::writer::write(&request(cleaned), files()).unwrap();
    let text = tool("pdftotext", &["-enc", "UTF-8"], &written.pdf);
    assert!(text.contains("Matti Meikäläinen"), "{text}");
}

/// What a direction override typed in one field does stays in that field: "Turku\u{202E}" as
/// the place once turned the date after it into "6202.11.52".
#[test]
fn a_direction_override_reaches_no_further_than_its_field() {
    // An override left open; one after a stray closer of an isolate (which would otherwise close
    // the letter's own isolate); and more openers than the algorithm's depth limit of 125.
    let deep = format!("Turku{}\u{202E}", "\u{2067}".repeat(130));
    for place in ["Turku\u{202E}", "Turku\u{2069}\u{202E}", &deep] {
        let mut d = draft();
        d.place = place.into();
        d.sender.name = "\u{202E}Åsa\u{202B}".into();
        d.message = "Alku \u{202E}lopussa\nToinen rivi 12.3.".into();
        let (pdf, _, _) = make(&d);
        let text: String = tool("pdftotext", &["-enc", "UTF-8"], &pdf)
            .chars()
            .filter(|c| !portal_core::request::validate::is_direction_control(*c))
            .collect();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert!(lines.contains(&"Turku 25.11.2026"), "{place:?}: {text}");
        assert!(!text.contains("6202"), "{place:?}: {text}");
        // The override turns the customer's own words around, and nothing after them.
        assert!(lines.contains(&"Alku assupol"), "{text}");
        assert!(lines.contains(&"Toinen rivi 12.3."), "{text}");
    }
    // The isolates order the lines and draw nothing: no glyph stands for them.
    let plain = tool("pdftotext", &["-enc", "UTF-8"], &make(&draft()).0);
    assert!(
        !plain.contains('\u{2068}') && !plain.contains('\u{2069}'),
        "{plain}"
    );
}

/// An Arabic place name keeps the date after it in its own order.
#[test]
fn a_right_to_left_place_leaves_the_date_in_order() {
    let fonts = built_fonts("القاهرة");
    let mut d = draft();
    d.place = "القاهرة".into();
    let (pdf, _, _) = make_with(&d, &fonts).unwrap();
    let words = bbox_words(&tool("pdftotext", &["-bbox"], &pdf));
    // The place and date line: a date with a word in Arabic on the same line.
    let (date, place) = words
        .iter()
        .filter(|w| w.0 == "25.11.2026")
        .find_map(|date| {
            // On the same line: their boxes overlap vertically (the Arabic face is taller).
            let place = words
                .iter()
                .find(|w| !w.0.is_ascii() && w.2 < date.4 && date.2 < w.4)?;
            Some((date, place))
        })
        .unwrap_or_else(|| panic!("no date after an Arabic word in {words:?}"));
    // "{place} {date}": in a left-to-right letter the date follows the place, to its right.
    assert!(
        date.1 > place.3 - 0.5,
        "the date after the place: {date:?} {place:?}"
    );
}

/// The faces keep their names: `pdffonts` (and an archive) tells DejaVu Sans Bold from Noto Sans
/// Arabic instead of listing every face as "unknown".
#[test]
fn every_embedded_face_is_named() {
    let all: String = NAMES.concat();
    let fonts = built_fonts(&all);
    let mut d = draft();
    d.sender.name = NAMES.join(" ");
    let (pdf, _, _) = make_with(&d, &fonts).unwrap();
    let listed = tool("pdffonts", &[], &pdf);
    let names: Vec<&str> = listed
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, name)| name))
        .collect();
    assert!(!listed.contains("unknown"), "{listed}");
    for expected in [
        "DejaVuSans",
        "DejaVuSans-Bold",
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
        "NotoSansThai-Regular",
        "NotoSansDevanagari-Regular",
    ] {
        assert!(names.contains(&expected), "{expected} not in {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("NotoSansCJK")), "{names:?}");
    // lopdf reads the same names from the font descriptors.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut descriptors: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"FontDescriptor"[..]))
        .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    descriptors.sort();
    assert!(
        descriptors.iter().any(|n| n.ends_with("+DejaVuSans-Bold")),
        "{descriptors:?}"
    );
    assert!(
        descriptors.iter().any(|n| n.ends_with("+NotoSansArabic-Regular")),
        "{descriptors:?}"
    );
}

mod properties {
    use super::*;
    use portal_core::request::validate::validate;
    use proptest::prelude::*;

    /// Text of what customers paste: letters of several scripts, digits, punctuation, spaces and
    /// every kind of line break, control and direction character.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Ö", "ł", "Ж", "ω", "7", " ", ".", ",", "@", "-", "\n", "\r\n", "\r", "\t", "\u{0}",
            "\u{0B}", "\u{0C}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{2028}", "\u{2029}", "\u{202A}",
            "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
            "\u{200B}", "\u{200E}", "\u{200F}", "\u{FEFF}", "ب", "א", "Matti ",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever is typed, once the form has cleaned it, either validation names a field or
        /// the PDF is written: never a failure without a field named.
        #[test]
        fn a_cleaned_and_valid_draft_always_makes_a_pdf(
            name in text(), place in text(), message in text(), organisation in text(),
            address in text(), email in prop::sample::select(vec!["asa@example.fi", "", "a\u{202E}b@example.fi"]),
            typed in text(),
        ) {
            let mut d = draft();
            d.sender.name = format!("Åsa{name}");
            d.place = place;
            d.message = message;
            d.sender.organisation = organisation;
            d.sender.postal_address = address;
            d.sender.email = email.to_owned();
            d.signature = Signature::Typed(format!("Å{typed}"));
            for draft in [d.cleaned(), d] {
                let errors = validate(&draft, &|s: &str| fonts().missing(s));
                if errors.is_empty() {
                    let made = make_with(&draft, fonts());
                    prop_assert!(made.is_ok(), "{:?}: {:?}", draft, made.err());
                }
            }
        }
    }
}
