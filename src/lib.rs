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
