//! The PDF writer as the worker runs it: [`protocol`] (shared with the form) and [`write`], the
//! pure step from a request and its font files to the PDF. The worker's browser glue
//! (`portal_writer`, crates/writer) only fetches the files [`fonts_for`] names and posts the answer.

pub use portal_core::request::protocol;

use portal_core::request::fonts::{FontFile, Manifest};
use protocol::{ReplyRequest, Request, WriterError};

/// The font files a request needs: the base faces first, then the pieces its text needs.
pub fn fonts_for<'m>(manifest: &'m Manifest, request: &Request) -> Result<Vec<&'m FontFile>, WriterError> {
    fonts_for_text(manifest, &texts(&request.draft).join("\n"))
}

/// The font files a reply needs (what was typed into it and the requester's name and address).
pub fn fonts_for_reply<'m>(
    manifest: &'m Manifest,
    request: &ReplyRequest,
) -> Result<Vec<&'m FontFile>, WriterError> {
    fonts_for_text(manifest, &request.reply.typed_text())
}

fn fonts_for_text<'m>(manifest: &'m Manifest, text: &str) -> Result<Vec<&'m FontFile>, WriterError> {
    let needs = manifest.needs(text);
    if !needs.uncovered.is_empty() {
        return Err(WriterError::Unprintable {
            chars: needs.uncovered,
        });
    }
    let mut files = vec![&manifest.regular, &manifest.bold];
    files.extend(needs.pieces.iter().map(|&i| &manifest.pieces[i]));
    Ok(files)
}

/// Everything the customer typed that the PDF shows.
fn texts(d: &portal_core::request::draft::Draft) -> Vec<&str> {
    let mut out = vec![
        d.sender.name.as_str(),
        &d.sender.email,
        &d.sender.postal_address,
        &d.sender.phone,
        &d.sender.organisation,
        &d.sender.customer_number,
        &d.access_scope,
        &d.restriction_reason,
        &d.objection_reason,
        &d.message,
        &d.place,
    ];
    for c in &d.corrections {
        out.extend([c.current.as_str(), &c.corrected, &c.reason]);
    }
    if let portal_core::request::draft::Signature::Typed(t) = &d.signature {
        out.push(t);
    }
    out
}

/// What [`write`] made.
pub struct Written {
    pub pdf: Vec<u8>,
    pub file_name: String,
    pub digest: String,
}

/// Validates, composes, lays out and exports. `files` are the bytes of [`fonts_for`]'s files, in
/// that order.
pub fn write(request: &Request, files: Vec<(String, Vec<u8>)>) -> Result<Written, WriterError> {
    use crate::document;
    use crate::PdfError;
    use portal_core::request::validate::validate;
    use portal_core::request::{record, send};
    let errors = validate(&request.draft, &|_: &str| Vec::new());
    if !errors.is_empty() {
        return Err(WriterError::Invalid {
            fields: errors.iter().map(|e| e.field.id()).collect(),
        });
    }
    let fonts = font_set(files)?;
    let json = record::bytes(&request.draft, &request.context);
    let digest = record::sha256_hex(&json);
    // Each field's lines isolated in the letter, so that nothing typed reorders what is around it
    // (request.json keeps the text as typed).
    let doc = document::compose(&request.draft.isolated(), &request.context, &digest);
    let pdf = crate::render(&doc, &fonts, &json, request.context.stamp).map_err(|e| match e {
        PdfError::Unprintable(chars) => WriterError::Unprintable { chars },
        PdfError::Export(detail) => WriterError::Export { detail },
    })?;
    Ok(Written {
        pdf,
        file_name: send::pdf_file_name(&request.context.reference, request.draft.request_lang),
        digest,
    })
}

/// The fonts from the bytes of [`fonts_for`]'s (or [`fonts_for_reply`]'s) files, in that order.
fn font_set(files: Vec<(String, Vec<u8>)>) -> Result<crate::text::FontSet, WriterError> {
    use crate::text::{Face, FontSet};
    let mut faces = files
        .into_iter()
        .map(|(name, data)| Face::new(&name, data, 0).map_err(|e| WriterError::Fonts { detail: e.0 }))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter();
    let (Some(regular), Some(bold)) = (faces.next(), faces.next()) else {
        return Err(WriterError::Fonts {
            detail: "the base faces are missing".into(),
        });
    };
    Ok(FontSet::new(regular, bold, faces.collect()))
}

/// Writes a reply of the desk: checked, composed, laid out and exported with `reply.json`.
pub fn write_reply(request: &ReplyRequest, files: Vec<(String, Vec<u8>)>) -> Result<Written, WriterError> {
    use crate::reply::{render, ReplyError};
    use crate::PdfError;
    let reply = &request.reply;
    let problems = reply.problems();
    if !problems.is_empty() {
        return Err(WriterError::Invalid {
            fields: problems.iter().map(|p| format!("{p:?}")).collect(),
        });
    }
    let fonts = font_set(files)?;
    // The reply's day (the PDF's metadata and the attachment's date).
    let stamp = reply
        .dates()
        .map_err(|p| WriterError::Invalid {
            fields: vec![format!("{p:?}")],
        })?
        .1
        .start();
    let pdf = render(reply, &fonts, stamp).map_err(|e| match e {
        ReplyError::Invalid(problems) => WriterError::Invalid {
            fields: problems.iter().map(|p| format!("{p:?}")).collect(),
        },
        ReplyError::Pdf(PdfError::Unprintable(chars)) => WriterError::Unprintable { chars },
        ReplyError::Pdf(PdfError::Export(detail)) => WriterError::Export { detail },
    })?;
    Ok(Written {
        pdf,
        file_name: reply.file_name(),
        digest: portal_core::request::record::sha256_hex(&reply.json()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::request::fixtures::{context, draft};
    use portal_core::request::protocol::*;

    fn request() -> Request {
        Request {
            id: 7,
            draft: draft(),
            context: context(),
            fonts_base: "/writer/fonts.json".into(),
        }
    }

    #[test]
    fn requests_and_responses_cross_as_strict_json() {
        let json = serde_json::to_string(&request()).unwrap();
        let back: Request = serde_json::from_str(&json).unwrap();
        assert_eq!(back, request());
        assert!(serde_json::from_str::<Request>(&json.replacen('{', "{\"evil\":1,", 1)).is_err());
        for garbage in ["", "null", "[]", "{\"id\":-1}", "\u{0}"] {
            assert!(serde_json::from_str::<Request>(garbage).is_err());
        }
        let failed = Response::Failed {
            id: 1,
            error: WriterError::Unprintable {
                chars: vec!['\u{E000}'],
            },
        };
        let json = serde_json::to_string(&failed).unwrap();
        assert_eq!(
            json,
            "{\"kind\":\"failed\",\"id\":1,\"error\":{\"kind\":\"unprintable\",\"chars\":[\"\u{E000}\"]}}"
        );
        assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), failed);
    }

    #[test]
    fn the_worker_writes_a_pdf_from_the_request_and_its_font_files() {
        let read = |p: &str| std::fs::read(p).unwrap();
        let files = vec![
            ("regular".into(), read(crate::tests::DEJAVU)),
            ("bold".into(), read(crate::tests::DEJAVU_BOLD)),
        ];
        let written = write(&request(), files).unwrap();
        // An independent reader finds the request in it: the sender, the recipient, the reference.
        let text = crate::tests::tool("pdftotext", &["-enc", "UTF-8"], &written.pdf);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let asked = request();
        for expected in [
            &asked.draft.sender.name,
            &asked.context.recipient.name,
            &asked.context.reference,
        ] {
            assert!(
                text.contains(expected.as_str()),
                "{expected} not in the PDF's text: {text}"
            );
        }
        assert_eq!(written.file_name, "tietosuojapyynto-SAF-04HM-ASW9.pdf");
        let mut invalid = request();
        invalid.draft.rights.clear();
        assert!(matches!(
            write(&invalid, vec![]),
            Err(WriterError::Invalid { .. })
        ));
        assert!(matches!(
            write(&request(), vec![]),
            Err(WriterError::Fonts { .. })
        ));
    }

    #[test]
    fn the_worker_writes_a_reply_and_refuses_one_that_says_nothing() {
        use portal_core::date::Date;
        use portal_core::request::letter_lang::LetterLang;
        use portal_core::request::reply::{Addressee, Reply, ReplyKind};
        use portal_core::request::right::Right;
        let read = |p: &str| std::fs::read(p).unwrap();
        let files = || {
            vec![
                ("regular".to_owned(), read(crate::tests::DEJAVU)),
                ("bold".to_owned(), read(crate::tests::DEJAVU_BOLD)),
            ]
        };
        let reply = |kind, note: &str| ReplyRequest {
            id: 9,
            reply: Reply::new(
                kind,
                LetterLang::En,
                "SAF-04HM-ASW9",
                Date::new(2027, 1, 4).unwrap(),
                Date::new(2027, 1, 5).unwrap(),
                context().recipient,
                Addressee {
                    name: "Åsa".into(),
                    ..Addressee::default()
                },
                vec![Right::Erasure],
                note,
            ),
            fonts_base: "/writer/fonts.json".into(),
        };
        // Across the worker's boundary as strict JSON.
        let message = Message::Reply(Box::new(reply(ReplyKind::Refusal, "Manifestly unfounded.")));
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), message);
        assert_eq!(Message::id_of(&json), Some(9));

        let written = write_reply(&reply(ReplyKind::Refusal, "Manifestly unfounded."), files()).unwrap();
        assert_eq!(written.file_name, "SAF-04HM-ASW9-refusal.pdf");
        let text = crate::tests::tool("pdftotext", &["-enc", "UTF-8"], &written.pdf);
        assert!(text.contains("Manifestly unfounded."), "{text}");
        assert!(matches!(
            write_reply(&reply(ReplyKind::Refusal, " "), files()),
            Err(WriterError::Invalid { .. })
        ));
    }
}
