//! Every image the widget shows from the endpoint (lead, body and card images): lazy, no
//! referrer, inside a box (`.nw-picture`) that paints the image's place. Two promises the
//! plain markup would not keep:
//! - The box keeps the declared aspect ratio even when the file's own differs, so a lying
//!   `width`/`height` does not resize the image when it loads (a layout shift): the
//!   stylesheet reads the ratio from those attributes (`attr()`; where a browser cannot,
//!   the file's ratio wins once loaded, as before).
//! - A file that fails to load is hidden (`data-failed`), so the box shows instead of the
//!   browser's broken-image glyph; the `alt` text stays for assistive technology, and a
//!   later successful load (a new `src`) shows the image again.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// An `<img>` of `src` (an http(s) URL, see `sanitize::http_url`) in its box. `size` is the
/// declared width and height, used only when both are non-zero.
pub fn picture(
    src: String,
    alt: String,
    size: (Option<u32>, Option<u32>),
    class: &'static str,
) -> Html {
    let size = size.0.zip(size.1).filter(|(w, h)| *w > 0 && *h > 0);
    html! {
        <span class="nw-picture">
            <img class={class} src={src} alt={alt}
                 width={size.map(|(w, _)| w.to_string())} height={size.map(|(_, h)| h.to_string())}
                 loading="lazy" decoding="async" referrerpolicy="no-referrer"
                 onerror={Callback::from(|event: Event| mark_failed(&event, true))}
                 onload={Callback::from(|event: Event| mark_failed(&event, false))} />
        </span>
    }
}

fn mark_failed(event: &Event, failed: bool) {
    if let Some(image) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    {
        let _ = if failed {
            image.set_attribute("data-failed", "")
        } else {
            image.remove_attribute("data-failed")
        };
    }
}
