//! Cuts Debian's fonts into the PDF writer's pieces (scripts/build-writer.sh):
//!
//! ```text
//! portal-fonts <out-dir>
//!     the PDF writer's fonts (pieces by script and range) and their manifest, fonts.json
//! ```

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [out_dir] => fonts(Path::new(out_dir)),
        _ => Err("usage: portal-fonts <out-dir>".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("portal-fonts: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the PDF writer's fonts (base faces and pieces of other scripts, content-hashed) and
/// `fonts.json`, their manifest (portal_core::request::fonts), into `out_dir`.
fn fonts(out_dir: &Path) -> Result<(), String> {
    use portal_fonts::{write_all, Sources};
    let manifest = write_all(&Sources::default(), out_dir)?;
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(out_dir.join("fonts.json"), json).map_err(|e| e.to_string())?;
    let total: u64 = manifest.pieces.iter().map(|p| p.bytes).sum();
    eprintln!(
        "portal-fonts: fonts in {}: base {} + {} bytes, {} pieces ({total} bytes)",
        out_dir.display(),
        manifest.regular.bytes,
        manifest.bold.bytes,
        manifest.pieces.len()
    );
    Ok(())
}
