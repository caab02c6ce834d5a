//! The embed forms on real host pages: script tag + placeholder, several widgets, the
//! custom element, the JS API, mount points added and removed later, lazy mounting, and
//! a host page left exactly as it was (DOM and globals).

use news_widget_e2e::hostile::ok_title;
use news_widget_e2e::{wait_for, wait_until, Browser, Harness, PATIENCE};
use serde_json::{json, Value};

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn count_blocks(article: &Value, block_type: &str) -> usize {
    article["body"]
        .as_array()
        .map(|blocks| blocks.iter().filter(|b| b["type"] == block_type).count())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_page_with_one_placeholder_shows_the_article() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let article = h.article(&id).await;
    h.open("plain.html").await;
    let host = "[data-news-widget]";
    let b = &h.browser;

    let headline = b.wait_headline(host).await;
    assert_eq!(headline, article["title"].as_str().unwrap_or_default());

    let root = b.wait_shadow(host, "div.nw-root").await;
    assert_eq!(root.attr("part"), Some("widget"));
    assert!(
        root.attr("lang").is_some_and(|lang| !lang.is_empty()),
        "{root:?}"
    );
    assert!(root.attr("dir").is_some(), "{root:?}");
    let busy = b.wait_shadow(host, "article.nw-article").await;
    assert_ne!(
        busy.attr("aria-busy"),
        Some("true"),
        "loaded article still busy"
    );

    let crumbs: Vec<String> = b
        .shadow_all(host, "nav.nw-breadcrumb ol li")
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|found| found.text)
        .collect();
    assert_eq!(crumbs, strings(&article["section"]), "breadcrumb");

    let source = b.shadow_first(host, ".nw-source").await;
    let source_name = article["source"]["name"]
        .as_str()
        .expect("demo article has a source");
    assert_eq!(source.map(|s| s.text), Some(source_name.to_string()));

    if let Some(byline) = article["byline"].as_str() {
        let shown = b.shadow_first(host, ".nw-byline").await.map(|s| s.text);
        assert_eq!(shown.as_deref(), Some(byline), "byline");
    }

    let published = article["published_at"]
        .as_str()
        .expect("demo article has published_at");
    let time = b
        .shadow_first(host, ".nw-published time[datetime]")
        .await
        .expect("a <time datetime> inside .nw-published");
    let same_instant = b
        .execute(
            "return Date.parse(arguments[0]) === Date.parse(arguments[1]);",
            vec![json!(time.attr("datetime")), json!(published)],
        )
        .await;
    assert_eq!(
        same_instant,
        json!(true),
        "datetime {time:?} vs {published}"
    );
    assert!(!time.text.is_empty(), "the absolute date is shown");

    let image = &article["image"];
    let lead = b
        .shadow_first(host, "figure.nw-lead img")
        .await
        .expect("a lead image");
    assert_eq!(
        lead.attr("width"),
        Some(image["width"].to_string().as_str())
    );
    assert_eq!(
        lead.attr("height"),
        Some(image["height"].to_string().as_str())
    );
    assert_eq!(lead.attr("loading"), Some("lazy"));
    assert_eq!(lead.attr("src"), image["url"].as_str());
    assert_eq!(lead.attr("alt"), image["alt"].as_str());

    if let Some(dateline) = article["dateline"].as_str() {
        let first = b
            .shadow_first(host, ".nw-body p.nw-paragraph .nw-dateline")
            .await
            .expect("the dateline opens the first paragraph");
        assert!(first.text.contains(dateline), "{first:?} vs {dateline}");
    }
    assert_eq!(
        b.shadow_count(host, ".nw-body p.nw-paragraph").await,
        count_blocks(&article, "paragraph"),
        "paragraphs"
    );
    assert_eq!(
        b.shadow_count(host, ".nw-body h3.nw-subheading").await,
        count_blocks(&article, "heading"),
        "sub-headings"
    );
    assert_eq!(
        b.shadow_count(host, ".nw-body figure.nw-quote blockquote")
            .await,
        count_blocks(&article, "quote"),
        "quotes"
    );
    assert!(
        count_blocks(&article, "quote") > 0,
        "demo article has a quote"
    );

    let problems: Vec<_> = b
        .console()
        .await
        .into_iter()
        .filter(|entry| entry.level == "SEVERE" || entry.level == "WARNING")
        .collect();
    assert!(
        problems.is_empty(),
        "console errors/warnings on a healthy page: {problems:?}"
    );
    h.finish().await;
}

const TRANSFERS_JS: &str = r#"
return performance.getEntriesByType("resource")
  .filter((entry) => /\/news-widget(-runtime)?(_bg)?\.(js|wasm)(\?|$)/.test(entry.name))
  .map((entry) => ({ url: entry.name, transferSize: entry.transferSize }));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runtime_is_cached_under_its_version_and_only_the_loader_is_revalidated() {
    let h = Harness::start().await;
    h.open("plain.html").await;
    let b = &h.browser;
    b.wait_headline("[data-news-widget]").await;
    let first = b.execute(TRANSFERS_JS, vec![]).await;
    let urls: Vec<&str> = first
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["url"].as_str())
        .collect();
    // Both runtime files under one version: 16 hex digits of a hash of their bytes.
    let versions: Vec<&str> = urls
        .iter()
        .filter(|url| url.contains("news-widget-runtime"))
        .filter_map(|url| url.split_once("?v=").map(|(_, version)| version))
        .collect();
    assert_eq!(versions.len(), 2, "runtime requests: {urls:?}");
    assert!(
        versions[0] == versions[1]
            && versions[0].len() == 16
            && versions[0].bytes().all(|c| c.is_ascii_hexdigit()),
        "versions {versions:?}"
    );

    // The next page of the site: the runtime comes from the browser's cache without a
    // request (transferSize 0); the loader, whose name never changes, is revalidated.
    h.open("two-widgets.html").await;
    b.wait_headline("#first").await;
    let second = b.execute(TRANSFERS_JS, vec![]).await;
    let entries = second.as_array().cloned().unwrap_or_default();
    let size = |name: &str| {
        entries
            .iter()
            .find(|entry| entry["url"].as_str().is_some_and(|url| url.contains(name)))
            .and_then(|entry| entry["transferSize"].as_f64())
    };
    assert_eq!(
        size("news-widget-runtime.js?v="),
        Some(0.0),
        "glue: {second}"
    );
    assert_eq!(
        size("news-widget-runtime_bg.wasm?v="),
        Some(0.0),
        "wasm: {second}"
    );
    assert!(
        size("/news-widget.js").is_some_and(|bytes| bytes > 0.0),
        "loader revalidated: {second}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bundle_works_from_a_sub_folder() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(1)).await;
    h.open("vendored.html").await;
    assert_eq!(h.browser.wait_headline("#widget").await, title);
    let wasm = h.browser.resources(".wasm").await;
    assert!(
        !wasm.is_empty() && wasm.iter().all(|url| url.contains("/vendor/news-widget/")),
        "the runtime must load next to news-widget.js: {wasm:?}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_widgets_on_one_page_show_their_own_articles() {
    let h = Harness::start().await;
    let (first_id, second_id) = (h.article_id(0).to_string(), h.article_id(1).to_string());
    let (first_title, second_title) = (h.title(&first_id).await, h.title(&second_id).await);
    assert_ne!(first_title, second_title, "fixture: two different articles");
    h.open("two-widgets.html").await;
    let b = &h.browser;

    b.wait_headline_is("#first", &first_title).await;
    b.wait_headline_is("#second", &second_title).await;

    for (target, id) in [("first", &first_id), ("second", &second_id)] {
        let ready = b.wait_event("ready", target).await;
        assert_eq!(ready["detail"]["article"], json!(id), "{ready}");
        assert_eq!(ready["detail"]["parts"], json!(["article"]), "{ready}");
        assert_eq!(ready["bubbles"], json!(true), "{ready}");
        assert_eq!(ready["composed"], json!(true), "{ready}");
    }
    let readies = b
        .events()
        .await
        .into_iter()
        .filter(|event| event["type"] == "news-widget:ready")
        .count();
    assert_eq!(readies, 2, "one ready event per widget");
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_element_renders_and_follows_its_attributes() {
    let h = Harness::start().await;
    let id = h.article_id(2).to_string();
    let other = h.article_id(3).to_string();
    let (title, other_title) = (h.title(&id).await, h.title(&other).await);
    h.open("custom-element.html").await;
    let b = &h.browser;

    b.wait_headline_is("#element", &title).await;
    let ready = b.wait_event("ready", "element").await;
    assert_eq!(ready["detail"]["article"], json!(id));

    b.execute(
        "document.getElementById('element').setAttribute('article', arguments[0]);",
        vec![json!(other)],
    )
    .await;
    b.wait_headline_is("#element", &other_title).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

const MOUNT_JS: &str = r#"
const [slot, options, name] = arguments;
const done = arguments[arguments.length - 1];
window.NewsWidget.mount(document.getElementById(slot), options).then(
  (handle) => { window[name] = handle; done({ ok: true, methods: Object.keys(handle) }); },
  (error) => done({ ok: false, error: String(error) }),
);
"#;

/// `NewsWidget.mount(#slot, options)`, the handle kept as `window[name]`; returns
/// `{ok: true, methods}` or `{ok: false, error}`.
async fn mount_script(b: &Browser, slot: &str, options: Value, name: &str) -> Value {
    b.execute_async(MOUNT_JS, vec![json!(slot), options, json!(name)])
        .await
}

/// Barrier: mounts an `article` widget into `#slot` (handle kept as `window[name]`) and
/// waits for its `title`, so the page had every chance to act; then asserts that nothing
/// has requested the article `stray` (a widget that should be gone).
async fn barrier_then_no_request_for(
    b: &Browser,
    (slot, name): (&str, &str),
    (article, title): (&str, &str),
    stray: &str,
) {
    let mounted = mount_script(
        b,
        slot,
        json!({ "endpoint": "/api/v1", "article": article, "parts": "article", "lazy": false }),
        name,
    )
    .await;
    assert_eq!(mounted["ok"], json!(true), "mount: {mounted}");
    b.wait_headline_is(&format!("#{slot}"), title).await;
    let requested = b.resources(&format!("/articles/{stray}")).await;
    assert!(
        requested.is_empty(),
        "a widget that is gone requested {requested:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_api_mounts_updates_and_destroys() {
    let h = Harness::start().await;
    let ids: Vec<String> = (0..4).map(|i| h.article_id(i).to_string()).collect();
    let first_title = h.title(&ids[0]).await;
    let second_title = h.title(&ids[1]).await;
    let fourth_title = h.title(&ids[3]).await;
    h.open("js-api.html").await;
    let b = &h.browser;
    b.wait_api_ready().await;

    let mounted = mount_script(
        b,
        "slot-one",
        json!({ "endpoint": "/api/v1", "article": ids[0], "parts": "article" }),
        "__first",
    )
    .await;
    assert_eq!(mounted["ok"], json!(true), "mount: {mounted}");
    b.wait_headline_is("#slot-one", &first_title).await;

    // update() merges: only the article changes, the endpoint stays.
    b.execute(
        "window.__first.update({ article: arguments[0] });",
        vec![json!(ids[1])],
    )
    .await;
    b.wait_headline_is("#slot-one", &second_title).await;

    b.execute("window.__first.destroy();", vec![]).await;
    wait_for(
        "the destroyed widget's shadow root to be empty",
        PATIENCE,
        async || {
            let left = b
                .execute(
                    "const root = document.getElementById('slot-one').shadowRoot;\
                 return root ? root.childNodes.length : 0;",
                    vec![],
                )
                .await;
            if left == json!(0) {
                Ok(())
            } else {
                Err(b.widget_state("#slot-one").await)
            }
        },
    )
    .await;

    // A destroyed handle must not fetch anything any more.
    b.execute(
        "window.__first.update({ article: arguments[0] });",
        vec![json!(ids[2])],
    )
    .await;
    barrier_then_no_request_for(
        b,
        ("slot-two", "__second"),
        (&ids[3], &fourth_title),
        &ids[2],
    )
    .await;
    assert_eq!(
        b.shadow_count("#slot-one", "*").await,
        0,
        "destroyed widget came back"
    );

    // Mounting again on the same element replaces the widget; the old handle's destroy()
    // then leaves the new widget alone.
    let third = mount_script(
        b,
        "slot-two",
        json!({ "endpoint": "/api/v1", "article": ids[0], "parts": "article", "lazy": false }),
        "__third",
    )
    .await;
    assert_eq!(third["ok"], json!(true), "mount: {third}");
    b.wait_headline_is("#slot-two", &first_title).await;
    b.execute("window.__second.destroy();", vec![]).await;
    b.execute(
        "window.__third.update({ article: arguments[0] });",
        vec![json!(ids[1])],
    )
    .await;
    b.wait_headline_is("#slot-two", &second_title).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_api_takes_url_objects_and_refuses_array_items_that_are_not_names() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let title = h.title(&id).await;
    h.open("js-api.html").await;
    let b = &h.browser;
    b.wait_api_ready().await;
    let mounted = b
        .execute_async(
            "const [article] = arguments;\
             const done = arguments[arguments.length - 1];\
             const slot = (id) => document.getElementById(id);\
             Promise.all([\
               NewsWidget.mount(slot('slot-one'), { endpoint: new URL('/api/v1', location.href),\
                   article, parts: ['article'], lazy: false }),\
               NewsWidget.mount(slot('slot-two'), { endpoint: '/api/v1', article,\
                   parts: ['article', 5], lazy: false }),\
               NewsWidget.mount(slot('slot-three'), { endpoint: '/api/v1', article,\
                   parts: 'article', lang: ['pt'], lazy: false }),\
             ]).then(() => done('resolved'), (error) => done('rejected: ' + error));",
            vec![json!(id)],
        )
        .await;
    assert_eq!(mounted, json!("resolved"));
    // `new URL(...)` is as good as its href (was: "[object]", a configuration error).
    b.wait_headline_is("#slot-one", &title).await;
    // Items that are not names are errors, not silently dropped (was: an article widget).
    let error = b.wait_shadow("#slot-two", ".nw-config-error").await;
    assert!(error.text.contains("\"5\""), "names the item: {error:?}");
    assert_eq!(b.shadow_count("#slot-two", "h2.nw-headline").await, 0);
    // Arrays are for `parts` and `lists` only (was: `lang: ['pt']` taken as "pt").
    let error = b.wait_shadow("#slot-three", ".nw-config-error").await;
    assert!(error.text.contains("lang"), "names the option: {error:?}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

const ADD_PLACEHOLDER_JS: &str = r#"
const [id, article] = arguments;
const element = document.createElement("div");
element.id = id;
element.setAttribute("data-news-widget", "");
element.dataset.endpoint = "/api/v1";
element.dataset.article = article;
element.dataset.parts = "article";
document.getElementById("app").append(element);
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mount_points_added_later_are_picked_up_and_removed_ones_torn_down() {
    let h = Harness::start().await;
    let ids: Vec<String> = (0..3).map(|i| h.article_id(i).to_string()).collect();
    let titles = [
        h.title(&ids[0]).await,
        h.title(&ids[1]).await,
        h.title(&ids[2]).await,
    ];
    h.open("dynamic.html").await;
    let b = &h.browser;

    b.execute(ADD_PLACEHOLDER_JS, vec![json!("added"), json!(ids[0])])
        .await;
    b.wait_headline_is("#added", &titles[0]).await;

    // Nested inside a larger fragment, as a framework would insert it. Not lazy: the
    // article above is taller than a viewport, and laziness has its own tests.
    b.execute(
        "const section = document.createElement('section');\
         section.innerHTML = '<h2>Related</h2><div><div id=\"nested\" data-news-widget \
           data-endpoint=\"/api/v1\" data-parts=\"article\" data-lazy=\"false\"></div></div>';\
         section.querySelector('#nested').dataset.article = arguments[0];\
         document.getElementById('app').append(section);",
        vec![json!(ids[1])],
    )
    .await;
    b.wait_headline_is("#nested", &titles[1]).await;

    // The custom element created from script.
    b.execute(
        "const element = document.createElement('news-widget');\
         element.id = 'element';\
         element.setAttribute('endpoint', '/api/v1');\
         element.setAttribute('article', arguments[0]);\
         element.setAttribute('parts', 'article');\
         element.setAttribute('lazy', 'false');\
         document.getElementById('app').append(element);",
        vec![json!(ids[2])],
    )
    .await;
    b.wait_headline_is("#element", &titles[2]).await;

    b.execute(
        "window.__removed = {};\
         for (const id of ['added', 'element']) {\
           window.__removed[id] = document.getElementById(id);\
           window.__removed[id].remove();\
         }",
        vec![],
    )
    .await;
    wait_for("removed widgets to be torn down", PATIENCE, async || {
        let left = b
            .execute(
                "return Object.fromEntries(Object.entries(window.__removed).map(([id, el]) =>\
                   [id, el.shadowRoot ? el.shadowRoot.childNodes.length : 0]));",
                vec![],
            )
            .await;
        if left == json!({ "added": 0, "element": 0 }) {
            Ok(())
        } else {
            Err(format!("shadow children left: {left}"))
        }
    })
    .await;
    // The widget that stayed keeps working.
    b.wait_headline_is("#nested", &titles[1]).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

const NEXT_FRAMES_JS: &str = r#"
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 0)));
"#;

/// Fails if the widget in `host` has rendered anything yet.
async fn assert_not_rendered(b: &Browser, host: &str) {
    assert_eq!(
        b.shadow_count(host, ".nw-root").await,
        0,
        "{host} rendered too early"
    );
}

/// Scrolls so that the element `#id` is half a viewport below the bottom edge of the
/// screen: "about one viewport" away, where lazy widgets load.
async fn scroll_within_a_viewport(b: &Browser, id: &str) {
    b.execute(
        "const element = document.getElementById(arguments[0]);\
         window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 1.5 * window.innerHeight);",
        vec![json!(id)],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_far_below_the_fold_loads_only_when_scrolled_near() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(0)).await;
    h.open("lazy.html").await;
    let b = &h.browser;

    // The widget above the fold renders: the loader ran and the runtime is loaded.
    b.wait_headline_is("#above", &title).await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    assert!(
        h.hostile.requests_containing("far-below").is_empty(),
        "the widget 5 viewports down fetched its article before being scrolled near"
    );
    assert_not_rendered(b, "#below").await;

    // Half a viewport below the bottom edge of the screen: "about one viewport".
    scroll_within_a_viewport(b, "below").await;
    b.wait_headline_is("#below", &ok_title("far-below")).await;
    assert_eq!(
        h.hostile
            .requests_containing("/ok/articles/far-below")
            .len(),
        1,
        "exactly one request once near"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runtime_is_not_fetched_while_no_widget_is_near() {
    let h = Harness::start().await;
    h.open("lazy-only.html").await;
    let b = &h.browser;
    wait_until("window.NewsWidget", PATIENCE, async || {
        b.execute("return typeof window.NewsWidget === 'object';", vec![])
            .await
            == json!(true)
    })
    .await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    let wasm = b.resources(".wasm").await;
    assert!(
        wasm.is_empty(),
        "wasm fetched with no widget near the screen: {wasm:?}"
    );
    assert!(h.hostile.requests_containing("only-below").is_empty());

    b.execute(
        "document.getElementById('below').scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await;
    b.wait_headline_is("#below", &ok_title("only-below")).await;
    assert!(
        !b.resources(".wasm").await.is_empty(),
        "the runtime loaded once needed"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn host_page_keeps_its_dom_and_gets_only_one_global() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(0)).await;
    h.open("globals.html").await;
    let b = &h.browser;
    b.wait_headline_is("#widget", &title).await;

    let added = b
        .execute(
            "const before = new Set(window.__globalsBefore);\
             return Object.getOwnPropertyNames(window).filter((name) => !before.has(name));",
            vec![],
        )
        .await;
    // `ret_nodes` is chromedriver's: it appears after any WebDriver "execute script",
    // on pages without the widget too.
    let added: Vec<Value> = added
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|name| name != "ret_nodes")
        .collect();
    assert_eq!(
        added,
        vec![json!("NewsWidget")],
        "globals added by the widget"
    );
    let api = b
        .execute(
            "return { type: typeof NewsWidget.mount, writable: Object.getOwnPropertyDescriptor(window, 'NewsWidget').writable };",
            vec![],
        )
        .await;
    assert_eq!(api["type"], json!("function"), "{api}");

    let unchanged = b
        .execute(
            "const before = window.__hostSnapshot;\
             const now = {\
               main: document.getElementById('host').outerHTML,\
               head: document.head.innerHTML,\
               htmlAttributes: Array.from(document.documentElement.attributes, (a) => a.name + '=' + a.value),\
               bodyAttributes: Array.from(document.body.attributes, (a) => a.name + '=' + a.value),\
               title: document.title,\
               styleSheets: document.styleSheets.length,\
               adoptedStyleSheets: document.adoptedStyleSheets.length,\
             };\
             return Object.keys(now).filter((key) => JSON.stringify(now[key]) !== JSON.stringify(before[key]))\
               .map((key) => ({ key, before: before[key], now: now[key] }));",
            vec![],
        )
        .await;
    assert_eq!(unchanged, json!([]), "host page parts the widget changed");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_that_arrive_before_the_runtime_render_at_once_and_fail_the_same_way() {
    // The loader starts each article request while the runtime downloads and buffers the
    // answer; a runtime arriving later (here 600 ms late) renders that answer in its first
    // frame: no skeleton, no second request, and every failure still classified.
    let h = Harness::start().await;
    h.open("slow-runtime.html").await;
    let b = &h.browser;

    b.wait_headline_is("#early", &ok_title("early-bird")).await;
    assert_eq!(
        h.hostile
            .requests_containing("/ok/articles/early-bird")
            .len(),
        1,
        "the buffered answer is used, not fetched again"
    );
    for (host, kind) in [
        ("#failing", "http"),
        ("#garbled", "not_json"),
        ("#huge", "too_large"),
    ] {
        let error = b.wait_error(host).await;
        assert_eq!(
            error.attr("data-error-kind"),
            Some(kind),
            "{host}: {error:?}"
        );
    }
    // All parts: the loader's predictions of the rating and first-page URLs match the
    // runtime's, so each resource is requested once (a mismatch would add a second).
    let article = h.article_id(0).to_owned();
    b.wait_headline_is("#all", &h.title(&article).await).await;
    b.wait_shadow("#all", ".nw-card .nw-card-title").await;
    b.wait_shadow("#all", "button.nw-rating-button").await;
    let article_url = format!("/api/v1/articles/{article}");
    let requested = |needle: &str| {
        let needle = needle.to_owned();
        async move { b.resources(&needle).await }
    };
    let articles: Vec<String> = requested(&article_url)
        .await
        .into_iter()
        .filter(|url| url.ends_with(&article_url))
        .collect();
    assert_eq!(articles.len(), 1, "{articles:?}");
    let ratings = requested(&format!("{article_url}/rating?voter=")).await;
    assert_eq!(ratings.len(), 1, "{ratings:?}");
    let pages = requested(&format!("{article_url}/recommendations?")).await;
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages[0].contains("list=popular&limit=12"), "{pages:?}");

    let seen = b.execute("return window.__skeletonSeen;", vec![]).await;
    assert!(
        !strings(&seen)
            .iter()
            .any(|id| id == "early" || id == "garbled"),
        "a skeleton was shown although the answer was already here: {seen}"
    );
    // An early 5xx keeps its background retries (the first after one second).
    wait_until(
        "a background retry of the early 500",
        PATIENCE,
        async || h.hostile.requests_containing("/articles/early-500").len() >= 2,
    )
    .await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destroyed_widgets_leave_nothing_behind() {
    // A single-page app mounts and destroys widgets on every route change. Each destroyed
    // widget must free its elements: nothing of it (its listeners, its state in the wasm)
    // may keep them alive. WeakRefs see whether they were collected.
    let h = Harness::start().await;
    let article = h.article_id(0).to_string();
    h.open("js-api.html").await;
    let b = &h.browser;
    b.wait_api_ready().await;
    let cycled = b
        .execute_async(
            "const [article, done] = [arguments[0], arguments[arguments.length - 1]];\
             (async () => {\
               window.__gone = [];\
               for (let i = 0; i < 20; i += 1) {\
                 const slot = document.createElement('div');\
                 document.body.append(slot);\
                 const handle = await NewsWidget.mount(slot, { endpoint: '/api/v1', article, parts: 'rating', lazy: false });\
                 for (let t = 0; t < 200 && !slot.shadowRoot.querySelector('.nw-rating-button'); t += 1) {\
                   await new Promise((r) => setTimeout(r, 25));\
                 }\
                 const mount = slot.shadowRoot.querySelector('.nw-mount');\
                 if (!mount || !slot.shadowRoot.querySelector('.nw-rating-button')) return done({ ok: false, i });\
                 window.__gone.push(new WeakRef(mount), new WeakRef(slot));\
                 handle.destroy();\
                 slot.remove();\
               }\
               done({ ok: true });\
             })().catch((error) => done({ ok: false, error: String(error) }));",
            vec![json!(article)],
        )
        .await;
    assert_eq!(cycled["ok"], json!(true), "mount/destroy cycles: {cycled}");
    // Collected only after the current task: collect, then look in a later script.
    b.cdp("HeapProfiler.enable", json!({})).await;
    for _ in 0..2 {
        b.cdp("HeapProfiler.collectGarbage", json!({})).await;
        b.execute("return 0;", vec![]).await;
    }
    let alive = b
        .execute(
            "return window.__gone.filter((ref) => ref.deref() !== undefined).length;",
            vec![],
        )
        .await;
    assert_eq!(
        alive,
        json!(0),
        "elements of destroyed widgets still alive (of 40)"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_mount_takes_over_a_declared_widget_whose_attributes_then_do_nothing() {
    let h = Harness::start().await;
    let ids: Vec<String> = (0..4).map(|i| h.article_id(i).to_string()).collect();
    let (first, second, fourth) = (
        h.title(&ids[0]).await,
        h.title(&ids[1]).await,
        h.title(&ids[3]).await,
    );
    h.open("takeover.html").await;
    let b = &h.browser;
    b.wait_headline_is("#element", &first).await;
    b.wait_headline_is("#placeholder", &first).await;

    // NewsWidget.mount() on a <news-widget> and on a [data-news-widget] placeholder: one
    // widget per element, the script's.
    for (slot, name) in [("element", "__element"), ("placeholder", "__placeholder")] {
        let mounted = mount_script(
            b,
            slot,
            json!({ "endpoint": "/api/v1", "article": ids[1], "parts": "article", "lazy": false }),
            name,
        )
        .await;
        assert_eq!(mounted["ok"], json!(true), "{slot}: {mounted}");
        b.wait_headline_is(&format!("#{slot}"), &second).await;
    }

    // Their own attributes drive nothing any more (before: a widget out of sight fetched
    // and announced every change); the script's handles still do.
    b.execute(
        "document.getElementById('element').setAttribute('article', arguments[0]);\
         document.getElementById('placeholder').dataset.article = arguments[0];",
        vec![json!(ids[2])],
    )
    .await;
    b.execute(
        "window.__element.update({ article: arguments[0] });\
         window.__placeholder.update({ article: arguments[0] });",
        vec![json!(ids[3])],
    )
    .await;
    b.wait_headline_is("#element", &fourth).await;
    b.wait_headline_is("#placeholder", &fourth).await;

    // Destroyed by its handle, the element stays empty whatever its attributes say.
    b.execute(
        "window.__element.destroy();\
         document.getElementById('element').setAttribute('article', arguments[0]);",
        vec![json!(ids[2])],
    )
    .await;
    barrier_then_no_request_for(b, ("app", "__app"), (&ids[0], &first), &ids[2]).await;
    let announced: Vec<Value> = b
        .events()
        .await
        .into_iter()
        .filter(|event| {
            event["type"] == "news-widget:ready" && event["detail"]["article"] == json!(ids[2])
        })
        .collect();
    assert!(
        announced.is_empty(),
        "a replaced widget announced {announced:?}"
    );
    assert_eq!(
        b.shadow_count("#element", "*").await,
        0,
        "{}",
        b.widget_state("#element").await
    );
    assert_eq!(b.shadow_count("#placeholder", ".nw-root").await, 1);
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mount_on_an_element_that_cannot_hold_a_shadow_root_rejects_and_says_so_once() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    h.open("takeover.html").await;
    let b = &h.browser;
    b.wait_headline("#element").await;
    let mounted = mount_script(
        b,
        "image",
        json!({ "endpoint": "/api/v1", "article": id, "lazy": false }),
        "__image",
    )
    .await;
    assert_eq!(mounted["ok"], json!(false), "mount on <img>: {mounted}");
    assert!(
        mounted["error"]
            .as_str()
            .is_some_and(|error| error.contains("<img>")),
        "{mounted}"
    );
    let event = b.wait_event("error", "image").await;
    assert_eq!(event["detail"]["kind"], json!("config"), "{event}");
    let warnings = b.console_warnings_containing("news-widget").await;
    assert_eq!(warnings.len(), 1, "one console warning: {warnings:?}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// Mounts (lazily, the default) a widget on an element not yet in the page, then inserts
/// the element below a 6,000 px spacer.
const DETACHED_MOUNT_JS: &str = r#"
const [options] = arguments;
const done = arguments[arguments.length - 1];
const spacer = document.createElement("div");
spacer.style.height = "6000px";
document.body.append(spacer);
const late = document.createElement("div");
late.id = "late";
window.NewsWidget.mount(late, options).then(
  (handle) => { window.__late = handle; document.body.append(late); done({ ok: true }); },
  (error) => done({ ok: false, error: String(error) }),
);
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lazy_script_mount_made_before_insertion_waits_until_the_element_is_near() {
    let h = Harness::start().await;
    let id = h.article_id(1).to_string();
    let title = h.title(&id).await;
    h.open("js-api.html").await;
    let b = &h.browser;
    b.wait_api_ready().await;
    let mounted = b
        .execute_async(
            DETACHED_MOUNT_JS,
            vec![json!({ "endpoint": "/api/v1", "article": id, "parts": "article" })],
        )
        .await;
    assert_eq!(mounted["ok"], json!(true), "mount: {mounted}");
    for _ in 0..3 {
        b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    }
    let early = b.resources("news-widget-runtime").await;
    assert!(
        early.is_empty() && b.resources(&format!("/articles/{id}")).await.is_empty(),
        "a widget 6,000 px down loaded at once (its empty box while detached read as on screen): {early:?}"
    );
    assert_not_rendered(b, "#late").await;

    scroll_within_a_viewport(b, "late").await;
    b.wait_headline_is("#late", &title).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printing_loads_lazy_widgets_and_prints_none_as_a_grey_box() {
    let h = Harness::start().await;
    let title = h.title(h.article_id(0)).await;
    h.open("lazy.html").await;
    let b = &h.browser;
    b.wait_headline_is("#above", &title).await;
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await;
    let height = b
        .execute(
            "return document.getElementById('below').getBoundingClientRect().height;",
            vec![],
        )
        .await;
    assert_eq!(
        height.as_f64(),
        Some(0.0),
        "on paper a widget not rendered yet takes no room (no grey skeleton box)"
    );
    b.execute("window.dispatchEvent(new Event('beforeprint'));", vec![])
        .await;
    b.wait_headline_is("#below", &ok_title("far-below")).await;
    h.finish().await;
}

/// A page in the loader's way: an element with id="NewsWidget" (reachable as
/// `window.NewsWidget`), a replaced `window.Promise` and a registry that refuses
/// `<news-widget>`. Before: the id switched the whole loader off; the replaced Promise made
/// every first request go out twice; the refused name threw into the page and stopped the
/// placeholders too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn globals_in_the_loaders_way_neither_stop_it_nor_double_its_requests() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let title = h.title(&id).await;
    h.open("hostile-globals.html").await;
    let b = &h.browser;
    b.wait_headline_is("#widget", &title).await;
    b.wait_event("ready", "widget").await;
    let api = b
        .execute("return typeof window.NewsWidget.mount;", vec![])
        .await;
    assert_eq!(
        api,
        json!("function"),
        "the JS API is installed over the element's name"
    );
    for url in [
        format!("/articles/{id}"),
        format!("/articles/{id}/rating"),
        format!("/articles/{id}/recommendations"),
    ] {
        let sent: Vec<String> = b
            .resources(&url)
            .await
            .into_iter()
            .filter(|sent| sent.ends_with(&url) || sent.contains(&format!("{url}?")))
            .collect();
        assert_eq!(sent.len(), 1, "{url} requested once: {sent:?}");
    }
    let warnings = b
        .console_warnings_containing("news-widget: cannot define")
        .await;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// Many widgets ready at once render one per task, so the host page gets a turn between
/// them (was: all first renders in one task, a 200 ms long task with a hundred widgets).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_widgets_take_turns_to_render() {
    let h = Harness::start().await;
    h.open("many-turns.html").await;
    let b = &h.browser;
    let tasks = wait_for("every widget to render", PATIENCE, async || {
        let found = b.execute("return window.__firstContent;", vec![]).await;
        match found.as_object() {
            Some(map) if map.len() == 12 => Ok(map.values().cloned().collect::<Vec<_>>()),
            _ => Err(format!("{found}")),
        }
    })
    .await;
    let mut distinct: Vec<u64> = tasks.iter().filter_map(Value::as_u64).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 12, "first renders per task: {tasks:?}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// The head stylesheet does not reach into another component's shadow root; linked in that
/// shadow root too (as the README says), it reserves the widget's space there as well.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_head_stylesheet_linked_in_a_components_shadow_root_reserves_the_space() {
    let h = Harness::start().await;
    h.open("shadow-reserve.html").await;
    let b = &h.browser;
    let reserved = wait_for("the stylesheet in the shadow root", PATIENCE, async || {
        let sizes = b
            .execute(
                "const inner = (id) => document.getElementById(id).shadowRoot.getElementById('inner');\
                 const loaded = !!document.getElementById('linked').shadowRoot.querySelector('link').sheet;\
                 return [loaded, getComputedStyle(inner('linked')).minHeight, getComputedStyle(inner('unlinked')).minHeight];",
                vec![],
            )
            .await;
        if sizes[0] == json!(true) { Ok(sizes) } else { Err(format!("{sizes}")) }
    })
    .await;
    assert_eq!(reserved, json!([true, "72px", "0px"]), "{reserved}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// While Hotwire Turbo shows its cached preview of a page (`<html data-turbo-preview>`),
/// widgets wait instead of fetching everything for a copy about to be replaced (real
/// Turbo: every request made twice); once the mark goes, they load.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widgets_in_a_turbo_preview_wait_for_the_page() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let title = h.title(&id).await;
    h.open("turbo-preview.html").await;
    let b = &h.browser;
    let requests = "return performance.getEntriesByType('resource')\
                    .map((entry) => new URL(entry.name).pathname)\
                    .filter((path) => path.includes('/api/') || path.includes('runtime'));";
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        b.execute(requests, vec![]).await,
        json!([]),
        "during the preview"
    );
    b.execute(
        "document.documentElement.removeAttribute('data-turbo-preview');",
        vec![],
    )
    .await;
    b.wait_headline_is("#widget", &title).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// A widget placed as a flex item without a set width (a sidebar) is as wide as its
/// content, not collapsed (a size container inside the carousel made it 32 px wide, its
/// cards spilling out).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_widget_sized_by_its_content_is_not_collapsed() {
    let h = Harness::start().await;
    h.open("flex-host.html").await;
    let b = &h.browser;
    b.wait_shadow("#carousel", ".nw-card .nw-card-title").await;
    let width = b
        .execute(
            "return document.getElementById('carousel').getBoundingClientRect().width;",
            vec![],
        )
        .await;
    assert!(width.as_f64().unwrap_or(0.0) >= 200.0, "{width}");
    h.assert_no_page_errors().await;
    h.finish().await;
}
