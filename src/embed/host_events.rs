//! The `CustomEvent`s the widget dispatches on its host element (bubbling, composed).
//!
//! | event | detail |
//! | --- | --- |
//! | `news-widget:ready` | `{article, parts}` |
//! | `news-widget:error` | `{kind, message}` |
//! | `news-widget:rated` | `{article, voted, count}` |
//! | `news-widget:recommendation-click` | `{article, list, id, url, position}` |

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use super::config::Part;

/// Dispatches the documented events on one host element.
#[derive(Clone, Debug, PartialEq)]
pub struct HostEvents {
    host: HtmlElement,
}

impl HostEvents {
    /// Events for `host`.
    pub fn new(host: HtmlElement) -> Self {
        HostEvents { host }
    }

    /// Every shown part has its first content.
    pub fn ready(&self, article: &str, parts: &[Part]) {
        let names: js_sys::Array = parts.iter().map(|p| JsValue::from_str(p.name())).collect();
        self.dispatch(
            "news-widget:ready",
            &[("article", article.into()), ("parts", names.into())],
        );
    }

    /// A part failed (configuration, network, data...).
    pub fn error(&self, kind: &str, message: &str) {
        self.dispatch(
            "news-widget:error",
            &[("kind", kind.into()), ("message", message.into())],
        );
    }

    /// The server confirmed a vote or its withdrawal.
    pub fn rated(&self, article: &str, voted: bool, count: u64) {
        self.dispatch(
            "news-widget:rated",
            &[
                ("article", article.into()),
                ("voted", voted.into()),
                ("count", (count as f64).into()),
            ],
        );
    }

    /// The reader opened a recommendation card (`position` is 1-based in its list).
    pub fn recommendation_click(
        &self,
        article: &str,
        list: &str,
        id: &str,
        url: &str,
        position: u32,
    ) {
        self.dispatch(
            "news-widget:recommendation-click",
            &[
                ("article", article.into()),
                ("list", list.into()),
                ("id", id.into()),
                ("url", url.into()),
                ("position", position.into()),
            ],
        );
    }

    fn dispatch(&self, name: &str, detail: &[(&str, JsValue)]) {
        let object = js_sys::Object::new();
        for (key, value) in detail {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&object);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            // Exceptions in the host's listeners are reported by the browser, not thrown here.
            let _ = self.host.dispatch_event(&event);
        }
    }
}
