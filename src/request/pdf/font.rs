//! The font the request PDF is set in: DejaVu Sans, reduced at build time to the scripts a
//! customer's name may use (a *font pack*), and reduced again per document to the glyphs used.
//!
//! A font pack is the build-time subset (a TrueType font without `cmap`, see `subsetter`) behind a
//! small header that carries what the subset no longer has: the character map, the advance widths
//! and the metrics the PDF font descriptor needs. The form fetches it (`/form/…font`) when it opens.

use std::collections::BTreeMap;

/// What the PDF promises to cover: every European Latin letter with its diacritics, plus Greek
/// and Cyrillic (EU alphabets), punctuation and common symbols. Inclusive Unicode ranges.
pub const COVERAGE: &[(u32, u32)] = &[
    (0x0020, 0x007E), // Basic Latin
    (0x00A0, 0x024F), // Latin-1 Supplement, Latin Extended-A and -B
    (0x0250, 0x02FF), // IPA extensions, spacing modifier letters (ʼ, ˇ, ˘ …)
    (0x0300, 0x036F), // combining diacritical marks (names typed in decomposed form)
    (0x0370, 0x03FF), // Greek
    (0x0400, 0x052F), // Cyrillic and its supplement
    (0x1E00, 0x1EFF), // Latin Extended Additional (Vietnamese, Welsh ŵ ŷ …)
    (0x2000, 0x206F), // general punctuation (– — ‘ ’ “ ” „ • …)
    (0x20A0, 0x20BF), // currency signs (€)
    (0x2100, 0x214F), // letterlike symbols (№, ™)
    (0x2190, 0x21FF), // arrows
    (0x2212, 0x2212), // minus sign
];

const MAGIC: &[u8; 8] = b"SAFFONT1";

/// Why a font (pack) could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError(pub String);

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Metrics for the PDF font descriptor, in font units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metrics {
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    pub bbox: [i16; 4],
}

/// A parsed font pack: look up glyphs and widths, and subset for one document.
#[derive(Clone, Debug)]
pub struct FontPack {
    pub name: String,
    pub metrics: Metrics,
    /// Character → (glyph id in `font`, advance width in font units).
    glyphs: BTreeMap<char, (u16, u16)>,
    /// The build-time subset (TrueType, no `cmap`).
    font: Vec<u8>,
}

impl FontPack {
    /// Builds a pack from a TrueType font (at build time: the browser only parses packs), keeping the characters of [`COVERAGE`] it has.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn build(ttf: &[u8], name: &str) -> Result<Vec<u8>, FontError> {
        let face = ttf_parser::Face::parse(ttf, 0).map_err(|e| FontError(format!("font: {e}")))?;
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut entries = Vec::new();
        for &(first, last) in COVERAGE {
            for c in (first..=last).filter_map(char::from_u32) {
                let Some(glyph) = face.glyph_index(c) else {
                    continue;
                };
                let advance = face.glyph_hor_advance(glyph).unwrap_or(0);
                entries.push((c, remapper.remap(glyph.0), advance));
            }
        }
        let subset =
            subsetter::subset(ttf, 0, &remapper).map_err(|e| FontError(format!("subsetting: {e:?}")))?;
        let b = face.global_bounding_box();
        let metrics = Metrics {
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or(face.ascender()),
            bbox: [b.x_min, b.y_min, b.x_max, b.y_max],
        };

        let mut out = MAGIC.to_vec();
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&metrics.units_per_em.to_be_bytes());
        for v in [metrics.ascender, metrics.descender, metrics.cap_height]
            .into_iter()
            .chain(metrics.bbox)
        {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
        for (c, glyph, advance) in entries {
            out.extend_from_slice(&(c as u32).to_be_bytes());
            out.extend_from_slice(&glyph.to_be_bytes());
            out.extend_from_slice(&advance.to_be_bytes());
        }
        out.extend_from_slice(&subset);
        Ok(out)
    }

    /// Reads a pack written by [`FontPack::build`].
    pub fn parse(bytes: &[u8]) -> Result<FontPack, FontError> {
        let bad = || FontError("not a font pack".into());
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], FontError> {
            let slice = bytes.get(at..at + n).ok_or_else(bad)?;
            at += n;
            Ok(slice)
        };
        if take(8)? != MAGIC {
            return Err(bad());
        }
        let name_len = take(1)?[0] as usize;
        let name = String::from_utf8(take(name_len)?.to_vec()).map_err(|_| bad())?;
        let u16_at = |s: &[u8]| u16::from_be_bytes([s[0], s[1]]);
        let units_per_em = u16_at(take(2)?);
        let mut signed = [0i16; 7];
        for v in &mut signed {
            *v = u16_at(take(2)?) as i16;
        }
        let count = u32::from_be_bytes(take(4)?.try_into().map_err(|_| bad())?) as usize;
        let mut glyphs = BTreeMap::new();
        for _ in 0..count {
            let entry = take(8)?;
            let c = char::from_u32(u32::from_be_bytes([entry[0], entry[1], entry[2], entry[3]]))
                .ok_or_else(bad)?;
            glyphs.insert(c, (u16_at(&entry[4..6]), u16_at(&entry[6..8])));
        }
        let font = bytes[at..].to_vec();
        if font.is_empty() {
            return Err(bad());
        }
        Ok(FontPack {
            name,
            metrics: Metrics {
                units_per_em,
                ascender: signed[0],
                descender: signed[1],
                cap_height: signed[2],
                bbox: [signed[3], signed[4], signed[5], signed[6]],
            },
            glyphs,
            font,
        })
    }

    /// Whether the PDF can show `c` (line breaks and tabs are layout, not glyphs).
    pub fn covers(&self, c: char) -> bool {
        matches!(c, '\n' | '\r' | '\t') || self.glyphs.contains_key(&c)
    }

    /// The characters of `text` the font cannot show, each once, in order of appearance.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars() {
            if !self.covers(c) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// Advance width of `c` at `size` points (0 for characters the font lacks).
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let units = self.glyphs.get(&c).map_or(0, |&(_, advance)| advance);
        units as f32 * size / self.metrics.units_per_em as f32
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// The glyph of `c` in the pack's font.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.glyphs.get(&c).map(|&(glyph, _)| glyph)
    }

    /// Number of characters the pack covers.
    pub fn len(&self) -> usize {
        self.glyphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// Subsets the pack's font to the characters in `used`. Returns the font program and, per
    /// character, its glyph id in that program (which the PDF uses as CID) and advance width.
    pub fn subset(&self, used: impl IntoIterator<Item = char>) -> Result<DocumentFont, FontError> {
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut chars = BTreeMap::new();
        for c in used {
            if let Some(&(glyph, advance)) = self.glyphs.get(&c) {
                chars.insert(c, (remapper.remap(glyph), advance));
            }
        }
        let program = subsetter::subset(&self.font, 0, &remapper)
            .map_err(|e| FontError(format!("subsetting: {e:?}")))?;
        Ok(DocumentFont { program, chars })
    }
}

/// The font as embedded in one document.
#[derive(Clone, Debug)]
pub struct DocumentFont {
    /// A TrueType program with only the document's glyphs.
    pub program: Vec<u8>,
    /// Character → (CID = glyph id in `program`, advance width in font units).
    pub chars: BTreeMap<char, (u16, u16)>,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;

    /// Debian's `fonts-dejavu-core` (scripts/setup.sh installs it: the build needs it too).
    pub const DEJAVU_SANS: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    pub fn pack() -> FontPack {
        let ttf = std::fs::read(DEJAVU_SANS)
            .unwrap_or_else(|e| panic!("{DEJAVU_SANS}: {e} (apt-get install fonts-dejavu-core)"));
        FontPack::parse(&FontPack::build(&ttf, "DejaVuSans").unwrap()).unwrap()
    }

    #[test]
    fn covers_european_names_and_reports_what_it_lacks() {
        let pack = pack();
        for name in [
            "Åsa Łukasiewicz-Žemaitė",
            "Øyvind Ærø",
            "Şükrü Öztürk",
            "Dvořák Ďurovič",
            "Ilmārs Šķēle",
            "Þórður Guðmundsson",
            "Ĳsbrand",
            "Αλέξανδρος Παπαδόπουλος",
            "Дмитрий Иванов",
            "Ștefan Țiriac",
            "Nguyễn",
            "O’Brien – “quoted” „Zitat“ €",
        ] {
            assert_eq!(pack.missing(name), Vec::<char>::new(), "{name}");
        }
        assert_eq!(pack.missing("漢字 a 😀 漢"), vec!['漢', '字', '😀']);
        assert!(pack.len() > 1000, "{}", pack.len());
    }

    #[test]
    fn widths_follow_the_font() {
        let pack = pack();
        assert!(pack.width("WWW", 10.0) > pack.width("iii", 10.0));
        assert_eq!(pack.width("", 10.0), 0.0);
        // DejaVu Sans: the space is 651 of 2048 units.
        assert!((pack.advance(' ', 2048.0) - 651.0).abs() < 0.01);
    }

    #[test]
    fn rejects_what_is_not_a_pack() {
        assert!(FontPack::parse(b"").is_err());
        assert!(FontPack::parse(b"SAFFONT1\x05abc").is_err());
        assert!(FontPack::build(b"not a font", "x").is_err());
    }

    #[test]
    fn document_subset_is_small_and_maps_every_used_character() {
        let pack = pack();
        let font = pack.subset("Åsa Ł".chars()).unwrap();
        assert_eq!(font.chars.len(), 5);
        assert!(font.program.len() < 20_000, "{}", font.program.len());
        assert!(ttf_parser::Face::parse(&font.program, 0).is_ok());
    }
}
