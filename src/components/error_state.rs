//! The error state every part shows on failure: what failed, and a Retry button.

use yew::prelude::*;

use crate::api::ApiError;
use crate::components::focus::keeping_focus;
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

/// Shows what failed; the Retry button asks for the resource again.
#[function_component]
pub fn ErrorState(props: &ErrorStateProps) -> Html {
    let messages = props.messages;
    html! {
        // The alert is the title alone: the lines that change while background retries
        // run ("Trying again automatically…" shown and hidden) stay outside it, so a
        // screen reader says the failure once, not again at every retry.
        <div class={classes!("nw-error", format!("nw-error-{}", props.error.kind()))}
             part="error" data-error-kind={props.error.kind()}>
            <p class="nw-error-title" role="alert">{ error_title(&props.error, messages) }</p>
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
