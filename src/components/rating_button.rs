//! The rating part: a real `<button>` with the label and count, `aria-pressed`, and a
//! polite live region announcing the confirmed count.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::{ApiError, Endpoint};
use crate::components::error_state::error_title;
use crate::components::focus::{keeping_focus, keeping_focus_on};
use crate::embed::host_events::HostEvents;
use crate::format;
use crate::hooks::use_rating;
use crate::i18n::Locale;
use crate::state::rating::RatingLoad;

#[derive(Properties, PartialEq)]
pub struct RatingButtonProps {
    pub endpoint: Endpoint,
    pub article: String,
    pub timeout_ms: u32,
    pub locale: Rc<Locale>,
    pub events: HostEvents,
    /// Called once the rating has rendered (or is known to be absent).
    pub on_ready: Callback<()>,
    /// The article shown beside the button has no rating: nothing is shown.
    #[prop_or_default]
    pub hidden: bool,
}

/// One-click public reaction ("veryGood! 6,349"), optimistic and undo-able.
#[function_component]
pub fn RatingButton(props: &RatingButtonProps) -> Html {
    let rating = use_rating(
        &props.endpoint,
        &props.article,
        props.timeout_ms,
        &props.events,
    );
    let state = rating.state();
    let messages = props.locale.messages();
    let tag = props.locale.tag.as_str();

    {
        let on_ready = props.on_ready.clone();
        let settled = props.hidden || matches!(state.load, RatingLoad::Ready | RatingLoad::Absent);
        use_effect_with(settled, move |settled| {
            if *settled {
                on_ready.emit(());
            }
        });
    }

    let content = match &state.load {
        _ if props.hidden => return Html::default(),
        RatingLoad::Absent => return Html::default(),
        RatingLoad::Loading => html! {
            <div class="nw-rating-skeleton" aria-hidden="true"></div>
        },
        RatingLoad::Failed(error) => html! {
            <div class="nw-rating-error" part="error" data-error-kind={error.kind()}>
                // One line of known height: the detail (the field, the server's message)
                // is its tooltip, as the article's error state shows it in full.
                <span class="nw-rating-error-text" role="alert" title={error.to_string()}>{ error_title(error, messages) }</span>
                <button type="button" class="nw-button nw-retry" part="retry" onclick={keeping_focus(&rating.reload())}>{ messages.retry }</button>
            </div>
        },
        RatingLoad::Ready => {
            let exact = format::exact_number(tag, state.count);
            let name = format!("{} {exact}", state.label);
            let announcement = state
                .announced
                .map(|count| format!("{} {}", state.label, format::exact_number(tag, count)));
            html! {
                <>
                    <button type="button" class="nw-rating-button" part="rating-button"
                            aria-pressed={if state.voted { "true" } else { "false" }}
                            aria-label={name} onclick={rating.toggle()}>
                        <svg class="nw-rating-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z" />
                        </svg>
                        // The visible text equals the accessible name (WCAG label in name):
                        // the exact count, not a compact one.
                        <span class="nw-rating-label" dir="auto">{ &state.label }</span>
                        { " " }
                        <span class="nw-rating-count">{ exact }</span>
                    </button>
                    if let Some((error, _)) = &state.vote_error {
                        <span class="nw-rating-error-text" role="alert" data-error-kind={error.kind()}>
                            { if matches!(error, ApiError::Http { status: 429, .. }) {
                                messages.rating_rate_limited
                            } else {
                                messages.rating_failed
                            } }
                        </span>
                        <button type="button" class="nw-button nw-retry" part="retry" onclick={keeping_focus_on(&rating.retry_vote(), Some(".nw-rating-button"))}>
                            { messages.retry }
                        </button>
                    }
                    <span class="nw-visually-hidden" aria-live="polite" aria-atomic="true">
                        { announcement.unwrap_or_default() }
                    </span>
                </>
            }
        }
    };
    html! { <div class="nw-rating" part="rating">{ content }</div> }
}
