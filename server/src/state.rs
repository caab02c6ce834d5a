//! What every handler shares: the store, the origin policy and the vote limiter.

use std::sync::Arc;

use crate::cors::OriginPolicy;
use crate::error::ApiError;
use crate::rate_limit::RateLimiter;
use crate::store::{Store, StoreError};

/// Shared application state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    /// Who may read and who may vote from a browser.
    pub origins: Arc<OriginPolicy>,
    /// Vote limits per voter and per address.
    pub limiter: Arc<RateLimiter>,
    /// Configured public base URL (`--public-url`), used for absolute media links.
    pub public_url: Option<String>,
    /// Base URL used when a request has no usable Host header.
    pub fallback_base: String,
    /// Whether `X-Forwarded-For` / `X-Forwarded-Proto` come from a trusted proxy.
    pub trust_forwarded: bool,
}

impl AppState {
    /// State around `store`, with the given origin policy and limiter.
    pub fn new(store: Arc<dyn Store>, origins: OriginPolicy, limiter: RateLimiter) -> AppState {
        AppState {
            store,
            origins: Arc::new(origins),
            limiter: Arc::new(limiter),
            public_url: None,
            fallback_base: "http://127.0.0.1:8080".to_string(),
            trust_forwarded: false,
        }
    }

    /// Runs a store call on the blocking thread pool, so a slow disk or a locked
    /// database never stalls the async workers.
    pub async fn run<T, F>(&self, call: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || call(store.as_ref()))
            .await
            .map_err(|err| ApiError::Internal(format!("store task failed: {err}")))?
            .map_err(ApiError::from)
    }
}
