//! `GET /api/v1/articles` (the index, newest first) and `GET /api/v1/articles/{id}`.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::cursor;
use crate::error::ApiError;
use crate::extract::{ApiQuery, ArticleId, Links};
use crate::state::AppState;
use crate::store::Card;
use crate::validate;

/// `GET /api/v1/articles` response.
#[derive(Debug, Serialize, Deserialize)]
pub struct ArticleList {
    pub items: Vec<Card>,
    pub total: u64,
    pub next_cursor: Option<String>,
}

/// Query of the index: `limit` and `cursor`, both optional.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    limit: Option<String>,
    cursor: Option<String>,
}

/// `GET /api/v1/articles?limit=N&cursor=C`: cards of every article, newest first.
pub async fn list(
    State(state): State<AppState>,
    links: Links,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = validate::limit(query.limit.as_deref())?;
    let after = query
        .cursor
        .as_deref()
        .map(cursor::decode_article_key)
        .transpose()?;
    let page = state
        .run(move |store| store.list_articles(after.as_ref(), limit))
        .await?;
    let mut items = page.items;
    items.iter_mut().for_each(|card| links.card(card));
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=30")],
        Json(ArticleList {
            items,
            total: page.total,
            next_cursor: page.next.as_ref().map(cursor::encode_article_key),
        }),
    ))
}

/// `GET /api/v1/articles/{id}`: the article with its current rating count.
///
/// Revalidated on every use (`no-cache` with an `ETag`) because the rating count in
/// it changes with every vote.
pub async fn show(
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    links: Links,
    headers: HeaderMap,
) -> Result<Response<Body>, ApiError> {
    let lookup = id.clone();
    let mut article = state
        .run(move |store| store.article(&lookup))
        .await?
        .ok_or(ApiError::ArticleNotFound(id))?;
    links.article(&mut article);
    let json = serde_json::to_vec(&article)
        .map_err(|err| ApiError::Internal(format!("cannot serialize article: {err}")))?;
    let etag = weak_etag(&json);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| etag_matches(tag.trim(), &etag)));
    let mut response = if fresh {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        let mut response = Response::new(Body::from(json));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    };
    let response_headers = response.headers_mut();
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    Ok(response)
}

/// A weak validator (the body may be sent compressed) from a hash of the JSON.
fn weak_etag(body: &[u8]) -> String {
    // FNV-1a: stable across runs and releases, unlike `DefaultHasher`.
    let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("W/\"{hash:016x}-{}\"", body.len())
}

/// Weak comparison: `W/` prefixes do not matter; `*` matches anything.
fn etag_matches(candidate: &str, etag: &str) -> bool {
    candidate == "*" || candidate.trim_start_matches("W/") == etag.trim_start_matches("W/")
}
