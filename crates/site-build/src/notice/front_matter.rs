//! The front matter of a notice file: a TOML table between two `+++` lines at the top of
//! `notice/*.md` (the convention of Zola and Hugo), read with serde and the `toml` crate.
//!
//! ```text
//! +++
//! title = "Asiakasrekisteri - tietosuojaseloste"
//! register = "Asiakasrekisteri"
//! lang = "fi"
//! drawn_up = 2020-09-30
//! version = "1.1"
//! +++
//! ```
//!
//! serde checks the shape (every key known, every value of its type); [`parse`] then checks what
//! TOML cannot say (a known language, a real date). The controller's details are not here: they
//! have one home, the site folder's `site.toml` ([`Controller::of_site`]). Every mistake is reported with the line of the `.md` file it is on and the field
//! it is about, so whoever edits the notice can fix it without reading code.
//!
//! The site build only: no TOML parser ships in the WebAssembly. [`Controller`] is the core's
//! (`portal_core::request::controller`), which the request form reads too.

use std::fmt;

use portal_core::date::Date;
use portal_core::i18n::Lang;

pub use portal_core::request::controller::Controller;

/// What the front matter of one notice file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The notice's title: the page's `<h1>` and `<title>`.
    pub title: String,
    /// The name of the register the notice is about.
    pub register: String,
    /// The language the file is written in.
    pub lang: Lang,
    /// When the controller drew up this edition.
    pub drawn_up: Date,
    /// The edition; every language must carry the same one.
    pub version: String,
    /// `Some(fi)` for a translation of the Finnish notice; `None` for the authoritative text.
    pub translation_of: Option<Lang>,
}

/// A mistake in a front matter block. `line` counts from 1, from the top of the `.md` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The line of the file the mistake is on.
    pub line: usize,
    /// What is wrong, starting with the field when there is one (`drawn_up: …`).
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FrontMatterError {}

/// The `tel:` URI of a Finnish phone number as people write it ("044 978 5594" → "tel:+358449785594").
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    match digits.strip_prefix('0') {
        Some(national) if !digits.starts_with("00") => format!("tel:+358{national}"),
        _ => format!(
            "tel:{}",
            digits.replacen("00", "+", usize::from(digits.starts_with("00")))
        ),
    }
}

pub use reader::parse;

/// The TOML reader: native only (the build tool and tests), so the WebAssembly carries no parser.
mod reader {
    use std::fmt;
    use std::ops::Range;

    use serde::Deserialize;
    use toml::Spanned;

    use super::{FrontMatter, FrontMatterError};
    use portal_core::date::{Date, DateError};
    use portal_core::i18n::Lang;

    /// The line that opens and closes the front matter.
    const DELIMITER: &str = "+++";

    /// What the old `key: value` front matter between `---` lines gets told.
    const OLD_FORMAT: &str = "this front matter is in the old format (\"---\" lines, key: value); \
it is TOML now: replace both \"---\" lines with \"+++\", write each field as key = \"value\" \
(drawn_up = 2020-09-30 without quotes); the controller's details go in the site folder's \
site.toml (see notice/README.md)";

    /// The front matter as written: serde checks that every key is known and every value has its
    /// type; the spans let [`parse`] point at the line of a value it refuses.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Fields {
        title: Spanned<String>,
        register: Spanned<String>,
        lang: Spanned<String>,
        /// A TOML date (`2020-09-30`) or a string; anything else is refused with the date's rule.
        drawn_up: Spanned<toml::Value>,
        version: Spanned<String>,
        translation_of: Option<Spanned<String>>,
        /// Refused: the controller's details have one home, `site.toml`.
        controller: Option<Spanned<toml::Value>>,
    }

    /// The front matter's TOML and where it sits in the file.
    struct Block<'a> {
        toml: &'a str,
        /// The line of the closing `+++`: where a missing field would go.
        closing_line: usize,
        body: &'a str,
    }

    impl Block<'_> {
        /// The line of the file that byte `offset` of the TOML is on. The TOML starts on line 2,
        /// after the opening `+++`. Counts bytes, so an offset inside a character cannot panic.
        fn line_of(&self, offset: usize) -> usize {
            let end = offset.min(self.toml.len());
            2 + self.toml.as_bytes()[..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
        }

        /// A refusal of the value at `span`, named by its field.
        fn refuse(&self, span: Range<usize>, field: &str, message: impl fmt::Display) -> FrontMatterError {
            error(self.line_of(span.start), format!("{field}: {message}"))
        }

        /// A text field's value, refused if blank.
        fn text(&self, field: &str, value: Spanned<String>) -> Result<String, FrontMatterError> {
            if value.get_ref().trim().is_empty() {
                return Err(self.refuse(value.span(), field, "is empty"));
            }
            Ok(value.into_inner())
        }

        /// A language code's value.
        fn lang(&self, field: &str, value: &Spanned<String>) -> Result<Lang, FrontMatterError> {
            value
                .get_ref()
                .parse()
                .map_err(|e: portal_core::i18n::UnknownLang| self.refuse(value.span(), field, e))
        }

        /// The line and message of an error of the `toml` crate (syntax, or serde's shape checks).
        fn toml_error(&self, e: &toml::de::Error) -> FrontMatterError {
            let message = e.message();
            let Some(span) = e
                .span()
                .filter(|s| !(s.start == 0 && message.starts_with("missing field")))
            else {
                // A top-level field is missing: it goes before the closing line.
                return error(self.closing_line, message);
            };
            let line = self.line_of(span.start);
            let Some(key) = self.key_at(line) else {
                return error(line, hint(message, None));
            };
            let own_name = key.rsplit('.').next().unwrap_or(&key);
            if message.contains(&format!("`{own_name}`")) {
                // serde named the key itself ("unknown field `versoin`"); say which table it is in.
                return match key.rsplit_once('.') {
                    Some((table, _)) => error(line, format!("{table}: {message}")),
                    None => error(line, message),
                };
            }
            if message == "duplicate key" {
                let first = self.first_line_of(&key).filter(|first| *first < line);
                let also = first.map(|l| format!(" (first on line {l})")).unwrap_or_default();
                return error(line, format!("{key}: given twice{also}"));
            }
            if key == "drawn_up" {
                // TOML refuses `30.09.2020` before serde sees it; say what a date must look like.
                if let Err(date) = Date::parse_iso(raw_value(self.line_text(line))) {
                    return error(line, format!("drawn_up: {date}"));
                }
            }
            error(line, format!("{key}: {}", hint(message, Some(&key))))
        }

        /// The text of a line of the file within the TOML.
        fn line_text(&self, line: usize) -> &str {
            self.toml.lines().nth(line - 2).unwrap_or("")
        }

        /// The dotted key that line `line` sets (`controller.email`), or the table it opens.
        fn key_at(&self, line: usize) -> Option<String> {
            self.keys().find(|(l, _)| *l == line).map(|(_, key)| key)
        }

        /// The first line that sets `key`.
        fn first_line_of(&self, key: &str) -> Option<usize> {
            self.keys().find(|(_, k)| k == key).map(|(line, _)| line)
        }

        /// Each line that sets a key or opens a table, with the dotted key. Only for messages, so
        /// a plain reading of `[table]` and `key = …` lines is enough.
        fn keys(&self) -> impl Iterator<Item = (usize, String)> + '_ {
            let mut table: Option<String> = None;
            self.toml.lines().enumerate().filter_map(move |(index, text)| {
                let text = text.trim();
                if let Some(header) = text.strip_prefix('[') {
                    let name = header
                        .trim_start_matches('[')
                        .split(']')
                        .next()?
                        .trim()
                        .to_owned();
                    table = Some(name.clone());
                    return Some((index + 2, name));
                }
                let (key, _) = text.split_once('=')?;
                let key = key.trim();
                if key.is_empty() || key.starts_with('#') {
                    return None;
                }
                Some((
                    index + 2,
                    table
                        .as_ref()
                        .map_or_else(|| key.to_owned(), |t| format!("{t}.{key}")),
                ))
            })
        }
    }

    fn error(line: usize, message: impl Into<String>) -> FrontMatterError {
        FrontMatterError {
            line,
            message: message.into(),
        }
    }

    /// The value written on a `key = value` line, without quotes or a trailing comment.
    fn raw_value(line: &str) -> &str {
        let value = line.split_once('=').map_or(line, |(_, value)| value);
        let value = value.split(" #").next().unwrap_or(value).trim();
        value.trim_matches(['"', '\''])
    }

    /// The `toml` crate's message, with what to write instead where a newcomer's mistake is likely.
    fn hint(message: &str, key: Option<&str>) -> String {
        if message.contains("expected a string") {
            let key = key.unwrap_or("key");
            return format!("{message} (text goes in double quotes: {key} = \"…\")");
        }
        if message.contains("expected `=`") {
            return format!("{message} (TOML writes key = \"value\")");
        }
        message.to_owned()
    }

    /// Splits the front matter from the body, or says why the file has none.
    fn split(source: &str) -> Result<Block<'_>, FrontMatterError> {
        let mut lines = source.split_inclusive('\n');
        let opening = lines.next().unwrap_or("");
        match opening.trim_end() {
            DELIMITER => {}
            "---" => return Err(error(1, OLD_FORMAT)),
            _ => {
                return Err(error(
                    1,
                    "the file must start with a line \"+++\" opening the front matter (TOML)",
                ))
            }
        }
        let start = opening.len();
        let mut end = start;
        for (index, line) in lines.enumerate() {
            if line.trim_end() == DELIMITER {
                return Ok(Block {
                    toml: &source[start..end],
                    closing_line: index + 2,
                    body: &source[end + line.len()..],
                });
            }
            end += line.len();
        }
        Err(error(
            1,
            "the front matter opened on line 1 is never closed by a line \"+++\"",
        ))
    }

    /// Splits `source` into its front matter and the Markdown body after it.
    pub fn parse(source: &str) -> Result<(FrontMatter, &str), FrontMatterError> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let block = split(source)?;
        let fields: Fields = toml::from_str(block.toml).map_err(|e| block.toml_error(&e))?;

        let lang = block.lang("lang", &fields.lang)?;
        let drawn_up = match fields.drawn_up.get_ref() {
            toml::Value::String(text) => Date::parse_iso(text),
            // A TOML date prints as YYYY-MM-DD; with a time of day it fails the date's own rule.
            toml::Value::Datetime(datetime) => Date::parse_iso(&datetime.to_string()),
            other => Err(DateError::Format(other.to_string())),
        }
        .map_err(|e| block.refuse(fields.drawn_up.span(), "drawn_up", e))?;
        let translation_of = match &fields.translation_of {
            None => None,
            Some(value) => {
                let original = block.lang("translation_of", value)?;
                if original == lang {
                    return Err(block.refuse(
                        value.span(),
                        "translation_of",
                        format!("a {lang} notice cannot be a translation of itself"),
                    ));
                }
                Some(original)
            }
        };
        if let Some(table) = fields.controller {
            return Err(block.refuse(
                table.span(),
                "controller",
                "the controller's details are in the site folder's site.toml ([controller]), \
their one home: remove the [controller] table here"
                    .to_owned(),
            ));
        }
        let front = FrontMatter {
            title: block.text("title", fields.title)?,
            register: block.text("register", fields.register)?,
            lang,
            drawn_up,
            version: block.text("version", fields.version)?,
            translation_of,
        };
        Ok((front, block.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FI: &str =
        "+++\ntitle = \"Asiakasrekisteri - tietosuojaseloste\"\nregister = \"Asiakasrekisteri\"\n\
lang = \"fi\"\ndrawn_up = 2020-09-30\nversion = \"1.1\"\n+++\n## Otsikko\n";

    const EN: &str =
        "+++\r\ntitle = \"Customer register - privacy notice\"\r\nregister = \"Customer register\"\r\n\
lang = \"en\"\r\ntranslation_of = \"fi\"\r\ndrawn_up = 2020-09-30\r\nversion = \"1.1\"\r\n+++\r\nBody";

    /// `FI` with one piece replaced (the piece must be there, so a fixture change cannot make a
    /// test vacuous).
    fn with(from: &str, to: &str) -> String {
        assert!(FI.contains(from), "fixture lacks {from}");
        FI.replacen(from, to, 1)
    }

    fn err(source: &str) -> FrontMatterError {
        match parse(source) {
            Ok((front, _)) => panic!("accepted {front:?}"),
            Err(e) => e,
        }
    }

    /// The first line of `source` that holds `text`.
    fn line_of(source: &str, text: &str) -> usize {
        1 + source.lines().position(|l| l.contains(text)).expect(text)
    }

    /// The line of `source` that closes its front matter.
    fn closing_line(source: &str) -> usize {
        1 + source.lines().skip(1).position(|l| l == "+++").expect("closed") + 1
    }

    #[test]
    fn parses_authoritative_notice() {
        let (front, body) = parse(FI).unwrap();
        assert_eq!(front.title, "Asiakasrekisteri - tietosuojaseloste");
        assert_eq!(front.register, "Asiakasrekisteri");
        assert_eq!(front.lang, Lang::Fi);
        assert_eq!(front.drawn_up, Date::new(2020, 9, 30).unwrap());
        assert_eq!(front.version, "1.1");
        assert_eq!(front.translation_of, None);
        assert_eq!(body, "## Otsikko\n");
    }

    #[test]
    fn parses_translation_without_controller() {
        let (front, body) = parse(EN).unwrap();
        assert_eq!(front.lang, Lang::En);
        assert_eq!(front.translation_of, Some(Lang::Fi));
        assert_eq!(body, "Body");
        // A byte-order mark and a quoted date are accepted too.
        let (front, _) = parse(&format!("\u{feff}{}", EN.replace("2020-09-30", "\"2020-09-30\""))).unwrap();
        assert_eq!(front.drawn_up, Date::new(2020, 9, 30).unwrap());
    }

    #[test]
    fn reports_missing_opening_and_the_old_format() {
        let e = err("title = \"x\"\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("must start with a line \"+++\""), "{e}");
        let old = "---\ntitle: x\nlang: fi\n---\nBody\n";
        let e = err(old);
        assert_eq!(e.line, 1);
        assert!(e.message.contains("old format"), "{e}");
        assert!(
            e.message.contains("replace both \"---\" lines with \"+++\""),
            "{e}"
        );
    }

    #[test]
    fn reports_unclosed_block() {
        let e = err("+++\ntitle = \"x\"\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn reports_line_of_bad_date() {
        // Quoted: refused by the date's own rule, at the line of the field.
        let e = err(&with("drawn_up = 2020-09-30", "drawn_up = \"30.09.2020\""));
        assert_eq!(
            e.to_string(),
            "line 5: drawn_up: \"30.09.2020\" is not a date of the form YYYY-MM-DD"
        );
        // Unquoted: TOML itself refuses it; the message is the same.
        let e = err(&with("drawn_up = 2020-09-30", "drawn_up = 30.09.2020"));
        assert_eq!(
            e.to_string(),
            "line 5: drawn_up: \"30.09.2020\" is not a date of the form YYYY-MM-DD"
        );
        let e = err(&with("drawn_up = 2020-09-30", "drawn_up = \"2021-02-29\""));
        assert_eq!(
            e.to_string(),
            "line 5: drawn_up: \"2021-02-29\" is not a day of the calendar"
        );
        let e = err(&with("drawn_up = 2020-09-30", "drawn_up = 2021-02-29"));
        assert_eq!(
            e.to_string(),
            "line 5: drawn_up: \"2021-02-29\" is not a day of the calendar"
        );
        let e = err(&with("drawn_up = 2020-09-30", "drawn_up = 2020-09-30T10:00:00"));
        assert_eq!(e.line, 5);
        assert!(e.message.contains("not a date of the form YYYY-MM-DD"), "{e}");
        let e = err(&with("drawn_up = 2020-09-30", "drawn_up = 20200930"));
        assert_eq!(
            e.to_string(),
            "line 5: drawn_up: \"20200930\" is not a date of the form YYYY-MM-DD"
        );
    }

    #[test]
    fn reports_unknown_duplicate_and_empty_keys() {
        let e = err(&with("version = \"1.1\"", "versoin = \"1.1\""));
        assert_eq!(e.line, 6);
        assert!(e.message.starts_with("unknown field `versoin`"), "{e}");
        let e = err(&with("version = \"1.1\"", "version = \"1.1\"\ntitle = \"again\""));
        assert_eq!(e.to_string(), "line 7: title: given twice (first on line 2)");
        let e = err(&with("version = \"1.1\"", "version = \"  \""));
        assert_eq!(e.to_string(), "line 6: version: is empty");
        let e = err(&with("version = \"1.1\"", "version = 1.1"));
        assert_eq!(e.line, 6);
        assert!(
            e.message
                .starts_with("version: invalid type: floating point `1.1`, expected a string"),
            "{e}"
        );
        assert!(e.message.contains("double quotes"), "{e}");
        let e = err(&with("version = \"1.1\"", "version: 1.1"));
        assert_eq!(e.line, 6);
        assert!(e.message.contains("TOML writes key = \"value\""), "{e}");
    }

    #[test]
    fn reports_missing_required_fields() {
        let e = err(&with("version = \"1.1\"\n", ""));
        assert_eq!(
            e.to_string(),
            format!("line {}: missing field `version`", closing_line(FI) - 1)
        );
        let e = err(&with("lang = \"fi\"", "lang = \"xx\""));
        assert_eq!(e.line, 4);
        assert!(e.message.starts_with("lang: "), "{e}");
        assert!(e.message.contains("unknown language \"xx\""), "{e}");
    }

    #[test]
    fn the_controller_has_one_home_the_site_folder() {
        // A [controller] table (the old home) is refused at its line, saying where it goes.
        let table = with(
            "version = \"1.1\"\n",
            "version = \"1.1\"\n\n[controller]\nname = \"X Oy\"\n",
        );
        let e = err(&table);
        assert_eq!(e.line, line_of(&table, "[controller]"));
        assert!(e.message.starts_with("controller: "), "{e}");
        assert!(e.message.contains("site.toml"), "{e}");
        let flat = with(
            "version = \"1.1\"\n",
            "version = \"1.1\"\ncontroller = \"X Oy\"\n",
        );
        let e = err(&flat);
        assert_eq!(e.line, line_of(&flat, "controller ="));
        assert!(e.message.contains("site.toml"), "{e}");
        // The controller the pages use is the site folder's.
        let c = Controller::of_site();
        assert_eq!(c.name, portal_core::SITE.controller.name.full);
        assert_eq!(c.address, portal_core::SITE.controller.address());
        assert_eq!(c.email, portal_core::SITE.controller.email);
    }

    #[test]
    fn a_translation_is_not_of_itself() {
        let e = err(&with("lang = \"fi\"", "lang = \"fi\"\ntranslation_of = \"fi\""));
        assert_eq!(e.line, 5);
        assert!(e.message.contains("translation of itself"), "{e}");
    }

    #[test]
    fn phone_numbers_become_international_tel_uris() {
        assert_eq!(tel_uri("044 978 5594"), "tel:+358449785594");
        assert_eq!(tel_uri("029 56 66700"), "tel:+358295666700");
        assert_eq!(tel_uri("+358 44 978 5594"), "tel:+358449785594");
        assert_eq!(tel_uri("00358 44 978 5594"), "tel:+358449785594");
    }

    /// Property tests: a notice file is outside input to the build, so no text may panic the
    /// parser, an error always points at a line of the file, and what it accepts reads back the
    /// same when written out again.
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// `front` written as a notice file's front matter, followed by `body`.
        fn write(front: &FrontMatter, body: &str) -> String {
            let s = |text: &str| toml::Value::String(text.to_owned()).to_string();
            let mut out = format!(
                "+++\ntitle = {}\nregister = {}\nlang = {}\ndrawn_up = {}\nversion = {}\n",
                s(&front.title),
                s(&front.register),
                s(front.lang.code()),
                front.drawn_up.iso(),
                s(&front.version)
            );
            if let Some(original) = front.translation_of {
                out += &format!("translation_of = {}\n", s(original.code()));
            }
            out + "+++\n" + body
        }

        /// What must hold for any input: no panic; an error on a line of the file; an accepted
        /// front matter that reads back the same, with a body that is the end of the input.
        fn check(source: &str) -> Result<(), TestCaseError> {
            match parse(source) {
                Err(e) => {
                    let lines = source.lines().count().max(1);
                    prop_assert!((1..=lines).contains(&e.line), "line {} of {lines}: {e}", e.line);
                    prop_assert!(!e.message.is_empty());
                }
                Ok((front, body)) => {
                    prop_assert!(source.ends_with(body));
                    let again = write(&front, body);
                    prop_assert_eq!(parse(&again), Ok((front, body)), "{}", again);
                }
            }
            Ok(())
        }

        fn text() -> impl Strategy<Value = String> {
            any::<String>().prop_filter("blank", |s| !s.trim().is_empty())
        }

        fn date() -> impl Strategy<Value = Date> {
            (0..=9999i32, 1..=12u8, 1..=31u8).prop_filter_map("no such day", |(y, m, d)| Date::new(y, m, d))
        }

        /// A front matter the parser must accept: the authoritative one or a translation.
        fn front_matter() -> impl Strategy<Value = FrontMatter> {
            let languages = prop::sample::select(Lang::ALL.to_vec());
            (text(), text(), text(), date(), languages, any::<bool>()).prop_map(
                |(title, register, version, drawn_up, lang, authoritative)| {
                    // The authoritative notice, or a translation of a language other than its own.
                    let translation_of = match authoritative {
                        true => None,
                        false => Lang::ALL.into_iter().find(|l| *l != lang),
                    };
                    FrontMatter {
                        title,
                        register,
                        lang,
                        drawn_up,
                        version,
                        translation_of,
                    }
                },
            )
        }

        /// Edits a writer of the file might make, TOML's own characters among them.
        fn edit() -> impl Strategy<Value = String> {
            prop_oneof![
                prop::sample::select(vec![
                    "=",
                    "\"",
                    "'",
                    "[",
                    "]",
                    "\n",
                    "+++",
                    "---",
                    "#",
                    ".",
                    ",",
                    "{",
                    "}",
                    "\"\"\"",
                    "'''",
                    "\\",
                    "\r",
                    "\u{feff}",
                    "2021-02-29",
                    "T10:00:00",
                    "lang = \"en\"\n",
                    "translation_of = \"fi\"\n",
                    "[controller]\n",
                    "x = 1\n",
                ])
                .prop_map(str::to_owned),
                "\\PC{0,6}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn arbitrary_text_never_panics(text in any::<String>(), fenced in any::<bool>()) {
                let source = if fenced { format!("+++\n{text}\n+++\nBody") } else { text };
                check(&source)?;
            }

            #[test]
            fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
                check(&String::from_utf8_lossy(&bytes))?;
            }

            #[test]
            fn edits_of_a_valid_file_never_panic_and_point_inside_it(
                edits in prop::collection::vec((any::<prop::sample::Index>(), 0..6usize, edit()), 1..4)
            ) {
                let mut source = FI.to_owned();
                for (at, delete, insert) in edits {
                    let starts: Vec<usize> = source.char_indices().map(|(i, _)| i).chain([source.len()]).collect();
                    let first = at.index(starts.len());
                    let last = (first + delete).min(starts.len() - 1);
                    source.replace_range(starts[first]..starts[last], &insert);
                }
                check(&source)?;
            }

            #[test]
            fn valid_front_matter_reads_back_its_fields(front in front_matter(), body in "\\PC{0,40}") {
                let source = write(&front, &body);
                prop_assert_eq!(parse(&source), Ok((front, body.as_str())), "{}", source);
            }
        }
    }
}
