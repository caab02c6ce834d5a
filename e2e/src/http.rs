//! A tiny HTTP client for asking the servers directly (ground truth for assertions, e.g.
//! the article title the widget should show).

use axum::body::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// `GET url`: the status code and the body, or why the request failed.
pub async fn get(url: &str) -> Result<(u16, Bytes), String> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let uri: http::Uri = url.parse().map_err(|err| format!("bad URL {url}: {err}"))?;
    let response = client
        .get(uri)
        .await
        .map_err(|err| format!("GET {url}: {err}"))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|err| format!("GET {url}: reading the body: {err}"))?
        .to_bytes();
    Ok((status, body))
}

/// `GET url` that must answer 2xx with JSON; panics otherwise (a broken fixture).
pub async fn get_json(url: &str) -> Value {
    let (status, body) = get(url).await.unwrap_or_else(|err| panic!("{err}"));
    assert!(
        (200..300).contains(&status),
        "GET {url} answered {status}: {}",
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice(&body).unwrap_or_else(|err| panic!("GET {url}: not JSON: {err}"))
}
