//! The real reference server (`news-widget-server`), started in-process on a free port
//! with a temporary SQLite database. It can be stopped and started again on the same
//! port and database, which is how tests take "the API" down and bring it back.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use news_widget_server::{Config, RunningServer, StartError};

use crate::wait::{wait_for, PATIENCE};

/// A reference server under test control.
pub struct TestServer {
    config: Config,
    addr: SocketAddr,
    running: Option<RunningServer>,
}

impl TestServer {
    /// Starts a server on 127.0.0.1 (free port) with its database at `db` (created and
    /// seeded with the demo articles if missing), serving `static_dir` at `/`, allowing
    /// `allow_origins` (its own origin is always allowed) to call the API.
    pub async fn start(
        db: PathBuf,
        static_dir: Option<PathBuf>,
        allow_origins: Vec<String>,
    ) -> TestServer {
        TestServer::start_seeded(db, static_dir, allow_origins, Vec::new()).await
    }

    /// [`TestServer::start`], also creating the synthetic articles `synthetic-<N>` for
    /// every N of `synthetic` (the server's `--seed-synthetic`: N cards in each list).
    pub async fn start_seeded(
        db: PathBuf,
        static_dir: Option<PathBuf>,
        allow_origins: Vec<String>,
        synthetic: Vec<u32>,
    ) -> TestServer {
        let config = Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db,
            static_dir,
            allow_origins,
            // Tests vote quickly and repeatedly from one address.
            rate_limit_per_voter: 0,
            rate_limit_per_ip: 0,
            seed_synthetic: synthetic,
            ..Config::default()
        };
        let running = news_widget_server::spawn(config.clone())
            .await
            .unwrap_or_else(|err| panic!("the reference server did not start: {err}"));
        let addr = running.addr();
        TestServer {
            config,
            addr,
            running: Some(running),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:<port>/api/v1`: the widget's endpoint.
    pub fn api_url(&self) -> String {
        format!("{}/api/v1", self.origin())
    }

    /// Whether the server is currently accepting requests.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Stops the server (graceful: requests in flight finish) and waits until its port
    /// refuses connections.
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running
                .shutdown()
                .await
                .unwrap_or_else(|err| panic!("the reference server did not stop cleanly: {err}"));
        }
        let addr = self.addr;
        wait_for(
            &format!("{addr} to refuse connections"),
            PATIENCE,
            async || match tokio::net::TcpStream::connect(addr).await {
                Ok(_) => Err("still accepting".to_string()),
                Err(_) => Ok(()),
            },
        )
        .await;
    }

    /// Starts the server again on the same port and database.
    pub async fn restart(&mut self) {
        assert!(self.running.is_none(), "restart() of a running server");
        let config = Config {
            addr: self.addr,
            ..self.config.clone()
        };
        // The port may linger for a moment after the previous listener closed.
        let running = wait_for(
            &format!("the reference server to listen on {} again", self.addr),
            PATIENCE,
            async || match news_widget_server::spawn(config.clone()).await {
                Ok(running) => Ok(running),
                Err(err @ StartError::Bind { .. }) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    Err(err.to_string())
                }
                Err(err) => panic!("the reference server did not restart: {err}"),
            },
        )
        .await;
        self.running = Some(running);
    }

    /// Stops the server and waits until it has stopped.
    pub async fn shutdown(mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.shutdown().await;
        }
    }
}
