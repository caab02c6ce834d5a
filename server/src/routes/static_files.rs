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

async fn finish(mut request: Request, next: Next) -> Response {
    // No file has a name the file system would refuse: answered here, without the error
    // line ServeDir logs for each such request (a client could fill the log with them).
    if has_overlong_segment(request.uri().path()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let media_type = media_type_for(request.uri().path());
    let versioned = request.uri().query().is_some_and(is_versioned);
    // One byte range is served (206, or 416 past the end); a malformed Range or several
    // ranges are ignored and the whole file sent, as HTTP allows (was: 416 for those).
    if request
        .headers()
        .get(header::RANGE)
        .is_some_and(|range| !is_single_byte_range(range.as_bytes()))
    {
        request.headers_mut().remove(header::RANGE);
    }
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
        // The same URL answers brotli, gzip or plain bytes by Accept-Encoding: a shared
        // cache must key on it (was: missing on the precompressed answers, so a proxy could
        // keep a brotli body for a year and send it to a client that cannot read it).
        let varies = headers.get_all(header::VARY).iter().any(|value| {
            value.to_str().is_ok_and(|v| {
                v.split(',')
                    .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
            })
        });
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if let (Some(media_type), true) = (media_type, status.is_success()) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
        }
    }
    response
}

/// Longest file name (bytes) Linux file systems accept.
const NAME_MAX: usize = 255;

/// Whether a path segment, percent-decoded, is longer than any file name can be.
fn has_overlong_segment(path: &str) -> bool {
    path.split('/').any(|segment| {
        let escapes = segment.bytes().filter(|&b| b == b'%').count();
        segment.len().saturating_sub(2 * escapes) > NAME_MAX
    })
}

/// Whether a Range header asks for exactly one byte range: `bytes=N-`, `bytes=N-M` or
/// `bytes=-N`.
fn is_single_byte_range(value: &[u8]) -> bool {
    let Some(spec) = value.strip_prefix(b"bytes=") else {
        return false;
    };
    let spec = spec.trim_ascii();
    let Some(dash) = spec.iter().position(|&b| b == b'-') else {
        return false;
    };
    let (first, last) = (&spec[..dash], &spec[dash + 1..]);
    let digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    digits(first) && digits(last) && !(first.is_empty() && last.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlong_segments_are_recognized_after_decoding() {
        assert!(!has_overlong_segment("/news-widget.js"));
        assert!(!has_overlong_segment(&format!("/{}", "a".repeat(255))));
        assert!(has_overlong_segment(&format!("/{}", "a".repeat(256))));
        assert!(has_overlong_segment(&format!(
            "/dir/{}/x",
            "b".repeat(5_000)
        )));
        // 300 escapes decode to 300 bytes; 100 escapes in 300 characters to 100.
        assert!(has_overlong_segment(&format!("/{}", "%41".repeat(300))));
        assert!(!has_overlong_segment(&format!("/{}", "%41".repeat(100))));
    }
}
