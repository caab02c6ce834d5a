//! Keeping a keyboard user's focus in the widget when what they were on goes away: a
//! Retry button that its retry removes, a rating button or carousel rebuilt for another
//! article. The focus moves to the part's container (focusable from script only, with
//! `tabindex="-1"`), so Tab goes on inside the widget instead of from the top of the page.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::embed::config::{ListKind, Part, WidgetConfig};

/// The classes of the parts' containers, outermost element of each part.
const PART_CONTAINERS: [&str; 3] = ["nw-article", "nw-rating", "nw-carousel"];
const PART_SELECTOR: &str = ".nw-article, .nw-rating, .nw-carousel";

/// `on_retry` preceded by moving the focus from the Retry button (which the retry
/// removes) to its part's container.
pub fn keeping_focus(on_retry: &Callback<MouseEvent>) -> Callback<MouseEvent> {
    keeping_focus_on(on_retry, None)
}

/// [`keeping_focus`], onto the element `selector` finds in the part when there is one
/// (a vote's Retry: the rating button, which stays).
pub fn keeping_focus_on(
    on_retry: &Callback<MouseEvent>,
    selector: Option<&'static str>,
) -> Callback<MouseEvent> {
    on_retry.reform(move |event: MouseEvent| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok());
        if let Some(container) = button.as_ref().and_then(part_of) {
            let inner =
                selector.and_then(|selector| container.query_selector(selector).ok().flatten());
            focus(&inner.unwrap_or(container));
        }
        event
    })
}

/// The class of the part holding the focus in the shadow root around `inside`, if any.
fn focused_part(inside: &NodeRef) -> Option<&'static str> {
    let element = inside.cast::<Element>()?;
    let shadow = element
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()?;
    let container = part_of(&shadow.active_element()?)?;
    PART_CONTAINERS
        .into_iter()
        .find(|class| container.matches(&format!(".{class}")).unwrap_or(false))
}

/// Focuses the container of part `class` under `root` (its new element, when the part
/// was rebuilt), or `root` itself when the part is gone.
fn focus_part(root: &NodeRef, class: &str) {
    let Some(root) = root.cast::<Element>() else {
        return;
    };
    let container = root.query_selector(&format!(".{class}")).ok().flatten();
    focus(&container.unwrap_or(root));
}

fn part_of(element: &Element) -> Option<Element> {
    element.closest(PART_SELECTOR).ok().flatten()
}

fn focus(element: &Element) {
    let Some(element) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    let _ = element.focus();
}

/// What a widget shows whose change rebuilds its parts: endpoint, article, lists, parts.
type Shown = (String, String, Vec<ListKind>, Vec<Part>);

/// Keeps the focus in the widget whose root is `root` when another article, endpoint,
/// choice of lists or of parts rebuilds the rating button and the carousel and replaces
/// the article's content: the part that held the focus gets it back on its new container
/// (was: the focus fell to the host page's `<body>`). The focus is read while rendering,
/// before the old elements go, and given back after the render.
#[hook]
pub fn use_focus_across_articles(root: &NodeRef, config: Option<&WidgetConfig>) {
    let shown = use_mut_ref(|| None::<Shown>);
    let refocus = use_mut_ref(|| None::<&'static str>);
    let now = config.map(|config| {
        let endpoint = config.endpoint.as_str().to_owned();
        let lists = config.lists.clone();
        (
            endpoint,
            config.article.clone(),
            lists,
            config.parts.clone(),
        )
    });
    if *shown.borrow() != now {
        if shown.borrow().is_some() {
            *refocus.borrow_mut() = focused_part(root);
        }
        *shown.borrow_mut() = now;
    }
    let root = root.clone();
    use_effect(move || {
        if let Some(part) = refocus.borrow_mut().take() {
            focus_part(&root, part);
        }
    });
}
