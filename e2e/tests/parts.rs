//! The rating button and the recommendation carousel on real pages against the real
//! server: votes persist across reloads and can be undone, a failed vote rolls back, the
//! carousel pages with Previous/Next and reports clicks, and all parts work together.

use news_widget_e2e::hostile::{ok_title, CONTRARY_COUNT, LANDED_COUNT};
use news_widget_e2e::{wait_for, wait_until, Harness, Options, PATIENCE};
use serde_json::{json, Value};

/// `6348` → `6,348`: what `Intl.NumberFormat("en")` shows for a count.
fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The article's rating `(label, count)` according to the API.
async fn server_rating(h: &Harness, id: &str) -> (String, u64) {
    let article = h.article(id).await;
    let label = article["rating"]["label"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let count = article["rating"]["count"]
        .as_u64()
        .unwrap_or_else(|| panic!("demo article {id} has no rating: {article}"));
    (label, count)
}

/// Waits until the rating button shows `pressed` and the accessible name `name`.
async fn wait_rating(h: &Harness, pressed: bool, name: &str) {
    let b = &h.browser;
    let pressed = if pressed { "true" } else { "false" };
    wait_for(
        &format!("rating button aria-pressed={pressed} named {name:?}"),
        PATIENCE,
        async || {
            let button = b.shadow_first("#rating", "button.nw-rating-button").await;
            let Some(button) = button else {
                return Err(format!(
                    "no rating button: {}",
                    b.widget_state("#rating").await
                ));
            };
            if button.attr("aria-pressed") != Some(pressed) {
                return Err(format!("{button:?}"));
            }
            let computed = b
                .accessible_name("#rating", "button.nw-rating-button")
                .await?;
            if computed == name {
                Ok(())
            } else {
                Err(format!("accessible name {computed:?} ({button:?})"))
            }
        },
    )
    .await
}

/// Clicks the rating button of `#rating`.
async fn click_rating(h: &Harness) {
    h.browser
        .click_shadow("#rating", "button.nw-rating-button")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
}

/// Waits until the API reports `count` votes for `id`.
async fn wait_server_count(h: &Harness, id: &str, count: u64) {
    wait_for(
        &format!("the server to count {count}"),
        PATIENCE,
        async || {
            let (_, now) = server_rating(h, id).await;
            if now == count {
                Ok(())
            } else {
                Err(format!("server count {now}"))
            }
        },
    )
    .await
}

fn rated_events(events: &[Value]) -> Vec<Value> {
    events
        .iter()
        .filter(|event| event["type"] == "news-widget:rated" && event["target"] == "rating")
        .map(|event| event["detail"].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rating_vote_persists_across_reloads_and_can_be_undone() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let (label, count) = server_rating(&h, &id).await;
    let before = format!("{label} {}", grouped(count));
    let after = format!("{label} {}", grouped(count + 1));
    h.open("rating.html").await;
    let b = &h.browser;

    wait_rating(&h, false, &before).await;
    click_rating(&h).await;
    wait_rating(&h, true, &after).await;
    wait_server_count(&h, &id, count + 1).await;
    wait_for("the rated event", PATIENCE, async || {
        let rated = rated_events(&b.events().await);
        if rated.contains(&json!({ "article": id, "voted": true, "count": count + 1 })) {
            Ok(())
        } else {
            Err(format!("rated events: {rated:?}"))
        }
    })
    .await;

    // Same reader, new page load: still voted.
    h.open("rating.html").await;
    wait_rating(&h, true, &after).await;

    // Undo.
    click_rating(&h).await;
    wait_rating(&h, false, &before).await;
    wait_server_count(&h, &id, count).await;
    h.open("rating.html").await;
    wait_rating(&h, false, &before).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_back_from_the_back_forward_cache_shows_the_vote_made_elsewhere() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let (label, count) = server_rating(&h, &id).await;
    let before = format!("{label} {}", grouped(count));
    let after = format!("{label} {}", grouped(count + 1));
    let b = &h.browser;
    h.open("rating.html").await;
    wait_rating(&h, false, &before).await;
    click_rating(&h).await;
    wait_rating(&h, true, &after).await;
    wait_server_count(&h, &id, count + 1).await;
    b.execute(
        "window.__shown = []; addEventListener('pageshow', (e) => window.__shown.push(e.persisted));",
        vec![],
    )
    .await;

    // The reader withdraws the vote on another page, then goes back.
    h.open("rating.html?elsewhere").await;
    wait_rating(&h, true, &after).await;
    click_rating(&h).await;
    wait_rating(&h, false, &before).await;
    wait_server_count(&h, &id, count).await;
    b.execute("history.back();", vec![]).await;
    wait_for(
        "the first page, restored from the cache",
        PATIENCE,
        async || {
            let shown = b.execute("return window.__shown ?? null;", vec![]).await;
            if shown == json!([true]) {
                Ok(())
            } else {
                Err(format!("pageshow persisted: {shown}"))
            }
        },
    )
    .await;
    // It came back as it was left ("voted"), and reads the rating again (was: it kept
    // showing the vote withdrawn elsewhere).
    wait_rating(&h, false, &before).await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_vote_rolls_back_and_retry_sends_it() {
    let mut h = Harness::start_with(Options { separate_api: true }).await;
    let id = h.article_id(0).to_string();
    let (label, count) = server_rating(&h, &id).await;
    let before = format!("{label} {}", grouped(count));
    let after = format!("{label} {}", grouped(count + 1));
    h.open("rating.html").await;
    wait_rating(&h, false, &before).await;

    h.api_mut().stop().await;
    click_rating(&h).await;
    // Optimistic +1, then back to the confirmed count, with a visible error and Retry.
    h.browser
        .wait_shadow("#rating", ".nw-rating [data-error-kind]")
        .await;
    wait_rating(&h, false, &before).await;
    let retry = h
        .browser
        .wait_shadow("#rating", ".nw-rating button.nw-retry")
        .await;
    assert_eq!(retry.text, "Retry");

    h.api_mut().restart().await;
    h.browser
        .click_shadow("#rating", ".nw-rating button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    wait_rating(&h, true, &after).await;
    wait_server_count(&h, &id, count + 1).await;
    assert_eq!(
        h.browser
            .shadow_count("#rating", ".nw-rating [data-error-kind]")
            .await,
        0,
        "the error stays after a successful retry"
    );
    // The vote's Retry hands the focus to the rating button, which stays (was: the part's
    // container, named twice over by its live region, without the pressed state).
    let focused = h.browser.focused().await;
    assert!(
        focused.host == "rating" && focused.has_class("nw-rating-button"),
        "focus on {focused}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_that_landed_without_an_answer_is_shown_as_counted() {
    let h = Harness::start().await;
    h.open("landed.html").await;
    let b = &h.browser;
    let path = "/landed/articles/landed-1/rating";
    let unvoted = format!("veryGood! {LANDED_COUNT}");
    let voted = format!("veryGood! {}", LANDED_COUNT + 1);
    wait_rating(&h, false, &unvoted).await;

    // The endpoint counts each vote and then answers 504 (a gateway gave up): the widget
    // reads the rating again and shows what it finds, without an error (was: rolled back
    // to "not voted" with "could not be saved", while the server had counted it).
    for (pressed, name, method) in [(true, &voted, "POST"), (false, &unvoted, "DELETE")] {
        click_rating(&h).await;
        wait_rating(&h, pressed, name).await;
        wait_until("no vote error", PATIENCE, async || {
            b.shadow_count("#rating", ".nw-rating [data-error-kind]")
                .await
                == 0
        })
        .await;
        let requests = h.hostile.requests_containing(&format!(" {path}"));
        let last: Vec<&str> = requests
            .iter()
            .rev()
            .take(2)
            .rev()
            .map(String::as_str)
            .collect();
        assert!(
            last.len() == 2
                && last[0] == format!("{method} {path}")
                && last[1].starts_with(&format!("GET {path}?voter=")),
            "the vote, then a read: {requests:?}"
        );
    }
    let rated = rated_events(&b.events().await);
    assert_eq!(
        rated,
        [
            json!({ "article": "landed-1", "voted": true, "count": LANDED_COUNT + 1 }),
            json!({ "article": "landed-1", "voted": false, "count": LANDED_COUNT }),
        ]
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// The rating part's one-line error keeps the detail (which field was wrong) in its
/// tooltip, as the article's error state shows it in full.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rating_of_the_wrong_shape_names_the_field_in_its_tooltip() {
    let h = Harness::start().await;
    h.open("rating-error.html").await;
    let error = h
        .browser
        .wait_shadow("#rating", ".nw-rating-error-text")
        .await;
    assert_eq!(
        error.text,
        "The news service sent data in an unexpected shape."
    );
    let detail = error.attr("title").unwrap_or_default();
    assert!(detail.contains("`count`"), "{detail:?}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_refused_as_one_too_many_says_to_wait() {
    let h = Harness::start().await;
    h.open("limited.html").await;
    let b = &h.browser;
    let name = format!("veryGood! {LANDED_COUNT}");
    wait_rating(&h, false, &name).await;
    click_rating(&h).await;
    // 429: rolled back, and the message says waiting helps (was: "could not be saved",
    // which invites an immediate Retry that fails the same way).
    let error = b.wait_shadow("#rating", ".nw-rating-error-text").await;
    assert_eq!(
        error.text,
        "Too many votes for now. Please try again later."
    );
    assert_eq!(error.attr("data-error-kind"), Some("http"));
    wait_rating(&h, false, &name).await;
    // A refusal is certain: no read-back of the rating after it.
    let path = "/limited/articles/limited-1/rating";
    let requests = h.hostile.requests_containing(&format!(" {path}"));
    assert_eq!(
        requests.iter().filter(|r| r.starts_with("GET ")).count(),
        1,
        "{requests:?}"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_that_refuses_votes_is_believed_and_no_rating_means_no_button() {
    let h = Harness::start().await;
    h.open("contrary.html").await;
    let b = &h.browser;
    let rating_path = "/contrary/articles/no-rating-1/rating";

    // The article has `"rating": null`: no button beside it, although its endpoint answers
    // rating requests (the rating-only widget shows that one).
    b.wait_headline_is("#article", &ok_title("no-rating-1"))
        .await;
    b.wait_event("ready", "article").await;
    assert_eq!(b.shadow_count("#article", ".nw-rating-button").await, 0);
    // A rating-only widget whose endpoint has no rating (404) takes no room at all.
    b.wait_event("ready", "absent").await;
    let height = b
        .execute(
            "return document.getElementById('absent').getBoundingClientRect().height;",
            vec![],
        )
        .await;
    assert_eq!(height, json!(0), "an empty rating widget leaves a box");
    // ... but a rating widget for an article the endpoint does not know (404 `not_found`,
    // a mistyped id) says so, with Retry.
    let unknown = b.wait_error("#unknown").await;
    assert_eq!(unknown.attr("data-error-kind"), Some("http"), "{unknown:?}");
    b.find_shadow("#unknown", "button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("no Retry: {err}"));

    // POST answered with `voted: false`: the button believes it (not pressed, the server's
    // count) and does not ask again. A second click is the barrier: by its answer, a
    // request loop would have sent many more.
    let name = format!("veryGood! {CONTRARY_COUNT}");
    wait_rating(&h, false, &name).await;
    for clicks in 1..=2 {
        click_rating(&h).await;
        wait_for("the vote's answer", PATIENCE, async || {
            let rated = rated_events(&b.events().await);
            if rated.len() >= clicks {
                Ok(())
            } else {
                Err(format!("rated events: {rated:?}"))
            }
        })
        .await;
        wait_rating(&h, false, &name).await;
    }
    let votes = h.hostile.requests_containing(&format!(" {rating_path}"));
    let votes: Vec<&String> = votes.iter().filter(|r| !r.starts_with("GET ")).collect();
    assert_eq!(
        votes,
        [
            &format!("POST {rating_path}"),
            &format!("POST {rating_path}")
        ],
        "one request per click"
    );
    let rated = rated_events(&b.events().await);
    assert_eq!(
        rated[0],
        json!({ "article": "no-rating-1", "voted": false, "count": CONTRARY_COUNT })
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// Labels (`aria-label`) of the slides currently rendered.
async fn slide_labels(h: &Harness) -> Vec<String> {
    h.browser
        .shadow_all("#carousel", ".nw-card[aria-roledescription='slide']")
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|card| card.attr("aria-label").map(str::to_string))
        .collect()
}

/// Waits until the first rendered slide is labelled `label` (e.g. "1 of 12").
async fn wait_first_slide(h: &Harness, label: &str) {
    wait_for(&format!("first slide {label:?}"), PATIENCE, async || {
        let labels = slide_labels(h).await;
        if labels.first().map(String::as_str) == Some(label) {
            Ok(())
        } else {
            Err(format!("slides {labels:?}"))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn carousel_pages_through_its_lists_and_reports_clicks() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let api = h.api().api_url();
    let related = news_widget_e2e::http::get_json(&format!(
        "{api}/articles/{id}/recommendations?list=related&limit=50"
    ))
    .await;
    let popular = news_widget_e2e::http::get_json(&format!(
        "{api}/articles/{id}/recommendations?list=popular&limit=1"
    ))
    .await;
    let related_total = related["total"].as_u64().expect("related total");
    let popular_total = popular["total"].as_u64().expect("popular total");
    assert!(
        related_total > 3,
        "fixture: enough related cards to page: {related}"
    );
    h.open("carousel.html").await;
    let b = &h.browser;

    let region = b
        .wait_shadow(
            "#carousel",
            "section.nw-carousel[aria-roledescription='carousel']",
        )
        .await;
    assert!(
        region.attr("aria-label").is_some_and(|l| !l.is_empty()),
        "{region:?}"
    );
    let related_total_text = grouped(related_total);
    wait_first_slide(&h, &format!("1 of {related_total_text}")).await;
    let total = b
        .shadow_first("#carousel", ".nw-total")
        .await
        .unwrap_or_default();
    assert!(
        total.text.contains(&related_total_text),
        "total shown: {total:?}"
    );
    assert_eq!(b.shadow_count("#carousel", "button[role='tab']").await, 3);
    assert_eq!(
        b.accessible_name("#carousel", "button.nw-previous")
            .await
            .as_deref(),
        Ok("Previous")
    );
    assert_eq!(
        b.accessible_name("#carousel", "button.nw-next")
            .await
            .as_deref(),
        Ok("Next")
    );
    let first_title = b
        .shadow_first("#carousel", ".nw-card .nw-card-title")
        .await
        .map(|title| title.text);
    assert_eq!(
        first_title.as_deref(),
        related["items"][0]["title"].as_str()
    );

    // Next moves on, Previous comes back.
    b.click_shadow("#carousel", "button.nw-next")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    wait_for("the carousel to move forward", PATIENCE, async || {
        let labels = slide_labels(&h).await;
        match labels.first() {
            Some(first) if !first.starts_with("1 of") => Ok(()),
            _ => Err(format!("slides {labels:?}")),
        }
    })
    .await;
    b.click_shadow("#carousel", "button.nw-previous")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    wait_first_slide(&h, &format!("1 of {related_total_text}")).await;

    // The ranking: numbered cards, its own total.
    b.click_shadow("#carousel", "button[role='tab']:nth-of-type(2)")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    wait_first_slide(&h, &format!("1 of {}", grouped(popular_total))).await;
    let rank = b.shadow_first("#carousel", ".nw-card .nw-rank").await;
    assert_eq!(rank.map(|r| r.text).as_deref(), Some("1"));

    // A card click is reported to the host.
    let first_popular = &popular["items"][0];
    b.click_shadow("#carousel", ".nw-card a.nw-card-link")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let click = b.wait_event("recommendation-click", "carousel").await;
    let detail = &click["detail"];
    assert_eq!(detail["article"], json!(id), "{click}");
    assert_eq!(detail["list"], json!("popular"), "{click}");
    assert_eq!(detail["id"], first_popular["id"], "{click}");
    assert_eq!(detail["url"], first_popular["url"], "{click}");
    assert!(detail["position"].is_u64(), "{click}");
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn default_parts_render_together_and_report_ready_once() {
    let h = Harness::start().await;
    let id = h.article_id(0).to_string();
    let title = h.title(&id).await;
    h.open("all-parts.html").await;
    let b = &h.browser;
    b.wait_headline_is("#widget", &title).await;
    b.wait_shadow("#widget", "button.nw-rating-button[aria-pressed]")
        .await;
    b.wait_shadow("#widget", "section.nw-carousel").await;
    let ready = b.wait_event("ready", "widget").await;
    assert_eq!(
        ready["detail"],
        json!({ "article": id, "parts": ["article", "rating", "recommendations"] })
    );
    let readies = b
        .events()
        .await
        .iter()
        .filter(|event| event["type"] == "news-widget:ready")
        .count();
    assert_eq!(readies, 1);
    h.assert_no_page_errors().await;
    h.finish().await;
}
