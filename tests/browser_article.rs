//! Article view in a real browser, against the real reference server
//! (`wasm-pack test --headless --chrome`; the Makefile starts the server).

#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A seeded demo article (server/src/seed.rs).
const ARTICLE: &str = "lakeport-ferry-batteries";

#[wasm_bindgen_test]
async fn renders_the_article_inside_an_open_shadow_root() {
    let (host, _handle) = mount(&[
        ("endpoint", api()),
        ("article", ARTICLE),
        ("parts", "article"),
    ]);
    assert!(
        host.shadow_root().is_some(),
        "an open shadow root is attached"
    );
    yew::scheduler::flush().await;
    assert!(
        find(&host, ".nw-skeleton").is_some(),
        "the skeleton shows while loading"
    );
    assert_eq!(
        find(&host, ".nw-article")
            .unwrap()
            .get_attribute("aria-busy")
            .as_deref(),
        Some("true")
    );
    wait_for("the headline", 10_000.0, || {
        find(&host, ".nw-headline").is_some()
    })
    .await;

    assert!(!text(&host, ".nw-headline").unwrap().is_empty());
    assert!(find_all(&host, ".nw-breadcrumb li").len() >= 2);
    let time = find(&host, ".nw-published time").expect("a <time> element");
    assert!(time
        .get_attribute("datetime")
        .is_some_and(|d| d.contains('T')));
    let lead = find(&host, ".nw-lead img").expect("a lead image");
    assert_eq!(lead.get_attribute("loading").as_deref(), Some("lazy"));
    assert!(lead.get_attribute("width").is_some() && lead.get_attribute("height").is_some());
    assert!(find_all(&host, ".nw-body > *").len() >= 5);
    assert!(find(&host, ".nw-quote blockquote").is_some());
    assert!(find(&host, ".nw-paragraph .nw-dateline").is_some());
    assert_eq!(
        find(&host, ".nw-article")
            .unwrap()
            .get_attribute("aria-busy"),
        None
    );
}

#[wasm_bindgen_test]
async fn ready_event_carries_article_and_parts() {
    let (_host, _handle, log) = mount_logged(&[
        ("endpoint", api()),
        ("article", ARTICLE),
        ("parts", "article"),
    ]);
    wait_for("the ready event", 10_000.0, || {
        !log.named("news-widget:ready").is_empty()
    })
    .await;
    let detail = &log.named("news-widget:ready")[0];
    assert_eq!(field(detail, "article"), ARTICLE);
}

#[wasm_bindgen_test]
async fn unknown_article_shows_the_servers_message_and_retry() {
    let (host, _handle, log) = mount_logged(&[
        ("endpoint", api()),
        ("article", "no-such-article"),
        ("parts", "article"),
    ]);
    wait_for("the error state", 10_000.0, || {
        find(&host, ".nw-error").is_some()
    })
    .await;
    let error = find(&host, ".nw-error").unwrap();
    assert_eq!(
        error.get_attribute("data-error-kind").as_deref(),
        Some("http")
    );
    assert!(text(&host, ".nw-error-detail")
        .unwrap()
        .starts_with("HTTP 404"));
    let detail = find(&host, ".nw-error-detail").unwrap();
    assert_eq!(
        detail.get_attribute("lang").as_deref(),
        Some("en"),
        "the English detail line is marked as English in every locale"
    );
    assert_eq!(text(&host, "button.nw-retry").as_deref(), Some("Retry"));
    assert_eq!(log.named("news-widget:error").len(), 1);
    assert_eq!(field(&log.named("news-widget:error")[0], "kind"), "http");
}

#[wasm_bindgen_test]
async fn retry_sends_a_new_request() {
    let article = "still-missing";
    let (host, _handle) = mount(&[
        ("endpoint", api()),
        ("article", article),
        ("parts", "article"),
    ]);
    wait_for("the error state", 10_000.0, || {
        find(&host, ".nw-retry").is_some()
    })
    .await;
    let before = requests_to(&format!("/articles/{article}"));
    let retry: web_sys::HtmlElement =
        wasm_bindgen::JsCast::unchecked_into(find(&host, ".nw-retry").unwrap());
    retry.click();
    wait_for("a second request after Retry", 10_000.0, || {
        requests_to(&format!("/articles/{article}")) > before
    })
    .await;
    wait_for("the error state again", 10_000.0, || {
        find(&host, ".nw-retry").is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn unreachable_endpoint_is_a_network_error_with_background_retry() {
    let (host, _handle) = mount(&[
        ("endpoint", DEAD_ENDPOINT),
        ("article", ARTICLE),
        ("parts", "article"),
    ]);
    wait_for("the network error", 10_000.0, || {
        find(&host, ".nw-error-network").is_some()
    })
    .await;
    assert!(
        find(&host, ".nw-error-retrying:not([hidden])").is_some(),
        "a background retry is announced"
    );
    assert!(find(&host, "button.nw-retry").is_some());
}

#[wasm_bindgen_test]
async fn invalid_configuration_names_each_attribute() {
    let host = fresh_host();
    let _handle = news_widget::mount_widget(
        host.clone(),
        options(&[("article", ARTICLE), ("parts", "article,comments")]),
        "data",
    );
    wait_for("the configuration error", 2_000.0, || {
        find(&host, ".nw-config-error").is_some()
    })
    .await;
    let codes: Vec<String> = find_all(&host, ".nw-config-error li code")
        .iter()
        .filter_map(|c| c.text_content())
        .collect();
    assert_eq!(codes, vec!["data-endpoint", "data-parts"]);
    assert!(text(&host, ".nw-config-error")
        .unwrap()
        .contains("\"comments\" is not one of"));
}

#[wasm_bindgen_test]
async fn update_switches_article_and_destroy_empties_the_shadow_root() {
    let (host, mut handle) = mount(&[
        ("endpoint", api()),
        ("article", "no-such-one"),
        ("parts", "article"),
    ]);
    wait_for("the 404", 10_000.0, || find(&host, ".nw-error").is_some()).await;
    handle.update(options(&[("article", ARTICLE)]));
    wait_for("the headline after update", 10_000.0, || {
        find(&host, ".nw-headline").is_some()
    })
    .await;
    handle.destroy();
    assert!(!handle.mounted());
    assert!(
        find(&host, ".nw-root").is_none(),
        "destroy removes the rendered content"
    );
}

#[wasm_bindgen_test]
async fn theme_and_locale_apply_to_the_root() {
    let (host, _handle) = mount(&[
        ("endpoint", api()),
        ("article", "no-such-article"),
        ("parts", "article"),
        ("theme", "dark"),
        ("lang", "ar-EG"),
    ]);
    wait_for("the error state", 10_000.0, || {
        find(&host, ".nw-retry").is_some()
    })
    .await;
    let root = find(&host, ".nw-root").unwrap();
    assert!(root
        .class_name()
        .split_whitespace()
        .any(|c| c == "theme-dark"));
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar-EG"));
    assert_eq!(text(&host, ".nw-retry").as_deref(), Some("إعادة المحاولة"));
}

/// Relative times count the reader's calendar dates: 45 hours before 05:00 is two dates back.
#[wasm_bindgen_test]
fn relative_times_count_calendar_dates_in_the_readers_time_zone() {
    // Local times (the browser's time zone), as the reader's clock shows them.
    let local = |day: i32, hour: i32| {
        js_sys::Date::new_with_year_month_day_hr_min(2026, 10, day, hour, 0).get_time()
    };
    let now = local(28, 5);
    let relative = |then: f64| news_widget::format::relative_time("en", then, now);
    assert_eq!(relative(local(26, 8)), "2 days ago");
    assert_eq!(relative(local(27, 1)), "yesterday");
    assert_eq!(relative(local(27, 23)), "6 hours ago");
    // Less than an hour ahead of the reader's clock (a device clock running slow): "now".
    assert_eq!(relative(now + 90_000.0), "now");
    assert_eq!(relative(now + 3_000_000.0), "now");
    // Further ahead is no clock's fault: said as it is (was "now" for any future date).
    assert_eq!(relative(local(30, 9)), "in 2 days");
    assert_eq!(relative(local(28, 9)), "in 4 hours");
}
