//! `--static-dir`: the widget bundle and demo page served at `/`.

mod common;

use common::TestServer;
use reqwest::{header, StatusCode};

fn bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes).expect("write fixture");
    };
    write(
        "index.html",
        b"<!doctype html><title>demo</title><div data-news-widget></div>",
    );
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    write("news_widget_bg.wasm", &wasm);
    write(
        "news-widget.js",
        "export const x = 1;\n".repeat(200).as_bytes(),
    );
    write("news-widget.css", b"news-widget{display:block}");
    dir
}

/// A GET of `path` accepting only `encoding`, to send or to add headers to.
fn get_as(server: &TestServer, path: &str, encoding: &'static str) -> reqwest::RequestBuilder {
    server
        .client
        .get(server.url(path))
        .header(header::ACCEPT_ENCODING, encoding)
}

#[tokio::test]
async fn serves_the_bundle_with_the_right_types() {
    let files = bundle();
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    let get = |path: &'static str| server.client.get(server.url(path)).send();

    let index = get("/").await.expect("index");
    assert_eq!(index.status(), StatusCode::OK);
    assert!(index.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/html"));
    assert!(index
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .is_none());
    assert_eq!(index.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(index
        .text()
        .await
        .unwrap_or_default()
        .contains("data-news-widget"));

    let wasm = get("/news_widget_bg.wasm").await.expect("wasm");
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.bytes().await.map(|b| b.len()).unwrap_or(0), 4104);

    let js = get("/news-widget.js").await.expect("js");
    let js_type = js.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert!(js_type.contains("javascript"), "{js_type}");

    // Outside the API too, errors carry the JSON error body.
    let missing = get("/nope.js").await.expect("missing");
    let (status, body) = common::read_json(missing).await;
    common::assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let post = server
        .client
        .post(server.url("/"))
        .send()
        .await
        .expect("answered");
    let (status, body) = common::read_json(post).await;
    common::assert_error(
        status,
        &body,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );

    // The API still answers under /api/v1 beside the static folder.
    let (status, _) = server.get_json("/articles").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = server.get_json("/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn compresses_for_clients_that_accept_it() {
    let files = bundle();
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    for path in ["/news_widget_bg.wasm", "/news-widget.js"] {
        for encoding in ["gzip", "br"] {
            let response = get_as(&server, path, encoding)
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(
                response
                    .headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.as_bytes()),
                Some(encoding.as_bytes()),
                "{path} {encoding}"
            );
        }
    }
    let response = server
        .client
        .get(server.api("/articles/lakeport-ferry-batteries"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn without_a_static_dir_unknown_paths_are_json_404s() {
    let server = TestServer::start().await;
    for path in ["/nope", "/api/v2/articles", "/media/nope.png"] {
        let response = server
            .client
            .get(server.url(path))
            .send()
            .await
            .expect("answered");
        let (status, body) = common::read_json(response).await;
        common::assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    }
    let post = server
        .client
        .post(server.url("/"))
        .send()
        .await
        .expect("answered");
    let (status, body) = common::read_json(post).await;
    common::assert_error(
        status,
        &body,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn a_missing_static_dir_is_a_start_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = news_widget_server::Config {
        addr: "127.0.0.1:0".parse().expect("address"),
        db: dir.path().join("db.sqlite3"),
        static_dir: Some(dir.path().join("does-not-exist")),
        ..Default::default()
    };
    let error = news_widget_server::spawn(config).await.err();
    assert!(matches!(
        error,
        Some(news_widget_server::StartError::StaticDir(_))
    ));
}

#[tokio::test]
async fn fixed_names_are_revalidated_and_precompressed_copies_are_sent_as_they_are() {
    let files = bundle();
    std::fs::write(files.path().join("news-widget.js.br"), b"precompressed").expect("write");
    std::fs::write(files.path().join("news-widget.d.ts"), b"export {};").expect("write");
    std::fs::write(files.path().join("news-widget.js.map"), b"{}").expect("write");
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    let get = |path: &'static str| get_as(&server, path, "br").send();

    let js = get("/news-widget.js").await.expect("js");
    assert_eq!(js.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(js.headers().contains_key(header::LAST_MODIFIED));
    assert_eq!(js.headers()[header::CONTENT_ENCODING], "br");
    assert!(js.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or_default()
        .contains("javascript"));
    assert_eq!(js.bytes().await.expect("body").as_ref(), b"precompressed");

    let types = get("/news-widget.d.ts").await.expect("d.ts");
    assert_eq!(
        types.headers()[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    let map = get("/news-widget.js.map").await.expect("map");
    assert_eq!(map.headers()[header::CONTENT_TYPE], "application/json");
}

#[tokio::test]
async fn versioned_urls_are_cached_for_good_and_nothing_else_is() {
    let files = bundle();
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    let cache_control = |path: &'static str| {
        let request = server.client.get(server.url(path)).send();
        async move {
            let response = request.await.expect("answered");
            let status = response.status();
            let policy = response.headers().get(header::CACHE_CONTROL).cloned();
            (status, policy)
        }
    };

    const FOR_GOOD: &str = "public, max-age=31536000, immutable";
    for (path, expected) in [
        // What the loader asks for: the runtime under a hash of its files.
        ("/news_widget_bg.wasm?v=0123456789abcdef", FOR_GOOD),
        ("/news-widget.js?restart=1&v=0123456789abcdef", FOR_GOOD),
        // Fixed names, an empty or a look-alike parameter: revalidated as before.
        ("/news_widget_bg.wasm", "no-cache"),
        ("/news_widget_bg.wasm?v=", "no-cache"),
        ("/news_widget_bg.wasm?version=1", "no-cache"),
        ("/news_widget_bg.wasm?xv=1", "no-cache"),
    ] {
        let (status, policy) = cache_control(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            policy.as_ref().and_then(|p| p.to_str().ok()),
            Some(expected),
            "{path}"
        );
    }
    // A versioned URL of a missing file is not cached (it may exist after a deploy).
    let (status, policy) = cache_control("/missing.wasm?v=0123456789abcdef").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(policy.is_none_or(|p| p != FOR_GOOD), "404 cached");
}

/// Every answer of a file that has compressed copies says it varies by Accept-Encoding,
/// the compressed ones (and 304s) included, so no shared cache hands brotli to a client
/// that asked for plain bytes.
#[tokio::test]
async fn answers_vary_by_accept_encoding() {
    let files = bundle();
    std::fs::write(files.path().join("news-widget.js.br"), b"br bytes").expect("write");
    std::fs::write(files.path().join("news-widget.js.gz"), b"gz bytes").expect("write");
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    let mut last_modified = None;
    for (path, encoding) in [
        ("/news-widget.js?v=0123456789abcdef", "br"),
        ("/news-widget.js", "gzip"),
        ("/news-widget.js", "identity"),
    ] {
        let response = get_as(&server, path, encoding)
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), StatusCode::OK, "{path} {encoding}");
        assert!(
            vary_names(response.headers()).contains(&"accept-encoding".to_string()),
            "{path} {encoding}: {:?}",
            response.headers()
        );
        last_modified = response.headers().get(header::LAST_MODIFIED).cloned();
    }
    let revalidated = get_as(&server, "/news-widget.js", "br")
        .header(
            header::IF_MODIFIED_SINCE,
            last_modified.expect("Last-Modified"),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert!(vary_names(revalidated.headers()).contains(&"accept-encoding".to_string()));
}

fn vary_names(headers: &header::HeaderMap) -> Vec<String> {
    headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect()
}

/// One byte range is honoured; a malformed Range or several ranges are ignored (the whole
/// file, 200), as HTTP allows, instead of a 416 with an undocumented error code.
#[tokio::test]
async fn one_range_is_served_and_odd_ranges_are_ignored() {
    let files = bundle();
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    let ranged = |range: &'static str| {
        get_as(&server, "/news_widget_bg.wasm", "identity")
            .header(header::RANGE, range)
            .send()
    };
    for (range, status, length) in [
        ("bytes=0-3", StatusCode::PARTIAL_CONTENT, 4),
        ("bytes=4100-", StatusCode::PARTIAL_CONTENT, 4),
        ("bytes=-8", StatusCode::PARTIAL_CONTENT, 8),
        ("bytes=abc", StatusCode::OK, 4104),
        ("bytes=0-1,4-5", StatusCode::OK, 4104),
        ("lines=1-2", StatusCode::OK, 4104),
        ("bytes=-", StatusCode::OK, 4104),
    ] {
        let response = ranged(range).await.expect("answered");
        assert_eq!(response.status(), status, "{range}");
        assert_eq!(
            response.bytes().await.map(|b| b.len()).unwrap_or(0),
            length,
            "{range}"
        );
    }
    let past_the_end = ranged("bytes=999999-").await.expect("answered");
    let (status, body) = common::read_json(past_the_end).await;
    common::assert_error(
        status,
        &body,
        StatusCode::RANGE_NOT_SATISFIABLE,
        "range_not_satisfiable",
    );
}

#[tokio::test]
async fn odd_paths_are_404_not_server_errors() {
    let files = bundle();
    let dir = files.path().to_path_buf();
    let server = TestServer::start_with(move |config| config.static_dir = Some(dir)).await;
    let long_name = format!("/{}", "a".repeat(300));
    let deep = format!("/{}", "d/".repeat(600));
    for path in [long_name.as_str(), deep.as_str(), "/..%2f..%2fetc/passwd"] {
        let response = server.client.get(server.url(path)).send().await;
        let status = response.map(|r| r.status()).expect("answered");
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::URI_TOO_LONG,
            "{path}: {status}"
        );
    }
    // The bare API prefix with a slash is an API path: JSON error, like any other.
    let (status, body) = server.get_json("/").await;
    common::assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
}
