//! Shared helpers for the browser tests (`wasm-pack test --headless --chrome`):
//! mounting into a fresh element, querying inside the shadow root, waiting on conditions.

#![allow(dead_code)]

use news_widget::{mount_widget, WidgetHandle};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// The real reference server the Makefile starts for the browser tests.
pub fn api() -> &'static str {
    option_env!("NEWS_WIDGET_TEST_API").unwrap_or("http://127.0.0.1:8080/api/v1")
}

/// An endpoint where nothing listens (port 9 is "discard", closed on test machines).
pub const DEAD_ENDPOINT: &str = "http://127.0.0.1:9/api/v1";

/// A fresh host element appended to the test page's body.
pub fn fresh_host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Options object from pairs, as a host page would pass to `NewsWidget.mount`.
pub fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &(*key).into(), &(*value).into()).unwrap();
    }
    object.into()
}

/// Mounts a widget (JS-API form) into a fresh host.
pub fn mount(pairs: &[(&str, &str)]) -> (HtmlElement, WidgetHandle) {
    let host = fresh_host();
    let handle = mount_widget(host.clone(), options(pairs), "script");
    (host, handle)
}

/// Like [`mount`], with the host's `news-widget:*` events recorded from the start.
pub fn mount_logged(pairs: &[(&str, &str)]) -> (HtmlElement, WidgetHandle, EventLog) {
    let host = fresh_host();
    let log = EventLog::listen(&host);
    let handle = mount_widget(host.clone(), options(pairs), "script");
    (host, handle, log)
}

/// First element matching `selector` inside the host's shadow root.
pub fn find(host: &HtmlElement, selector: &str) -> Option<Element> {
    host.shadow_root()?.query_selector(selector).ok().flatten()
}

/// Every element matching `selector` inside the host's shadow root.
pub fn find_all(host: &HtmlElement, selector: &str) -> Vec<Element> {
    let Some(root) = host.shadow_root() else {
        return Vec::new();
    };
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// Text of the first match, trimmed.
pub fn text(host: &HtmlElement, selector: &str) -> Option<String> {
    find(host, selector)
        .and_then(|e| e.text_content())
        .map(|t| t.trim().to_owned())
}

/// Polls `condition` every 20 ms until it holds; panics with `what` after `timeout_ms`.
pub async fn wait_for(what: &str, timeout_ms: f64, mut condition: impl FnMut() -> bool) {
    let deadline = js_sys::Date::now() + timeout_ms;
    loop {
        if condition() {
            return;
        }
        if js_sys::Date::now() > deadline {
            panic!("timed out after {timeout_ms} ms waiting for {what}");
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

/// Records the `news-widget:*` events dispatched on `host`.
pub struct EventLog {
    events: std::rc::Rc<std::cell::RefCell<Vec<(String, JsValue)>>>,
    _listeners: Vec<gloo_events::EventListener>,
}

impl EventLog {
    pub fn listen(host: &HtmlElement) -> Self {
        let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let listeners = [
            "news-widget:ready",
            "news-widget:error",
            "news-widget:rated",
            "news-widget:recommendation-click",
        ]
        .into_iter()
        .map(|name| {
            let events = events.clone();
            gloo_events::EventListener::new(host, name, move |event| {
                let detail = event
                    .dyn_ref::<web_sys::CustomEvent>()
                    .map(|e| e.detail())
                    .unwrap_or(JsValue::UNDEFINED);
                events.borrow_mut().push((event.type_(), detail));
            })
        })
        .collect();
        EventLog {
            events,
            _listeners: listeners,
        }
    }

    /// Details of the events called `name`, in order.
    pub fn named(&self, name: &str) -> Vec<JsValue> {
        self.events
            .borrow()
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, d)| d.clone())
            .collect()
    }
}

/// A string field of an event detail.
pub fn field(detail: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(detail, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// How many requests the page has made to URLs ending in `suffix` (Resource Timing).
pub fn requests_to(suffix: &str) -> usize {
    let performance = web_sys::window().unwrap().performance().unwrap();
    performance
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|entry| js_sys::Reflect::get(&entry, &"name".into()).ok())
        .filter_map(|name| name.as_string())
        .filter(|name| name.ends_with(suffix))
        .count()
}
