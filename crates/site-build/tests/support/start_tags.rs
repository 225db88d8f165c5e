// The start tags of an HTML text as a browser's tokenizer (WHATWG, html5gum) reads them, so
// `<SCRIPT`, `<script\n` and entity tricks count as what a browser would see. Shared by the
// renderer's unit tests (`src/notice/render.rs`) and the notice files' tests
// (`tests/notice_files.rs`), which include this file (`include!`, `mod`).

/// A start tag: its name and attributes.
#[derive(Debug)]
pub struct StartTag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl StartTag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The start tags of `html`; panics on HTML a browser would have to repair.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut tags = Vec::new();
    for token in html5gum::Tokenizer::new(html) {
        let Ok(token) = token;
        match token {
            html5gum::Token::StartTag(tag) => tags.push(StartTag {
                name: text(&tag.name),
                attributes: tag
                    .attributes
                    .iter()
                    .map(|(name, value)| (text(name), text(value)))
                    .collect(),
            }),
            html5gum::Token::Error(error) => panic!("malformed HTML ({error:?}): {html}"),
            _ => {}
        }
    }
    tags
}
