//! After trunk's build: move the inline `<script type="module">` that trunk writes into
//! `index.html` (it imports the wasm-bindgen glue and starts the WebAssembly) into its own file.
//!
//! Why: the deploy headers' Content-Security-Policy allows scripts from `'self'` only. An inline
//! loader would need `'unsafe-inline'` or a hash that changes with every build; an external file
//! needs neither, so the policy in `deploy/` is the same for every build.
//!
//! The loader also waits for the first contentful paint before it starts the WebAssembly, and
//! trunk's preloads go: the notice is in the HTML already, so it paints as early as a static page
//! would, and the app enhances it after.

/// The result of externalising the loader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Externalised {
    /// The page with the inline loader replaced by `<script type="module" src="…">`.
    pub html: String,
    /// The loader's file name (content-hashed, so it can be cached forever) and its text.
    pub file_name: String,
    pub script: String,
}

/// Replaces the one inline module script in `html` by a reference to a file of its own.
/// `public_url` is trunk's public URL (`/` by default), so the file is found at any mount point.
pub fn externalise(html: &str, public_url: &str) -> Result<Externalised, String> {
    let opening = "<script type=\"module\"";
    let mut found = None;
    let mut search_from = 0;
    while let Some(relative) = html[search_from..].find(opening) {
        let start = search_from + relative;
        let tag_end = start + html[start..].find('>').ok_or("unterminated <script> tag")? + 1;
        let close = tag_end
            + html[tag_end..]
                .find("</script>")
                .ok_or("<script> without </script>")?;
        let tag = &html[start..tag_end];
        if !tag.contains(" src=") {
            if found.is_some() {
                return Err("more than one inline module script: expected only trunk's loader".into());
            }
            found = Some((start, tag_end, close));
        }
        search_from = close;
    }
    let (start, tag_end, close) =
        found.ok_or("no inline <script type=\"module\"> found: has trunk changed its loader?")?;
    let script = defer_start(html[tag_end..close].trim())?;
    let file_name = format!("boot-{:016x}.js", fnv1a64(script.as_bytes()));
    let base = if public_url.ends_with('/') {
        public_url.to_owned()
    } else {
        format!("{public_url}/")
    };
    let replaced = format!(
        "{}<script type=\"module\" src=\"{base}{file_name}\"></script>{}",
        &html[..start],
        &html[close + "</script>".len()..]
    );
    let replaced = drop_preloads(&replaced);
    let replaced = hand_to_first_paint(&replaced, &format!("{base}{file_name}"))?;
    check_no_inline_code(&replaced)?;
    Ok(Externalised {
        html: replaced,
        file_name,
        script,
    })
}

/// trunk preloads the app's JavaScript and WebAssembly from `<head>`. The app starts after the
/// first contentful paint anyway, and the benchmark measured the early downloads and parsing
/// competing with the notice's own paint, so the loader fetches them itself once the page is
/// parsed (`AFTER_FIRST_PAINT`). Removes `<link rel="modulepreload">` and `<link rel="preload">`.
fn drop_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = ["<link rel=\"modulepreload\"", "<link rel=\"preload\""]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        out.push_str(&rest[..at]);
        let end = at + rest[at..].find('>').map_or(rest.len() - at, |e| e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The app's module is not in the page: `first-paint.js` (classic, tiny, `async`) adds it after
/// the first contentful paint, from its `data-app` attribute. So nothing holds up the parser or the
/// first paint, and the notice paints as a static page does. Pages without `first-paint.js` (tests)
/// keep the module script.
fn hand_to_first_paint(html: &str, boot_url: &str) -> Result<String, String> {
    let Some(name_at) = html.find("/first-paint-") else {
        return Ok(html.to_owned());
    };
    let tag_at = html[..name_at]
        .rfind("<script")
        .ok_or("first-paint.js is not in a <script> tag")?;
    let insert_at = tag_at + "<script".len();
    // `async`: it never holds up the parser (measured: a parser-blocking one delayed the paint).
    let with_app = format!(
        "{} async data-app=\"{boot_url}\"{}",
        &html[..insert_at],
        &html[insert_at..]
    );
    let module = format!("<script type=\"module\" src=\"{boot_url}\"></script>");
    if !with_app.contains(&module) {
        return Err("the app's module script is missing".into());
    }
    Ok(with_app.replacen(&module, "", 1))
}

/// The line trunk's loader starts the WebAssembly with.
const START_LINE: &str = "const wasm = await init(";

/// Replaces [`START_LINE`]: download the WebAssembly now (the page is parsed when this module
/// runs), start the app only after the first contentful paint (at once if the page is hidden,
/// where nothing paints; after 3 s at the latest). The banner needs no WebAssembly to appear
/// (`first-paint.js`), so nothing of the app competes with the notice's paint.
const AFTER_FIRST_PAINT: &str = "// Download now; start the app once the notice has painted: it only enhances the page.\n\
const download = fetch(WASM_URL, { credentials: 'same-origin' });\n\
await new Promise((resolve) => {\n  \
if (document.visibilityState !== 'visible') return resolve();\n  \
setTimeout(resolve, 3000);\n  \
new PerformanceObserver((list, observer) => {\n    \
if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); setTimeout(resolve, 0); }\n  \
}).observe({ type: 'paint', buffered: true });\n});\n\
const wasm = await init({ module_or_path: download });";

fn defer_start(loader: &str) -> Result<String, String> {
    let at = loader
        .find(START_LINE)
        .ok_or_else(|| format!("trunk's loader has no \"{START_LINE}\": has trunk changed its loader?"))?;
    // trunk's line: `const wasm = await init({ module_or_path: '/name_bg.wasm' });`
    let line_end = at + loader[at..].find('\n').unwrap_or(loader.len() - at);
    let line = &loader[at..line_end];
    let url = line
        .split('\'')
        .nth(1)
        .filter(|url| url.ends_with(".wasm"))
        .ok_or_else(|| format!("cannot find the .wasm path in \"{line}\""))?;
    Ok(format!(
        "{}{}{}\n",
        &loader[..at],
        AFTER_FIRST_PAINT.replace("WASM_URL", &format!("'{url}'")),
        &loader[line_end..]
    ))
}

/// Fails if the page still carries anything a strict CSP would block: an inline script, an inline
/// event handler or inline style. Only real tags are looked at: escaped markup in text is text.
pub fn check_no_inline_code(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag_end = rest.find('>').ok_or("unterminated tag")?;
        let tag = &rest[..tag_end];
        let name = tag
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let attributes = &tag[name.len()..];
        if name == "style" {
            return Err("a <style> element in the page would need 'unsafe-inline'".into());
        }
        if name == "script" && !attributes.contains(" src=") {
            let body_end = rest.find("</script>").ok_or("<script> without </script>")?;
            if !rest[tag_end + 1..body_end].trim().is_empty() {
                return Err(format!("inline script left in the page: <{tag}>"));
            }
        }
        for attribute in attributes.split_ascii_whitespace() {
            let attr_name = attribute.split('=').next().unwrap_or("");
            if attr_name == "style"
                || (attr_name.starts_with("on") && attr_name.len() > 2 && attribute.contains('='))
            {
                return Err(format!(
                    "attribute \"{attr_name}\" on <{name}> would need 'unsafe-inline'"
                ));
            }
        }
        rest = &rest[tag_end..];
    }
    Ok(())
}

/// FNV-1a, 64 bit: a stable content hash for cache-busting file names (not for security).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = "<html><head><link rel=\"modulepreload\" href=\"/app-1.js\">\
<script type=\"module\">\nimport init, * as bindings from '/app-1.js';\n\
const wasm = await init({ module_or_path: '/app-1_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script></head><body></body></html>";

    #[test]
    fn moves_loader_into_hashed_file() {
        let out = externalise(TRUNK_PAGE, "/").unwrap();
        assert!(out.file_name.starts_with("boot-") && out.file_name.ends_with(".js"));
        assert!(out
            .script
            .starts_with("import init, * as bindings from '/app-1.js';"));
        assert!(out.html.contains(&format!(
            "<script type=\"module\" src=\"/{}\"></script></head>",
            out.file_name
        )));
        assert!(!out.html.contains("import init"));
        // The WebAssembly downloads at once and starts after the first contentful paint.
        let fetch = out.script.find("fetch('/app-1_bg.wasm'").unwrap();
        let wait = out.script.find("first-contentful-paint").unwrap();
        let start = out
            .script
            .find("const wasm = await init({ module_or_path: download });")
            .unwrap();
        assert!(fetch < wait && wait < start);
        assert_eq!(out.script.matches("await init(").count(), 1);
        // The same loader gives the same name; another gives another.
        assert_eq!(externalise(TRUNK_PAGE, "/").unwrap().file_name, out.file_name);
        assert_ne!(
            externalise(&TRUNK_PAGE.replace("app-1", "app-2"), "/")
                .unwrap()
                .file_name,
            out.file_name
        );
    }

    #[test]
    fn first_paint_script_loads_the_app() {
        let page = TRUNK_PAGE.replace(
            "<body></body>",
            "<body><p>notice</p><script src=\"/first-paint-1.js\" integrity=\"sha384-z\"></script></body>",
        );
        let out = externalise(&page, "/").unwrap();
        assert!(!out.html.contains("<script type=\"module\""), "{}", out.html);
        assert!(out.html.contains(&format!(
            "<script async data-app=\"/{}\" src=\"/first-paint-1.js\" integrity=\"sha384-z\"></script>",
            out.file_name
        )));
    }

    #[test]
    fn drops_preloads() {
        let page = TRUNK_PAGE.replace(
            "</head>",
            "<link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\" type=\"application/wasm\">\
<link rel=\"stylesheet\" href=\"/a.css\"></head>",
        );
        let out = externalise(&page, "/").unwrap().html;
        assert!(!out.contains("preload"), "{out}");
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/a.css\"></head>"));
    }

    #[test]
    fn respects_public_url_and_keeps_external_scripts() {
        let page = TRUNK_PAGE.replace("<head>", "<head><script type=\"module\" src=\"/x.js\"></script>");
        let out = externalise(&page, "/tietosuoja").unwrap();
        assert!(out
            .html
            .contains("<script type=\"module\" src=\"/x.js\"></script>"));
        assert!(out.html.contains("src=\"/tietosuoja/boot-"));
    }

    #[test]
    fn refuses_pages_it_does_not_understand() {
        assert!(externalise("<html></html>", "/")
            .unwrap_err()
            .contains("no inline"));
        let other_loader = TRUNK_PAGE.replace("const wasm = await init", "await start");
        assert!(externalise(&other_loader, "/")
            .unwrap_err()
            .contains("has trunk changed"));
        let twice = TRUNK_PAGE.replace("</head>", "<script type=\"module\">x()</script></head>");
        assert!(externalise(&twice, "/").unwrap_err().contains("more than one"));
        let with_inline = TRUNK_PAGE.replace("<body>", "<body><script>alert(1)</script>");
        assert!(externalise(&with_inline, "/")
            .unwrap_err()
            .contains("inline script left"));
        let with_style = TRUNK_PAGE.replace("<body>", "<body style=\"color:red\">");
        assert!(externalise(&with_style, "/")
            .unwrap_err()
            .contains("\"style\" on <body>"));
        let with_handler = TRUNK_PAGE.replace("<body>", "<body onload=\"x()\">");
        assert!(externalise(&with_handler, "/")
            .unwrap_err()
            .contains("\"onload\" on <body>"));
        // Escaped markup in the notice's text is text, not a handler.
        let escaped = TRUNK_PAGE.replace("<body>", "<body><p>&lt;b onclick=\"x()\" style=\"\"&gt;</p>");
        assert!(externalise(&escaped, "/").is_ok());
    }
}
