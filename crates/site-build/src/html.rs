//! Small HTML helpers for the build-time pages.

/// `text` escaped for element content and quoted attribute values (`& < > " '`), by
/// pulldown-cmark's own escaper.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Text for the templates (`maud`), escaped by [`esc`]: `'` too (as `&#39;`), where maud's own
/// escaping leaves it. The cookie banner's markup is the input of the consent revision
/// (`consent::revision`), so its bytes stay those it was published with: a byte more or less
/// would be a new revision, and every visitor would be asked again.
#[derive(Clone, Copy, Debug)]
pub struct Text<'a>(pub &'a str);

impl maud::Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        pulldown_cmark_escape::escape_html(&mut *buffer, self.0).expect("writing to a String cannot fail");
    }
}

#[cfg(test)]
mod tests {
    use super::{esc, Text};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<b a=\"1\">&</b>"),
            "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;"
        );
        assert_eq!(esc("Hyväksy kaikki"), "Hyväksy kaikki");
    }

    #[test]
    fn text_in_a_template_is_escaped_as_esc_escapes_it() {
        let text = "Safrent's <b a=\"1\">&</b>";
        let markup = maud::html! { p title=(Text(text)) { (Text(text)) } }.into_string();
        assert_eq!(markup, format!("<p title=\"{0}\">{0}</p>", esc(text)));
        assert!(markup.contains("Safrent&#39;s"), "{markup}");
    }
}
