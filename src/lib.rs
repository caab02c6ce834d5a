//! news-widget: an embeddable news widget (article, rating, recommendations) in Yew.
//!
//! Data flow, one module each: `embed` (host page → options → shadow root) → `api`
//! (contract types, HTTP client, errors) → `state` (pure reducers) and `hooks` →
//! `components` (views) → `styles/`. `i18n` and `format` localize; `sanitize` guards
//! everything that comes from the endpoint.

pub mod api;
pub mod components;
pub mod embed;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod sanitize;
pub mod state;
pub mod voter;

pub use embed::{mount_widget, WidgetHandle};

/// The runtime's allocator in the browser: talc, which grows the wasm memory as needed and is
/// 1.5 KB brotli smaller than the default dlmalloc (README, "Size budget").
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
