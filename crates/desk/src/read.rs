//! Reading a received PDF (feature `read`, lopdf): the bytes of its attached `request.json` and
//! its pages' text, which [`crate::verify::verify`] then checks against each other. Any file
//! may come in, so nothing here panics: a file that is no PDF, or a PDF lopdf cannot open, is a
//! [`ReadError`]; a PDF without the attachment reads with `json: None` (the desk then offers to
//! enter the request by hand).
//!
//! Bounds, so a hostile file cannot take the desk's memory or its time: the desk refuses a file
//! larger than [`MAX_PDF_BYTES`] before reading it (from its size alone); no page's content is
//! inflated past [`MAX_INFLATED_BYTES`], the attachment past [`MAX_JSON_BYTES`]; only the first
//! [`MAX_PAGES`] pages are read (a request is a few pages; its checked text is on them).

use lopdf::{Document, LoadOptions, Object};

pub use crate::MAX_PDF_BYTES;

/// The most a page's content may inflate to.
pub const MAX_INFLATED_BYTES: usize = 8 * 1024 * 1024;

/// The most the attachment may inflate to (a request's JSON is a few kilobytes).
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// The pages whose text is read.
pub const MAX_PAGES: usize = 30;

/// The attachment's name, as the form's writer gives it.
pub use portal_core::request::record::ATTACHMENT_NAME;

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
    let all_pages = doc.get_pages();
    let pages: Vec<u32> = all_pages.keys().copied().take(MAX_PAGES).collect();
    // A page whose text cannot be read leaves its text out: what is missing then shows as a
    // mismatch, naming what the letter no longer says.
    let text: String = doc
        .extract_text_chunks_with_limit(&pages, MAX_INFLATED_BYTES)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    Ok(Read {
        json: attachment(&doc)?,
        text,
        pages: all_pages.len(),
    })
}

/// The embedded file named [`ATTACHMENT_NAME`]: the file specification (`/Type /Filespec`, by
/// its `/UF` or `/F` name) among the document's associated files (the catalog's `/AF`, where
/// the form's writer puts it for PDF/A-3) or in its `/Names /EmbeddedFiles` tree; failing both,
/// among all objects, so a PDF saved again by another program still reads. Two different files
/// of that name are refused: which one the letter speaks of cannot be told.
fn attachment(doc: &Document) -> Result<Option<Vec<u8>>, ReadError> {
    let mut found: Vec<Vec<u8>> = Vec::new();
    let take = |found: &mut Vec<Vec<u8>>, object: &Object| {
        if let Some(bytes) = embedded(doc, object) {
            if !found.contains(&bytes) {
                found.push(bytes);
            }
        }
    };
    let catalog = doc.catalog().ok();
    let associated = catalog
        .and_then(|c| c.get(b"AF").ok())
        .and_then(|af| deref(doc, af))
        .and_then(|af| af.as_array().ok());
    for spec in associated.into_iter().flatten() {
        take(&mut found, spec);
    }
    if found.is_empty() {
        let names = catalog
            .and_then(|c| c.get(b"Names").ok())
            .and_then(|n| deref(doc, n))
            .and_then(|n| n.as_dict().ok())
            .and_then(|n| n.get(b"EmbeddedFiles").ok())
            .and_then(|e| deref(doc, e))
            .and_then(|e| e.as_dict().ok())
            .and_then(|e| e.get(b"Names").ok())
            .and_then(|n| deref(doc, n))
            .and_then(|n| n.as_array().ok());
        // [name1 spec1 name2 spec2 …]
        for spec in names.into_iter().flatten().skip(1).step_by(2) {
            take(&mut found, spec);
        }
    }
    if found.is_empty() {
        for object in doc.objects.values() {
            take(&mut found, object);
        }
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(ReadError::Unreadable {
            detail: format!("{} different {ATTACHMENT_NAME} files", found.len()),
        }),
    }
}

/// The bytes of the file `object` specifies, if it is a file specification named
/// [`ATTACHMENT_NAME`] (inflated to at most [`MAX_JSON_BYTES`]).
fn embedded(doc: &Document, object: &Object) -> Option<Vec<u8>> {
    let spec = deref(doc, object)?.as_dict().ok()?;
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
        return (stream.content.len() <= MAX_JSON_BYTES).then(|| stream.content.clone());
    }
    stream.decompressed_content_with_limit(MAX_JSON_BYTES).ok()
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

    /// A cut file never passes as the request: it is an error, or what it still holds does
    /// not verify.
    #[test]
    fn a_cut_request_is_an_error_or_does_not_verify() {
        let (pdf, _) = request_pdf();
        for keep in [10, pdf.len() / 3, pdf.len() / 2, pdf.len() * 9 / 10] {
            if let Ok(read) = read(&pdf[..keep]) {
                let json = read.json.unwrap_or_default();
                assert!(
                    crate::verify::verify(&json, &read.text, &context().recipient).is_err(),
                    "{keep} of {} bytes verified",
                    pdf.len()
                );
            }
        }
    }

    /// A request.json that inflates to more than [`MAX_JSON_BYTES`] (a "zip bomb" in a few
    /// kilobytes) is not inflated.
    #[test]
    fn an_attachment_that_inflates_without_end_is_not_read() {
        use lopdf::{dictionary, Stream};
        let (pdf, _) = request_pdf();
        let mut doc = Document::load_mem(&pdf).unwrap();
        let bomb = vec![b' '; 64 * 1024 * 1024];
        let id = doc
            .objects
            .iter()
            .find(|(_, o)| {
                o.as_stream().is_ok_and(|s| {
                    s.dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"EmbeddedFile"[..])
                })
            })
            .map(|(id, _)| *id)
            .unwrap();
        let mut stream = Stream::new(dictionary! { "Type" => "EmbeddedFile" }, bomb);
        stream.compress().unwrap();
        assert!(
            stream.content.len() < 200_000,
            "the bomb is small: {}",
            stream.content.len()
        );
        doc.objects.insert(id, Object::Stream(stream));
        let mut saved = Vec::new();
        doc.save_to(&mut saved).unwrap();
        assert_eq!(read(&saved).unwrap().json, None);
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
