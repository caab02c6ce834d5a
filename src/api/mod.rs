//! The endpoint's JSON contract: types, the HTTP client and its error type.
//!
//! Per-resource functions are one-liners over [`client::send`].

pub mod client;
pub mod decode;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod decode_tests;
pub mod error;
pub mod types;

pub use client::{Cancel, MAX_BODY_BYTES};
pub use error::ApiError;

use client::{encode_component, send, ApiRequest, Method};
use std::future::Future;
use types::{Article, RatingState, RecommendationPage};

/// A validated endpoint base URL (no trailing slash), e.g. `https://api.example.com/v1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
}

impl Endpoint {
    /// Accepts absolute http(s) URLs and same-origin paths starting with `/`.
    pub fn parse(raw: &str) -> Result<Endpoint, &'static str> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("is empty");
        }
        let lower = raw.to_ascii_lowercase();
        let rest = if let Some(rest) = lower.strip_prefix("https://") {
            rest
        } else if let Some(rest) = lower.strip_prefix("http://") {
            rest
        } else if raw.starts_with('/') && !raw.starts_with("//") {
            return Self::checked(raw);
        } else {
            return Err("must be an http(s) URL such as https://api.example.com/v1");
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err("has no host name");
        }
        Self::checked(raw)
    }

    fn checked(raw: &str) -> Result<Endpoint, &'static str> {
        if raw.contains(char::is_whitespace) {
            return Err("contains white space");
        }
        if raw.contains(['?', '#']) {
            return Err("must not contain a query (?) or fragment (#)");
        }
        Ok(Endpoint {
            base: raw.trim_end_matches('/').to_owned(),
        })
    }

    /// The base URL as given (without trailing slash).
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// `{base}/articles/{id}`
    pub fn article_url(&self, article: &str) -> String {
        format!("{}/articles/{}", self.base, encode_component(article))
    }

    /// `{base}/articles/{id}/recommendations?list=..&limit=..[&cursor=..]`
    pub fn recommendations_url(
        &self,
        article: &str,
        list: &str,
        limit: u32,
        cursor: Option<&str>,
    ) -> String {
        let mut url = format!(
            "{}/recommendations?list={}&limit={limit}",
            self.article_url(article),
            encode_component(list)
        );
        if let Some(cursor) = cursor {
            url.push_str("&cursor=");
            url.push_str(&encode_component(cursor));
        }
        url
    }

    /// `{base}/articles/{id}/rating[?voter=..]`
    pub fn rating_url(&self, article: &str, voter: Option<&str>) -> String {
        let mut url = format!("{}/rating", self.article_url(article));
        if let Some(voter) = voter {
            url.push_str("?voter=");
            url.push_str(&encode_component(voter));
        }
        url
    }
}

fn get(url: String, timeout_ms: u32) -> ApiRequest {
    ApiRequest {
        method: Method::Get,
        url,
        json_body: None,
        timeout_ms,
    }
}

/// `GET {endpoint}/articles/{id}`
pub fn fetch_article(
    endpoint: &Endpoint,
    article: &str,
    timeout_ms: u32,
) -> (Cancel, impl Future<Output = Result<Article, ApiError>>) {
    send(
        get(endpoint.article_url(article), timeout_ms),
        decode::article,
    )
}

/// The article, decoded now, when the loader's prefetch of it has already fully arrived.
pub fn prefetched_article(endpoint: &Endpoint, article: &str) -> Option<Result<Article, ApiError>> {
    client::take_settled(&endpoint.article_url(article), decode::article)
}

/// `GET {endpoint}/articles/{id}/recommendations`
pub fn fetch_recommendations(
    endpoint: &Endpoint,
    article: &str,
    list: &str,
    limit: u32,
    cursor: Option<&str>,
    timeout_ms: u32,
) -> (
    Cancel,
    impl Future<Output = Result<RecommendationPage, ApiError>>,
) {
    send(
        get(
            endpoint.recommendations_url(article, list, limit, cursor),
            timeout_ms,
        ),
        decode::recommendation_page,
    )
}

/// `GET {endpoint}/articles/{id}/rating?voter=..`
pub fn fetch_rating(
    endpoint: &Endpoint,
    article: &str,
    voter: &str,
    timeout_ms: u32,
) -> (Cancel, impl Future<Output = Result<RatingState, ApiError>>) {
    send(
        get(endpoint.rating_url(article, Some(voter)), timeout_ms),
        decode::rating_state,
    )
}

/// `POST` (vote) or `DELETE` (withdraw) `{endpoint}/articles/{id}/rating`.
pub fn send_vote(
    endpoint: &Endpoint,
    article: &str,
    voter: &str,
    voted: bool,
    timeout_ms: u32,
) -> (Cancel, impl Future<Output = Result<RatingState, ApiError>>) {
    send(
        ApiRequest {
            method: if voted { Method::Post } else { Method::Delete },
            url: endpoint.rating_url(article, None),
            // The voter id is validated to [A-Za-z0-9_-], so it needs no JSON escaping.
            json_body: Some(format!("{{\"voter\":\"{voter}\"}}")),
            timeout_ms,
        },
        decode::rating_state,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_accepts_http_urls_and_paths() {
        let endpoint = Endpoint::parse(" https://api.example.com/v1/ ").unwrap();
        assert_eq!(endpoint.as_str(), "https://api.example.com/v1");
        assert_eq!(
            endpoint.article_url("a/1"),
            "https://api.example.com/v1/articles/a%2F1"
        );
        assert_eq!(Endpoint::parse("/api/v1").unwrap().as_str(), "/api/v1");
        assert!(Endpoint::parse("HTTP://Example.com").is_ok());
    }

    #[test]
    fn endpoint_rejects_malformed_urls() {
        for bad in [
            "",
            "   ",
            "api.example.com",
            "javascript:alert(1)",
            "ftp://x/y",
            "https://",
            "https:///v1",
            "//cdn.example.com",
            "https://a b.com",
            "https://a.com/v1?x=1",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn builds_recommendation_and_rating_urls() {
        let endpoint = Endpoint::parse("http://127.0.0.1:8080/api/v1").unwrap();
        assert_eq!(
            endpoint.recommendations_url("a-1", "popular", 10, Some("c/2")),
            "http://127.0.0.1:8080/api/v1/articles/a-1/recommendations?list=popular&limit=10&cursor=c%2F2"
        );
        assert_eq!(
            endpoint.rating_url("a-1", Some("v_1")),
            "http://127.0.0.1:8080/api/v1/articles/a-1/rating?voter=v_1"
        );
    }
}
