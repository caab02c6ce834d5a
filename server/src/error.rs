//! `ApiError`: every failure the API reports, its status code and its JSON body
//! `{"error": {"code": "...", "message": "..."}}`.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use serde::Serialize;

use crate::store::StoreError;

/// Every error the API answers with. `code()` is the stable machine-readable name
/// (documented in `contract/openapi.yaml`); `message()` is for humans.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("article id must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'")]
    InvalidArticleId,
    #[error("{0}")]
    InvalidLimit(String),
    #[error("{0}")]
    InvalidCursor(String),
    #[error("{0}")]
    InvalidList(String),
    #[error("{0}")]
    InvalidVoter(String),
    #[error("{0}")]
    InvalidBody(String),
    #[error("{0}")]
    InvalidQuery(String),
    #[error("origin {0} may not vote on this server")]
    OriginNotAllowed(String),
    #[error("no article with id {0:?}")]
    ArticleNotFound(String),
    #[error("article {0:?} has no rating")]
    NoRating(String),
    #[error("nothing at {0}")]
    RouteNotFound(String),
    #[error("method {0} is not allowed here")]
    MethodNotAllowed(String),
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("too many votes {scope}; retry in {retry_after} s")]
    RateLimited {
        /// Whole seconds until a vote would be accepted again (>= 1).
        retry_after: u64,
        /// Which limit was hit: "from this voter" or "from this address".
        scope: &'static str,
    },
    #[error("the request took longer than {0} s to arrive")]
    RequestTimeout(u64),
    #[error("the server is busy; retry shortly")]
    Unavailable,
    /// Details go to the log, not to the client.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidArticleId
            | ApiError::InvalidLimit(_)
            | ApiError::InvalidCursor(_)
            | ApiError::InvalidList(_)
            | ApiError::InvalidVoter(_)
            | ApiError::InvalidBody(_)
            | ApiError::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::OriginNotAllowed(_) => StatusCode::FORBIDDEN,
            ApiError::ArticleNotFound(_) | ApiError::NoRating(_) | ApiError::RouteNotFound(_) => {
                StatusCode::NOT_FOUND
            }
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable error code of the JSON body.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::InvalidArticleId => "invalid_article_id",
            ApiError::InvalidLimit(_) => "invalid_limit",
            ApiError::InvalidCursor(_) => "invalid_cursor",
            ApiError::InvalidList(_) => "invalid_list",
            ApiError::InvalidVoter(_) => "invalid_voter",
            ApiError::InvalidBody(_) => "invalid_body",
            ApiError::InvalidQuery(_) => "invalid_query",
            ApiError::OriginNotAllowed(_) => "origin_not_allowed",
            ApiError::ArticleNotFound(_) | ApiError::RouteNotFound(_) => "not_found",
            ApiError::NoRating(_) => "no_rating",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::RequestTimeout(_) => "request_timeout",
            ApiError::Unavailable => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    /// Builds the JSON error response for any status, used where the failure comes
    /// from outside our handlers (framework rejections, middleware).
    pub fn response_for(status: StatusCode, code: &str, message: &str) -> Response<Body> {
        let body = ErrorBody {
            error: ErrorDetail { code, message },
        };
        let json = serde_json::to_vec(&body).unwrap_or_else(|_| {
            br#"{"error":{"code":"internal","message":"internal error"}}"#.to_vec()
        });
        let mut response = Response::new(Body::from(json));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        let status = self.status();
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "request failed");
        }
        let mut response = ApiError::response_for(status, self.code(), &self.to_string());
        if let ApiError::RateLimited { retry_after, .. } = &self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        }
        if let ApiError::Unavailable = &self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Busy => ApiError::Unavailable,
            other => ApiError::Internal(other.to_string()),
        }
    }
}
