//! One error type for everything that can go wrong between the widget and its endpoint.

use std::fmt;

/// Why a request to the endpoint failed. Each variant has its own error state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, DNS, CORS refusal, server down).
    Network,
    /// No complete answer within the configured timeout.
    Timeout { millis: u32 },
    /// A non-2xx answer; `message` is the endpoint's own human text when it sent one.
    Http {
        status: u16,
        code: Option<String>,
        message: Option<String>,
    },
    /// A 2xx answer whose body is not JSON.
    NotJson,
    /// JSON that does not match the contract; `path` names the field (e.g. `body[2].text`).
    Invalid { path: String, detail: String },
    /// The body exceeded [`MAX_BODY_BYTES`](crate::api::client::MAX_BODY_BYTES).
    TooLarge { limit: usize },
    /// The request was cancelled because its answer is no longer wanted.
    Aborted,
}

impl ApiError {
    /// Stable machine name, used as `detail.kind` of the `news-widget:error` host event.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Network => "network",
            ApiError::Timeout { .. } => "timeout",
            ApiError::Http { .. } => "http",
            ApiError::NotJson => "not_json",
            ApiError::Invalid { .. } => "invalid_data",
            ApiError::TooLarge { .. } => "too_large",
            ApiError::Aborted => "aborted",
        }
    }

    /// Whether the widget retries in the background: network trouble, timeouts and server
    /// errors (the brief's list). Not 429: a rate-limited client backing off by itself
    /// would only add to the load it was asked to shed; the reader's Retry still works.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Timeout { .. } => true,
            ApiError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Whether a request that failed this way may still have been carried out by the
    /// server: anything but a client error (4xx, refused before acting) or an abort. A
    /// vote that failed so is checked with a fresh read instead of assumed lost.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Aborted => false,
            ApiError::Http { status, .. } => !(400..500).contains(status),
            _ => true,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => f.write_str("the endpoint could not be reached"),
            ApiError::Timeout { millis } => write!(f, "no answer within {millis} ms"),
            ApiError::Http {
                status, message, ..
            } => match message {
                Some(message) => write!(f, "HTTP {status}: {message}"),
                None => write!(f, "HTTP {status}"),
            },
            ApiError::NotJson => f.write_str("the answer is not JSON"),
            ApiError::Invalid { path, detail } => {
                write!(f, "unexpected data at `{path}`: {detail}")
            }
            ApiError::TooLarge { limit } => {
                write!(f, "the answer is larger than {} MiB", limit / (1024 * 1024))
            }
            ApiError::Aborted => f.write_str("the request was cancelled"),
        }
    }
}

impl std::error::Error for ApiError {}
