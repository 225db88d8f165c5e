//! Small HTML helpers for the build-time pages.

/// `text` escaped for element content and quoted attribute values (`& < > " '`), by
/// pulldown-cmark's own escaper.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<b a=\"1\">&</b>"),
            "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;"
        );
        assert_eq!(esc("Hyväksy kaikki"), "Hyväksy kaikki");
    }
}
