//! HTTP handlers, thin: validate the request, call the store, shape the JSON.

pub mod articles;
pub mod media;
pub mod rating;
pub mod recommendations;
pub mod static_files;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, OriginalUri};
use axum::http::{header, HeaderValue, Method, Response, StatusCode};
use axum::middleware;
use axum::routing::get;
use axum::Router;

use crate::error::ApiError;
use crate::extract::VOTE_BODY_LIMIT;
use crate::state::AppState;

/// The routes under `/api/v1`. Unknown paths and methods, and any error a layer
/// produces, are answered with the JSON error body.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/articles", get(articles::list))
        .route("/articles/{id}", get(articles::show))
        .route("/articles/{id}/recommendations", get(recommendations::list))
        .route(
            "/articles/{id}/rating",
            get(rating::show)
                .post(rating::cast)
                .delete(rating::withdraw)
                .layer(DefaultBodyLimit::max(VOTE_BODY_LIMIT)),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::map_response(ensure_json_errors))
}

/// Any path under the API that no route serves.
pub async fn not_found(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::RouteNotFound(uri.path().to_string())
}

async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::MethodNotAllowed(method.to_string())
}

/// Safety net: an error response that is not JSON yet (from a framework rejection
/// or a layer) gets the JSON error body, keeping its status and headers.
pub(crate) async fn ensure_json_errors(response: Response<Body>) -> Response<Body> {
    let status = response.status();
    let already_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || already_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 1024)
        .await
        .ok()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_string());
    let replacement = ApiError::response_for(status, code_for_status(status), text.trim());
    let (fresh, body) = replacement.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    for (name, value) in fresh.headers.iter() {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, body)
}

fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::RANGE_NOT_SATISFIABLE => "range_not_satisfiable",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        status if status.is_server_error() => "internal",
        _ => "bad_request",
    }
}

/// `GET /` when no static folder is configured: where to look instead.
pub async fn root_pointer() -> Response<Body> {
    let body = serde_json::json!({
        "name": "news-widget-server",
        "api": "/api/v1",
        "articles": "/api/v1/articles",
        "message": "news-widget reference API. Start with --static-dir to serve the widget and demo page here."
    });
    let mut response = Response::new(Body::from(body.to_string()));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
