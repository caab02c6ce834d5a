//! Loading state of one remote resource (an article, a rating): a pure reducer.
//!
//! Each request gets an id; answers for any other id are stale and ignored, so a slow old
//! response can never overwrite a newer one. Transient failures (network, timeout, 5xx)
//! show the error state at once and schedule background retries with backoff; the first
//! success replaces the error state.

use std::rc::Rc;

use yew::Reducible;

use crate::api::ApiError;
use crate::state::retry::Backoff;

/// What the view shows.
#[derive(Debug, PartialEq)]
pub enum Phase<T> {
    Loading,
    Loaded(Rc<T>),
    Failed(ApiError),
}

// Manual impl: cloning shares the `Rc`, so `T` itself need not be `Clone`.
impl<T> Clone for Phase<T> {
    fn clone(&self) -> Self {
        match self {
            Phase::Loading => Phase::Loading,
            Phase::Loaded(value) => Phase::Loaded(Rc::clone(value)),
            Phase::Failed(error) => Phase::Failed(error.clone()),
        }
    }
}

/// The resource's state.
#[derive(Debug, PartialEq)]
pub struct Remote<T> {
    pub phase: Phase<T>,
    /// The id of the only request whose answer is still wanted.
    pub current_request: u32,
    /// Background retries: made so far, and the next one if scheduled.
    pub retry: Backoff,
    /// Bumped to ask the view to start a new request (manual or background retry).
    pub attempt: u32,
    /// Answers taken so far (successes and failures): one ready or error event each, when
    /// the answer comes, not when a retry starts.
    pub answers: u32,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Remote {
            phase: Phase::Loading,
            current_request: 0,
            retry: Backoff::default(),
            attempt: 0,
            answers: 0,
        }
    }
}

impl<T> Remote<T> {
    /// The state after request 1 answered `result` before the first render (an answer the
    /// loader had already buffered): failures keep their retry schedule.
    pub fn answered(result: Result<T, ApiError>) -> Remote<T> {
        Remote::default()
            .apply(RemoteAction::Started {
                request: FIRST_REQUEST,
                reset: true,
            })
            .apply(RemoteAction::Finished {
                request: FIRST_REQUEST,
                result,
            })
    }
}

impl<T> Remote<T> {
    /// Whether it failed in a way a working connection may fix (see [`RemoteAction::Online`]).
    pub fn failed_transiently(&self) -> bool {
        matches!(&self.phase, Phase::Failed(error) if error.is_transient())
    }
}

/// The id [`Remote::answered`] gives its request.
pub const FIRST_REQUEST: u32 = 1;

/// Transitions of [`Remote`].
#[derive(Debug)]
pub enum RemoteAction<T> {
    /// A request with this id was sent; `reset` forgets the old data (new article).
    Started { request: u32, reset: bool },
    /// The request with this id answered.
    Finished {
        request: u32,
        result: Result<T, ApiError>,
    },
    /// The reader pressed Retry.
    RetryNow,
    /// A scheduled background retry is due.
    RetryDue,
    /// The browser reports the connection back (`online`).
    Online,
}

impl<T> Remote<T> {
    /// Pure transition function.
    pub fn apply(&self, action: RemoteAction<T>) -> Remote<T> {
        let mut next = Remote {
            phase: self.phase.clone(),
            ..*self
        };
        match action {
            RemoteAction::Started { request, reset } => {
                next.current_request = request;
                next.retry.cancel();
                if reset || !matches!(next.phase, Phase::Failed(_)) {
                    next.phase = Phase::Loading;
                }
                if reset {
                    next.retry.reset();
                }
            }
            RemoteAction::Finished { request, result } => {
                if request != self.current_request {
                    return next;
                }
                if !matches!(result, Err(ApiError::Aborted)) {
                    next.answers = self.answers.wrapping_add(1);
                }
                match result {
                    Ok(value) => {
                        next.phase = Phase::Loaded(Rc::new(value));
                        next.retry.reset();
                    }
                    Err(ApiError::Aborted) => {}
                    Err(error) => {
                        next.retry.failed(&error);
                        next.phase = Phase::Failed(error);
                    }
                }
            }
            RemoteAction::RetryNow => {
                next.retry.reset();
                next.phase = Phase::Loading;
                next.attempt = self.attempt.wrapping_add(1);
            }
            RemoteAction::RetryDue => {
                if next.retry.fire() {
                    next.attempt = self.attempt.wrapping_add(1);
                }
            }
            // Asked again at once, with a fresh retry schedule; the error stays on screen
            // until the answer (its background retries may all have been spent offline).
            RemoteAction::Online => {
                if self.failed_transiently() {
                    next.retry.reset();
                    next.attempt = self.attempt.wrapping_add(1);
                }
            }
        }
        next
    }
}

impl<T> Reducible for Remote<T> {
    type Action = RemoteAction<T>;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::retry::RETRY_BACKOFF_MS;

    fn started(request: u32) -> RemoteAction<&'static str> {
        RemoteAction::Started {
            request,
            reset: false,
        }
    }

    fn finished(
        request: u32,
        result: Result<&'static str, ApiError>,
    ) -> RemoteAction<&'static str> {
        RemoteAction::Finished { request, result }
    }

    #[test]
    fn success_loads() {
        let state = Remote::default()
            .apply(started(1))
            .apply(finished(1, Ok("a")));
        assert_eq!(state.phase, Phase::Loaded(Rc::new("a")));
    }

    #[test]
    fn stale_answers_are_ignored() {
        let state = Remote::default()
            .apply(started(1))
            .apply(started(2))
            .apply(finished(2, Ok("new")))
            .apply(finished(1, Ok("old")));
        assert_eq!(state.phase, Phase::Loaded(Rc::new("new")));
        let failed_late = state.apply(finished(1, Err(ApiError::Network)));
        assert_eq!(failed_late.phase, Phase::Loaded(Rc::new("new")));
    }

    #[test]
    fn transient_failures_retry_three_times_with_backoff() {
        let mut state = Remote::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::Network)));
        let mut delays = Vec::new();
        let mut request = 1;
        while let Some(delay) = state.retry.due_in_ms() {
            assert!(matches!(state.phase, Phase::Failed(_)));
            delays.push(delay);
            state = state.apply(RemoteAction::RetryDue);
            request += 1;
            state = state
                .apply(started(request))
                .apply(finished(request, Err(ApiError::Timeout { millis: 10 })));
        }
        assert_eq!(delays, vec![1_000, 2_000, 4_000]);
        assert_eq!(state.attempt, 3);
    }

    #[test]
    fn background_retry_keeps_the_error_visible_until_success() {
        let state = Remote::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::Network)))
            .apply(RemoteAction::RetryDue)
            .apply(started(2));
        assert!(matches!(state.phase, Phase::Failed(_)));
        let state = state.apply(finished(2, Ok("back")));
        assert_eq!(state.phase, Phase::Loaded(Rc::new("back")));
        assert_eq!(state.retry.made(), 0);
    }

    #[test]
    fn back_online_asks_again_at_once_even_after_the_last_retry() {
        let mut state = Remote::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::Network)));
        let mut request = 1;
        while state.retry.due_in_ms().is_some() {
            request += 1;
            state = state
                .apply(RemoteAction::RetryDue)
                .apply(started(request))
                .apply(finished(request, Err(ApiError::Network)));
        }
        assert_eq!(state.retry.due_in_ms(), None, "retries spent");
        let online = state.apply(RemoteAction::Online);
        assert_eq!(online.attempt, state.attempt + 1, "a new request");
        assert!(
            matches!(online.phase, Phase::Failed(_)),
            "error kept meanwhile"
        );
        // Still failing: a fresh schedule of background retries.
        let again = online
            .apply(started(request + 1))
            .apply(finished(request + 1, Err(ApiError::Network)));
        assert_eq!(again.retry.due_in_ms(), Some(RETRY_BACKOFF_MS[0]));
        // Nothing to do when loaded, or when the error is not the connection's.
        let loaded = Remote::default()
            .apply(started(1))
            .apply(finished(1, Ok("a")));
        assert_eq!(loaded.apply(RemoteAction::Online), loaded);
        let not_json = Remote::<&str>::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::NotJson)));
        assert!(!not_json.failed_transiently());
        assert_eq!(not_json.apply(RemoteAction::Online), not_json);
    }

    #[test]
    fn each_answer_is_counted_when_it_comes_not_when_a_retry_starts() {
        let failed = Remote::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::Timeout { millis: 10 })));
        assert_eq!(failed.answers, 1);
        let retrying = failed.apply(RemoteAction::RetryDue).apply(started(2));
        assert_eq!(retrying.answers, 1, "a retry under way is no new answer");
        let again = retrying.apply(finished(2, Err(ApiError::Timeout { millis: 10 })));
        assert_eq!(again.answers, 2);
        let aborted = again
            .apply(started(3))
            .apply(finished(3, Err(ApiError::Aborted)));
        assert_eq!(aborted.answers, 2);
    }

    #[test]
    fn permanent_failures_do_not_retry() {
        for error in [
            ApiError::NotJson,
            ApiError::TooLarge { limit: 1 },
            ApiError::Http {
                status: 404,
                code: None,
                message: None,
            },
            ApiError::Invalid {
                path: "title".into(),
                detail: "missing".into(),
            },
        ] {
            let state = Remote::default()
                .apply(started(1))
                .apply(finished(1, Err(error)));
            assert_eq!(state.retry.due_in_ms(), None);
        }
    }

    #[test]
    fn manual_retry_shows_loading_and_resets_backoff() {
        let state = Remote::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::Network)))
            .apply(RemoteAction::RetryDue)
            .apply(RemoteAction::RetryNow);
        assert_eq!(state.phase, Phase::Loading);
        assert_eq!(state.retry.made(), 0);
        assert_eq!(state.attempt, 2);
    }

    #[test]
    fn aborted_requests_change_nothing() {
        let state = Remote::default()
            .apply(started(1))
            .apply(finished(1, Err(ApiError::Aborted)));
        assert_eq!(state.phase, Phase::Loading);
        assert_eq!(state.retry.due_in_ms(), None);
    }

    #[test]
    fn an_answer_before_the_first_render_is_shown_at_once() {
        let state = Remote::answered(Ok("early"));
        assert_eq!(state.phase, Phase::Loaded(Rc::new("early")));
        assert_eq!(state.current_request, FIRST_REQUEST);
        assert_eq!(state.retry.due_in_ms(), None);
        // A later request replaces it like any other answer.
        let state = state.apply(started(2)).apply(finished(2, Ok("next")));
        assert_eq!(state.phase, Phase::Loaded(Rc::new("next")));
    }

    #[test]
    fn an_early_transient_failure_still_retries() {
        let state = Remote::<&str>::answered(Err(ApiError::Http {
            status: 503,
            code: None,
            message: None,
        }));
        assert!(matches!(state.phase, Phase::Failed(_)));
        assert_eq!(state.retry.due_in_ms(), Some(RETRY_BACKOFF_MS[0]));
        let early_not_found = Remote::<&str>::answered(Err(ApiError::Http {
            status: 404,
            code: None,
            message: None,
        }));
        assert_eq!(early_not_found.retry.due_in_ms(), None);
    }

    #[test]
    fn retry_due_without_schedule_is_ignored() {
        let state = Remote::<&str>::default().apply(RemoteAction::RetryDue);
        assert_eq!(state.attempt, 0);
    }
}
