//! The error state every part shows on failure: what failed, and a Retry button.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::ApiError;
use crate::i18n::Messages;

#[derive(Properties, PartialEq)]
pub struct ErrorStateProps {
    pub error: ApiError,
    pub messages: &'static Messages,
    pub on_retry: Callback<MouseEvent>,
    /// A background retry is scheduled.
    #[prop_or_default]
    pub retrying: bool,
}

/// Localized headline for an error.
pub fn error_title(error: &ApiError, messages: &'static Messages) -> &'static str {
    match error {
        ApiError::Network | ApiError::Aborted => messages.error_network,
        ApiError::Timeout { .. } => messages.error_timeout,
        ApiError::Http { status: 404, .. } => messages.error_not_found,
        ApiError::Http { .. } => messages.error_http,
        ApiError::NotJson => messages.error_not_json,
        ApiError::Invalid { .. } => messages.error_invalid,
        ApiError::TooLarge { .. } => messages.error_too_large,
    }
}

/// The containers of the parts that stay in place while their content changes.
const PART_CONTAINERS: &str = ".nw-article, .nw-rating, .nw-carousel";

/// `on_retry` preceded by moving the focus from the Retry button (which the retry
/// removes) to its part's container: a keyboard user stays in the widget instead of
/// falling back to the top of the host page.
pub fn keeping_focus(on_retry: &Callback<MouseEvent>) -> Callback<MouseEvent> {
    on_retry.reform(|event: MouseEvent| {
        let container = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|button| button.closest(PART_CONTAINERS).ok().flatten())
            .and_then(|container| container.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(container) = container {
            if !container.has_attribute("tabindex") {
                let _ = container.set_attribute("tabindex", "-1");
            }
            let _ = container.focus();
        }
        event
    })
}

/// Shows what failed; the Retry button asks for the resource again.
#[function_component]
pub fn ErrorState(props: &ErrorStateProps) -> Html {
    let messages = props.messages;
    html! {
        <div class={classes!("nw-error", format!("nw-error-{}", props.error.kind()))}
             role="alert" part="error" data-error-kind={props.error.kind()}>
            <p class="nw-error-title">{ error_title(&props.error, messages) }</p>
            // Technical detail, in English whatever the locale (marked so, for screen readers
            // and the bidi algorithm in a right-to-left widget).
            <p class="nw-error-detail" lang="en" dir="auto">{ props.error.to_string() }</p>
            if props.error.is_transient() {
                <p class="nw-error-retrying" hidden={!props.retrying}>{ messages.retrying_soon }</p>
            }
            <button type="button" class="nw-button nw-retry" part="retry" onclick={keeping_focus(&props.on_retry)}>
                { messages.retry }
            </button>
        </div>
    }
}
