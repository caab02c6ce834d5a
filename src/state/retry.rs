//! Background retries after a transient failure: at most three, after 1 s, 2 s and 4 s
//! (the brief's schedule). Shared by the article, the rating and the carousel's pages.

use crate::api::ApiError;

/// Delays before the background retries after a transient failure, in milliseconds.
pub const RETRY_BACKOFF_MS: [u32; 3] = [1_000, 2_000, 4_000];

/// Retries made since the last success or manual retry, and the one scheduled, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Backoff {
    made: u8,
    due_in_ms: Option<u32>,
}

impl Backoff {
    /// The delay of the scheduled retry, if one is scheduled.
    pub fn due_in_ms(&self) -> Option<u32> {
        self.due_in_ms
    }

    /// Retries made so far.
    pub fn made(&self) -> u8 {
        self.made
    }

    /// After a failure: schedules the next retry when `error` is transient (network,
    /// timeout, 5xx) and the schedule is not used up.
    pub fn failed(&mut self, error: &ApiError) {
        self.due_in_ms = if error.is_transient() {
            RETRY_BACKOFF_MS.get(usize::from(self.made)).copied()
        } else {
            None
        };
    }

    /// Forgets the schedule: after a success, a manual retry or another resource.
    pub fn reset(&mut self) {
        *self = Backoff::default();
    }

    /// Drops the scheduled retry (a newer request made it moot) but keeps the count.
    pub fn cancel(&mut self) {
        self.due_in_ms = None;
    }

    /// The scheduled retry is due: counts it and returns true, or false when none was
    /// scheduled (a timer that outlived its schedule).
    pub fn fire(&mut self) -> bool {
        let due = self.due_in_ms.take().is_some();
        if due {
            self.made = self.made.saturating_add(1);
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_retries_with_backoff_then_none() {
        let mut backoff = Backoff::default();
        let mut delays = Vec::new();
        backoff.failed(&ApiError::Network);
        while let Some(delay) = backoff.due_in_ms() {
            delays.push(delay);
            assert!(backoff.fire());
            backoff.failed(&ApiError::Timeout { millis: 10 });
        }
        assert_eq!(delays, RETRY_BACKOFF_MS);
        assert_eq!(backoff.made(), 3);
        assert!(!backoff.fire(), "nothing scheduled after the third");
    }

    #[test]
    fn only_transient_failures_are_retried() {
        let http = |status| ApiError::Http {
            status,
            code: None,
            message: None,
        };
        for (error, retried) in [
            (ApiError::Network, true),
            (ApiError::Timeout { millis: 1 }, true),
            (http(500), true),
            (http(503), true),
            (http(429), false),
            (http(404), false),
            (ApiError::NotJson, false),
            (ApiError::TooLarge { limit: 1 }, false),
            (
                ApiError::Invalid {
                    path: "title".into(),
                    detail: "missing".into(),
                },
                false,
            ),
        ] {
            let mut backoff = Backoff::default();
            backoff.failed(&error);
            assert_eq!(backoff.due_in_ms().is_some(), retried, "{error:?}");
        }
    }

    #[test]
    fn success_or_manual_retry_starts_the_schedule_again() {
        let mut backoff = Backoff::default();
        backoff.failed(&ApiError::Network);
        backoff.fire();
        backoff.failed(&ApiError::Network);
        assert_eq!(backoff.due_in_ms(), Some(2_000));
        backoff.reset();
        backoff.failed(&ApiError::Network);
        assert_eq!(backoff.due_in_ms(), Some(1_000));
        backoff.cancel();
        assert!(!backoff.fire());
    }
}
