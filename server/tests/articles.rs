//! `GET /api/v1/articles/{id}`, the article index, the seed, and errors outside
//! handlers (unknown routes, wrong methods), against a real server and SQLite file.

mod common;

use std::collections::HashSet;

use common::{assert_error, walk_pages, TestServer, RATED, UNRATED};
use reqwest::{header, StatusCode};
use serde_json::Value;

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    keys
}

#[tokio::test]
async fn article_has_exactly_the_contract_shape() {
    let server = TestServer::start().await;
    let (status, article) = server.get_json(&format!("/articles/{RATED}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        keys(&article),
        [
            "body",
            "byline",
            "dateline",
            "id",
            "image",
            "published_at",
            "rating",
            "section",
            "source",
            "title",
            "updated_at",
            "url"
        ]
    );
    assert_eq!(article["id"], RATED);
    assert_eq!(keys(&article["source"]), ["name", "url"]);
    assert_eq!(keys(&article["image"]), ["alt", "height", "url", "width"]);
    assert_eq!(keys(&article["rating"]), ["count", "label"]);
    assert_eq!(article["rating"]["label"], "veryGood!");
    assert_eq!(article["rating"]["count"], 6348);
    assert_eq!(article["section"][0], "Home");
    // Demo pictures are served by this server, as absolute URLs.
    let image_url = article["image"]["url"].as_str().unwrap_or_default();
    assert!(
        image_url.starts_with(&format!("{}/media/", server.origin())),
        "{image_url}"
    );
    let picture = server.client.get(image_url).send().await.expect("picture");
    assert_eq!(picture.status(), StatusCode::OK);
    assert_eq!(picture.headers()[header::CONTENT_TYPE], "image/svg+xml");
    assert!(picture.text().await.unwrap_or_default().starts_with("<svg"));

    let blocks = article["body"].as_array().expect("body");
    for block in blocks {
        let expected: &[&str] = match block["type"].as_str().unwrap_or_default() {
            "paragraph" | "heading" => &["text", "type"],
            "quote" => &["cite", "text", "type"],
            "image" => &["alt", "caption", "height", "type", "url", "width"],
            "html" => &["html", "type"],
            other => panic!("unexpected block type {other}"),
        };
        assert_eq!(keys(block), expected, "{block}");
    }
}

#[tokio::test]
async fn article_without_rating_has_null_rating() {
    let server = TestServer::start().await;
    let (status, article) = server.get_json(&format!("/articles/{UNRATED}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(article["rating"].is_null());
    assert!(article
        .as_object()
        .is_some_and(|o| o.contains_key("rating")));
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_json_errors() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json("/articles/no-such-article").await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");

    let too_long = "x".repeat(65);
    for bad in [
        "bad.id",
        "bad%20id",
        "%C3%A9t%C3%A9",
        too_long.as_str(),
        "%FF",
    ] {
        let (status, body) = server.get_json(&format!("/articles/{bad}")).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "invalid_article_id");
        let (status, body) = server
            .get_json(&format!("/articles/{bad}/recommendations"))
            .await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "invalid_article_id");
        let (status, body) = server.get_json(&format!("/articles/{bad}/rating")).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "invalid_article_id");
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_under_the_api_are_json_errors() {
    let server = TestServer::start().await;
    for path in ["/nope", "/articles/a/b/c", "", "/articles/x/rating/extra"] {
        let (status, body) = server.get_json(path).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    }
    let response = server
        .client
        .put(server.api(&format!("/articles/{RATED}")))
        .send()
        .await
        .expect("request");
    let allow = response.headers().get(header::ALLOW).cloned();
    let (status, body) = common::read_json(response).await;
    assert_error(
        status,
        &body,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
    assert!(allow.is_some_and(|allow| allow.to_str().unwrap_or_default().contains("GET")));

    let response = server
        .client
        .patch(server.api(&format!("/articles/{RATED}/rating")))
        .send()
        .await
        .expect("request");
    let (status, body) = common::read_json(response).await;
    assert_error(
        status,
        &body,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn article_responses_have_safe_headers_and_revalidate() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.api(&format!("/articles/{RATED}")))
        .send()
        .await
        .expect("request");
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_none());
    let etag = headers.get(header::ETAG).expect("etag").clone();

    let again = server
        .client
        .get(server.api(&format!("/articles/{RATED}")))
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .expect("request");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // A vote changes the count, so the old ETag no longer matches.
    let (status, _) = server
        .vote(reqwest::Method::POST, RATED, &common::voter(1))
        .await;
    assert_eq!(status, StatusCode::OK);
    let after_vote = server
        .client
        .get(server.api(&format!("/articles/{RATED}")))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .expect("request");
    assert_eq!(after_vote.status(), StatusCode::OK);
    let body: Value = after_vote.json().await.expect("json");
    assert_eq!(body["rating"]["count"], 6349);
}

#[tokio::test]
async fn seed_has_at_least_ten_full_articles() {
    let server = TestServer::start().await;
    let (items, totals) = walk_pages(&server, "/articles?", 50).await;
    assert!(items.len() >= 10, "{} articles", items.len());
    assert!(totals.iter().all(|&t| t == items.len() as u64));
    let mut without_rating = 0;
    let mut with_html = 0;
    for card in &items {
        let id = card["id"].as_str().expect("id");
        let (status, article) = server.get_json(&format!("/articles/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{id}");
        assert!(article["section"].as_array().is_some_and(|s| s.len() >= 2));
        assert!(article["source"]["name"].is_string());
        assert!(article["byline"]
            .as_str()
            .is_some_and(|b| b.starts_with("By ")));
        assert!(article["dateline"].is_string());
        assert!(article["published_at"].is_string());
        assert!(article["image"]["width"].as_u64().is_some_and(|w| w > 0));
        let body = article["body"].as_array().expect("body");
        assert!(body.len() >= 5, "{id} has {} blocks", body.len());
        let types: HashSet<&str> = body.iter().filter_map(|b| b["type"].as_str()).collect();
        for required in ["paragraph", "heading", "quote", "image"] {
            assert!(types.contains(required), "{id} lacks a {required} block");
        }
        assert!(body
            .iter()
            .any(|b| b["type"] == "quote" && b["cite"].is_string()));
        if article["rating"].is_null() {
            without_rating += 1;
        }
        if types.contains("html") {
            with_html += 1;
        }
        for list in ["related", "popular", "recommended"] {
            let (status, page) = server
                .get_json(&format!("/articles/{id}/recommendations?list={list}"))
                .await;
            assert_eq!(status, StatusCode::OK);
            assert!(page["total"].as_u64().is_some_and(|t| t > 0), "{id} {list}");
        }
    }
    assert_eq!(without_rating, 1);
    assert!(with_html >= 2);
}

#[tokio::test]
async fn article_index_pages_newest_first_without_gaps() {
    let server = TestServer::start_with(|config| config.seed_synthetic = vec![3, 5]).await;
    let (all, _) = walk_pages(&server, "/articles?", 50).await;
    for limit in [1, 2, 3, 7] {
        let (paged, totals) = walk_pages(&server, "/articles?", limit).await;
        assert_eq!(paged, all, "limit {limit}");
        assert!(totals.iter().all(|&t| t == all.len() as u64));
    }
    let dates: Vec<&str> = all
        .iter()
        .map(|card| card["published_at"].as_str().unwrap_or_default())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "not newest first");
    let ids: HashSet<&str> = all.iter().filter_map(|c| c["id"].as_str()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(ids.contains("synthetic-3") && ids.contains("synthetic-5"));
    for card in &all {
        assert!(card.get("rank").is_none());
        assert_eq!(keys(&card["source"]), ["name"]);
    }

    let (status, first) = server.get_json("/articles").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["items"].as_array().map(Vec::len), Some(10));

    for bad in ["limit=0", "limit=-3", "limit=x", "cursor=%21%21", "cursor="] {
        let (status, body) = server.get_json(&format!("/articles?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
}

#[tokio::test]
async fn root_without_static_dir_points_to_the_api() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.url("/"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["api"], "/api/v1");
}
