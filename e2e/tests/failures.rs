//! Everything that can go wrong, seen from the host page: a wrong endpoint, the API going
//! down and coming back, invalid configuration, and an endpoint serving hostile data.
//! Each failure must be visible in the widget (with Retry), reported as an event, and
//! must never touch the host page or the other widgets.

use std::time::Duration;

use fantoccini::key::Key;
use news_widget_e2e::hostile::{
    forward_compatible_title, ok_title, MARKUP_TITLE, STATUS_404_MESSAGE, STATUS_500_MESSAGE,
};
use news_widget_e2e::{wait_for, wait_until, Harness, Options, HOSTILE_KINDS, PATIENCE};
use serde_json::{json, Value};

/// Asserts the error state in `host` has a Retry button whose accessible name is "Retry".
async fn assert_retry_button(h: &Harness, host: &str) {
    let button = h
        .browser
        .shadow_first(host, ".nw-error button.nw-retry")
        .await
        .unwrap_or_else(|| panic!("no Retry button in {host}"));
    assert_eq!(button.text, "Retry", "{host}");
    assert_eq!(
        h.browser
            .accessible_name(host, "button.nw-retry")
            .await
            .as_deref(),
        Ok("Retry"),
        "accessible name of {host}'s Retry button"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_endpoint_shows_an_error_with_retry_and_leaves_the_host_alone() {
    let h = Harness::start().await;
    h.open("wrong-endpoint.html").await;
    let b = &h.browser;

    let error = b.wait_error("#widget").await;
    assert_eq!(error.attr("data-error-kind"), Some("network"), "{error:?}");
    assert!(
        b.shadow_first("#widget", ".nw-error-title")
            .await
            .is_some_and(|title| !title.text.is_empty()),
        "the error says what failed"
    );
    assert_retry_button(&h, "#widget").await;

    let event = b.wait_event("error", "widget").await;
    assert_eq!(event["detail"]["kind"], json!("network"), "{event}");
    assert!(
        event["detail"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{event}"
    );
    assert_eq!(event["bubbles"], json!(true));
    assert_eq!(event["composed"], json!(true));

    let host_changed = b
        .execute(
            "return document.getElementById('host').outerHTML === window.__hostSnapshot.main;",
            vec![],
        )
        .await;
    assert_eq!(host_changed, json!(true), "the host page's own DOM changed");
    let host_text = b
        .client()
        .find(fantoccini::Locator::Css("#host-text"))
        .await
        .expect("host paragraph");
    assert!(
        host_text.is_displayed().await.unwrap_or(false),
        "host text hidden"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_down_then_back_up_recovers_through_retry() {
    let mut h = Harness::start_with(Options { separate_api: true }).await;
    let id = h.article_id(0).to_string();
    let title = h.title(&id).await;
    h.api_mut().stop().await;
    h.open("server-down.html").await;

    let error = h.browser.wait_error("#widget").await;
    assert_eq!(error.attr("data-error-kind"), Some("network"), "{error:?}");
    assert_retry_button(&h, "#widget").await;
    let event = h.browser.wait_event("error", "widget").await;
    assert_eq!(event["detail"]["kind"], json!("network"), "{event}");

    // Let the background retries (1 s, 2 s, 4 s) run out while the API is down, so the
    // recovery below is the Retry button's doing. The widget shows a "retrying" note
    // while one is scheduled.
    wait_until(
        "the background retries to give up",
        Duration::from_secs(30),
        async || {
            h.browser
                .shadow_count("#widget", ".nw-error-retrying:not([hidden])")
                .await
                == 0
        },
    )
    .await;
    let still_failed = h.browser.wait_error("#widget").await;
    assert_eq!(still_failed.attr("data-error-kind"), Some("network"));
    // One news-widget:error per failed request, alike for every part: the first request
    // and its three background retries (was: one in all for the rating and the carousel).
    for id in ["widget", "rating", "carousel"] {
        wait_for(
            &format!("an error event per failed request of #{id}"),
            Duration::from_secs(30),
            async || {
                let events = h.browser.events().await;
                let kinds: Vec<&Value> = events
                    .iter()
                    .filter(|e| e["type"] == "news-widget:error" && e["target"] == id)
                    .map(|e| &e["detail"]["kind"])
                    .collect();
                if kinds.len() == 4 && kinds.iter().all(|kind| **kind == json!("network")) {
                    Ok(())
                } else {
                    Err(format!("{kinds:?}"))
                }
            },
        )
        .await;
    }

    h.api_mut().restart().await;
    h.browser
        .click_shadow("#widget", "button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("Retry not clickable: {err}"));
    h.browser.wait_headline_is("#widget", &title).await;
    let ready = h.browser.wait_event("ready", "widget").await;
    assert_eq!(ready["detail"]["article"], json!(id));
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_back_up_is_noticed_by_the_background_retry() {
    let mut h = Harness::start_with(Options { separate_api: true }).await;
    let title = h.title(h.article_id(0)).await;
    h.api_mut().stop().await;
    h.open("server-down.html").await;

    let error = h.browser.wait_error("#widget").await;
    assert_eq!(error.attr("data-error-kind"), Some("network"), "{error:?}");
    // The rating and the carousel fail too, each with its own error state, styleable as
    // `::part(error)` / `::part(retry)` like the article's (the rating's was not).
    for host in ["#rating", "#carousel"] {
        let error = h.browser.wait_error(host).await;
        assert_eq!(
            error.attr("data-error-kind"),
            Some("network"),
            "{host}: {error:?}"
        );
        assert_eq!(error.attr("part"), Some("error"), "{host}: {error:?}");
        assert_eq!(
            h.browser.shadow_count(host, "button[part=retry]").await,
            1,
            "{host}"
        );
    }
    h.api_mut().restart().await;
    // No click: retries at 1 s, 2 s and 4 s after the failure, for every part.
    h.browser
        .wait_headline_for("#widget", Duration::from_secs(15))
        .await;
    h.browser.wait_headline_is("#widget", &title).await;
    for (host, content) in [
        ("#rating", ".nw-rating-button"),
        ("#carousel", ".nw-card-title"),
    ] {
        wait_until(
            &format!("{host} to recover without a click"),
            Duration::from_secs(15),
            async || h.browser.shadow_count(host, content).await > 0,
        )
        .await;
        assert_eq!(
            h.browser.shadow_count(host, "[data-error-kind]").await,
            0,
            "{host}"
        );
    }
    h.finish().await;
}

/// The background retries ran out while the reader was offline: when the browser reports
/// the connection back, every part asks again by itself (was: only Retry brought it back).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_that_failed_offline_loads_again_when_the_reader_is_back_online() {
    let mut h = Harness::start_with(Options { separate_api: true }).await;
    let title = h.title(h.article_id(0)).await;
    h.api_mut().stop().await;
    h.open("server-down.html").await;
    for host in ["#widget", "#rating", "#carousel"] {
        h.browser.wait_error(host).await;
    }
    wait_until(
        "the background retries to give up",
        Duration::from_secs(30),
        async || {
            let mut retrying = 0;
            for host in ["#widget", "#rating", "#carousel"] {
                retrying += h
                    .browser
                    .shadow_count(host, ".nw-error-retrying:not([hidden])")
                    .await;
            }
            retrying == 0
        },
    )
    .await;
    h.api_mut().restart().await;
    // The browser's own offline and online (CDP network emulation fires both events).
    let b = &h.browser;
    b.cdp("Network.enable", json!({})).await;
    for offline in [true, false] {
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await;
    }
    b.wait_headline_for("#widget", Duration::from_secs(10))
        .await;
    b.wait_headline_is("#widget", &title).await;
    for (host, content) in [
        ("#rating", ".nw-rating-button"),
        ("#carousel", ".nw-card-title"),
    ] {
        wait_until(
            &format!("{host} to load again without a click"),
            Duration::from_secs(10),
            async || b.shadow_count(host, content).await > 0,
        )
        .await;
        assert_eq!(b.shadow_count(host, "[data-error-kind]").await, 0, "{host}");
    }
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// A request that times out is reported when it fails, once: not again when its
/// background retry starts (was: each retry was reported as failed the moment it was sent,
/// and the last real failure had no event of its own).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_request_is_reported_when_it_fails_not_when_it_is_retried() {
    let h = Harness::start().await;
    h.open("hang.html").await;
    let b = &h.browser;
    let errors = async || {
        b.events()
            .await
            .iter()
            .filter(|e| e["type"] == "news-widget:error" && e["target"] == "widget")
            .count()
    };
    // The first request times out after 2 s; its retry is sent 1 s later and hangs too.
    wait_until(
        "the first background retry to reach the server",
        PATIENCE,
        async || h.hostile.requests_containing("/bad/hang/").len() >= 2,
    )
    .await;
    assert_eq!(errors().await, 1, "one failed request so far");
    wait_until("the retry to time out as well", PATIENCE, async || {
        errors().await == 2
    })
    .await;
    let error = b.wait_error("#widget").await;
    assert_eq!(error.attr("data-error-kind"), Some("timeout"));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_button_fetches_again_after_a_client_error() {
    let h = Harness::start().await;
    h.open("flaky.html").await;
    let b = &h.browser;

    let error = b.wait_error("#widget").await;
    assert_eq!(error.attr("data-error-kind"), Some("http"), "{error:?}");
    assert_eq!(h.hostile.requests_containing("/flaky/").len(), 1);

    h.hostile.heal();
    // By keyboard: focus Retry, press Enter. The button goes away with the error; the
    // focus stays in the widget (on the article), not back at the top of the host page.
    b.find_shadow("#widget", "button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("no Retry: {err}"));
    b.execute(
        "document.getElementById('widget').shadowRoot.querySelector('button.nw-retry').focus();",
        vec![],
    )
    .await;
    b.press(Key::Enter).await;
    b.wait_headline_is("#widget", &ok_title("breaking-1")).await;
    let focused = b.focused().await;
    assert_eq!(
        (focused.host.as_str(), focused.tag.as_str()),
        ("widget", "article"),
        "focus after Retry: {focused:?}"
    );
    // A 404 is not retried in the background: one request, one after the click, which
    // reached the server although the 404 said it could be cached for five minutes (was:
    // answered from the browser's cache, the same error again).
    assert_eq!(h.hostile.requests_containing("/flaky/").len(), 2);
    h.finish().await;
}

/// Widgets of `invalid-config.html` (plus one mounted through the JS API) and the name
/// each must show for the attribute at fault.
const MISCONFIGURED: &[(&str, &str)] = &[
    ("no-endpoint", "data-endpoint"),
    ("unknown-part", "data-parts"),
    ("malformed-endpoint", "data-endpoint"),
    ("element-no-endpoint", "endpoint attribute"),
    ("api-slot", "options.endpoint"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_configuration_is_shown_and_warned_once_per_widget() {
    let h = Harness::start().await;
    let healthy_title = h.title(h.article_id(1)).await;
    h.open("invalid-config.html").await;
    let b = &h.browser;
    b.wait_api_ready().await;
    let mounted = b
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             try {\
               Promise.resolve(window.NewsWidget.mount(document.getElementById('api-slot'),\
                   { article: arguments[0], parts: 'article', lazy: false }))\
                 .then(() => done('resolved'), (error) => done('rejected: ' + error));\
             } catch (error) { done('threw: ' + error); }",
            vec![json!(h.article_id(0))],
        )
        .await;
    assert!(
        !mounted.as_str().unwrap_or_default().starts_with("threw"),
        "NewsWidget.mount threw into the page: {mounted}"
    );

    for (id, attribute) in MISCONFIGURED {
        let host = format!("#{id}");
        let error = b.wait_shadow(&host, ".nw-config-error").await;
        assert_eq!(
            error.attr("data-error-kind"),
            Some("config"),
            "{host}: {error:?}"
        );
        let named: Vec<String> = b
            .shadow_all(&host, ".nw-config-error li code")
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|code| code.text)
            .collect();
        assert!(
            named.iter().any(|name| name == attribute),
            "{host} should name `{attribute}`, names {named:?} ({})",
            error.text
        );
        assert_eq!(b.shadow_count(&host, "h2.nw-headline").await, 0, "{host}");
    }
    let unknown = b
        .shadow_first("#unknown-part", ".nw-config-error")
        .await
        .unwrap_or_default();
    assert!(
        unknown.text.contains("weather"),
        "names the unknown part: {unknown:?}"
    );
    // Shown in the widget's own valid theme and language, though another option is wrong
    // (was: the light theme and the page's language, a white box on a dark page).
    let root = b.wait_shadow("#unknown-part", ".nw-root").await;
    assert!(
        root.attr("class").is_some_and(|c| c.contains("theme-dark")),
        "{root:?}"
    );
    assert_eq!(root.attr("lang"), Some("pt"), "{root:?}");

    // The healthy widget on the same page renders (and its fetch is a barrier for the
    // warnings, which are logged when the configuration is read).
    b.wait_headline_is("#healthy", &healthy_title).await;
    let warnings = b
        .console_warnings_containing("news-widget: invalid configuration")
        .await;
    assert_eq!(
        warnings.len(),
        MISCONFIGURED.len(),
        "one console warning per misconfigured widget: {warnings:#?}"
    );
    let events = b.events().await;
    for (id, _) in MISCONFIGURED {
        let kinds: Vec<_> = events
            .iter()
            .filter(|event| event["type"] == "news-widget:error" && event["target"] == *id)
            .map(|event| event["detail"]["kind"].clone())
            .collect();
        assert_eq!(kinds, vec![json!("config")], "error events of #{id}");
    }
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_answer_has_its_own_error_state_and_healthy_widgets_keep_working() {
    let h = Harness::start().await;
    let healthy_title = h.title(h.article_id(0)).await;
    h.open("hostile-data.html").await;
    let b = &h.browser;

    b.wait_headline_is("#healthy", &healthy_title).await;
    b.wait_headline_is("#healthy-other", &ok_title("fine-1"))
        .await;

    let mut wrong = Vec::new();
    let mut expected = vec![("network".to_string(), "network")];
    expected.extend(
        HOSTILE_KINDS
            .iter()
            .map(|(kind, error_kind)| (format!("bad-{kind}"), *error_kind)),
    );
    for (id, error_kind) in &expected {
        let host = format!("#{id}");
        let error = b.wait_error(&host).await;
        if error.attr("data-error-kind") != Some(error_kind) {
            wrong.push(format!(
                "{host}: expected {error_kind}, shows {:?} ({})",
                error.attr("data-error-kind"),
                error.text
            ));
            continue;
        }
        assert_retry_button(&h, &host).await;
    }
    assert!(
        wrong.is_empty(),
        "wrong error states:\n{}",
        wrong.join("\n")
    );

    let events = b.events().await;
    for (id, error_kind) in &expected {
        let kinds: Vec<_> = events
            .iter()
            .filter(|event| event["type"] == "news-widget:error" && event["target"] == id.as_str())
            .map(|event| event["detail"]["kind"].clone())
            .collect();
        assert!(
            !kinds.is_empty() && kinds.iter().all(|kind| kind == error_kind),
            "error events of #{id}: {kinds:?}, expected {error_kind}"
        );
    }

    // Forward compatibility: unknown block types and fields are skipped, not errors.
    b.wait_headline_is("#unknown-parts", &forward_compatible_title("future-1"))
        .await;
    let paragraphs: Vec<String> = b
        .shadow_all("#unknown-parts", ".nw-body p.nw-paragraph")
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(paragraphs, ["Known paragraph one.", "Known paragraph two."]);
    assert_eq!(
        b.shadow_count("#unknown-parts", ".nw-body h3.nw-subheading")
            .await,
        1
    );

    // Optional parts sent with their essential field null are left out, not an error
    // (was: the whole article replaced by "unexpected shape").
    b.wait_headline_is("#null-parts", &forward_compatible_title("nulls-1"))
        .await;
    let paragraphs: Vec<String> = b
        .shadow_all("#null-parts", ".nw-body > *")
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(paragraphs, ["The one paragraph with text."]);
    for absent in [".nw-source", "figure", ".nw-rating", "[data-error-kind]"] {
        assert_eq!(
            b.shadow_count("#null-parts", absent).await,
            0,
            "#null-parts shows {absent}"
        );
    }

    // After all that, the healthy widgets still show their articles.
    b.wait_headline_is("#healthy", &healthy_title).await;
    b.wait_headline_is("#healthy-other", &ok_title("fine-1"))
        .await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_errors_show_the_servers_message() {
    let h = Harness::start().await;
    h.open("hostile-data.html").await;
    for (host, message) in [
        ("#bad-status-500", STATUS_500_MESSAGE),
        ("#bad-status-404", STATUS_404_MESSAGE),
    ] {
        h.browser.wait_error(host).await;
        let detail = h
            .browser
            .shadow_first(host, ".nw-error-detail")
            .await
            .unwrap_or_default();
        assert!(
            detail.text.contains(message),
            "{host} should show the server's message {message:?}, shows {:?}",
            detail.text
        );
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_endpoint_data_never_runs_or_styles() {
    let h = Harness::start().await;
    h.open("markup-in-text.html").await;
    let b = &h.browser;
    b.wait_headline_is("#widget", MARKUP_TITLE).await;
    b.wait_shadow("#widget", ".nw-html").await;

    let findings = b
        .execute(
            "const root = document.getElementById('widget').shadowRoot;\
             const bad = [];\
             for (const el of root.querySelectorAll('*')) {\
               const tag = el.localName;\
               if (['script', 'iframe', 'object', 'embed', 'style', 'form', 'svg'].includes(tag)) bad.push('<' + tag + '>');\
               for (const attr of el.attributes) {\
                 if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc') bad.push(tag + '[' + attr.name + ']');\
                 if (['href', 'src'].includes(attr.name) && /^\\s*javascript:/i.test(attr.value)) bad.push(tag + '[' + attr.name + '=' + attr.value + ']');\
               }\
             }\
             return { bad, pwned: window.__pwned === undefined ? null : String(window.__pwned) };",
            vec![],
        )
        .await;
    assert_eq!(
        findings["pwned"],
        json!(null),
        "endpoint data ran script: {findings}"
    );
    assert_eq!(
        findings["bad"],
        json!([]),
        "unsafe markup rendered: {findings}"
    );
    let allowed = b.shadow_first("#widget", ".nw-html a").await;
    assert!(
        allowed.as_ref().is_none_or(|a| a.attr("href").is_none()),
        "a javascript: link kept an href: {allowed:?}"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destroying_a_widget_aborts_its_request_in_flight() {
    let h = Harness::start().await;
    h.open("js-api.html").await;
    let b = &h.browser;
    b.wait_api_ready().await;
    let endpoint = format!("{}/bad/trickle", h.hostile.origin());
    b.execute(
        "window.NewsWidget.mount(document.getElementById('slot-one'),\
           { endpoint: arguments[0], article: 'slow-1', parts: 'article', timeout: 60000, lazy: false })\
           .then((handle) => { window.__handle = handle; });",
        vec![json!(endpoint)],
    )
    .await;
    wait_until("the trickling request to start", PATIENCE, async || {
        !h.hostile.requests_containing("/bad/trickle/").is_empty()
    })
    .await;
    wait_until("the handle", PATIENCE, async || {
        b.execute("return !!window.__handle;", vec![]).await == json!(true)
    })
    .await;
    assert_eq!(h.hostile.abandoned(), 0);
    b.execute("window.__handle.destroy();", vec![]).await;
    wait_for(
        "the server to see the request abandoned",
        PATIENCE,
        async || match h.hostile.abandoned() {
            0 => Err("still streaming to the browser".to_string()),
            n => Ok(n),
        },
    )
    .await;
    h.finish().await;
}

/// The loader is there but its runtime files are not (a CDN folder missing them, a blocked
/// request): each widget says so in its own space, in its own language and direction, with
/// Retry, and tells the host page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runtime_that_cannot_load_is_reported_in_each_widgets_language_and_direction() {
    let h = Harness::start().await;
    h.open("runtime-missing.html").await;
    let b = &h.browser;
    for (host, lang, dir, message, retry) in [
        (
            "#english",
            "en",
            "ltr",
            "The news widget could not be loaded.",
            "Retry",
        ),
        (
            "#arabic",
            "ar-EG",
            "rtl",
            "تعذّر تحميل أداة الأخبار.",
            "إعادة المحاولة",
        ),
    ] {
        let failure = b.wait_shadow(host, ".nw-load-error").await;
        assert_eq!(
            failure.attr("data-error-kind"),
            Some("load"),
            "{host}: {failure:?}"
        );
        assert_eq!(failure.attr("role"), Some("alert"), "{host}: {failure:?}");
        // Styleable from the page like every other error box (`::part(error)`, `::part(retry)`).
        assert_eq!(failure.attr("part"), Some("error"), "{host}: {failure:?}");
        assert_eq!(
            b.shadow_count(host, "button[part=retry]").await,
            1,
            "{host}"
        );
        assert_eq!(
            (failure.attr("lang"), failure.attr("dir")),
            (Some(lang), Some(dir)),
            "{host}: the message box carries the widget's language and direction"
        );
        assert!(failure.text.contains(message), "{host}: {failure:?}");
        let button = b
            .shadow_first(host, "button.nw-retry")
            .await
            .unwrap_or_else(|| panic!("no Retry in {host}"));
        assert_eq!(button.text, retry, "{host}");
        let event = b.wait_event("error", &host[1..]).await;
        assert_eq!(event["detail"]["kind"], json!("load"), "{host}: {event}");
    }
    let title = b
        .execute(
            "return document.getElementById('host-title').textContent;",
            vec![],
        )
        .await;
    assert_eq!(
        title,
        json!("The loader is here, its runtime files are not")
    );
    h.finish().await;
}

/// The runtime could not be fetched (the reader was offline): the widget says so with
/// Retry, and when the browser reports the connection back, it loads by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runtime_that_could_not_be_fetched_loads_when_the_reader_is_back_online() {
    let h = Harness::start().await;
    let b = &h.browser;
    block_the_runtime(b, true).await;
    h.open("plain.html").await;
    let host = "[data-news-widget]";
    let failure = b.wait_shadow(host, ".nw-load-error").await;
    assert_eq!(failure.attr("data-error-kind"), Some("load"));

    // Still offline: an `online` event that comes too early fails again, visibly.
    b.execute("window.dispatchEvent(new Event('online'));", vec![])
        .await;
    b.wait_shadow(host, ".nw-load-error").await;
    // Back online for real (was: the error stayed until the reader pressed Retry).
    block_the_runtime(b, false).await;
    b.execute("window.dispatchEvent(new Event('online'));", vec![])
        .await;
    b.wait_headline(host).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// The loader's own "could not be loaded" box keeps a keyboard user's focus in the widget
/// through Retry: on the next Retry when the runtime fails again, on the widget once it
/// loads (was: on <body> either way, the focused button having been removed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loaders_retry_keeps_the_focus_in_the_widget() {
    let h = Harness::start().await;
    let b = &h.browser;
    block_the_runtime(b, true).await;
    h.open("a11y-light.html").await;
    b.wait_shadow("#widget", ".nw-load-error").await;
    b.tab_until("the loader's Retry", 40, |f| {
        f.host == "widget" && f.has_class("nw-retry")
    })
    .await;
    b.press(Key::Enter).await;
    // Still blocked: the new box's Retry has the focus.
    wait_for("the focus on the next Retry", PATIENCE, async || {
        let focused = b.focused().await;
        let failed = b
            .shadow_count("#widget", ".nw-load-error button.nw-retry")
            .await
            == 1;
        if failed && focused.host == "widget" && focused.has_class("nw-retry") {
            Ok(())
        } else {
            Err(format!("focus on {focused}"))
        }
    })
    .await;
    block_the_runtime(b, false).await;
    b.press(Key::Enter).await;
    b.wait_headline("#widget").await;
    wait_for("the focus on the widget", PATIENCE, async || {
        let focused = b.focused().await;
        if focused.host == "widget" && focused.has_class("nw-root") {
            Ok(())
        } else {
            Err(format!("focus on {focused}"))
        }
    })
    .await;
    h.finish().await;
}

/// An error state alerts its title alone: the line that comes and goes while background
/// retries run stays outside the alert, so a screen reader says the failure once (was: the
/// whole box, detail and Retry included, re-read at every retry).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_alerts_its_title_once_not_at_every_retry() {
    let h = Harness::start().await;
    h.open("hostile-data.html").await;
    let b = &h.browser;
    let host = "#bad-status-500";
    b.wait_shadow(host, ".nw-error").await;
    let alerts = b
        .execute(
            "const root = document.querySelector(arguments[0]).shadowRoot;\
             return [...root.querySelectorAll('[role=alert]')].map((alert) => ({\
               className: alert.className,\
               retrying: !!alert.querySelector('.nw-error-retrying'),\
               retry: !!alert.querySelector('button'),\
             }));",
            vec![json!(host)],
        )
        .await;
    assert_eq!(
        alerts,
        json!([{ "className": "nw-error-title", "retrying": false, "retry": false }]),
        "{alerts}"
    );
    h.finish().await;
}

/// Makes the runtime's files fail to load (as offline), or load again.
async fn block_the_runtime(b: &news_widget_e2e::Browser, blocked: bool) {
    b.cdp("Network.enable", json!({})).await;
    let urls = if blocked {
        json!(["*news-widget-runtime*"])
    } else {
        json!([])
    };
    b.cdp("Network.setBlockedURLs", json!({ "urls": urls }))
        .await;
}
