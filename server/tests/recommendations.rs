//! `GET /api/v1/articles/{id}/recommendations`: paging stability, bounds and
//! parameter errors, on the demo data and on a 10,000-card synthetic article.

mod common;

use std::collections::HashSet;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{assert_error, walk_pages, TestServer, RATED, UNRATED};
use reqwest::StatusCode;
use serde_json::Value;

const LISTS: [&str; 3] = ["related", "popular", "recommended"];

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|card| card["id"].as_str().expect("card id").to_string())
        .collect()
}

fn check_cards(list: &str, items: &[Value]) {
    for (index, card) in items.iter().enumerate() {
        assert!(
            card["url"].is_string() && card["title"].is_string(),
            "{card}"
        );
        if list == "popular" {
            assert_eq!(card["rank"], index as u64 + 1, "{card}");
        } else {
            assert!(card.get("rank").is_none(), "{list} card has a rank: {card}");
        }
        if let Some(image) = card.get("image") {
            assert!(image["width"].as_u64().is_some_and(|w| w > 0));
            assert!(image["height"].as_u64().is_some_and(|h| h > 0));
        }
    }
}

#[tokio::test]
async fn every_demo_list_pages_stably_at_every_size() {
    let server = TestServer::start().await;
    let (articles, _) = walk_pages(&server, "/articles?", 50).await;
    let mut longer_than_a_page = 0;
    for article in &articles {
        let id = article["id"].as_str().expect("id");
        for list in LISTS {
            let path = format!("/articles/{id}/recommendations?list={list}");
            let (full, totals) = walk_pages(&server, &path, 50).await;
            assert_eq!(totals, [full.len() as u64]);
            let full_ids = ids(&full);
            let unique: HashSet<&String> = full_ids.iter().collect();
            assert_eq!(unique.len(), full_ids.len(), "duplicates in {id} {list}");
            assert!(
                !full_ids.iter().any(|card| card == id),
                "{id} recommends itself"
            );
            check_cards(list, &full);
            if full.len() > 10 {
                longer_than_a_page += 1;
            }
            for limit in [1, 3, 10] {
                let (paged, totals) = walk_pages(&server, &path, limit).await;
                assert_eq!(paged, full, "{id} {list} limit {limit}");
                assert!(totals.iter().all(|&t| t == full.len() as u64));
            }
        }
    }
    assert!(
        longer_than_a_page >= articles.len(),
        "lists too short to page"
    );
}

#[tokio::test]
async fn page_shape_default_limit_and_clamp() {
    let server = TestServer::start_with(|config| config.seed_synthetic = vec![120]).await;
    let (status, page) = server
        .get_json(&format!("/articles/{RATED}/recommendations?list=popular"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut keys: Vec<&String> = page.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(keys, ["items", "list", "next_cursor", "total"]);
    assert_eq!(page["list"], "popular");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(10));
    assert!(page["next_cursor"].is_string());

    // Without `list`, the related list.
    let (_, default_list) = server
        .get_json(&format!("/articles/{RATED}/recommendations"))
        .await;
    assert_eq!(default_list["list"], "related");

    for (limit, expected) in [("50", 50), ("51", 50), ("1000000", 50), ("007", 7)] {
        let (status, page) = server
            .get_json(&format!(
                "/articles/synthetic-120/recommendations?list=related&limit={limit}"
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{limit}");
        assert_eq!(
            page["items"].as_array().map(Vec::len),
            Some(expected),
            "{limit}"
        );
        assert_eq!(page["total"], 120);
    }
}

#[tokio::test]
async fn bad_parameters_are_400_json_errors() {
    let server = TestServer::start().await;
    let base = format!("/articles/{RATED}/recommendations");
    let (_, page) = server
        .get_json(&format!("{base}?list=popular&limit=2"))
        .await;
    let popular_cursor = page["next_cursor"].as_str().expect("cursor").to_string();

    let cases = [
        ("list=trending", "invalid_list"),
        ("list=", "invalid_list"),
        ("list=Popular", "invalid_list"),
        ("limit=0", "invalid_limit"),
        ("limit=-1", "invalid_limit"),
        ("limit=abc", "invalid_limit"),
        ("limit=", "invalid_limit"),
        ("limit=2.5", "invalid_limit"),
        ("limit=%2B5", "invalid_limit"),
        ("cursor=", "invalid_cursor"),
        ("cursor=not-a-cursor", "invalid_cursor"),
        ("cursor=%3D%3D%3D", "invalid_cursor"),
        ("cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "invalid_cursor"),
        ("list=popular&list=related", "invalid_query"),
    ];
    for (query, code) in cases {
        let (status, body) = server.get_json(&format!("{base}?{query}")).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, code);
    }
    // A cursor from one list is not accepted for another.
    let (status, body) = server
        .get_json(&format!("{base}?list=related&cursor={popular_cursor}"))
        .await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "invalid_cursor");
    // ... nor for the same list of another article ...
    let (status, body) = server
        .get_json(&format!(
            "/articles/{UNRATED}/recommendations?list=popular&cursor={popular_cursor}"
        ))
        .await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "invalid_cursor");
    // ... but is for its own.
    let (status, _) = server
        .get_json(&format!("{base}?list=popular&cursor={popular_cursor}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    // A well-formed cursor at or past the end of the list was never handed out.
    let total = page["total"].as_u64().expect("total");
    for position in [total, total + 1, u64::from(u32::MAX)] {
        let forged = URL_SAFE_NO_PAD.encode(format!("r2|popular|{RATED}|{position}"));
        let (status, body) = server
            .get_json(&format!("{base}?list=popular&cursor={forged}"))
            .await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "invalid_cursor");
    }
    let last = URL_SAFE_NO_PAD.encode(format!("r2|popular|{RATED}|{}", total - 1));
    let (status, page) = server
        .get_json(&format!("{base}?list=popular&cursor={last}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["next_cursor"], Value::Null);

    let (status, body) = server
        .get_json("/articles/no-such-article/recommendations?list=popular")
        .await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn ten_thousand_synthetic_cards_page_exactly() {
    let server = TestServer::start_with(|config| config.seed_synthetic = vec![10_000]).await;
    let mut orders = Vec::new();
    for list in LISTS {
        let path = format!("/articles/synthetic-10000/recommendations?list={list}");
        let (items, totals) = walk_pages(&server, &path, 50).await;
        assert_eq!(items.len(), 10_000, "{list}");
        assert_eq!(totals.len(), 200);
        assert!(totals.iter().all(|&t| t == 10_000));
        let list_ids = ids(&items);
        let unique: HashSet<&String> = list_ids.iter().collect();
        assert_eq!(unique.len(), 10_000, "{list} has duplicates");
        check_cards(list, &items);
        if list == "popular" {
            assert_eq!(
                items.last().map(|card| card["rank"].clone()),
                Some(10_000.into())
            );
        }
        orders.push(list_ids);
    }
    // Same cards, three different orders.
    assert_ne!(orders[0], orders[1]);
    assert_ne!(orders[0], orders[2]);
    let related: HashSet<&String> = orders[0].iter().collect();
    assert!(orders[1].iter().all(|id| related.contains(id)));
}

#[tokio::test]
async fn synthetic_articles_survive_a_restart_and_are_not_duplicated() {
    let server = TestServer::start_with(|config| config.seed_synthetic = vec![25]).await;
    let server = server.restart().await;
    let (status, page) = server
        .get_json("/articles/synthetic-25/recommendations?list=recommended&limit=50")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 25);
    let (status, body) = server.get_json("/articles/synthetic-25").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["rating"]["count"], 0);
}
