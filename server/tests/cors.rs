//! CORS: allowed origins read and vote, others may not vote (403) and get no
//! `Access-Control-Allow-Origin`; `*` opens reads only.

mod common;

use common::{assert_error, voter, TestServer, RATED};
use reqwest::{header, Method, StatusCode};
use serde_json::json;

const ALLOWED: &str = "https://news.example";
const OTHER: &str = "https://evil.example";

async fn server_allowing(origins: &[&str]) -> TestServer {
    let origins: Vec<String> = origins.iter().map(|o| o.to_string()).collect();
    TestServer::start_with(move |config| config.allow_origins = origins).await
}

fn allow_origin(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn preflight(server: &TestServer, origin: &str, method: &str) -> reqwest::Response {
    server
        .client
        .request(
            Method::OPTIONS,
            server.api(&format!("/articles/{RATED}/rating")),
        )
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .send()
        .await
        .expect("preflight")
}

async fn vote_from(server: &TestServer, origin: &str) -> reqwest::Response {
    server
        .client
        .post(server.api(&format!("/articles/{RATED}/rating")))
        .header(header::ORIGIN, origin)
        .json(&json!({"voter": voter(1)}))
        .send()
        .await
        .expect("vote")
}

#[tokio::test]
async fn allowed_origin_reads_and_votes() {
    let server = server_allowing(&[ALLOWED]).await;
    let response = server
        .client
        .get(server.api(&format!("/articles/{RATED}")))
        .header(header::ORIGIN, ALLOWED)
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(allow_origin(&response).as_deref(), Some(ALLOWED));
    let vary = response
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    assert!(vary.to_ascii_lowercase().contains("origin"), "Vary: {vary}");

    for method in ["POST", "DELETE"] {
        let response = preflight(&server, ALLOWED, method).await;
        assert!(response.status().is_success());
        assert_eq!(allow_origin(&response).as_deref(), Some(ALLOWED));
        let methods = response.headers()[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .unwrap_or_default()
            .to_string();
        assert!(methods.contains(method), "{methods}");
        let headers = response.headers()[header::ACCESS_CONTROL_ALLOW_HEADERS]
            .to_str()
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(headers.contains("content-type"), "{headers}");
    }

    let response = vote_from(&server, ALLOWED).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(allow_origin(&response).as_deref(), Some(ALLOWED));
}

#[tokio::test]
async fn other_origins_cannot_vote_or_read() {
    let server = server_allowing(&[ALLOWED]).await;
    let before = server.count(RATED).await;
    let response = preflight(&server, OTHER, "POST").await;
    assert_eq!(allow_origin(&response), None);

    let response = vote_from(&server, OTHER).await;
    assert_eq!(allow_origin(&response), None);
    let (status, body) = common::read_json(response).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "origin_not_allowed");
    assert_eq!(server.count(RATED).await, before);

    let response = server
        .client
        .get(server.api(&format!("/articles/{RATED}")))
        .header(header::ORIGIN, OTHER)
        .send()
        .await
        .expect("get");
    assert_eq!(allow_origin(&response), None);
}

#[tokio::test]
async fn the_servers_own_origin_is_always_allowed() {
    let server = server_allowing(&[ALLOWED]).await;
    let own = server.origin();
    let response = vote_from(&server, &own).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = preflight(&server, &own, "DELETE").await;
    assert_eq!(allow_origin(&response), Some(own));
}

#[tokio::test]
async fn star_lets_anyone_read_but_not_vote() {
    let server = server_allowing(&["*", ALLOWED]).await;
    let response = server
        .client
        .get(server.api(&format!("/articles/{RATED}/recommendations?list=popular")))
        .header(header::ORIGIN, OTHER)
        .send()
        .await
        .expect("get");
    assert!(allow_origin(&response).is_some_and(|o| o == OTHER || o == "*"));

    let response = preflight(&server, OTHER, "POST").await;
    assert_eq!(allow_origin(&response), None);
    let (status, body) = common::read_json(vote_from(&server, OTHER).await).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "origin_not_allowed");
    let response = vote_from(&server, ALLOWED).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn default_allowlist_covers_the_demo_origins() {
    let server = TestServer::start().await;
    for origin in ["http://127.0.0.1:8080", "http://localhost:8080"] {
        let response = vote_from(&server, origin).await;
        assert_eq!(response.status(), StatusCode::OK, "{origin}");
    }
}

/// Only CORS preflights (OPTIONS with `Access-Control-Request-Method`) are answered by
/// the CORS layer; any other OPTIONS request reaches the routes like other methods: an
/// unknown path is 404 `not_found`, a known one 405 with `Allow` (was: 200 with an empty
/// body on every path, even without `Origin`; outside audit 11b).
#[tokio::test]
async fn a_plain_options_request_is_routed_like_any_other_method() {
    let server = server_allowing(&[ALLOWED]).await;
    let send = |path: String, origin: Option<&str>| {
        let mut request = server.client.request(Method::OPTIONS, path);
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        request.send()
    };
    for origin in [None, Some(ALLOWED)] {
        let response = send(server.api("/nope"), origin).await.expect("options");
        let status = response.status();
        let body = response.json().await.expect("json body");
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");

        let response = send(server.api(&format!("/articles/{RATED}/rating")), origin)
            .await
            .expect("options");
        let status = response.status();
        let allow = response.headers().get(header::ALLOW).cloned();
        let body = response.json().await.expect("json body");
        assert_error(
            status,
            &body,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        );
        let allow = allow.and_then(|value| value.to_str().ok().map(str::to_string));
        assert!(
            allow.as_deref().is_some_and(|a| a.contains("POST")),
            "{allow:?}"
        );
    }
    // A real preflight is still answered by the CORS layer.
    let response = preflight(&server, ALLOWED, "POST").await;
    assert!(response.status().is_success());
    assert_eq!(allow_origin(&response).as_deref(), Some(ALLOWED));
}
