//! Reading and checking a site folder (feature `load`): `site.toml` into a [`Site`], every
//! mistake as a [`Problem`] with the file, the line and the field, in plain words.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Document, Item, Table, Value};

use crate::check::{
    business_id_problem, contrast_ratio, email_problem, measurement_id_problem, parse_colour,
    ACCENT_MIN_RATIO, DARK_ACCENT_TEXT, DARK_BACKGROUND, LIGHT_ACCENT_TEXT, LIGHT_BACKGROUND,
};
use crate::{Language, Purpose, ServiceKind, Site, MAX_SERVICES};

/// One mistake in a site folder. Displays as
/// `site/site.toml:12: controller.email: "x@kahvilakuu,fi" is not an e-mail address (…)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the folder was named plus the file's path in it (`site/site.toml`).
    pub file: String,
    /// The line, from 1, where there is one to point at.
    pub line: Option<usize>,
    /// The field, as a dotted path (`controller.email`, `services[0].cookies[1].name`), or the
    /// locale key; empty when the problem is the file's.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

/// Reads `dir/site.toml` and checks every fact in it, and the folder's other files that it names
/// (the logo). The locales and notices are checked by [`check_folder`].
pub fn load(dir: &Path) -> Result<Site, Vec<Problem>> {
    let file = display_path(dir, "site.toml");
    let text = std::fs::read_to_string(dir.join("site.toml")).map_err(|e| {
        vec![Problem {
            file: file.clone(),
            line: None,
            field: String::new(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "the site folder has no site.toml (PORTAL_SITE names the folder; see site/README.md)"
                    .to_owned()
            } else {
                format!("cannot be read: {e}")
            },
        }]
    })?;
    let site = load_str(&text, &file)?;
    let mut problems = Vec::new();
    if let Some(logo) = &site.brand.logo {
        let spans = Spans::new(&text);
        let logo_path = Path::new(logo.as_ref());
        let inside = logo_path.is_relative()
            && logo_path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            problems.push(spans.problem(
                &file,
                &["brand", "logo"],
                format!("\"{logo}\" must be a path inside the site folder, e.g. \"logo.svg\""),
            ));
        } else if !dir.join(logo_path).is_file() {
            problems.push(spans.problem(
                &file,
                &["brand", "logo"],
                format!("there is no file \"{logo}\" in the site folder"),
            ));
        } else if let Err(message) = crate::logo::read(&dir.join(logo_path)) {
            problems.push(spans.problem(&file, &["brand", "logo"], format!("\"{logo}\" {message}")));
        }
    }
    if problems.is_empty() {
        Ok(site)
    } else {
        Err(problems)
    }
}

/// Checks a whole site folder: [`load`], then its locales against each other
/// ([`crate::locales::check`]) and that each language has its `locales/<lang>.toml` and
/// `notice/<lang>.md`. Every problem found, not only the first.
pub fn check_folder(dir: &Path) -> Result<Site, Vec<Problem>> {
    let site = load(dir);
    let mut problems = match &site {
        Ok(_) => Vec::new(),
        Err(problems) => problems.clone(),
    };
    // A folder without locales/ is told below, file by file.
    if dir.join("locales").is_dir() {
        if let Err(more) = crate::locales::check(
            &dir.join("locales"),
            &display_path(dir, "locales"),
            site.as_ref().ok(),
        ) {
            problems.extend(more);
        }
    }
    if let Ok(site) = &site {
        for language in site.languages.iter() {
            for (folder, extension) in [("locales", "toml"), ("notice", "md")] {
                let name = format!("{folder}/{language}.{extension}");
                if !dir.join(&name).is_file() {
                    problems.push(Problem {
                        file: display_path(dir, &name),
                        line: None,
                        field: String::new(),
                        message: format!(
                            "is missing: site.toml lists the language {language}, so the folder needs this file"
                        ),
                    });
                }
            }
        }
    }
    match site {
        Ok(site) if problems.is_empty() => Ok(site),
        _ => Err(problems),
    }
}

/// `dir/name` as the messages show it (`site/site.toml`).
pub(crate) fn display_path(dir: &Path, name: &str) -> String {
    let dir = dir.display().to_string();
    if dir.is_empty() || dir == "." {
        name.to_owned()
    } else {
        format!("{}/{name}", dir.trim_end_matches('/'))
    }
}

/// Reads and checks the text of a `site.toml`; `file` names it in the problems.
pub fn load_str(text: &str, file: &str) -> Result<Site, Vec<Problem>> {
    let spans = Spans::new(text);
    let site: Site = match toml::from_str(text) {
        Ok(site) => site,
        Err(error) => return Err(vec![spans.toml_problem(file, &error)]),
    };
    let problems = Checker {
        spans: &spans,
        file,
        problems: Vec::new(),
    }
    .site(&site);
    if problems.is_empty() {
        Ok(site)
    } else {
        Err(problems)
    }
}

/// The text and its parsed document, to find the line of a field and the field at a place.
pub(crate) struct Spans<'a> {
    text: &'a str,
    doc: Option<Document<&'a str>>,
}

/// A step of a field's path.
#[derive(Clone, Copy)]
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

impl<'a> Spans<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Spans {
            text,
            doc: Document::parse(text).ok(),
        }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        line_at(self.text, offset)
    }

    fn problem(&self, file: &str, path: &[&str], message: String) -> Problem {
        let steps: Vec<Step> = path.iter().map(|k| Step::Key(k)).collect();
        self.problem_at(file, &steps, message)
    }

    fn problem_at(&self, file: &str, path: &[Step], message: String) -> Problem {
        Problem {
            file: file.to_owned(),
            line: self.span_of(path).map(|s| self.line(s.start)),
            field: field_name(path),
            message,
        }
    }

    /// The span of the value at `path`, or of the nearest parent that has one.
    fn span_of(&self, path: &[Step]) -> Option<Range<usize>> {
        let doc = self.doc.as_ref()?;
        let mut best = None;
        let mut item: Option<Node> = Some(Node::Table(doc.as_table()));
        for step in path {
            let next = match (item, step) {
                (Some(Node::Table(t)), Step::Key(k)) => {
                    let key_span = t.key(k).and_then(|key| key.span());
                    let found = t.get(k).map(Node::from_item);
                    if let Some(span) = found.as_ref().and_then(Node::span).or(key_span) {
                        best = Some(span);
                    }
                    found
                }
                (Some(Node::Inline(t)), Step::Key(k)) => {
                    let found = t.get(k).map(Node::Value);
                    if let Some(span) = found
                        .as_ref()
                        .and_then(Node::span)
                        .or_else(|| t.key(k).and_then(|key| key.span()))
                    {
                        best = Some(span);
                    }
                    found
                }
                (Some(Node::Tables(a)), Step::Index(i)) => {
                    let found = a.get(*i).map(Node::Table);
                    if let Some(span) = found.as_ref().and_then(Node::span) {
                        best = Some(span);
                    }
                    found
                }
                (Some(Node::Array(a)), Step::Index(i)) => {
                    let found = a.get(*i).map(Node::Value);
                    if let Some(span) = found.as_ref().and_then(Node::span) {
                        best = Some(span);
                    }
                    found
                }
                _ => None,
            };
            item = next;
        }
        best
    }

    /// The dotted path of the deepest field at `offset`.
    fn path_at(&self, offset: usize) -> String {
        let Some(doc) = self.doc.as_ref() else {
            return String::new();
        };
        let mut path = String::new();
        let mut node = Node::Table(doc.as_table());
        'descend: loop {
            let children: Vec<(String, Node, Option<Range<usize>>)> = match node {
                Node::Table(t) => t
                    .iter()
                    .map(|(k, item)| {
                        let key_span = t.key(k).and_then(|key| key.span());
                        (format!(".{k}"), Node::from_item(item), key_span)
                    })
                    .collect(),
                Node::Inline(t) => t
                    .iter()
                    .map(|(k, v)| {
                        (
                            format!(".{k}"),
                            Node::Value(v),
                            t.key(k).and_then(|key| key.span()),
                        )
                    })
                    .collect(),
                Node::Tables(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (format!("[{i}]"), Node::Table(t), None))
                    .collect(),
                Node::Array(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("[{i}]"), Node::Value(v), None))
                    .collect(),
                Node::Value(_) => break,
            };
            for (step, child, key_span) in children {
                let contains = |s: &Option<Range<usize>>| {
                    s.as_ref()
                        .is_some_and(|s| s.start <= offset && offset < s.end.max(s.start + 1))
                };
                let child_span = child.span();
                let within = contains(&child_span) || contains(&key_span) || child.contains(offset);
                if within {
                    path.push_str(&step);
                    node = child;
                    continue 'descend;
                }
            }
            break;
        }
        path.trim_start_matches('.').to_owned()
    }

    /// A deserialization error in plain words, with the field and line.
    fn toml_problem(&self, file: &str, error: &toml::de::Error) -> Problem {
        let span = error.span();
        let line = span.as_ref().map(|s| self.line(s.start));
        let message = error.message().trim();
        if self.doc.is_none() {
            // Not TOML at all: the parser's own words, which point at the place.
            return Problem {
                file: file.to_owned(),
                line,
                field: String::new(),
                message: format!("not valid TOML: {message}"),
            };
        }
        let at = span.as_ref().map(|s| self.path_at(s.start)).unwrap_or_default();
        let join = |a: &str, b: &str| {
            if a.is_empty() {
                b.to_owned()
            } else {
                format!("{a}.{b}")
            }
        };
        let quoted = |text: &str| -> Option<String> {
            let start = text.find('`')? + 1;
            let len = text[start..].find('`')?;
            Some(text[start..start + len].to_owned())
        };
        let expected = |text: &str| text.split_once("expected ").map(|(_, e)| e.to_owned());
        let (field, words) = if let Some(rest) = message.strip_prefix("missing field ") {
            let name = quoted(rest).unwrap_or_default();
            let table = if at.is_empty() {
                "the top of the file".to_owned()
            } else {
                format!("[{at}]")
            };
            (
                join(&at, &name),
                format!("missing: add `{name} = …` to {table} (see site/README.md)"),
            )
        } else if let Some(rest) = message.strip_prefix("unknown field ") {
            let name = quoted(rest).unwrap_or_default();
            let field = if at.ends_with(&name) {
                at.clone()
            } else {
                join(&at, &name)
            };
            (
                field,
                format!(
                    "unknown field: this table knows {} (a typo?)",
                    expected(rest).unwrap_or_default().trim_start_matches("one of ")
                ),
            )
        } else if let Some(rest) = message.strip_prefix("unknown variant ") {
            let name = quoted(rest).unwrap_or_default();
            let allowed = expected(rest).unwrap_or_default();
            let allowed = allowed.trim_start_matches("one of ");
            let what = if at.starts_with("languages") || at.starts_with("letter_languages") {
                "is not a language the portal has"
            } else if at.ends_with("purpose") {
                "is not a purpose the catalogue knows"
            } else if at.ends_with("kind") {
                "is not a kind of service the portal can load"
            } else {
                "is not allowed here"
            };
            (at, format!("\"{name}\" {what}: use {allowed}"))
        } else if let Some(rest) = message.strip_prefix("invalid type: ") {
            let (found, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let wanted = match wanted {
                w if w.starts_with('u') || w.starts_with('i') => "a whole number, without quotes",
                w if w.contains("string") || w.contains("str") => "a text in \"quotes\"",
                w if w.contains("sequence") => "a list in [brackets]",
                w if w.starts_with("struct") || w.contains("map") => {
                    "a table: [name] on its own line, or { key = … }"
                }
                w => w,
            };
            (at, format!("this should be {wanted}, not {found}"))
        } else {
            (at, message.to_owned())
        };
        Problem {
            file: file.to_owned(),
            line,
            field,
            message: words,
        }
    }
}

/// A place in the parsed document.
#[derive(Clone, Copy)]
enum Node<'d> {
    Table(&'d Table),
    Inline(&'d toml_edit::InlineTable),
    Tables(&'d toml_edit::ArrayOfTables),
    Array(&'d toml_edit::Array),
    Value(&'d Value),
}

impl<'d> Node<'d> {
    fn from_item(item: &'d Item) -> Node<'d> {
        match item {
            Item::Table(t) => Node::Table(t),
            Item::ArrayOfTables(a) => Node::Tables(a),
            Item::Value(v) => Node::Value(v),
            // Never in a parsed document's tables; an empty table walks nowhere.
            Item::None => Node::Array(&EMPTY),
        }
        .refine()
    }

    /// A value that is an inline table or an array is walked into.
    fn refine(self) -> Node<'d> {
        match self {
            Node::Value(Value::InlineTable(t)) => Node::Inline(t),
            Node::Value(Value::Array(a)) => Node::Array(a),
            other => other,
        }
    }

    fn span(&self) -> Option<Range<usize>> {
        match self {
            Node::Table(t) => t.span(),
            Node::Inline(t) => t.span(),
            Node::Tables(a) => a.span(),
            Node::Array(a) => a.span(),
            Node::Value(v) => v.span(),
        }
    }

    /// Whether `offset` is inside this node's own text, for tables whose span is only their header.
    fn contains(&self, offset: usize) -> bool {
        match self {
            Node::Table(t) => t.iter().any(|(k, item)| {
                t.key(k)
                    .and_then(|key| key.span())
                    .is_some_and(|s| s.contains(&offset))
                    || Node::from_item(item).span().is_some_and(|s| s.contains(&offset))
                    || Node::from_item(item).contains(offset)
            }),
            Node::Tables(a) => a.iter().any(|t| {
                Node::Table(t).span().is_some_and(|s| s.contains(&offset)) || Node::Table(t).contains(offset)
            }),
            _ => false,
        }
    }
}

static EMPTY: std::sync::LazyLock<toml_edit::Array> = std::sync::LazyLock::new(toml_edit::Array::new);

fn line_at(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

fn field_name(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Collects the problems of a deserialized site.
struct Checker<'s, 'f> {
    spans: &'s Spans<'s>,
    file: &'f str,
    problems: Vec<Problem>,
}

impl Checker<'_, '_> {
    fn say(&mut self, path: &[Step], message: String) {
        let problem = self.spans.problem_at(self.file, path, message);
        self.problems.push(problem);
    }

    fn not_empty(&mut self, path: &[Step], value: &str) {
        if value.trim().is_empty() {
            self.say(path, "is empty: write the value between the quotes".to_owned());
        } else if value.trim() != value || value.contains(['\n', '\r']) {
            self.say(
                path,
                format!("{value:?} has spaces at an end or a line break: write it on one line, trimmed"),
            );
        }
    }

    fn site(mut self, site: &Site) -> Vec<Problem> {
        use Step::{Index, Key};
        self.origin(&site.origin);
        // Languages.
        if site.languages.is_empty() {
            self.say(
                &[Key("languages")],
                "lists no language: list one or more of \"fi\", \"sv\", \"en\"; the first is the default"
                    .into(),
            );
        }
        // The authoritative language is Finnish, at `/`: the notice's `translation_of`, the
        // locales' reference file and the page trunk builds (`index.html`) are Finnish.
        if let Some(first) = site.languages.first().filter(|l| **l != Language::Fi) {
            self.say(
                &[Key("languages"), Index(0)],
                format!(
                    "\"{first}\" is first, but the first language must be \"fi\": the Finnish page is the authoritative one, at /"
                ),
            );
        }
        for (field, list) in [
            ("languages", &site.languages),
            ("letter_languages", &site.letter_languages),
        ] {
            for (i, language) in list.iter().enumerate() {
                if list[..i].contains(language) {
                    self.say(&[Key(field), Index(i)], format!("\"{language}\" is listed twice"));
                }
            }
        }
        if site.letter_languages.is_empty() {
            self.say(&[Key("letter_languages")], "lists no language: list the languages the controller accepts a request letter in, e.g. [\"fi\", \"en\"]".into());
        }
        for (i, language) in site.letter_languages.iter().enumerate() {
            if *language == Language::Sv {
                self.say(&[Key("letter_languages"), Index(i)], "a request letter cannot be written in Swedish yet (the letter has Finnish and English): list \"fi\" or \"en\"".into());
            }
        }
        let prefix = &site.reference_prefix;
        if !(2..=5).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            self.say(&[Key("reference_prefix")], format!("\"{prefix}\" must be 2 to 5 capital letters A-Z, e.g. \"KUU\" (references read KUU-7K3Q-9XMD)"));
        }
        self.controller(site);
        self.brand(site);
        if !(1..=13).contains(&site.consent.record_months) {
            self.say(
                &[Key("consent"), Key("record_months")],
                format!(
                    "{} months: a choice must be asked again after 1 to 13 months",
                    site.consent.record_months
                ),
            );
        }
        match (site.consent.log, site.consent.log_months) {
            (true, None) => self.say(
                &[Key("consent"), Key("log_months")],
                "the consent log is on (log = true): say how long it keeps an entry, e.g. log_months = 36"
                    .into(),
            ),
            (_, Some(months)) if !(1..=120).contains(&months) => self.say(
                &[Key("consent"), Key("log_months")],
                format!("{months} months: the consent log keeps an entry 1 to 120 months"),
            ),
            _ => {}
        }
        match site.hosting.access_log_days {
            0 | 2..=366 => {}
            1 => self.say(
                &[Key("hosting"), Key("access_log_days")],
                "1 day: the notice says it in days, plural: say 0 (no log keeps IP addresses) or 2 or more".into(),
            ),
            days => self.say(
                &[Key("hosting"), Key("access_log_days")],
                format!("{days} days: an access log with IP addresses kept over a year is hard to justify (GDPR Art. 5(1)(e)); say how long the server really keeps it"),
            ),
        }
        if let Some(provider) = &site.hosting.provider {
            self.not_empty(&[Key("hosting"), Key("provider")], provider);
        }
        self.services(site);
        self.problems
    }

    fn origin(&mut self, origin: &str) {
        let path = [Step::Key("origin")];
        match origin.strip_prefix("https://") {
            None => self.say(&path, format!("\"{origin}\" must start with https:// (the site is served over HTTPS only)")),
            Some(host) if !is_host(host, false) => self.say(
                &path,
                format!("\"{origin}\" must be https:// and a host only, no path, port or trailing /, e.g. https://tietosuoja.example.fi"),
            ),
            Some(_) => {}
        }
    }

    fn controller(&mut self, site: &Site) {
        use Step::{Index, Key};
        let c = &site.controller;
        let at = |field: &'static str| [Key("controller"), Key(field)];
        for (field, value) in [
            ("street", &c.street),
            ("town", &c.town),
            ("phone", &c.phone),
            ("contact_person", &c.contact_person),
        ] {
            self.not_empty(&at(field), value);
        }
        self.not_empty(&[Key("controller"), Key("name"), Key("full")], &c.name.full);
        self.not_empty(&[Key("controller"), Key("name"), Key("short")], &c.name.short);
        if site.languages.contains(&Language::Fi) && c.name.fi.is_none() {
            self.say(&[Key("controller"), Key("name"), Key("fi")], "missing: the site has Finnish pages, so give the name's Finnish forms in [controller.name.fi] (full_genitive, genitive, partitive, allative)".into());
        }
        if site.languages.contains(&Language::Sv) && c.name.sv.is_none() {
            self.say(&[Key("controller"), Key("name"), Key("sv")], "missing: the site has Swedish pages, so give the name's Swedish forms in [controller.name.sv] (full_genitive, genitive)".into());
        }
        if let Some(fi) = &c.name.fi {
            for (field, value) in [
                ("full_genitive", &fi.full_genitive),
                ("genitive", &fi.genitive),
                ("partitive", &fi.partitive),
                ("allative", &fi.allative),
            ] {
                self.not_empty(&[Key("controller"), Key("name"), Key("fi"), Key(field)], value);
            }
        }
        if let Some(sv) = &c.name.sv {
            for (field, value) in [("full_genitive", &sv.full_genitive), ("genitive", &sv.genitive)] {
                self.not_empty(&[Key("controller"), Key("name"), Key("sv"), Key(field)], value);
            }
        }
        if let Some(id) = &c.business_id {
            if let Some(problem) = business_id_problem(id) {
                self.say(
                    &at("business_id"),
                    format!("\"{id}\" is not a business ID: {problem}"),
                );
            }
        }
        if let Some(postcode) = &c.postcode {
            let finnish = c
                .country
                .as_deref()
                .is_none_or(|country| ["Finland", "Suomi", "Finland (FI)"].contains(&country));
            if finnish && !(postcode.len() == 5 && postcode.bytes().all(|b| b.is_ascii_digit())) {
                self.say(
                    &at("postcode"),
                    format!("\"{postcode}\" is not a Finnish postal code: five digits, e.g. \"20100\""),
                );
            }
        }
        if let Some(country) = &c.country {
            self.not_empty(&at("country"), country);
        }
        self.phone(&at("phone"), &c.phone);
        self.email(&at("email"), &c.email);
        if let Some(dpo) = &c.dpo {
            self.not_empty(&[Key("controller"), Key("dpo"), Key("name")], &dpo.name);
            self.email(&[Key("controller"), Key("dpo"), Key("email")], &dpo.email);
            if let Some(phone) = &dpo.phone {
                self.phone(&[Key("controller"), Key("dpo"), Key("phone")], phone);
            }
        }
        if c.registers.is_empty() {
            self.say(
                &at("registers"),
                "lists no register: add one [[controller.registers]] with its name in each language".into(),
            );
        }
        for (i, register) in c.registers.iter().enumerate() {
            for language in site.languages.iter() {
                let path = [
                    Key("controller"),
                    Key("registers"),
                    Index(i),
                    Key("name"),
                    Key(language.code()),
                ];
                match register.name.get(*language) {
                    None => self.say(&path, format!("missing: the site has {language} pages, so the register needs its name in {language}")),
                    Some(name) => self.not_empty(&path, name),
                }
            }
        }
    }

    fn phone(&mut self, path: &[Step], phone: &str) {
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !allowed || !(5..=15).contains(&digits) || phone.get(1..).is_some_and(|rest| rest.contains('+')) {
            self.say(path, format!("\"{phone}\" is not a phone number: digits, spaces and a leading +, e.g. \"03 000 0000\" or \"+358 3 000 0000\""));
        }
    }

    fn email(&mut self, path: &[Step], email: &str) {
        if let Some(problem) = email_problem(email) {
            self.say(path, format!("\"{email}\" is not an e-mail address ({problem})"));
        }
    }

    fn brand(&mut self, site: &Site) {
        use Step::Key;
        let b = &site.brand;
        self.not_empty(&[Key("brand"), Key("name")], &b.name);
        if let Some(logo) = &b.logo {
            let lower = logo.to_ascii_lowercase();
            if ![".svg", ".png", ".webp"].iter().any(|e| lower.ends_with(e)) {
                self.say(
                    &[Key("brand"), Key("logo")],
                    format!("\"{logo}\" must be an .svg, .png or .webp file"),
                );
            }
        }
        for (scheme, colour, background, text) in [
            ("light", &b.accent.light, LIGHT_BACKGROUND, LIGHT_ACCENT_TEXT),
            ("dark", &b.accent.dark, DARK_BACKGROUND, DARK_ACCENT_TEXT),
        ] {
            let path = [Key("brand"), Key("accent"), Key(scheme)];
            let Some(rgb) = parse_colour(colour) else {
                self.say(
                    &path,
                    format!("\"{colour}\" is not a colour: write #rrggbb, e.g. \"#0b5563\""),
                );
                continue;
            };
            let pairs = [(background, "the page's background"), (text, "the header's text")];
            // Where the header's text is the background's colour (light: both white), one message.
            for (against, what) in pairs
                .into_iter()
                .filter(|(against, what)| *against != background || what.contains("page"))
            {
                let other = parse_colour(against).expect("the style's colours are #rrggbb");
                let ratio = contrast_ratio(rgb, other);
                if ratio < ACCENT_MIN_RATIO {
                    let advice = if scheme == "light" {
                        "a darker colour"
                    } else {
                        "a lighter colour"
                    };
                    self.say(&path, format!(
                        "\"{colour}\" has a contrast of {:.2}:1 with {what} ({against}) in the {scheme} scheme; WCAG AA needs {ACCENT_MIN_RATIO}:1: choose {advice}",
                        (ratio * 100.0).floor() / 100.0
                    ));
                }
            }
        }
    }

    fn services(&mut self, site: &Site) {
        use Step::{Index, Key};
        // The texts say one retention (`{retention}`): every service that keeps data says the same.
        let mut retentions = site
            .services
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.settings.data_retention_months?)));
        if let Some((first, months)) = retentions.next() {
            for (i, other) in retentions.filter(|(_, m)| *m != months) {
                self.say(
                    &[Key("services"), Index(i), Key("settings"), Key("data_retention_months")],
                    format!("{other} months, but services[{first}] keeps its data {months} months: the banner's texts say one retention ({{retention}}), so set the services alike"),
                );
            }
        }
        if site.services.len() > MAX_SERVICES {
            self.say(
                &[Key("services"), Index(MAX_SERVICES)],
                format!(
                    "a site has at most {MAX_SERVICES} services (the consent record keeps a switch for each)"
                ),
            );
        }
        for (i, service) in site.services.iter().enumerate() {
            let at = |field: &'static str| [Key("services"), Index(i), Key(field)];
            let id_ok = !service.id.is_empty()
                && service
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !id_ok {
                self.say(
                    &at("id"),
                    format!(
                        "\"{}\" must be lower-case letters, digits and -, e.g. \"analytics\"",
                        service.id
                    ),
                );
            } else if site.services[..i].iter().any(|s| s.id == service.id) {
                self.say(
                    &at("id"),
                    format!("\"{}\" is the id of another service too", service.id),
                );
            }
            self.not_empty(&at("provider"), &service.provider);
            if service.purpose == Purpose::Necessary {
                let use_ = match service.kind {
                    ServiceKind::PlainScript => "\"analytics\" or \"marketing\"".to_owned(),
                    kind => format!("\"{}\"", kind_purpose(kind).key()),
                };
                self.say(&at("purpose"), format!("a {} service is not necessary for the site to work, so it needs consent: use {use_} (ePrivacy Directive Art. 5(3))", service.kind.key()));
            } else if service.kind != ServiceKind::PlainScript
                && service.purpose != kind_purpose(service.kind)
            {
                // The gate loads each kind with one consent: a service of another purpose would
                // ask for a consent that loads nothing. Google signals' cookies are marketing
                // within an analytics service (`purpose` on the cookie).
                let hint = match service.kind {
                    ServiceKind::GoogleAnalytics4 => {
                        " (give its advertising cookies purpose = \"marketing\" each)"
                    }
                    ServiceKind::MetaPixel | ServiceKind::Matomo | ServiceKind::PlainScript => "",
                };
                self.say(
                    &at("purpose"),
                    format!(
                        "a {} service is loaded for {1}: use \"{1}\"{hint}",
                        service.kind.key(),
                        kind_purpose(service.kind).key()
                    ),
                );
            }
            // A plain script is any vendor's: a site may have several.
            let one_of_a_kind = service.kind != ServiceKind::PlainScript;
            if let Some(first) = site.services[..i]
                .iter()
                .position(|s| one_of_a_kind && s.kind == service.kind)
            {
                self.say(&at("kind"), format!("the site has a {} service already (services[{first}]): the gate loads one of each kind", service.kind.key()));
            }
            let s = &service.settings;
            let setting = |field: &'static str| [Key("services"), Index(i), Key("settings"), Key(field)];
            // The settings of the service's kind are required, the others refused.
            let own: &[&str] = match service.kind {
                ServiceKind::GoogleAnalytics4 => &["measurement_id", "data_retention_months"],
                ServiceKind::MetaPixel => &["pixel_id"],
                ServiceKind::Matomo => &["url", "site_id", "data_retention_months"],
                ServiceKind::PlainScript => &["script_url"],
            };
            match (&service.name, service.kind) {
                (None, ServiceKind::PlainScript) => self.say(
                    &[Key("services"), Index(i)],
                    "a plain-script service needs name: its product's name beside its switch, e.g. \"Mainosverkko\"".into(),
                ),
                (Some(name), _) => self.not_empty(&at("name"), name),
                (None, _) => {}
            }
            // (Two services of one built-in kind are told above.)
            let named_alike = |s: &crate::Service| {
                s.display_name() == service.display_name() && (s.kind != service.kind || !one_of_a_kind)
            };
            if let Some(first) = site.services[..i].iter().position(named_alike) {
                self.say(
                    &at("name"),
                    format!(
                        "\"{}\" is the name of services[{first}] too: each switch needs a name of its own",
                        service.display_name()
                    ),
                );
            }
            for (field, given) in [
                ("measurement_id", s.measurement_id.is_some()),
                ("data_retention_months", s.data_retention_months.is_some()),
                ("pixel_id", s.pixel_id.is_some()),
                ("url", s.url.is_some()),
                ("site_id", s.site_id.is_some()),
                ("script_url", s.script_url.is_some()),
            ] {
                if own.contains(&field) && !given {
                    self.say(
                        &[Key("services"), Index(i), Key("settings")],
                        format!("a {} service needs {field}", service.kind.key()),
                    );
                } else if !own.contains(&field) && given {
                    self.say(
                        &setting(field),
                        format!(
                            "is not a setting of a {} service (its settings: {})",
                            service.kind.key(),
                            own.join(", ")
                        ),
                    );
                }
            }
            if let Some(id) = &s.measurement_id {
                if let Some(problem) = measurement_id_problem(id) {
                    self.say(
                        &setting("measurement_id"),
                        format!("\"{id}\" is not a GA4 measurement ID: {problem}"),
                    );
                }
            }
            match (service.kind, s.data_retention_months) {
                (ServiceKind::GoogleAnalytics4, Some(months)) if ![2, 14].contains(&months) => self.say(
                    &setting("data_retention_months"),
                    format!("{months} months: Google Analytics 4 keeps data 2 or 14 months (Admin > Data retention)"),
                ),
                (ServiceKind::Matomo, Some(months)) if !(2..=120).contains(&months) => self.say(
                    &setting("data_retention_months"),
                    format!("{months} months: say after how many months (2 to 120; the texts say it in months, plural) Matomo deletes old raw data (Administration > Privacy > Anonymize data > Regularly delete old raw data; Matomo keeps it forever unless told)"),
                ),
                _ => {}
            }
            if let Some(url) = &s.url {
                let host = url
                    .strip_prefix("https://")
                    .and_then(|rest| rest.strip_suffix('/'));
                if !host.is_some_and(|h| is_host(h, false)) {
                    self.say(&setting("url"), format!("\"{url}\" must be https://, the Matomo's host and a final /, e.g. \"https://tilastot.example.fi/\" (no path: matomo.js and matomo.php are below it)"));
                }
            }
            // A plain script's host, when its address is well formed.
            let plain_host = s.script_url.as_deref().and_then(|url| {
                let rest = url.strip_prefix("https://")?;
                let host = rest.split('/').next()?;
                // Printable ASCII without quotes or angle brackets: a browser's own form of an
                // address, safe in an attribute and a header.
                let printable = url
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && !b"\"'<>\\`#".contains(&b));
                (printable && is_host(host, false) && rest.len() > host.len() + 1)
                    .then(|| &url[.."https://".len() + host.len()])
            });
            if let (Some(url), None) = (&s.script_url, plain_host) {
                self.say(&setting("script_url"), format!("\"{url}\" must be https://, a host and the script's path, e.g. \"https://tag.example.com/tag.js\""));
            }
            if s.site_id == Some(0) {
                self.say(
                    &setting("site_id"),
                    "0 is no Matomo site: its ids start at 1 (Administration > Websites > Manage)".into(),
                );
            }
            if let Some(id) = &s.pixel_id {
                if !(10..=20).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_digit()) {
                    self.say(&setting("pixel_id"), format!("\"{id}\" is not a Meta pixel ID: 10 to 20 digits (Events Manager > Data sources), e.g. \"1234567890123456\""));
                }
            }
            if service.kind == ServiceKind::Matomo && s.share_cookies_with_parent_domain {
                // The gate keeps Matomo's cookies on the site's host (it sets no cookie domain).
                self.say(
                    &setting("share_cookies_with_parent_domain"),
                    "Matomo's cookies stay on the site's own host here: leave this out (or false)".into(),
                );
            }
            if service.kind == ServiceKind::MetaPixel && !s.share_cookies_with_parent_domain {
                // fbevents.js sets _fbp on the highest domain it can; it cannot be kept on the host.
                self.say(&[Key("services"), Index(i), Key("settings")], "Meta's pixel sets its cookies on the parent domain (shared with the company's other sites there): say share_cookies_with_parent_domain = true, so the cookie table says so".into());
            }
            // A Matomo's origin, when its url is well formed (a malformed one is said above).
            let matomo = s
                .url
                .as_deref()
                .and_then(|url| url.strip_suffix('/'))
                .filter(|origin| origin.strip_prefix("https://").is_some_and(|h| is_host(h, false)))
                .unwrap_or_default();
            let hosts_needed: Vec<(&str, &str)> = match service.kind {
                ServiceKind::GoogleAnalytics4 => vec![("script_hosts", "https://www.googletagmanager.com")],
                ServiceKind::MetaPixel => vec![
                    ("script_hosts", "https://connect.facebook.net"),
                    ("image_hosts", "https://www.facebook.com"),
                    ("connect_hosts", "https://www.facebook.com"),
                ],
                // matomo.js from it; matomo.php by sendBeacon (connect) or, failing that, an image.
                ServiceKind::Matomo if !matomo.is_empty() => vec![
                    ("script_hosts", matomo),
                    ("connect_hosts", matomo),
                    ("image_hosts", matomo),
                ],
                ServiceKind::Matomo => vec![],
                ServiceKind::PlainScript => plain_host
                    .map(|host| ("script_hosts", host))
                    .into_iter()
                    .collect(),
            };
            for (field, host) in hosts_needed {
                let hosts = s.hosts(field);
                let well_formed = hosts
                    .iter()
                    .all(|h| h.strip_prefix("https://").is_some_and(|name| is_host(name, true)));
                // A malformed host is said once, as such; a wildcard may cover the host.
                if well_formed && !hosts.iter().any(|h| covers(h, host)) {
                    self.say(&setting(field), format!("does not list \"{host}\": a {} service loads from or sends to it, and the Content-Security-Policy would block it", service.kind.key()));
                }
            }
            for field in ["script_hosts", "image_hosts", "connect_hosts"] {
                let hosts = s.hosts(field);
                if field == "script_hosts" && hosts.is_empty() {
                    self.say(&setting(field), "lists no host: the service's script must come from somewhere, e.g. \"https://www.googletagmanager.com\"".into());
                }
                for (j, host) in hosts.iter().enumerate() {
                    let path = [Key("services"), Index(i), Key("settings"), Key(field), Index(j)];
                    match host.strip_prefix("https://") {
                        None => self.say(&path, format!("\"{host}\" is not https: the Content-Security-Policy allows https:// hosts only")),
                        Some(name) if !is_host(name, true) => self.say(&path, format!("\"{host}\" must be https:// and a host, optionally starting with *. (no path), e.g. \"https://*.google-analytics.com\"")),
                        Some(_) => {}
                    }
                }
            }
            if service.cookies.is_empty() {
                self.say(&at("cookies"), "lists no cookie: list everything the service stores, as [[services.cookies]] with key, name or prefix, and lifetime".into());
            } else if service
                .cookies
                .iter()
                .all(|c| c.purpose.is_some_and(|p| p != service.purpose))
            {
                // The visitor is asked about the purposes the cookies serve: with none of the
                // service's own, its purpose is never asked, and the service never loads.
                self.say(&at("purpose"), format!(
                    "\"{}\", but none of its cookies serves it: give the cookies the service sets for its own purpose no other purpose",
                    service.purpose.key()
                ));
            }
            for (j, cookie) in service.cookies.iter().enumerate() {
                let cookie_at =
                    |field: &'static str| [Key("services"), Index(i), Key("cookies"), Index(j), Key(field)];
                let key_ok = cookie.key.starts_with(|c: char| c.is_ascii_lowercase())
                    && cookie
                        .key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !key_ok {
                    self.say(&cookie_at("key"), format!("\"{}\" must be lower_snake_case: the texts are [entries] {0}_what and {0}_lifetime in locales/*.toml", cookie.key));
                }
                match (&cookie.name, &cookie.prefix) {
                    (Some(_), Some(_)) => self.say(&cookie_at("prefix"), "give name or prefix, not both".into()),
                    (None, None) => self.say(&[Key("services"), Index(i), Key("cookies"), Index(j)], "has no name: give name = \"_ga\" (the exact name) or prefix = \"_gcl_\" (every name starting with it)".into()),
                    _ => {}
                }
                for (field, value) in [("name", &cookie.name), ("prefix", &cookie.prefix)] {
                    if let Some(value) = value {
                        if value.is_empty()
                            || !value
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                        {
                            self.say(
                                &cookie_at(field),
                                format!("\"{value}\" must be letters, digits, _, - and ."),
                            );
                        }
                    }
                }
                if let Some(domain) = &cookie.domain {
                    if !is_host(domain, false) {
                        self.say(
                            &cookie_at("domain"),
                            format!("\"{domain}\" must be a domain name, e.g. \"doubleclick.net\""),
                        );
                    }
                }
                if cookie.purpose == Some(Purpose::Necessary) && service.purpose != Purpose::Necessary {
                    self.say(
                        &cookie_at("purpose"),
                        "a cookie of a service that needs consent cannot be necessary".into(),
                    );
                }
            }
        }
    }
}

/// Whether a host of the Content-Security-Policy (`https://*.facebook.com`) allows `host`
/// (`https://www.facebook.com`).
fn covers(listed: &str, host: &str) -> bool {
    listed == host
        || listed.strip_prefix("https://*.").is_some_and(|domain| {
            host.strip_prefix("https://")
                .and_then(|name| name.strip_suffix(domain))
                .is_some_and(|label| label.ends_with('.') && label.len() > 1)
        })
}

/// The purpose a kind of service is loaded for: the consent that loads it.
fn kind_purpose(kind: ServiceKind) -> Purpose {
    match kind {
        ServiceKind::GoogleAnalytics4 | ServiceKind::Matomo => Purpose::Analytics,
        ServiceKind::MetaPixel => Purpose::Marketing,
        // Either; the other is allowed too.
        ServiceKind::PlainScript => Purpose::Analytics,
    }
}

/// A host name: labels of letters, digits and hyphens joined by dots, at least two labels; with
/// `wildcard`, it may start with `*.`.
fn is_host(host: &str, wildcard: bool) -> bool {
    let host = if wildcard {
        host.strip_prefix("*.").unwrap_or(host)
    } else {
        host
    };
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture company's folder: valid, and the base each mistake is made in.
    const FIXTURE: &str = include_str!("../testdata/site.toml");
    const FILE: &str = "site/site.toml";

    fn line_of(text: &str, needle: &str) -> usize {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in the text"));
        line_at(text, at)
    }

    /// The one problem of the folder `text`.
    fn only(text: &str) -> Problem {
        let problems = load_str(text, FILE).expect_err("the text has a mistake");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.into_iter().next().unwrap()
    }

    /// The one problem of the fixture with `from` replaced by `to`.
    fn problem(from: &str, to: &str) -> (Problem, String) {
        assert!(FIXTURE.contains(from), "{from:?} is in site.toml");
        let text = FIXTURE.replacen(from, to, 1);
        (only(&text), text)
    }

    #[test]
    fn the_fixture_loads() {
        let site = load_str(FIXTURE, FILE).unwrap_or_else(|p| panic!("{p:#?}"));
        assert_eq!(site.controller.name.full, "Esimerkki Oy");
        assert_eq!(site.controller.address(), "Testikatu 1, Turku");
        assert_eq!(site.reference_prefix, "ESI");
        assert_eq!(site.default_language(), Language::Fi);
        assert_eq!(site.host(), "tietosuoja.esimerkki.example");
        assert_eq!(
            site.services[0].settings.measurement_id.as_deref(),
            Some("G-ESIMERKKI0")
        );
        assert_eq!(
            site.services[0].cookies[3].purpose_in(&site.services[0]),
            Purpose::Marketing
        );
        assert_eq!(
            site.services[0].cookies[0].purpose_in(&site.services[0]),
            Purpose::Analytics
        );
        assert_eq!(site.services[0].cookies[2].lifetime, crate::Lifetime::Days(90));
    }

    #[test]
    fn a_malformed_email_names_file_line_field_and_why() {
        let (p, text) = problem(
            "email = \"tietosuoja@esimerkki.example\"",
            "email = \"x@kahvilakuu,fi\"",
        );
        assert_eq!(p.file, FILE);
        assert_eq!(p.line, Some(line_of(&text, "email = \"x@")));
        assert_eq!(p.field, "controller.email");
        assert!(
            p.message
                .starts_with("\"x@kahvilakuu,fi\" is not an e-mail address ("),
            "{p}"
        );
        assert_eq!(
            p.to_string(),
            format!("site/site.toml:{}: controller.email: \"x@kahvilakuu,fi\" is not an e-mail address (the domain must be labels of letters, digits and hyphens separated by single dots)", p.line.unwrap())
        );
    }

    #[test]
    fn a_missing_field_says_what_to_add_and_where() {
        let (p, text) = problem("phone = \"040 000 0000\"\n", "");
        assert_eq!(p.field, "controller.phone", "{p}");
        assert!(
            p.message.contains("missing")
                && p.message.contains("`phone = …`")
                && p.message.contains("[controller]"),
            "{p}"
        );
        assert_eq!(p.line, Some(line_of(&text, "[controller]")), "{p}");
        let (p, _) = problem("reference_prefix = \"ESI\"\n", "");
        assert_eq!(p.field, "reference_prefix", "{p}");
        assert!(p.message.contains("the top of the file"), "{p}");
    }

    #[test]
    fn an_unknown_field_is_refused_at_its_line() {
        let (p, text) = problem("contact_person = ", "contact_persn = ");
        assert_eq!(p.line, Some(line_of(&text, "contact_persn")), "{p}");
        assert_eq!(p.field, "controller.contact_persn", "{p}");
        assert!(
            p.message.starts_with("unknown field") && p.message.contains("`contact_person`"),
            "{p}"
        );
        let (p, text) = problem("[brand]\n", "[brand]\ncolour = \"red\"\n");
        assert_eq!(p.line, Some(line_of(&text, "colour = ")), "{p}");
        assert_eq!(p.field, "brand.colour", "{p}");
    }

    #[test]
    fn a_malformed_business_id_names_the_check_digit() {
        let (p, text) = problem("# business_id = \"0000000-0\"", "business_id = \"1234567-2\"");
        assert_eq!(
            (p.field.as_str(), p.line),
            (
                "controller.business_id",
                Some(line_of(&text, "business_id = \"1"))
            )
        );
        assert!(p.message.contains("check digit should be 1, not 2"), "{p}");
        let (p, _) = problem("# business_id = \"0000000-0\"", "business_id = \"FI12345671\"");
        assert!(
            p.message.contains("seven digits, a hyphen and a check digit"),
            "{p}"
        );
    }

    #[test]
    fn a_universal_analytics_id_is_told_to_use_ga4() {
        let (p, text) = problem("\"G-ESIMERKKI0\"", "\"UA-1234567-1\"");
        assert_eq!(p.field, "services[0].settings.measurement_id");
        assert_eq!(p.line, Some(line_of(&text, "UA-1234567-1")));
        assert!(p.message.contains("GA4 measurement IDs start with G-"), "{p}");
    }

    /// A Meta pixel service for marketing, as a site adds it after the fixture's services.
    const PIXEL: &str = r#"
[[services]]
id = "pixel"
kind = "meta-pixel"
purpose = "marketing"
provider = "Meta Platforms Ireland Ltd"

[services.settings]
pixel_id = "1234567890123456"
script_hosts = ["https://connect.facebook.net"]
image_hosts = ["https://www.facebook.com"]
connect_hosts = ["https://www.facebook.com"]
share_cookies_with_parent_domain = true

[[services.cookies]]
key = "fbp"
name = "_fbp"
lifetime = "90 days"
"#;

    /// The fixture with the pixel after it, `from` replaced by `to` in the pixel.
    fn with_pixel(from: &str, to: &str) -> String {
        assert!(PIXEL.contains(from), "{from:?} is in the pixel");
        [FIXTURE, &PIXEL.replacen(from, to, 1)].concat()
    }

    #[test]
    fn a_meta_pixel_is_a_marketing_service_with_its_id_and_hosts() {
        let site = load_str(&with_pixel("", ""), FILE).expect("the pixel as written is valid");
        let pixel = site.services.last().unwrap();
        assert_eq!(pixel.kind, ServiceKind::MetaPixel);
        assert_eq!(pixel.settings.pixel_id.as_deref(), Some("1234567890123456"));
        let one = |from: &str, to: &str| only(&with_pixel(from, to));
        let p = one("purpose = \"marketing\"", "purpose = \"analytics\"");
        assert!(p.message.contains("loaded for marketing"), "{p}");
        let p = one("\"1234567890123456\"", "\"fb-123\"");
        assert_eq!(p.field, "services[1].settings.pixel_id");
        assert!(p.message.contains("10 to 20 digits"), "{p}");
        let p = one("pixel_id = \"1234567890123456\"\n", "");
        assert_eq!(p.field, "services[1].settings");
        assert!(p.message.contains("needs pixel_id"), "{p}");
        let p = one("pixel_id =", "data_retention_months = 2\npixel_id =");
        assert_eq!(p.field, "services[1].settings.data_retention_months");
        assert!(p.message.contains("its settings: pixel_id"), "{p}");
        let p = one("\"https://connect.facebook.net\"", "\"https://cdn.example.com\"");
        assert_eq!(p.field, "services[1].settings.script_hosts");
        assert!(p.message.contains("https://connect.facebook.net"), "{p}");
        let p = one("share_cookies_with_parent_domain = true", "");
        assert!(p.message.contains("parent domain"), "{p}");
        let twice = [
            FIXTURE,
            PIXEL,
            &PIXEL.replacen("id = \"pixel\"", "id = \"pixel-2\"", 1),
        ]
        .concat();
        let p = only(&twice);
        assert_eq!(p.field, "services[2].kind");
        assert!(p.message.contains("one of each kind"), "{p}");
    }

    #[test]
    fn the_hosting_says_how_long_ip_addresses_are_logged() {
        let (p, text) = problem("access_log_days = 14", "access_log_days = 400");
        assert_eq!(p.field, "hosting.access_log_days");
        assert_eq!(p.line, Some(line_of(&text, "access_log_days = 400")));
        assert!(p.message.contains("400 days"), "{p}");
        let (p, _) = problem("access_log_days = 14\n", "");
        assert!(p.message.contains("access_log_days"), "{p}");
        let site = load_str(&FIXTURE.replacen("provider = \"Palvelin Oy\"\n", "", 1), FILE).unwrap();
        assert_eq!(site.hosting.provider, None, "the provider may be left out");
    }

    /// A self-hosted Matomo for analytics, as a site adds it instead of Google Analytics.
    const MATOMO: &str = r#"
[[services]]
id = "stats"
kind = "matomo"
purpose = "analytics"
provider = "Esimerkki Oy"

[services.settings]
url = "https://tilastot.esimerkki.fi/"
site_id = 3
data_retention_months = 13
script_hosts = ["https://tilastot.esimerkki.fi"]
image_hosts = ["https://tilastot.esimerkki.fi"]
connect_hosts = ["https://tilastot.esimerkki.fi"]

[[services.cookies]]
key = "pk_id"
prefix = "_pk_id."
lifetime = "13 months"
"#;

    #[test]
    fn a_matomo_needs_its_address_site_and_retention_and_may_be_the_only_analytics() {
        // The fixture's Google Analytics replaced by a Matomo: a site without Google is valid.
        let ga_start = FIXTURE.find("[[services]]").unwrap();
        let without_google = &FIXTURE[..ga_start];
        let with = |from: &str, to: &str| {
            assert!(MATOMO.contains(from), "{from:?}");
            [without_google, &MATOMO.replacen(from, to, 1)].concat()
        };
        let site = load_str(&with("", ""), FILE).expect("the Matomo as written is valid");
        assert_eq!(site.services.len(), 1);
        assert_eq!(site.services[0].kind, ServiceKind::Matomo);
        assert_eq!(site.services[0].settings.site_id, Some(3));
        let one = |from: &str, to: &str| only(&with(from, to));
        let p = one(
            "\"https://tilastot.esimerkki.fi/\"",
            "\"https://tilastot.esimerkki.fi/piwik/\"",
        );
        assert_eq!(p.field, "services[0].settings.url");
        assert!(p.message.contains("final /"), "{p}");
        let p = one("data_retention_months = 13", "data_retention_months = 0");
        assert!(p.message.contains("Matomo keeps it forever"), "{p}");
        let p = one("site_id = 3\n", "");
        assert!(p.message.contains("needs site_id"), "{p}");
        let p = one(
            "connect_hosts = [\"https://tilastot.esimerkki.fi\"]",
            "connect_hosts = []",
        );
        assert_eq!(p.field, "services[0].settings.connect_hosts");
        let p = one("purpose = \"analytics\"", "purpose = \"marketing\"");
        assert!(p.message.contains("loaded for analytics"), "{p}");
        let p = one(
            "site_id = 3\n",
            "site_id = 3\nshare_cookies_with_parent_domain = true\n",
        );
        assert!(p.message.contains("own host"), "{p}");
        // Beside the fixture's Google Analytics (2 months), a Matomo keeping 13 months is told:
        // the texts say one retention.
        let p = only(&[FIXTURE, MATOMO].concat());
        assert_eq!(p.field, "services[1].settings.data_retention_months");
        assert!(p.message.contains("one retention"), "{p}");
        load_str(
            &[FIXTURE, &MATOMO.replace("months = 13", "months = 2")].concat(),
            FILE,
        )
        .expect("alike");
    }

    /// An ad network's tag as a plain script, beside the fixture's Google Analytics.
    const PLAIN: &str = r#"
[[services]]
id = "ads"
kind = "plain-script"
purpose = "marketing"
provider = "Mainosverkko Oy"
name = "Mainosverkko"

[services.settings]
script_url = "https://tag.mainosverkko.example/esimerkki.js?id=7"
script_hosts = ["https://tag.mainosverkko.example"]
image_hosts = []
connect_hosts = []

[[services.cookies]]
key = "mv_id"
name = "_mv_id"
lifetime = "90 days"
"#;

    #[test]
    fn a_plain_script_needs_its_name_and_an_https_address_its_hosts_allow() {
        let with = |from: &str, to: &str| {
            assert!(PLAIN.contains(from), "{from:?}");
            [FIXTURE, &PLAIN.replacen(from, to, 1)].concat()
        };
        let site = load_str(&with("", ""), FILE).expect("the plain script as written is valid");
        let plain = &site.services[1];
        assert_eq!(plain.kind, ServiceKind::PlainScript);
        assert_eq!(plain.display_name(), "Mainosverkko");
        assert_eq!(site.services[0].display_name(), "Google Analytics 4");
        // Analytics too, and two of them.
        load_str(&with("purpose = \"marketing\"", "purpose = \"analytics\""), FILE).expect("analytics");
        let two = [
            &with("", "")[..],
            &PLAIN
                .replace("id = \"ads\"", "id = \"ads-2\"")
                .replace("name = \"Mainosverkko\"", "name = \"Toinen\""),
        ]
        .concat();
        load_str(&two, FILE).expect("several plain scripts");
        let one = |from: &str, to: &str| only(&with(from, to));
        let p = one("name = \"Mainosverkko\"\n", "");
        assert!(p.message.contains("needs name"), "{p}");
        let p = one("name = \"Mainosverkko\"", "name = \"Google Analytics 4\"");
        assert_eq!(p.field, "services[1].name");
        for url in [
            "http://tag.mainosverkko.example/esimerkki.js",
            "https://tag.mainosverkko.example",
            "https://tag.mainosverkko.example/",
            "https://user@tag.mainosverkko.example/x.js",
            "https://tag.mainosverkko.example/a b.js",
            "https://tag.mainosverkko.example/\\\"x.js",
            "https://tag.mainosverkko.example/x.js#y",
        ] {
            let p = one(
                "\"https://tag.mainosverkko.example/esimerkki.js?id=7\"",
                &format!("\"{url}\""),
            );
            assert_eq!(p.field, "services[1].settings.script_url", "{url}");
        }
        let p = one(
            "script_hosts = [\"https://tag.mainosverkko.example\"]",
            "script_hosts = [\"https://cdn.mainosverkko.example\"]",
        );
        assert_eq!(p.field, "services[1].settings.script_hosts");
        let p = one(
            "script_url = \"https://tag.mainosverkko.example/esimerkki.js?id=7\"\n",
            "",
        );
        assert!(p.message.contains("needs script_url"), "{p}");
        let p = one("purpose = \"marketing\"", "purpose = \"necessary\"");
        assert!(p.message.contains("\"analytics\" or \"marketing\""), "{p}");
        // A plain script's address is not another kind's setting.
        let p = only(&FIXTURE.replacen(
            "measurement_id",
            "script_url = \"https://tag.mainosverkko.example/x.js\"\nmeasurement_id",
            1,
        ));
        assert_eq!(p.field, "services[0].settings.script_url");
    }

    #[test]
    fn a_wildcard_host_covers_its_subdomains_only() {
        assert!(covers("https://www.facebook.com", "https://www.facebook.com"));
        assert!(covers("https://*.facebook.com", "https://www.facebook.com"));
        assert!(!covers("https://*.facebook.com", "https://facebook.com"));
        assert!(!covers("https://*.facebook.com", "https://www.notfacebook.com"));
        assert!(!covers("https://*.book.com", "https://www.facebook.com"));
    }

    #[test]
    fn a_service_has_a_cookie_of_its_own_purpose() {
        // Every cookie of the fixture's analytics service marked marketing: analytics would never
        // be asked, and the service never load.
        let text = FIXTURE
            .replacen("key = \"ga\"\n", "key = \"ga\"\npurpose = \"marketing\"\n", 1)
            .replacen(
                "key = \"ga_session\"\n",
                "key = \"ga_session\"\npurpose = \"marketing\"\n",
                1,
            );
        let problems = load_str(&text, FILE).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].field, "services[0].purpose");
        assert!(
            problems[0].message.contains("none of its cookies serves it"),
            "{}",
            problems[0]
        );
        // One cookie of its own purpose is enough (Google signals' are marketing beside it).
        let text = FIXTURE.replacen("key = \"ga\"\n", "key = \"ga\"\npurpose = \"marketing\"\n", 1);
        assert!(load_str(&text, FILE).is_ok());
    }

    #[test]
    fn google_analytics_is_loaded_for_analytics_and_cookie_names_may_have_dots() {
        let (p, text) = problem("purpose = \"analytics\"\n# Who", "purpose = \"marketing\"\n# Who");
        assert_eq!(
            (p.field.as_str(), p.line),
            (
                "services[0].purpose",
                Some(line_of(&text, "purpose = \"marketing\"\n# Who"))
            )
        );
        assert!(p.message.contains("loaded for analytics"), "{p}");
        // Matomo's `_pk_id.` prefix is a name; a space or a slash is not.
        let text = FIXTURE.replacen("prefix = \"_gcl_\"", "prefix = \"_pk_id.\"", 1);
        assert!(load_str(&text, FILE).is_ok());
        let (p, _) = problem("prefix = \"_gcl_\"", "prefix = \"_gcl /\"");
        assert!(p.message.contains("letters, digits, _, - and ."), "{p}");
    }

    #[test]
    fn a_service_without_purpose_or_cookies_is_refused() {
        let (p, _) = problem("purpose = \"analytics\"\n# Who", "# Who");
        assert_eq!(p.field, "services[0].purpose", "{p}");
        assert!(p.message.contains("missing"), "{p}");
        // Every cookie removed: the service lists none.
        let start = FIXTURE.find("# Everything the service stores").unwrap();
        let text = &FIXTURE[..start];
        let problems = load_str(text, FILE).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].field, "services[0].cookies");
        assert!(problems[0].message.contains("missing"), "{}", problems[0]);
        let text = text.replacen(
            "provider = \"Google Ireland Ltd\"\n",
            "provider = \"Google Ireland Ltd\"\ncookies = []\n",
            1,
        );
        let problems = load_str(&text, FILE).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].field, "services[0].cookies");
        assert_eq!(problems[0].line, Some(line_of(&text, "cookies = []")));
        assert!(problems[0].message.contains("lists no cookie"), "{}", problems[0]);
    }

    #[test]
    fn a_purpose_the_catalogue_does_not_know_is_named() {
        let (p, text) = problem("purpose = \"analytics\"", "purpose = \"statistics\"");
        assert_eq!(p.field, "services[0].purpose", "{p}");
        assert_eq!(p.line, Some(line_of(&text, "\"statistics\"")));
        assert!(
            p.message.contains(
                "\"statistics\" is not a purpose the catalogue knows: use `necessary`, `analytics`"
            ),
            "{p}"
        );
    }

    #[test]
    fn a_host_that_is_not_https_is_refused() {
        let (p, text) = problem(
            "\"https://*.google.fi\",\n]\nconnect",
            "\"http://*.google.fi\",\n]\nconnect",
        );
        assert_eq!(p.field, "services[0].settings.image_hosts[4]", "{p}");
        assert_eq!(p.line, Some(line_of(&text, "http://")));
        assert!(p.message.contains("is not https"), "{p}");
        let (p, _) = problem(
            "\"https://www.googletagmanager.com\"]",
            "\"https://www.googletagmanager.com/gtag/js\"]",
        );
        assert_eq!(p.field, "services[0].settings.script_hosts[0]", "{p}");
        assert!(p.message.contains("no path"), "{p}");
    }

    #[test]
    fn finnish_comes_first() {
        for list in ["[\"sv\", \"fi\"]", "[\"sv\"]", "[\"en\", \"fi\", \"sv\"]"] {
            let (p, text) = problem(
                "languages = [\"fi\", \"sv\", \"en\"]",
                &format!("languages = {list}"),
            );
            assert_eq!(p.line, Some(line_of(&text, "languages = [")), "{list}: {p}");
            assert_eq!(p.field, "languages[0]", "{list}: {p}");
            assert!(
                p.message.contains("the first language must be \"fi\""),
                "{list}: {p}"
            );
        }
    }

    #[test]
    fn a_language_the_portal_lacks_is_named() {
        let (p, text) = problem(
            "languages = [\"fi\", \"sv\", \"en\"]",
            "languages = [\"fi\", \"de\"]",
        );
        assert_eq!(p.line, Some(line_of(&text, "\"de\"")));
        assert!(p.field.starts_with("languages"), "{p}");
        assert!(
            p.message
                .contains("\"de\" is not a language the portal has: use `fi`, `sv`"),
            "{p}"
        );
        let (p, _) = problem(
            "letter_languages = [\"fi\", \"en\"]",
            "letter_languages = [\"fi\", \"sv\"]",
        );
        assert_eq!(p.field, "letter_languages[1]", "{p}");
        assert!(p.message.contains("cannot be written in Swedish"), "{p}");
    }

    #[test]
    fn an_accent_with_too_little_contrast_says_the_ratio() {
        let (p, text) = problem("light = \"#0b5563\"", "light = \"#7fd0dc\"");
        assert_eq!(p.field, "brand.accent.light");
        assert_eq!(p.line, Some(line_of(&text, "accent = {")));
        // #7fd0dc on white: 1.75:1 (and the header's text is white too: one message).
        assert!(
            p.message.contains("1.75:1") && p.message.contains("4.5:1") && p.message.contains("darker"),
            "{p}"
        );
        let text = FIXTURE.replacen("dark = \"#7fd0dc\"", "dark = \"#0b5563\"", 1);
        let problems = load_str(&text, FILE).unwrap_err();
        // Against the dark background and the dark header text alike.
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems
            .iter()
            .all(|p| p.field == "brand.accent.dark" && p.message.contains("lighter")));
    }

    #[test]
    fn the_name_forms_a_language_needs_are_asked_for() {
        let start = FIXTURE.find("[controller.name.sv]").unwrap();
        let end = FIXTURE.find("# The registers").unwrap();
        let text = [&FIXTURE[..start], &FIXTURE[end..]].concat();
        let problems = load_str(&text, FILE).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].field, "controller.name.sv");
        assert!(problems[0].message.contains("Swedish pages"), "{}", problems[0]);
        // Without Swedish pages, no Swedish forms are needed.
        let text = text.replacen("[\"fi\", \"sv\", \"en\"]", "[\"fi\", \"en\"]", 1);
        assert!(load_str(&text, FILE).is_ok());
    }

    #[test]
    fn several_mistakes_are_all_told() {
        let text = FIXTURE
            .replacen("\"tietosuoja@esimerkki.example\"", "\"tietosuoja\"", 1)
            .replacen("reference_prefix = \"ESI\"", "reference_prefix = \"esi-\"", 1)
            .replacen(
                "\"https://tietosuoja.esimerkki.example\"",
                "\"http://tietosuoja.esimerkki.example\"",
                1,
            );
        let problems = load_str(&text, FILE).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["origin", "reference_prefix", "controller.email"]);
    }

    #[test]
    fn a_consent_log_needs_its_retention() {
        let site = load_str(FIXTURE, FILE).unwrap();
        assert!(!site.consent.log, "off unless the folder says so");
        let (p, _) = problem("record_months = 12", "record_months = 12\nlog = true");
        assert_eq!(p.field, "consent.log_months", "{p}");
        assert!(p.message.contains("log_months = 36"), "{p}");
        assert!(p.line.is_some(), "{p}");
        let (p, _) = problem(
            "record_months = 12",
            "record_months = 12\nlog = true\nlog_months = 0",
        );
        assert_eq!(p.field, "consent.log_months", "{p}");
        assert!(p.message.contains("1 to 120"), "{p}");
        let on = FIXTURE.replacen(
            "record_months = 12",
            "record_months = 12\nlog = true\nlog_months = 36",
            1,
        );
        let site = load_str(&on, FILE).unwrap();
        assert_eq!((site.consent.log, site.consent.log_months), (true, Some(36)));
    }

    #[test]
    fn a_value_of_the_wrong_kind_says_what_to_write() {
        let (p, text) = problem("record_months = 12", "record_months = \"12\"");
        assert_eq!(
            (p.field.as_str(), p.line),
            (
                "consent.record_months",
                Some(line_of(&text, "record_months = \""))
            )
        );
        assert_eq!(
            p.message,
            "this should be a whole number, without quotes, not string \"12\""
        );
        let (p, _) = problem("languages = [\"fi\", \"sv\", \"en\"]", "languages = \"fi\"");
        assert_eq!(p.field, "languages");
        assert!(
            p.message.starts_with("this should be a list in [brackets]"),
            "{p}"
        );
    }

    #[test]
    fn text_that_is_not_toml_is_told_with_its_line() {
        let text = FIXTURE.replacen("town = \"Turku\"", "town = Turku", 1);
        let problems = load_str(&text, FILE).unwrap_err();
        assert_eq!(
            problems[0].line,
            Some(line_of(&text, "town = Turku")),
            "{:?}",
            problems
        );
        assert!(
            problems[0].message.starts_with("not valid TOML"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_folder_is_read_from_disk_and_its_logo_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("kuu");
        std::fs::create_dir(&folder).unwrap();
        let missing = load(&folder).unwrap_err();
        assert!(missing[0].message.contains("has no site.toml"), "{}", missing[0]);
        let text = FIXTURE.replacen("# logo = \"logo.svg\"", "logo = \"logo.svg\"", 1);
        std::fs::write(folder.join("site.toml"), &text).unwrap();
        let problems = load(&folder).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, format!("{}/site.toml", folder.display()));
        assert_eq!(problems[0].field, "brand.logo");
        assert_eq!(problems[0].line, Some(line_of(&text, "logo = \"logo.svg\"")));
        assert!(
            problems[0].message.contains("no file \"logo.svg\""),
            "{}",
            problems[0]
        );
        std::fs::write(
            folder.join("logo.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .unwrap();
        // A logo without a size cannot reserve its place in the header: told at its line.
        let sizeless = load(&folder).unwrap_err();
        assert_eq!(
            (sizeless[0].field.as_str(), sizeless[0].line),
            ("brand.logo", Some(line_of(&text, "logo = \"logo.svg\"")))
        );
        assert!(sizeless[0].message.contains("has no size"), "{}", sizeless[0]);
        std::fs::write(
            folder.join("logo.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 40\"/>",
        )
        .unwrap();
        assert!(load(&folder).is_ok());
        let text = FIXTURE.replacen("# logo = \"logo.svg\"", "logo = \"../logo.svg\"", 1);
        std::fs::write(folder.join("site.toml"), &text).unwrap();
        assert!(load(&folder).unwrap_err()[0]
            .message
            .contains("inside the site folder"));
    }

    /// The repository's folders load, whatever their facts (no fact of theirs is asserted here,
    /// so a company's edit to its folder cannot fail this crate's tests; an invalid one must).
    #[test]
    fn the_repository_s_site_files_are_valid() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for dir in ["site", "examples/kahvila-kuu"] {
            if let Err(problems) = load(&root.join(dir)) {
                panic!(
                    "{}",
                    problems
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        }
    }

    #[test]
    fn the_example_company_s_folder_passes_the_whole_check() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kahvila-kuu");
        let site = check_folder(&dir).unwrap_or_else(|p| {
            panic!(
                "{}",
                p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
            )
        });
        assert_eq!(site.controller.name.full, "Kahvila Kuu Oy");
        assert_eq!(site.languages.as_ref(), [Language::Fi, Language::Sv]);
    }

    #[test]
    fn a_folder_lacking_a_language_s_notice_or_locale_is_told_each() {
        let dir = tempfile::tempdir().unwrap();
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kahvila-kuu");
        for file in ["site.toml", "logo.svg"] {
            std::fs::copy(example.join(file), dir.path().join(file)).unwrap();
        }
        for folder in ["notice", "locales"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
        }
        std::fs::copy(example.join("notice/fi.md"), dir.path().join("notice/fi.md")).unwrap();
        std::fs::copy(
            example.join("locales/fi.toml"),
            dir.path().join("locales/fi.toml"),
        )
        .unwrap();
        let problems = check_folder(dir.path()).unwrap_err();
        let told: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let shown = dir.path().display();
        assert_eq!(
            told,
            [
                format!("{shown}/locales/sv.toml: is missing: site.toml lists the language sv, so the folder needs this file"),
                format!("{shown}/notice/sv.md: is missing: site.toml lists the language sv, so the folder needs this file"),
            ]
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Arbitrary text never panics the loader.
            #[test]
            fn any_text_is_answered_not_panicked_on(text in "\\PC{0,400}") {
                let _ = load_str(&text, FILE);
            }

            /// The fixture cut anywhere, or with a line replaced by noise: problems, no panic,
            /// and every problem's line is in the file.
            #[test]
            fn damaged_files_get_problems_within_the_file(cut in 0usize..4000, noise in "[\\[\\]{}=\"a-z_.#\n ]{0,30}") {
                let mut cut = cut.min(FIXTURE.len());
                while !FIXTURE.is_char_boundary(cut) { cut -= 1; }
                let text = [&FIXTURE[..cut], &noise, &FIXTURE[cut..]].concat();
                if let Err(problems) = load_str(&text, FILE) {
                    prop_assert!(!problems.is_empty());
                    let lines = text.lines().count().max(1) + 1;
                    for p in problems {
                        prop_assert!(p.line.is_none_or(|l| l >= 1 && l <= lines), "{} of {}", p, lines);
                        prop_assert!(!p.message.is_empty());
                    }
                }
            }
        }
    }
}
