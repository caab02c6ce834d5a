//! Untrusted content from the endpoint: URL allowlists and the HTML block sanitizer.
//!
//! Endpoint HTML is never assigned to the DOM. It is parsed inertly by the browser's
//! `DOMParser` (scripts never run, nothing loads in a parsed document; `pre_parse` first
//! takes out what the parse would report to the page's CSP) and rebuilt as Yew
//! nodes from an allowlist of elements and attributes; Yew then creates every element,
//! attribute and text node through DOM calls, so nothing is ever re-parsed as markup.
//!
//! The rules, in one place:
//! - Elements in `KEPT_ELEMENTS` are rebuilt. Headings move one level down
//!   (`h1`/`h2` → `h3` … `h6` → `h6`), because the widget's headline is the `h2` and its
//!   own sub-headings are `h3`: CMS headings nest under the headline.
//! - Elements in `DROPPED_ELEMENTS` (scripts, styles, frames, plugins, forms, media,
//!   SVG, MathML, templates…) and anything outside the HTML namespace disappear with
//!   their content. Any other element is unwrapped: left out, its children kept.
//! - Attributes: only those of `allowed_attributes`, each checked by `clean_attribute`.
//!   Links must be http(s) or mailto and always get `rel="noopener noreferrer"` (no
//!   `target`: the reader's browser decides where a link opens, as for the widget's other
//!   links); a link without a usable `href` is unwrapped. Images must be http(s), else
//!   they are dropped, and always load lazily, asynchronously, without a referrer.
//! - Comments (and the comments HTML makes of `<![CDATA[`, `<?`) are dropped; text stays
//!   text.
//! - Hostile sizes: an element nested [`MAX_DEPTH`] levels deep (kept or unwrapped
//!   elements alike) is replaced by its text, and at most [`MAX_NODES`] source nodes are
//!   visited; whatever comes after is left out.

mod pre_parse;

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};
use yew::prelude::*;
use yew::virtual_dom::{VList, VNode, VTag, VText};

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

/// Elements below this many nested source elements are flattened to their text.
pub const MAX_DEPTH: usize = 32;
/// At most this many source nodes (elements, text, comments) are visited per block.
pub const MAX_NODES: usize = 5_000;
/// Largest `width`/`height` kept on an image, in CSS pixels.
pub const MAX_IMAGE_SIZE: u32 = 4_000;
/// Largest `colspan`/`rowspan` kept on a table cell.
pub const MAX_CELL_SPAN: u32 = 100;
/// Largest `start` kept on an ordered list.
pub const MAX_LIST_START: u32 = 1_000_000;

/// Elements rebuilt as themselves (headings are mapped, see `element_rule`).
const KEPT_ELEMENTS: &[&str] = &[
    "p",
    "br",
    "hr",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "mark",
    "abbr",
    "dfn",
    "cite",
    "q",
    "code",
    "pre",
    "kbd",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "span",
    "div",
    "time",
];

/// Elements removed together with everything inside them: their content is code,
/// active content or form controls, never article text.
const DROPPED_ELEMENTS: &[&str] = &[
    "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "noscript",
    "noembed", "noframes", "xmp", "svg", "math", "form", "input", "button", "textarea", "select",
    "option", "link", "meta", "base", "title", "head", "audio", "video", "source", "track",
    "canvas", "dialog", "portal", "applet",
];

/// Attributes allowed on every kept element.
const GLOBAL_ATTRIBUTES: &[&str] = &["lang", "dir"];

/// Elements that never have children.
const VOID_ELEMENTS: &[&str] = &["br", "hr", "img"];

const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// What the sanitizer does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ElementRule {
    /// Rebuilt under this (allowlisted) tag name.
    Keep(&'static str),
    /// Left out; its children are kept.
    Unwrap,
    /// Left out together with everything inside it.
    Drop,
}

/// The rule for an HTML element by its local name (any case).
fn element_rule(name: &str) -> ElementRule {
    let name = name.to_ascii_lowercase();
    match name.as_str() {
        "h1" | "h2" => return ElementRule::Keep("h3"),
        "h3" => return ElementRule::Keep("h4"),
        "h4" => return ElementRule::Keep("h5"),
        "h5" | "h6" => return ElementRule::Keep("h6"),
        _ => {}
    }
    if let Some(tag) = KEPT_ELEMENTS.iter().find(|tag| **tag == name) {
        ElementRule::Keep(tag)
    } else if DROPPED_ELEMENTS.contains(&name.as_str()) {
        ElementRule::Drop
    } else {
        ElementRule::Unwrap
    }
}

/// Attributes copied from the source onto a kept `tag`, in output order; the
/// `GLOBAL_ATTRIBUTES` come after these.
fn allowed_attributes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["href"],
        "img" => &["src", "alt", "width", "height"],
        "td" | "th" => &["colspan", "rowspan"],
        "abbr" | "dfn" => &["title"],
        "time" => &["datetime"],
        "ol" => &["start"],
        _ => &[],
    }
}

/// Attributes the sanitizer always sets on a kept `tag`, after the copied ones.
fn fixed_attributes(tag: &str) -> &'static [(&'static str, &'static str)] {
    match tag {
        "a" => &[("rel", "noopener noreferrer")],
        "img" => &[
            ("loading", "lazy"),
            ("decoding", "async"),
            ("referrerpolicy", "no-referrer"),
        ],
        _ => &[],
    }
}

/// The value kept for attribute `name` (already entity-decoded by the parser), or `None`
/// to leave the attribute out. Only names from `allowed_attributes` and
/// `GLOBAL_ATTRIBUTES` are ever kept.
fn clean_attribute(name: &str, value: &str) -> Option<String> {
    match name {
        "href" => link_url(value),
        "src" => http_url(value),
        "width" | "height" => bounded_number(value, 1, MAX_IMAGE_SIZE),
        "colspan" | "rowspan" => bounded_number(value, 1, MAX_CELL_SPAN),
        "start" => bounded_number(value, 0, MAX_LIST_START),
        "lang" => language_tag(value),
        "dir" => direction(value),
        "alt" | "title" => Some(
            value
                .chars()
                .filter(|c| !c.is_control() || c.is_ascii_whitespace())
                .collect(),
        ),
        "datetime" => datetime(value),
        _ => None,
    }
}

/// A plain decimal number within `min..=max` (surrounding ASCII whitespace allowed),
/// normalized (`"007"` → `"7"`).
fn bounded_number(value: &str, min: u32, max: u32) -> Option<String> {
    let digits = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    (min..=max).contains(&number).then(|| number.to_string())
}

/// A BCP 47-shaped language tag (letters, digits and hyphens, at most 35 characters), or
/// the empty string (which means "unknown language").
fn language_tag(value: &str) -> Option<String> {
    let tag = value.trim_matches(|c: char| c.is_ascii_whitespace());
    let shaped = tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !tag.starts_with('-');
    shaped.then(|| tag.to_owned())
}

/// `ltr`, `rtl` or `auto` (any case), lowercased.
fn direction(value: &str) -> Option<String> {
    let dir = value
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .to_ascii_lowercase();
    matches!(dir.as_str(), "ltr" | "rtl" | "auto").then_some(dir)
}

/// A machine-readable date/time: printable ASCII, at most 64 characters.
fn datetime(value: &str) -> Option<String> {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    let printable = !value.is_empty()
        && value.len() <= 64
        && value.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    printable.then(|| value.to_owned())
}

/// Renders an `html` body block safely (see the module docs).
pub fn html_block(html: &str) -> Html {
    html_block_within(html, MAX_NODES).html
}

/// An `html` block rendered within a node budget, and what it took.
pub struct Sanitized {
    pub html: Html,
    /// Source nodes visited (each counts against the budget).
    pub visited: usize,
    /// Whether the budget ran out before the end of the block (the rest is left out).
    pub cut: bool,
}

/// Renders an `html` block visiting at most `budget` source nodes (and never more than
/// [`MAX_NODES`]), so that an article can share one budget among its blocks.
pub fn html_block_within(html: &str, budget: usize) -> Sanitized {
    let Some(body) = parse_inert(html).and_then(|document| document.body()) else {
        return Sanitized {
            html: Html::default(),
            visited: 0,
            cut: false,
        };
    };
    let budget = budget.min(MAX_NODES);
    let mut walk = Walk { budget, cut: false };
    let children = walk.children(&body, 0);
    Sanitized {
        html: VList::with_children(children, None).into(),
        visited: budget - walk.budget,
        cut: walk.cut,
    }
}

fn parse_inert(html: &str) -> Option<web_sys::Document> {
    let parser = web_sys::DomParser::new().ok()?;
    let markup = pre_parse::strip_policy_triggers(html);
    // A page enforcing Trusted Types (`require-trusted-types-for 'script'`) refuses (and
    // reports) a plain string here, and no API tells whether it enforces them: where the
    // browser has Trusted Types, the markup goes through the widget's own policy.
    trusted_types::parse(&parser, &markup).or_else(|| {
        parser
            .parse_from_string(&markup, web_sys::SupportedType::TextHtml)
            .ok()
    })
}

/// The `news-widget` Trusted Types policy (as DOMPurify makes its own), created with the
/// first `html` block. Its `createHTML` passes the markup through unchanged: what it feeds
/// is the inert parse above, whose result is rebuilt from the allowlist, never inserted. A
/// page that allows only listed policy names must list `news-widget` (README,
/// "Content-Security-Policy"); otherwise its `html` blocks stay empty.
mod trusted_types {
    use std::cell::RefCell;

    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        static POLICY: RefCell<Option<Option<JsValue>>> = const { RefCell::new(None) };
    }

    fn policy() -> Option<JsValue> {
        POLICY.with(|slot| {
            slot.borrow_mut()
                .get_or_insert_with(|| {
                    let factory =
                        js_sys::Reflect::get(&web_sys::window()?.into(), &"trustedTypes".into())
                            .ok()
                            .filter(|value| value.is_object())?;
                    let create = js_sys::Reflect::get(&factory, &"createPolicy".into())
                        .ok()?
                        .dyn_into::<js_sys::Function>()
                        .ok()?;
                    // `String` as createHTML: the markup passes through unchanged.
                    let identity =
                        js_sys::Reflect::get(&web_sys::window()?.into(), &"String".into()).ok()?;
                    let rules = js_sys::Object::new();
                    js_sys::Reflect::set(&rules, &"createHTML".into(), &identity).ok()?;
                    create.call2(&factory, &"news-widget".into(), &rules).ok()
                })
                .clone()
        })
    }

    /// `parser.parseFromString(policy.createHTML(markup), "text/html")`.
    pub fn parse(parser: &web_sys::DomParser, markup: &str) -> Option<web_sys::Document> {
        let policy = policy()?;
        let create = js_sys::Reflect::get(&policy, &"createHTML".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let trusted = create.call1(&policy, &markup.into()).ok()?;
        let parse = js_sys::Reflect::get(parser, &"parseFromString".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        parse
            .call2(parser, &trusted, &"text/html".into())
            .ok()?
            .dyn_into::<web_sys::Document>()
            .ok()
    }
}

/// The rule for a parsed element: only HTML-namespace elements can be kept or unwrapped
/// (SVG and MathML content is foreign, with its own script and link vectors).
fn rule_for(element: &Element) -> ElementRule {
    if element.namespace_uri().as_deref() != Some(HTML_NAMESPACE) {
        return ElementRule::Drop;
    }
    element_rule(&element.local_name())
}

/// One sanitizing pass over a parsed tree, with its remaining node budget.
struct Walk {
    budget: usize,
    /// Set when a node was left out for want of budget.
    cut: bool,
}

impl Walk {
    /// Takes one node from the budget; `false` once it is spent.
    fn spend(&mut self) -> bool {
        if self.budget == 0 {
            self.cut = true;
            return false;
        }
        self.budget -= 1;
        true
    }

    /// The sanitized children of `parent`, which sits `depth` elements below the body.
    fn children(&mut self, parent: &Node, depth: usize) -> Vec<VNode> {
        let mut out = Vec::new();
        let mut next = parent.first_child();
        while let Some(node) = next {
            if !self.spend() {
                break;
            }
            self.node(&node, depth, &mut out);
            next = node.next_sibling();
        }
        out
    }

    fn node(&mut self, node: &Node, depth: usize, out: &mut Vec<VNode>) {
        match node.node_type() {
            Node::TEXT_NODE => {
                if let Some(text) = node.node_value() {
                    out.push(VText::new(text).into());
                }
            }
            Node::ELEMENT_NODE => {
                if let Some(element) = node.dyn_ref::<Element>() {
                    self.element(element, depth, out);
                }
            }
            // Comments, processing instructions, doctypes: nothing a reader sees.
            _ => {}
        }
    }

    fn element(&mut self, element: &Element, depth: usize, out: &mut Vec<VNode>) {
        let rule = rule_for(element);
        if rule == ElementRule::Drop {
            return;
        }
        if depth >= MAX_DEPTH {
            let text = self.flat_text(element);
            if !text.is_empty() {
                out.push(VText::new(text).into());
            }
            return;
        }
        let ElementRule::Keep(tag) = rule else {
            out.extend(self.children(element, depth + 1));
            return;
        };
        let Some(mut vtag) = rebuilt_tag(element, tag) else {
            if tag == "a" {
                // A link nobody may follow is just its content.
                out.extend(self.children(element, depth + 1));
            }
            return;
        };
        if !VOID_ELEMENTS.contains(&tag) {
            vtag.add_children(self.children(element, depth + 1));
        }
        out.push(vtag.into());
    }

    /// The text inside `root` (leaving out dropped elements), walked without recursion
    /// so that no nesting depth can exhaust the stack.
    fn flat_text(&mut self, root: &Element) -> String {
        let mut text = String::new();
        let mut stack: Vec<Node> = Vec::new();
        let mut next = root.last_child();
        while let Some(node) = next {
            stack.push(node.clone());
            next = node.previous_sibling();
        }
        while let Some(node) = stack.pop() {
            if !self.spend() {
                break;
            }
            match node.node_type() {
                Node::TEXT_NODE => text.push_str(&node.node_value().unwrap_or_default()),
                Node::ELEMENT_NODE => {
                    let dropped = node
                        .dyn_ref::<Element>()
                        .is_none_or(|element| rule_for(element) == ElementRule::Drop);
                    if !dropped {
                        let mut child = node.last_child();
                        while let Some(c) = child {
                            child = c.previous_sibling();
                            stack.push(c);
                        }
                    }
                }
                _ => {}
            }
        }
        text
    }
}

/// A kept element with its checked attributes, or `None` when it cannot be kept
/// without its essential attribute (a link without a safe `href`, an image without a
/// safe `src`).
fn rebuilt_tag(element: &Element, tag: &'static str) -> Option<VTag> {
    let mut vtag = VTag::new(tag);
    for &name in allowed_attributes(tag).iter().chain(GLOBAL_ATTRIBUTES) {
        let value = element
            .get_attribute(name)
            .and_then(|value| clean_attribute(name, &value));
        match value {
            Some(value) => vtag.add_attribute(name, value),
            None if matches!((tag, name), ("a", "href") | ("img", "src")) => return None,
            None => {}
        }
    }
    for &(name, value) in fixed_attributes(tag) {
        vtag.add_attribute(name, value);
    }
    Some(vtag)
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

    #[test]
    fn decoded_script_urls_never_pass() {
        // What the parser hands over after decoding entities such as `&#106;`, `&#x09;`.
        for bad in [
            "javascript:window.__xss=1",
            "\u{1}javascript:x",
            "\u{0}https://a.example",
            "jav\tascript:x",
            "jav\nascript:x",
            "java\u{0}script:x",
            " \u{b}javascript:x",
            "vbscript:msgbox(1)",
            "data:text/html,<script>x</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "blob:https://a.example/uuid",
            "file:///etc/passwd",
            "feed:javascript:x",
            "https:javascript:x",
            "http:/a.example",
            "https:\\\\a.example",
            "\u{202e}https://a.example",
            "mailto :x@example.com",
            "mailto:\u{1}x",
            "",
            "   ",
        ] {
            assert_eq!(link_url(bad), None, "{bad:?}");
            assert_eq!(clean_attribute("src", bad), None, "{bad:?}");
        }
        assert_eq!(
            clean_attribute("href", "\u{a0}https://a.example/?q=1&r=2 ").as_deref(),
            Some("https://a.example/?q=1&r=2")
        );
        assert_eq!(clean_attribute("src", "mailto:x@example.com"), None);
    }

    #[test]
    fn headings_move_under_the_headline() {
        assert_eq!(element_rule("h1"), ElementRule::Keep("h3"));
        assert_eq!(element_rule("H2"), ElementRule::Keep("h3"));
        assert_eq!(element_rule("h3"), ElementRule::Keep("h4"));
        assert_eq!(element_rule("h4"), ElementRule::Keep("h5"));
        assert_eq!(element_rule("h5"), ElementRule::Keep("h6"));
        assert_eq!(element_rule("h6"), ElementRule::Keep("h6"));
    }

    #[test]
    fn every_element_has_one_rule() {
        for tag in KEPT_ELEMENTS {
            assert_eq!(element_rule(tag), ElementRule::Keep(tag));
            assert!(!DROPPED_ELEMENTS.contains(tag), "{tag} is kept and dropped");
        }
        for tag in DROPPED_ELEMENTS {
            assert_eq!(element_rule(tag), ElementRule::Drop, "{tag}");
            assert_eq!(
                element_rule(&tag.to_ascii_uppercase()),
                ElementRule::Drop,
                "{tag}"
            );
        }
        for tag in [
            "font",
            "center",
            "article",
            "section",
            "my-widget",
            "slot",
            "details",
            "summary",
            "marquee",
            "picture",
            "area",
            "map",
            "plaintext",
            "nav",
            "h7",
            "",
        ] {
            assert_eq!(element_rule(tag), ElementRule::Unwrap, "{tag}");
        }
    }

    #[test]
    fn only_listed_attributes_exist() {
        for tag in KEPT_ELEMENTS {
            for name in allowed_attributes(tag).iter().chain(GLOBAL_ATTRIBUTES) {
                let samples = ["", "1", "ltr", "https://a.example", "2025-04-28"];
                assert!(
                    samples.iter().any(|v| clean_attribute(name, v).is_some()),
                    "{tag}[{name}] has no accepted value"
                );
                assert!(!name.starts_with("on") && *name != "style", "{tag}[{name}]");
            }
        }
        for name in [
            "style",
            "class",
            "id",
            "name",
            "onerror",
            "onclick",
            "srcset",
            "formaction",
            "xlink:href",
            "data-x",
            "srcdoc",
            "action",
            "background",
            "poster",
            "cite",
            "target",
            "slot",
            "part",
            "is",
            "popover",
        ] {
            assert_eq!(clean_attribute(name, "https://a.example"), None, "{name}");
        }
        assert_eq!(allowed_attributes("div"), &[] as &[&str]);
        assert_eq!(allowed_attributes("q"), &[] as &[&str]);
        assert_eq!(allowed_attributes("blockquote"), &[] as &[&str]);
    }

    #[test]
    fn numbers_are_plain_and_bounded() {
        assert_eq!(bounded_number("640", 1, 4000).as_deref(), Some("640"));
        assert_eq!(bounded_number(" 007 ", 1, 4000).as_deref(), Some("7"));
        assert_eq!(bounded_number("4000", 1, 4000).as_deref(), Some("4000"));
        for bad in [
            "",
            "0",
            "4001",
            "-1",
            "+5",
            "5px",
            "50%",
            "1e3",
            "1.5",
            "١٢",
            "99999999999999",
            "1 2",
            "0x10",
        ] {
            assert_eq!(bounded_number(bad, 1, 4000), None, "{bad:?}");
        }
        assert_eq!(clean_attribute("colspan", "100").as_deref(), Some("100"));
        assert_eq!(clean_attribute("rowspan", "101"), None);
        assert_eq!(clean_attribute("start", "0").as_deref(), Some("0"));
        assert_eq!(clean_attribute("start", "-3"), None);
        assert_eq!(clean_attribute("width", "5000"), None);
    }

    #[test]
    fn lang_dir_and_text_attributes() {
        assert_eq!(language_tag("pt-BR").as_deref(), Some("pt-BR"));
        assert_eq!(language_tag("").as_deref(), Some(""));
        for bad in [
            "en\"x",
            "en x",
            "-en",
            "x onerror=1",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(language_tag(bad), None, "{bad:?}");
        }
        assert_eq!(direction(" RTL ").as_deref(), Some("rtl"));
        assert_eq!(direction("auto").as_deref(), Some("auto"));
        assert_eq!(direction("rtl;x"), None);
        assert_eq!(direction(""), None);
        assert_eq!(
            datetime("2025-04-28T08:42:28Z").as_deref(),
            Some("2025-04-28T08:42:28Z")
        );
        assert_eq!(datetime("2025\u{0}"), None);
        assert_eq!(datetime(&"9".repeat(65)), None);
        assert_eq!(
            clean_attribute("alt", "a \"quoted\"\t<b>\u{7}\u{0}").as_deref(),
            Some("a \"quoted\"\t<b>")
        );
    }

    #[test]
    fn links_and_images_get_their_fixed_attributes() {
        assert_eq!(fixed_attributes("a"), &[("rel", "noopener noreferrer")]);
        let img: Vec<_> = fixed_attributes("img").iter().map(|(k, _)| *k).collect();
        assert_eq!(img, ["loading", "decoding", "referrerpolicy"]);
        assert_eq!(fixed_attributes("p"), &[]);
    }
}
