//! Which browser origins may read the API and which may vote.
//!
//! Reading: the server's own origin, every listed origin, or any origin when `*` is
//! listed. Voting: the server's own origin and listed origins only (`*` does not
//! count). Votes carrying an `Origin` that may not vote are refused with 403; requests
//! without `Origin` (curl, server-to-server) are not browser cross-origin requests
//! and pass.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::http::{header, request::Parts, HeaderMap, HeaderName, HeaderValue, Method, Request};
use tower::{Layer, Service};
use tower_http::cors::{AllowOrigin, Cors, CorsLayer};

/// The configured allowlist.
#[derive(Debug, Clone, Default)]
pub struct OriginPolicy {
    any_may_read: bool,
    allowed: HashSet<String>,
}

impl OriginPolicy {
    /// From normalized origins (see `config::parse_origin`); `public_url` is the
    /// server's own public origin, if configured.
    pub fn new(origins: &[String], public_url: Option<&str>) -> OriginPolicy {
        let mut allowed: HashSet<String> = origins
            .iter()
            .filter(|origin| origin.as_str() != "*")
            .cloned()
            .collect();
        if let Some(own) = public_url {
            allowed.insert(own.to_string());
        }
        OriginPolicy {
            any_may_read: origins.iter().any(|origin| origin == "*"),
            allowed,
        }
    }

    /// Whether a page on `origin` may read responses of a request with `headers`.
    pub fn may_read(&self, origin: &str, headers: &HeaderMap) -> bool {
        self.any_may_read || self.may_vote(origin, headers)
    }

    /// Whether a page on `origin` may vote through a request with `headers`.
    pub fn may_vote(&self, origin: &str, headers: &HeaderMap) -> bool {
        let origin = origin.trim_end_matches('/').to_ascii_lowercase();
        self.allowed.contains(&origin) || is_same_origin(&origin, headers)
    }

    /// The CORS layer for the whole app: reads for readable origins, preflights
    /// for POST/DELETE only for origins that may vote.
    pub fn cors_layer(&self) -> PreflightsOnly {
        PreflightsOnly(self.tower_cors())
    }

    fn tower_cors(&self) -> CorsLayer {
        let policy = self.clone();
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(
                move |origin: &HeaderValue, parts: &Parts| {
                    let Ok(origin) = origin.to_str() else {
                        return false;
                    };
                    if wants_to_write(parts) {
                        policy.may_vote(origin, &parts.headers)
                    } else {
                        policy.may_read(origin, &parts.headers)
                    }
                },
            ))
            .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::DELETE])
            .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
            .expose_headers([header::RETRY_AFTER, header::ETAG])
            .max_age(Duration::from_secs(600))
    }
}

/// tower-http's CORS layer answers every `OPTIONS` request itself (200, empty body), also
/// a plain one without `Origin` or to a path that does not exist. This one leaves it only
/// the preflights (`OPTIONS` with `Access-Control-Request-Method`); any other `OPTIONS`
/// reaches the routes like any other method (404 `not_found`, 405 with `Allow`).
#[derive(Clone)]
pub struct PreflightsOnly(CorsLayer);

impl<S: Clone> Layer<S> for PreflightsOnly {
    type Service = PreflightsOnlyService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        PreflightsOnlyService {
            cors: self.0.layer(inner.clone()),
            routes: inner,
        }
    }
}

/// The service of [`PreflightsOnly`].
#[derive(Clone)]
pub struct PreflightsOnlyService<S> {
    cors: Cors<S>,
    routes: S,
}

type BoxedFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, B> Service<Request<B>> for PreflightsOnlyService<S>
where
    S: Service<Request<B>> + Clone,
    S::Future: Send + 'static,
    Cors<S>: Service<Request<B>, Response = S::Response, Error = S::Error>,
    <Cors<S> as Service<Request<B>>>::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxedFuture<S::Response, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        match self.cors.poll_ready(cx) {
            Poll::Ready(Ok(())) => self.routes.poll_ready(cx),
            other => other,
        }
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let preflight = request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        if preflight || request.method() != Method::OPTIONS {
            Box::pin(self.cors.call(request))
        } else {
            Box::pin(self.routes.call(request))
        }
    }
}

/// Whether the request (or the request a preflight announces) changes state.
fn wants_to_write(parts: &Parts) -> bool {
    let method = if parts.method == Method::OPTIONS {
        parts
            .headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|value| Method::from_bytes(value.as_bytes()).ok())
            .unwrap_or(Method::OPTIONS)
    } else {
        parts.method.clone()
    };
    !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A page served by this very server: its origin's host equals the request's Host.
/// Browsers set Host to the server they talk to, so a foreign page cannot fake it.
fn is_same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    origin.strip_prefix("http://") == Some(host.as_str())
        || origin.strip_prefix("https://") == Some(host.as_str())
}

/// The request's `Origin` header, if present and readable.
pub fn request_origin(headers: &HeaderMap) -> Option<String> {
    headers
        .get(HeaderName::from_static("origin"))
        .map(|value| value.to_str().unwrap_or("<unreadable>").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(host: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            header::HOST,
            HeaderValue::from_str(host).unwrap_or(HeaderValue::from_static("x")),
        );
        map
    }

    #[test]
    fn own_origin_and_listed_origins_may_vote() {
        let policy = OriginPolicy::new(&["https://news.example".to_string()], None);
        let h = headers("127.0.0.1:9000");
        assert!(policy.may_vote("http://127.0.0.1:9000", &h));
        assert!(policy.may_vote("https://news.example", &h));
        assert!(policy.may_vote("HTTPS://NEWS.EXAMPLE", &h));
        assert!(!policy.may_vote("https://evil.example", &h));
        assert!(!policy.may_read("https://evil.example", &h));
    }

    #[test]
    fn star_opens_reads_not_votes() {
        let policy = OriginPolicy::new(&["*".to_string()], None);
        let h = headers("api.example");
        assert!(policy.may_read("https://anyone.example", &h));
        assert!(!policy.may_vote("https://anyone.example", &h));
    }
}
