//! Puts the document's blocks on A4 pages: greedy line breaking by the font's advance widths,
//! page breaks, and the positions of every line, rule and signature stroke. Pure geometry; the
//! writer turns it into PDF operators.

use super::font::FontPack;
use crate::request::document::{Block, Document};
use crate::request::draft::{Signature, SIGNATURE_BOX};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 64.0;
const TOP: f32 = PAGE_HEIGHT - 50.0;
const BOTTOM: f32 = 58.0;
/// Baseline of the footer line.
pub const FOOTER_Y: f32 = 40.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const LABEL_WIDTH: f32 = 150.0;
const GAP: f32 = 12.0;
/// Line height as a multiple of the type size.
const LEADING: f32 = 1.35;

const BODY: f32 = 9.5;
const LABEL: f32 = 8.5;
const HEADING: f32 = 11.5;
const TITLE: f32 = 16.0;
const SMALL: f32 = 8.0;
const SIGNATURE_SIZE: (f32, f32) = (150.0, 60.0);

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A line of text: baseline start, size, gray level (0 black).
    Text {
        x: f32,
        y: f32,
        size: f32,
        gray: f32,
        text: String,
    },
    /// A straight rule.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    /// A drawn signature's strokes, already in page coordinates.
    Strokes(Vec<Vec<(f32, f32)>>),
}

/// The pages, each a list of items (the footer is added by the writer, which knows the count).
pub fn layout(document: &Document, font: &FontPack) -> Vec<Vec<Item>> {
    let mut flow = Flow {
        font,
        pages: vec![Vec::new()],
        y: TOP,
    };
    for (i, block) in document.blocks.iter().enumerate() {
        let next_is_signature = matches!(document.blocks.get(i + 1), Some(Block::Signature { .. }));
        match block {
            Block::Title(text) => {
                flow.paragraph(text, MARGIN_X, TEXT_WIDTH, TITLE, 0.0, 1.25);
                flow.y -= 2.0;
            }
            Block::Heading(text) => {
                flow.space(7.0);
                // Keep a heading with at least two lines of what follows.
                let following = if next_is_signature {
                    SIGNATURE_SIZE.1 + BODY * 4.0
                } else {
                    BODY * 2.8
                };
                flow.need(HEADING * 1.3 + following);
                flow.paragraph(text, MARGIN_X, TEXT_WIDTH, HEADING, 0.0, 1.3);
                flow.y -= 2.0;
            }
            Block::Paragraph(text) => {
                flow.paragraph(text, MARGIN_X, TEXT_WIDTH, BODY, 0.0, LEADING);
                flow.y -= 4.0;
            }
            Block::Small(text) => {
                flow.space(8.0);
                flow.paragraph(text, MARGIN_X, TEXT_WIDTH, SMALL, 0.25, LEADING);
            }
            Block::Pairs(pairs) => {
                for (label, value) in pairs {
                    flow.pair(label, value);
                }
                flow.y -= 4.0;
            }
            Block::Signature {
                signature,
                name,
                note,
            } => flow.signature(signature, name, note),
        }
    }
    flow.pages
}

struct Flow<'a> {
    font: &'a FontPack,
    pages: Vec<Vec<Item>>,
    /// The next line's top.
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("one page at least")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits above the bottom margin.
    fn need(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn space(&mut self, height: f32) {
        if self.y < TOP {
            self.y -= height;
        }
    }

    /// Sets one line below the last (on a new page if it does not fit); returns its baseline.
    fn line(&mut self, x: f32, size: f32, gray: f32, leading: f32, text: String) -> f32 {
        let height = size * leading;
        self.need(height);
        self.y -= height;
        let y = self.y + (leading - 1.0) * size / 2.0;
        self.page().push(Item::Text {
            x,
            y,
            size,
            gray,
            text,
        });
        y
    }

    fn paragraph(&mut self, text: &str, x: f32, width: f32, size: f32, gray: f32, leading: f32) {
        for line in wrap(self.font, text, width, size) {
            self.line(x, size, gray, leading, line);
        }
    }

    /// A label and its value side by side; a label too long for its column goes above.
    /// A label and its value side by side. A label too long for its column, or a long value of
    /// several paragraphs, goes full width, the label above.
    fn pair(&mut self, label: &str, value: &str) {
        let label_lines = wrap(self.font, label, LABEL_WIDTH, LABEL);
        let stacked = label_lines.len() > 1 || value.contains('\n') && value.len() > 200;
        if stacked {
            self.paragraph(label, MARGIN_X, TEXT_WIDTH, LABEL, 0.3, LEADING);
            self.paragraph(value, MARGIN_X, TEXT_WIDTH, BODY, 0.0, LEADING);
            self.y -= 3.0;
            return;
        }
        let value_x = MARGIN_X + LABEL_WIDTH + GAP;
        let value_width = TEXT_WIDTH - LABEL_WIDTH - GAP;
        for (i, line) in wrap(self.font, value, value_width, BODY).into_iter().enumerate() {
            let baseline = self.line(value_x, BODY, 0.0, LEADING, line);
            if i == 0 {
                let text = label_lines.first().cloned().unwrap_or_default();
                self.page().push(Item::Text {
                    x: MARGIN_X,
                    y: baseline,
                    size: LABEL,
                    gray: 0.3,
                    text,
                });
            }
        }
        self.y -= 2.0;
    }

    fn signature(&mut self, signature: &Signature, name: &str, note: &str) {
        let (width, height) = SIGNATURE_SIZE;
        self.need(height + BODY * 4.0);
        let top = self.y - 4.0;
        let bottom = top - height;
        match signature {
            Signature::Drawn(strokes) => {
                let scale = width / SIGNATURE_BOX.0 as f32;
                let strokes = strokes
                    .iter()
                    .map(|stroke| {
                        stroke
                            .iter()
                            .map(|&(x, y)| (MARGIN_X + x as f32 * scale, top - y as f32 * scale))
                            .collect()
                    })
                    .collect();
                self.page().push(Item::Strokes(strokes));
            }
            Signature::Typed(typed) => {
                let size = 22.0;
                let text = wrap(self.font, typed.trim(), TEXT_WIDTH, size)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                self.page().push(Item::Text {
                    x: MARGIN_X,
                    y: bottom + 14.0,
                    size,
                    gray: 0.0,
                    text,
                });
            }
            Signature::Pen | Signature::None => {}
        }
        let line_y = bottom + 6.0;
        self.page().push(Item::Rule {
            x1: MARGIN_X,
            y1: line_y,
            x2: MARGIN_X + 260.0,
            y2: line_y,
        });
        self.y = line_y - 2.0;
        self.paragraph(name, MARGIN_X, TEXT_WIDTH, BODY, 0.0, LEADING);
        self.paragraph(note, MARGIN_X, TEXT_WIDTH, LABEL, 0.3, LEADING);
    }
}

/// Breaks `text` into lines no wider than `width` at `size`: at spaces where possible, inside a
/// word only when the word alone is too wide. Hard line breaks are kept; tabs become spaces.
pub fn wrap(font: &FontPack, text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r'], "\n")
        .replace('\t', " ");
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in hard.split(' ') {
            let word_width = font.width(word, size);
            let space = if line.is_empty() {
                0.0
            } else {
                font.advance(' ', size)
            };
            if line_width + space + word_width <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            for c in word.chars() {
                let w = font.advance(c, size);
                if line_width + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::request::pdf::font::tests::pack;

    #[test]
    fn wrapping_keeps_every_character_and_fits_the_width() {
        let font = pack();
        let text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nToinen rivi\t ja sarkain. \
                    Pitkäsanaisuusvaatimuksenmukaisuustarkastelukelvottomuus"
            .repeat(5);
        let lines = wrap(&font, &text, 120.0, 10.0);
        for line in &lines {
            assert!(font.width(line, 10.0) <= 120.0 + 0.01, "{line}");
        }
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(strip(&lines.concat()), strip(&text));
        assert_eq!(wrap(&font, "", 100.0, 10.0), vec![String::new()]);
    }

    #[test]
    fn long_documents_flow_onto_more_pages() {
        use crate::request::document::compose;
        use crate::request::record::tests::{context, draft};
        let font = pack();
        let mut draft = draft();
        draft.rights.truncate(1);
        assert_eq!(layout(&compose(&draft, &context(), "x"), &font).len(), 1);
        draft.message = "Sana ".repeat(1000);
        let pages = layout(&compose(&draft, &context(), "x"), &font);
        assert!(pages.len() >= 2, "{}", pages.len());
        for item in pages.iter().flatten() {
            if let Item::Text { y, .. } = item {
                assert!(*y >= BOTTOM - 10.0 && *y <= TOP, "{y}");
            }
        }
    }
}
