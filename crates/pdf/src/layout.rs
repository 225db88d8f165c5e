//! Puts the document on A4 pages: page 1's letterhead where SFS 2487 and the window envelope want
//! it ([`super::geometry`]), then the blocks, broken into lines ([`super::text`]) and pages. Every
//! drawn thing names the structure element it belongs to (heading, paragraph, list item, table
//! cell, figure) or says it is an artifact (footer, page number, fold marks), so the writer can tag
//! the PDF. Pure geometry: coordinates are points from the page's top-left corner.

use super::geometry::*;
use super::text::{self, FontSet, Line, Weight};
use crate::document::{Block, Document};
use portal_core::request::draft::{Signature, SIGNATURE_BOX};

const BODY: f32 = 9.0;
const LABEL: f32 = 8.0;
const H1: f32 = 15.0;
const H2: f32 = 10.5;
const SMALL: f32 = 7.5;
const HEAD: f32 = 9.0;
/// Line height as a multiple of the type size.
const LEADING: f32 = 1.22;
const LABEL_WIDTH: f32 = 130.0;
const GAP: f32 = 10.0;
const SIGNATURE_SIZE: (f32, f32) = (110.0, 44.0);
const TYPED_SIGNATURE: f32 = 22.0;
const LABEL_GRAY: f32 = 0.3;

/// What a structure element is.
#[derive(Clone, Debug, PartialEq)]
pub enum Role {
    /// The document's title (H1) and the section headings (H2), with their text.
    Title(String),
    Heading(String),
    Paragraph,
    /// An item of list `list` (the letterhead's sender and recipient).
    ListItem {
        list: usize,
    },
    /// A cell of table `table`; `header` cells label their row.
    Cell {
        table: usize,
        row: usize,
        header: bool,
    },
    Figure {
        alt: String,
    },
}

/// Who a drawn thing belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The structure element with this index in [`Layout::roles`].
    Node(usize),
    /// Page numbers and the footer.
    Pagination,
    /// Fold marks.
    Decoration,
}

/// Something drawn.
pub enum Content {
    /// A set line: `x` and `baseline` place its start.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        gray: f32,
        line: Line,
    },
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        gray: f32,
    },
    /// A drawn signature's strokes, in page coordinates.
    Strokes(Vec<Vec<(f32, f32)>>),
}

pub struct Placed {
    pub owner: Owner,
    pub content: Content,
}

/// The pages and the structure elements, in reading order.
pub struct Layout {
    pub pages: Vec<Vec<Placed>>,
    pub roles: Vec<Role>,
}

impl Layout {
    /// The text of every line, page by page (tests and debugging).
    pub fn texts(&self) -> Vec<Vec<String>> {
        self.pages
            .iter()
            .map(|page| {
                page.iter()
                    .filter_map(|p| match &p.content {
                        Content::Text { line, .. } => Some(line.text.to_string()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }
}

struct Flow<'a> {
    fonts: &'a FontSet,
    pages: Vec<Vec<Placed>>,
    roles: Vec<Role>,
    /// The next line's top, from the page's top edge.
    y: f32,
    tables: usize,
    lists: usize,
}

/// Lays out `document` in `fonts`.
pub fn layout(document: &Document, fonts: &FontSet) -> Layout {
    let mut flow = Flow {
        fonts,
        pages: vec![Vec::new()],
        roles: Vec::new(),
        y: FIRST_PAGE_TEXT_TOP,
        tables: 0,
        lists: 0,
    };
    flow.letterhead(document);
    for (i, block) in document.blocks.iter().enumerate() {
        let next_is_signature = matches!(document.blocks.get(i + 1), Some(Block::Signature { .. }));
        match block {
            Block::Title(text) => {
                let node = flow.node(Role::Title(text.clone()));
                flow.paragraph(node, text, LEFT, TEXT_WIDTH, H1, 0.0, 1.2, Weight::Bold);
                flow.y += 4.0;
            }
            Block::Heading(text) => {
                flow.space(6.0);
                // Keep a heading with what follows.
                let following = if next_is_signature {
                    SIGNATURE_SIZE.1 + BODY * 3.0
                } else {
                    BODY * LEADING * 2.0
                };
                flow.need(H2 * 1.3 + following);
                let node = flow.node(Role::Heading(text.clone()));
                flow.paragraph(node, text, LEFT, TEXT_WIDTH, H2, 0.0, 1.3, Weight::Bold);
                flow.y += 2.0;
            }
            Block::Paragraph(text) => {
                let node = flow.node(Role::Paragraph);
                flow.paragraph(node, text, LEFT, TEXT_WIDTH, BODY, 0.0, LEADING, Weight::Regular);
                flow.y += 2.5;
            }
            Block::Small(text) => {
                flow.space(8.0);
                let node = flow.node(Role::Paragraph);
                flow.paragraph(
                    node,
                    text,
                    LEFT,
                    TEXT_WIDTH,
                    SMALL,
                    0.25,
                    LEADING,
                    Weight::Regular,
                );
            }
            Block::Pairs(pairs) => flow.table(pairs),
            Block::Signature {
                signature,
                place_date,
                name,
                note,
                alt,
            } => flow.signature(signature, place_date, name, note, alt),
        }
    }
    flow.footers(document);
    Layout {
        pages: flow.pages,
        roles: flow.roles,
    }
}

impl Flow<'_> {
    fn node(&mut self, role: Role) -> usize {
        self.roles.push(role);
        self.roles.len() - 1
    }

    fn page(&mut self) -> &mut Vec<Placed> {
        self.pages.last_mut().expect("one page at least")
    }

    fn place(&mut self, owner: Owner, content: Content) {
        self.page().push(Placed { owner, content });
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TEXT_TOP;
    }

    fn at_top(&self) -> bool {
        self.y
            <= if self.pages.len() == 1 {
                FIRST_PAGE_TEXT_TOP
            } else {
                TEXT_TOP
            }
    }

    /// Starts a new page unless `height` fits above the bottom margin.
    fn need(&mut self, height: f32) {
        if self.y + height > TEXT_BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn space(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// Sets a line below the last (on a new page if it does not fit); returns its baseline.
    fn line(&mut self, owner: Owner, x: f32, size: f32, gray: f32, leading: f32, line: Line) -> f32 {
        let height = size * leading;
        self.need(height);
        let baseline = self.y + size * (leading + 0.6) / 2.0;
        self.y += height;
        self.place(
            owner,
            Content::Text {
                x,
                baseline,
                size,
                gray,
                line,
            },
        );
        baseline
    }

    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        node: usize,
        text: &str,
        x: f32,
        width: f32,
        size: f32,
        gray: f32,
        leading: f32,
        weight: Weight,
    ) {
        for line in text::set(self.fonts, text, size, width, weight) {
            self.line(Owner::Node(node), x, size, gray, leading, line);
        }
    }

    /// Page 1's head: sender, recipient (in the window), document name, date and reference.
    fn letterhead(&mut self, document: &Document) {
        let head = &document.letterhead;
        // The sender: shrink to fit rows 3–8; the body repeats every detail in full.
        let fits = |size: f32, fonts: &FontSet| -> Vec<Line> {
            head.sender
                .iter()
                .flat_map(|l| text::set(fonts, l, size, SENDER_WIDTH, Weight::Regular))
                .collect()
        };
        let mut size = HEAD;
        let mut lines = fits(size, self.fonts);
        while lines.len() as f32 * size * 1.2 > f32::from(SENDER_ROWS) * ROW && size > 7.0 {
            size -= 0.5;
            lines = fits(size, self.fonts);
        }
        let list = self.lists;
        self.lists += 1;
        let first = row_baseline(SENDER_FIRST_ROW);
        let capacity = (f32::from(SENDER_ROWS) * ROW / (size * 1.2)).floor() as usize;
        for (i, line) in lines.into_iter().take(capacity).enumerate() {
            let node = self.node(Role::ListItem { list });
            let baseline = first + i as f32 * size * 1.2;
            self.place(
                Owner::Node(node),
                Content::Text {
                    x: LEFT,
                    baseline,
                    size,
                    gray: 0.0,
                    line,
                },
            );
        }

        // The recipient's address, in the window: each line shrunk to the field's width if need be.
        let list = self.lists;
        self.lists += 1;
        for (i, text) in head.recipient.iter().take(ADDRESS_LINES).enumerate() {
            let mut size = ADDRESS_SIZE;
            while text::width(self.fonts, text, size, Weight::Regular) > ADDRESS_WIDTH && size > 6.0 {
                size -= 0.5;
            }
            let line = text::set(self.fonts, text, size, ADDRESS_WIDTH, Weight::Regular)
                .into_iter()
                .next()
                .expect("one line at least");
            let node = self.node(Role::ListItem { list });
            let baseline = ADDRESS_FIRST_BASELINE + i as f32 * ROW;
            self.place(
                Owner::Node(node),
                Content::Text {
                    x: ADDRESS_X,
                    baseline,
                    size,
                    gray: 0.0,
                    line,
                },
            );
        }

        // The basic data at the fifth column: name (bold), date, reference.
        let width = PAGE_NUMBER_X - DATA_X - 4.0;
        for (i, (text, weight)) in [
            (&head.kind, Weight::Bold),
            (&head.date, Weight::Regular),
            (&head.reference, Weight::Regular),
        ]
        .into_iter()
        .enumerate()
        {
            let node = self.node(Role::Paragraph);
            let baseline = row_baseline(SENDER_FIRST_ROW + i as u8);
            if let Some(line) = text::set(self.fonts, text, HEAD, width + COLUMN, weight)
                .into_iter()
                .next()
            {
                self.place(
                    Owner::Node(node),
                    Content::Text {
                        x: DATA_X,
                        baseline,
                        size: HEAD,
                        gray: 0.0,
                        line,
                    },
                );
            }
        }
    }

    /// Label–value rows as a table: the label (a row header) left, the value right; a label too
    /// long for its column wraps within it.
    fn table(&mut self, pairs: &[(String, String)]) {
        let table = self.tables;
        self.tables += 1;
        let value_x = LEFT + LABEL_WIDTH + GAP;
        let value_width = TEXT_WIDTH - LABEL_WIDTH - GAP;
        for (row, (label, value)) in pairs.iter().enumerate() {
            let label_lines = text::set(self.fonts, label, LABEL, LABEL_WIDTH, Weight::Regular);
            let value_lines = text::set(self.fonts, value, BODY, value_width, Weight::Regular);
            let header = self.node(Role::Cell {
                table,
                row,
                header: true,
            });
            let cell = self.node(Role::Cell {
                table,
                row,
                header: false,
            });
            // Keep the first two lines of a row together.
            self.need(BODY * LEADING * 2.0_f32.min(value_lines.len() as f32));
            let top = self.y;
            let page = self.pages.len();
            let mut label_lines = label_lines.into_iter();
            for line in value_lines {
                let baseline = self.line(Owner::Node(cell), value_x, BODY, 0.0, LEADING, line);
                if let Some(label) = label_lines.next() {
                    self.place(
                        Owner::Node(header),
                        Content::Text {
                            x: LEFT,
                            baseline,
                            size: LABEL,
                            gray: LABEL_GRAY,
                            line: label,
                        },
                    );
                }
            }
            // A label longer than its value continues below it.
            let mut y = if self.pages.len() == page {
                self.y.max(top)
            } else {
                self.y
            };
            for label in label_lines {
                let baseline = y + LABEL * (LEADING + 0.6) / 2.0;
                y += LABEL * LEADING;
                self.place(
                    Owner::Node(header),
                    Content::Text {
                        x: LEFT,
                        baseline,
                        size: LABEL,
                        gray: LABEL_GRAY,
                        line: label,
                    },
                );
            }
            self.y = y + 2.0;
        }
        self.y += 4.0;
    }

    fn signature(&mut self, signature: &Signature, place_date: &str, name: &str, note: &str, alt: &str) {
        let (width, height) = SIGNATURE_SIZE;
        self.need(height + BODY * 4.0);
        let node = self.node(Role::Paragraph);
        self.paragraph(
            node,
            place_date,
            LEFT,
            TEXT_WIDTH,
            BODY,
            0.0,
            LEADING,
            Weight::Regular,
        );
        if !matches!(signature, Signature::None) {
            let figure = Owner::Node(self.node(Role::Figure { alt: alt.to_owned() }));
            let top = self.y + 2.0;
            let bottom = top + height;
            match signature {
                Signature::Drawn(strokes) => {
                    let scale = width / SIGNATURE_BOX.0 as f32;
                    let clamp = |v: i32, max: i32| v.clamp(0, max) as f32 * scale;
                    let strokes = strokes
                        .iter()
                        .map(|stroke| {
                            stroke
                                .iter()
                                .map(|&(x, y)| {
                                    (LEFT + clamp(x, SIGNATURE_BOX.0), top + clamp(y, SIGNATURE_BOX.1))
                                })
                                .collect()
                        })
                        .collect();
                    self.place(figure, Content::Strokes(strokes));
                }
                Signature::Typed(typed) => {
                    let mut size = TYPED_SIGNATURE;
                    while text::width(self.fonts, typed.trim(), size, Weight::Regular) > TEXT_WIDTH
                        && size > 8.0
                    {
                        size -= 1.0;
                    }
                    for line in text::set(self.fonts, typed.trim(), size, TEXT_WIDTH, Weight::Regular)
                        .into_iter()
                        .take(1)
                    {
                        self.place(
                            figure,
                            Content::Text {
                                x: LEFT,
                                baseline: bottom - 12.0,
                                size,
                                gray: 0.0,
                                line,
                            },
                        );
                    }
                }
                Signature::Pen | Signature::None => {}
            }
            let line_y = bottom - 4.0;
            self.place(
                figure,
                Content::Rule {
                    from: (LEFT, line_y),
                    to: (LEFT + 260.0, line_y),
                    width: 0.6,
                    gray: 0.0,
                },
            );
            self.y = line_y + 2.0;
        }
        let node = self.node(Role::Paragraph);
        self.paragraph(node, name, LEFT, TEXT_WIDTH, BODY, 0.0, LEADING, Weight::Regular);
        // Room for the descenders of scripts that reach deep (Arabic, Devanagari) above the note.
        self.y += 3.0;
        let node = self.node(Role::Paragraph);
        self.paragraph(
            node,
            note,
            LEFT,
            TEXT_WIDTH,
            LABEL,
            LABEL_GRAY,
            LEADING,
            Weight::Regular,
        );
    }

    /// Page numbers ("1 (3)") top right, the footer, and fold marks on page 1.
    fn footers(&mut self, document: &Document) {
        let count = self.pages.len();
        let fonts = self.fonts;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = format!("{} ({count})", i + 1);
            if let Some(line) = text::set(fonts, &number, HEAD, COLUMN * 2.0, Weight::Regular)
                .into_iter()
                .next()
            {
                page.push(Placed {
                    owner: Owner::Pagination,
                    content: Content::Text {
                        x: PAGE_NUMBER_X,
                        baseline: row_baseline(SENDER_FIRST_ROW),
                        size: HEAD,
                        gray: 0.0,
                        line,
                    },
                });
            }
            let footer = format!("{} · {} · {}/{count}", document.title, document.reference, i + 1);
            if let Some(line) = text::set(fonts, &footer, SMALL, TEXT_WIDTH, Weight::Regular)
                .into_iter()
                .next()
            {
                page.push(Placed {
                    owner: Owner::Pagination,
                    content: Content::Text {
                        x: LEFT,
                        baseline: FOOTER_BASELINE,
                        size: SMALL,
                        gray: 0.35,
                        line,
                    },
                });
            }
        }
        let (x0, x1) = FOLD_MARK_X_MM;
        for y in FOLD_MARKS_MM {
            self.pages[0].push(Placed {
                owner: Owner::Decoration,
                content: Content::Rule {
                    from: (x0 * PT_PER_MM, y * PT_PER_MM),
                    to: (x1 * PT_PER_MM, y * PT_PER_MM),
                    width: 0.4,
                    gray: 0.5,
                },
            });
        }
    }
}
