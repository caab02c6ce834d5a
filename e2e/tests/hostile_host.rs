//! Hostile hosts: a page with aggressive global CSS, and a page under the strict
//! Content-Security-Policy of DESIGN.md. The widget must look like itself, stay usable
//! and cause no policy violation.

use news_widget_e2e::hostile::{ok_title, LONG_LABEL, MARKUP_TITLE};
use news_widget_e2e::{wait_until, Harness, PATIENCE};
use serde_json::{json, Value};

/// Reads the computed look of a few widget pieces: `{host, headline, paragraph, root}`.
const LOOK_JS: &str = r#"
const host = document.querySelector(arguments[0]);
const root = host.shadowRoot;
const describe = (node) => {
  if (!node) return null;
  const style = getComputedStyle(node);
  const rect = node.getBoundingClientRect();
  return {
    width: rect.width, height: rect.height,
    display: style.display, visibility: style.visibility, opacity: style.opacity,
    fontSize: parseFloat(style.fontSize), letterSpacing: style.letterSpacing,
    textTransform: style.textTransform, color: style.color, background: style.backgroundColor,
  };
};
return {
  host: describe(host),
  headline: describe(root.querySelector("h2.nw-headline")),
  paragraph: describe(root.querySelector(".nw-body p.nw-paragraph")),
  root: describe(root.querySelector(".nw-root")),
  lead: describe(root.querySelector("figure.nw-lead img")),
};
"#;

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aggressive_host_css_neither_hides_nor_restyles_the_widget() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(0)).await;
    h.open("hostile-css.html").await;
    let b = &h.browser;
    b.wait_headline_is("#widget", &title).await;

    // Control: the hostile stylesheet is in force on the host's own content.
    let host_font = b
        .execute(
            "return getComputedStyle(document.getElementById('host-title')).fontSize;",
            vec![],
        )
        .await;
    assert_eq!(host_font, json!("56px"), "hostile.css is not applied");

    let look = b.execute(LOOK_JS, vec![json!("#widget")]).await;
    let host = &look["host"];
    assert!(
        number(&host["width"]) > 300.0 && number(&host["height"]) > 200.0,
        "the widget is squashed or hidden: {look}"
    );
    let headline = &look["headline"];
    assert!(
        number(&headline["height"]) > 0.0 && headline["visibility"] == "visible",
        "headline hidden: {look}"
    );
    assert!(
        number(&headline["fontSize"]) < 48.0,
        "the host's 56px font leaked in: {look}"
    );
    let paragraph = &look["paragraph"];
    assert!(number(&paragraph["fontSize"]) <= 24.0, "{look}");
    assert_eq!(paragraph["letterSpacing"], json!("normal"), "{look}");
    assert_eq!(paragraph["textTransform"], json!("none"), "{look}");
    assert_ne!(
        paragraph["color"],
        json!("rgb(255, 0, 255)"),
        "host text colour leaked in: {look}"
    );
    let background = look["root"]["background"].as_str().unwrap_or_default();
    assert!(
        !background.is_empty() && background != "rgba(0, 0, 0, 0)",
        "the widget paints its own background: {look}"
    );
    assert!(
        number(&look["lead"]["width"]) > 100.0,
        "lead image hidden by host img rules: {look}"
    );
    let headline_element = b
        .find_shadow("#widget", "h2.nw-headline")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(
        headline_element.is_displayed().await.unwrap_or(false),
        "WebDriver does not consider the headline displayed"
    );

    // The error state's Retry button is visible and really clickable.
    let error = b.wait_error("#failing").await;
    assert_eq!(error.attr("data-error-kind"), Some("http"), "{error:?}");
    let retry = b
        .find_shadow("#failing", "button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(
        retry.is_displayed().await.unwrap_or(false),
        "Retry hidden by `button {{ visibility: hidden }}`"
    );
    h.hostile.heal();
    b.click_shadow("#failing", "button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("Retry not clickable on a hostile page: {err}"));
    b.wait_headline_is("#failing", &ok_title("hostile-css-1"))
        .await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_content_security_policy_causes_no_violation() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(0)).await;
    h.open("strict-csp.html").await;
    let b = &h.browser;

    // The watcher itself must have run (it is what proves "zero violations").
    let watching = b
        .execute("return Array.isArray(window.__cspViolations);", vec![])
        .await;
    assert_eq!(watching, json!(true), "csp-watch.js did not run");

    b.wait_headline_is("#widget", &title).await;
    b.wait_headline_is("#markup", MARKUP_TITLE).await;
    b.wait_shadow("#markup", ".nw-body p").await;
    let missing = b.wait_error("#missing").await;
    assert_eq!(missing.attr("data-error-kind"), Some("http"), "{missing:?}");
    b.wait_shadow("#misconfigured", ".nw-config-error").await;

    // The lead image (same-origin demo picture) is in view and must load.
    wait_until("the lead image to load", PATIENCE, async || {
        b.execute(
            "const img = document.getElementById('widget').shadowRoot\
               .querySelector('figure.nw-lead img');\
             return !!img && img.complete && img.naturalWidth > 0;",
            vec![],
        )
        .await
            == json!(true)
    })
    .await;

    // No <style> elements or style attributes anywhere in the widgets.
    let inline_styles = b
        .execute(
            "const found = [];\
             for (const host of document.querySelectorAll('[data-news-widget], news-widget')) {\
               const root = host.shadowRoot;\
               if (!root) continue;\
               for (const el of root.querySelectorAll('style, [style]')) found.push(host.id + ': ' + el.outerHTML.slice(0, 120));\
             }\
             return found;",
            vec![],
        )
        .await;
    assert_eq!(inline_styles, json!([]), "inline styles in the widgets");

    let violations = b.execute("return window.__cspViolations;", vec![]).await;
    assert_eq!(violations, json!([]), "Content-Security-Policy violations");
    let reported: Vec<_> = b
        .console()
        .await
        .into_iter()
        .filter(|entry| entry.message.contains("Content Security Policy"))
        .collect();
    assert!(
        reported.is_empty(),
        "CSP messages on the console: {reported:#?}"
    );

    // Control: the policy is in force and the watcher sees violations.
    b.execute(
        "const style = document.createElement('style');\
         style.textContent = 'body { color: red }';\
         document.head.append(style);",
        vec![],
    )
    .await;
    wait_until(
        "the control violation to be recorded",
        PATIENCE,
        async || {
            b.execute("return window.__cspViolations.length;", vec![])
                .await
                == json!(1)
        },
    )
    .await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_wider_than_a_narrow_column_never_widens_the_page() {
    // A 300 px sidebar: a long rating label, an unbreakable stack of combining marks in
    // the headline, long words in the body. The page must not scroll sideways, and the
    // rating button keeps its count in view (the label gives way, with an ellipsis).
    let h = Harness::start().await;
    h.open("long-text.html").await;
    let b = &h.browser;
    b.wait_event("ready", "rating").await;
    b.wait_event("ready", "article").await;
    let name = b
        .accessible_name("#rating", "button.nw-rating-button")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        name,
        format!("{LONG_LABEL} 1,234,567"),
        "the full label stays in the name"
    );
    let layout = b
        .execute(
            "const root = document.getElementById('rating').shadowRoot;\
             const box = (el) => el.getBoundingClientRect();\
             const widget = box(document.getElementById('rating'));\
             const button = box(root.querySelector('.nw-rating-button'));\
             const count = box(root.querySelector('.nw-rating-count'));\
             return {\
               pageWidth: document.documentElement.scrollWidth,\
               viewport: document.documentElement.clientWidth,\
               widgetRight: widget.right, buttonRight: button.right,\
               countLeft: count.left, countRight: count.right,\
               height: widget.height,\
             };",
            vec![],
        )
        .await;
    let number = |key: &str| layout[key].as_f64().unwrap_or(f64::NAN);
    assert!(
        number("pageWidth") <= number("viewport"),
        "the page scrolls sideways: {layout}"
    );
    assert!(
        number("buttonRight") <= number("widgetRight")
            && number("countRight") <= number("buttonRight"),
        "the rating button or its count overflows the widget: {layout}"
    );
    assert!(
        number("countRight") - number("countLeft") > 30.0,
        "the count is squeezed: {layout}"
    );
    assert_eq!(
        number("height"),
        72.0,
        "the rating row keeps its reserved height: {layout}"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// A host page enforcing Trusted Types (`require-trusted-types-for 'script'`) that allows
/// the widget's policy by name: the CMS `html` block still renders (its inert parse goes
/// through the `news-widget` policy) and nothing is reported. Before, the parse was refused
/// and the block silently stayed empty.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_types_pages_get_the_html_blocks_through_the_widgets_policy() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(0)).await;
    h.open("trusted-types.html").await;
    let b = &h.browser;
    b.wait_headline_is("#widget", &title).await;
    let items = b.wait_shadow("#widget", ".nw-html li").await;
    assert!(!items.text.is_empty(), "{items:?}");
    let violations = b.execute("return window.__cspViolations;", vec![]).await;
    assert_eq!(violations, json!([]), "Trusted Types / CSP violations");

    // Control: the page does enforce Trusted Types.
    let enforced = b
        .execute(
            "try { document.createElement('div').innerHTML = '<b>x</b>'; return false; }\
             catch (error) { return error instanceof TypeError; }",
            vec![],
        )
        .await;
    assert_eq!(
        enforced,
        json!(true),
        "the page does not enforce Trusted Types"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}
