//! The step before `DOMParser`: markup the browser's parser would report to the host
//! page's Content-Security-Policy is taken out of the source text first.
//!
//! A parsed document inherits the page's policy, and Chromium checks it while parsing,
//! even in an inert document where nothing runs or applies: every `style` attribute is a
//! `style-src-attr` violation, every `on…` attribute a `script-src-attr` one, every
//! `<style>` element a `style-src-elem` one. Under the strict policy the README documents,
//! each would be a console error and a report to the publisher's `report-uri`, for markup
//! the sanitizer drops anyway. So this pass removes exactly those: `style` and `on…`
//! attributes (any case) from every tag, and `<style>` and `<script>` elements with their
//! content. Everything else is copied byte for byte, for the browser to parse as before.
//!
//! It follows the HTML tokenizer's rules for where tags, attributes, comments and raw text
//! start and end, but it is not what keeps the widget safe: the allowlist walk after
//! `DOMParser` is (no attribute it keeps starts with `on` or is `style`). A token this pass
//! reads differently from the browser costs a report, or a tag's worth of odd rendering,
//! never safety. Comments, doctypes and processing instructions are dropped here too (the
//! sanitizer drops them).

/// `html` without the markup that would trigger the page's policy (see the module docs).
pub fn strip_policy_triggers(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let lt = at + offset;
        out.push_str(&html[at..lt]);
        at = match bytes.get(lt + 1) {
            Some(b'!') if html[lt..].starts_with("<!--") => comment_end(html, lt + 4),
            Some(b'!' | b'?') => bogus_comment_end(html, lt + 2),
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = read_tag(html, lt + 2);
                    if let Some(end) = tag.end {
                        out.push_str("</");
                        out.push_str(tag.name);
                        out.push('>');
                        end
                    } else {
                        html.len()
                    }
                }
                Some(b'>') => lt + 3,
                Some(_) => bogus_comment_end(html, lt + 2),
                None => html.len(),
            },
            Some(c) if c.is_ascii_alphabetic() => start_tag(html, lt, &mut out),
            _ => {
                out.push('<');
                lt + 1
            }
        };
    }
    out.push_str(&html[at..]);
    out
}

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Raw-text elements left out with their content.
const DROPPED: &[&str] = &["script", "style"];

/// Copies the start tag at `lt` (and, for raw-text elements, its content) into `out`;
/// returns where parsing goes on.
fn start_tag(html: &str, lt: usize, out: &mut String) -> usize {
    let tag = read_tag(html, lt + 1);
    let Some(end) = tag.end else {
        // A tag cut off by the end of the input is dropped, as the browser does.
        return html.len();
    };
    let name = tag.name.to_ascii_lowercase();
    if name == "plaintext" {
        // Everything after it is text.
        out.push_str(&html[lt..]);
        return html.len();
    }
    let raw = RAW_TEXT.contains(&name.as_str());
    let content_end = if raw {
        raw_text_end(html, end, &name)
    } else {
        RawTextEnd {
            content: end,
            next: end,
        }
    };
    if DROPPED.contains(&name.as_str()) {
        return content_end.next;
    }
    out.push('<');
    out.push_str(tag.name);
    for attribute in &tag.attributes {
        out.push(' ');
        out.push_str(attribute);
    }
    if tag.self_closing {
        out.push_str(" /");
    }
    out.push('>');
    if raw {
        out.push_str(&html[end..content_end.content]);
        out.push_str(&html[content_end.content..content_end.next]);
    }
    content_end.next
}

struct Tag<'a> {
    name: &'a str,
    /// The kept attributes, each as written (`name`, `name=value`, `name="value"`).
    attributes: Vec<&'a str>,
    self_closing: bool,
    /// Just past the closing `>`; `None` when the input ends inside the tag.
    end: Option<usize>,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Reads a tag whose name starts at `start`.
fn read_tag(html: &str, start: usize) -> Tag<'_> {
    let bytes = html.as_bytes();
    let mut at = start;
    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    let mut tag = Tag {
        name: &html[start..at],
        attributes: Vec::new(),
        self_closing: false,
        end: None,
    };
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            tag.self_closing = bytes[at] == b'/';
            at += 1;
        }
        match bytes.get(at) {
            None => return tag,
            Some(b'>') => {
                tag.end = Some(at + 1);
                return tag;
            }
            Some(_) => tag.self_closing = false,
        }
        let attribute_start = at;
        // A name may begin with `=`; it ends at a space, `/`, `>` or `=`.
        at += 1;
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let name = &html[attribute_start..at];
        let mut after_name = at;
        while after_name < bytes.len() && is_space(bytes[after_name]) {
            after_name += 1;
        }
        if bytes.get(after_name) == Some(&b'=') {
            at = after_name + 1;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => match html[at + 1..].find(quote as char) {
                    Some(close) => at += close + 2,
                    None => return tag,
                },
                _ => {
                    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                        at += 1;
                    }
                }
            }
        }
        if !triggers_policy(name) {
            tag.attributes.push(&html[attribute_start..at]);
        }
    }
}

/// `style` and event handler attributes, in any case.
fn triggers_policy(name: &str) -> bool {
    name.eq_ignore_ascii_case("style")
        || name
            .get(..2)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("on"))
}

struct RawTextEnd {
    /// Where the content ends (the start of its end tag).
    content: usize,
    /// Just past the end tag (or the end of the input).
    next: usize,
}

/// The end of a raw-text element's content starting at `from`: its end tag is `</name`
/// in any case, followed by a space, `/` or `>`.
fn raw_text_end(html: &str, from: usize, name: &str) -> RawTextEnd {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let candidate = at + offset;
        let name_end = candidate + 2 + name.len();
        let matches = html
            .get(candidate + 2..name_end)
            .is_some_and(|found| found.eq_ignore_ascii_case(name))
            && bytes
                .get(name_end)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>');
        if matches {
            let next = read_tag(html, candidate + 2).end.unwrap_or(html.len());
            return RawTextEnd {
                content: candidate,
                next,
            };
        }
        at = candidate + 2;
    }
    RawTextEnd {
        content: html.len(),
        next: html.len(),
    }
}

/// After a comment whose text starts at `from`: `-->` (or `--!>`) ends it, and so do
/// `<!-->` and `<!--->` right away.
fn comment_end(html: &str, from: usize) -> usize {
    let rest = &html[from..];
    if rest.starts_with('>') {
        return from + 1;
    }
    if rest.starts_with("->") {
        return from + 2;
    }
    let close = rest.find("-->").map(|i| i + 3);
    let bang = rest.find("--!>").map(|i| i + 4);
    match (close, bang) {
        (Some(a), Some(b)) => from + a.min(b),
        (Some(a), None) | (None, Some(a)) => from + a,
        (None, None) => html.len(),
    }
}

/// After a bogus comment (`<!x`, `<?x`, `</ x`): the next `>`.
fn bogus_comment_end(html: &str, from: usize) -> usize {
    html[from..].find('>').map_or(html.len(), |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::strip_policy_triggers as strip;

    #[test]
    fn style_and_event_handler_attributes_go_in_any_case_and_quoting() {
        assert_eq!(
            strip(r#"<p style="color:red" class=x>Hi</p>"#),
            "<p class=x>Hi</p>"
        );
        assert_eq!(
            strip(r#"<IMG SRC=a.png OnError='alert(1)' STYLE=x alt="a > b">"#),
            r#"<IMG SRC=a.png alt="a > b">"#
        );
        // An unquoted value runs to a space or `>`, slashes included.
        assert_eq!(strip(r#"<p a="1"style="x"onclick=y/>"#), r#"<p a="1">"#);
        assert_eq!(strip(r#"<br a="1"style="x"/>"#), r#"<br a="1" />"#);
        assert_eq!(strip("<p style = 'x' title=t>"), "<p title=t>");
        assert_eq!(strip("<a/style=x/href=h>"), "<a>");
        assert_eq!(strip("<a/style=x /href=h>"), "<a href=h>");
        assert_eq!(strip("<p =style style>"), "<p =style>");
    }

    #[test]
    fn style_and_script_elements_go_with_their_content() {
        assert_eq!(
            strip("a<style>p{x:y}</style>b<script>if (a</b) x()</script >c"),
            "abc"
        );
        assert_eq!(strip("a<SCRIPT>x</sCrIpT>b"), "ab");
        assert_eq!(strip("a<style>never closed"), "a");
        assert_eq!(strip("<svg><style>x</style></svg>"), "<svg></svg>");
    }

    #[test]
    fn text_raw_text_and_stray_brackets_are_kept_as_written() {
        let text = "1 < 2 & 3 > 2, a <3 b, caf\u{e9} \u{1F600} &amp; &lt;p style=x&gt;";
        assert_eq!(strip(text), text);
        // Raw text is text: what looks like a tag inside it is not one.
        assert_eq!(
            strip(r#"<textarea><p style="x"></textarea><p style=y>"#),
            r#"<textarea><p style="x"></textarea><p>"#
        );
        assert_eq!(
            strip("<title>a</titles> b</title>"),
            "<title>a</titles> b</title>"
        );
        assert_eq!(
            strip(r#"x<plaintext><p style="x">"#),
            r#"x<plaintext><p style="x">"#
        );
    }

    #[test]
    fn comments_doctypes_and_cut_off_tags_are_dropped() {
        assert_eq!(strip("a<!-- <p style=x> -->b"), "ab");
        assert_eq!(strip("a<!-->b<!--->c<!-- x --!>d"), "abcd");
        assert_eq!(strip("<!DOCTYPE html>a<?xml x?>b<![CDATA[c]]>d"), "abd");
        assert_eq!(strip("a</>b</ x>c"), "abc");
        assert_eq!(strip("a<p style=\"x"), "a");
        assert_eq!(strip("a<p"), "a");
        assert_eq!(strip("a<!-- never closed"), "a");
        assert_eq!(strip("a</p class=x style=y>b"), "a</p>b");
    }
}
