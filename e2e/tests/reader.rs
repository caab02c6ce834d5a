//! What the reader experiences around the content: no layout shift while the widgets
//! arrive, themes (with `auto` following the OS setting live), and the locale chain with
//! a right-to-left language.

use news_widget_e2e::{wait_for, wait_until, Harness, PATIENCE};
use serde_json::{json, Value};

const NEXT_FRAMES_JS: &str = r#"
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 0)));
"#;

/// The layout shift recorded by `cls-watch.js` after its first `skip` entries: the sum of
/// their values, and every entry (for failure messages).
async fn layout_shift_since(h: &Harness, skip: usize) -> (f64, Value) {
    let shifts = h
        .browser
        .execute("return window.__layoutShifts;", vec![])
        .await;
    let total = shifts
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .skip(skip)
                .filter_map(|e| e["value"].as_f64())
                .sum()
        })
        .unwrap_or(0.0);
    (total, shifts)
}

/// Opens `page`, waits until its rating and carousel are ready with cards, and asserts
/// the page did not move meanwhile.
async fn assert_widgets_arrive_without_shift(h: &Harness, page: &str) {
    h.open(page).await;
    let b = &h.browser;
    b.wait_event("ready", "rating").await;
    b.wait_event("ready", "carousel").await;
    // Cards and their images render after the first ready frame: wait until the first
    // card has content, then let two frames pass so every shift is reported.
    b.wait_shadow("#carousel", ".nw-card .nw-card-title").await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;

    let (total, shifts) = layout_shift_since(h, 0).await;
    assert!(
        total < 0.01,
        "{page}: cumulative layout shift {total:.4} (must stay under 0.01); shifts: {shifts}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rating_and_carousel_above_the_fold_shift_nothing() {
    let h = Harness::start().await;
    assert_widgets_arrive_without_shift(&h, "layout-shift.html").await;
    // With the publisher's own spacing (--news-widget-space: 24px) the head stylesheet
    // reserves the padding it makes (was: the default 16px, a shift of 16 px per widget).
    assert_widgets_arrive_without_shift(&h, "layout-shift-spacious.html").await;
    h.finish().await;
}

/// An article that fails keeps the space reserved for it, and the "trying again" line
/// keeps its place while retries come and go: the page does not move (was: the reserved
/// 560 px fell to the error box's height, a shift of ~0.18, and each retry moved the page
/// by that line).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_that_fails_and_retries_shifts_nothing() {
    let h = Harness::start().await;
    h.open("error-shift.html").await;
    let b = &h.browser;
    b.wait_error("#widget").await;
    // The first retry is sent 1 s after the first timeout and times out in turn; by the
    // third request the note has been shown, hidden and shown again.
    wait_until("two background retries", PATIENCE, async || {
        h.hostile.requests_containing("/bad/hang/").len() >= 3
    })
    .await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    let (total, shifts) = layout_shift_since(&h, 0).await;
    assert!(
        total < 0.01,
        "cumulative layout shift {total:.4} (must stay under 0.01); shifts: {shifts}"
    );
    h.finish().await;
}

/// On a phone one card fits: the carousel's placeholders (three, before its width is
/// measured) must not stack and push the page down for a moment (was: 332 -> 780 ->
/// 332 px while the cards were on their way, a layout shift of ~0.4 at 360 px).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rating_and_carousel_shift_nothing_on_a_phone_either() {
    let h = Harness::start().await;
    for width in [320, 360, 480] {
        h.browser
            .cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": false }),
            )
            .await;
        // Cards 500 ms late, so the placeholders are on screen first.
        assert_widgets_arrive_without_shift(&h, "layout-shift-late-cards.html").await;
    }
    h.finish().await;
}

/// `getComputedStyle(.nw-root).backgroundColor` of the widget `host`.
async fn root_background(h: &Harness, host: &str) -> String {
    let value = h
        .browser
        .execute(
            "const root = document.querySelector(arguments[0]).shadowRoot.querySelector('.nw-root');\
             return root ? getComputedStyle(root).backgroundColor : null;",
            vec![json!(host)],
        )
        .await;
    value.as_str().unwrap_or_default().to_string()
}

async fn emulate_color_scheme(h: &Harness, scheme: &str) {
    h.browser
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_theme_follows_the_os_setting_live() {
    let h = Harness::start().await;
    emulate_color_scheme(&h, "light").await;
    h.open("themes.html").await;
    let b = &h.browser;
    for host in ["#auto", "#light", "#dark"] {
        b.wait_shadow(host, "button.nw-rating-button").await;
    }
    let root = b.wait_shadow("#auto", ".nw-root").await;
    assert!(
        root.attr("class").is_some_and(|c| c.contains("theme-auto")),
        "{root:?}"
    );
    let light = root_background(&h, "#light").await;
    let dark = root_background(&h, "#dark").await;
    assert_ne!(
        light, dark,
        "light and dark themes paint different backgrounds"
    );
    assert_eq!(
        root_background(&h, "#auto").await,
        light,
        "auto under a light OS"
    );

    // Switch the OS setting on the open page.
    emulate_color_scheme(&h, "dark").await;
    wait_for("the auto theme to turn dark", PATIENCE, async || {
        let now = root_background(&h, "#auto").await;
        if now == dark {
            Ok(())
        } else {
            Err(format!("auto background {now}, dark is {dark}"))
        }
    })
    .await;
    assert_eq!(
        root_background(&h, "#light").await,
        light,
        "explicit light stays light"
    );

    emulate_color_scheme(&h, "light").await;
    wait_for("the auto theme to turn light again", PATIENCE, async || {
        let now = root_background(&h, "#auto").await;
        if now == light {
            Ok(())
        } else {
            Err(format!("auto background {now}"))
        }
    })
    .await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn locale_comes_from_lang_then_the_host_page_and_mirrors_for_rtl() {
    let h = Harness::start().await;
    h.open("locales.html").await;
    let b = &h.browser;

    let mut retry_names = Vec::new();
    for (host, lang_prefix, dir) in [
        ("#from-page", "ar", "rtl"),
        ("#portuguese", "pt", "ltr"),
        ("#english", "en", "ltr"),
        // No French or Hebrew table: English words, the requested tag for Intl, and
        // Hebrew's direction.
        ("#french", "fr-CA", "ltr"),
        ("#hebrew", "he", "rtl"),
    ] {
        b.wait_error(host).await;
        let root = b.wait_shadow(host, ".nw-root").await;
        assert!(
            root.attr("lang")
                .is_some_and(|lang| lang.starts_with(lang_prefix)),
            "{host}: {root:?}"
        );
        assert_eq!(root.attr("dir"), Some(dir), "{host}: {root:?}");
        let name = b
            .accessible_name(host, "button.nw-retry")
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        assert!(!name.is_empty(), "{host}: unnamed Retry button");
        retry_names.push(name);
    }
    assert_eq!(retry_names[2..], ["Retry", "Retry", "Retry"]);
    assert_ne!(
        retry_names[0], "Retry",
        "Arabic Retry is localized: {retry_names:?}"
    );
    assert_ne!(
        retry_names[1], "Retry",
        "Portuguese Retry is localized: {retry_names:?}"
    );
    let portuguese: Value = b
        .shadow_first("#portuguese", ".nw-root")
        .await
        .and_then(|root| root.attr("lang").map(|lang| json!(lang)))
        .unwrap_or_default();
    assert_eq!(portuguese, json!("pt-BR"), "the full tag is kept for Intl");
    h.finish().await;
}

/// On paper the carousel shows its cards without the Previous/Next buttons nothing can
/// press there (were printed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_carousel_prints_without_its_paging_buttons() {
    let h = Harness::start().await;
    h.open("layout-shift.html").await;
    let b = &h.browser;
    b.wait_shadow("#carousel", ".nw-card .nw-card-title").await;
    let display = "const root = document.getElementById('carousel').shadowRoot;\
                   return [getComputedStyle(root.querySelector('.nw-carousel-controls')).display,\
                           getComputedStyle(root.querySelector('.nw-card')).display];";
    let screen = b.execute(display, vec![]).await;
    assert_ne!(screen[0], json!("none"), "{screen}");
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await;
    let paper = b.execute(display, vec![]).await;
    assert_eq!(paper[0], json!("none"), "paging buttons on paper: {paper}");
    assert_ne!(paper[1], json!("none"), "the cards print: {paper}");
    h.finish().await;
}

/// An image declared 1 x 100000 px gets a box of at most a screen or so, not one
/// 100000 times its width (was: a 33-million-pixel-tall widget, the host page below it out
/// of reach).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurdly_tall_declared_image_does_not_push_the_page_away() {
    let h = Harness::start().await;
    h.open("absurd-image.html").await;
    let b = &h.browser;
    b.wait_headline("#widget").await;
    let sizes = b
        .execute(
            "return [document.getElementById('widget').getBoundingClientRect().height, innerHeight];",
            vec![],
        )
        .await;
    let (widget, screen) = (
        sizes[0].as_f64().unwrap_or(f64::MAX),
        sizes[1].as_f64().unwrap_or(0.0),
    );
    assert!(
        widget < 3.0 * screen,
        "the widget is {widget} px tall on a {screen} px screen"
    );
    h.finish().await;
}

/// An article too large to render whole (contract-valid, under 2 MiB: 99 `html` blocks of
/// 5,000 `<br>`, half a million elements, froze the host page for 16 s) renders within the
/// body budget and says where the whole article is; a single block past the per-block
/// limit is cut short with the same note, and what follows it still shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_too_large_to_render_whole_is_cut_short_with_a_link() {
    let h = Harness::start().await;
    h.open("huge-body.html").await;
    let b = &h.browser;
    b.wait_headline("#huge").await;
    b.wait_headline("#giant").await;
    b.wait_headline("#empty").await;
    let facts = b
        .execute(
            r#"const fact = (id) => {
                 const root = document.getElementById(id).shadowRoot;
                 const notes = [...root.querySelectorAll(".nw-left-out")];
                 return {
                   elements: root.querySelectorAll("*").length,
                   notes: notes.length,
                   links: notes.map((note) => note.querySelector("a")?.href ?? null),
                   afterHtml: notes.map((note) => note.previousElementSibling?.className ?? null),
                   paragraphs: [...root.querySelectorAll(".nw-paragraph")].map((p) => p.textContent),
                 };
               };
               return { huge: fact("huge"), giant: fact("giant"), empty: fact("empty") };"#,
            vec![],
        )
        .await;
    let huge = &facts["huge"];
    assert!(
        huge["elements"].as_u64().unwrap_or(u64::MAX) < 12_000,
        "{huge}"
    );
    assert!(huge["notes"].as_u64().unwrap_or(0) >= 1, "{huge}");
    assert_eq!(
        huge["links"][0],
        json!("https://publisher.example/huge-1"),
        "{huge}"
    );
    assert_eq!(huge["paragraphs"], json!([]), "past the budget: {huge}");
    let giant = &facts["giant"];
    assert_eq!(giant["notes"], json!(1), "{giant}");
    assert_eq!(giant["afterHtml"], json!(["nw-html"]), "{giant}");
    assert_eq!(
        giant["paragraphs"],
        json!(["After the giant block."]),
        "{giant}"
    );
    let empty = &facts["empty"];
    assert!(
        empty["elements"].as_u64().unwrap_or(u64::MAX) < 2_000,
        "empty html blocks are not free: {empty}"
    );
    assert_eq!(empty["notes"], json!(1), "{empty}");
    assert_eq!(empty["paragraphs"], json!([]), "{empty}");
    h.finish().await;
}

/// The direction of each piece of endpoint text in `#widget`, and facts about its cards.
const BIDI_JS: &str = r#"
const root = document.getElementById("widget").shadowRoot;
const dir = (selector) => {
  const element = root.querySelector(selector);
  return element ? getComputedStyle(element).direction : null;
};
const separator = root.querySelector(".nw-breadcrumb li + li");
return {
  ui: dir(".nw-root"),
  label: dir(".nw-rating-label"),
  headline: dir(".nw-headline"),
  paragraph: dir(".nw-paragraph"),
  card: dir(".nw-card-title"),
  cardAlts: [...root.querySelectorAll(".nw-card img")].map((image) => image.alt),
  separator: separator ? getComputedStyle(separator, "::before").content : null,
};
"#;

/// English endpoint text in an Arabic (right-to-left) widget keeps its own direction:
/// "veryGood!" stays "veryGood!" (was "!veryGood" beside the count), a headline or a card
/// title ending in punctuation is not reordered. Card thumbnails are decorative (the title
/// beside them names the link; their alt text read the title twice), and breadcrumb
/// separators are not read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_text_keeps_its_own_direction_in_a_right_to_left_widget() {
    let h = Harness::start().await;
    h.open("a11y-rtl.html").await;
    let b = &h.browser;
    b.wait_headline("#widget").await;
    b.wait_shadow("#widget", ".nw-rating-label").await;
    b.wait_shadow("#widget", ".nw-card img").await;
    let found = b.execute(BIDI_JS, vec![]).await;
    assert_eq!(found["ui"], json!("rtl"), "{found}");
    for piece in ["label", "headline", "paragraph", "card"] {
        assert_eq!(found[piece], json!("ltr"), "{piece}: {found}");
    }
    let alts = found["cardAlts"].as_array().cloned().unwrap_or_default();
    assert!(
        !alts.is_empty() && alts.iter().all(|alt| alt == ""),
        "{found}"
    );
    let title = b
        .shadow_first("#widget", ".nw-card-title")
        .await
        .map(|title| title.text.clone())
        .unwrap_or_default();
    let link = b
        .accessible_name("#widget", ".nw-card-link")
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        link.trim(),
        title.trim(),
        "a card link is named by its title once"
    );
    assert_eq!(found["separator"], json!("\"‹\" / \"\""), "{found}");
    h.finish().await;
}

/// The lead image and a missing body image, as `[width, height, opacity, data-failed,
/// complete]`, and where the host's text below the widget is.
const IMAGES_JS: &str = r#"
const root = document.getElementById("widget").shadowRoot;
const describe = (image) => {
  if (!image) return null;
  const box = image.getBoundingClientRect();
  return [Math.round(box.width), Math.round(box.height), getComputedStyle(image).opacity,
          image.hasAttribute("data-failed"), image.complete && image.naturalWidth > 0];
};
return {
  lead: describe(root.querySelector("figure.nw-lead img")),
  missing: describe(root.querySelector(".nw-body figure img")),
  below: Math.round(document.getElementById("host-below").getBoundingClientRect().top),
};
"#;

/// An endpoint whose images break their word: the lead declares 1200 x 675 and its file is
/// 600 x 1200 (arriving after the article), a body image's file is missing. The boxes keep
/// the declared ratios (nothing moves when the files arrive) and the missing image shows
/// its box, not the browser's broken-image glyph.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_keep_their_declared_box_when_the_file_disagrees_or_fails() {
    let h = Harness::start().await;
    h.open("images.html").await;
    let b = &h.browser;
    b.wait_headline("#widget").await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    let first = b.execute(IMAGES_JS, vec![]).await;
    // Shifts from here on are the images' (the article itself outgrows the reserved space).
    let earlier = b
        .execute("return window.__layoutShifts.length;", vec![])
        .await;
    let earlier = earlier.as_u64().unwrap_or(0) as usize;
    let settled = wait_for(
        "the lead file to load and the missing one to fail",
        PATIENCE,
        async || {
            let now = b.execute(IMAGES_JS, vec![]).await;
            if now["lead"][4] == json!(true) && now["missing"][3] == json!(true) {
                Ok(now)
            } else {
                Err(format!("{now}"))
            }
        },
    )
    .await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    let after = b.execute(IMAGES_JS, vec![]).await;
    let (width, height) = (
        after["lead"][0].as_f64().unwrap_or(0.0),
        after["lead"][1].as_f64().unwrap_or(0.0),
    );
    assert!(
        width > 0.0 && (height - width * 675.0 / 1200.0).abs() <= 1.5,
        "the lead keeps its declared 1200 x 675 box after a 600 x 1200 file arrived: {after}"
    );
    assert_eq!(
        after["below"], first["below"],
        "the host's text moved: {first} -> {after}"
    );
    assert_eq!(
        after["missing"][2],
        json!("0"),
        "the broken image is hidden: {settled}"
    );
    let missing_height = after["missing"][1].as_f64().unwrap_or(0.0);
    assert!(
        missing_height > 100.0,
        "the missing image keeps its box: {after}"
    );
    let (total, shifts) = layout_shift_since(&h, earlier).await;
    assert!(
        total < 0.01,
        "layout shift {total:.4} while the images arrived: {shifts}"
    );
    h.assert_no_page_errors().await;
    h.finish().await;
}

/// WCAG 1.4.12 text spacing, applied to the widget's shadow root the way a reader's
/// bookmarklet or extension does; then every card's source and time line and title.
const TEXT_SPACING_JS: &str = r#"
const root = document.getElementById("carousel").shadowRoot;
const sheet = new CSSStyleSheet();
sheet.replaceSync("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }");
root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const cards = Array.from(root.querySelectorAll(".nw-card"));
  done(cards.map((card) => {
    const meta = card.querySelector(".nw-card-meta");
    const title = card.querySelector(".nw-card-title");
    const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
    return {
      meta: meta ? [meta.clientHeight, meta.scrollHeight] : null,
      // A clamped title shows whole lines: its height is a multiple of its line height.
      titleLines: title ? title.clientHeight / lineHeight : null,
    };
  }));
}));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cards_grow_instead_of_cutting_text_under_the_readers_text_spacing() {
    let h = Harness::start().await;
    h.open("layout-shift.html").await;
    let b = &h.browser;
    b.wait_shadow("#carousel", ".nw-card .nw-card-title").await;
    let cards = b.execute_async(TEXT_SPACING_JS, vec![]).await;
    let cards = cards.as_array().cloned().unwrap_or_default();
    assert!(!cards.is_empty(), "no cards");
    for card in &cards {
        let (visible, needed) = (
            card["meta"][0].as_f64().unwrap_or(0.0),
            card["meta"][1].as_f64().unwrap_or(f64::MAX),
        );
        assert!(
            visible > 0.0 && needed <= visible + 1.0,
            "a card's source and time are cut ({visible} px shown of {needed}): {cards:?}"
        );
        let lines = card["titleLines"].as_f64().unwrap_or(0.0);
        assert!(
            lines >= 0.95 && (lines - lines.round()).abs() < 0.1,
            "a card title shows part of a line ({lines:.2} lines): {cards:?}"
        );
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relative_times_stay_true_on_a_page_left_open() {
    let h = Harness::start().await;
    // fast-clock.js: the page's clock starts 90 s after the article's published_at
    // (2025-04-28T08:42:28Z, the hostile server's ok article); the test moves it on.
    h.open("fast-clock.html?now=2025-04-28T08:43:58Z").await;
    let b = &h.browser;
    b.wait_headline("#widget").await;
    let text = async |selector: &str| {
        b.shadow_first("#widget", selector)
            .await
            .map(|found| found.text)
            .unwrap_or_default()
    };
    let relative = text(".nw-published .nw-relative").await;
    assert_eq!(relative, "· 1 minute ago");
    let absolute = text(".nw-published time").await;

    // The widget set itself a timer for the moment its words change (was: none, so
    // "1 minute ago" for as long as the page stayed open): 30 s on, "2 minutes ago".
    let advanced = b.execute("return window.__advanceClock();", vec![]).await;
    assert_eq!(
        advanced,
        json!(true),
        "no timer waiting for the next minute"
    );
    wait_for("the relative time to move on", PATIENCE, async || {
        let now = text(".nw-published .nw-relative").await;
        if now == "· 2 minutes ago" {
            Ok(())
        } else {
            Err(now)
        }
    })
    .await;
    // Then minute by minute to the hour, and on by hours: "2 hours ago" comes, with no
    // more than one wake-up per minute on the way.
    let mut wakeups = 0;
    loop {
        let now = text(".nw-published .nw-relative").await;
        if now == "· 2 hours ago" {
            break;
        }
        assert!(wakeups < 60 + 2, "{wakeups} wake-ups, still {now:?}");
        b.execute("return window.__advanceClock();", vec![]).await;
        wakeups += 1;
        // Let the widget render before reading again.
        b.execute_async(NEXT_FRAMES_JS, vec![]).await;
    }
    assert_eq!(text(".nw-published time").await, absolute);
    h.assert_no_page_errors().await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clock_refresh_does_not_parse_html_blocks_again() {
    let h = Harness::start().await;
    // The hostile server's /long article has an html block; fast-clock.js counts parses.
    h.open("fast-clock-html.html?now=2025-04-28T08:43:58Z")
        .await;
    let b = &h.browser;
    b.wait_headline("#widget").await;
    let parses = b.execute("return window.__parses;", vec![]).await;
    assert!(parses.as_u64().is_some_and(|n| n >= 1), "parses {parses}");
    for minutes in 2..=4 {
        b.execute("return window.__advanceClock();", vec![]).await;
        let expected = format!("· {minutes} minutes ago");
        wait_for("the next minute", PATIENCE, async || {
            let now = b
                .shadow_first("#widget", ".nw-published .nw-relative")
                .await
                .map(|found| found.text)
                .unwrap_or_default();
            if now == expected {
                Ok(())
            } else {
                Err(now)
            }
        })
        .await;
    }
    // Three renders of the article for the clock, and the html block still parsed once
    // (HtmlBlock keeps its parse per distinct markup): the clock costs a render, not a parse.
    assert_eq!(b.execute("return window.__parses;", vec![]).await, parses);
    assert_eq!(b.shadow_count("#widget", ".nw-body p").await, 2);
    h.assert_no_page_errors().await;
    h.finish().await;
}
