//! Panic guard: a panic anywhere in the widget (there should be none: nothing from the
//! network or the host page is unwrapped) is reported once on the console and handed to
//! the loader, which replaces every widget of this runtime with a visible error state and a
//! Retry that mounts them again on a fresh runtime. The host page keeps working.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

thread_local! {
    static CRASH_HANDLER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

static REPORTED: AtomicBool = AtomicBool::new(false);
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Installs the panic hook (before Yew installs its own); idempotent.
pub fn install() {
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        if !REPORTED.swap(true, Ordering::SeqCst) {
            web_sys::console::error_1(&JsValue::from_str(&format!(
                "news-widget: internal error; the widgets of this runtime were stopped: {message}"
            )));
        }
        // `try_borrow`: the panic may have happened while the handler was being replaced.
        let handler = CRASH_HANDLER.with(|h| h.try_borrow().ok().and_then(|h| h.clone()));
        if let Some(handler) = handler {
            let _ = handler.call1(&JsValue::NULL, &JsValue::from_str(&message));
        }
    }));
}

/// Registers the loader's crash callback (called with the panic message).
#[wasm_bindgen(js_name = setCrashHandler)]
pub fn set_crash_handler(handler: js_sys::Function) {
    install();
    CRASH_HANDLER.with(|h| {
        if let Ok(mut slot) = h.try_borrow_mut() {
            *slot = Some(handler);
        }
    });
}

/// Test hook: panics on purpose so the end-to-end tests can prove the guard works.
#[wasm_bindgen(js_name = crashForTesting)]
pub fn crash_for_testing() {
    install();
    panic!("crash requested by a test");
}
