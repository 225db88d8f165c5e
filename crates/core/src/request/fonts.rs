//! Which font files a text needs: the manifest the build writes (`fonts.<hash>.json`, see
//! `site-build fonts`) and the pure decision over it. The writer's worker always has the base
//! faces (DejaVu Sans and DejaVu Sans Bold cut to Latin, Greek and Cyrillic); the fonts of other
//! scripts come in pieces by Unicode range, and only the pieces a customer's text needs are
//! fetched. The form calls [`Manifest::needs`] to tell the customer, before any download, which
//! characters no font covers (`Problem::Unprintable`).

use serde::{Deserialize, Serialize};

/// The format of the manifest (`fonts.<hash>.json`).
pub const MANIFEST_VERSION: u32 = 1;

/// Inclusive ranges of code points, sorted and not overlapping.
pub type Ranges = Vec<(u32, u32)>;

/// The manifest: every file the build wrote for the writer, by content-hashed name (relative
/// to the manifest's own URL).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: u32,
    /// The worker's module (wasm-bindgen's JS) and its WebAssembly, when the build script added
    /// them.
    #[serde(default)]
    pub writer: Option<WriterFiles>,
    /// The base faces, always loaded with the writer.
    pub regular: FontFile,
    pub bold: FontFile,
    /// The pieces of other scripts' fonts, in the order the writer tries them.
    pub pieces: Vec<FontFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriterFiles {
    /// wasm-bindgen's JS module.
    pub module: String,
    pub wasm: String,
    /// The worker script (a module worker) that loads `module` and answers messages.
    pub worker: String,
}

/// One font file: its name, the font it was cut from, the code points it maps, its size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontFile {
    pub file: String,
    /// The source font ("NotoSansArabic-Regular", "NotoSansCJK-Regular #2 (SC)").
    pub font: String,
    pub ranges: Ranges,
    pub bytes: u64,
}

impl FontFile {
    pub fn covers(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.ranges.partition_point(|&(_, last)| last < c);
        self.ranges.get(i).is_some_and(|&(first, _)| first <= c)
    }
}

/// What a text needs: the pieces to fetch (indices into [`Manifest::pieces`], in manifest order)
/// and the characters nothing covers (each once, in order of appearance).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    pub pieces: Vec<usize>,
    pub uncovered: Vec<char>,
}

/// Characters that are layout, not glyphs: they need no font.
pub fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl Manifest {
    /// Whether this is a manifest of the format this code reads (a page or worker left over from
    /// an older deploy must not misread a newer one).
    pub fn check(&self) -> Result<(), String> {
        if self.version == MANIFEST_VERSION {
            Ok(())
        } else {
            Err(format!(
                "font manifest version {}, this writer reads {MANIFEST_VERSION}",
                self.version
            ))
        }
    }

    /// What `text` needs beyond the base faces.
    pub fn needs(&self, text: &str) -> Needs {
        let mut needs = Needs::default();
        for c in text.chars() {
            if invisible(c) || self.regular.covers(c) {
                continue;
            }
            match self.pieces.iter().position(|p| p.covers(c)) {
                Some(i) => {
                    if !needs.pieces.contains(&i) {
                        needs.pieces.push(i);
                    }
                }
                None => {
                    if !needs.uncovered.contains(&c) {
                        needs.uncovered.push(c);
                    }
                }
            }
        }
        needs.pieces.sort_unstable();
        needs
    }

    /// The characters of `text` no font covers (for `validate`'s `missing`).
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        self.needs(text).uncovered
    }

    /// Every code point some file covers, merged (for the README and checks).
    pub fn coverage(&self) -> Ranges {
        let mut all: Ranges = std::iter::once(&self.regular)
            .chain(&self.pieces)
            .flat_map(|f| f.ranges.iter().copied())
            .collect();
        all.sort_unstable();
        merge(all)
    }
}

/// Merges sorted ranges that touch or overlap.
pub fn merge(sorted: Ranges) -> Ranges {
    let mut out: Ranges = Vec::new();
    for (first, last) in sorted {
        match out.last_mut() {
            Some((_, end)) if first <= end.saturating_add(1) => *end = (*end).max(last),
            _ => out.push((first, last)),
        }
    }
    out
}

/// Ranges from a set of code points.
pub fn ranges_of(mut points: Vec<u32>) -> Ranges {
    points.sort_unstable();
    points.dedup();
    merge(points.into_iter().map(|p| (p, p)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, ranges: Ranges) -> FontFile {
        FontFile {
            file: name.into(),
            font: name.into(),
            ranges,
            bytes: 1,
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            writer: None,
            regular: file("base", vec![(0x20, 0x7E), (0xA0, 0x24F)]),
            bold: file("bold", vec![(0x20, 0x7E)]),
            pieces: vec![
                file("arabic", vec![(0x600, 0x6FF)]),
                file("cjk-1", vec![(0x4E00, 0x4FFF)]),
                file("cjk-2", vec![(0x5000, 0x9FFF)]),
            ],
        }
    }

    #[test]
    fn a_text_needs_the_pieces_of_its_characters_and_reports_the_rest() {
        let m = manifest();
        assert_eq!(m.needs("Åsa Ł"), Needs::default());
        let needs = m.needs("李小龙 一 محمد \u{E000} x\u{E000}\n");
        assert_eq!(needs.pieces, vec![0, 1, 2]);
        assert_eq!(needs.uncovered, vec!['\u{E000}']);
        assert_eq!(m.coverage()[0], (0x20, 0x7E));
    }

    #[test]
    fn the_manifest_is_strict_json() {
        let m = manifest();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Manifest>(&json.replacen('{', "{\"x\":1,", 1)).is_err());
    }

    #[test]
    fn ranges_merge() {
        assert_eq!(ranges_of(vec![5, 1, 2, 3, 9, 10]), vec![(1, 3), (5, 5), (9, 10)]);
    }
}
