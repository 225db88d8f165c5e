//! The request as an A4 PDF, written with krilla in WebAssembly (the writer's worker) or natively
//! (tests). krilla enforces the standards: the export fails unless the file meets **PDF/A-3b**
//! (archival; every font embedded, `request.json` attached as the document's source with
//! `AFRelationship /Source`) and **PDF/UA-1** (accessible: tagged, title shown, language set, every
//! character mapped to Unicode, figures with alternative text, artifacts marked).
//!
//! - [`text`]: fonts, shaping, bidi and line breaking;
//! - [`geometry`]: the SFS 2487 letter and window-envelope geometry;
//! - [`layout`]: the document on pages, each drawn thing owned by a structure element;
//! - [`document`]: the request's text in the chosen language (the letter's words);
//! - [`writer`]: the worker's pure step, from a request and its font files to the PDF;
//! - this module: the pages drawn with krilla, the tag tree, metadata and the attachment.

pub mod document;
pub mod geometry;
pub mod layout;
pub mod reply;
pub mod text;
pub mod writer;

use std::num::NonZeroU16;

use krilla::color::luma;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::{Document as PdfDocument, SerializeSettings};

use crate::document::Document;
use layout::{Content, Layout, Owner, Role};
use portal_core::date::Instant;
use text::FontSet;

/// The attachment's file name inside the PDF.
pub use portal_core::request::record::ATTACHMENT_NAME;

/// The file a PDF carries as its source (PDF/A-3 `AFRelationship /Source`): a request's
/// `request.json`, a reply's `reply.json`.
#[derive(Clone, Copy, Debug)]
pub struct Attachment<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub data: &'a [u8],
}

impl<'a> Attachment<'a> {
    /// A request's data, `request.json`.
    pub fn request(data: &'a [u8]) -> Attachment<'a> {
        Attachment {
            name: ATTACHMENT_NAME,
            description: "Request data (JSON)",
            data,
        }
    }
}

/// Who made the file (metadata).
pub const PRODUCER: &str = "privacy-portal (krilla)";

/// Why no PDF could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// No font has these characters (the form reports them before it offers the download).
    Unprintable(Vec<char>),
    /// krilla refused to export (a standard would be broken, or a font could not be embedded).
    Export(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Unprintable(chars) => write!(f, "no font has {chars:?}"),
            PdfError::Export(e) => write!(f, "export: {e}"),
        }
    }
}

/// The text `document` shows, for checking it against the fonts before laying it out.
fn all_text(document: &Document) -> String {
    use crate::document::Block;
    let h = &document.letterhead;
    let mut out = [&h.kind, &h.date, &h.reference, &document.title]
        .map(|s| s.as_str())
        .join("\n");
    for line in h.sender.iter().chain(&h.recipient) {
        out.push('\n');
        out.push_str(line);
    }
    for block in &document.blocks {
        out.push('\n');
        match block {
            Block::Title(s) | Block::Heading(s) | Block::Paragraph(s) | Block::Small(s) => out.push_str(s),
            Block::Pairs(pairs) => {
                for (k, v) in pairs {
                    out.push_str(k);
                    out.push('\n');
                    out.push_str(v);
                }
            }
            Block::Signature {
                signature,
                place_date,
                name,
                note,
                ..
            } => {
                if let portal_core::request::draft::Signature::Typed(t) = signature {
                    out.push_str(t);
                }
                for s in [place_date, name, note] {
                    out.push('\n');
                    out.push_str(s);
                }
            }
        }
    }
    out.push_str("0123456789 ()·/");
    out
}

/// Writes the PDF of `document`, set in `fonts`, with `attachment` as `request.json`.
/// `stamp` is the moment of creation (metadata and the attachment's date).
pub fn render(
    document: &Document,
    fonts: &FontSet,
    attachment: &[u8],
    stamp: Instant,
) -> Result<Vec<u8>, PdfError> {
    render_with(document, fonts, Attachment::request(attachment), stamp)
}

/// Writes the PDF of `document`, set in `fonts`, carrying `attachment`.
pub fn render_with(
    document: &Document,
    fonts: &FontSet,
    attachment: Attachment<'_>,
    stamp: Instant,
) -> Result<Vec<u8>, PdfError> {
    let missing = fonts.missing(&all_text(document));
    if !missing.is_empty() {
        return Err(PdfError::Unprintable(missing));
    }
    let layout = layout::layout(document, fonts);
    write(document, fonts, &layout, attachment, stamp)
}

fn write(
    document: &Document,
    fonts: &FontSet,
    layout: &Layout,
    attachment: Attachment<'_>,
    stamp: Instant,
) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A3_B)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Export(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let lang = document.lang.code();
    let title = format!("{} {}", document.title, document.reference);
    let date = pdf_date(stamp);
    pdf.set_metadata(
        Metadata::new()
            .title(title)
            .language(lang.to_owned())
            .creator(PRODUCER.to_owned())
            .producer(PRODUCER.to_owned())
            .creation_date(date)
            .authors(vec![document
                .letterhead
                .sender
                .first()
                .cloned()
                .unwrap_or_default()]),
    );

    // Identifiers of the drawn things, per structure element, in drawing order.
    let mut owned: Vec<Vec<Identifier>> = vec![Vec::new(); layout.roles.len()];
    for page in &layout.pages {
        let mut page_handle = pdf.start_page_with(
            PageSettings::from_wh(geometry::PAGE_WIDTH, geometry::PAGE_HEIGHT).expect("A4 is a size"),
        );
        let mut surface = page_handle.surface();
        for placed in page {
            let tag = match placed.owner {
                Owner::Node(_) => match placed.content {
                    Content::Text { .. } => ContentTag::Span(SpanTag::empty()),
                    _ => ContentTag::Other,
                },
                Owner::Pagination => {
                    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Footer))
                }
                Owner::Decoration => {
                    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Other))
                }
            };
            let id = surface.start_tagged(tag);
            draw(&mut surface, fonts, &placed.content);
            surface.end_tagged();
            if let Owner::Node(node) = placed.owner {
                owned[node].push(id);
            }
        }
        surface.finish();
        page_handle.finish();
    }
    pdf.set_tag_tree(tag_tree(layout, owned, lang));
    pdf.set_outline(outline(layout));

    pdf.embed_file(EmbeddedFile {
        path: attachment.name.to_owned(),
        mime_type: MimeType::new("application/json"),
        description: Some(attachment.description.to_owned()),
        association_kind: AssociationKind::Source,
        data: attachment.data.to_vec().into(),
        modification_date: Some(date),
        compress: Some(true),
        location: None,
    })
    .ok_or_else(|| PdfError::Export("the attachment could not be embedded".into()))?;

    pdf.finish().map_err(|e| PdfError::Export(format!("{e:?}")))
}

fn gray(level: f32) -> luma::Color {
    luma::Color::new((level.clamp(0.0, 1.0) * 255.0).round() as u8)
}

fn draw(surface: &mut Surface, fonts: &FontSet, content: &Content) {
    match content {
        Content::Text {
            x,
            baseline,
            size,
            gray: g,
            line,
        } => {
            surface.set_fill(Some(Fill {
                paint: gray(*g).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            surface.set_stroke(None);
            for run in &line.runs {
                surface.draw_glyphs(
                    Point::from_xy(x + run.x, *baseline),
                    &run.glyphs,
                    fonts.faces[run.face].pdf_font(),
                    &line.text,
                    *size,
                    false,
                );
            }
        }
        Content::Rule {
            from,
            to,
            width,
            gray: g,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            stroke(surface, path, *width, *g);
        }
        Content::Strokes(strokes) => {
            let mut path = PathBuilder::new();
            for stroke in strokes {
                let Some(&(x, y)) = stroke.first() else { continue };
                path.move_to(x, y);
                if stroke.len() == 1 {
                    path.line_to(x + 0.01, y); // a dot
                }
                for &(x, y) in &stroke[1..] {
                    path.line_to(x, y);
                }
            }
            stroke(surface, path, 1.4, 0.0);
        }
    }
}

fn stroke(surface: &mut Surface, path: PathBuilder, width: f32, g: f32) {
    let Some(path) = path.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: gray(g).into(),
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// The structure tree: headings, paragraphs, the letterhead's lists, tables of label–value rows
/// and the signature figure, in reading order.
fn tag_tree(layout: &Layout, mut owned: Vec<Vec<Identifier>>, lang: &str) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
    let leaves = |ids: Vec<Identifier>| -> Vec<Node> { ids.into_iter().map(Node::Leaf).collect() };
    let mut i = 0;
    while i < layout.roles.len() {
        match &layout.roles[i] {
            Role::Title(title) => {
                let tag = Tag::Hn(NonZeroU16::MIN, Some(title.clone()));
                tree.push(TagGroup::with_children(
                    tag,
                    leaves(std::mem::take(&mut owned[i])),
                ));
                i += 1;
            }
            Role::Heading(title) => {
                let tag = Tag::Hn(NonZeroU16::new(2).expect("2 is not 0"), Some(title.clone()));
                tree.push(TagGroup::with_children(
                    tag,
                    leaves(std::mem::take(&mut owned[i])),
                ));
                i += 1;
            }
            Role::Paragraph => {
                tree.push(TagGroup::with_children(
                    Tag::P,
                    leaves(std::mem::take(&mut owned[i])),
                ));
                i += 1;
            }
            Role::Figure { alt } => {
                let tag = Tag::Figure(Some(alt.clone()));
                tree.push(TagGroup::with_children(
                    tag,
                    leaves(std::mem::take(&mut owned[i])),
                ));
                i += 1;
            }
            Role::ListItem { list } => {
                let mut items = Vec::new();
                while let Some(Role::ListItem { list: l }) = layout.roles.get(i) {
                    if l != list {
                        break;
                    }
                    let body = TagGroup::with_children(Tag::LBody, leaves(std::mem::take(&mut owned[i])));
                    items.push(Node::Group(TagGroup::with_children(Tag::LI, vec![body.into()])));
                    i += 1;
                }
                tree.push(TagGroup::with_children(Tag::L(ListNumbering::None), items));
            }
            Role::Cell { table, .. } => {
                let mut rows: Vec<Node> = Vec::new();
                let mut cells: Vec<Node> = Vec::new();
                let mut current_row = None;
                while let Some(Role::Cell {
                    table: t,
                    row,
                    header,
                }) = layout.roles.get(i)
                {
                    if t != table {
                        break;
                    }
                    if current_row.is_some_and(|r| r != *row) && !cells.is_empty() {
                        rows.push(TagGroup::with_children(Tag::TR, std::mem::take(&mut cells)).into());
                    }
                    current_row = Some(*row);
                    let kind: TagKind = if *header {
                        Tag::TH(TableHeaderScope::Row).into()
                    } else {
                        Tag::TD.into()
                    };
                    cells.push(TagGroup::with_children(kind, leaves(std::mem::take(&mut owned[i]))).into());
                    i += 1;
                }
                if !cells.is_empty() {
                    rows.push(TagGroup::with_children(Tag::TR, cells).into());
                }
                tree.push(TagGroup::with_children(Tag::Table, rows));
            }
        }
    }
    tree
}

/// Bookmarks: the title, with the headings under it (PDF/UA asks for an outline).
fn outline(layout: &Layout) -> Outline {
    let place = |node: usize| -> Option<XyzDestination> {
        layout.pages.iter().enumerate().find_map(|(page, items)| {
            items.iter().find_map(|p| match (&p.owner, &p.content) {
                (
                    Owner::Node(n),
                    Content::Text {
                        x, baseline, size, ..
                    },
                ) if *n == node => Some(XyzDestination::new(page, Point::from_xy(*x, baseline - size))),
                _ => None,
            })
        })
    };
    let mut outline = Outline::new();
    let mut root: Option<OutlineNode> = None;
    for (i, role) in layout.roles.iter().enumerate() {
        let Some(destination) = place(i) else { continue };
        match role {
            Role::Title(title) => {
                if let Some(done) = root.take() {
                    outline.push_child(done);
                }
                root = Some(OutlineNode::new(title.clone(), destination).with_open(true));
            }
            Role::Heading(title) => {
                let node = OutlineNode::new(title.clone(), destination);
                match root.as_mut() {
                    Some(root) => root.push_child(node),
                    None => outline.push_child(node),
                }
            }
            _ => {}
        }
    }
    if let Some(root) = root {
        outline.push_child(root);
    }
    outline
}

fn pdf_date(stamp: Instant) -> DateTime {
    let d = stamp.date();
    let (hour, minute, second) = stamp.time_of_day();
    DateTime::new(d.year().clamp(0, 9999) as u16)
        .month(d.month())
        .day(d.day())
        .hour(hour)
        .minute(minute)
        .second(second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
pub(crate) mod tests;
