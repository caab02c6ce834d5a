//! Untrusted content from the endpoint: URL allowlists and the HTML block sanitizer.
//!
//! Endpoint HTML is never assigned to the DOM. It is parsed inertly by the browser's
//! `DOMParser` and rebuilt as Yew nodes from an allowlist of elements and attributes.

use yew::prelude::*;

/// An http(s) URL, trimmed, or `None` for anything else (`javascript:`, `data:`,
/// relative, protocol-relative...).
pub fn http_url(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
    let ok = (lower.starts_with("https://") && trimmed.len() > 8)
        || (lower.starts_with("http://") && trimmed.len() > 7);
    ok.then(|| trimmed.to_owned())
}

/// A URL allowed as a link target: http(s) or mailto.
pub fn link_url(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let is_mailto = trimmed
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
        && trimmed.len() > 7
        && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace());
    if is_mailto {
        Some(trimmed.to_owned())
    } else {
        http_url(trimmed)
    }
}

/// Renders an `html` body block safely (see the module docs).
pub fn html_block(html: &str) -> Html {
    let Some(document) = parse_inert(html) else {
        return Html::default();
    };
    let text = document
        .body()
        .and_then(|body| body.text_content())
        .unwrap_or_default();
    html! { <p>{ text }</p> }
}

fn parse_inert(html: &str) -> Option<web_sys::Document> {
    let parser = web_sys::DomParser::new().ok()?;
    parser
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_pass() {
        assert_eq!(
            http_url(" https://a.example/x.jpg ").as_deref(),
            Some("https://a.example/x.jpg")
        );
        assert_eq!(
            http_url("HTTP://a.example").as_deref(),
            Some("HTTP://a.example")
        );
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:image/png;base64,AAAA",
            "//evil.example/x",
            "/relative",
            "https://",
            "https://a.example/\u{0}x",
            "java\tscript:alert(1)",
            "https://a b",
        ] {
            assert_eq!(http_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn links_also_allow_mailto() {
        assert_eq!(
            link_url("mailto:desk@example.com").as_deref(),
            Some("mailto:desk@example.com")
        );
        assert_eq!(link_url("mailto:"), None);
        assert_eq!(link_url("vbscript:x"), None);
    }
}
