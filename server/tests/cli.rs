//! The `news-widget-server` binary: `--help`, the "listening on" line, SIGTERM, and
//! votes surviving a hard kill.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const BINARY: &str = env!("CARGO_BIN_EXE_news-widget-server");
const ENV_VARS: [&str; 10] = [
    "NEWS_WIDGET_LOG_FORMAT",
    "NEWS_WIDGET_ADDR",
    "NEWS_WIDGET_DB",
    "NEWS_WIDGET_STATIC_DIR",
    "NEWS_WIDGET_ALLOW_ORIGIN",
    "NEWS_WIDGET_RATE_LIMIT_PER_VOTER",
    "NEWS_WIDGET_RATE_LIMIT_PER_IP",
    "NEWS_WIDGET_TRUST_FORWARDED_FOR",
    "NEWS_WIDGET_PUBLIC_URL",
    "NEWS_WIDGET_SEED_SYNTHETIC",
];

fn command() -> Command {
    let mut command = Command::new(BINARY);
    for var in ENV_VARS {
        command.env_remove(var);
    }
    command.env("RUST_LOG", "info");
    command
}

/// A server process and the origin it printed.
struct Process {
    child: Child,
    origin: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary on a free port and waits for its "listening on" line.
fn start(db: &Path, extra: &[&str]) -> Process {
    let mut child = command()
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        if let Some(Ok(line)) = lines.next() {
            let _ = sender.send(line);
        }
        for _ in lines {}
    });
    let line = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("a 'listening on' line");
    let origin = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(!origin.ends_with(":0"), "printed port 0: {origin}");
    Process { child, origin }
}

#[test]
fn help_explains_every_flag() {
    let output = command().arg("--help").output().expect("run --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--addr",
        "--db",
        "--static-dir",
        "--allow-origin",
        "--rate-limit-per-voter",
        "--rate-limit-per-ip",
        "--seed-synthetic",
        "--public-url",
        "--trust-forwarded-for",
        "--log-format",
        "NEWS_WIDGET_ADDR",
        "NEWS_WIDGET_ALLOW_ORIGIN",
        "127.0.0.1:8080",
        "/api/v1",
    ] {
        assert!(
            help.contains(flag),
            "--help does not mention {flag}:\n{help}"
        );
    }
}

#[test]
fn bad_flags_fail_clearly() {
    for args in [
        &["--allow-origin", "news.example"][..],
        &["--rate-limit-per-ip", "-1"][..],
        &["--seed-synthetic", "0"][..],
        &["--addr", "not-an-address"][..],
    ] {
        let output = command().args(args).output().expect("run");
        assert!(!output.status.success(), "{args:?} was accepted");
        assert!(!output.stderr.is_empty());
    }
}

#[tokio::test]
async fn sigterm_stops_gracefully_and_kill_loses_no_acknowledged_vote() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("nested").join("votes.sqlite3");
    let client = reqwest::Client::new();
    let voter = "cli-test-voter-0123456789";
    let rating =
        |origin: &str| format!("{origin}/api/v1/articles/greyhaven-tide-observatory/rating");

    let mut server = start(&db, &[]);
    assert!(db.exists(), "database file not created");
    let response = client
        .post(rating(&server.origin))
        .json(&json!({ "voter": voter }))
        .send()
        .await
        .expect("vote");
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let voted: Value = response.json().await.expect("json");
    // Killed without any chance to clean up, right after the acknowledgement.
    server.child.kill().expect("kill");
    let _ = server.child.wait();

    let mut server = start(&db, &["--log-format", "json"]);
    let after: Value = client
        .get(format!("{}?voter={voter}", rating(&server.origin)))
        .send()
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    assert_eq!(after["voted"], true);
    assert_eq!(after["count"], voted["count"]);

    let exit = terminate(&mut server);
    assert!(exit.success(), "exit status {exit:?}");
    let mut log = String::new();
    if let Some(mut stderr) = server.child.stderr.take() {
        let _ = stderr.read_to_string(&mut log);
    }
    assert!(log.contains("shutting down"), "log: {log}");
    assert!(
        log.contains("/api/v1/articles"),
        "requests not logged: {log}"
    );
}

/// A vote whose body is still arriving when SIGTERM comes is finished, answered and
/// stored before the process exits.
#[tokio::test]
async fn sigterm_finishes_requests_in_flight() {
    use std::io::Write;

    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("votes.sqlite3");
    let mut server = start(&db, &[]);
    let host = server.origin.trim_start_matches("http://").to_string();
    let voter = "in-flight-voter-0123456789";
    let body = json!({ "voter": voter }).to_string();
    let (head, tail) = body.split_at(body.len() / 2);

    let mut stream = std::net::TcpStream::connect(&host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "POST /api/v1/articles/millbrook-library-seed-bank/rating HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n{head}",
        body.len()
    )
    .expect("send the first half");
    stream.flush().expect("flush");
    // The server answers "100 Continue" once the handler starts reading the body:
    // from then on the request is in flight.
    let mut interim = Vec::new();
    let mut byte = [0u8; 1];
    while !interim.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("read 100 Continue");
        interim.push(byte[0]);
    }
    assert!(interim.starts_with(b"HTTP/1.1 100"), "{interim:?}");
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.child.try_wait().expect("wait").is_none(),
        "exited with a request in flight"
    );
    stream.write_all(tail.as_bytes()).expect("send the rest");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"voted\":true"), "{response}");

    let deadline = Instant::now() + Duration::from_secs(30);
    while server.child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "no exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server);

    let server = start(&db, &[]);
    let after: Value = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/articles/millbrook-library-seed-bank/rating?voter={voter}",
            server.origin
        ))
        .send()
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    assert_eq!(after["voted"], true);
}

/// Sends SIGTERM and waits (up to 30 s) for the exit status.
fn terminate(server: &mut Process) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(exit) = server.child.try_wait().expect("wait") {
            return exit;
        }
        assert!(Instant::now() < deadline, "no exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Logs that cannot be written (the reader of a log pipe went away, a full disk) are lost,
/// not the requests: the API answers, votes are acknowledged, SIGTERM still exits 0. Before,
/// the first failed log write panicked, and every later request was dropped unanswered.
#[tokio::test]
async fn a_log_that_cannot_be_written_loses_no_answer() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let client = reqwest::Client::new();
    let article = "greyhaven-tide-observatory";

    let mut broken_pipe = start(&dir.path().join("pipe.sqlite3"), &[]);
    drop(broken_pipe.child.stderr.take()); // the log reader goes away
    let mut full_disk = {
        let mut child = command()
            .args(["--addr", "127.0.0.1:0", "--db"])
            .arg(dir.path().join("full.sqlite3"))
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create("/dev/full").expect("/dev/full"))
            .spawn()
            .expect("start the binary");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("a 'listening on' line");
        let origin = line
            .trim()
            .strip_prefix("listening on ")
            .map(str::to_string);
        let origin = origin.unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        Process { child, origin }
    };

    for (index, server) in [&mut broken_pipe, &mut full_disk].into_iter().enumerate() {
        let rating = format!("{}/api/v1/articles/{article}/rating", server.origin);
        for _ in 0..3 {
            let response = client.get(&rating).send().await.expect("an answer");
            assert_eq!(response.status(), reqwest::StatusCode::OK);
        }
        let voter = format!("unlogged-voter-{index}-0123456789");
        let response = client
            .post(&rating)
            .json(&json!({ "voter": voter }))
            .send()
            .await
            .expect("the vote is answered");
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        let exit = terminate(server);
        assert!(exit.success(), "exit status {exit:?}");
    }
}

/// A `RUST_LOG` that is not a filter is said once, not silently replaced by `info`.
#[test]
fn a_bad_rust_log_is_reported() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let output = command()
        .env("RUST_LOG", "=[")
        .args([
            "--addr",
            &taken.local_addr().expect("address").to_string(),
            "--db",
        ])
        .arg(dir.path().join("db.sqlite3"))
        .output()
        .expect("run");
    assert!(!output.status.success(), "started on a taken port");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("RUST_LOG is not a valid filter"), "{log}");
}
