//! The rating button's behaviour: a pure state machine.
//!
//! The count and pressed state change on click (optimistic); at most one vote request is
//! in flight per widget; when it answers, the server's count is adopted and, if the reader
//! changed their mind meanwhile, one more request carries the latest intent. An answer
//! that contradicts the request (`voted: false` to a POST) is adopted as it is. A failure
//! rolls back to the last state the server confirmed and keeps the failed intent for Retry;
//! when the server may have acted all the same (no answer, a timeout, a 5xx), the rating
//! is read again, and a vote found to have landed is shown as the confirmed one. A
//! transient load failure is retried in the background (see `state/retry.rs`).

use std::rc::Rc;

use yew::Reducible;

use crate::api::types::RatingState;
use crate::api::ApiError;
use crate::state::retry::Backoff;

/// Whether the button can be shown yet.
#[derive(Clone, Debug, PartialEq)]
pub enum RatingLoad {
    Loading,
    Ready,
    /// The article has no rating (the endpoint answered 404 `no_rating`): nothing is shown.
    Absent,
    Failed(ApiError),
}

/// A vote request the view must send: `POST` when `voted`, else `DELETE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VoteRequest {
    pub id: u32,
    pub voted: bool,
}

/// What the button shows and what is on its way to the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub load: RatingLoad,
    pub label: String,
    /// Shown count (optimistic).
    pub count: u64,
    /// Shown pressed state: the reader's latest intent.
    pub voted: bool,
    /// The last state the server confirmed: `(count, voted)`.
    pub confirmed: (u64, bool),
    /// The request in flight, if any.
    pub in_flight: Option<VoteRequest>,
    /// The last vote failure, with the intent that failed.
    pub vote_error: Option<(ApiError, bool)>,
    /// Bumped for each server-confirmed change of this button's own votes (drives the
    /// `rated` event and telling the other buttons).
    pub confirmations: u32,
    /// The count the live region announces: the server's, as of this button's last
    /// confirmed vote. Not moved by other buttons' votes, so one vote is announced once,
    /// not by every button of the article on the page.
    pub announced: Option<u64>,
    /// Failed requests shown to the reader so far (one `news-widget:error` event each).
    pub failures: u32,
    /// Bumped to ask the view to load the rating again.
    pub loads: u32,
    /// The load in progress is a check behind a button already shown (after a vote with
    /// an unknown outcome, or a page shown again): its failure leaves the button as it is.
    pub checking: bool,
    /// Background retries of a failed load.
    pub retry: Backoff,
    /// Bumped by each click on this button: its new intent is told to the other buttons
    /// of the article.
    pub clicks: u32,
    next_request: u32,
}

impl Default for Rating {
    fn default() -> Self {
        Rating {
            load: RatingLoad::Loading,
            label: String::new(),
            count: 0,
            voted: false,
            confirmed: (0, false),
            in_flight: None,
            vote_error: None,
            confirmations: 0,
            announced: None,
            failures: 0,
            loads: 0,
            checking: false,
            retry: Backoff::default(),
            clicks: 0,
            next_request: 0,
        }
    }
}

/// Transitions of [`Rating`].
#[derive(Debug)]
pub enum RatingAction {
    /// Initial state remembered locally (pressed before the server answers).
    Remembered { voted: bool },
    /// The `GET …/rating` answer.
    Loaded(Result<RatingState, ApiError>),
    /// The reader pressed the button.
    Toggle,
    /// The reader pressed Retry after a failed vote.
    RetryVote,
    /// The reader pressed Retry after the rating failed to load.
    Reload,
    /// Read the rating again behind the shown button (the page was shown again from the
    /// back/forward cache: another page may have changed the vote meanwhile).
    Check,
    /// A scheduled background retry of the load is due.
    RetryDue,
    /// The browser reports the connection back (`online`).
    Online,
    /// The reader clicked another button of the same article: that is their vote now.
    /// Shown at once; that button sends it, this one only converges on it (a request of
    /// its own still out is followed by the new intent when it answers otherwise).
    PeerIntent { voted: bool },
    /// The vote request `id` answered.
    VoteFinished {
        id: u32,
        result: Result<RatingState, ApiError>,
    },
}

impl Rating {
    /// Pure transition function.
    pub fn apply(&self, action: RatingAction) -> Rating {
        let mut next = self.clone();
        match action {
            RatingAction::Remembered { voted } => {
                if next.load == RatingLoad::Loading {
                    next.voted = voted;
                }
            }
            RatingAction::Loaded(Ok(server)) => {
                next.load = RatingLoad::Ready;
                next.retry.reset();
                next.checking = false;
                next.label = server.label;
                next.confirmed = (server.count, server.voted);
                // A count read (or told by another button) is not this button's news.
                next.announced = None;
                if next.in_flight.is_none() {
                    next.count = server.count;
                    next.voted = server.voted;
                }
                if let Some((_, intent)) = self.vote_error {
                    if server.voted == intent {
                        // The failed vote had landed after all: no error, and a confirmed
                        // change (announced, remembered, told to the other buttons).
                        next.vote_error = None;
                        next.confirmed_own_vote();
                    }
                }
            }
            RatingAction::Loaded(Err(ApiError::Aborted)) => {}
            // A check behind a shown button that failed: the button, and any vote error
            // with its Retry, stay as they are.
            RatingAction::Loaded(Err(_)) if self.checking => {
                next.checking = false;
            }
            // The contract's "this article has no rating" (the reference server's 404
            // `no_rating`). Any other 404 (`not_found`: a mistyped id) is an error to show.
            RatingAction::Loaded(Err(ApiError::Http {
                status: 404,
                code: Some(code),
                ..
            })) if code == "no_rating" => {
                next.load = RatingLoad::Absent;
            }
            RatingAction::Loaded(Err(error)) => {
                next.retry.failed(&error);
                next.load = RatingLoad::Failed(error);
                next.failures = self.failures.wrapping_add(1);
            }
            RatingAction::Reload => {
                next.retry.reset();
                next.load = RatingLoad::Loading;
                next.loads = self.loads.wrapping_add(1);
            }
            RatingAction::Check => {
                if next.load == RatingLoad::Ready && !next.checking {
                    next.check();
                }
            }
            RatingAction::RetryDue => {
                // The error stays on screen until the retry succeeds.
                if next.retry.fire() {
                    next.loads = self.loads.wrapping_add(1);
                }
            }
            // A load that failed transiently is asked again at once, with a fresh retry
            // schedule, the error on screen until the answer. A failed vote keeps its Retry:
            // sending it again unasked could undo what the reader did elsewhere meanwhile.
            RatingAction::Online => {
                if self.failed_transiently() {
                    next.retry.reset();
                    next.loads = self.loads.wrapping_add(1);
                }
            }
            RatingAction::Toggle => {
                if next.load != RatingLoad::Ready {
                    return next;
                }
                next.set_intent(!self.voted);
                next.clicks = self.clicks.wrapping_add(1);
            }
            RatingAction::PeerIntent { voted } => {
                if next.load == RatingLoad::Ready && voted != self.voted {
                    next.vote_error = None;
                    next.count = shifted(self.count, voted);
                    next.voted = voted;
                }
            }
            RatingAction::RetryVote => {
                if let Some((_, intent)) = self.vote_error {
                    next.set_intent(intent);
                }
            }
            RatingAction::VoteFinished { id, result } => {
                if self.in_flight.map(|r| r.id) != Some(id) {
                    return next;
                }
                let sent = self.in_flight.map_or(self.voted, |r| r.voted);
                next.in_flight = None;
                match result {
                    Ok(server) => {
                        next.label = server.label;
                        next.confirmed = (server.count, server.voted);
                        next.confirmed_own_vote();
                        if server.voted == sent && sent != self.voted {
                            // The reader changed their mind while the request was out.
                            next.count = shifted(server.count, self.voted);
                            next.send(self.voted);
                        } else {
                            // Done, or the server did not do what was asked (it refused
                            // the vote): its answer stands, and is not asked again, so a
                            // contrary endpoint cannot start a request loop.
                            next.count = server.count;
                            next.voted = server.voted;
                        }
                    }
                    Err(ApiError::Aborted) => {
                        next.count = self.confirmed.0;
                        next.voted = self.confirmed.1;
                    }
                    Err(error) => {
                        let failed_intent = self.voted;
                        next.count = self.confirmed.0;
                        next.voted = self.confirmed.1;
                        if error.outcome_unknown() {
                            next.check();
                        }
                        next.vote_error = Some((error, failed_intent));
                        next.failures = self.failures.wrapping_add(1);
                    }
                }
            }
        }
        next
    }

    /// The server confirmed (or was found to have taken) this button's vote.
    fn confirmed_own_vote(&mut self) {
        self.confirmations = self.confirmations.wrapping_add(1);
        self.announced = Some(self.confirmed.0);
    }

    fn set_intent(&mut self, voted: bool) {
        self.vote_error = None;
        if voted != self.voted {
            self.count = shifted(self.count, voted);
            self.voted = voted;
        }
        if self.in_flight.is_none() && (self.count, self.voted) != self.confirmed {
            self.send(voted);
        }
    }

    /// Whether the load failed in a way a working connection may fix.
    pub fn failed_transiently(&self) -> bool {
        matches!(&self.load, RatingLoad::Failed(error) if error.is_transient())
    }

    /// Reads the rating again without taking the button away.
    fn check(&mut self) {
        self.checking = true;
        self.loads = self.loads.wrapping_add(1);
    }

    fn send(&mut self, voted: bool) {
        self.next_request = self.next_request.wrapping_add(1);
        self.in_flight = Some(VoteRequest {
            id: self.next_request,
            voted,
        });
    }
}

/// The count one vote away from `count`, in the direction of `voted`.
fn shifted(count: u64, voted: bool) -> u64 {
    if voted {
        count.saturating_add(1)
    } else {
        count.saturating_sub(1)
    }
}

impl Reducible for Rating {
    type Action = RatingAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(count: u64, voted: bool) -> RatingState {
        RatingState {
            label: "veryGood!".into(),
            count,
            voted,
        }
    }

    fn ready(count: u64, voted: bool) -> Rating {
        Rating::default().apply(RatingAction::Loaded(Ok(server(count, voted))))
    }

    fn finish(state: &Rating, result: Result<RatingState, ApiError>) -> Rating {
        let id = state.in_flight.expect("a request in flight").id;
        state.apply(RatingAction::VoteFinished { id, result })
    }

    #[test]
    fn click_is_optimistic_then_reconciled() {
        let clicked = ready(6348, false).apply(RatingAction::Toggle);
        assert_eq!((clicked.count, clicked.voted), (6349, true));
        assert_eq!(clicked.in_flight.map(|r| r.voted), Some(true));
        // Someone else voted meanwhile: the server's count wins.
        let done = finish(&clicked, Ok(server(6350, true)));
        assert_eq!((done.count, done.voted, done.in_flight), (6350, true, None));
        assert_eq!(done.confirmations, 1);
    }

    #[test]
    fn failure_rolls_back_and_retry_resends_the_intent() {
        let clicked = ready(10, false).apply(RatingAction::Toggle);
        let failed = finish(&clicked, Err(ApiError::Network));
        assert_eq!((failed.count, failed.voted), (10, false));
        assert_eq!(failed.vote_error, Some((ApiError::Network, true)));
        let retried = failed.apply(RatingAction::RetryVote);
        assert_eq!((retried.count, retried.voted), (11, true));
        assert_eq!(retried.vote_error, None);
        assert_eq!(retried.in_flight.map(|r| r.voted), Some(true));
    }

    #[test]
    fn a_vote_with_an_unknown_outcome_is_checked_and_shown_if_it_landed() {
        let clicked = ready(10, false).apply(RatingAction::Toggle);
        // No answer (or a timeout, or a 5xx): the server may have counted it.
        let failed = finish(&clicked, Err(ApiError::Timeout { millis: 10_000 }));
        assert_eq!((failed.count, failed.voted), (10, false));
        assert!(
            failed.checking && failed.loads == clicked.loads + 1,
            "a check is asked for"
        );
        // It had landed: pressed, the server's count, no error, one confirmation.
        let landed = failed.apply(RatingAction::Loaded(Ok(server(11, true))));
        assert_eq!(
            (landed.count, landed.voted, &landed.vote_error),
            (11, true, &None)
        );
        assert_eq!(landed.confirmations, failed.confirmations + 1);
        assert!(!landed.checking);
        // It had not: the error and its Retry stay.
        let lost = failed.apply(RatingAction::Loaded(Ok(server(10, false))));
        assert_eq!((lost.count, lost.voted), (10, false));
        assert_eq!(
            lost.vote_error,
            Some((ApiError::Timeout { millis: 10_000 }, true))
        );
        assert_eq!(lost.confirmations, failed.confirmations);
        // The check itself failed (still offline): the button stays, with the vote error.
        let offline = failed.apply(RatingAction::Loaded(Err(ApiError::Network)));
        assert_eq!(offline.load, RatingLoad::Ready);
        assert!(offline.vote_error.is_some() && !offline.checking);
        assert_eq!(
            offline.retry.due_in_ms(),
            None,
            "no background retries of a check"
        );
    }

    #[test]
    fn every_failure_shown_counts_once_and_a_silent_check_not_at_all() {
        let failed_load = Rating::default().apply(RatingAction::Loaded(Err(ApiError::Network)));
        assert_eq!(failed_load.failures, 1);
        let again = failed_load.apply(RatingAction::Loaded(Err(ApiError::Network)));
        assert_eq!(again.failures, 2, "the same error again is another failure");
        let clicked = ready(10, false).apply(RatingAction::Toggle);
        let failed_vote = finish(&clicked, Err(ApiError::Network));
        assert_eq!(failed_vote.failures, 1);
        let check_failed = failed_vote.apply(RatingAction::Loaded(Err(ApiError::Network)));
        assert_eq!(check_failed.failures, 1, "the read-back is not shown");
    }

    #[test]
    fn a_refused_vote_is_not_checked() {
        let clicked = ready(10, false).apply(RatingAction::Toggle);
        let refused = ApiError::Http {
            status: 429,
            code: Some("rate_limited".into()),
            message: None,
        };
        let failed = finish(&clicked, Err(refused));
        assert!(!failed.checking && failed.loads == clicked.loads);
    }

    #[test]
    fn a_check_on_a_page_shown_again_adopts_a_vote_changed_elsewhere() {
        let shown = ready(11, true);
        let checking = shown.apply(RatingAction::Check);
        assert!(checking.checking && checking.loads == shown.loads + 1);
        // Asked again while the first check is out: one check.
        assert_eq!(checking.apply(RatingAction::Check).loads, checking.loads);
        let updated = checking.apply(RatingAction::Loaded(Ok(server(10, false))));
        assert_eq!(
            (updated.count, updated.voted, updated.load.clone()),
            (10, false, RatingLoad::Ready)
        );
        // Not before the rating is shown.
        let loading = Rating::default().apply(RatingAction::Check);
        assert_eq!(loading.loads, 0);
    }

    #[test]
    fn rapid_clicks_keep_one_request_in_flight_and_end_on_the_last_intent() {
        let mut state = ready(5, false);
        for _ in 0..3 {
            state = state.apply(RatingAction::Toggle);
        }
        // Three clicks: pressed, unpressed, pressed; still the first request only.
        assert_eq!(state.in_flight.map(|r| (r.id, r.voted)), Some((1, true)));
        assert_eq!((state.count, state.voted), (6, true));
        let done = finish(&state, Ok(server(6, true)));
        assert_eq!(done.in_flight, None);

        // Four clicks: the intent flips back while the vote is out, so a withdrawal follows.
        let mut state = ready(5, false);
        for _ in 0..4 {
            state = state.apply(RatingAction::Toggle);
        }
        assert_eq!((state.count, state.voted), (5, false));
        let after_first = finish(&state, Ok(server(6, true)));
        assert_eq!(after_first.in_flight.map(|r| r.voted), Some(false));
        assert_eq!((after_first.count, after_first.voted), (5, false));
        let settled = finish(&after_first, Ok(server(5, false)));
        assert_eq!(
            (settled.count, settled.voted, settled.in_flight),
            (5, false, None)
        );
    }

    #[test]
    fn a_contrary_answer_is_adopted_and_never_resent() {
        // The endpoint answers a POST with `voted: false`: no second request, and the
        // button shows what the server says (so name and live region agree).
        let clicked = ready(8, false).apply(RatingAction::Toggle);
        let done = finish(&clicked, Ok(server(8, false)));
        assert_eq!((done.count, done.voted, done.in_flight), (8, false, None));
        assert_eq!(done.confirmed, (8, false));
        // Also when the reader changed their mind meanwhile: the refused POST is not
        // followed by a DELETE for a vote that does not exist.
        let flipped = clicked.apply(RatingAction::Toggle);
        let done = finish(&flipped, Ok(server(8, false)));
        assert_eq!((done.count, done.voted, done.in_flight), (8, false, None));
        // A DELETE answered with `voted: true` likewise.
        let withdrawn = ready(3, true).apply(RatingAction::Toggle);
        let done = finish(&withdrawn, Ok(server(3, true)));
        assert_eq!((done.count, done.voted, done.in_flight), (3, true, None));
    }

    #[test]
    fn toggling_back_before_sending_sends_nothing_more() {
        let state = ready(5, true).apply(RatingAction::Toggle);
        assert_eq!(state.in_flight.map(|r| r.voted), Some(false));
        assert_eq!(state.count, 4);
    }

    #[test]
    fn stale_vote_answers_are_ignored() {
        let clicked = ready(1, false).apply(RatingAction::Toggle);
        let stale = clicked.apply(RatingAction::VoteFinished {
            id: 99,
            result: Ok(server(100, false)),
        });
        assert_eq!(stale, clicked);
    }

    #[test]
    fn no_rating_hides_the_button_and_clicks_before_load_do_nothing() {
        let absent = Rating::default().apply(RatingAction::Loaded(Err(ApiError::Http {
            status: 404,
            code: Some("no_rating".into()),
            message: None,
        })));
        assert_eq!(absent.load, RatingLoad::Absent);
        // An unknown article (or a 404 that says nothing) is an error with Retry, not a
        // widget that silently takes no room.
        for code in [Some("not_found".to_string()), None] {
            let unknown = Rating::default().apply(RatingAction::Loaded(Err(ApiError::Http {
                status: 404,
                code,
                message: None,
            })));
            assert!(matches!(unknown.load, RatingLoad::Failed(_)), "{unknown:?}");
        }
        let early = Rating::default().apply(RatingAction::Toggle);
        assert_eq!(early.in_flight, None);
    }

    #[test]
    fn remembered_vote_shows_pressed_until_the_server_answers() {
        let state = Rating::default().apply(RatingAction::Remembered { voted: true });
        assert!(state.voted);
        let loaded = state.apply(RatingAction::Loaded(Ok(server(7, false))));
        assert!(!loaded.voted, "the server is the source of truth");
    }

    #[test]
    fn load_failure_and_reload() {
        let failed =
            Rating::default().apply(RatingAction::Loaded(Err(ApiError::Timeout { millis: 5 })));
        assert!(matches!(failed.load, RatingLoad::Failed(_)));
        assert_eq!(failed.apply(RatingAction::Reload).load, RatingLoad::Loading);
    }

    #[test]
    fn a_transient_load_failure_retries_in_the_background() {
        let failed = Rating::default().apply(RatingAction::Loaded(Err(ApiError::Network)));
        assert_eq!(failed.retry.due_in_ms(), Some(1_000));
        let retrying = failed.apply(RatingAction::RetryDue);
        assert_eq!(retrying.loads, 1, "the view loads again");
        assert!(matches!(retrying.load, RatingLoad::Failed(_)), "error kept");
        let loaded = retrying.apply(RatingAction::Loaded(Ok(server(4, true))));
        assert_eq!((loaded.load.clone(), loaded.count), (RatingLoad::Ready, 4));
        assert_eq!(loaded.retry.made(), 0);
        // Not for a rate limit, and a timer without a schedule does nothing.
        let limited = Rating::default().apply(RatingAction::Loaded(Err(ApiError::Http {
            status: 429,
            code: None,
            message: None,
        })));
        assert_eq!(limited.retry.due_in_ms(), None);
        assert_eq!(limited.apply(RatingAction::RetryDue).loads, 0);
    }

    #[test]
    fn back_online_loads_a_failed_rating_again_but_never_resends_a_vote() {
        let failed = Rating::default().apply(RatingAction::Loaded(Err(ApiError::Network)));
        let online = failed.apply(RatingAction::Online);
        assert_eq!(online.loads, failed.loads + 1, "the view loads again");
        assert!(matches!(online.load, RatingLoad::Failed(_)), "error kept");
        assert_eq!(online.retry.due_in_ms(), None);
        // A vote that failed (and was read back: not counted) keeps its Retry.
        let voted = finish(
            &ready(3, false).apply(RatingAction::Toggle),
            Err(ApiError::Http {
                status: 400,
                code: None,
                message: None,
            }),
        );
        assert!(voted.vote_error.is_some());
        let after = voted.apply(RatingAction::Online);
        assert_eq!(after, voted, "no vote sent unasked");
        assert_eq!(after.in_flight, None);
    }

    #[test]
    fn only_this_buttons_own_votes_are_announced() {
        let voted = finish(
            &ready(3, false).apply(RatingAction::Toggle),
            Ok(server(4, true)),
        );
        assert_eq!(voted.announced, Some(4));
        // Another button of the article withdrew: the count follows, silently.
        let told = voted.apply(RatingAction::Loaded(Ok(server(3, false))));
        assert_eq!((told.count, told.voted), (3, false));
        assert_eq!(told.announced, None);
        assert_eq!(
            told.confirmations, voted.confirmations,
            "not this button's vote"
        );
        assert_eq!(
            ready(7, true).announced,
            None,
            "a first read is not announced"
        );
    }

    #[test]
    fn a_click_on_another_button_is_the_latest_intent_here_too() {
        // This button voted (in flight), then withdrew (queued behind it).
        let here = ready(10, false)
            .apply(RatingAction::Toggle)
            .apply(RatingAction::Toggle);
        assert_eq!(
            (here.voted, here.in_flight.map(|r| r.voted)),
            (false, Some(true))
        );
        // The reader then votes on the other button of the article.
        let here = here.apply(RatingAction::PeerIntent { voted: true });
        assert_eq!((here.count, here.voted), (11, true));
        assert_eq!(here.clicks, 2, "not this button's click: not told back");
        // Its own vote answers: it matches the latest intent, so no withdrawal follows
        // (was: the queued withdrawal went out after the other button's vote).
        let done = finish(&here, Ok(server(11, true)));
        assert_eq!(done.in_flight, None);
        assert_eq!((done.count, done.voted), (11, true));
        // And the other way round: its answer contradicts the latest intent, so it follows.
        let withdrawn = finish(
            &ready(10, false)
                .apply(RatingAction::Toggle)
                .apply(RatingAction::PeerIntent { voted: false }),
            Ok(server(11, true)),
        );
        assert_eq!(withdrawn.in_flight.map(|r| r.voted), Some(false));
    }

    #[test]
    fn count_never_underflows() {
        let state = ready(0, true).apply(RatingAction::Toggle);
        assert_eq!(state.count, 0);
    }
}
