//! Rating button in a real browser, voting against the real reference server.

#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn button(host: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    find(host, "button.nw-rating-button").map(|b| b.unchecked_into())
}

fn name_count(name: &str) -> u64 {
    name.rsplit(' ')
        .next()
        .unwrap_or_default()
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("no count at the end of {name:?}"))
}

#[wasm_bindgen_test]
async fn vote_is_optimistic_confirmed_and_undoable() {
    let (host, _handle, log) = mount_logged(&[
        ("endpoint", api()),
        ("article", "greyhaven-tide-observatory"),
        ("parts", "rating"),
    ]);
    wait_for("the rating button", 10_000.0, || button(&host).is_some()).await;
    let vote = button(&host).unwrap();
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    let name = vote.get_attribute("aria-label").unwrap();
    assert!(name.starts_with("veryGood! "), "{name}");
    let before = name_count(&name);

    vote.click();
    yew::scheduler::flush().await;
    // Optimistic: pressed and counted before the server answers.
    let vote = button(&host).unwrap();
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(
        name_count(&vote.get_attribute("aria-label").unwrap()),
        before + 1
    );

    wait_for("the rated event", 10_000.0, || {
        !log.named("news-widget:rated").is_empty()
    })
    .await;
    let rated = &log.named("news-widget:rated")[0];
    assert_eq!(
        js_sys::Reflect::get(rated, &"voted".into())
            .unwrap()
            .as_bool(),
        Some(true)
    );
    assert_eq!(
        js_sys::Reflect::get(rated, &"count".into())
            .unwrap()
            .as_f64(),
        Some((before + 1) as f64)
    );
    let live = find(&host, "[aria-live=polite]").unwrap();
    assert!(live.text_content().unwrap().contains("veryGood!"));

    button(&host).unwrap().click();
    wait_for("the withdrawal", 10_000.0, || {
        log.named("news-widget:rated").len() == 2
    })
    .await;
    let vote = button(&host).unwrap();
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        name_count(&vote.get_attribute("aria-label").unwrap()),
        before
    );
}

#[wasm_bindgen_test]
async fn rapid_clicks_end_on_the_last_intent() {
    let (host, _handle) = mount(&[
        ("endpoint", api()),
        ("article", "millbrook-library-seed-bank"),
        ("parts", "rating"),
    ]);
    wait_for("the rating button", 10_000.0, || button(&host).is_some()).await;
    let before = name_count(&button(&host).unwrap().get_attribute("aria-label").unwrap());
    for _ in 0..5 {
        button(&host).unwrap().click();
        yew::scheduler::flush().await;
    }
    // Five clicks: pressed. Wait until the server agrees (the count settles at +1).
    wait_for("the server to confirm one vote", 10_000.0, || {
        let vote = button(&host).unwrap();
        vote.get_attribute("aria-pressed").as_deref() == Some("true")
            && find(&host, "[aria-live=polite]")
                .and_then(|l| l.text_content())
                .is_some_and(|t| !t.is_empty())
    })
    .await;
    assert_eq!(
        name_count(&button(&host).unwrap().get_attribute("aria-label").unwrap()),
        before + 1
    );
}

/// Two rating-only widgets for `article`, once both show their button.
async fn rating_buttons(article: &str) -> [(web_sys::HtmlElement, news_widget::WidgetHandle); 2] {
    let buttons = [(); 2].map(|()| {
        mount(&[
            ("endpoint", api()),
            ("article", article),
            ("parts", "rating"),
        ])
    });
    wait_for("both rating buttons", 10_000.0, || {
        buttons.iter().all(|(host, _)| button(host).is_some())
    })
    .await;
    buttons
}

/// Two buttons for one article: both show the vote, only the clicked one announces it
/// (was: every button of the article announced every vote, so a screen reader heard one
/// click as often as the article appeared on the page).
#[wasm_bindgen_test]
async fn a_vote_is_announced_by_the_clicked_button_only() {
    let [(first, _first_handle), (second, _second_handle)] =
        rating_buttons("saltmarsh-heron-count").await;
    let live = |host: &web_sys::HtmlElement| {
        find(host, "[aria-live=polite]")
            .and_then(|l| l.text_content())
            .unwrap_or_default()
    };
    let pressed =
        |host: &web_sys::HtmlElement| button(host).and_then(|b| b.get_attribute("aria-pressed"));
    let start = pressed(&first);
    button(&first).unwrap().click();
    wait_for("the vote confirmed and shown by both", 10_000.0, || {
        !live(&first).is_empty() && pressed(&second) != start
    })
    .await;
    assert_eq!(live(&second), "", "the other button announced the vote too");
    button(&second).unwrap().click();
    wait_for("the second button's vote confirmed", 10_000.0, || {
        !live(&second).is_empty() && pressed(&first) == start
    })
    .await;
    assert_eq!(
        live(&first),
        "",
        "the first button announced the second one's vote"
    );
}

/// The reader votes and withdraws on one button, then votes on another button of the
/// same article before the server answers: the last click wins everywhere (was: the first
/// button's queued withdrawal went out after the second button's vote, so the page and
/// the server ended "not voted").
#[wasm_bindgen_test]
async fn the_last_click_wins_across_buttons_of_one_article() {
    let [(first, _first_handle), (second, _second_handle)] =
        rating_buttons("oakridge-school-robotics").await;
    let pressed =
        |host: &web_sys::HtmlElement| button(host).and_then(|b| b.get_attribute("aria-pressed"));
    if pressed(&first).as_deref() == Some("true") {
        // Start from "not voted" (the test may run again on the same server).
        button(&first).unwrap().click();
        wait_for("the withdrawal", 10_000.0, || {
            pressed(&second).as_deref() == Some("false")
                && find(&first, "[aria-live=polite]")
                    .and_then(|l| l.text_content())
                    .is_some_and(|t| !t.is_empty())
        })
        .await;
    }
    button(&first).unwrap().click();
    yew::scheduler::flush().await;
    button(&first).unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(
        pressed(&second).as_deref(),
        Some("false"),
        "the withdrawal shown at once"
    );
    button(&second).unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(
        pressed(&first).as_deref(),
        Some("true"),
        "the new vote shown at once"
    );
    // Let every request answer, then read the server's word.
    gloo_timers::future::TimeoutFuture::new(1_500).await;
    let (check, _check_handle) = mount(&[
        ("endpoint", api()),
        ("article", "oakridge-school-robotics"),
        ("parts", "rating"),
    ]);
    wait_for("a fresh read of the rating", 10_000.0, || {
        button(&check).is_some()
    })
    .await;
    assert_eq!(
        pressed(&check).as_deref(),
        Some("true"),
        "the server kept the last click"
    );
    assert_eq!(pressed(&first).as_deref(), Some("true"));
    assert_eq!(pressed(&second).as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn article_without_rating_shows_no_button_but_is_ready() {
    let (host, _handle, log) = mount_logged(&[
        ("endpoint", api()),
        ("article", "harbour-council-budget"),
        ("parts", "rating"),
    ]);
    wait_for("the ready event", 10_000.0, || {
        !log.named("news-widget:ready").is_empty()
    })
    .await;
    assert!(button(&host).is_none());
}

#[wasm_bindgen_test]
async fn unreachable_endpoint_shows_a_compact_error_with_retry() {
    // Nothing listens there: the rating cannot load, and says so with a Retry button.
    let (host, _handle) = mount(&[
        ("endpoint", DEAD_ENDPOINT),
        ("article", "x"),
        ("parts", "rating"),
    ]);
    wait_for("the load error", 10_000.0, || {
        find(&host, ".nw-rating-error").is_some()
    })
    .await;
    assert_eq!(
        text(&host, ".nw-rating .nw-retry").as_deref(),
        Some("Retry")
    );
}
