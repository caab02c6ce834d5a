//! Shared helpers for the server's integration tests: a real server on a free port
//! of 127.0.0.1 with its own SQLite file in a temporary folder, and an HTTP client.
#![allow(dead_code)] // each test file uses a different subset

use std::path::PathBuf;

use news_widget_server::{spawn, Config, RunningServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tempfile::TempDir;

/// A demo article with a rating.
pub const RATED: &str = "lakeport-ferry-batteries";
/// The demo article whose `rating` is null.
pub const UNRATED: &str = "harbour-council-budget";

/// A running server, its database folder and a client.
pub struct TestServer {
    server: Option<RunningServer>,
    dir: TempDir,
    config: Config,
    pub client: reqwest::Client,
}

impl TestServer {
    /// Defaults (demo data, default rate limits) on a fresh database.
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    /// A fresh database, with `configure` applied to the test configuration.
    pub async fn start_with(configure: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut config = Config {
            addr: "127.0.0.1:0".parse().expect("address"),
            db: dir.path().join("data").join("test.sqlite3"),
            ..Config::default()
        };
        configure(&mut config);
        TestServer::launch(dir, config).await
    }

    async fn launch(dir: TempDir, config: Config) -> TestServer {
        let server = spawn(config.clone()).await.expect("server starts");
        TestServer {
            server: Some(server),
            dir,
            config,
            client: reqwest::Client::new(),
        }
    }

    fn running(&self) -> &RunningServer {
        self.server.as_ref().expect("server running")
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.config.db.clone()
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        self.running().base_url()
    }

    /// Absolute URL of `path` (starting with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    /// Absolute URL of `path` under `/api/v1`.
    pub fn api(&self, path: &str) -> String {
        format!("{}{path}", self.running().api_url())
    }

    /// GET an API path; returns the status and the JSON body (Null if not JSON).
    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .get(self.api(path))
            .send()
            .await
            .expect("request");
        read_json(response).await
    }

    /// POST (cast) or DELETE (withdraw) a vote of `voter` on `article`.
    pub async fn vote(&self, method: Method, article: &str, voter: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .request(method, self.api(&format!("/articles/{article}/rating")))
            .json(&json!({ "voter": voter }))
            .send()
            .await
            .expect("request");
        read_json(response).await
    }

    /// The current count as the rating endpoint reports it.
    pub async fn count(&self, article: &str) -> u64 {
        let (status, body) = self.get_json(&format!("/articles/{article}/rating")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["count"].as_u64().expect("count")
    }

    /// Stops the server gracefully and starts a new one on the same database file
    /// (a new port).
    pub async fn restart(self) -> TestServer {
        let TestServer {
            server,
            dir,
            mut config,
            ..
        } = self;
        if let Some(server) = server {
            server.shutdown().await.expect("graceful shutdown");
        }
        config.addr = "127.0.0.1:0".parse().expect("address");
        TestServer::launch(dir, config).await
    }

    /// Stops the server gracefully.
    pub async fn stop(mut self) {
        if let Some(server) = self.server.take() {
            server.shutdown().await.expect("graceful shutdown");
        }
    }
}

/// Status and JSON body of a response (Null if the body is not JSON).
pub async fn read_json(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A well-formed voter id, distinct per `n` (22+ characters).
pub fn voter(n: usize) -> String {
    format!("test-voter-{n:011}-abcdef")
}

/// Asserts `body` is the JSON error shape with `code` and a non-empty message.
pub fn assert_error(status: StatusCode, body: &Value, expected: StatusCode, code: &str) {
    assert_eq!(status, expected, "unexpected status; body: {body}");
    assert_eq!(body["error"]["code"], code, "unexpected body: {body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "error without message: {body}");
    let keys: Vec<&String> = body
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["error"], "error body has extra fields: {body}");
}

/// Follows `next_cursor` from the first page of `path` (which has a `?`) to the
/// end; returns every item and the `total` of each page.
pub async fn walk_pages(server: &TestServer, path: &str, limit: u32) -> (Vec<Value>, Vec<u64>) {
    let mut items = Vec::new();
    let mut totals = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100_000 {
        let page_path = match &cursor {
            Some(c) => format!("{path}&limit={limit}&cursor={c}"),
            None => format!("{path}&limit={limit}"),
        };
        let (status, page) = server.get_json(&page_path).await;
        assert_eq!(status, StatusCode::OK, "{page_path}: {page}");
        let page_items = page["items"].as_array().expect("items").clone();
        assert!(page_items.len() <= limit as usize);
        totals.push(page["total"].as_u64().expect("total"));
        let next = page["next_cursor"].as_str().map(str::to_string);
        if next.is_some() {
            assert_eq!(
                page_items.len(),
                limit as usize,
                "short page before the end"
            );
        }
        items.extend(page_items);
        match next {
            Some(next) => cursor = Some(next),
            None => return (items, totals),
        }
    }
    panic!("paging did not end");
}
