//! A received request checked as the desk will check it: real PDFs made by the form's writer
//! (`record::bytes`, `compose`, `portal_pdf::render`), their attachment read back with lopdf and
//! their text with poppler's `pdftotext`, then mutated copies of both.

use portal_core::request::draft::{Draft, Signature};
use portal_core::request::fixtures::{context, draft};
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::record::{self, Record};
use portal_core::request::right::Right;
use portal_desk::verify::{Mismatch, Received, SignatureKind};

/// The desk's check for the fixture's controller (the one the fixture's requests are made for).
fn verify(json: &[u8], text: &str) -> Result<Received, Vec<Mismatch>> {
    portal_desk::verify::verify(json, text, &context().recipient)
}
use portal_pdf::document::compose;
use portal_pdf::text::{Face, FontSet};
use proptest::prelude::*;
use std::process::Command;
use std::sync::OnceLock;

fn face(name: &str, path: &str, index: u32) -> Face {
    let data = std::fs::read(path).unwrap_or_else(|e| {
        panic!("{path}: {e} (apt-get install fonts-dejavu-core fonts-noto-core fonts-noto-cjk)")
    });
    Face::new(name, data, index).unwrap()
}

/// DejaVu as the writer's base faces, Noto for Arabic and Chinese (whole fonts: krilla subsets).
fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::new(
            face("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
            face(
                "DejaVuSans-Bold",
                "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                0,
            ),
            vec![
                face(
                    "NotoSansArabic",
                    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
                    0,
                ),
                face(
                    "NotoSansCJKsc",
                    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                    2,
                ),
            ],
        )
    })
}

/// What the desk reads from a PDF the form made for `draft`: the attachment and the text.
struct Read {
    json: Vec<u8>,
    /// As poppler's `pdftotext` extracts it (right-to-left text in logical order).
    text: String,
    /// As lopdf extracts it (glyphs in the order drawn: right-to-left text in visual order).
    lopdf_text: String,
}

fn pdftotext(pdf: &[u8]) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!("desk-verify-{}-{n}.pdf", std::process::id()));
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e} (apt-get install poppler-utils)"));
    let _ = std::fs::remove_file(&file);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Every page's text as lopdf extracts it (through the fonts' ToUnicode maps).
fn lopdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// The embedded file's bytes, read with lopdf.
fn attachment(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut found = Vec::new();
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            if stream.dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"EmbeddedFile"[..]) {
                found.push(
                    stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone()),
                );
            }
        }
    }
    assert_eq!(found.len(), 1, "one attachment");
    found.remove(0)
}

/// Makes the PDF as the writer does (`portal_pdf::writer::write`) and reads it back.
fn made(draft: &Draft) -> Read {
    let context = context();
    let json = record::bytes(draft, &context);
    let digest = record::sha256_hex(&json);
    let document = compose(&draft.isolated(), &context, &digest);
    let pdf = portal_pdf::render(&document, fonts(), &json, context.stamp).unwrap();
    let read = Read {
        json: attachment(&pdf),
        text: pdftotext(&pdf),
        lopdf_text: lopdf_text(&pdf),
    };
    // The desk may read the text with either: both must verify.
    if let Err(m) = verify(&read.json, &read.lopdf_text) {
        panic!("lopdf's text: {m:?}\n{}", read.lopdf_text);
    }
    assert_eq!(read.json, json, "lopdf reads back the bytes the form attached");
    read
}

/// The fixture's Finnish letter (access, rectification, portability; drawn signature).
fn finnish() -> &'static Read {
    static READ: OnceLock<Read> = OnceLock::new();
    READ.get_or_init(|| made(&draft()))
}

fn chinese_english() -> Draft {
    let mut d = draft();
    d.request_lang = LetterLang::En;
    d.sender.name = "李小龙".into();
    d.rights = vec![Right::Erasure, Right::Objection];
    d.objection_reason = "我不同意 — my particular situation".into();
    d.signature = Signature::Typed("李小龙".into());
    d
}

fn english() -> &'static Read {
    static READ: OnceLock<Read> = OnceLock::new();
    READ.get_or_init(|| made(&chinese_english()))
}

/// `record` written back as the form writes `request.json` (`record::bytes`).
fn written(record: &Record) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(record).unwrap();
    out.push(b'\n');
    out
}

fn parsed(json: &[u8]) -> Record {
    record::parse(json).unwrap()
}

#[test]
fn a_finnish_request_from_the_form_is_read_as_made() {
    let read = finnish();
    let received = verify(&read.json, &read.text).unwrap_or_else(|m| panic!("{m:?}\n{}", read.text));
    assert_eq!(received.reference(), "SAF-04HM-ASW9");
    assert_eq!(received.who().name, "Åsa Łukasiewicz-Žemaitė");
    assert_eq!(received.who().email, "asa@example.fi");
    let rights: Vec<Right> = received.rights().iter().map(|r| r.right).collect();
    assert_eq!(rights, [Right::Access, Right::Rectification, Right::Portability]);
    let items = received.rights()[1].items.as_ref().unwrap();
    assert_eq!(items[0].corrected, "Uusi katu 2");
    assert_eq!(received.rights()[2].format.as_deref(), Some("csv"));
    assert_eq!(received.signature(), SignatureKind::Drawn);
    assert_eq!(received.lang(), LetterLang::Fi);
    assert_eq!(received.created().iso(), "2026-11-25");
    assert_eq!(received.digest(), record::sha256_hex(&read.json));
}

#[test]
fn an_english_request_with_a_chinese_name_is_read_as_made() {
    let read = english();
    let received = verify(&read.json, &read.text).unwrap_or_else(|m| panic!("{m:?}\n{}", read.text));
    assert_eq!(received.who().name, "李小龙");
    assert_eq!(received.lang(), LetterLang::En);
    assert_eq!(received.signature(), SignatureKind::Typed);
    let rights: Vec<Right> = received.rights().iter().map(|r| r.right).collect();
    assert_eq!(rights, [Right::Erasure, Right::Objection]);
    assert_eq!(
        received.rights()[1].reason.as_deref(),
        Some("我不同意 — my particular situation")
    );
}

/// A Latin message with Arabic, Hebrew and Cyrillic words in it, and an Arabic message with a
/// Latin word: lopdf gives each line in drawing order, the right-to-left words' letters reversed
/// in place; both still verify (`made` checks lopdf's text, the test poppler's).
#[test]
fn mixed_directions_in_one_line_are_read_as_made() {
    for message in [
        "Also Дмитрий and محمد appear in records.",
        "Hebrew name שרה here.",
        "اسمي Smith في السجل",
    ] {
        let mut d = draft();
        d.message = message.into();
        let read = made(&d);
        verify(&read.json, &read.text).unwrap_or_else(|m| panic!("{message}: {m:?}\n{}", read.text));
    }
}

#[test]
fn an_arabic_name_unsigned_and_for_the_pen_is_read_as_made() {
    for signature in [Signature::None, Signature::Pen] {
        let mut d = draft();
        d.sender.name = "محمد العلي".into();
        d.rights = vec![Right::Restriction, Right::DirectMarketingObjection];
        d.restriction_reason = "Tiedot ovat virheelliset.".into();
        d.signature = signature.clone();
        let read = made(&d);
        let received = verify(&read.json, &read.text).unwrap_or_else(|m| panic!("{m:?}\n{}", read.text));
        assert_eq!(received.who().name, "محمد العلي");
        let kind = match signature {
            Signature::None => SignatureKind::None,
            _ => SignatureKind::Pen,
        };
        assert_eq!(received.signature(), kind);
    }
}

#[test]
fn a_changed_attachment_no_longer_matches_its_digest_or_its_letter() {
    let read = finnish();
    let mut record = parsed(&read.json);
    record.sender.name = "Matti Meikäläinen".into();
    record.rights.truncate(1);
    let json = written(&record);
    let mismatches = verify(&json, &read.text).unwrap_err();
    assert_eq!(
        mismatches,
        [
            Mismatch::DigestDiffers {
                printed: record::sha256_hex(&read.json),
                actual: record::sha256_hex(&json),
            },
            Mismatch::NameNotInLetter {
                name: "Matti Meikäläinen".into()
            },
            Mismatch::RightNotInFile {
                right: Right::Rectification
            },
            Mismatch::RightNotInFile {
                right: Right::Portability
            },
        ]
    );
    // The same file with its digest also put into the letter: the digest matches, the rest not.
    let text = read
        .text
        .replace(&record::sha256_hex(&read.json), &record::sha256_hex(&json));
    let mismatches = verify(&json, &text).unwrap_err();
    assert!(
        matches!(mismatches[0], Mismatch::NameNotInLetter { .. }),
        "{mismatches:?}"
    );
    assert_eq!(mismatches.len(), 3, "{mismatches:?}");
}

#[test]
fn a_changed_letter_says_what_no_longer_matches() {
    let read = finnish();
    let digest = record::sha256_hex(&read.json);
    let check = |text: String, expected: Vec<Mismatch>| {
        assert_ne!(text, read.text, "the mutation changed the text");
        assert_eq!(verify(&read.json, &text).unwrap_err(), expected);
    };
    check(
        read.text.replace("Åsa Łukasiewicz-Žemaitė", "Asa Lukasiewicz"),
        vec![Mismatch::NameNotInLetter {
            name: "Åsa Łukasiewicz-Žemaitė".into(),
        }],
    );
    // Only the letterhead's name, or only the one under the signature.
    let name = "Åsa Łukasiewicz-Žemaitė";
    let last = read.text.rfind(name).unwrap();
    let signature_changed = format!("{}Asa L{}", &read.text[..last], &read.text[last + name.len()..]);
    for text in [read.text.replacen(name, "Asa L", 1), signature_changed] {
        check(text, vec![Mismatch::NameNotInLetter { name: name.into() }]);
    }
    check(
        read.text
            .replacen("Viite SAF-04HM-ASW9", "Viite SAF-04HM-ASW8", 1),
        vec![Mismatch::ReferenceDiffers {
            file: "SAF-04HM-ASW9".into(),
            letter: Some("SAF-04HM-ASW8".into()),
        }],
    );
    check(
        read.text.replace("Tarkastusoikeus (15 artikla)", "Tarkastus"),
        vec![Mismatch::RightNotInLetter { right: Right::Access }],
    );
    check(
        read.text.replace(
            "Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla)",
            "Oikeus tietojen poistamiseen (17 artikla)",
        ),
        // In the form's order of the rights.
        vec![
            Mismatch::RightNotInFile {
                right: Right::Erasure,
            },
            Mismatch::RightNotInLetter {
                right: Right::Portability,
            },
        ],
    );
    check(
        read.text.replace("Uusi katu 2", "Uusi katu 3"),
        vec![Mismatch::DetailNotInLetter {
            right: Right::Rectification,
            detail: "Uusi katu 2".into(),
        }],
    );
    let mut flipped = digest.clone().into_bytes();
    flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8(flipped).unwrap();
    check(
        read.text.replace(&digest, &flipped),
        vec![Mismatch::DigestDiffers {
            printed: flipped.clone(),
            actual: digest.clone(),
        }],
    );
    check(read.text.replace(&digest, ""), vec![Mismatch::DigestNotInLetter]);
    // The Finnish file with the English letter: another language, name, rights and digest.
    let mismatches = verify(&read.json, &english().text).unwrap_err();
    assert!(mismatches.contains(&Mismatch::LanguageDiffers {
        file: LetterLang::Fi,
        letter: Some(LetterLang::En),
    }));
    assert!(matches!(mismatches[0], Mismatch::DigestDiffers { .. }));
}

/// Every text the customer typed is compared with the letter, not only the name and the rights:
/// a letter whose e-mail, address, phone, organisation, customer number, message or place was
/// changed says which.
#[test]
fn every_typed_text_is_looked_for_in_the_letter() {
    let mut d = draft();
    d.sender.postal_address = "Esimerkkitie 12 B 7\n20100 Turku".into();
    d.sender.phone = "+358 40 123 4567".into();
    d.sender.organisation = "Esimerkki Oy".into();
    d.sender.customer_number = "A-10042".into();
    d.message = "Toivon vastausta sähköpostitse.".into();
    d.place = "Turku".into();
    let read = made(&d);
    let received = verify(&read.json, &read.text).unwrap_or_else(|m| panic!("{m:?}\n{}", read.text));
    assert_eq!(received.who().customer_number, "A-10042");
    for (field, from, to) in [
        ("sender.email", "asa@example.fi", "asa@example.com"),
        (
            "sender.postal_address",
            "Esimerkkitie 12 B 7",
            "Esimerkkitie 21 B 7",
        ),
        ("sender.phone", "+358 40 123 4567", "+358 40 765 4321"),
        ("sender.organisation", "Esimerkki Oy", "Toinen Oy"),
        ("sender.customer_number", "A-10042", "A-10043"),
        ("message", "sähköpostitse", "kirjeitse"),
    ] {
        assert!(
            read.text.contains(from),
            "{from} is not in the letter:\n{}",
            read.text
        );
        let mismatches = verify(&read.json, &read.text.replace(from, to)).unwrap_err();
        assert!(
            mismatches
                .iter()
                .any(|m| matches!(m, Mismatch::TextNotInLetter { field: f, .. } if *f == field)),
            "{field}: {mismatches:?}"
        );
    }
    // A request made for another controller.
    let mut record = parsed(&read.json);
    record.recipient.controller = "Muu Yhtiö Oy".into();
    let json = written(&record);
    let text = read
        .text
        .replace(&record::sha256_hex(&read.json), &record::sha256_hex(&json));
    let mismatches = verify(&json, &text).unwrap_err();
    assert!(
        mismatches.contains(&Mismatch::OtherController {
            controller: "Muu Yhtiö Oy".into(),
            email: record.recipient.email.clone(),
        }),
        "{mismatches:?}"
    );
}

#[test]
fn a_wrapped_digest_and_name_still_match() {
    // Text extractors break lines where the layout wrapped, and may add spaces.
    let read = finnish();
    let digest = record::sha256_hex(&read.json);
    let text = read
        .text
        .replace(&digest, &format!("{}\n{}", &digest[..40], &digest[40..]))
        .replace("Łukasiewicz-Žemaitė", "Łukasiewicz-\nŽemaitė");
    assert!(verify(&read.json, &text).is_ok());
}

#[test]
fn a_file_the_portal_did_not_write_says_so() {
    let read = finnish();
    let text = &read.text;
    let first = |json: &[u8]| verify(json, text).unwrap_err().remove(0);
    assert_eq!(first(b"{\"hello\":1}"), Mismatch::NotFromPortal { found: None });
    assert_eq!(first(b"[1,2]"), Mismatch::NotFromPortal { found: None });
    assert_eq!(
        first(b"{\"format\":\"invoice/3\"}"),
        Mismatch::NotFromPortal {
            found: Some("invoice/3".into())
        }
    );
    assert_eq!(
        first(b"{\"format\":7}"),
        Mismatch::NotFromPortal {
            found: Some("7".into())
        }
    );
    let later = String::from_utf8(read.json.clone())
        .unwrap()
        .replace("privacy-portal-request/1", "privacy-portal-request/2");
    assert_eq!(
        first(later.as_bytes()),
        Mismatch::UnsupportedVersion {
            found: "privacy-portal-request/2".into()
        }
    );
    // Truncated: where the JSON stops.
    let cut = &read.json[..read.json.len() / 2];
    match first(cut) {
        Mismatch::Malformed { line, detail, .. } => {
            let lines = cut.iter().filter(|&&b| b == b'\n').count();
            assert!(line > lines, "{line}: {detail}");
            assert!(detail.contains("EOF"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    match first(b"%PDF-1.7\n\xff\xfe") {
        Mismatch::Malformed {
            line: 1, column: 1, ..
        } => {}
        other => panic!("{other:?}"),
    }
    // The portal's format with a field too many: named.
    let extra = String::from_utf8(read.json.clone())
        .unwrap()
        .replacen("{", "{\"x\":1,", 1);
    match first(extra.as_bytes()) {
        Mismatch::BadField { detail } => assert!(detail.contains("`x`"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn values_that_contradict_each_other_in_the_file_are_named() {
    let read = finnish();
    let mut record = parsed(&read.json);
    record.deadline.due = "2026-12-31".into();
    record.rights[0].article = "16".into();
    let json = written(&record);
    let text = read
        .text
        .replace(&record::sha256_hex(&read.json), &record::sha256_hex(&json));
    let mismatches = verify(&json, &text).unwrap_err();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert!(matches!(&mismatches[0], Mismatch::Inconsistent { field, .. } if field == "rights"));
    assert!(
        matches!(&mismatches[1], Mismatch::Inconsistent { field, detail } if field == "deadline.due" && detail.contains("2026-12-28"))
    );
    record.created = "2026-02-30".into();
    let json = written(&record);
    let text = read
        .text
        .replace(&record::sha256_hex(&read.json), &record::sha256_hex(&json));
    let mismatches = verify(&json, &text).unwrap_err();
    assert!(mismatches
        .iter()
        .any(|m| matches!(m, Mismatch::Inconsistent { field, .. } if field == "created")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes and text: an answer, never a panic.
    #[test]
    fn never_panics_on_arbitrary_input(json in proptest::collection::vec(any::<u8>(), 0..400), text in "\\PC{0,300}") {
        let _ = verify(&json, &text);
    }

    /// The real file with one byte changed never verifies against its letter; the real letter
    /// with arbitrary text inserted never panics.
    #[test]
    fn a_changed_byte_never_verifies(at in any::<prop::sample::Index>(), byte in any::<u8>(), insert in "\\PC{0,40}", text_at in any::<prop::sample::Index>()) {
        let read = finnish();
        let mut json = read.json.clone();
        let i = at.index(json.len());
        prop_assume!(json[i] != byte);
        json[i] = byte;
        prop_assert!(verify(&json, &read.text).is_err());
        let mut text = read.text.clone();
        let mut j = text_at.index(text.len() + 1);
        while !text.is_char_boundary(j) {
            j -= 1;
        }
        text.insert_str(j, &insert);
        let _ = verify(&read.json, &text);
    }
}

/// Writes the PDFs these tests read to `target/samples/desk/` (the PDF reading measurement in
/// README.md reads them with lopdf).
#[test]
#[ignore = "writes sample PDFs for a person or a measurement to read"]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/samples/desk");
    std::fs::create_dir_all(&dir).unwrap();
    let mut arabic = draft();
    arabic.sender.name = "محمد العلي".into();
    arabic.signature = Signature::Typed("محمد العلي".into());
    for (name, draft) in [("fi", draft()), ("en-zh", chinese_english()), ("fi-ar", arabic)] {
        let context = context();
        let json = record::bytes(&draft, &context);
        let digest = record::sha256_hex(&json);
        let document = compose(&draft.isolated(), &context, &digest);
        let pdf = portal_pdf::render(&document, fonts(), &json, context.stamp).unwrap();
        std::fs::write(dir.join(format!("{name}.pdf")), pdf).unwrap();
        std::fs::write(dir.join(format!("{name}.json")), json).unwrap();
    }
}
