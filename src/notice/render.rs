//! Markdown → HTML for the notice, at build time only (this module is not compiled to WebAssembly).
//!
//! The pipeline follows Zola's shape: parse with the options [`parser_options`] decides, rewrite the
//! event stream (escape raw HTML, give headings stable ids, vet link targets, wrap each `##` section),
//! then let pulldown-cmark render.

use std::collections::HashSet;
use std::fmt;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;

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
        }
    }
}

impl std::error::Error for RenderError {}

/// Renders a notice body (front matter already removed).
pub fn render(markdown: &str) -> Result<Rendered, RenderError> {
    let events: Vec<Event> = Parser::new_ext(markdown, parser_options())
        .map(escape_raw_html)
        .collect();
    let (events, headings) = assign_heading_ids(events)?;
    for event in &events {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            check_link(dest_url)?;
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, wrap_sections(events).into_iter());
    Ok(Rendered { html, headings })
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
    let relative = !lower.contains(':')
        || lower
            .find('/')
            .is_some_and(|slash| lower.find(':').unwrap() > slash);
    if allowed || (relative && !lower.is_empty()) {
        Ok(())
    } else {
        Err(RenderError::UnsafeLink(url.to_owned()))
    }
}

/// Gives every heading an id (its `{#id}` if written, else the slug of its text, made unique with
/// `-2`, `-3` …) and collects the headings.
fn assign_heading_ids(mut events: Vec<Event<'_>>) -> Result<(Vec<Event<'_>>, Vec<Heading>), RenderError> {
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
                "{}<section class=\"notice-section\" data-section=\"{}\">\n",
                if open { "</section>\n" } else { "" },
                escape_attribute(id)
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

/// Escapes text for a double-quoted HTML attribute or for element content.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md).unwrap().html
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
        let out = html("## Otsikko\n\n<script>alert(1)</script>\n\nTeksti <b onclick=\"x()\">lihava</b>.\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<b "), "{out}");
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{out}");
        assert!(
            out.contains("<p>Teksti &lt;b onclick=\"x()\"&gt;lihava&lt;/b&gt;.</p>"),
            "{out}"
        );
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
            assert!(render(&format!("[x]({ok})")).is_ok(), "{ok}");
        }
    }

    #[test]
    fn heading_text_includes_code_and_breaks() {
        let rendered = render("## Tietojen `siirto` EU:n\n").unwrap();
        assert_eq!(rendered.headings[0].text, "Tietojen siirto EU:n");
        assert_eq!(rendered.headings[0].id, "tietojen-siirto-eu-n");
    }
}
