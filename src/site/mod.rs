//! The static site build, run natively by trunk's hooks (see `Trunk.toml`):
//! - before trunk reads `index.html`: render `notice/*.md` into the page's HTML ([`page`]);
//! - after trunk has written its output: move trunk's inline loader script into a file, so the
//!   Content-Security-Policy needs no `'unsafe-inline'` and no per-build hash ([`loader`]).
//!
//! Not compiled to WebAssembly.

pub mod loader;
pub mod page;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::notice::front_matter::{self, FrontMatter};
use crate::notice::render::{self, Rendered};

/// One notice file, parsed and rendered.
#[derive(Clone, Debug)]
pub struct Notice {
    pub front: FrontMatter,
    pub rendered: Rendered,
}

/// A build failure, naming the file it is about.
#[derive(Debug)]
pub struct SiteError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for SiteError {}

impl SiteError {
    pub fn new(file: impl AsRef<Path>, message: impl fmt::Display) -> SiteError {
        SiteError {
            file: file.as_ref().to_owned(),
            message: message.to_string(),
        }
    }
}

/// Parses and renders one notice file's text; `file` names it in errors.
pub fn load_notice(file: &Path, source: &str) -> Result<Notice, SiteError> {
    let (front, body) = front_matter::parse(source).map_err(|e| SiteError::new(file, e))?;
    let rendered = render::render(body).map_err(|e| SiteError::new(file, e))?;
    Ok(Notice { front, rendered })
}

/// Reads `dir/<lang>.md` for every language.
pub fn load_notices(dir: &Path) -> Result<Vec<Notice>, SiteError> {
    Lang::ALL
        .iter()
        .map(|lang| {
            let file = dir.join(format!("{}.md", lang.code()));
            let source = std::fs::read_to_string(&file).map_err(|e| SiteError::new(&file, e))?;
            let notice = load_notice(&file, &source)?;
            if notice.front.lang != *lang {
                return Err(SiteError::new(
                    &file,
                    format!(
                        "front matter says lang: {}, the file name says {lang}",
                        notice.front.lang
                    ),
                ));
            }
            Ok(notice)
        })
        .collect()
}
