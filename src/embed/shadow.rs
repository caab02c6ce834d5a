//! The widget's Shadow DOM: an open shadow root with the shared constructable stylesheet
//! (no `<style>` elements, so a strict CSP `style-src 'self'` holds).

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// `styles/widget.css`, minified by build.rs.
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Returns a fresh container `<div>` inside `host`'s open shadow root (attached if needed).
pub fn prepare(host: &HtmlElement) -> Result<Element, String> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(describe)?,
    };
    adopt_stylesheet(&root);
    let document = host.owner_document().ok_or("the element has no document")?;
    let container = document.create_element("div").map_err(describe)?;
    container.set_class_name("nw-mount");
    // A previous mount (destroyed or crashed) may have left content behind.
    root.set_text_content(None);
    root.append_child(&container).map_err(describe)?;
    Ok(container)
}

fn adopt_stylesheet(root: &ShadowRoot) {
    let sheet = SHEET.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            if let Ok(sheet) = CssStyleSheet::new() {
                let _ = sheet.replace_sync(WIDGET_CSS);
                *slot = Some(sheet);
            }
        }
        slot.clone()
    });
    if let Some(sheet) = sheet {
        let sheets = js_sys::Array::of1(&sheet);
        let _ = js_sys::Reflect::set(root, &JsValue::from_str("adoptedStyleSheets"), &sheets);
    }
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
