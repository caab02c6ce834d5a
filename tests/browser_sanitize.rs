//! The `html` block sanitizer against the XSS corpus (`tests/xss/corpus.json`), in a real
//! browser: every vector renders to exactly its expected safe HTML, and rendering the
//! whole corpus into the live document runs no script.
//! Run: `wasm-pack test --headless --chrome -- --test browser_sanitize` (needs no server).

#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::Cell;
use std::rc::Rc;

use news_widget::sanitize::{html_block, MAX_DEPTH, MAX_NODES};
use serde::Deserialize;
use support::{fresh_host, wait_for};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// One corpus entry: hostile (or benign) input and the exact `innerHTML` it must render to.
#[derive(Deserialize)]
struct Vector {
    name: String,
    category: String,
    input: String,
    expected: String,
}

fn corpus() -> Vec<Vector> {
    serde_json::from_str(include_str!("xss/corpus.json")).expect("tests/xss/corpus.json parses")
}

#[derive(Properties, PartialEq)]
struct ProbeProps {
    html: AttrValue,
    /// Emitted once the sanitized block is in the DOM.
    rendered: Callback<()>,
}

/// Renders one `html` block exactly as the article view does, without the wrapper.
#[function_component]
fn Probe(props: &ProbeProps) -> Html {
    let rendered = props.rendered.clone();
    use_effect(move || rendered.emit(()));
    html_block(&props.html)
}

#[derive(Properties, PartialEq)]
struct CorpusPageProps {
    inputs: Rc<Vec<String>>,
    rendered: Callback<()>,
}

/// Every corpus input at once, each in its own `<div class="nw-html">`.
#[function_component]
fn CorpusPage(props: &CorpusPageProps) -> Html {
    let rendered = props.rendered.clone();
    use_effect(move || rendered.emit(()));
    html! {
        <>{ for props.inputs.iter().map(|input| html! {
            <div class="nw-html">{ html_block(input) }</div>
        }) }</>
    }
}

/// Renders `html` through the sanitizer into a fresh element of the live document and
/// hands that element to `inspect` before unmounting it.
async fn render<T>(html: &str, inspect: impl FnOnce(&HtmlElement) -> T) -> T {
    let host = fresh_host();
    let done = Rc::new(Cell::new(false));
    let rendered = {
        let done = done.clone();
        Callback::from(move |()| done.set(true))
    };
    let props = ProbeProps {
        html: AttrValue::from(html.to_owned()),
        rendered,
    };
    let app = yew::Renderer::<Probe>::with_root_and_props(host.clone().into(), props).render();
    wait_for("the sanitized block to render", 5_000.0, || done.get()).await;
    let result = inspect(&host);
    app.destroy();
    host.remove();
    result
}

/// The global every corpus payload sets if it ever runs.
const XSS: &str = "__xss";

fn window_number(name: &str) -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .and_then(|value| value.as_f64())
        .unwrap_or(f64::NAN)
}

fn set_window_number(name: &str, value: f64) {
    js_sys::Reflect::set(&js_sys::global(), &name.into(), &JsValue::from_f64(value)).unwrap();
}

/// Elements the sanitizer may ever produce, and the attributes each may carry: written
/// out here again, independently of `src/sanitize.rs`, so a loosened table fails a test.
fn allowed(tag: &str, attribute: &str) -> bool {
    let per_tag: &[&str] = match tag {
        "a" => &["href", "rel"],
        "img" => &[
            "src",
            "alt",
            "width",
            "height",
            "loading",
            "decoding",
            "referrerpolicy",
        ],
        "td" | "th" => &["colspan", "rowspan"],
        "abbr" | "dfn" => &["title"],
        "time" => &["datetime"],
        "ol" => &["start"],
        _ => &[],
    };
    matches!(attribute, "lang" | "dir") || per_tag.contains(&attribute)
}

// Written out again on purpose (src/sanitize.rs has the same list): the audit is the spec,
// so a tag added to the sanitizer's allowlist by mistake fails here instead of passing.
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
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

/// Everything unsafe found under `root`: forbidden elements, attributes, URLs.
fn audit(root: &Element) -> Vec<String> {
    let mut problems = Vec::new();
    let all = root.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let Some(element) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let tag = element.local_name();
        if element.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
            problems.push(format!("foreign element <{tag}>"));
        }
        let is_wrapper = tag == "div" && element.class_name() == "nw-html";
        if !ALLOWED_TAGS.contains(&tag.as_str()) {
            problems.push(format!("element <{tag}>"));
        }
        for name in element.get_attribute_names().iter() {
            let name = name.as_string().unwrap_or_default();
            let value = element.get_attribute(&name).unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("on") || lower == "style" {
                problems.push(format!("<{tag} {name}={value:?}>"));
            } else if !(allowed(&tag, &lower) || is_wrapper && lower == "class") {
                problems.push(format!("attribute <{tag} {name}>"));
            }
            if matches!(lower.as_str(), "href" | "src") {
                let url = value.to_ascii_lowercase();
                let scheme_ok = url.starts_with("https://")
                    || url.starts_with("http://")
                    || (tag == "a" && lower == "href" && url.starts_with("mailto:"));
                if !scheme_ok {
                    problems.push(format!("URL <{tag} {name}={value:?}>"));
                }
            }
        }
        if tag == "a" && element.get_attribute("rel").as_deref() != Some("noopener noreferrer") {
            problems.push("link without rel=noopener noreferrer".into());
        }
    }
    for selector in [
        "script",
        "iframe",
        "frame",
        "object",
        "embed",
        "style",
        "link",
        "meta",
        "base",
        "form",
        "svg",
        "math",
        "template",
        "slot",
        "[style]",
        "[srcdoc]",
        "[srcset]",
        "[id]",
        "[class]:not(.nw-html)",
    ] {
        if let Ok(Some(found)) = root.query_selector(selector) {
            problems.push(format!("{selector} matched {}", found.outer_html()));
        }
    }
    problems
}

#[wasm_bindgen_test]
async fn every_vector_renders_exactly_its_expected_safe_html() {
    let corpus = corpus();
    assert!(
        corpus.len() >= 150,
        "the corpus has {} vectors",
        corpus.len()
    );
    let mut names: Vec<&str> = corpus.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), corpus.len(), "vector names are unique");

    set_window_number(XSS, 0.0);
    let mut failures = Vec::new();
    for vector in &corpus {
        let (actual, problems) =
            render(&vector.input, |host| (host.inner_html(), audit(host))).await;
        if actual != vector.expected {
            failures.push(format!(
                "[{}] {}\n    input:    {:?}\n    expected: {:?}\n    actual:   {:?}",
                vector.category, vector.name, vector.input, vector.expected, actual
            ));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "[{}] {}: unsafe output: {problems:?}",
                vector.category, vector.name
            ));
        }
    }
    assert_eq!(window_number(XSS), 0.0, "a corpus vector ran script");
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
async fn no_vector_runs_script_in_the_live_document() {
    set_window_number(XSS, 0.0);
    let inputs: Rc<Vec<String>> = Rc::new(corpus().into_iter().map(|v| v.input).collect());
    let host = fresh_host();
    let done = Rc::new(Cell::new(false));
    let rendered = {
        let done = done.clone();
        Callback::from(move |()| done.set(true))
    };
    let props = CorpusPageProps {
        inputs: inputs.clone(),
        rendered,
    };
    let app = yew::Renderer::<CorpusPage>::with_root_and_props(host.clone().into(), props).render();
    wait_for("the corpus to render", 10_000.0, || done.get()).await;
    assert_eq!(
        host.children().length() as usize,
        inputs.len(),
        "one block per vector"
    );

    // Give image errors, frame loads and focus handlers time to fire; fail at the first run.
    let quiet_until = js_sys::Date::now() + 1_500.0;
    while js_sys::Date::now() < quiet_until {
        assert_eq!(window_number(XSS), 0.0, "a corpus vector ran script");
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    assert_eq!(window_number(XSS), 0.0, "a corpus vector ran script");
    let problems = audit(&host);
    assert!(problems.is_empty(), "unsafe rendered output: {problems:?}");

    // Control: the same canary does fire, within the same wait, when a handler is live.
    let document = web_sys::window().unwrap().document().unwrap();
    let canary = document.create_element("img").unwrap();
    canary.set_attribute("onerror", "window.__xss++").unwrap();
    canary
        .set_attribute("src", "/__no_such_image__.png")
        .unwrap();
    host.append_child(&canary).unwrap();
    wait_for("the control handler to run", 1_500.0, || {
        window_number(XSS) == 1.0
    })
    .await;

    app.destroy();
    host.remove();
    set_window_number(XSS, 0.0);
}

#[wasm_bindgen_test]
async fn deep_nesting_is_flattened_to_text() {
    let levels = 2_000;
    let input = format!(
        "{}deep <script>window.__xss=1</script>text{}",
        "<div><span>".repeat(levels),
        "</span></div>".repeat(levels)
    );
    let (out, depth) = render(&input, |host| {
        let mut depth = 0;
        let mut node: Option<Element> = host.first_element_child();
        while let Some(element) = node {
            depth += 1;
            node = element.first_element_child();
        }
        (host.inner_html(), depth)
    })
    .await;
    assert_eq!(depth, MAX_DEPTH, "nesting is capped at MAX_DEPTH");
    assert!(
        out.contains("deep text"),
        "the innermost text survives: …{}",
        &out[out.len().saturating_sub(200)..]
    );
    assert!(
        !out.contains("__xss"),
        "dropped elements stay dropped when flattened"
    );
}

#[wasm_bindgen_test]
async fn huge_input_is_cut_at_the_node_budget() {
    let input = "<i>x</i>".repeat(MAX_NODES);
    let out = render(&input, |host| host.inner_html()).await;
    // Every `<i>x</i>` costs two nodes: the element and its text.
    assert_eq!(out, "<i>x</i>".repeat(MAX_NODES / 2));

    let long_text = "word ".repeat(200_000);
    let out = render(&format!("<p>{long_text}</p>"), |host| host.inner_html()).await;
    assert_eq!(out, format!("<p>{long_text}</p>"));
}
