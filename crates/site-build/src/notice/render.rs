//! Markdown → HTML for the notice, at build time only (this module is not compiled to WebAssembly).
//!
//! The pipeline follows Zola's shape: parse with the options [`parser_options`] decides, rewrite the
//! event stream (escape raw HTML, give headings stable ids, vet link targets and image sources, wrap
//! each `##` section), then let pulldown-cmark render.
//!
//! The page promises that nothing is requested from another host (README, `deploy/` CSP), and the
//! CSP's `img-src` has to allow Google's hosts for Analytics, so the CSP alone would not stop
//! `![](https://www.google.com/…)`: the build refuses every image that is not on this site.

use std::collections::HashSet;
use std::fmt;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;
use portal_core::vocabulary::{NOTICE_SECTION_CLASS, SECTION_ATTRIBUTE};

/// The one place that decides every parser option.
///
/// Tables are on (the cookie table will need them) and `{#id}` heading attributes are on (the
/// translation keeps the Finnish ids). Smart punctuation stays off: it would change the
/// controller's quotation marks, and the text must stay word for word.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading of the rendered notice, for the table of contents and for tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 2 for a section, 3 for a subsection.
    pub level: u8,
    /// The line it is on, counted from 1: of the Markdown [`render`] was given, and of the notice
    /// file once `site::load_notice` has added the front matter's lines (for error messages).
    pub line: usize,
    pub id: String,
    pub text: String,
}

/// The notice body as HTML, with its headings in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

impl Rendered {
    /// The `##` sections: what the table of contents lists.
    pub fn sections(&self) -> impl Iterator<Item = &Heading> {
        self.headings.iter().filter(|h| h.level == 2)
    }
}

/// A notice body that cannot be published as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderError {
    /// A `#` heading in the body: the title comes from the front matter.
    TitleInBody(String),
    /// Two headings with the same explicit `{#id}`.
    DuplicateId(String),
    /// A link whose target is neither a web page, an e-mail address, a phone number nor a fragment.
    UnsafeLink(String),
    /// An image that is not on this site (a scheme such as `https:` or `data:`, or `//host`): the
    /// page would request another host.
    RemoteImage(String),
    /// A heading attribute other than `{#id}` (`.class`, `key=value`): markup from the Markdown.
    HeadingAttribute(String),
    /// A table with aligned columns (`:--`, `:-:`, `--:`): pulldown-cmark writes the alignment as
    /// a `style` attribute, which the Content-Security-Policy (`style-src 'self'`) blocks.
    TableAlignment,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::TitleInBody(text) => write!(
                f,
                "heading \"# {text}\": the title comes from the front matter; start sections with \"##\""
            ),
            RenderError::DuplicateId(id) => write!(f, "two headings have the id \"{id}\""),
            RenderError::UnsafeLink(url) => write!(
                f,
                "link target \"{url}\" is not allowed (use https:, http:, mailto:, tel: or #section)"
            ),
            RenderError::RemoteImage(url) => write!(
                f,
                "image \"{url}\" is not on this site: the notice requests nothing from other hosts; \
use a relative path to an image published with the site (e.g. \"kuvat/kaavio.png\") or leave it out"
            ),
            RenderError::HeadingAttribute(attribute) => write!(
                f,
                "heading attribute \"{attribute}\" is not allowed: a heading takes only an id, {{#id}}"
            ),
            RenderError::TableAlignment => f.write_str(
                "table column alignment (\":--\", \":-:\", \"--:\") is not allowed: it would be an inline \
style, which the Content-Security-Policy blocks; use \"---\"",
            ),
        }
    }
}

impl std::error::Error for RenderError {}

/// Renders a notice body (front matter already removed).
pub fn render(markdown: &str) -> Result<Rendered, RenderError> {
    let (events, offsets): (Vec<Event>, Vec<usize>) = Parser::new_ext(markdown, parser_options())
        .into_offset_iter()
        .map(|(event, range)| (escape_raw_html(event), range.start))
        .unzip();
    let line_of = |index: usize| markdown[..offsets[index]].matches('\n').count() + 1;
    let (events, headings) = assign_heading_ids(events, &line_of)?;
    for event in &events {
        vet(event)?;
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, wrap_sections(events).into_iter());
    Ok(Rendered { html, headings })
}

/// Refuses what would put markup or requests into the page that the notice's own rules do not
/// allow: unsafe link targets, images from other hosts, heading attributes, aligned columns.
fn vet(event: &Event<'_>) -> Result<(), RenderError> {
    match event {
        Event::Start(Tag::Link { dest_url, .. }) => check_link(dest_url),
        Event::Start(Tag::Image { dest_url, .. }) => check_image(dest_url),
        Event::Start(Tag::Table(alignments)) if alignments.iter().any(|a| *a != Alignment::None) => {
            Err(RenderError::TableAlignment)
        }
        // pulldown-cmark would write these as attributes (`{onclick=…}` included).
        Event::Start(Tag::Heading { classes, attrs, .. }) => {
            if let Some(class) = classes.first() {
                return Err(RenderError::HeadingAttribute(format!(".{class}")));
            }
            match attrs.first() {
                Some((key, Some(value))) => Err(RenderError::HeadingAttribute(format!("{key}={value}"))),
                Some((key, None)) => Err(RenderError::HeadingAttribute(key.to_string())),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Raw HTML in the Markdown becomes visible text: the notice never passes markup through.
fn escape_raw_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    }
}

fn check_link(url: &str) -> Result<(), RenderError> {
    let lower = url.trim().to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:", "tel:", "#"]
        .iter()
        .any(|p| lower.starts_with(p));
    // A relative path has no scheme: nothing before a ':' that comes before any '/'.
    let relative = match (lower.find(':'), lower.find('/')) {
        (None, _) => true,
        (Some(colon), Some(slash)) => colon > slash,
        (Some(_), None) => false,
    };
    if allowed || (relative && !lower.is_empty()) {
        Ok(())
    } else {
        Err(RenderError::UnsafeLink(url.to_owned()))
    }
}

/// Accepts an image only if it is on this site: a relative path, with neither a scheme
/// (`https:`, `data:` …) nor a host (`//host`).
fn check_image(url: &str) -> Result<(), RenderError> {
    // Read the source as a browser's URL parser would: tabs and newlines dropped, controls and
    // spaces trimmed, and `\` taken for `/` (so `/\host` and `\\host` are hosts too).
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let has_scheme = cleaned
        .find(':')
        .is_some_and(|colon| !cleaned[..colon].contains(['/', '?', '#']));
    if cleaned.is_empty() || cleaned.starts_with("//") || has_scheme {
        Err(RenderError::RemoteImage(url.to_owned()))
    } else {
        Ok(())
    }
}

/// Gives every heading an id (its `{#id}` if written, else the slug of its text, made unique with
/// `-2`, `-3` …) and collects the headings.
fn assign_heading_ids<'a>(
    mut events: Vec<Event<'a>>,
    line_of: &dyn Fn(usize) -> usize,
) -> Result<(Vec<Event<'a>>, Vec<Heading>), RenderError> {
    let mut headings = Vec::new();
    let mut taken = HashSet::new();
    // Explicit ids are claimed first, so a generated slug never steals one.
    for event in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            if !taken.insert(id.to_string()) {
                return Err(RenderError::DuplicateId(id.to_string()));
            }
        }
    }
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[index] {
            let level = *level;
            let text = heading_text(&events[index + 1..]);
            if level == HeadingLevel::H1 {
                return Err(RenderError::TitleInBody(text));
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[index] {
                let id = match id {
                    Some(explicit) => explicit.to_string(),
                    None => {
                        let base = slugify(&text);
                        let mut candidate = base.clone();
                        let mut n = 2;
                        while !taken.insert(candidate.clone()) {
                            candidate = format!("{base}-{n}");
                            n += 1;
                        }
                        *id = Some(CowStr::from(candidate.clone()));
                        candidate
                    }
                };
                headings.push(Heading {
                    level: level as u8,
                    line: line_of(index),
                    id,
                    text,
                });
            }
        }
        index += 1;
    }
    Ok((events, headings))
}

/// The plain text of a heading, from the events after its start up to its end.
fn heading_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Wraps each `##` heading and what follows it, up to the next `##`, in a `<section>`: the unit
/// the table of contents marks as current and the print stylesheet keeps together.
fn wrap_sections(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len() + 32);
    let mut open = false;
    for event in events {
        if let Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            ..
        }) = &event
        {
            let id = id.as_deref().unwrap_or_default();
            let opening = format!(
                "{}<section class=\"{NOTICE_SECTION_CLASS}\" {SECTION_ATTRIBUTE}=\"{}\">\n",
                if open { "</section>\n" } else { "" },
                crate::html::esc(id)
            );
            out.push(Event::Html(opening.into()));
            open = true;
        }
        out.push(event);
    }
    if open {
        out.push(Event::Html("</section>\n".into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md).unwrap().html
    }

    mod start_tags {
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/start_tags.rs"
        ));
    }
    use start_tags::start_tags;

    fn element_names(html: &str) -> Vec<String> {
        start_tags(html).into_iter().map(|tag| tag.name).collect()
    }

    #[test]
    fn fixture_renders_to_expected_html() {
        let md = "## Evästeet\n\nKäytämme evästeitä (\"cookies\").\n\n- yksi\n- kaksi\n\n### Google Analytics\n\nTeksti.\n\n## Rajoittamisoikeus\n\n[044 978 5594](tel:+358449785594)\n";
        let expected = "<section class=\"notice-section\" data-section=\"evasteet\">\n\
<h2 id=\"evasteet\">Evästeet</h2>\n<p>Käytämme evästeitä (\"cookies\").</p>\n\
<ul>\n<li>yksi</li>\n<li>kaksi</li>\n</ul>\n<h3 id=\"google-analytics\">Google Analytics</h3>\n<p>Teksti.</p>\n\
</section>\n<section class=\"notice-section\" data-section=\"rajoittamisoikeus\">\n\
<h2 id=\"rajoittamisoikeus\">Rajoittamisoikeus</h2>\n<p><a href=\"tel:+358449785594\">044 978 5594</a></p>\n</section>\n";
        assert_eq!(html(md), expected);
    }

    #[test]
    fn headings_know_their_lines() {
        let rendered = render("## A\n\nText\nmore.\n\n### B {#b}\nSetext\n------\n").unwrap();
        let lines: Vec<(&str, usize)> = rendered
            .headings
            .iter()
            .map(|h| (h.id.as_str(), h.line))
            .collect();
        assert_eq!(lines, [("a", 1), ("b", 6), ("setext", 7)]);
    }

    #[test]
    fn headings_get_finnish_slugs_and_explicit_ids() {
        let rendered = render(
            "## Tarkastusoikeus, eli oikeus saada pääsy henkilötietoihin.\n\n## Cookies {#evasteet}\n",
        )
        .unwrap();
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "tarkastusoikeus-eli-oikeus-saada-paasy-henkilotietoihin",
                "evasteet"
            ]
        );
        assert!(rendered.html.contains("<h2 id=\"evasteet\">Cookies</h2>"));
        assert_eq!(rendered.sections().count(), 2);
    }

    #[test]
    fn duplicate_headings_get_numbered_ids_without_stealing_explicit_ones() {
        let rendered = render("## Oikeus\n\n## Oikeus\n\n## Muu {#oikeus-2}\n").unwrap();
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["oikeus", "oikeus-3", "oikeus-2"]);
        assert_eq!(
            render("## A {#x}\n\n## B {#x}\n").unwrap_err(),
            RenderError::DuplicateId("x".into())
        );
    }

    #[test]
    fn raw_html_is_escaped_not_passed_through() {
        let out = html(
            "## Otsikko\n\n<script>alert(1)</script>\n\nTeksti <b onclick=\"x()\">lihava</b>.\n\n\
<SCRIPT\nsrc=x></SCRIPT>\n",
        );
        // What a browser reads: the section and the Markdown's own elements, none from the raw HTML.
        assert_eq!(element_names(&out), ["section", "h2", "p"], "{out}");
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{out}");
        assert!(
            out.contains("<p>Teksti &lt;b onclick=\"x()\"&gt;lihava&lt;/b&gt;.</p>"),
            "{out}"
        );
        assert!(out.contains("&lt;SCRIPT\nsrc=x&gt;&lt;/SCRIPT&gt;"), "{out}");
    }

    #[test]
    fn title_in_body_and_unsafe_links_are_errors() {
        assert_eq!(
            render("# Otsikko\n").unwrap_err(),
            RenderError::TitleInBody("Otsikko".into())
        );
        let err = render("[x](javascript:alert(1))").unwrap_err();
        assert!(err.to_string().contains("javascript:alert(1)"), "{err}");
        assert!(render("[x](JavaScript:alert(1))").is_err());
        assert!(render("[x](data:text/html,hi)").is_err());
        for ok in [
            "https://tietosuoja.fi",
            "mailto:a@b.fi",
            "tel:+358",
            "#evasteet",
            "lomake/",
            "a/b:c",
        ] {
            let out = html(&format!("[x]({ok})"));
            let tags = start_tags(&out);
            assert_eq!(tags.len(), 2, "{out}");
            assert_eq!(tags[1].name, "a", "{out}");
            assert_eq!(tags[1].attributes, [("href".to_owned(), ok.to_owned())], "{out}");
        }
    }

    #[test]
    fn images_from_other_hosts_are_errors_naming_the_url() {
        for remote in [
            "https://www.google.com/pixel.gif",
            "HTTP://example.com/a.png",
            "//example.com/a.png",
            "/\\example.com/a.png",
            "data:image/png;base64,AAAA",
            "javascript:alert(1)",
            "<https://example.com/a b.png>",
        ] {
            let err = render(&format!("Kuva: ![kaavio]({remote})\n")).unwrap_err();
            let url = remote.trim_start_matches('<').trim_end_matches('>');
            assert_eq!(err, RenderError::RemoteImage(url.to_owned()));
            assert!(
                err.to_string()
                    .contains(&format!("image \"{url}\" is not on this site")),
                "{err}"
            );
        }
        // Browsers read `\` as `/` and drop tabs and newlines: still another host.
        for remote in [
            "\\\\example.com/a.png",
            "/\t/example.com",
            " \u{1}//example.com",
            "https\n://x",
        ] {
            assert!(check_image(remote).is_err(), "{remote:?}");
        }
        // Reference-style images are resolved before the check.
        let err = render("![kaavio][k]\n\n[k]: https://example.com/k.png\n").unwrap_err();
        assert_eq!(err, RenderError::RemoteImage("https://example.com/k.png".into()));
        // An image on this site is published as it is.
        for local in [
            "kuvat/kaavio.png",
            "/kuvat/kaavio.png",
            "../kaavio.png",
            "kaavio.png?v=2",
        ] {
            let out = html(&format!("![Kaavio]({local})\n"));
            let tags = start_tags(&out);
            assert_eq!(tags.len(), 2, "{out}");
            assert_eq!(tags[1].name, "img", "{out}");
            assert_eq!(tags[1].attribute("src"), Some(local), "{out}");
        }
    }

    #[test]
    fn heading_attributes_and_aligned_tables_are_errors() {
        // pulldown-cmark would write `<h2 onclick="alert(1)">`.
        assert_eq!(
            render("## Otsikko {onclick=alert(1)}\n").unwrap_err(),
            RenderError::HeadingAttribute("onclick=alert(1)".into())
        );
        assert_eq!(
            render("## Otsikko {#ok .varoitus}\n").unwrap_err(),
            RenderError::HeadingAttribute(".varoitus".into())
        );
        assert_eq!(
            render("| a | b |\n|:--|--:|\n| 1 | 2 |\n").unwrap_err(),
            RenderError::TableAlignment
        );
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        let tags = start_tags(&out);
        assert!(tags.iter().all(|tag| tag.attributes.is_empty()), "{out}");
        assert_eq!(
            element_names(&out),
            ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
        );
    }

    #[test]
    fn heading_text_includes_code_and_breaks() {
        let rendered = render("## Tietojen `siirto` EU:n\n").unwrap();
        assert_eq!(rendered.headings[0].text, "Tietojen siirto EU:n");
        assert_eq!(rendered.headings[0].id, "tietojen-siirto-eu-n");
    }

    /// Property tests: the notice is outside input to the build, so no text may panic the
    /// renderer, and whatever it accepts holds only Markdown's own, vetted markup.
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Which attributes each element the renderer may write can carry.
        fn allowed_attributes(element: &str) -> Option<&'static [&'static str]> {
            Some(match element {
                "section" => &["class", "data-section"],
                "h2" | "h3" | "h4" | "h5" | "h6" => &["id"],
                "a" => &["href", "title"],
                "img" => &["src", "alt", "title"],
                "code" => &["class"],
                "ol" => &["start"],
                "p" | "ul" | "li" | "em" | "strong" | "pre" | "blockquote" | "hr" | "br" | "table"
                | "thead" | "tbody" | "tr" | "th" | "td" => &[],
                _ => return None,
            })
        }

        /// Text made of Markdown's special pieces and whole links, images and tables (with
        /// targets both allowed and not), so that cases reach every check far more often than
        /// random characters would.
        fn markdownish() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "## ",
                "### ",
                "# ",
                "\n",
                "\n\n",
                "[",
                "]",
                "(",
                ")",
                "![",
                "<",
                ">",
                "{#",
                "}",
                "{.c}",
                "{onclick=x}",
                "`",
                "*",
                "|",
                ":-:",
                "- ",
                "1. ",
                "> ",
                "\\",
                "&",
                "\"",
                "'",
                " ",
                "ä",
                "<script>",
                "<img src=x>",
                "\t",
                "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n",
            ]);
            let targets = prop::sample::select(vec![
                "x.png",
                "/kuvat/x.png",
                "https://example.com/a.png",
                "//example.com/a",
                "/\\example.com",
                "data:image/png,x",
                "javascript:alert(1)",
                "mailto:a@b.fi",
                "tel:+358",
                "#evasteet",
                "a/b:c",
                "<https://e.fi/a b>",
                "",
            ]);
            let construct = (targets, "\\PC{0,3}", 0..3usize).prop_map(|(target, text, kind)| match kind {
                0 => format!("[{text}]({target})"),
                1 => format!("![{text}]({target})"),
                _ => format!("\n\n[{text}]: {target}\n\n[{text}] ![{text}][{text}]"),
            });
            prop::collection::vec(
                prop_oneof![
                    3 => pieces.prop_map(str::to_owned),
                    2 => construct,
                    1 => "\\PC{0,4}",
                ],
                0..32,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_text_renders_or_is_refused_without_panic(text in any::<String>()) {
                let _ = render(&text);
            }

            #[test]
            fn accepted_markdown_holds_only_vetted_markup(md in markdownish()) {
                let Ok(rendered) = render(&md) else { return Ok(()) };
                let mut ids = HashSet::new();
                for heading in &rendered.headings {
                    prop_assert!(!heading.id.is_empty());
                    prop_assert!(ids.insert(heading.id.clone()), "id {} twice", heading.id);
                }
                for tag in start_tags(&rendered.html) {
                    let allowed = allowed_attributes(&tag.name);
                    prop_assert!(allowed.is_some(), "<{}> from {md:?}", tag.name);
                    for (name, value) in &tag.attributes {
                        prop_assert!(
                            allowed.unwrap().contains(&name.as_str()),
                            "<{} {name}> from {md:?}", tag.name
                        );
                        match (tag.name.as_str(), name.as_str()) {
                            ("img", "src") => prop_assert!(check_image(value).is_ok(), "src {value:?}"),
                            ("a", "href") => prop_assert!(check_link(value).is_ok(), "href {value:?}"),
                            _ => {}
                        }
                    }
                }
            }
        }
    }
}
