//! What the reader experiences around the content: no layout shift while the widgets
//! arrive, themes (with `auto` following the OS setting live), and the locale chain with
//! a right-to-left language.

use news_widget_e2e::{wait_for, Harness, PATIENCE};
use serde_json::{json, Value};

const NEXT_FRAMES_JS: &str = r#"
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 0)));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rating_and_carousel_above_the_fold_shift_nothing() {
    let h = Harness::start().await;
    h.open("layout-shift.html").await;
    let b = &h.browser;
    b.wait_event("ready", "rating").await;
    b.wait_event("ready", "carousel").await;
    // Cards and their images render after the first ready frame: wait until the first
    // card has content, then let two frames pass so every shift is reported.
    b.wait_shadow("#carousel", ".nw-card .nw-card-title").await;
    b.execute_async(NEXT_FRAMES_JS, vec![]).await;

    let shifts = b.execute("return window.__layoutShifts;", vec![]).await;
    let total: f64 = shifts
        .as_array()
        .map(|entries| entries.iter().filter_map(|e| e["value"].as_f64()).sum())
        .unwrap_or(0.0);
    assert!(
        total < 0.01,
        "cumulative layout shift {total:.4} (must stay under 0.01); shifts: {shifts}"
    );
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
