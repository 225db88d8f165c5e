//! `site-check [FOLDER]`: checks a site folder (default: `$PORTAL_SITE`, else `site`) and prints
//! every problem as `file:line: field: what is wrong`; exits 1 if there is any.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let folder = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("PORTAL_SITE"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("site"));
    match site_folder::check_folder(&folder) {
        Ok(site) => {
            println!(
                "{}: {}'s site folder is in order ({}; {} service(s))",
                folder.display(),
                site.controller.name.full,
                site.languages
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(", "),
                site.services.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("{}: {} problem(s)", folder.display(), problems.len());
            ExitCode::FAILURE
        }
    }
}
