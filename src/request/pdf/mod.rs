//! The request as an A4 PDF, written byte by byte in WebAssembly (or natively in the tests):
//! real text in an embedded subset of DejaVu Sans, the drawn signature as vector strokes, and
//! `request.json` attached, aiming at PDF/A-3b (XMP identification, an output intent, every font
//! embedded, the attachment declared as the document's source with `/AF`).

pub mod font;
pub mod icc;
pub mod layout;

use crate::date::Instant;
use crate::request::document::Document;
use font::{DocumentFont, FontPack};
use layout::{Item, FOOTER_Y, PAGE_HEIGHT, PAGE_WIDTH};
use pdf_writer::types::{
    AssociationKind, CidFontType, FontFlags, LineCapStyle, LineJoinStyle, OutputIntentSubtype, SystemInfo,
    UnicodeCmap,
};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// The attachment's file name inside the PDF.
pub const ATTACHMENT_NAME: &str = "request.json";

const FONT_RESOURCE: Name<'static> = Name(b"F1");

/// Why no PDF could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// The font lacks these characters (the form reports them before it offers the download).
    Unprintable(Vec<char>),
    Font(String),
}

/// Writes the PDF of `document`, set in `pack`, with `attachment` as `request.json`.
/// `stamp` is the moment of creation (metadata and the attachment's date).
pub fn render(
    document: &Document,
    pack: &FontPack,
    attachment: &[u8],
    stamp: Instant,
) -> Result<Vec<u8>, PdfError> {
    let mut pages = layout::layout(document, pack);
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = format!("{} · {} · {}/{count}", document.title, document.reference, i + 1);
        page.push(Item::Text {
            x: 64.0,
            y: FOOTER_Y,
            size: 8.0,
            gray: 0.35,
            text: footer,
        });
    }

    let mut used: Vec<char> = Vec::new();
    for item in pages.iter().flatten() {
        if let Item::Text { text, .. } = item {
            used.extend(text.chars());
        }
    }
    used.sort_unstable();
    used.dedup();
    let missing: Vec<char> = used.iter().copied().filter(|&c| !pack.covers(c)).collect();
    if !missing.is_empty() {
        return Err(PdfError::Unprintable(missing));
    }
    let font = pack
        .subset(used.iter().copied())
        .map_err(|e| PdfError::Font(e.0))?;

    let mut ids = (1..).map(Ref::new);
    let mut next = || ids.next().expect("unbounded");
    let catalog_id = next();
    let page_tree_id = next();
    let info_id = next();
    let type0_id = next();
    let cid_id = next();
    let descriptor_id = next();
    let program_id = next();
    let cmap_id = next();
    let metadata_id = next();
    let icc_id = next();
    let file_id = next();
    let spec_id = next();
    let page_ids: Vec<(Ref, Ref)> = (0..count).map(|_| (next(), next())).collect();

    let mut pdf = Pdf::new();
    let title = format!("{} {}", document.title, document.reference);
    let lang = document.lang.code();
    let producer = "Safrent privacy portal (pdf-writer)";

    {
        let mut catalog = pdf.catalog(catalog_id);
        catalog.pages(page_tree_id);
        catalog.metadata(metadata_id);
        catalog.lang(TextStr(lang));
        catalog.viewer_preferences().display_doc_title(true);
        catalog
            .output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr("Gray gamma 2.2"))
            .info(TextStr("Gray, gamma 2.2"))
            .dest_output_profile(icc_id);
        catalog
            .names()
            .embedded_files()
            .names()
            .insert(Str(ATTACHMENT_NAME.as_bytes()), spec_id);
        catalog.insert(Name(b"AF")).array().item(spec_id);
    }
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .creator(TextStr(producer))
        .producer(TextStr(producer));

    pdf.pages(page_tree_id)
        .kids(page_ids.iter().map(|&(page, _)| page))
        .count(count as i32);
    for (items, &(page_id, content_id)) in pages.iter().zip(&page_ids) {
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT));
        page.parent(page_tree_id);
        page.contents(content_id);
        page.resources().fonts().pair(FONT_RESOURCE, type0_id);
        page.finish();
        let content = deflate(&page_content(items, &font));
        pdf.stream(content_id, &content).filter(Filter::FlateDecode);
    }

    write_font(
        &mut pdf,
        pack,
        &font,
        [type0_id, cid_id, descriptor_id, program_id, cmap_id],
    );

    let xmp = xmp(&title, lang, producer, &stamp.iso_utc());
    pdf.metadata(metadata_id, xmp.as_bytes());
    let icc = icc::gray_profile();
    pdf.icc_profile(icc_id, &icc).n(1);

    let packed = deflate(attachment);
    let date = pdf_date(stamp);
    {
        let mut file = pdf.embedded_file(file_id, &packed);
        file.subtype(Name(b"application/json"));
        file.filter(Filter::FlateDecode);
        file.params()
            .size(attachment.len() as i32)
            .modification_date(date);
    }
    pdf.file_spec(spec_id)
        .path(Str(ATTACHMENT_NAME.as_bytes()))
        .unic_file(TextStr(ATTACHMENT_NAME))
        .description(TextStr("Request data (JSON)"))
        .association_kind(AssociationKind::Source)
        .embedded_file_with_unicode(file_id);

    let digest = crate::sha256::digest(&[attachment, document.reference.as_bytes()].concat());
    pdf.set_file_id((digest[..16].to_vec(), digest[..16].to_vec()));
    Ok(pdf.finish())
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn pdf_date(stamp: Instant) -> pdf_writer::Date {
    let d = stamp.date();
    let (hour, minute, second) = stamp.time_of_day();
    pdf_writer::Date::new(d.year() as u16)
        .month(d.month())
        .day(d.day())
        .hour(hour)
        .minute(minute)
        .second(second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The page's drawing operators.
fn page_content(items: &[Item], font: &DocumentFont) -> Vec<u8> {
    let mut content = Content::new();
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                gray,
                text,
            } => {
                let cids: Vec<u8> = text
                    .chars()
                    .filter_map(|c| font.chars.get(&c))
                    .flat_map(|&(cid, _)| cid.to_be_bytes())
                    .collect();
                content.set_fill_gray(*gray);
                content.begin_text();
                content.set_font(FONT_RESOURCE, *size);
                content.next_line(*x, *y);
                content.show(Str(&cids));
                content.end_text();
            }
            Item::Rule { x1, y1, x2, y2 } => {
                content.set_stroke_gray(0.0);
                content.set_line_width(0.6);
                content.move_to(*x1, *y1);
                content.line_to(*x2, *y2);
                content.stroke();
            }
            Item::Strokes(strokes) => {
                content.set_stroke_gray(0.0);
                content.set_line_width(1.4);
                content.set_line_cap(LineCapStyle::RoundCap);
                content.set_line_join(LineJoinStyle::RoundJoin);
                for stroke in strokes {
                    let Some(&(x, y)) = stroke.first() else { continue };
                    content.move_to(x, y);
                    if stroke.len() == 1 {
                        content.line_to(x, y); // a dot
                    }
                    for &(x, y) in &stroke[1..] {
                        content.line_to(x, y);
                    }
                    content.stroke();
                }
            }
        }
    }
    content.finish().into_vec()
}

/// The Type 0 font, its CID font, descriptor, program and ToUnicode map.
fn write_font(
    pdf: &mut Pdf,
    pack: &FontPack,
    font: &DocumentFont,
    [type0_id, cid_id, descriptor_id, program_id, cmap_id]: [Ref; 5],
) {
    let m = &pack.metrics;
    let scale = |v: i16| v as f32 * 1000.0 / m.units_per_em as f32;
    // A subset's name starts with a tag derived from its glyphs (ISO 32000 9.6.4).
    let tag_seed = crate::sha256::digest(&font.chars.keys().collect::<String>().into_bytes());
    let tag: String = tag_seed[..6].iter().map(|b| (b'A' + b % 26) as char).collect();
    let base_font = format!("{tag}+{}", pack.name);
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };

    pdf.type0_font(type0_id)
        .base_font(Name(base_font.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);

    {
        let mut cid = pdf.cid_font(cid_id);
        cid.subtype(CidFontType::Type2);
        cid.base_font(Name(base_font.as_bytes()));
        cid.system_info(system_info);
        cid.font_descriptor(descriptor_id);
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
        let mut by_cid: Vec<(u16, f32)> = font
            .chars
            .values()
            .map(|&(cid, advance)| (cid, advance as f32 * 1000.0 / m.units_per_em as f32))
            .collect();
        by_cid.sort_by_key(|&(cid, _)| cid);
        by_cid.dedup_by_key(|&mut (cid, _)| cid);
        let mut widths = cid.widths();
        for (cid, width) in by_cid {
            widths.consecutive(cid, [width]);
        }
    }

    let [x0, y0, x1, y1] = m.bbox;
    pdf.font_descriptor(descriptor_id)
        .name(Name(base_font.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(scale(x0), scale(y0), scale(x1), scale(y1)))
        .italic_angle(0.0)
        .ascent(scale(m.ascender))
        .descent(scale(m.descender))
        .cap_height(scale(m.cap_height))
        .stem_v(80.0)
        .font_file2(program_id);

    let program = deflate(&font.program);
    pdf.stream(program_id, &program)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), font.program.len() as i32);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
    for (&c, &(cid, _)) in &font.chars {
        cmap.pair(cid, c);
    }
    let cmap = cmap.finish();
    pdf.cmap(cmap_id, cmap.as_slice())
        .name(Name(b"Custom"))
        .system_info(system_info);
}

/// The XMP packet: PDF/A-3b identification and the same title and producer as the Info dictionary.
fn xmp(title: &str, lang: &str, producer: &str, time: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<xmp:CreateDate>{time}</xmp:CreateDate><xmp:ModifyDate>{time}</xmp:ModifyDate>\
<xmp:MetadataDate>{time}</xmp:MetadataDate>\n\
<xmp:CreatorTool>{producer}</xmp:CreatorTool><pdf:Producer>{producer}</pdf:Producer>\n\
</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = esc(title),
        producer = esc(producer),
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
