//! Accessibility of the whole widget (article + rating + carousel) as a reader with
//! assistive technology or only a keyboard meets it:
//! - axe-core's WCAG 2.0/2.1 A and AA rules report nothing, in the light theme, the dark
//!   theme, the `auto` theme under a dark OS setting and the right-to-left Arabic locale,
//!   on the first render, after paging the carousel and after voting;
//! - everything works with real key presses: Tab reaches the rating button and Space /
//!   Enter vote, the carousel tabs follow the arrow keys, Previous / Next page with Enter /
//!   Space and keep the focus, and the focused control always shows a visible outline;
//! - in forced colours (Windows contrast themes) pressed and selected still show.
//!
//! axe-core comes from npm (`e2e/package.json`, installed by `npm ci --prefix e2e`).

use fantoccini::key::Key;
use news_widget_e2e::axe::describe;
use news_widget_e2e::{wait_for, Focused, Harness, Violation, PATIENCE};
use serde_json::{json, Value};

const HOST: &str = "#widget";

/// What the carousel of `HOST` shows: slide labels, placeholders still loading.
const CAROUSEL_JS: &str = r#"
const root = document.querySelector(arguments[0]).shadowRoot;
if (!root) return { labels: [], loading: 0, titles: 0 };
const slides = Array.from(root.querySelectorAll(".nw-card[aria-roledescription='slide']"));
return {
  labels: slides.map((slide) => slide.getAttribute("aria-label") || ""),
  loading: root.querySelectorAll(".nw-card-loading").length,
  titles: root.querySelectorAll(".nw-card .nw-card-title").length,
};
"#;

/// The slide labels of `HOST`'s carousel once every visible card has its content.
async fn settled_slides(h: &Harness) -> Result<Vec<String>, String> {
    let value = h.browser.execute(CAROUSEL_JS, vec![json!(HOST)]).await;
    let labels: Vec<String> = value["labels"]
        .as_array()
        .map(|labels| {
            labels
                .iter()
                .filter_map(|label| label.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let loading = value["loading"].as_u64().unwrap_or(0);
    let titles = value["titles"].as_u64().unwrap_or(0);
    if labels.is_empty() || loading > 0 || titles == 0 || labels.iter().any(String::is_empty) {
        Err(format!(
            "slides {labels:?}, {loading} loading, {titles} titles"
        ))
    } else {
        Ok(labels)
    }
}

/// Waits until the carousel shows loaded cards whose first label satisfies `wanted`.
async fn wait_slides(h: &Harness, what: &str, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    wait_for(what, PATIENCE, async || {
        let labels = settled_slides(h).await?;
        if labels.first().is_some_and(|first| wanted(first)) {
            Ok(labels)
        } else {
            Err(format!("slides {labels:?}"))
        }
    })
    .await
}

/// Opens `page` and waits until every part has rendered its content.
async fn open_every_part(h: &Harness, page: &str) -> Vec<String> {
    h.open(page).await;
    let b = &h.browser;
    b.wait_event("ready", "widget").await;
    b.wait_headline(HOST).await;
    b.wait_shadow(HOST, "button.nw-rating-button[aria-pressed='false']")
        .await;
    wait_slides(h, "the first carousel page", |_| true).await
}

/// `aria-pressed` of the rating button.
async fn rating_pressed(h: &Harness) -> Option<String> {
    h.browser
        .shadow_first(HOST, "button.nw-rating-button")
        .await
        .and_then(|button| button.attr("aria-pressed").map(str::to_string))
}

/// Waits for the `index`-th (0-based) `news-widget:rated` event and returns its detail.
async fn wait_rated(h: &Harness, index: usize) -> Value {
    wait_for(
        &format!("rated event number {}", index + 1),
        PATIENCE,
        async || {
            let rated: Vec<Value> = h
                .browser
                .events()
                .await
                .into_iter()
                .filter(|event| event["type"] == "news-widget:rated")
                .map(|event| event["detail"].clone())
                .collect();
            rated
                .get(index)
                .cloned()
                .ok_or_else(|| format!("rated events {rated:?}"))
        },
    )
    .await
}

/// Audits the page as it is now; returns `(state, violations)`.
async fn audit(h: &Harness, state: &str) -> (String, Vec<Violation>) {
    let violations = h.browser.axe_violations().await;
    (state.to_string(), violations)
}

/// Audits `page` with every part shown: on the first render, after paging the carousel
/// once and after voting once. Fails listing every violation of every state.
async fn audit_every_state(h: &Harness, page: &str, variant: &str) {
    // Fail at once, with what to run, when axe-core is not installed.
    news_widget_e2e::axe::axe_source();
    let first = open_every_part(h, page).await;
    let b = &h.browser;
    let mut reports = vec![audit(h, "first render").await];

    b.click_shadow(HOST, "button.nw-next")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let first_label = first[0].clone();
    wait_slides(h, "the carousel to page forward", |label| {
        label != first_label
    })
    .await;
    reports.push(audit(h, "after paging the carousel").await);

    b.click_shadow(HOST, "button.nw-rating-button")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    wait_rated(h, 0).await;
    assert_eq!(rating_pressed(h).await.as_deref(), Some("true"));
    reports.push(audit(h, "after voting").await);

    let failing: Vec<String> = reports
        .iter()
        .filter(|(_, violations)| !violations.is_empty())
        .map(|(state, violations)| {
            format!(
                "{variant}, {state}: {} violation(s)\n{}",
                violations.len(),
                describe(violations)
            )
        })
        .collect();
    assert!(
        failing.is_empty(),
        "axe-core (WCAG 2.0/2.1 A + AA) found violations on {page}:\n{}",
        failing.join("\n")
    );
    h.assert_no_page_errors().await;
}

/// `(r, g, b)` of a CSS `rgb()` / `rgba()` colour.
fn rgb(color: &str) -> Option<(f64, f64, f64)> {
    let inner = color.split_once('(')?.1.trim_end_matches(')');
    let mut parts = inner
        .split([',', ' ', '/'])
        .filter(|part| !part.is_empty())
        .map(|part| part.trim().parse::<f64>());
    Some((
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    ))
}

/// The widget's painted background colour.
async fn widget_background(h: &Harness) -> String {
    let value = h
        .browser
        .execute(
            "const root = document.querySelector(arguments[0]).shadowRoot.querySelector('.nw-root');\
             return root ? getComputedStyle(root).backgroundColor : '';",
            vec![json!(HOST)],
        )
        .await;
    value.as_str().unwrap_or_default().to_string()
}

/// Whether a CSS colour is dark (mean channel below the middle).
fn is_dark(color: &str) -> bool {
    rgb(color).is_some_and(|(r, g, b)| (r + g + b) / 3.0 < 128.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_wcag_violations_in_the_light_theme() {
    let h = Harness::start().await;
    audit_every_state(&h, "a11y-light.html", "light theme").await;
    assert!(!is_dark(&widget_background(&h).await));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_wcag_violations_in_the_dark_theme() {
    let h = Harness::start().await;
    audit_every_state(&h, "a11y-dark.html", "dark theme").await;
    let background = widget_background(&h).await;
    assert!(is_dark(&background), "dark theme background {background}");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_wcag_violations_in_the_auto_theme_under_a_dark_os() {
    let h = Harness::start().await;
    h.browser
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
        )
        .await;
    audit_every_state(&h, "a11y-auto.html", "auto theme, OS dark").await;
    let background = widget_background(&h).await;
    assert!(
        is_dark(&background),
        "the auto theme under a dark OS setting should paint dark, background {background}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_wcag_violations_in_the_right_to_left_locale() {
    let h = Harness::start().await;
    audit_every_state(&h, "a11y-rtl.html", "Arabic, right to left").await;
    let root = h.browser.wait_shadow(HOST, ".nw-root").await;
    assert_eq!(root.attr("dir"), Some("rtl"), "{root:?}");
    assert!(
        root.attr("lang").is_some_and(|lang| lang.starts_with("ar")),
        "{root:?}"
    );
    h.finish().await;
}

/// WCAG contrast ratios of what a publisher's colours touch, measured in the page: text on
/// the pressed rating button, links, muted text, the selected tab, and body text. Colours
/// go through a canvas, so any CSS colour syntax the browser computes (lch(), color())
/// becomes sRGB.
const THEMED_CONTRASTS_JS: &str = r##"
const root = document.querySelector(arguments[0]).shadowRoot;
const canvas = document.createElement("canvas");
canvas.width = canvas.height = 1;
const context = canvas.getContext("2d", { willReadFrequently: true });
const rgba = (color) => {
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = "#000";
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  return Array.from(context.getImageData(0, 0, 1, 1).data);
};
const backgroundOf = (element) => {
  for (let at = element; at; at = at.parentElement || (at.getRootNode().host ?? null)) {
    const color = rgba(getComputedStyle(at).backgroundColor);
    if (color[3] > 0) return color;
  }
  return [255, 255, 255, 255];
};
const luminance = ([r, g, b]) => {
  const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const contrast = (selector) => {
  const element = root.querySelector(selector);
  if (!element) return null;
  const [a, b] = [luminance(rgba(getComputedStyle(element).color)), luminance(backgroundOf(element))];
  return Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100;
};
return {
  pressed: contrast("button.nw-rating-button[aria-pressed='true']"),
  link: contrast(".nw-body a"),
  muted: contrast(".nw-total"),
  selectedTab: contrast(".nw-tab[aria-selected='true']"),
  otherTab: contrast(".nw-tab[aria-selected='false']"),
  body: contrast(".nw-body p"),
};
"##;

/// A publisher's own colours through the documented custom properties: a light accent
/// on the light theme, and its own dark background and text with a dark accent. The
/// widget derives the rest (text on the accent, links, surfaces, muted text), so axe finds
/// nothing and every pair measured here reaches 4.5:1 (before: 1.4:1 on the pressed button
/// and the links, 1.0:1 on the selected tab).
async fn audit_publisher_theme(page: &str, variant: &str) {
    let h = Harness::start().await;
    audit_every_state(&h, page, variant).await;
    let ratios = h
        .browser
        .execute(THEMED_CONTRASTS_JS, vec![json!(HOST)])
        .await;
    for (name, ratio) in ratios.as_object().into_iter().flatten() {
        let ratio = ratio
            .as_f64()
            .unwrap_or_else(|| panic!("{variant}: nothing measured for {name}: {ratios}"));
        assert!(
            ratio >= 4.5,
            "{variant}: {name} contrast {ratio}:1 < 4.5:1 ({ratios})"
        );
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publishers_light_accent_stays_legible() {
    audit_publisher_theme("a11y-themed-light.html", "light theme, accent #ffd400").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publishers_own_dark_colours_stay_legible() {
    audit_publisher_theme(
        "a11y-themed-dark.html",
        "dark theme, bg #111, fg #f5f5f5, accent #0a56c2",
    )
    .await;
}

/// How the rating button and the carousel tabs of `HOST` are painted (text colour on the
/// background that shows through: the nearest ancestor's when the element's own is
/// transparent), and whether the page is in forced-colours mode. Borders are left out: a
/// hover changes them.
const STATE_COLORS_JS: &str = r#"
const root = document.querySelector(arguments[0]).shadowRoot;
const transparent = (color) => color === "transparent" || /^rgba\(.*,\s*0\)$/.test(color);
const painted = (selector) => {
  const element = root.querySelector(selector);
  if (!element) return null;
  let background = "rgb(255, 255, 255)";
  for (let at = element; at; at = at.parentElement || (at.getRootNode().host ?? null)) {
    const color = getComputedStyle(at).backgroundColor;
    if (!transparent(color)) { background = color; break; }
  }
  return `${getComputedStyle(element).color} on ${background}`;
};
return {
  forced: matchMedia("(forced-colors: active)").matches,
  rating: painted("button.nw-rating-button"),
  selected: painted(".nw-tab[aria-selected='true']"),
  other: painted(".nw-tab[aria-selected='false']"),
};
"#;

/// Windows contrast themes replace every colour with the system palette: a pressed rating
/// button and the selected list tab must still look different from their neighbours
/// (before the forced-colors rules in widget.css, both states were black on white).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pressed_and_selected_stay_visible_in_forced_colors() {
    let h = Harness::start().await;
    h.browser
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "forced-colors", "value": "active" }] }),
        )
        .await;
    open_every_part(&h, "a11y-light.html").await;
    let before = h.browser.execute(STATE_COLORS_JS, vec![json!(HOST)]).await;
    assert_eq!(before["forced"], json!(true), "emulation: {before}");
    assert!(
        before["selected"].is_string() && before["other"].is_string(),
        "{before}"
    );
    assert_ne!(
        before["selected"], before["other"],
        "the selected list tab looks like the others in forced colours: {before}"
    );

    h.browser
        .click_shadow(HOST, "button.nw-rating-button")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    wait_rated(&h, 0).await;
    assert_eq!(rating_pressed(&h).await.as_deref(), Some("true"));
    let after = h.browser.execute(STATE_COLORS_JS, vec![json!(HOST)]).await;
    assert_ne!(
        before["rating"], after["rating"],
        "a pressed rating button looks like an unpressed one in forced colours"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// Fails unless `focused` shows a focus indicator (an outline that is painted, and the
/// element matches `:focus-visible` after keyboard navigation).
fn assert_focus_visible(focused: &Focused) {
    assert!(
        focused.focus_visible && focused.outline_visible(),
        "the focused {focused} shows no visible focus: outline {} {} {}, :focus-visible {}",
        focused.outline_style,
        focused.outline_width,
        focused.outline_color,
        focused.focus_visible
    );
}

/// Waits until the focused element satisfies `wanted`; returns it.
async fn wait_focused(h: &Harness, what: &str, wanted: impl Fn(&Focused) -> bool) -> Focused {
    wait_for(what, PATIENCE, async || {
        let focused = h.browser.focused().await;
        if wanted(&focused) {
            Ok(focused)
        } else {
            Err(format!(
                "focus on {focused} (aria-pressed {:?}, aria-selected {:?})",
                focused.aria_pressed, focused.aria_selected
            ))
        }
    })
    .await
}

fn in_widget(focused: &Focused) -> bool {
    focused.host == "widget"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_works_with_the_keyboard_and_focus_is_visible() {
    let h = Harness::start().await;
    let first = open_every_part(&h, "a11y-light.html").await;
    let b = &h.browser;
    let per_view = first.len();
    let popular_total = {
        let api = h.api().api_url();
        let id = h.article_id(0);
        let popular = news_widget_e2e::http::get_json(&format!(
            "{api}/articles/{id}/recommendations?list=popular&limit=1"
        ))
        .await;
        popular["total"].as_u64().expect("popular total")
    };
    assert!(
        popular_total as usize > per_view,
        "fixture: the most-read list ({popular_total}) needs more than one page of {per_view}"
    );

    // From the start of the page, Tab reaches the rating button.
    let rating = b
        .tab_until("the rating button", 80, |f| {
            in_widget(f) && f.has_class("nw-rating-button")
        })
        .await;
    assert_eq!(rating.aria_pressed, "false", "{rating}");
    assert_focus_visible(&rating);

    // Space votes, Enter takes the vote back; the focus stays on the button.
    b.press(Key::Space).await;
    wait_focused(&h, "Space to vote", |f| {
        f.has_class("nw-rating-button") && f.aria_pressed == "true"
    })
    .await;
    assert_eq!(wait_rated(&h, 0).await["voted"], json!(true));
    b.press(Key::Enter).await;
    wait_focused(&h, "Enter to withdraw the vote", |f| {
        f.has_class("nw-rating-button") && f.aria_pressed == "false"
    })
    .await;
    assert_eq!(wait_rated(&h, 1).await["voted"], json!(false));

    // Tab reaches the selected tab of the list tabs (roving tabindex: one stop).
    let tab = b
        .tab_until("the carousel tabs", 20, |f| in_widget(f) && f.role == "tab")
        .await;
    assert_eq!(
        tab.aria_selected, "true",
        "Tab lands on the selected tab: {tab}"
    );
    assert_eq!(tab.name, "Related", "{tab}");
    assert_focus_visible(&tab);

    // ArrowRight selects the next tab and moves the focus to it.
    b.press(Key::Right).await;
    let popular_tab = wait_focused(&h, "ArrowRight to select the next tab", |f| {
        f.role == "tab" && f.aria_selected == "true" && f.name != "Related"
    })
    .await;
    assert_eq!(popular_tab.name, "Most read", "{popular_tab}");
    assert_focus_visible(&popular_tab);
    let popular_first = format!("1 of {popular_total}");
    wait_slides(&h, "the most-read list", |label| label == popular_first).await;
    // ArrowLeft goes back, and ArrowRight again.
    b.press(Key::Left).await;
    wait_focused(&h, "ArrowLeft to select the previous tab", |f| {
        f.role == "tab" && f.aria_selected == "true" && f.name == "Related"
    })
    .await;
    b.press(Key::Right).await;
    wait_focused(&h, "ArrowRight again", |f| {
        f.role == "tab" && f.aria_selected == "true" && f.name == "Most read"
    })
    .await;
    wait_slides(&h, "the most-read list again", |label| {
        label == popular_first
    })
    .await;

    // Tab goes on through the cards to Previous, then Next.
    let previous = b
        .tab_until("the Previous button", 40, |f| {
            in_widget(f) && f.has_class("nw-previous")
        })
        .await;
    assert_focus_visible(&previous);
    b.press(Key::Tab).await;
    let next = wait_focused(&h, "Tab from Previous to Next", |f| f.has_class("nw-next")).await;
    assert_eq!(next.name, "Next", "{next}");
    assert_focus_visible(&next);

    // Enter on Next pages the carousel; the focus stays on Next.
    b.press(Key::Enter).await;
    let second_first = format!("{} of {popular_total}", per_view + 1);
    wait_slides(&h, "Enter on Next to page forward", |label| {
        label == second_first
    })
    .await;
    let still = b.focused().await;
    assert!(
        still.has_class("nw-next"),
        "Next keeps the focus after paging, focus is on {still}"
    );
    assert_focus_visible(&still);

    // Shift+Tab back to Previous; Space pages back; the focus stays on Previous.
    b.press_shift_tab().await;
    wait_focused(&h, "Shift+Tab to Previous", |f| f.has_class("nw-previous")).await;
    b.press(Key::Space).await;
    wait_slides(&h, "Space on Previous to page back", |label| {
        label == popular_first
    })
    .await;
    let still = b.focused().await;
    assert!(
        still.has_class("nw-previous"),
        "Previous keeps the focus after paging, focus is on {still}"
    );
    assert_focus_visible(&still);
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// The host changing the article (a single-page app following a recommendation) rebuilds
/// the rating button and the carousel; a keyboard user's focus stays in the widget, on
/// the part it was in, instead of falling back to the top of the host page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_article_keeps_the_focus_in_the_part_it_was_in() {
    let h = Harness::start().await;
    open_every_part(&h, "a11y-light.html").await;
    let b = &h.browser;
    let articles = [h.article_id(1).to_string(), h.article_id(2).to_string()];
    let swaps = [
        ("the rating button", "nw-rating-button", "nw-rating"),
        ("the Next button", "nw-next", "nw-carousel"),
    ];
    for ((what, class, container), article) in swaps.into_iter().zip(&articles) {
        b.tab_until(what, 80, |f| in_widget(f) && f.has_class(class))
            .await;
        let title = h.title(article).await;
        b.execute(
            "document.getElementById('widget').setAttribute('data-article', arguments[0]);",
            vec![json!(article)],
        )
        .await;
        b.wait_headline_is(HOST, &title).await;
        let focused = wait_focused(&h, "the focus after the new article", |f| {
            in_widget(f) && f.has_class(container)
        })
        .await;
        assert_eq!(
            focused.tag,
            if container == "nw-rating" {
                "div"
            } else {
                "section"
            },
            "{focused}"
        );
        // Tab goes on from there, inside the widget.
        b.tab_until("a control of the new article", 20, |f| {
            in_widget(f) && (f.tag == "button" || f.tag == "a")
        })
        .await;
    }
    // Another choice of lists rebuilds the carousel too: the focus stays in it.
    b.tab_until("the Next button", 80, |f| {
        in_widget(f) && f.has_class("nw-next")
    })
    .await;
    b.execute(
        "document.getElementById('widget').setAttribute('data-lists', 'popular,related');",
        vec![],
    )
    .await;
    wait_focused(&h, "the focus after new lists", |f| {
        in_widget(f) && f.has_class("nw-carousel")
    })
    .await;
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// An empty list's panel is itself a Tab stop (APG tabs: a panel with nothing focusable
/// in it), so Tab from the tabs reaches the "No stories" message, not the disabled
/// Previous button.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_lists_panel_is_a_tab_stop() {
    let h = Harness::start().await;
    h.open("empty-lists.html").await;
    let b = &h.browser;
    b.wait_shadow(HOST, ".nw-carousel-empty").await;
    b.tab_until("the selected tab", 20, |f| in_widget(f) && f.role == "tab")
        .await;
    b.press(Key::Tab).await;
    let panel = wait_focused(&h, "the focus after the tabs", |_| true).await;
    assert!(
        in_widget(&panel) && panel.role == "tabpanel",
        "focus on {panel}"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}
