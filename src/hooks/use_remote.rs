//! `use_remote`: load a resource for a key, with cancellation, stale-answer protection and
//! background retries, driving the pure [`Remote`] reducer.

use std::future::Future;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{ApiError, Cancel};
use crate::hooks::{use_retry_timer, use_window_event};
use crate::state::remote::{Phase, Remote, RemoteAction, FIRST_REQUEST};

/// What a view needs from a loading resource.
pub struct RemoteHandle<T: 'static> {
    state: UseReducerHandle<Remote<T>>,
}

impl<T: 'static> RemoteHandle<T> {
    /// Loading, loaded or failed.
    pub fn phase(&self) -> &Phase<T> {
        &self.state.phase
    }

    /// Whether a background retry is scheduled.
    pub fn retrying(&self) -> bool {
        self.state.retry.due_in_ms().is_some()
    }

    /// Answers taken so far; changes when a request answers (or fails), not when it starts.
    pub fn answers(&self) -> u32 {
        self.state.answers
    }

    /// A callback for the Retry button.
    pub fn retry(&self) -> Callback<MouseEvent> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(RemoteAction::RetryNow))
    }
}

/// Loads `load(key)` whenever `key` changes or a retry is asked for. The previous request
/// is aborted first, and aborted on unmount. On the first render, `early(key)` may hand
/// over an answer that is already here (the loader's prefetch): it is shown in that very
/// render, and no request is made for it.
#[hook]
pub fn use_remote<K, T, E, F, Fut>(key: K, early: E, load: F) -> RemoteHandle<T>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    E: FnOnce(&K) -> Option<Result<T, ApiError>>,
    F: FnOnce(&K) -> (Cancel, Fut) + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = {
        let key = &key;
        use_reducer(move || early(key).map_or_else(Remote::default, Remote::answered))
    };
    let next_request = use_mut_ref(|| state.current_request);
    let in_flight = use_mut_ref(|| None::<Cancel>);
    let last_key = use_mut_ref(|| None::<K>);

    {
        let dispatcher = state.dispatcher();
        let answered_early = state.current_request == FIRST_REQUEST && last_key.borrow().is_none();
        use_effect_with((key, state.attempt), move |(key, _)| {
            let first = last_key.borrow().is_none();
            let reset = last_key.borrow().as_ref() != Some(key);
            *last_key.borrow_mut() = Some(key.clone());
            if first && answered_early {
                // Already answered before the first render (see `Remote::answered`).
                return Box::new(|| ()) as Box<dyn FnOnce()>;
            }
            let request = {
                let mut counter = next_request.borrow_mut();
                *counter = counter.wrapping_add(1);
                *counter
            };
            dispatcher.dispatch(RemoteAction::Started { request, reset });
            let (cancel, future) = load(key);
            if let Some(previous) = in_flight.borrow_mut().replace(cancel) {
                previous.abort();
            }
            spawn_local(async move {
                let result = future.await;
                dispatcher.dispatch(RemoteAction::Finished { request, result });
            });
            Box::new(move || {
                if let Some(cancel) = in_flight.borrow_mut().take() {
                    cancel.abort();
                }
            })
        });
    }

    {
        let dispatcher = state.dispatcher();
        use_retry_timer(state.retry.due_in_ms(), state.current_request, move || {
            dispatcher.dispatch(RemoteAction::RetryDue)
        });
    }

    // Back online: no need to wait for a retry, or for the reader after the last one.
    {
        let dispatcher = state.dispatcher();
        use_window_event(
            "online",
            state.failed_transiently(),
            Rc::new(move |_| dispatcher.dispatch(RemoteAction::Online)),
        );
    }

    RemoteHandle { state }
}
