//! Reading a received PDF (feature `read`, lopdf): the bytes of its attached `request.json` and
//! its pages' text, which [`crate::verify::verify`] then checks against each other. Any file
//! may come in, so nothing here panics: a file that is no PDF, or a PDF lopdf cannot open, is a
//! [`ReadError`]; a PDF without the attachment reads with `json: None` (the desk then offers to
//! enter the request by hand).
//!
//! Bounds, so a hostile file cannot take the desk's memory: the desk refuses a file larger than
//! [`MAX_PDF_BYTES`] before reading it (from its size alone), and no stream of it is inflated
//! past [`MAX_INFLATED_BYTES`].

use lopdf::{Document, LoadOptions, Object};

pub use crate::MAX_PDF_BYTES;

/// The most any one stream (a page's content, the attachment) may inflate to.
pub const MAX_INFLATED_BYTES: usize = 32 * 1024 * 1024;

/// The attachment's name, as the form's writer gives it (`portal_pdf`'s `AF` entry).
pub const ATTACHMENT_NAME: &str = "request.json";

/// What the desk read from a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The attached `request.json`, if the PDF has one.
    pub json: Option<Vec<u8>>,
    /// Every page's text, through the fonts' ToUnicode maps (glyphs in the order drawn).
    pub text: String,
    pub pages: usize,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than [`MAX_PDF_BYTES`].
    TooLarge { bytes: u64 },
    /// Does not start as a PDF does (`%PDF-`).
    NotPdf,
    /// A PDF that could not be opened (cut short, damaged, encrypted); lopdf's reason.
    Unreadable { detail: String },
}

/// Reads `pdf`: its attachment and its text.
pub fn read(pdf: &[u8]) -> Result<Read, ReadError> {
    if pdf.len() as u64 > MAX_PDF_BYTES {
        return Err(ReadError::TooLarge {
            bytes: pdf.len() as u64,
        });
    }
    // The header may follow up to 1024 bytes of anything (ISO 32000-1, annex H.3, note 1).
    let head = &pdf[..pdf.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::NotPdf);
    }
    let doc =
        Document::load_mem_with_options(pdf, LoadOptions::with_max_decompressed_size(MAX_INFLATED_BYTES))
            .map_err(|e| ReadError::Unreadable {
                detail: e.to_string(),
            })?;
    if doc.is_encrypted() {
        return Err(ReadError::Unreadable {
            detail: "encrypted".into(),
        });
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    // A page whose text cannot be read leaves its text out: what is missing then shows as a
    // mismatch, naming what the letter no longer says.
    let text: String = doc
        .extract_text_chunks_with_limit(&pages, MAX_INFLATED_BYTES)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    Ok(Read {
        json: attachment(&doc),
        text,
        pages: pages.len(),
    })
}

/// The embedded file named [`ATTACHMENT_NAME`]: a file specification (`/Type /Filespec`, by
/// its `/UF` or `/F` name) whose `/EF` `/F` stream holds it. Found among all objects, so a PDF
/// saved again by a viewer (another name tree, an incremental update) still reads.
fn attachment(doc: &Document) -> Option<Vec<u8>> {
    doc.objects.values().find_map(|object| {
        let spec = object.as_dict().ok()?;
        let named = |key: &[u8]| {
            spec.get(key)
                .ok()
                .and_then(|name| name.as_str().ok())
                .is_some_and(|name| name == ATTACHMENT_NAME.as_bytes())
        };
        if !(named(b"UF") || named(b"F")) {
            return None;
        }
        let file = spec.get(b"EF").ok()?;
        let file = deref(doc, file)?.as_dict().ok()?.get(b"F").ok()?;
        let stream = deref(doc, file)?.as_stream().ok()?;
        if stream.dict.get(b"Filter").is_err() {
            return Some(stream.content.clone());
        }
        stream.decompressed_content().ok()
    })
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::request::fixtures::{context, draft};
    use portal_core::request::record;
    use portal_pdf::text::{Face, FontSet};
    use proptest::prelude::*;

    /// A request PDF as the form's writer makes it (DejaVu only: the fixture is Latin), and the
    /// bytes of its request.json.
    fn request_pdf() -> (Vec<u8>, Vec<u8>) {
        let face = |name: &str, file: &str| {
            let path = format!("/usr/share/fonts/truetype/dejavu/{file}");
            let data = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{path}: {e} (apt-get install fonts-dejavu-core)"));
            Face::new(name, data, 0).unwrap()
        };
        let fonts = FontSet::new(
            face("DejaVuSans", "DejaVuSans.ttf"),
            face("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
            vec![],
        );
        let context = context();
        let draft = draft();
        let json = record::bytes(&draft, &context);
        let digest = record::sha256_hex(&json);
        let document = portal_pdf::document::compose(&draft.isolated(), &context, &digest);
        let pdf = portal_pdf::render(&document, &fonts, &json, context.stamp).unwrap();
        (pdf, json)
    }

    #[test]
    fn a_request_reads_back_as_the_form_wrote_it() {
        let (pdf, json) = request_pdf();
        let read = read(&pdf).unwrap();
        assert_eq!(read.json.as_deref(), Some(&json[..]));
        assert!(read.pages >= 1);
        let folded: String = read.text.split_whitespace().collect();
        assert!(folded.contains("SAF-04HM-ASW9"), "{}", read.text);
        crate::verify::verify(read.json.as_deref().unwrap(), &read.text, &context().recipient).unwrap();
    }

    /// A viewer that saves the file again (new object numbers, a rewritten cross-reference table)
    /// leaves it readable: the attachment is found by its file specification's name.
    #[test]
    fn a_request_saved_again_by_another_program_still_reads() {
        let (pdf, json) = request_pdf();
        let mut doc = Document::load_mem(&pdf).unwrap();
        doc.renumber_objects();
        let mut saved = Vec::new();
        doc.save_to(&mut saved).unwrap();
        assert_ne!(saved, pdf);
        assert_eq!(read(&saved).unwrap().json.as_deref(), Some(&json[..]));
    }

    #[test]
    fn what_is_no_pdf_says_so() {
        assert_eq!(read(b"hello"), Err(ReadError::NotPdf));
        assert_eq!(read(b""), Err(ReadError::NotPdf));
        assert!(matches!(
            read(b"%PDF-1.7\n1 0 obj"),
            Err(ReadError::Unreadable { .. })
        ));
        let too_large = vec![b' '; MAX_PDF_BYTES as usize + 1];
        assert!(matches!(read(&too_large), Err(ReadError::TooLarge { .. })));
    }

    #[test]
    fn a_cut_request_is_an_error_or_has_nothing_to_check() {
        let (pdf, json) = request_pdf();
        for keep in [10, pdf.len() / 3, pdf.len() / 2, pdf.len() - 40] {
            match read(&pdf[..keep]) {
                Err(_) => {}
                Ok(read) => assert!(read.json.as_deref() != Some(&json[..]) || read.text.len() < 10_000),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any bytes after a PDF header: an answer, never a panic.
        #[test]
        fn any_bytes_read_without_panicking(tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let mut file = b"%PDF-1.7\n".to_vec();
            file.extend(tail);
            let _ = read(&file);
        }

        /// A request with bytes changed anywhere: an answer, never a panic.
        #[test]
        fn a_damaged_request_reads_without_panicking(at in 0usize..1_000_000, byte in any::<u8>()) {
            let (mut pdf, _) = request_pdf();
            let at = at % pdf.len();
            pdf[at] = byte;
            let _ = read(&pdf);
        }
    }
}
