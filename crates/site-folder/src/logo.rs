//! The brand's logo file: its kind and its intrinsic size, so the header can reserve its place
//! before it loads (no layout shift). PNG and WebP are read by `imagesize`; an SVG by its root
//! element's `width` and `height`, or its `viewBox`.

use std::path::Path;

/// The largest logo the build accepts: every first visit downloads it.
pub const MAX_BYTES: usize = 100 * 1024;

/// A logo, read and measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    /// `svg`, `png` or `webp`.
    pub extension: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Reads `path` and measures it; `Err` says in plain words what is wrong.
pub fn read(path: &Path) -> Result<Logo, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    let name = path.to_string_lossy().to_ascii_lowercase();
    let extension = ["svg", "png", "webp"]
        .into_iter()
        .find(|e| name.ends_with(&format!(".{e}")))
        .ok_or("must be an .svg, .png or .webp file")?;
    measure(extension, bytes)
}

/// Measures a logo's `bytes` of the kind `extension`.
pub fn measure(extension: &'static str, bytes: Vec<u8>) -> Result<Logo, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "is {} KB: a logo is downloaded on every first visit, so at most {} KB (an SVG, or a PNG or WebP at twice the size it is shown, 80 px high)",
            bytes.len().div_ceil(1024),
            MAX_BYTES / 1024
        ));
    }
    let (width, height) = match extension {
        "svg" => svg_size(&bytes)?,
        _ => {
            let kind = match extension {
                "png" => imagesize::ImageType::Png,
                _ => imagesize::ImageType::Webp,
            };
            let found = imagesize::image_type(&bytes)
                .map_err(|_| format!("is not a {} image", extension.to_uppercase()))?;
            if found != kind {
                return Err(format!(
                    "is not a {} image (its name says so, its content does not)",
                    extension.to_uppercase()
                ));
            }
            let size = imagesize::blob_size(&bytes)
                .map_err(|_| format!("is not a readable {} image", extension.to_uppercase()))?;
            (
                u32::try_from(size.width).unwrap_or(0),
                u32::try_from(size.height).unwrap_or(0),
            )
        }
    };
    if width == 0 || height == 0 {
        return Err("has no size (its width or height is 0)".into());
    }
    Ok(Logo {
        extension,
        width,
        height,
        bytes,
    })
}

/// An SVG's size in CSS pixels: its `width` and `height` (plain numbers or `px`), else its
/// `viewBox`'s, rounded up.
fn svg_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "is not an SVG (not UTF-8 text)".to_owned())?;
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("is not well-formed SVG: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err("is not an SVG (its root element is not <svg>)".into());
    }
    // A logo is a picture: nothing that runs, loads another file or embeds a document, also
    // when the file is opened on its own (on a host without the site's headers).
    const ACTIVE: &[&str] = &[
        "script",
        "foreignObject",
        "iframe",
        "embed",
        "object",
        "audio",
        "video",
        "animate",
        "set",
        "animateMotion",
        "animateTransform",
        "handler",
        "listener",
    ];
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if ACTIVE.contains(&name) {
            return Err(format!("holds a <{name}>: a logo must be a plain picture"));
        }
        for attribute in node.attributes() {
            let (key, value) = (attribute.name(), attribute.value().trim());
            if key.to_ascii_lowercase().starts_with("on") {
                return Err(format!(
                    "has an event handler ({key}=…): a logo must be a plain picture"
                ));
            }
            let data_image = name == "image" && value.starts_with("data:image/");
            if key == "href" && !value.starts_with('#') && !data_image {
                return Err(format!(
                    "links to \"{value}\": a logo may link only inside itself (#…) or embed a data:image"
                ));
            }
            let lower = value.to_ascii_lowercase();
            let outside_url = lower.contains("url(") && !lower.replace(' ', "").contains("url(#");
            if lower.contains("javascript:") || lower.contains("@import") || outside_url {
                return Err(format!(
                    "has {key}=\"{value}\", which may load or run something: a logo must be a plain picture"
                ));
            }
        }
        if name == "style" {
            let css = node.text().unwrap_or_default().to_ascii_lowercase();
            if css.contains("@import") || css.contains("url(") {
                return Err("has a <style> that loads another file (@import or url()): a logo must be a plain picture".into());
            }
        }
    }
    let pixels = |name: &str| -> Option<f64> {
        let value = root.attribute(name)?.trim();
        let number = value.strip_suffix("px").unwrap_or(value).trim();
        number.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
    };
    let view_box = root.attribute("viewBox").and_then(|v| {
        let numbers: Vec<f64> = v
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        match numbers.as_slice() {
            [_, _, w, h] if w.is_finite() && h.is_finite() && *w > 0.0 && *h > 0.0 => Some((*w, *h)),
            _ => None,
        }
    });
    let (width, height) = match (pixels("width"), pixels("height"), view_box) {
        (Some(w), Some(h), _) => (w, h),
        (_, _, Some((w, h))) => (w, h),
        _ => {
            return Err(
                "has no size: give its <svg> a viewBox=\"0 0 w h\" (or width and height in px)".into(),
            )
        }
    };
    let whole = |n: f64| n.ceil().min(f64::from(u32::MAX)) as u32;
    Ok((whole(width), whole(height)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(attributes: &str) -> Result<Logo, String> {
        measure("svg", format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {attributes}><rect width=\"1\" height=\"1\"/></svg>").into_bytes())
    }

    #[test]
    fn an_svg_is_measured_by_its_size_or_view_box() {
        assert_eq!(
            svg("width=\"120\" height=\"40px\"").map(|l| (l.width, l.height)),
            Ok((120, 40))
        );
        assert_eq!(
            svg("viewBox=\"0 0 96.5 32\"").map(|l| (l.width, l.height)),
            Ok((97, 32))
        );
        // Percentages are no size: the viewBox decides.
        assert_eq!(
            svg("width=\"100%\" viewBox=\"0,0,60,20\"").map(|l| (l.width, l.height)),
            Ok((60, 20))
        );
        assert!(svg("").unwrap_err().contains("viewBox"));
        assert!(svg("viewBox=\"0 0 0 10\"").unwrap_err().contains("viewBox"));
        assert!(measure("svg", b"<html/>".to_vec())
            .unwrap_err()
            .contains("root element"));
        assert!(measure("svg", b"<svg".to_vec())
            .unwrap_err()
            .contains("well-formed"));
        let svg_with = |inner: &str| {
            measure("svg", format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 1 1\">{inner}</svg>").into_bytes())
        };
        for (inner, told) in [
            ("<script>alert(1)</script>", "<script>"),
            ("<rect onload=\"alert(1)\"/>", "event handler"),
            ("<a href=\"javascript:alert(1)\"><rect/></a>", "links to"),
            ("<use xlink:href=\"https://example.com/x.svg#a\"/>", "links to"),
            ("<image href=\"https://example.com/x.png\"/>", "links to"),
            ("<foreignObject><div/></foreignObject>", "<foreignObject>"),
            (
                "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>",
                "<set>",
            ),
            ("<rect style=\"fill: url(https://example.com/p)\"/>", "may load"),
            (
                "<style>@import url(https://example.com/x.css);</style>",
                "<style>",
            ),
        ] {
            let error = svg_with(inner).unwrap_err();
            assert!(error.contains(told), "{inner}: {error}");
        }
        // What a logo does use is allowed: gradients by #id, an embedded picture.
        assert!(svg_with(
            "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><use href=\"#g\"/>"
        )
        .is_ok());
        assert!(svg_with("<image href=\"data:image/png;base64,iVBORw0KGgo=\"/>").is_ok());
    }

    #[test]
    fn a_png_is_measured_from_its_header_and_checked_to_be_one() {
        // A PNG's signature and IHDR chunk: 300 × 80.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(300u32.to_be_bytes());
        png.extend(80u32.to_be_bytes());
        png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            measure("png", png.clone()).map(|l| (l.width, l.height)),
            Ok((300, 80))
        );
        assert!(measure("webp", png).unwrap_err().contains("not a WEBP"));
        assert!(measure("png", b"GIF89a".to_vec()).unwrap_err().contains("PNG"));
        assert!(measure("png", vec![0; MAX_BYTES + 1])
            .unwrap_err()
            .contains("at most 100 KB"));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_answered_not_panicked_on(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), kind in 0..3usize) {
            let _ = measure(["svg", "png", "webp"][kind], bytes);
        }
    }
}
