//! From the host page to a rendered widget: read options, attach the shadow root, adopt
//! the stylesheet, render the root component, and expose `update` / `destroy`.
//!
//! The JS loader (`loader/news-widget.js`) finds mount points and calls [`mount_widget`];
//! everything here is defensive: nothing the host page does may throw back into it.

pub mod config;
pub mod crash_guard;
pub mod host_events;
pub mod prefetch;
pub mod shadow;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;
use yew::AppHandle;

use crate::components::widget::{Widget, WidgetProps};
use crate::i18n::Locale;
use config::{EmbedForm, RawOptions, OPTION_NAMES};
use host_events::HostEvents;

/// A mounted widget, returned to the loader.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Mounted>,
}

struct Mounted {
    app: AppHandle<Widget>,
    host: HtmlElement,
    container: web_sys::Element,
    options: RawOptions,
    /// The loader's early requests this widget adopted (aborted if still unused at the end).
    prefetched: crate::api::client::Adopted,
}

/// Mounts a widget into `host`'s shadow root. `form` is `data`, `element` or `script`
/// (it decides how configuration errors name attributes). Never throws.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(host: HtmlElement, options: JsValue, form: &str) -> WidgetHandle {
    crash_guard::install();
    let form = match form {
        "data" => EmbedForm::DataAttributes,
        "element" => EmbedForm::CustomElement,
        _ => EmbedForm::Script,
    };
    let prefetched = crate::api::client::adopt_prefetch(&options);
    let options = read_options(&options, form);
    let container = match shadow::prepare(&host) {
        Ok(container) => container,
        Err(problem) => {
            warn(&format!(
                "news-widget: cannot mount on this element: {problem}"
            ));
            prefetched.discard(&prefetched.urls);
            return WidgetHandle { mounted: None };
        }
    };
    let props = props_for(&host, &options);
    prefetch::keep_wanted(&prefetched, props.config.as_ref().as_ref().ok());
    let app = yew::Renderer::<Widget>::with_root_and_props(container.clone(), props).render();
    WidgetHandle {
        mounted: Some(Mounted {
            app,
            host,
            container,
            options,
            prefetched,
        }),
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Merges `options` into the current ones and re-renders.
    pub fn update(&mut self, options: JsValue) {
        let Some(mounted) = self.mounted.as_mut() else {
            return;
        };
        let form = mounted.options.form.unwrap_or(EmbedForm::Script);
        let changes = read_options(&options, form);
        let mut merged = mounted.options.clone();
        merged.merge(&changes);
        if merged == mounted.options {
            return;
        }
        mounted.options = merged;
        let props = props_for(&mounted.host, &mounted.options);
        mounted.app.update(props);
    }

    /// Replaces all options (used when a custom element's attributes change).
    #[wasm_bindgen(js_name = replaceOptions)]
    pub fn replace_options(&mut self, options: JsValue) {
        let Some(mounted) = self.mounted.as_mut() else {
            return;
        };
        let form = mounted.options.form.unwrap_or(EmbedForm::Script);
        let replaced = read_options(&options, form);
        if replaced == mounted.options {
            return;
        }
        mounted.options = replaced;
        let props = props_for(&mounted.host, &mounted.options);
        mounted.app.update(props);
    }

    /// Unmounts: aborts requests, removes listeners and the rendered content.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.app.destroy();
            mounted.container.remove();
            mounted.prefetched.discard(&mounted.prefetched.urls);
        }
    }

    /// Whether the widget is mounted (false after `destroy` or a failed mount).
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.mounted.is_some()
    }
}

/// Validates the options; an invalid configuration warns once on the console and fires
/// `news-widget:error` (the widget itself shows the details).
fn props_for(host: &HtmlElement, options: &RawOptions) -> WidgetProps {
    let config = config::parse(options);
    let events = HostEvents::new(host.clone());
    if let Err(errors) = &config {
        let message: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let message = message.join("; ");
        warn(&format!("news-widget: invalid configuration: {message}"));
        events.error("config", &message);
    }
    let (theme, lang) = match &config {
        Ok(config) => (config.theme, config.lang.clone()),
        Err(_) => config::presentation(options),
    };
    WidgetProps {
        locale: Rc::new(resolve_locale(lang.as_deref(), host)),
        config: Rc::new(config),
        theme,
        events,
    }
}

/// `lang` option, else the closest `lang` attribute of the host page, else the browser.
fn resolve_locale(lang: Option<&str>, host: &HtmlElement) -> Locale {
    let page_lang = host
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|element| element.get_attribute("lang"));
    let browser: Vec<String> = web_sys::window()
        .map(|window| window.navigator().languages())
        .map(|languages| languages.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    let candidates = lang
        .into_iter()
        .chain(page_lang.as_deref())
        .chain(browser.iter().map(String::as_str));
    Locale::resolve(candidates)
}

/// Reads the known options from a JS object; numbers, booleans, `URL` objects and arrays
/// are accepted where a string would be (`timeout: 5000`, `lazy: false`,
/// `endpoint: new URL("/api/v1", location.href)`, `parts: ["rating"]`).
fn read_options(value: &JsValue, form: EmbedForm) -> RawOptions {
    let mut options = RawOptions::new(form);
    if !value.is_object() {
        return options;
    }
    for name in OPTION_NAMES {
        let Ok(field) = js_sys::Reflect::get(value, &JsValue::from_str(name)) else {
            continue;
        };
        if field.is_undefined() || field.is_null() {
            continue;
        }
        let listed = matches!(name, "parts" | "lists");
        let text = if listed && js_sys::Array::is_array(&field) {
            // Every item counts: one that is not a name makes the option invalid (and the
            // error says so) instead of being dropped without a word.
            let items: Vec<String> = js_sys::Array::from(&field)
                .iter()
                .map(|item| option_text(&item))
                .collect();
            items.join(",")
        } else {
            option_text(&field)
        };
        options.set(name, text);
    }
    options
}

/// One option value as text. Anything else than a string, number, boolean or `URL` (an
/// array for an option that is not a list, too) is `[object]`, which no option accepts
/// (its configuration error names the option).
fn option_text(field: &JsValue) -> String {
    if let Some(text) = field.as_string() {
        text
    } else if field.as_f64().is_some() {
        // The browser's own number formatting (no float formatting code in the wasm).
        String::from(
            js_sys::Number::from(field.clone())
                .to_string_with_radix(10)
                .unwrap_or_default(),
        )
    } else if let Some(flag) = field.as_bool() {
        flag.to_string()
    } else if let Some(url) = field.dyn_ref::<web_sys::Url>() {
        url.href()
    } else {
        "[object]".to_owned()
    }
}

/// One console warning, never an exception.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}
