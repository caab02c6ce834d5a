//! The static folder (`--static-dir`): the widget bundle and the demo page.
//!
//! Files are served as `make dist` writes them, with the `.br` and `.gz` copies beside
//! each one sent to clients that accept them (no compression per request). The bundle's
//! names are fixed (publishers link them), so browsers must revalidate (`no-cache`, with
//! `Last-Modified`): a cached glue of one release must never meet the wasm of the next.
//! The exception is a versioned URL, `?v=...`: the loader asks for the runtime with a hash
//! of its files (scripts/build-dist.sh), so that URL names one release's bytes and is cached
//! for a year without revalidation.

use std::path::PathBuf;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

/// A service answering every path from `dir` (index.html for folders).
pub fn service(dir: PathBuf) -> Router {
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(finish))
}

/// Cache lifetime of a versioned URL.
const VERSIONED: &str = "public, max-age=31536000, immutable";

async fn finish(request: Request, next: Next) -> Response {
    let media_type = media_type_for(request.uri().path());
    let versioned = request.uri().query().is_some_and(is_versioned);
    let mut response = next.run(request).await;
    let status = response.status();
    // ServeDir answers 500 for file-system errors a client can provoke (a path segment
    // longer than the file system allows); for a client that is simply nothing there.
    if status.is_server_error() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        let policy = if versioned { VERSIONED } else { "no-cache" };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        if let (Some(media_type), true) = (media_type, status.is_success()) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
        }
    }
    response
}

/// Whether a query string carries a non-empty `v` parameter.
fn is_versioned(query: &str) -> bool {
    query.split('&').any(|pair| {
        pair.strip_prefix("v=")
            .is_some_and(|value| !value.is_empty())
    })
}

/// Types the file-extension table gets wrong for the bundle's files (`.ts` is an MPEG
/// transport stream to it; a source map is JSON).
fn media_type_for(path: &str) -> Option<&'static str> {
    if path.ends_with(".d.ts") {
        Some("text/plain; charset=utf-8")
    } else if path.ends_with(".map") {
        Some("application/json")
    } else {
        None
    }
}
