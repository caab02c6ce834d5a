//! `use_rating`: loads the reader's rating state and sends votes, driving the pure
//! [`Rating`] reducer (one request in flight at a time; see `state/rating.rs`).

use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::types::RatingState;
use crate::api::{fetch_rating, send_vote, ApiError, Cancel, Endpoint};
use crate::embed::host_events::HostEvents;
use crate::hooks::{rating_peers, use_retry_timer, use_window_event};
use crate::state::rating::{Rating, RatingAction};
use crate::voter;

/// What the rating button needs.
pub struct RatingHandle {
    state: UseReducerHandle<Rating>,
}

impl RatingHandle {
    /// The current state.
    pub fn state(&self) -> &Rating {
        &self.state
    }

    /// Toggles the reader's vote.
    pub fn toggle(&self) -> Callback<MouseEvent> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(RatingAction::Toggle))
    }

    /// Sends the failed vote again.
    pub fn retry_vote(&self) -> Callback<MouseEvent> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(RatingAction::RetryVote))
    }

    /// Loads the rating again after a load failure.
    pub fn reload(&self) -> Callback<MouseEvent> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(RatingAction::Reload))
    }
}

/// Rating state for one article; mount it with a `key` per article.
#[hook]
pub fn use_rating(
    endpoint: &Endpoint,
    article: &str,
    timeout_ms: u32,
    events: &HostEvents,
) -> RatingHandle {
    let state = use_reducer(Rating::default);
    let loading = use_mut_ref(|| None::<Cancel>);
    let voting = use_mut_ref(|| None::<Cancel>);
    let context = Rc::new((endpoint.clone(), article.to_owned(), timeout_ms));

    // Load (again when Retry asks for it).
    {
        let dispatcher = state.dispatcher();
        let context = context.clone();
        let loading = loading.clone();
        use_effect_with(state.loads, move |_| {
            let (endpoint, article, timeout_ms) = &*context;
            if let Some(voted) = voter::remembered_vote(endpoint.as_str(), article) {
                dispatcher.dispatch(RatingAction::Remembered { voted });
            }
            match voter::voter_id() {
                Some(voter) => {
                    let (cancel, future) = fetch_rating(endpoint, article, &voter, *timeout_ms);
                    *loading.borrow_mut() = Some(cancel);
                    spawn_local(
                        async move { dispatcher.dispatch(RatingAction::Loaded(future.await)) },
                    );
                }
                None => dispatcher.dispatch(RatingAction::Loaded(Err(ApiError::Network))),
            }
        });
    }

    // Send the vote the reducer asks for; only one is ever in flight.
    {
        let dispatcher = state.dispatcher();
        let context = context.clone();
        let voting = voting.clone();
        use_effect_with(state.in_flight, move |request| {
            if let (Some(request), Some(voter)) = (request, voter::voter_id()) {
                let (endpoint, article, timeout_ms) = &*context;
                let (cancel, future) =
                    send_vote(endpoint, article, &voter, request.voted, *timeout_ms);
                *voting.borrow_mut() = Some(cancel);
                let id = request.id;
                spawn_local(async move {
                    let result = future.await;
                    dispatcher.dispatch(RatingAction::VoteFinished { id, result });
                });
            }
        });
    }

    // Load again in the background after a transient failure.
    {
        let dispatcher = state.dispatcher();
        use_retry_timer(state.retry.due_in_ms(), state.loads, move || {
            dispatcher.dispatch(RatingAction::RetryDue)
        });
    }

    // Follow the votes other buttons for this article confirm (see `rating_peers`).
    let peer = {
        let dispatcher = state.dispatcher();
        let peer = use_memo((), |_| {
            let key = rating_peers::key(endpoint.as_str(), article);
            rating_peers::join(key, move |news| {
                dispatcher.dispatch(match news {
                    rating_peers::News::Confirmed(server) => RatingAction::Loaded(Ok(server)),
                    rating_peers::News::Intent(voted) => RatingAction::PeerIntent { voted },
                })
            })
        });
        *peer
    };

    // Each click is the reader's latest intent for every button of the article.
    {
        let voted = state.voted;
        use_effect_with(state.clicks, move |clicks| {
            if *clicks > 0 {
                rating_peers::tell(peer, &rating_peers::News::Intent(voted));
            }
        });
    }

    // A page shown again from the back/forward cache kept its old state, while the reader
    // may have voted or withdrawn on another page meanwhile: read the rating again.
    {
        let dispatcher = state.dispatcher();
        use_window_event(
            "pageshow",
            true,
            Rc::new(move |event: web_sys::Event| {
                let persisted = js_sys::Reflect::get(&event, &JsValue::from_str("persisted"))
                    .is_ok_and(|value| value.is_truthy());
                if persisted {
                    dispatcher.dispatch(RatingAction::Check);
                }
            }),
        );
    }

    // Back online: a rating that failed to load is asked again without waiting.
    {
        let dispatcher = state.dispatcher();
        use_window_event(
            "online",
            state.failed_transiently(),
            Rc::new(move |_| dispatcher.dispatch(RatingAction::Online)),
        );
    }

    // Abort whatever is in flight, and leave the peers, when the widget goes away.
    use_effect_with((), move |_| {
        move || {
            rating_peers::leave(peer);
            for slot in [loading, voting] {
                if let Some(cancel) = slot.borrow_mut().take() {
                    cancel.abort();
                }
            }
        }
    });

    // Tell the host page and remember the vote once the server confirms it.
    {
        let events = events.clone();
        let context = context.clone();
        let confirmed = state.confirmed;
        let label = state.label.clone();
        use_effect_with(state.confirmations, move |confirmations| {
            if *confirmations > 0 {
                let (endpoint, article, _) = &*context;
                voter::remember_vote(endpoint.as_str(), article, confirmed.1);
                events.rated(article, confirmed.1, confirmed.0);
                let server = RatingState {
                    label,
                    count: confirmed.0,
                    voted: confirmed.1,
                };
                rating_peers::tell(peer, &rating_peers::News::Confirmed(server));
            }
        });
    }

    // Report failures to the host page.
    {
        let events = events.clone();
        let failure = match (&state.load, &state.vote_error) {
            (crate::state::rating::RatingLoad::Failed(error), _) => Some(error.clone()),
            (_, Some((error, _))) => Some(error.clone()),
            _ => None,
        };
        // Once per failed request, as the article and the carousel do.
        use_effect_with((failure, state.failures), move |(failure, _)| {
            if let Some(error) = failure {
                events.error(error.kind(), &error.to_string());
            }
        });
    }

    RatingHandle { state }
}
