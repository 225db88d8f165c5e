//! The site folder's `locales/<lang>.toml`: checked against each other (the same keys, the same
//! `{placeholders}`, no empty text) and turned into Rust, one `Strings` struct (a nested struct
//! per TOML table) and one constant per language, for the core's build script. Comments above a
//! key in the authoritative file (`fi.toml`) become its doc. (Moved from the root `build.rs`, which
//! now calls [`generate`]; every problem now carries its line, and all are told, not the first.)

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Document, Item, Table};

use crate::Problem;

/// The file whose keys (and comments) every other language must match.
pub const AUTHORITATIVE: &str = "fi";

/// One locale file, parsed.
pub struct Locale {
    /// The language code, the file's stem (`sv`).
    pub code: String,
    /// The file as the problems name it (`site/locales/sv.toml`).
    pub file: String,
    doc: Document<String>,
}

impl Locale {
    fn raw(&self) -> &str {
        self.doc.raw()
    }

    fn line(&self, span: Option<Range<usize>>) -> Option<usize> {
        span.map(|s| {
            self.raw().as_bytes()[..s.start.min(self.raw().len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        })
    }

    fn problem(&self, span: Option<Range<usize>>, field: &str, message: String) -> Problem {
        Problem {
            file: self.file.clone(),
            line: self.line(span),
            field: field.to_owned(),
            message,
        }
    }
}

/// Reads every `*.toml` of `dir`; `shown` is how the problems name the folder (`site/locales`).
/// Also tells cargo to rerun a build script when a file changes (`cargo::rerun-if-changed`) if
/// `rerun` is set.
pub fn read(dir: &Path, shown: &str, rerun: bool) -> Result<Vec<Locale>, Vec<Problem>> {
    let folder_problem = |message: String| Problem {
        file: shown.to_owned(),
        line: None,
        field: String::new(),
        message,
    };
    if rerun {
        println!("cargo::rerun-if-changed={}", dir.display());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| vec![folder_problem(format!("cannot be read: {e}"))])?;
    let mut locales = Vec::new();
    let mut problems = Vec::new();
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        if rerun {
            println!("cargo::rerun-if-changed={}", path.display());
        }
        let file = format!(
            "{shown}/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let Some(code) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
        else {
            problems.push(Problem {
                file,
                line: None,
                field: String::new(),
                message: "a locale file is named by a two-letter language code, e.g. sv.toml".into(),
            });
            continue;
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(Problem {
                    file,
                    line: None,
                    field: String::new(),
                    message: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        match Document::parse(text) {
            Ok(doc) => locales.push(Locale {
                code: code.to_owned(),
                file,
                doc,
            }),
            Err(e) => {
                let raw = std::fs::read_to_string(&path).unwrap_or_default();
                let line = e.span().map(|s| {
                    raw.as_bytes()[..s.start.min(raw.len())]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1
                });
                problems.push(Problem {
                    file,
                    line,
                    field: String::new(),
                    message: format!("not valid TOML: {}", e.message().trim()),
                });
            }
        }
    }
    locales.sort_by(|a, b| a.code.cmp(&b.code));
    if !locales.iter().any(|l| l.code == AUTHORITATIVE) && problems.is_empty() {
        problems.push(folder_problem(format!(
            "{AUTHORITATIVE}.toml is missing: it is the authoritative file the others are checked against"
        )));
    }
    if problems.is_empty() {
        Ok(locales)
    } else {
        Err(problems)
    }
}

/// Checks the locale files of `dir` against the authoritative one, and with `site` that the
/// cookie table has the texts of its cookies: every problem found.
pub fn check(dir: &Path, shown: &str, site: Option<&crate::Site>) -> Result<(), Vec<Problem>> {
    let locales = read(dir, shown, false)?;
    check_locales(&locales)?;
    let problems = site
        .map(|site| entries_problems(&locales, site))
        .unwrap_or_default();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks parsed locales against the authoritative one.
pub fn check_locales(locales: &[Locale]) -> Result<(), Vec<Problem>> {
    let Some(reference) = locales.iter().find(|l| l.code == AUTHORITATIVE) else {
        return Ok(());
    };
    let mut problems = Vec::new();
    shape_problems(
        reference.doc.as_table(),
        reference,
        "Strings",
        "",
        &mut BTreeSet::new(),
        &mut problems,
    );
    for locale in locales.iter().filter(|l| l.code != AUTHORITATIVE) {
        same_keys(
            locale.doc.as_table(),
            reference.doc.as_table(),
            locale,
            reference,
            "",
            &mut problems,
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The Rust code of the locales of `dir`: the `Strings` structs, one constant per language
/// (`FI`, `SV`, …) and `LOCALES`. With `site`, the company's name placeholders (`{company}`,
/// `{company_short_genitive}`, … see [`crate::Name::forms`]) are filled in each language; a form
/// that language lacks is a problem at its line. Tells cargo to rerun when a file changes.
pub fn generate(dir: &Path, shown: &str, site: Option<&crate::Site>) -> Result<String, Vec<Problem>> {
    let locales = read(dir, shown, true)?;
    check_locales(&locales)?;
    let mut problems = Vec::new();
    if let Some(site) = site {
        problems.extend(missing_languages(&locales, shown, site));
        problems.extend(entries_problems(&locales, site));
    }
    let mut values = Vec::new();
    for locale in &locales {
        let forms = match (site, crate::Language::from_code(&locale.code)) {
            (Some(site), Some(language)) => site.controller.name.forms(language),
            _ => Vec::new(),
        };
        values.push(value(
            locale.doc.as_table(),
            "Strings",
            locale,
            "",
            site.map(|_| forms.as_slice()),
            &mut problems,
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let reference = locales
        .iter()
        .find(|l| l.code == AUTHORITATIVE)
        .expect("read checks it is there");
    let mut structs = String::new();
    shape(reference.doc.as_table(), "Strings", &mut structs, reference);
    let mut code =
        String::from("// Generated by build.rs from locales/*.toml: edit those files, not this one.\n\n");
    code.push_str(&structs);
    for (locale, value) in locales.iter().zip(values) {
        writeln!(
            code,
            "/// The strings of `{}`.\npub const {}: Strings = {value};\n",
            locale.file,
            locale.code.to_ascii_uppercase(),
        )
        .expect("write to string");
    }
    // A language the engine knows but the folder has no texts for (not one of the site's
    // languages: `site_problems` requires those) gets the authoritative texts as a stand-in, so
    // that the code naming every language compiles; no page, banner or form is made in it.
    for language in crate::Language::ALL {
        if !locales.iter().any(|l| l.code == language.code()) {
            writeln!(
                code,
                "/// `{0}` is not a language of this site: the authoritative texts stand in (nothing is shown in it).\n#[allow(dead_code)]\npub const {1}: Strings = {2};\n",
                language.code(),
                language.code().to_ascii_uppercase(),
                AUTHORITATIVE.to_ascii_uppercase(),
            )
            .expect("write to string");
        }
    }
    writeln!(
        code,
        "/// Every locale file's language code and strings, in code order (the tests check them\n/// against `Lang::ALL`).\n#[allow(dead_code)]\npub const LOCALES: &[(&str, &Strings)] = &[{}];",
        locales
            .iter()
            .map(|l| format!("(\"{}\", &{})", l.code, l.code.to_ascii_uppercase()))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .expect("write to string");
    Ok(code)
}

/// The table of the cookie table's texts: a list of `(key, text)` in the generated code, not a
/// struct, because its keys come from the site folder's services (`<key>_what`, `<key>_lifetime`
/// for each `[[services.cookies]]`, and `consent_…` for the portal's own record).
pub const ENTRIES: &str = "entries";

/// The keys of [`ENTRIES`] the site folder's catalogue needs: the consent record's texts and
/// each cookie's, in `site.toml`'s order.
pub fn entry_keys(site: &crate::Site) -> Vec<String> {
    std::iter::once("consent")
        .chain(
            site.services
                .iter()
                .flat_map(|s| s.cookies.iter().map(|c| c.key.as_ref())),
        )
        .flat_map(|key| [format!("{key}_what"), format!("{key}_lifetime")])
        .collect()
}

/// A locale file for each of `site`'s languages.
fn missing_languages(locales: &[Locale], shown: &str, site: &crate::Site) -> Vec<Problem> {
    let mut problems = Vec::new();
    for language in site.languages.iter() {
        if !locales.iter().any(|l| l.code == language.code()) {
            problems.push(Problem {
                file: format!("{shown}/{language}.toml"),
                line: None,
                field: String::new(),
                message: format!(
                    "is missing: site.toml lists the language {language}, so the folder needs this file"
                ),
            });
        }
    }
    problems
}

/// Exactly the texts of `site`'s cookies in the authoritative file's `[entries]` (the other
/// files are checked against it).
fn entries_problems(locales: &[Locale], site: &crate::Site) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(reference) = locales.iter().find(|l| l.code == AUTHORITATIVE) else {
        return problems;
    };
    let root = reference.doc.as_table();
    let Some(entries) = root.get(ENTRIES).and_then(Item::as_table) else {
        problems.push(reference.problem(
            None,
            ENTRIES,
            "is missing: the cookie table's texts, [entries] with <key>_what and <key>_lifetime for each of site.toml's [[services.cookies]] (and consent_what, consent_lifetime)".into(),
        ));
        return problems;
    };
    let wanted = entry_keys(site);
    for key in &wanted {
        if entries.get(key).is_none() {
            problems.push(reference.problem(
                entries.span(),
                &format!("{ENTRIES}.{key}"),
                "missing: site.toml has a cookie with this key, and the cookie table needs its text".into(),
            ));
        }
    }
    for (key, _) in entries.iter() {
        if !wanted.iter().any(|w| w == key) {
            problems.push(
                reference.problem(
                    key_span(entries, key),
                    &format!("{ENTRIES}.{key}"),
                    "no cookie in site.toml has this key: remove the text, or add the cookie to its service"
                        .into(),
                ),
            );
        }
    }
    problems
}

fn type_name(parent: &str, key: &str) -> String {
    let mut name = if parent == "Strings" {
        String::new()
    } else {
        parent.to_owned()
    };
    for part in key.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    name
}

/// Rust's keywords (strict and reserved, 2024 edition): a key cannot be a field's name if it is one.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield",
];

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&key)
}

/// The comment written just above `key` in `table`.
fn comment(table: &Table, key: &str, locale: &Locale) -> String {
    table
        .key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| {
            p.as_str()
                .map(str::to_owned)
                .or_else(|| p.span().and_then(|s| locale.raw().get(s).map(str::to_owned)))
        })
        .unwrap_or_default()
}

/// The comment lines written just above `key` in the authoritative file, as doc comments.
fn docs(table: &Table, key: &str, locale: &Locale) -> String {
    comment(table, key, locale)
        .lines()
        .filter_map(|line| line.trim().strip_prefix('#'))
        .map(|line| format!("    ///{line}\n"))
        .collect()
}

fn key_span(table: &Table, key: &str) -> Option<Range<usize>> {
    table.key(key).and_then(|k| k.span())
}

/// The problems of the authoritative file's shape: keys that cannot be Rust fields, values that
/// are not texts or tables, a table name that would make a type twice.
fn shape_problems(
    table: &Table,
    locale: &Locale,
    name: &str,
    path: &str,
    types: &mut BTreeSet<String>,
    problems: &mut Vec<Problem>,
) {
    if !types.insert(name.to_owned()) {
        problems.push(locale.problem(
            table.span(),
            "",
            format!("the table for the Rust type `{name}` comes twice (rename one of the tables)"),
        ));
        return;
    }
    for (key, item) in table.iter() {
        let span = key_span(table, key);
        let full = if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        if !is_identifier(key) {
            problems.push(locale.problem(
                span.clone(),
                &full,
                "use lower_snake_case letters, digits and _, and not a Rust keyword".into(),
            ));
        }
        match item {
            Item::Value(v) if v.is_str() => {}
            Item::Table(inner) => {
                shape_problems(inner, locale, &type_name(name, key), &full, types, problems)
            }
            _ => problems.push(locale.problem(
                span,
                &full,
                "only texts (\"…\") and [tables] are allowed".into(),
            )),
        }
    }
}

/// Writes the struct for `table` (and, first, its nested tables' structs); the shape is checked.
fn shape(table: &Table, name: &str, out: &mut String, locale: &Locale) {
    let mut fields = String::new();
    for (key, item) in table.iter() {
        fields.push_str(&docs(table, key, locale));
        match item {
            Item::Table(_) if name == "Strings" && key == ENTRIES => {
                writeln!(fields, "    pub {key}: &'static [(&'static str, &'static str)],")
                    .expect("write to string")
            }
            Item::Table(inner) => {
                let inner_name = type_name(name, key);
                shape(inner, &inner_name, out, locale);
                writeln!(fields, "    pub {key}: {inner_name},").expect("write to string");
            }
            _ => writeln!(fields, "    pub {key}: &'static str,").expect("write to string"),
        }
    }
    writeln!(
        out,
        "/// Texts of the `[{}]` part of the locale files.\n#[derive(Debug)]\npub struct {name} {{\n{fields}}}\n",
        if name == "Strings" { "…" } else { name }
    )
    .expect("write to string");
}

/// The `{placeholders}` in a text that the code fills at run time (the company's name forms,
/// `{company…}`, are filled at build time, each language with the forms its grammar needs, so a
/// translation may use other forms than the authoritative text).
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.starts_with(crate::Name::PLACEHOLDER_PREFIX))
        .collect()
}

fn same_keys(
    have: &Table,
    want: &Table,
    locale: &Locale,
    reference: &Locale,
    path: &str,
    problems: &mut Vec<Problem>,
) {
    let full = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    for (key, item) in want.iter() {
        let Some(other) = have.get(key) else {
            // The line of the table it belongs in (the file's top for a top-level key).
            let line_at = reference
                .line(key_span(want, key))
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
            problems.push(locale.problem(
                have.span(),
                &full(key),
                format!(
                    "missing (it is in {}{line_at}): translate it into this file",
                    reference.file
                ),
            ));
            continue;
        };
        let span = key_span(have, key);
        match (item, other) {
            (Item::Table(w), Item::Table(h)) => same_keys(h, w, locale, reference, &full(key), problems),
            (Item::Value(w), Item::Value(h)) if w.is_str() && h.is_str() => {
                let (w, h) = (w.as_str().unwrap_or(""), h.as_str().unwrap_or(""));
                if h.trim().is_empty() {
                    problems.push(locale.problem(span, &full(key), "is empty".into()));
                    continue;
                }
                // A `{name}` in the comment above the key in the authoritative file is offered:
                // a translation may use it or not (a date format with or without {month}). The
                // authoritative text's other placeholders every translation must keep.
                let comment = comment(want, key, reference);
                let offered = placeholders(&comment);
                let (have_names, want_names) = (placeholders(h), placeholders(w));
                for unknown in have_names
                    .iter()
                    .filter(|n| !want_names.contains(*n) && !offered.contains(*n))
                {
                    problems.push(locale.problem(
                        span.clone(),
                        &full(key),
                        format!(
                            "has the placeholder {{{unknown}}}, which {} does not offer",
                            reference.file
                        ),
                    ));
                }
                for lost in want_names
                    .iter()
                    .filter(|n| !have_names.contains(*n) && !offered.contains(*n))
                {
                    problems.push(locale.problem(
                        span.clone(),
                        &full(key),
                        format!("lacks the placeholder {{{lost}}} of {}", reference.file),
                    ));
                }
            }
            _ => problems.push(locale.problem(
                span,
                &full(key),
                format!(
                    "is not of the same kind as in {} (a text there, a table here, or the other way round)",
                    reference.file
                ),
            )),
        }
    }
    for (key, _) in have.iter() {
        if want.get(key).is_none() {
            problems.push(locale.problem(
                key_span(have, key),
                &full(key),
                format!("unknown key (not in {})", reference.file),
            ));
        }
    }
}

/// The Rust expression of `table`'s values, as a struct literal of type `name` (the shape is
/// checked: only texts and tables), the company's name filled in with `forms` if given.
fn value(
    table: &Table,
    name: &str,
    locale: &Locale,
    path: &str,
    forms: Option<&[(&'static str, String)]>,
    problems: &mut Vec<Problem>,
) -> String {
    let mut out = format!("{name} {{ ");
    for (key, item) in table.iter() {
        let full = if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        match item {
            Item::Table(inner) if name == "Strings" && key == ENTRIES => {
                let pairs: Vec<String> = inner
                    .iter()
                    .map(|(k, item)| {
                        let text = text(inner, k, item, locale, &format!("{full}.{k}"), forms, problems);
                        format!("({k:?}, {text:?})")
                    })
                    .collect();
                write!(out, "{key}: &[{}], ", pairs.join(", ")).expect("write to string")
            }
            Item::Table(inner) => {
                let inner = value(inner, &type_name(name, key), locale, &full, forms, problems);
                write!(out, "{key}: {inner}, ").expect("write to string")
            }
            other => {
                let text = text(table, key, other, locale, &full, forms, problems);
                write!(out, "{key}: {text:?}, ").expect("write to string");
            }
        }
    }
    out.push('}');
    out
}

/// The text of `item` (`table`'s `key`), the company's name filled in with `forms` if given.
fn text(
    table: &Table,
    key: &str,
    item: &Item,
    locale: &Locale,
    full: &str,
    forms: Option<&[(&'static str, String)]>,
    problems: &mut Vec<Problem>,
) -> String {
    let text = item.as_str().unwrap_or("");
    match forms {
        Some(forms) => fill_company(text, forms).unwrap_or_else(|unknown| {
            let offered: Vec<String> = forms.iter().map(|(n, _)| format!("{{{n}}}")).collect();
            problems.push(locale.problem(
                key_span(table, key),
                full,
                format!(
                "the placeholder {{{unknown}}} is not one of the company's name forms in this language: {}",
                offered.join(", ")
            ),
            ));
            text.to_owned()
        }),
        None => text.to_owned(),
    }
}

/// `text` with its `{company…}` placeholders replaced by `forms`; `Err` names the first
/// placeholder `forms` lacks.
pub fn fill_company(text: &str, forms: &[(&'static str, String)]) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let opening = format!("{{{}", crate::Name::PLACEHOLDER_PREFIX);
    while let Some(start) = rest.find(&opening) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            break;
        };
        let name = &after[..end];
        let (_, form) = forms
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| name.to_owned())?;
        out.push_str(form);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FI: &str = "# The page.\n[page]\n# The title; {name} is offered.\ntitle = \"Otsikko\"\nhello = \"Hei {name}, {count} uutta\"\n\n[form]\nsend = \"Lähetä\"\n";
    const SV: &str = "[page]\ntitle = \"Rubrik {name}\"\nhello = \"Hej {name}, {count} nya\"\n\n[form]\nsend = \"Skicka\"\n";

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    fn problems(sv: &str) -> Vec<Problem> {
        let dir = folder(&[("fi.toml", FI), ("sv.toml", sv)]);
        check(dir.path(), "kuu/locales", None).unwrap_err()
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).unwrap()].matches('\n').count() + 1
    }

    #[test]
    fn matching_locales_pass_and_become_rust() {
        let dir = folder(&[("fi.toml", FI), ("sv.toml", SV), ("notes.txt", "not a locale")]);
        assert_eq!(
            check(dir.path(), "kuu/locales", None).map_err(|p| format!("{p:?}")),
            Ok(())
        );
        let code = generate(dir.path(), "locales", None).unwrap();
        assert!(code.contains("pub struct Page {\n    /// The title; {name} is offered.\n    pub title: &'static str,\n    pub hello: &'static str,\n}"), "{code}");
        assert!(code.contains("pub const SV: Strings = Strings { page: Page { title: \"Rubrik {name}\", hello: \"Hej {name}, {count} nya\", }, form: Form { send: \"Skicka\", }, };"), "{code}");
        assert!(code.contains("/// The strings of `locales/fi.toml`."), "{code}");
        assert!(
            code.ends_with("pub const LOCALES: &[(&str, &Strings)] = &[(\"fi\", &FI), (\"sv\", &SV)];\n"),
            "{code}"
        );
    }

    #[test]
    fn a_missing_key_names_the_file_the_table_s_line_and_where_it_is() {
        let sv = SV.replace("send = \"Skicka\"\n", "");
        let p = problems(&sv);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].file, "kuu/locales/sv.toml");
        assert_eq!(p[0].field, "form.send");
        assert_eq!(p[0].line, Some(line_of(&sv, "[form]")));
        assert_eq!(
            p[0].message,
            format!(
                "missing (it is in kuu/locales/fi.toml:{}): translate it into this file",
                line_of(FI, "send =")
            )
        );
    }

    #[test]
    fn placeholders_that_differ_are_told_at_their_line() {
        let sv = SV.replace("{count} nya", "{antal} nya");
        let p = problems(&sv);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p
            .iter()
            .all(|p| p.field == "page.hello" && p.line == Some(line_of(&sv, "hello ="))));
        assert!(
            p[0].message.contains("{antal}") && p[0].message.contains("does not offer"),
            "{}",
            p[0]
        );
        assert!(p[1].message.contains("lacks the placeholder {count}"), "{}", p[1]);
        // {name} is offered in the comment: a translation may leave it out (title) or use it.
        let sv = SV.replace("Rubrik {name}", "Rubrik");
        let dir = folder(&[("fi.toml", FI), ("sv.toml", &sv)]);
        assert!(check(dir.path(), "x", None).is_ok());
    }

    #[test]
    fn unknown_empty_and_mistyped_keys_are_each_told() {
        let sv = SV
            .replace("[form]\n", "[form]\nsned = \"Skicka\"\n")
            .replace("\"Rubrik {name}\"", "\" \"");
        let p = problems(&sv);
        let told: Vec<(String, Option<usize>, &str)> = p
            .iter()
            .map(|p| (p.field.clone(), p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            told,
            [
                ("page.title".to_owned(), Some(line_of(&sv, "title =")), "is empty"),
                (
                    "form.sned".to_owned(),
                    Some(line_of(&sv, "sned =")),
                    "unknown key (not in kuu/locales/fi.toml)"
                ),
            ]
        );
        let p = problems(&SV.replace("send = \"Skicka\"", "send = 3"));
        assert_eq!(p[0].field, "form.send");
        assert!(p[0].message.starts_with("is not of the same kind"), "{}", p[0]);
        let p = problems(&SV.replace("send = \"Skicka\"", "send = \"Skicka"));
        assert_eq!(p[0].line, Some(line_of(SV, "send =")));
        assert!(p[0].message.starts_with("not valid TOML"), "{}", p[0]);
    }

    #[test]
    fn the_authoritative_file_s_shape_is_checked() {
        let dir = folder(&[("fi.toml", "[page]\ntype = \"x\"\nn = 1\n")]);
        let p = check(dir.path(), "l", None).unwrap_err();
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!((p[0].field.as_str(), p[0].line), ("page.type", Some(2)));
        assert!(p[0].message.contains("Rust keyword"));
        assert_eq!((p[1].field.as_str(), p[1].line), ("page.n", Some(3)));
        let dir = folder(&[("sv.toml", SV)]);
        assert!(check(dir.path(), "l", None).unwrap_err()[0]
            .message
            .contains("fi.toml is missing"));
        let dir = folder(&[("fi.toml", FI), ("svenska.toml", SV)]);
        assert!(check(dir.path(), "l", None).unwrap_err()[0]
            .message
            .contains("two-letter"));
    }
    /// The `[entries]` the test folder's catalogue needs (`testdata/site.toml`'s cookies).
    const ENTRIES_TEXTS: &str = "\n[entries]\nconsent_what = \"c\"\nconsent_lifetime = \"c\"\nga_what = \"g\"\nga_lifetime = \"g\"\nga_session_what = \"s\"\nga_session_lifetime = \"s\"\ngcl_what = \"l\"\ngcl_lifetime = \"l\"\nide_what = \"i\"\nide_lifetime = \"i\"\n";

    fn test_site() -> crate::Site {
        crate::load_str(include_str!("../testdata/site.toml"), "site/site.toml").unwrap()
    }

    #[test]
    fn the_cookie_table_has_exactly_the_texts_of_the_site_s_cookies_as_a_list() {
        let site = test_site();
        let fi = format!("[page]\nsend = \"L\"\n{ENTRIES_TEXTS}");
        let files = |fi: &str| folder(&[("fi.toml", fi), ("sv.toml", fi), ("en.toml", fi)]);
        let dir = files(&fi);
        assert!(check(dir.path(), "l", Some(&site)).is_ok());
        let code = generate(dir.path(), "l", Some(&site)).unwrap();
        assert!(
            code.contains("pub entries: &'static [(&'static str, &'static str)],"),
            "{code}"
        );
        assert!(
            code.contains(
                "entries: &[(\"consent_what\", \"c\"), (\"consent_lifetime\", \"c\"), (\"ga_what\", \"g\"),"
            ),
            "{code}"
        );
        // A cookie's text missing, and one no cookie has: each told at its line.
        let fi = fi
            .replace("ide_what = \"i\"\n", "")
            .replace("[entries]\n", "[entries]\nfbp_what = \"f\"\n");
        let dir = files(&fi);
        for p in [
            check(dir.path(), "l", Some(&site)).unwrap_err(),
            generate(dir.path(), "l", Some(&site)).unwrap_err(),
        ] {
            let told: Vec<(&str, Option<usize>)> = p.iter().map(|p| (p.field.as_str(), p.line)).collect();
            assert_eq!(
                told,
                [
                    ("entries.ide_what", Some(line_of(&fi, "[entries]"))),
                    ("entries.fbp_what", Some(line_of(&fi, "fbp_what")))
                ],
                "{p:?}"
            );
            assert!(
                p[0].message.contains("site.toml has a cookie with this key"),
                "{}",
                p[0]
            );
        }
        // A language of the site without its file.
        let dir = folder(&[("fi.toml", fi.as_str()), ("sv.toml", fi.as_str())]);
        let p = generate(dir.path(), "l", Some(&site)).unwrap_err();
        assert!(
            p.iter()
                .any(|p| p.file == "l/en.toml" && p.message.contains("lists the language en")),
            "{p:?}"
        );
    }

    #[test]
    fn the_company_s_name_is_filled_in_each_language_s_forms() {
        let site = test_site();
        let fi =
            format!("[page]\nsend = \"Lähetä {{company_short_allative}}, {{company}}\"\n{ENTRIES_TEXTS}");
        let sv = format!("[page]\nsend = \"Skicka till {{company_short}}\"\n{ENTRIES_TEXTS}");
        let en = format!("[page]\nsend = \"Send\"\n{ENTRIES_TEXTS}");
        let dir = folder(&[
            ("fi.toml", fi.as_str()),
            ("sv.toml", sv.as_str()),
            ("en.toml", en.as_str()),
        ]);
        // The name forms differ between languages: not a placeholder mismatch.
        assert!(check(dir.path(), "l", None).is_ok());
        let code = generate(dir.path(), "l", Some(&site)).unwrap();
        assert!(
            code.contains("send: \"Lähetä Esimerkille, Esimerkki Oy\""),
            "{code}"
        );
        assert!(code.contains("send: \"Skicka till Esimerkki\""), "{code}");
        // Without the site, the placeholders stay for the code to fill.
        assert!(generate(dir.path(), "l", None)
            .unwrap()
            .contains("{company_short_allative}"));
        // Swedish has no partitive: told at the line, with the forms it has.
        let sv = format!("[page]\n\nsend = \"Skicka till {{company_short_partitive}}\"\n{ENTRIES_TEXTS}");
        let dir = folder(&[
            ("fi.toml", fi.as_str()),
            ("sv.toml", sv.as_str()),
            ("en.toml", en.as_str()),
        ]);
        let p = generate(dir.path(), "l", Some(&site)).unwrap_err();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            (p[0].file.as_str(), p[0].line, p[0].field.as_str()),
            ("l/sv.toml", Some(3), "page.send")
        );
        assert!(
            p[0].message.contains("{company_short_partitive} is not one of")
                && p[0].message.contains("{company_short_genitive}"),
            "{}",
            p[0]
        );
    }
}
