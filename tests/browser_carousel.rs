//! Recommendation carousel in a real browser against the real reference server: roles and
//! names (WAI-ARIA carousel + tabs), paging, keyboard, server paging, bounded DOM.

#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = "lakeport-ferry-batteries";

fn slide_labels(host: &web_sys::HtmlElement) -> Vec<String> {
    find_all(host, "[aria-roledescription=slide]")
        .iter()
        .filter_map(|s| s.get_attribute("aria-label"))
        .collect()
}

fn click(host: &web_sys::HtmlElement, selector: &str) {
    find(host, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

async fn mounted_carousel() -> web_sys::HtmlElement {
    let (host, handle) = mount(&[
        ("endpoint", api()),
        ("article", ARTICLE),
        ("parts", "recommendations"),
    ]);
    std::mem::forget(handle);
    wait_for("the first cards", 10_000.0, || {
        slide_labels(&host)
            .first()
            .is_some_and(|l| l.starts_with("1 of "))
    })
    .await;
    host
}

#[wasm_bindgen_test]
async fn follows_the_carousel_and_tabs_patterns() {
    let host = mounted_carousel().await;
    let region = find(&host, "section.nw-carousel").unwrap();
    assert_eq!(
        region.get_attribute("aria-roledescription").as_deref(),
        Some("carousel")
    );
    assert!(region
        .get_attribute("aria-label")
        .is_some_and(|l| !l.is_empty()));
    let tabs = find_all(&host, "[role=tab]");
    assert_eq!(tabs.len(), 3);
    assert_eq!(
        tabs[0].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(
        tabs[1].get_attribute("aria-selected").as_deref(),
        Some("false")
    );
    assert!(find(&host, "[role=tabpanel]").is_some());
    let previous = find(&host, "button.nw-previous").unwrap();
    let next = find(&host, "button.nw-next").unwrap();
    assert_eq!(
        previous.get_attribute("aria-label").as_deref(),
        Some("Previous")
    );
    assert_eq!(next.get_attribute("aria-label").as_deref(), Some("Next"));
    assert_eq!(
        previous.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(text(&host, ".nw-total").as_deref(), Some("total 12"));
    assert_eq!(slide_labels(&host)[0], "1 of 12");
    // Cards are real links.
    assert!(find(&host, ".nw-card a[href^='https://']").is_some());
}

#[wasm_bindgen_test]
async fn next_and_previous_move_by_a_page_without_moving_focus() {
    let host = mounted_carousel().await;
    let per_view = slide_labels(&host).len();
    assert!(per_view >= 1);
    let next: web_sys::HtmlElement = find(&host, "button.nw-next").unwrap().unchecked_into();
    next.focus().unwrap();
    next.click();
    yew::scheduler::flush().await;
    assert_eq!(slide_labels(&host)[0], format!("{} of 12", per_view + 1));
    let focused = host.shadow_root().unwrap().active_element().unwrap();
    assert!(
        focused.class_name().contains("nw-next"),
        "focus stays on Next"
    );
    click(&host, "button.nw-previous");
    yew::scheduler::flush().await;
    assert_eq!(slide_labels(&host)[0], "1 of 12");
}

#[wasm_bindgen_test]
async fn tabs_switch_lists_by_click_and_arrow_keys() {
    let host = mounted_carousel().await;
    let tabs = find_all(&host, "[role=tab]");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    tabs[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    tabs[0].dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    let tabs = find_all(&host, "[role=tab]");
    assert_eq!(
        tabs[1].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    let focused = host.shadow_root().unwrap().active_element().unwrap();
    assert_eq!(focused.id(), tabs[1].id(), "focus follows the selected tab");
    // "Most read" is a ranking: its cards carry rank numbers.
    wait_for("ranked cards", 10_000.0, || {
        find(&host, ".nw-rank").is_some()
    })
    .await;
    assert_eq!(text(&host, ".nw-rank").as_deref(), Some("1"));
    assert_eq!(text(&host, ".nw-total").as_deref(), Some("total 24"));
}

#[wasm_bindgen_test]
async fn pages_beyond_the_first_server_page() {
    let host = mounted_carousel().await;
    click(&host, "[role=tab]:nth-child(2)");
    wait_for("most read", 10_000.0, || {
        text(&host, ".nw-total").as_deref() == Some("total 24")
    })
    .await;
    let mut guard = 0;
    while !slide_labels(&host).iter().any(|l| l == "24 of 24") {
        click(&host, "button.nw-next");
        yew::scheduler::flush().await;
        wait_for("the next page", 10_000.0, || {
            find_all(&host, ".nw-card-loading").is_empty()
        })
        .await;
        guard += 1;
        assert!(
            guard < 30,
            "never reached the last card: {:?}",
            slide_labels(&host)
        );
    }
    assert_eq!(
        find(&host, "button.nw-next")
            .unwrap()
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true")
    );
    assert!(
        find_all(&host, ".nw-card").len() <= 4,
        "only the visible page is rendered"
    );
}

#[wasm_bindgen_test]
async fn a_horizontal_trackpad_swipe_pages_once_per_gesture() {
    let host = mounted_carousel().await;
    let per_view = slide_labels(&host).len();
    let slides = find(&host, ".nw-slides").unwrap();
    for _ in 0..3 {
        let init = web_sys::WheelEventInit::new();
        init.set_delta_x(60.0);
        init.set_bubbles(true);
        let event = web_sys::WheelEvent::new_with_event_init_dict("wheel", &init).unwrap();
        slides.dispatch_event(&event).unwrap();
    }
    yew::scheduler::flush().await;
    // Three events in quick succession are one gesture: one page.
    assert_eq!(slide_labels(&host)[0], format!("{} of 12", per_view + 1));
}
