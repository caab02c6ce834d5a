//! Slow and silent clients: connections that never finish a request are closed, a
//! trickled body is answered 408, and none of them holds a shutdown open.

mod common;

use std::time::{Duration, Instant};

use common::{voter, TestServer, RATED};
use news_widget_server::listen::Timeouts;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SHORT: Timeouts = Timeouts {
    header_read: Duration::from_millis(800),
    request: Duration::from_millis(800),
};

async fn start() -> TestServer {
    TestServer::start_with(|config| config.timeouts = SHORT).await
}

async fn connect(server: &TestServer) -> TcpStream {
    let addr = server.origin().trim_start_matches("http://").to_string();
    TcpStream::connect(addr).await.expect("connects")
}

/// Reads until the server closes the connection; returns what it sent and how long
/// that took. Fails the test if the connection is still open after 10 s.
async fn read_until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let started = Instant::now();
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server kept the connection open for 10 s");
    (
        String::from_utf8_lossy(&received).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test]
async fn a_client_that_sends_nothing_or_half_its_headers_is_disconnected() {
    let server = start().await;
    let mut silent = connect(&server).await;
    let mut partial = connect(&server).await;
    partial
        .write_all(b"GET /api/v1/articles HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .expect("writes");

    let (_, silent_after) = read_until_closed(&mut silent).await;
    let (_, partial_after) = read_until_closed(&mut partial).await;
    assert!(silent_after < Duration::from_secs(5), "{silent_after:?}");
    assert!(partial_after < Duration::from_secs(5), "{partial_after:?}");
    server.stop().await;
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_its_answer() {
    let server = start().await;
    let mut stream = connect(&server).await;
    stream
        .write_all(b"GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("writes");
    let (received, _) = read_until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received}");
    server.stop().await;
}

#[tokio::test]
async fn a_trickled_vote_body_is_answered_408_with_the_json_error() {
    let server = start().await;
    let mut stream = connect(&server).await;
    let body = format!(r#"{{"voter":"{}"}}"#, voter(1));
    let head = format!(
        "POST /api/v1/articles/{RATED}/rating HTTP/1.1\r\nHost: x\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("writes");
    stream
        .write_all(&body.as_bytes()[..5])
        .await
        .expect("writes");

    let (received, _) = read_until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 408"), "{received}");
    let json = received.split("\r\n\r\n").nth(1).unwrap_or_default();
    let json: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    assert_eq!(json["error"]["code"], "request_timeout", "{received}");
    assert_eq!(
        server.count(RATED).await,
        6348,
        "the half-sent vote counted"
    );
    server.stop().await;
}

#[tokio::test]
async fn shutdown_closes_idle_connections_at_once_and_half_sent_requests_at_the_header_timeout() {
    let server = TestServer::start_with(|config| {
        config.timeouts = Timeouts {
            header_read: Duration::from_secs(3),
            request: Duration::from_secs(60),
        }
    })
    .await;
    let mut idle = connect(&server).await;
    idle.write_all(b"GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("writes");
    let mut answer = [0u8; 12];
    idle.read_exact(&mut answer).await.expect("answered");
    let mut partial = connect(&server).await;
    partial
        .write_all(b"GET /api/v1/articles HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("writes");
    tokio::time::sleep(Duration::from_millis(200)).await;

    let started = Instant::now();
    let stopping = tokio::spawn(server.stop());
    let (_, idle_closed) = read_until_closed(&mut idle).await;
    assert!(idle_closed < Duration::from_secs(1), "{idle_closed:?}");
    stopping.await.expect("graceful shutdown");
    let stopped = started.elapsed();
    assert!(
        stopped < Duration::from_secs(6),
        "shutdown took {stopped:?}"
    );
    read_until_closed(&mut partial).await;
}

/// Requests a client had already sent when the stop came are answered, also on
/// connections the server had not read from (or not even accepted) yet: was, those were
/// closed unanswered (hyper ends a connection that has read nothing at once), so a vote
/// sent a moment before a restart failed without a word.
#[tokio::test]
async fn requests_already_sent_when_the_stop_comes_are_answered() {
    let server = start().await;
    let request = "GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut streams = Vec::new();
    for _ in 0..48 {
        let mut stream = connect(&server).await;
        stream.write_all(request.as_bytes()).await.expect("writes");
        streams.push(stream);
    }
    let stopping = tokio::spawn(server.stop());
    for (n, mut stream) in streams.into_iter().enumerate() {
        let (answer, _) = read_until_closed(&mut stream).await;
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "request {n} was not answered: {answer:?}"
        );
    }
    stopping.await.expect("graceful shutdown");
}

#[tokio::test]
async fn a_request_followed_by_a_half_close_is_answered() {
    // `nc -N`, raw-socket scripts and some HTTP/1.0 clients shut down their sending side
    // once the request is out, and still read the answer.
    let server = start().await;
    let body = format!(r#"{{"voter":"{}"}}"#, voter(7));
    let vote = format!(
        "POST /api/v1/articles/{RATED}/rating HTTP/1.1\r\nHost: x\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let requests = [
        "GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n".to_string(),
        "GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".into(),
        "GET /api/v1/articles?limit=1 HTTP/1.0\r\n\r\n".into(),
        vote,
    ];
    for _ in 0..5 {
        for request in &requests {
            let mut stream = connect(&server).await;
            stream.write_all(request.as_bytes()).await.expect("writes");
            stream.shutdown().await.expect("half-closes");
            let (received, _) = read_until_closed(&mut stream).await;
            assert!(
                received.starts_with("HTTP/1.1 200") || received.starts_with("HTTP/1.0 200"),
                "{request:?} got {received:?}"
            );
        }
    }
    assert_eq!(server.count(RATED).await, 6349, "the vote counted once");
    server.stop().await;
}

#[tokio::test]
async fn a_vote_body_announced_too_large_is_refused_before_it_is_read() {
    let server = TestServer::start().await;
    let mut stream = connect(&server).await;
    stream
        .write_all(
            format!(
                "POST /api/v1/articles/{RATED}/rating HTTP/1.1\r\nHost: x\r\n\
                 Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{{\"voter\":"
            )
            .as_bytes(),
        )
        .await
        .expect("writes");
    let mut head = [0u8; 12];
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(5), stream.read_exact(&mut head))
        .await
        .expect("answered at once, not at the body deadline")
        .expect("reads");
    assert_eq!(&head, b"HTTP/1.1 413", "after {:?}", started.elapsed());
    server.stop().await;
}

#[tokio::test]
async fn a_stalled_database_answers_503_and_applies_nothing_later() {
    // Another process holds SQLite's write lock past the server's 5 s busy budget while
    // three votes arrive at once. Each is answered 503 `unavailable` (not a 408 that
    // blames the client, even with a request deadline far shorter than the wait), and
    // none is applied once the lock is released.
    let server = start().await;
    let blocker = rusqlite::Connection::open(server.db_path()).expect("opens the database");
    blocker
        .execute_batch("BEGIN IMMEDIATE")
        .expect("takes the write lock");
    let client = reqwest::Client::new();
    let started = Instant::now();
    let votes: Vec<_> = (0..3)
        .map(|n| {
            let client = client.clone();
            let url = server.api(&format!("/articles/{RATED}/rating"));
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .json(&serde_json::json!({ "voter": voter(100 + n) }))
                    .send()
                    .await
                    .expect("answered");
                let status = response.status();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                (status, body)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for vote in votes {
        answers.push(vote.await.expect("the vote task"));
    }
    let waited = started.elapsed();
    for (status, body) in &answers {
        assert_eq!(status.as_u16(), 503, "{body}");
        assert_eq!(body["error"]["code"], "unavailable", "{body}");
    }
    assert!(
        waited < Duration::from_secs(9),
        "all three within one budget: {waited:?}"
    );
    blocker
        .execute_batch("ROLLBACK")
        .expect("releases the lock");
    drop(blocker);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        server.count(RATED).await,
        6348,
        "a refused vote was applied later"
    );
    server.stop().await;
}
