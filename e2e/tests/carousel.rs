//! The recommendation carousel beyond its first screen: paging past the first server page
//! (the widget asks for 12 cards at a time; "most read" holds 24), a middle click on a
//! card (a real link: it opens, and the host page is told the card's position), and a
//! list of 10,000 cards that keeps the DOM bounded while the reader pages through it.

use news_widget_e2e::{http, wait_for, wait_until, Harness, Options, PATIENCE};
use serde_json::{json, Value};

const HOST: &str = "#carousel";

/// Cards the widget asks for per request (`PAGE_LIMIT` in `src/state/carousel.rs`).
const SERVER_PAGE: usize = 12;

/// What the carousel shows: slide labels, card titles, placeholders still loading, the
/// total, whether Next is disabled and how many elements the shadow root holds.
const CAROUSEL_JS: &str = r#"
const root = document.querySelector(arguments[0]).shadowRoot;
if (!root) return null;
const slides = Array.from(root.querySelectorAll(".nw-card[aria-roledescription='slide']"));
const total = root.querySelector(".nw-total");
const next = root.querySelector("button.nw-next");
return {
  labels: slides.map((slide) => slide.getAttribute("aria-label") || ""),
  titles: slides.map((slide) => {
    const title = slide.querySelector(".nw-card-title");
    return title ? title.textContent.replace(/\s+/g, " ").trim() : "";
  }),
  ranks: slides.map((slide) => {
    const rank = slide.querySelector(".nw-rank");
    return rank ? rank.textContent.trim() : "";
  }),
  loading: root.querySelectorAll(".nw-card-loading").length,
  total: total ? total.textContent.replace(/\s+/g, " ").trim() : "",
  nextDisabled: !!next && next.getAttribute("aria-disabled") === "true",
  elements: root.querySelectorAll("*").length,
};
"#;

/// One look at the carousel.
#[derive(Debug, Clone, Default)]
struct View {
    labels: Vec<String>,
    titles: Vec<String>,
    ranks: Vec<String>,
    loading: u64,
    total: String,
    next_disabled: bool,
    elements: u64,
}

impl View {
    /// Every visible card has its content (no placeholder).
    fn settled(&self) -> bool {
        !self.labels.is_empty()
            && self.loading == 0
            && self.labels.iter().all(|label| !label.is_empty())
            && self.titles.iter().all(|title| !title.is_empty())
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn view(h: &Harness) -> View {
    let value = h.browser.execute(CAROUSEL_JS, vec![json!(HOST)]).await;
    if value.is_null() {
        return View::default();
    }
    View {
        labels: strings(&value["labels"]),
        titles: strings(&value["titles"]),
        ranks: strings(&value["ranks"]),
        loading: value["loading"].as_u64().unwrap_or(0),
        total: value["total"].as_str().unwrap_or_default().to_string(),
        next_disabled: value["nextDisabled"] == json!(true),
        elements: value["elements"].as_u64().unwrap_or(0),
    }
}

/// Waits until the carousel is settled and its first slide is labelled `first`.
async fn wait_first(h: &Harness, first: &str) -> View {
    wait_for(&format!("first slide {first:?}"), PATIENCE, async || {
        let now = view(h).await;
        if now.settled() && now.labels.first().map(String::as_str) == Some(first) {
            Ok(now)
        } else {
            Err(format!("{now:?}"))
        }
    })
    .await
}

/// `12345` → `12,345` (`Intl.NumberFormat("en")`).
fn grouped(count: usize) -> String {
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

/// Every card of `list` for the first demo article, from the API (at most 50).
async fn api_list(h: &Harness, list: &str) -> Value {
    let api = h.api().api_url();
    let id = h.article_id(0);
    http::get_json(&format!(
        "{api}/articles/{id}/recommendations?list={list}&limit=50"
    ))
    .await
}

async fn click(h: &Harness, inner: &str) {
    h.browser
        .click_shadow(HOST, inner)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
}

/// Opens `carousel.html` and switches to the most-read tab; returns its first view.
async fn open_most_read(h: &Harness, total: usize) -> View {
    h.open("carousel.html").await;
    h.browser.wait_event("ready", "carousel").await;
    click(h, "button[role='tab']:nth-of-type(2)").await;
    wait_first(h, &format!("1 of {total}")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_reaches_cards_beyond_the_first_server_page() {
    let h = Harness::start().await;
    let popular = api_list(&h, "popular").await;
    let items = popular["items"].as_array().cloned().unwrap_or_default();
    let total = popular["total"].as_u64().unwrap_or(0) as usize;
    assert!(
        total > SERVER_PAGE && items.len() == total,
        "fixture: the most-read list holds more than one server page: {popular}"
    );
    let first = open_most_read(&h, total).await;
    let per_view = first.labels.len();
    let b = &h.browser;
    // Only the first server page has been asked for so far (the widget may prefetch the
    // next one before the reader reaches it, but not beyond).
    let cursor_requests = |resources: &[String]| {
        resources
            .iter()
            .filter(|url| url.contains("cursor="))
            .count()
    };

    // Page forward to the last card, checking every card against the API.
    let mut seen = 0;
    let mut pages = 0;
    loop {
        let now = view(&h).await;
        for (offset, label) in now.labels.iter().enumerate() {
            let index = pages * per_view + offset;
            assert_eq!(label, &format!("{} of {total}", index + 1), "{now:?}");
            assert_eq!(
                Some(now.titles[offset].as_str()),
                items[index]["title"].as_str(),
                "card {} of the most-read list: {now:?}",
                index + 1
            );
            assert_eq!(now.ranks[offset], (index + 1).to_string(), "{now:?}");
            seen = seen.max(index + 1);
        }
        if now.next_disabled {
            break;
        }
        assert!(pages < total, "Next never became disabled: {now:?}");
        click(&h, "button.nw-next").await;
        pages += 1;
        wait_first(&h, &format!("{} of {total}", pages * per_view + 1)).await;
    }
    assert_eq!(seen, total, "the last page ends with the last card");
    assert!(
        seen > SERVER_PAGE,
        "cards beyond the first server page ({SERVER_PAGE}) were shown"
    );
    let requests = b.resources("list=popular").await;
    assert!(
        cursor_requests(&requests) >= 1,
        "the widget asked for the next page with a cursor; requests: {requests:?}"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middle_click_on_a_card_reports_its_position_and_opens_the_link() {
    let h = Harness::start().await;
    let popular = api_list(&h, "popular").await;
    let total = popular["total"].as_u64().unwrap_or(0) as usize;
    let first = open_most_read(&h, total).await;
    let per_view = first.labels.len();
    let b = &h.browser;

    // On the second page, so the position is not trivially 1.
    click(&h, "button.nw-next").await;
    let position = per_view + 1;
    wait_first(&h, &format!("{position} of {total}")).await;
    let card = &popular["items"][position - 1];
    let windows_before = b
        .client()
        .windows()
        .await
        .unwrap_or_else(|err| panic!("{err}"))
        .len();

    b.middle_click_shadow(HOST, ".nw-card a.nw-card-link")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let event = b.wait_event("recommendation-click", "carousel").await;
    let detail = &event["detail"];
    assert_eq!(detail["article"], json!(h.article_id(0)), "{event}");
    assert_eq!(detail["list"], json!("popular"), "{event}");
    assert_eq!(detail["id"], card["id"], "{event}");
    assert_eq!(detail["url"], card["url"], "{event}");
    assert_eq!(detail["position"], json!(position), "{event}");
    assert_eq!(event["bubbles"], json!(true), "{event}");
    assert_eq!(event["composed"], json!(true), "{event}");

    // A real link: the middle click opened it in a new tab; this page stayed.
    wait_until("the middle click to open a new tab", PATIENCE, async || {
        b.client()
            .windows()
            .await
            .is_ok_and(|windows| windows.len() > windows_before)
    })
    .await;
    let url = b
        .client()
        .current_url()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(
        url.as_str().ends_with("/carousel.html"),
        "the page moved to {url}"
    );
    let clicks = b
        .events()
        .await
        .iter()
        .filter(|event| event["type"] == "news-widget:recommendation-click")
        .count();
    assert_eq!(clicks, 1, "one middle click, one event");
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// Cards in each list of the synthetic article.
const SYNTHETIC: u32 = 10_000;
/// How many times the test presses Next.
const PAGES_FORWARD: usize = 40;
/// Elements the shadow root may hold, whatever the list's length.
const ELEMENT_BOUND: u64 = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_recommendations_keep_the_dom_bounded() {
    let h = Harness::start_seeded(Options::default(), &[SYNTHETIC]).await;
    let total = SYNTHETIC as usize;
    let total_text = grouped(total);
    h.open("synthetic.html").await;
    let b = &h.browser;
    b.wait_event("ready", "carousel").await;
    let first = wait_first(&h, &format!("1 of {total_text}")).await;
    assert_eq!(first.total, format!("total {total_text}"), "{first:?}");
    let per_view = first.labels.len();
    let mut max_elements = first.elements;
    assert!(
        first.elements < ELEMENT_BOUND,
        "{} elements in the shadow root at the start: {first:?}",
        first.elements
    );

    for page in 1..=PAGES_FORWARD {
        click(&h, "button.nw-next").await;
        let first_index = page * per_view + 1;
        let expected_first = format!("{} of {total_text}", grouped(first_index));
        let expected_last = format!("{} of {total_text}", grouped(first_index + per_view - 1));
        // Every look while the page settles (placeholders included) counts.
        let settled = wait_for(
            &format!("page {page}: slides {expected_first:?} to {expected_last:?}"),
            PATIENCE,
            async || {
                let now = view(&h).await;
                max_elements = max_elements.max(now.elements);
                assert!(
                    now.elements < ELEMENT_BOUND,
                    "page {page}: {} elements in the shadow root (bound {ELEMENT_BOUND}): {now:?}",
                    now.elements
                );
                if now.settled()
                    && now.labels.first() == Some(&expected_first)
                    && now.labels.last() == Some(&expected_last)
                {
                    Ok(now)
                } else {
                    Err(format!("{now:?}"))
                }
            },
        )
        .await;
        assert_eq!(settled.labels.len(), per_view, "{settled:?}");
        assert_eq!(settled.total, format!("total {total_text}"), "{settled:?}");
    }

    // Later server pages were asked for with the cursor the previous page gave.
    let requests = b.resources("synthetic-10000/recommendations").await;
    let with_cursor = requests
        .iter()
        .filter(|url| url.contains("cursor="))
        .count();
    let reached = (PAGES_FORWARD + 1) * per_view;
    // The first request has no cursor; every further server page needs one.
    let needed = reached.div_ceil(SERVER_PAGE) - 1;
    assert!(
        with_cursor >= needed,
        "{reached} cards shown need at least {needed} cursor requests; requests: {requests:#?}"
    );
    assert!(
        requests.len() < reached / SERVER_PAGE + 10,
        "the widget fetched far more than it showed: {requests:#?}"
    );
    println!(
        "10,000 recommendations: {per_view} cards per view, {} requests ({with_cursor} with a \
         cursor), at most {max_elements} elements in the shadow root",
        requests.len()
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// What a screen reader hears from the carousel: its cards are no live region (that read
/// every card on load, on each page and at each tick of their relative times); a polite
/// status says where the reader moved, once the cards are there, and nothing before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_carousel_announces_where_the_reader_moved_not_every_card() {
    let h = Harness::start().await;
    h.open("carousel.html").await;
    let b = &h.browser;
    b.wait_event("ready", "carousel").await;
    let first = wait_first(&h, "1 of 12").await;
    let live = "const root = document.querySelector(arguments[0]).shadowRoot;\
                return [...root.querySelectorAll('[aria-live]')].map((region) => ({\
                  cards: region.querySelectorAll('.nw-card').length,\
                  text: region.textContent.trim(),\
                }));";
    let regions = b.execute(live, vec![json!(HOST)]).await;
    assert!(
        regions
            .as_array()
            .is_some_and(|all| all.iter().all(|r| r["cards"] == json!(0))),
        "a live region holds cards: {regions}"
    );
    let said = |regions: &Value| -> Vec<String> {
        regions
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|r| r["text"].as_str())
                    .filter(|text| !text.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        said(&regions),
        Vec::<String>::new(),
        "said on load: {regions}"
    );

    let per_view = first.labels.len();
    click(&h, "button.nw-next").await;
    wait_first(&h, &format!("{} of 12", per_view + 1)).await;
    let expected = format!("Related: {}–{} of 12", per_view + 1, (2 * per_view).min(12));
    wait_for("the announcement", PATIENCE, async || {
        let regions = b.execute(live, vec![json!(HOST)]).await;
        let now = said(&regions);
        if now == [expected.clone()] {
            Ok(())
        } else {
            Err(format!("{now:?}"))
        }
    })
    .await;
    h.finish().await;
}
