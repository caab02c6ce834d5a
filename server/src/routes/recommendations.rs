//! `GET /api/v1/articles/{id}/recommendations?list=...&limit=N&cursor=C`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::cursor;
use crate::error::ApiError;
use crate::extract::{ApiQuery, ArticleId, Links};
use crate::state::AppState;
use crate::store::{Card, ListKind};
use crate::validate;

/// One page of a recommendation list.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecommendationPage {
    pub list: String,
    pub items: Vec<Card>,
    /// Length of the whole list, not of this page.
    pub total: u64,
    /// Cursor of the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// Query: `list` (default `related`), `limit` (default 10, maximum 50), `cursor`.
#[derive(Debug, Deserialize)]
pub struct RecommendationQuery {
    list: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// One page of the `related`, `popular` (ranked) or `recommended` list.
pub async fn list(
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    links: Links,
    ApiQuery(query): ApiQuery<RecommendationQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let list = match query.list.as_deref() {
        None => ListKind::Related,
        Some(name) => ListKind::parse(name).ok_or_else(|| {
            ApiError::InvalidList(format!(
                "list must be related, popular or recommended (got {name:?})"
            ))
        })?,
    };
    let limit = validate::limit(query.limit.as_deref())?;
    let after = match query.cursor.as_deref() {
        Some(raw) => cursor::decode_position(raw, list, &id)?,
        None => 0,
    };
    let lookup = id.clone();
    let page = state
        .run(move |store| store.recommendations(&lookup, list, after, limit))
        .await?
        .ok_or_else(|| ApiError::ArticleNotFound(id.clone()))?;
    if after > 0 && u64::from(after) >= page.total {
        return Err(cursor::past_the_end(page.total));
    }
    let mut items = page.items;
    items.iter_mut().for_each(|card| links.card(card));
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=60")],
        Json(RecommendationPage {
            list: list.as_str().to_string(),
            items,
            total: page.total,
            next_cursor: page
                .next
                .map(|position| cursor::encode_position(list, &id, position)),
        }),
    ))
}
