//! Text for the PDF: choosing a font per character (DejaVu Sans for Latin, Greek and Cyrillic,
//! then the font pieces of other scripts), bidirectional order (Unicode Bidi Algorithm, through
//! `unicode-bidi`), shaping (HarfBuzz's algorithm through `harfrust`: Arabic joining, Indic and
//! Thai clusters, marks) and line breaking. The result is lines of positioned glyphs, each glyph
//! knowing the text it stands for, which krilla writes with a ToUnicode map, so the PDF's text
//! can be selected, searched and extracted in logical order.

use std::ops::Range;
use std::sync::Arc;

use harfrust::{Direction, ShapeOptions, ShaperData, UnicodeBuffer};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use unicode_bidi::{BidiInfo, Level};

use portal_core::request::validate::is_line_break;

/// Why a font could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontError(pub String);

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One font file, ready to shape with and to embed.
pub struct Face {
    pub name: String,
    data: Arc<Vec<u8>>,
    index: u32,
    pdf: Font,
    shaper: ShaperData,
    units_per_em: f32,
    /// Ascender and descender (negative) as fractions of the em.
    pub ascent: f32,
    pub descent: f32,
}

impl Face {
    /// Reads a TrueType/OpenType font (face `index` of a collection).
    pub fn new(name: &str, data: Vec<u8>, index: u32) -> Result<Face, FontError> {
        let data = Arc::new(data);
        let bad = |what: &str| FontError(format!("{name}: {what}"));
        let font = skrifa::FontRef::from_index(&data, index).map_err(|_| bad("not a font"))?;
        let metrics = font.metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let shaper = ShaperData::new(&font);
        let pdf_data: krilla::Data = Arc::clone(&data).into();
        let pdf = Font::new(pdf_data, index).ok_or_else(|| bad("krilla cannot read it"))?;
        Ok(Face {
            name: name.to_owned(),
            ascent: metrics.ascent / units_per_em,
            descent: metrics.descent / units_per_em,
            data,
            index,
            pdf,
            shaper,
            units_per_em,
        })
    }

    fn font_ref(&self) -> skrifa::FontRef<'_> {
        // Checked in `new`.
        skrifa::FontRef::from_index(&self.data, self.index).expect("parsed before")
    }

    /// Whether the font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.font_ref().charmap().map(c).is_some_and(|g| g.to_u32() != 0)
    }

    pub fn pdf_font(&self) -> Font {
        self.pdf.clone()
    }

    /// Shapes `text[range]` in one direction; glyph clusters are byte offsets into `text`.
    fn shape(&self, text: &str, range: Range<usize>, rtl: bool) -> Vec<Glyph> {
        let font = self.font_ref();
        let shaper = self.shaper.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&text[range.clone()]);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let shaped = shaper.shape(buffer, ShapeOptions::new());
        let scale = 1.0 / self.units_per_em;
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: info.glyph_id,
                cluster: range.start + info.cluster as usize,
                advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
            })
            .collect()
    }
}

#[derive(Clone, Copy, Debug)]
struct Glyph {
    id: u32,
    /// Byte offset of the cluster's start in the shaped text.
    cluster: usize,
    /// In ems.
    advance: f32,
    x_offset: f32,
    y_offset: f32,
}

/// The weight a text is set in. Bold falls back to the regular face for characters it lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The fonts of one document: the base faces (regular and bold) and the pieces for other scripts,
/// tried in order.
pub struct FontSet {
    pub faces: Vec<Face>,
}

/// Index of the regular base face in [`FontSet::faces`]; the bold one is next.
pub const REGULAR: usize = 0;
pub const BOLD: usize = 1;

impl FontSet {
    /// `regular` and `bold` first, then `pieces` in the order they should be tried.
    pub fn new(regular: Face, bold: Face, pieces: Vec<Face>) -> FontSet {
        let mut faces = vec![regular, bold];
        faces.extend(pieces);
        FontSet { faces }
    }

    /// Characters that are layout, not glyphs.
    fn invisible(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    }

    /// The characters of `text` no font of the set can show, each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars() {
            if !Self::invisible(c) && !self.faces.iter().any(|f| f.covers(c)) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// The face for `c`: the base face of the weight for the letters it has; otherwise the face
    /// in use if it has `c` (spaces, marks and punctuation stay with their script); otherwise the
    /// first face that has it.
    fn pick(&self, c: char, weight: Weight, current: Option<usize>) -> Option<usize> {
        let base = match weight {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        };
        if c.is_alphabetic() && self.faces[base].covers(c) {
            return Some(base);
        }
        if let Some(current) = current {
            if Self::invisible(c) || self.faces[current].covers(c) {
                return Some(current);
            }
        }
        if self.faces[base].covers(c) {
            return Some(base);
        }
        (0..self.faces.len()).find(|&i| i != BOLD && self.faces[i].covers(c))
    }

    /// Runs of `text[range]` that share a face and a bidi level, in logical order.
    fn itemise(
        &self,
        text: &str,
        range: Range<usize>,
        levels: &[Level],
        weight: Weight,
    ) -> Vec<(Range<usize>, usize, Level)> {
        let mut runs: Vec<(Range<usize>, usize, Level)> = Vec::new();
        let mut current = None;
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            let face = self.pick(c, weight, current).unwrap_or(REGULAR);
            current = Some(face);
            let level = levels[at];
            match runs.last_mut() {
                Some((r, f, l)) if *f == face && *l == level => r.end = at + c.len_utf8(),
                _ => runs.push((at..at + c.len_utf8(), face, level)),
            }
        }
        runs
    }
}

/// A run of glyphs in one face, ready for krilla: `x` is its start from the line's start.
pub struct Run {
    pub face: usize,
    pub x: f32,
    pub glyphs: Vec<KrillaGlyph>,
}

/// One set line: its text (the ranges of the glyphs point into it), width and runs left to right.
pub struct Line {
    pub text: Arc<str>,
    pub width: f32,
    pub runs: Vec<Run>,
}

/// A unit of line breaking: one cluster in logical order.
struct Unit {
    range: Range<usize>,
    width: f32,
    space: bool,
    /// A line may break after this unit.
    break_after: bool,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Sets `text` at `size` points in lines no wider than `width`: breaking at spaces, between CJK
/// characters, and inside a word (between clusters) only when the word alone is too wide. Hard
/// line breaks are kept; tabs become spaces.
pub fn set(fonts: &FontSet, text: &str, size: f32, width: f32, weight: Weight) -> Vec<Line> {
    let text = plain(text);
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let hard: Arc<str> = Arc::from(hard);
        if hard.is_empty() {
            lines.push(Line {
                text: hard,
                width: 0.0,
                runs: Vec::new(),
            });
            continue;
        }
        let bidi = BidiInfo::new(&hard, Some(Level::ltr()));
        let units = units(fonts, &hard, &bidi.levels, weight, size);
        for range in break_lines(&units, width) {
            lines.push(line(fonts, &hard, &bidi, range, weight, size));
        }
    }
    lines
}

/// `text` with every kind of line break as `\n`, tabs as spaces and no other control
/// characters: a font has no glyph for them (the form cleans them from what is typed; this keeps
/// any that get here from breaking the PDF).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            c if is_line_break(c) => out.push('\n'),
            '\t' => out.push(' '),
            // A byte order mark draws nothing, and a PDF may not map a glyph to it.
            c if c.is_control() || c == '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` is only characters that steer the bidirectional order (embeddings, overrides,
/// isolates): they order the line but draw nothing, so no glyph stands for them.
fn only_direction_controls(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(portal_core::request::validate::is_direction_control)
}

/// The clusters of `text`, in logical order, with their widths at `size`.
fn units(fonts: &FontSet, text: &str, levels: &[Level], weight: Weight, size: f32) -> Vec<Unit> {
    let mut units = Vec::new();
    for (range, face, level) in fonts.itemise(text, 0..text.len(), levels, weight) {
        let mut glyphs = fonts.faces[face].shape(text, range.clone(), level.is_rtl());
        glyphs.sort_by_key(|g| g.cluster);
        let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
        starts.dedup();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(range.end);
            let advance: f32 = glyphs
                .iter()
                .filter(|g| g.cluster == start)
                .map(|g| g.advance)
                .sum();
            let s = &text[start..end];
            let advance = if only_direction_controls(s) { 0.0 } else { advance };
            units.push(Unit {
                range: start..end,
                width: advance * size,
                space: s.chars().all(|c| c == ' '),
                break_after: false,
            });
        }
    }
    for i in 0..units.len() {
        let cjk = |u: &Unit| text[u.range.clone()].chars().any(is_cjk);
        let next_cjk = units.get(i + 1).is_some_and(cjk);
        units[i].break_after = units[i].space || cjk(&units[i]) || next_cjk;
    }
    units
}

/// Greedy line breaking over the units; returns each line's byte range without trailing spaces.
fn break_lines(units: &[Unit], width: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0; // unit index
    while start < units.len() {
        // Leading spaces of a continuation line are dropped.
        while start < units.len() && units[start].space && !lines.is_empty() {
            start += 1;
        }
        if start >= units.len() {
            break;
        }
        let mut used = 0.0;
        let mut end = start;
        let mut last_break = None;
        while end < units.len() {
            let u = &units[end];
            if used + u.width > width && end > start && !u.space {
                break;
            }
            used += u.width;
            if u.break_after {
                last_break = Some(end + 1);
            }
            end += 1;
        }
        let cut = if end == units.len() {
            end
        } else {
            last_break.filter(|&b| b > start).unwrap_or(end.max(start + 1))
        };
        let mut last = cut;
        while last > start && units[last - 1].space {
            last -= 1;
        }
        let range = if last > start {
            units[start].range.start..units[last - 1].range.end
        } else {
            units[start].range.start..units[start].range.start
        };
        lines.push(range);
        start = cut;
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// Shapes one line in visual order.
fn line(
    fonts: &FontSet,
    text: &Arc<str>,
    bidi: &BidiInfo,
    range: Range<usize>,
    weight: Weight,
    size: f32,
) -> Line {
    let mut runs = Vec::new();
    let mut x = 0.0;
    if range.is_empty() {
        return Line {
            text: Arc::clone(text),
            width: 0.0,
            runs,
        };
    }
    let para = &bidi.paragraphs[0];
    let (levels, visual) = bidi.visual_runs(para, range);
    for run in visual {
        let level = levels[run.start];
        let mut pieces = fonts.itemise(text, run, &levels, weight);
        if level.is_rtl() {
            pieces.reverse();
        }
        for (piece, face, level) in pieces {
            let shaped = fonts.faces[face].shape(text, piece.clone(), level.is_rtl());
            // Each glyph stands for its cluster's text: the cluster runs to the next cluster in
            // logical order.
            let mut starts: Vec<usize> = shaped.iter().map(|g| g.cluster).collect();
            starts.sort_unstable();
            starts.dedup();
            let end_of = |start: usize| -> usize {
                let i = starts.partition_point(|&s| s <= start);
                starts.get(i).copied().unwrap_or(piece.end)
            };
            let mut width = 0.0;
            let glyphs: Vec<KrillaGlyph> = shaped
                .iter()
                .filter(|g| !only_direction_controls(&text[g.cluster..end_of(g.cluster)]))
                .map(|g| {
                    width += g.advance;
                    KrillaGlyph::new(
                        GlyphId::new(g.id),
                        g.advance,
                        g.x_offset,
                        g.y_offset,
                        0.0,
                        g.cluster..end_of(g.cluster),
                        None,
                    )
                })
                .collect();
            if glyphs.is_empty() {
                continue;
            }
            runs.push(Run { face, x, glyphs });
            x += width * size;
        }
    }
    Line {
        text: Arc::clone(text),
        width: x,
        runs,
    }
}

/// The width of `text` set on one line at `size`.
pub fn width(fonts: &FontSet, text: &str, size: f32, weight: Weight) -> f32 {
    set(fonts, text, size, f32::INFINITY, weight)
        .iter()
        .map(|l| l.width)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text breaks a line where the form sees a line break, and nowhere else.
    #[test]
    fn every_line_break_and_only_one_starts_a_line() {
        for c in ('\0'..='\u{3000}').chain(['\u{FEFF}']) {
            let text = plain(&format!("a{c}b"));
            assert_eq!(text.contains('\n'), is_line_break(c), "U+{:04X}", u32::from(c));
            if is_line_break(c) {
                assert_eq!(text, "a\nb", "U+{:04X}", u32::from(c));
            }
        }
    }
}
