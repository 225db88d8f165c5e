//! Build time (native only, `site-build fonts`): cuts Debian's fonts into the files the writer
//! loads, each a standalone OpenType font with its own `cmap` (and, for scripts that need shaping,
//! its `GSUB`/`GPOS`), and writes the [`Manifest`].
//!
//! - The base faces: DejaVu Sans cut to Latin, Greek and Cyrillic ([`BASE_COVERAGE`]), DejaVu Sans
//!   Bold to what headings use ([`BOLD_COVERAGE`]). Hinting is dropped (a PDF needs none).
//! - Scripts that need shaping (Arabic and Persian, Hebrew, Thai, Devanagari and the other
//!   [`SCRIPTS`]): one piece per script with all of its glyphs and its layout tables, cut by
//!   `klippa` (fontations' subsetter, as published in `fontcull-klippa`), which follows GSUB
//!   closure.
//! - Chinese, Japanese and Korean: Noto Sans CJK (CFF, which klippa cannot cut) cut by `allsorts`
//!   into pieces of [`CJK_PIECE`] consecutive code points the face has (so the manifest stays a
//!   few ranges per piece; ordering by frequency would scatter them into thousands). CJK needs no
//!   shaping for names, so these pieces carry no layout tables.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fontcull_klippa::{subset_font, Plan, SubsetFlags};
use fontcull_read_fonts::collections::IntSet;
use fontcull_skrifa::{FontRef as CullFontRef, GlyphId as CullGlyphId, Tag};
use fontcull_write_fonts::types::NameId;
use skrifa::MetadataProvider;

use portal_core::request::fonts::{ranges_of, FontFile, Manifest, MANIFEST_VERSION};

/// What the writer always covers: every European Latin letter with its diacritics, Greek and
/// Cyrillic, punctuation and common symbols.
pub const BASE_COVERAGE: &[(u32, u32)] = &[
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0250, 0x02FF),
    (0x0300, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x052F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2212, 0x2212),
    (0x25CC, 0x25CC),
];

/// What bold text (headings, the document's name: the portal's own words) uses.
pub const BOLD_COVERAGE: &[(u32, u32)] = &[(0x0020, 0x007E), (0x00A0, 0x017F), (0x2010, 0x2027)];

/// Fonts of scripts that need shaping: (file in `fonts-noto-core`, the script's ranges).
pub const SCRIPTS: &[(&str, &[(u32, u32)])] = &[
    (
        "NotoSansArabic-Regular.ttf",
        &[
            (0x0600, 0x06FF),
            (0x0750, 0x077F),
            (0x08A0, 0x08FF),
            (0xFB50, 0xFDFF),
            (0xFE70, 0xFEFF),
        ],
    ),
    (
        "NotoSansHebrew-Regular.ttf",
        &[(0x0590, 0x05FF), (0xFB1D, 0xFB4F)],
    ),
    ("NotoSansThai-Regular.ttf", &[(0x0E00, 0x0E7F)]),
    (
        "NotoSansDevanagari-Regular.ttf",
        &[(0x0900, 0x097F), (0xA8E0, 0xA8FF)],
    ),
    ("NotoSansBengali-Regular.ttf", &[(0x0980, 0x09FF)]),
    ("NotoSansGurmukhi-Regular.ttf", &[(0x0A00, 0x0A7F)]),
    ("NotoSansGujarati-Regular.ttf", &[(0x0A80, 0x0AFF)]),
    ("NotoSansTamil-Regular.ttf", &[(0x0B80, 0x0BFF)]),
    ("NotoSansTelugu-Regular.ttf", &[(0x0C00, 0x0C7F)]),
    ("NotoSansKannada-Regular.ttf", &[(0x0C80, 0x0CFF)]),
    ("NotoSansMalayalam-Regular.ttf", &[(0x0D00, 0x0D7F)]),
    ("NotoSansSinhala-Regular.ttf", &[(0x0D80, 0x0DFF)]),
    ("NotoSansLao-Regular.ttf", &[(0x0E80, 0x0EFF)]),
    ("NotoSansMyanmar-Regular.ttf", &[(0x1000, 0x109F)]),
    (
        "NotoSansGeorgian-Regular.ttf",
        &[(0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)],
    ),
    (
        "NotoSansArmenian-Regular.ttf",
        &[(0x0530, 0x058F), (0xFB13, 0xFB17)],
    ),
    (
        "NotoSansEthiopic-Regular.ttf",
        &[(0x1200, 0x139F), (0x2D80, 0x2DDF)],
    ),
    ("NotoSansKhmer-Regular.ttf", &[(0x1780, 0x17FF), (0x19E0, 0x19FF)]),
];

/// Characters every shaping piece keeps for its shaper (joiners, the dotted circle), without
/// claiming them in the manifest.
const SHAPING_EXTRAS: &[u32] = &[0x200C, 0x200D, 0x25CC, 0x0020, 0x00A0];

/// Noto Sans CJK: the collection and the face used (2 = SC in Debian's collection).
pub const CJK_FILE: &str = "NotoSansCJK-Regular.ttc";
pub const CJK_FACE: u32 = 2;
/// Characters per CJK piece.
pub const CJK_PIECE: usize = 200;

/// Where Debian puts the fonts.
#[derive(Clone, Debug)]
pub struct Sources {
    pub dejavu: PathBuf,
    pub noto: PathBuf,
    pub noto_cjk: PathBuf,
}

impl Default for Sources {
    fn default() -> Sources {
        Sources {
            dejavu: "/usr/share/fonts/truetype/dejavu".into(),
            noto: "/usr/share/fonts/truetype/noto".into(),
            noto_cjk: "/usr/share/fonts/opentype/noto".into(),
        }
    }
}

/// A file the build made, before it is named.
pub struct Made {
    pub font: String,
    pub data: Vec<u8>,
    pub ranges: Vec<(u32, u32)>,
    /// The name's stem ("dejavu-sans", "arabic", "cjk-017").
    pub stem: String,
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| {
        format!(
            "{}: {e} (Debian: apt-get install fonts-dejavu-core fonts-noto-core fonts-noto-cjk)",
            path.display()
        )
    })
}

/// The code points of `ranges` that face `index` of `data` maps to a glyph.
fn mapped(data: &[u8], index: u32, ranges: &[(u32, u32)]) -> Result<Vec<u32>, String> {
    let font = skrifa::FontRef::from_index(data, index).map_err(|e| format!("{e}"))?;
    let charmap = font.charmap();
    Ok(ranges
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .filter(|&c| {
            char::from_u32(c)
                .and_then(|c| charmap.map(c))
                .is_some_and(|g| g.to_u32() != 0)
        })
        .collect())
}

/// The `name` records a cut keeps: copyright (0), family (1), subfamily (2), unique id (3), full
/// name (4), version (5) and PostScript name (6). A PDF names each embedded face by its PostScript
/// name (`BaseFont`, `FontName`: "DejaVuSans-Bold", "NotoSansArabic-Regular"); without it a
/// reader or an archive lists every face as "unknown".
const NAME_IDS: [u16; 7] = [0, 1, 2, 3, 4, 5, 6];
/// The languages of the kept records: Macintosh (0, English) and Windows (0x409, US English).
const NAME_LANGUAGES: [u16; 2] = [0, 0x409];

/// Cuts a TrueType font to `unicodes` with klippa: cmap, glyphs, layout closure, the face's
/// names ([`NAME_IDS`]); no hinting.
pub fn cut_glyf(data: &[u8], unicodes: &[u32]) -> Result<Vec<u8>, String> {
    let font = CullFontRef::new(data).map_err(|e| format!("{e:?}"))?;
    let mut set: IntSet<u32> = IntSet::empty();
    for &u in unicodes {
        set.insert(u);
    }
    let plan = Plan::new(
        &IntSet::<CullGlyphId>::empty(),
        &set,
        &font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &IntSet::<Tag>::empty(),
        &IntSet::<Tag>::all(),
        &IntSet::<Tag>::from_iter(fontcull_klippa::DEFAULT_LAYOUT_FEATURES.iter().copied()),
        &IntSet::<NameId>::from_iter(NAME_IDS.map(NameId::new)),
        &IntSet::<u16>::from_iter(NAME_LANGUAGES),
    );
    subset_font(&font, &plan).map_err(|e| format!("{e:?}"))
}

/// Cuts face `index` of an OpenType CFF font (collection) to `unicodes` with allsorts: CFF,
/// metrics and a Unicode cmap.
pub fn cut_cff(data: &[u8], index: u32, unicodes: &[u32]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let font = skrifa::FontRef::from_index(data, index).map_err(|e| format!("{e}"))?;
    let charmap = font.charmap();
    let mut glyphs: BTreeSet<u16> = BTreeSet::from([0]);
    for &u in unicodes {
        if let Some(g) = char::from_u32(u).and_then(|c| charmap.map(c)) {
            glyphs.insert(u16::try_from(g.to_u32()).map_err(|_| "glyph id".to_owned())?);
        }
    }
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let scope = ReadScope::new(data);
    let file = scope.read::<FontData<'_>>().map_err(|e| format!("{e:?}"))?;
    let provider = file
        .table_provider(index as usize)
        .map_err(|e| format!("{e:?}"))?;
    subset(&provider, &glyphs, &SubsetProfile::Minimal, CmapTarget::Unicode).map_err(|e| format!("{e:?}"))
}

/// The base faces.
pub fn base(sources: &Sources) -> Result<(Made, Made), String> {
    let mut made = Vec::new();
    for (file, coverage, stem) in [
        ("DejaVuSans.ttf", BASE_COVERAGE, "dejavu-sans"),
        ("DejaVuSans-Bold.ttf", BOLD_COVERAGE, "dejavu-sans-bold"),
    ] {
        let data = read(&sources.dejavu.join(file))?;
        let points = mapped(&data, 0, coverage)?;
        let cut = cut_glyf(&data, &points).map_err(|e| format!("{file}: {e}"))?;
        made.push(Made {
            font: file.trim_end_matches(".ttf").to_owned(),
            data: cut,
            ranges: ranges_of(points),
            stem: stem.to_owned(),
        });
    }
    let bold = made.pop().expect("two");
    let regular = made.pop().expect("two");
    Ok((regular, bold))
}

/// The shaping scripts' pieces (fonts missing from this machine are skipped with a warning,
/// unless `required`).
pub fn scripts(sources: &Sources, required: &[&str]) -> Result<Vec<Made>, String> {
    let mut out = Vec::new();
    for &(file, ranges) in SCRIPTS {
        let path = sources.noto.join(file);
        if !path.exists() && !required.contains(&file) {
            eprintln!("site-build: {} not found, its script is left out", path.display());
            continue;
        }
        let data = read(&path)?;
        let points = mapped(&data, 0, ranges)?;
        let mut keep = points.clone();
        keep.extend_from_slice(SHAPING_EXTRAS);
        let cut = match cut_glyf(&data, &keep) {
            Ok(cut) => cut,
            Err(e) if !required.contains(&file) => {
                eprintln!("site-build: {file} could not be cut ({e}), its script is left out");
                continue;
            }
            Err(e) => return Err(format!("{file}: {e}")),
        };
        let stem = file
            .trim_start_matches("NotoSans")
            .trim_end_matches("-Regular.ttf")
            .to_ascii_lowercase();
        out.push(Made {
            font: file.trim_end_matches(".ttf").to_owned(),
            data: cut,
            ranges: ranges_of(points),
            stem,
        });
    }
    Ok(out)
}

/// The ranges Noto Sans CJK is used for.
pub const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x3130, 0x318F),
    (0x3190, 0x31FF),
    (0x3200, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7AF),
    (0xD7B0, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3134F),
];

/// The CJK pieces; `only` limits them to the pieces holding these characters (for tests).
pub fn cjk(sources: &Sources, only: Option<&str>) -> Result<Vec<Made>, String> {
    let path = sources.noto_cjk.join(CJK_FILE);
    let data = read(&path)?;
    let covered: Vec<u32> = mapped(&data, CJK_FACE, CJK_RANGES)?;
    let mut out = Vec::new();
    for (n, chunk) in covered.chunks(CJK_PIECE).enumerate() {
        if let Some(only) = only {
            if !only.chars().any(|c| chunk.contains(&(c as u32))) {
                continue;
            }
        }
        let cut = cut_cff(&data, CJK_FACE, chunk).map_err(|e| format!("{CJK_FILE}: {e}"))?;
        out.push(Made {
            font: format!("NotoSansCJK-Regular #{CJK_FACE} (SC)"),
            data: cut,
            ranges: ranges_of(chunk.to_vec()),
            stem: format!("cjk-{n:03}"),
        });
    }
    Ok(out)
}

/// The SHA-256 of `data`, first 16 hex digits: the content hash in file names.
pub fn content_hash(data: &[u8]) -> String {
    portal_core::request::record::sha256_hex(data)[..16].to_owned()
}

/// Writes every file into `out_dir` under a content-hashed name and returns the manifest.
pub fn write_all(sources: &Sources, out_dir: &Path) -> Result<Manifest, String> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let (regular, bold) = base(sources)?;
    let mut pieces = scripts(
        sources,
        &[
            "NotoSansArabic-Regular.ttf",
            "NotoSansHebrew-Regular.ttf",
            "NotoSansThai-Regular.ttf",
            "NotoSansDevanagari-Regular.ttf",
        ],
    )?;
    pieces.extend(cjk(sources, None)?);
    let mut write = |made: Made| -> Result<FontFile, String> {
        let file = format!("{}.{}.otf", made.stem, content_hash(&made.data));
        std::fs::write(out_dir.join(&file), &made.data).map_err(|e| format!("{file}: {e}"))?;
        Ok(FontFile {
            file,
            font: made.font,
            ranges: made.ranges,
            bytes: made.data.len() as u64,
        })
    };
    Ok(Manifest {
        version: MANIFEST_VERSION,
        writer: None,
        regular: write(regular)?,
        bold: write(bold)?,
        pieces: pieces.into_iter().map(&mut write).collect::<Result<_, _>>()?,
    })
}
