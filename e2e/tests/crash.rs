//! The panic guard: a panic inside the runtime (there should be none; the runtime exports a
//! test hook to cause one) is reported once on the console, every widget of that runtime
//! shows a visible error with Retry instead of a dead box, the host page keeps working, and
//! Retry mounts the widget again on a fresh runtime.

use news_widget_e2e::{wait_for, Harness, PATIENCE};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runtime_panic_stops_its_widgets_visibly_and_retry_recovers() {
    let h = Harness::start().await;
    h.open("two-widgets.html").await;
    let b = &h.browser;
    let first_title = b.wait_headline("#first").await;
    b.wait_headline("#second").await;

    b.execute_async(
        "const done = arguments[arguments.length - 1];
         const runtime = performance.getEntriesByType('resource').map((entry) => entry.name)
           .find((name) => new URL(name).pathname.endsWith('/news-widget-runtime.js'));
         import(runtime)
           .then((glue) => { try { glue.crashForTesting(); } catch (_) {} done(null); });",
        vec![],
    )
    .await;

    for host in ["#first", "#second"] {
        let failure = b.wait_shadow(host, ".nw-load-error").await;
        assert_eq!(
            failure.attr("data-error-kind"),
            Some("crashed"),
            "{host}: {failure:?}"
        );
        assert_eq!(
            b.shadow_first(host, "button.nw-retry")
                .await
                .map(|button| button.text),
            Some("Retry".to_owned()),
            "{host} offers Retry"
        );
        b.wait_event("error", &host[1..]).await;
    }
    let reports = b
        .console()
        .await
        .into_iter()
        .filter(|entry| entry.message.contains("news-widget: internal error"))
        .count();
    assert_eq!(reports, 1, "the panic is reported once on the console");
    let host_title = b
        .execute(
            "return document.getElementById('host-title').textContent;",
            vec![],
        )
        .await;
    assert_eq!(host_title, Value::from("The host's own page"));

    b.click_shadow("#first", "button.nw-retry")
        .await
        .unwrap_or_else(|err| panic!("Retry not clickable: {err}"));
    b.wait_headline_is("#first", &first_title).await;
    wait_for("a fresh runtime instance", PATIENCE, async || {
        let fresh = b.resources("&restart=").await;
        if fresh.is_empty() {
            Err("no restart import yet".to_owned())
        } else {
            Ok(())
        }
    })
    .await;
    h.finish().await;
}
