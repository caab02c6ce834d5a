//! The build script's CSS minifier (build/css_min.rs), which shrinks the stylesheet the
//! runtime embeds: it must drop only what CSS ignores.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/css_min.rs"]
mod css_min;

use css_min::minify;

#[test]
fn drops_comments_and_the_whitespace_css_ignores() {
    assert_eq!(
        minify("/* note */\n.a > .b ,\n.c {\n  color : red ;\n  margin: 0 4px;\n}\n"),
        ".a>.b,.c{color :red;margin:0 4px}"
    );
}

#[test]
fn keeps_the_spaces_that_carry_meaning() {
    // Descendant combinator before a pseudo-class, operators inside calc(), media features,
    // `+` combinators and values separated by spaces.
    assert_eq!(
        minify(".r :focus-visible { x: 1 }"),
        ".r :focus-visible{x:1}"
    );
    assert_eq!(
        minify("a { width: calc(100% - 4px); }"),
        "a{width:calc(100% - 4px)}"
    );
    assert_eq!(
        minify("@media (prefers-color-scheme: dark) and (min-width: 2px) { a { b: c } }"),
        "@media (prefers-color-scheme: dark) and (min-width: 2px){a{b:c}}"
    );
    assert_eq!(
        minify("li + li { c: d !important; }"),
        "li + li{c:d !important}"
    );
}

#[test]
fn copies_quoted_strings_untouched() {
    assert_eq!(
        minify(r#"a::before { content: "— /* not a comment */  ,{ }"; }"#),
        r#"a::before{content:"— /* not a comment */  ,{ }"}"#
    );
    assert_eq!(
        minify(r#"a { font-family: 'A \' B', x; }"#),
        r#"a{font-family:'A \' B',x}"#
    );
}

/// Strips comments (outside strings) and every whitespace character: what must survive.
fn significant(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        let before = &rest[..start];
        // The widget's stylesheet has no "/*" inside strings (asserted by the round trip).
        out.push_str(before);
        let end = rest[start..].find("*/").expect("comment is closed") + start + 2;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(";}", "}")
}

#[test]
fn the_widget_stylesheet_loses_only_comments_and_whitespace() {
    let source = include_str!("../styles/widget.css");
    let minified = minify(source);
    assert_eq!(significant(&minified), significant(source));
    assert_eq!(
        minify(&minified),
        minified,
        "minifying twice changes nothing"
    );
    assert!(
        minified.len() * 10 < source.len() * 8,
        "{} of {} bytes",
        minified.len(),
        source.len()
    );
    // Every rule is still there: as many blocks as the source has outside comments.
    assert_eq!(
        minified.matches('{').count(),
        significant(source).matches('{').count()
    );
    assert!(minified.matches('{').count() > 50);
}
