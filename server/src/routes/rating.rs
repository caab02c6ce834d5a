//! `GET`, `POST` and `DELETE /api/v1/articles/{id}/rating`: read, cast and withdraw
//! one anonymous vote per (article, voter).

use std::time::Instant;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::{ApiQuery, ArticleId, ClientIp, VoteBody, VoteOrigin};
use crate::state::AppState;
use crate::store::{RatingLookup, RatingState, VoteIntent};
use crate::validate;

/// Query of the read: `voter` is optional (without it `voted` is false).
#[derive(Debug, Deserialize)]
pub struct RatingQuery {
    voter: Option<String>,
}

/// `GET .../rating?voter=...`: the rating as this voter sees it; changes nothing.
pub async fn show(
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    ApiQuery(query): ApiQuery<RatingQuery>,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(voter) = &query.voter {
        validate::voter(voter)?;
    }
    let lookup = id.clone();
    let result = state
        .run(move |store| store.rating(&lookup, query.voter.as_deref()))
        .await?;
    answer(id, result)
}

/// `POST .../rating` with `{"voter": "..."}`: records the vote (idempotent).
pub async fn cast(
    _origin: VoteOrigin,
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    ClientIp(ip): ClientIp,
    body: VoteBody,
) -> Result<impl IntoResponse, ApiError> {
    vote(state, id, ip, body.voter, VoteIntent::Cast).await
}

/// `DELETE .../rating` with `{"voter": "..."}`: withdraws the vote (idempotent).
pub async fn withdraw(
    _origin: VoteOrigin,
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    ClientIp(ip): ClientIp,
    body: VoteBody,
) -> Result<impl IntoResponse, ApiError> {
    vote(state, id, ip, body.voter, VoteIntent::Withdraw).await
}

async fn vote(
    state: AppState,
    id: String,
    ip: std::net::IpAddr,
    voter: String,
    intent: VoteIntent,
) -> Result<impl IntoResponse, ApiError> {
    let counted_at = Instant::now();
    state
        .limiter
        .check(&voter, ip, counted_at)
        .map_err(|refusal| ApiError::RateLimited {
            retry_after: refusal.retry_after,
            scope: refusal.scope,
        })?;
    let (lookup, who) = (id.clone(), voter.clone());
    // The vote is committed before this returns, so an acknowledged vote is durable.
    let result = state
        .run(move |store| store.vote(&lookup, &who, intent))
        .await;
    // Only accepted votes count against the limits (`--help`): not one the database
    // could not take, nor one for an unknown article or an article without a rating.
    if !matches!(result, Ok(RatingLookup::Found(_))) {
        state.limiter.refund(&voter, ip, counted_at);
    }
    answer(id, result?)
}

fn answer(id: String, result: RatingLookup) -> Result<impl IntoResponse, ApiError> {
    let rating: RatingState = match result {
        RatingLookup::Found(rating) => rating,
        RatingLookup::NoRating => return Err(ApiError::NoRating(id)),
        RatingLookup::NoArticle => return Err(ApiError::ArticleNotFound(id)),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(rating)))
}
