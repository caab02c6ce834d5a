//! Request extractors whose failures are `ApiError`s, so that every rejection is
//! answered with the JSON error body.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::listen::BodyDeadline;
use crate::state::AppState;
use crate::store::{Article, Block, Card};
use crate::validate;

/// Largest vote request body accepted.
pub const VOTE_BODY_LIMIT: usize = 4 * 1024;

/// A validated `{id}` path segment.
pub struct ArticleId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ArticleId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::InvalidArticleId)?;
        validate::article_id(&id)?;
        Ok(ArticleId(id))
    }
}

/// The query string deserialized into `T`, with failures as `invalid_query`.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| ApiQuery(value))
            .map_err(|rejection| ApiError::InvalidQuery(rejection.body_text()))
    }
}

/// Refuses votes from browser origins that may not vote (403 before anything else).
pub struct VoteOrigin;

impl FromRequestParts<AppState> for VoteOrigin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match crate::cors::request_origin(&parts.headers) {
            Some(origin) if !state.origins.may_vote(&origin, &parts.headers) => {
                Err(ApiError::OriginNotAllowed(origin))
            }
            _ => Ok(VoteOrigin),
        }
    }
}

/// The voter of a vote request body `{"voter": "..."}`, validated.
pub struct VoteBody {
    pub voter: String,
}

impl<S: Send + Sync> FromRequest<S> for VoteBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json_content_type(req.headers()) {
            return Err(ApiError::InvalidBody(
                "send the vote as Content-Type: application/json with body {\"voter\": \"...\"}"
                    .into(),
            ));
        }
        // A body announced larger than the limit is refused before it is read.
        let announced = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        if announced.is_some_and(|length| length > VOTE_BODY_LIMIT as u64) {
            return Err(ApiError::PayloadTooLarge(VOTE_BODY_LIMIT));
        }
        let deadline = req.extensions().get::<BodyDeadline>().copied();
        let read = Bytes::from_request(req, state);
        let bytes = match deadline {
            Some(deadline) => deadline.read(read).await?,
            None => read.await,
        }
        .map_err(body_rejection)?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|err| {
            ApiError::InvalidBody(format!("request body is not valid JSON: {err}"))
        })?;
        let serde_json::Value::Object(mut fields) = value else {
            return Err(ApiError::InvalidBody(
                "request body must be a JSON object {\"voter\": \"...\"}".into(),
            ));
        };
        let voter = match fields.remove("voter") {
            Some(serde_json::Value::String(voter)) => voter,
            Some(_) => return Err(ApiError::InvalidVoter("voter must be a string".into())),
            None => return Err(ApiError::InvalidVoter("voter is missing".into())),
        };
        validate::voter(&voter)?;
        Ok(VoteBody { voter })
    }
}

fn is_json_content_type(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

fn body_rejection(rejection: BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge(VOTE_BODY_LIMIT)
    } else {
        ApiError::InvalidBody(rejection.body_text())
    }
}

/// The client address rate limits count against.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.trust_forwarded {
            // The proxy appends the address it saw last.
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
                .next_back();
            if let Some(ip) = forwarded {
                return Ok(ClientIp(ip));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        Ok(ClientIp(peer))
    }
}

/// Turns the site-relative media paths stored for demo images (`/media/...`)
/// into absolute URLs on this server, as seen by the client.
pub struct Links {
    base: String,
}

impl FromRequestParts<AppState> for Links {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(base) = &state.public_url {
            return Ok(Links { base: base.clone() });
        }
        let header_text = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        let scheme = match header_text("x-forwarded-proto") {
            Some(proto) if state.trust_forwarded && proto.eq_ignore_ascii_case("https") => "https",
            _ => "http",
        };
        let base = match header_text("host").filter(|host| is_plain_host(host)) {
            Some(host) => format!("{scheme}://{host}"),
            None => state.fallback_base.clone(),
        };
        Ok(Links { base })
    }
}

impl Links {
    /// A links resolver for a fixed base URL.
    pub fn new(base: impl Into<String>) -> Links {
        Links { base: base.into() }
    }

    fn resolve(&self, url: &mut String) {
        if url.starts_with('/') && !url.starts_with("//") {
            url.insert_str(0, &self.base);
        }
    }

    /// Makes every image URL in `article` absolute.
    pub fn article(&self, article: &mut Article) {
        if let Some(image) = &mut article.image {
            self.resolve(&mut image.url);
        }
        for block in &mut article.body {
            if let Block::Image { url, .. } = block {
                self.resolve(url);
            }
        }
    }

    /// Makes the image URL of `card` absolute.
    pub fn card(&self, card: &mut Card) {
        if let Some(image) = &mut card.image {
            self.resolve(&mut image.url);
        }
    }
}

/// A Host header we are willing to echo into URLs: host name or address and port.
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}
