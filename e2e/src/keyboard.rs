//! Real keyboard and mouse input through WebDriver actions (the browser sees trusted
//! key and pointer events, with default actions: Tab moves focus, Enter/Space activate
//! buttons, a middle click opens a link in a new tab), and what has focus.

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_MIDDLE,
};
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::browser::Browser;

/// The focused element, seen through shadow roots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Focused {
    /// Id of the shadow host the focus is in (empty: the focus is in the host page).
    pub host: String,
    /// Local name of the focused element (`body` when nothing has focus).
    pub tag: String,
    pub class: String,
    pub role: String,
    /// `aria-label`, else the text content (whitespace-normalized, shortened).
    pub name: String,
    pub aria_pressed: String,
    pub aria_selected: String,
    /// Computed `outline-style`, `outline-width` and `outline-color`.
    pub outline_style: String,
    pub outline_width: String,
    pub outline_color: String,
    /// Whether it matches `:focus-visible`.
    pub focus_visible: bool,
}

impl Focused {
    /// Whether the focused element carries the class `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.class.split_whitespace().any(|c| c == class)
    }

    /// Whether the focus indicator is an outline that is painted (style not `none`,
    /// width above zero).
    pub fn outline_visible(&self) -> bool {
        self.outline_style != "none"
            && self
                .outline_width
                .trim_end_matches("px")
                .parse::<f64>()
                .is_ok_and(|width| width > 0.0)
    }
}

impl std::fmt::Display for Focused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = if self.host.is_empty() {
            "page".to_string()
        } else {
            format!("#{}", self.host)
        };
        write!(f, "{host} {}", self.tag)?;
        if !self.class.is_empty() {
            write!(
                f,
                ".{}",
                self.class.split_whitespace().collect::<Vec<_>>().join(".")
            )?;
        }
        if !self.role.is_empty() {
            write!(f, "[role={}]", self.role)?;
        }
        write!(f, " {:?}", self.name)
    }
}

const FOCUSED_JS: &str = r#"
let element = document.activeElement;
let host = "";
while (element && element.shadowRoot && element.shadowRoot.activeElement) {
  host = element.id || element.localName;
  element = element.shadowRoot.activeElement;
}
if (!element) return { tag: "" };
const style = getComputedStyle(element);
const text = (element.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60);
return {
  host,
  tag: element.localName,
  class: element.getAttribute("class") || "",
  role: element.getAttribute("role") || "",
  name: element.getAttribute("aria-label") || text,
  ariaPressed: element.getAttribute("aria-pressed") || "",
  ariaSelected: element.getAttribute("aria-selected") || "",
  outlineStyle: style.outlineStyle,
  outlineWidth: style.outlineWidth,
  outlineColor: style.outlineColor,
  focusVisible: element.matches(":focus-visible"),
};
"#;

impl Browser {
    /// Presses and releases `key` (a real key event sequence, e.g. [`Key::Tab`]).
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        let keys = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client()
            .perform_actions(keys)
            .await
            .unwrap_or_else(|err| panic!("pressing {key:?}: {err}"));
    }

    /// Shift+Tab.
    pub async fn press_shift_tab(&self) {
        let shift = char::from(Key::Shift);
        let tab = char::from(Key::Tab);
        let keys = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab })
            .then(KeyAction::Up { value: shift });
        self.client()
            .perform_actions(keys)
            .await
            .unwrap_or_else(|err| panic!("pressing Shift+Tab: {err}"));
    }

    /// The focused element, looking through (open) shadow roots.
    pub async fn focused(&self) -> Focused {
        let value = self.execute(FOCUSED_JS, vec![]).await;
        let text = |name: &str| {
            value
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        Focused {
            host: text("host"),
            tag: text("tag"),
            class: text("class"),
            role: text("role"),
            name: text("name"),
            aria_pressed: text("ariaPressed"),
            aria_selected: text("ariaSelected"),
            outline_style: text("outlineStyle"),
            outline_width: text("outlineWidth"),
            outline_color: text("outlineColor"),
            focus_visible: value.get("focusVisible") == Some(&json!(true)),
        }
    }

    /// Presses Tab until `wanted` accepts the focused element (at most `max_presses`
    /// times); returns it, or panics listing every element the focus visited.
    pub async fn tab_until(
        &self,
        what: &str,
        max_presses: usize,
        wanted: impl Fn(&Focused) -> bool,
    ) -> Focused {
        let mut visited = Vec::new();
        for _ in 0..max_presses {
            self.press(Key::Tab).await;
            let focused = self.focused().await;
            if wanted(&focused) {
                return focused;
            }
            visited.push(focused.to_string());
        }
        panic!(
            "Tab did not reach {what} in {max_presses} presses; focus visited:\n  {}",
            visited.join("\n  ")
        );
    }

    /// A real middle click (button 1 down and up) on the centre of `inner` in `host`'s
    /// shadow root.
    pub async fn middle_click_shadow(&self, host: &str, inner: &str) -> Result<(), String> {
        let element = self.find_shadow(host, inner).await?;
        let mouse = MouseActions::new("mouse".to_string())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_MIDDLE,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_MIDDLE,
            });
        let performed = self
            .client()
            .perform_actions(mouse)
            .await
            .map_err(|err| format!("middle click on {inner} in {host}: {err}"));
        let _ = self.client().release_actions().await;
        performed
    }
}
