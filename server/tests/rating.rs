//! Votes: idempotency, exactness under concurrency, validation, rate limits and
//! durability across restarts, against a real server and SQLite file.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{assert_error, voter, TestServer, RATED, UNRATED};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

/// No rate limits: these tests send many votes from one address.
async fn unlimited() -> TestServer {
    TestServer::start_with(|config| {
        config.rate_limit_per_voter = 0;
        config.rate_limit_per_ip = 0;
    })
    .await
}

#[tokio::test]
async fn votes_are_idempotent_per_voter() {
    let server = unlimited().await;
    let base = server.count(RATED).await;
    let alice = voter(1);

    let (status, body) = server.vote(Method::POST, RATED, &alice).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"label": "veryGood!", "count": base + 1, "voted": true})
    );
    let (_, body) = server.vote(Method::POST, RATED, &alice).await;
    assert_eq!(body["count"], base + 1, "second POST counted again");
    assert_eq!(body["voted"], true);

    let (status, body) = server.vote(Method::DELETE, RATED, &alice).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"label": "veryGood!", "count": base, "voted": false})
    );
    let (_, body) = server.vote(Method::DELETE, RATED, &alice).await;
    assert_eq!(body["count"], base, "second DELETE withdrew again");

    // Withdrawing a vote never cast changes nothing either.
    let (_, body) = server.vote(Method::DELETE, RATED, &voter(2)).await;
    assert_eq!(body["count"], base);
    assert_eq!(body["voted"], false);
}

#[tokio::test]
async fn reading_the_rating_changes_nothing() {
    let server = unlimited().await;
    let alice = voter(1);
    let path = format!("/articles/{RATED}/rating?voter={alice}");
    let (status, before) = server.get_json(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(before["voted"], false);
    for _ in 0..3 {
        let (_, again) = server.get_json(&path).await;
        assert_eq!(again, before);
    }
    server.vote(Method::POST, RATED, &alice).await;
    let (_, after) = server.get_json(&path).await;
    assert_eq!(after["voted"], true);
    assert_eq!(after["count"], before["count"].as_u64().unwrap_or(0) + 1);
    // Without a voter: the same count, not voted.
    let (_, anonymous) = server.get_json(&format!("/articles/{RATED}/rating")).await;
    assert_eq!(anonymous["count"], after["count"]);
    assert_eq!(anonymous["voted"], false);
    // The article shows the same count.
    let (_, article) = server.get_json(&format!("/articles/{RATED}")).await;
    assert_eq!(article["rating"]["count"], after["count"]);

    let response = server
        .client
        .get(server.api(&path))
        .send()
        .await
        .expect("request");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn malformed_voters_and_bodies_are_400_json_errors() {
    let server = unlimited().await;
    let url = server.api(&format!("/articles/{RATED}/rating"));
    let base = server.count(RATED).await;
    let bad_voters = [
        json!({}),
        json!({"voter": null}),
        json!({"voter": 12345}),
        json!({"voter": ""}),
        json!({"voter": "a".repeat(21)}),
        json!({"voter": "a".repeat(65)}),
        json!({"voter": format!("{}!", "a".repeat(30))}),
        json!({"voter": format!("{} ", "a".repeat(30))}),
        json!({"voter": format!("{}é", "a".repeat(30))}),
        json!({"voter": "../../etc/passwd-aaaaaaaaaaaaaaa"}),
    ];
    for method in [Method::POST, Method::DELETE] {
        for body in &bad_voters {
            let response = server
                .client
                .request(method.clone(), &url)
                .json(body)
                .send()
                .await
                .expect("request");
            let (status, error) = common::read_json(response).await;
            assert_error(status, &error, StatusCode::BAD_REQUEST, "invalid_voter");
        }
        let bad_bodies: [(&str, &str); 6] = [
            ("application/json", "not json"),
            ("application/json", ""),
            ("application/json", "[\"voter\"]"),
            ("application/json", "\"aaaaaaaaaaaaaaaaaaaaaaaaaa\""),
            ("text/plain", "{\"voter\":\"aaaaaaaaaaaaaaaaaaaaaaaaaa\"}"),
            (
                "application/x-www-form-urlencoded",
                "voter=aaaaaaaaaaaaaaaaaaaaaaaaaa",
            ),
        ];
        for (content_type, body) in bad_bodies {
            let response = server
                .client
                .request(method.clone(), &url)
                .header(header::CONTENT_TYPE, content_type)
                .body(body)
                .send()
                .await
                .expect("request");
            let (status, error) = common::read_json(response).await;
            assert_error(status, &error, StatusCode::BAD_REQUEST, "invalid_body");
        }
        let response = server
            .client
            .request(method.clone(), &url)
            .body("{\"voter\":\"aaaaaaaaaaaaaaaaaaaaaaaaaa\"}")
            .send()
            .await
            .expect("request");
        let (status, error) = common::read_json(response).await;
        assert_error(status, &error, StatusCode::BAD_REQUEST, "invalid_body");

        let huge = json!({"voter": voter(1), "padding": "x".repeat(5000)});
        let response = server
            .client
            .request(method.clone(), &url)
            .json(&huge)
            .send()
            .await
            .expect("request");
        let (status, error) = common::read_json(response).await;
        assert_error(
            status,
            &error,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        );
    }
    // A content type with parameters is fine, and unknown fields are ignored.
    let response = server
        .client
        .post(&url)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(json!({"voter": voter(9), "extra": true}).to_string())
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        server.count(RATED).await,
        base + 1,
        "a refused vote was counted"
    );

    for bad in ["short", "a%21aaaaaaaaaaaaaaaaaaaaaaaa", ""] {
        let (status, error) = server
            .get_json(&format!("/articles/{RATED}/rating?voter={bad}"))
            .await;
        assert_error(status, &error, StatusCode::BAD_REQUEST, "invalid_voter");
    }
}

#[tokio::test]
async fn unknown_articles_and_articles_without_rating_are_404() {
    let server = unlimited().await;
    for method in [Method::POST, Method::DELETE] {
        let (status, body) = server
            .vote(method.clone(), "no-such-article", &voter(1))
            .await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let (status, body) = server.vote(method, UNRATED, &voter(1)).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "no_rating");
    }
    let (status, body) = server.get_json("/articles/no-such-article/rating").await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let (status, body) = server
        .get_json(&format!("/articles/{UNRATED}/rating"))
        .await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "no_rating");
}

/// 50 voters act at once; each voter's actions run in order, and every action is
/// sent twice at the same moment. The final count is exactly the base plus the
/// voters whose last action was a vote.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_votes_keep_the_count_exact() {
    let server = Arc::new(unlimited().await);
    let base = server.count(RATED).await;
    const VOTERS: usize = 50;
    // A fixed pseudo-random plan per voter: 4 to 9 actions.
    let plan = |n: usize| -> Vec<bool> {
        let mut state = (n as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let steps = 4 + (state % 6) as usize;
        (0..steps)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                !state.is_multiple_of(3)
            })
            .collect()
    };
    let mut tasks = Vec::new();
    let mut sent = 0;
    for n in 0..VOTERS {
        let actions = plan(n);
        sent += actions.len() * 2;
        let server = Arc::clone(&server);
        tasks.push(tokio::spawn(async move {
            let id = voter(n);
            for cast in actions {
                let method = if cast { Method::POST } else { Method::DELETE };
                let (first, second) = tokio::join!(
                    server.vote(method.clone(), RATED, &id),
                    server.vote(method, RATED, &id)
                );
                for (status, body) in [first, second] {
                    assert_eq!(status, StatusCode::OK, "{body}");
                    assert_eq!(body["voted"], cast);
                }
            }
        }));
    }
    for task in tasks {
        task.await.expect("voter task");
    }
    assert!(sent >= 400, "only {sent} requests");
    let expected_voted: Vec<bool> = (0..VOTERS)
        .map(|n| plan(n).last().copied().unwrap_or(false))
        .collect();
    let expected = base + expected_voted.iter().filter(|&&v| v).count() as u64;
    assert_eq!(server.count(RATED).await, expected);
    for (n, voted) in expected_voted.iter().enumerate() {
        let (_, body) = server
            .get_json(&format!("/articles/{RATED}/rating?voter={}", voter(n)))
            .await;
        assert_eq!(body["voted"], *voted, "voter {n}");
    }
}

/// 200 distinct voters vote at the same moment, then all withdraw at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_voters_all_count_once() {
    let server = Arc::new(unlimited().await);
    let base = server.count(RATED).await;
    for (method, expected) in [(Method::POST, base + 200), (Method::DELETE, base)] {
        let tasks: Vec<_> = (0..200)
            .map(|n| {
                let server = Arc::clone(&server);
                let method = method.clone();
                tokio::spawn(async move { server.vote(method, RATED, &voter(1000 + n)).await })
            })
            .collect();
        let mut counts = Vec::new();
        for task in tasks {
            let (status, body) = task.await.expect("task");
            assert_eq!(status, StatusCode::OK, "{body}");
            counts.push(body["count"].as_u64().unwrap_or(0));
        }
        // Each answer reports the count right after its own change: all distinct.
        counts.sort_unstable();
        counts.dedup();
        assert_eq!(counts.len(), 200);
        assert_eq!(server.count(RATED).await, expected);
    }
}

async fn retry_after(response: &reqwest::Response) -> u64 {
    response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("numeric Retry-After header")
}

#[tokio::test]
async fn per_voter_limit_answers_429_with_retry_after() {
    let server = TestServer::start_with(|config| {
        config.rate_limit_per_voter = 3;
        config.rate_limit_per_ip = 0;
    })
    .await;
    let alice = voter(1);
    for method in [Method::POST, Method::DELETE, Method::POST] {
        let (status, _) = server.vote(method, RATED, &alice).await;
        assert_eq!(status, StatusCode::OK);
    }
    let count = server.count(RATED).await;
    let response = server
        .client
        .delete(server.api(&format!("/articles/{RATED}/rating")))
        .json(&json!({"voter": alice}))
        .send()
        .await
        .expect("request");
    let wait = retry_after(&response).await;
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let (status, body) = common::read_json(response).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(
        server.count(RATED).await,
        count,
        "a refused vote changed the count"
    );
    // Other voters are not affected; reads are never limited.
    let (status, _) = server.vote(Method::POST, RATED, &voter(2)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = server
        .get_json(&format!("/articles/{RATED}/rating?voter={alice}"))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn per_address_limit_counts_all_voters_of_one_client() {
    let server = TestServer::start_with(|config| {
        config.rate_limit_per_voter = 0;
        config.rate_limit_per_ip = 5;
    })
    .await;
    for n in 0..5 {
        let (status, _) = server.vote(Method::POST, RATED, &voter(n)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let response = server
        .client
        .post(server.api(&format!("/articles/{RATED}/rating")))
        .json(&json!({"voter": voter(99)}))
        .send()
        .await
        .expect("request");
    let wait = retry_after(&response).await;
    assert!((1..=60).contains(&wait));
    let (status, body) = common::read_json(response).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("address")));
}

/// Only accepted votes count: votes for an unknown article or one without a rating are
/// refused (404) and leave both limits as they were (was: five such votes locked the
/// voter, and every voter of the address, out for a minute).
#[tokio::test]
async fn refused_votes_do_not_count_against_the_limits() {
    for (per_voter, per_ip) in [(3, 0), (0, 3)] {
        let server = TestServer::start_with(|config| {
            config.rate_limit_per_voter = per_voter;
            config.rate_limit_per_ip = per_ip;
        })
        .await;
        let alice = voter(1);
        for article in ["no-such-article", UNRATED, "no-such-article", UNRATED] {
            let (status, body) = server.vote(Method::POST, article, &alice).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{article}: {body}");
        }
        for method in [Method::POST, Method::DELETE, Method::POST] {
            let (status, body) = server.vote(method, RATED, &alice).await;
            assert_eq!(
                status,
                StatusCode::OK,
                "limits {per_voter}/{per_ip}: {body}"
            );
        }
        let (status, _) = server.vote(Method::DELETE, RATED, &alice).await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "accepted votes still count ({per_voter}/{per_ip})"
        );
    }
}

#[tokio::test]
async fn limits_reopen_after_the_window() {
    let server = TestServer::start_with(|config| {
        config.rate_limit_per_voter = 1;
        config.rate_limit_per_ip = 0;
        config.rate_limit_window = Duration::from_millis(1500);
    })
    .await;
    let alice = voter(1);
    let (status, _) = server.vote(Method::POST, RATED, &alice).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = server.vote(Method::DELETE, RATED, &alice).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Waiting out the (shortened) window is the behaviour under test.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let (status, body) = server.vote(Method::DELETE, RATED, &alice).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn acknowledged_votes_survive_a_restart() {
    let server = unlimited().await;
    let base = server.count(RATED).await;
    let (alice, bob) = (voter(1), voter(2));
    server.vote(Method::POST, RATED, &alice).await;
    server.vote(Method::POST, RATED, &bob).await;
    let (status, body) = server.vote(Method::DELETE, RATED, &bob).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["count"], base + 1);

    let server = server.restart().await;
    let (_, body): (StatusCode, Value) = server
        .get_json(&format!("/articles/{RATED}/rating?voter={alice}"))
        .await;
    assert_eq!(
        body,
        json!({"label": "veryGood!", "count": base + 1, "voted": true})
    );
    let (_, body) = server
        .get_json(&format!("/articles/{RATED}/rating?voter={bob}"))
        .await;
    assert_eq!(body["voted"], false);
    // The demo data is not seeded twice.
    let (_, list) = server.get_json("/articles?limit=50").await;
    let total = list["total"].as_u64().unwrap_or(0);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(total as usize));
    server.stop().await;
}
