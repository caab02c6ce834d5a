//! news-widget reference API server: articles, ratings and recommendations over
//! SQLite, behind the JSON contract in `contract/openapi.yaml`.
//!
//! Programs (and tests) start it in-process with [`spawn`], which binds the
//! configured address (port 0 picks a free one), opens or creates the database,
//! seeds demo data and returns a [`RunningServer`] handle:
//!
//! ```no_run
//! # async fn demo() -> Result<(), news_widget_server::StartError> {
//! let config = news_widget_server::Config {
//!     addr: "127.0.0.1:0".parse().unwrap(),
//!     db: "/tmp/news-widget-test.sqlite3".into(),
//!     ..Default::default()
//! };
//! let server = news_widget_server::spawn(config).await?;
//! println!("endpoint: {}", server.api_url());
//! server.shutdown().await?;
//! # Ok(()) }
//! ```

pub mod config;
pub mod cors;
pub mod cursor;
pub mod error;
pub mod extract;
pub mod listen;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod state;
pub mod store;
pub mod validate;

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::routing::{any, get};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use config::Config;
pub use error::ApiError;
pub use state::AppState;

use cors::OriginPolicy;
use rate_limit::RateLimiter;
use store::sqlite::SqliteStore;
use store::{Store, StoreError};

/// How long a shutdown waits for requests in flight before giving up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// The whole HTTP application: the API under `/api/v1`, demo pictures under
/// `/media`, and the static folder (or a pointer to the API) at `/`.
pub fn app(state: AppState, static_dir: Option<PathBuf>, request_timeout: Duration) -> Router {
    let cors = state.origins.cors_layer();
    let router = Router::new()
        .nest("/api/v1", routes::api_router())
        // `nest` leaves the bare prefix with a slash to the outer router.
        .route("/api/v1/", any(routes::not_found))
        .route("/media/{file}", get(routes::media::svg))
        .with_state(state);
    let router = match static_dir {
        Some(dir) => router.fallback_service(routes::static_files::service(dir)),
        None => router
            .route("/", get(routes::root_pointer))
            .fallback(routes::not_found),
    };
    router
        // Errors outside the API (a missing file, POST on a page) carry the same JSON
        // error body as the API's own.
        .layer(axum::middleware::map_response(routes::ensure_json_errors))
        .layer(cors)
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(axum::middleware::from_fn(move |request, next| {
            listen::request_deadline(request_timeout, request, next)
        }))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("a request handler panicked");
    ApiError::response_for(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "internal error",
    )
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("--static-dir {0} is not a folder")]
    StaticDir(PathBuf),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A server started with [`spawn`]. Dropping it asks the server to stop; call
/// [`RunningServer::shutdown`] to wait until it has.
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningServer {
    /// The address actually bound (with the real port when configured with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://host:port`, the server's origin.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://host:port/api/v1`, the widget's `endpoint`.
    pub fn api_url(&self) -> String {
        format!("{}/api/v1", self.base_url())
    }

    /// Stops accepting connections, lets requests in flight finish (up to 30 s) and
    /// waits for the server task to end.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match tokio::time::timeout(SHUTDOWN_GRACE, self.finished()).await {
            Ok(result) => result,
            Err(_) => {
                if let Some(task) = self.task.take() {
                    task.abort();
                }
                Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "requests were still in flight after the shutdown grace period",
                ))
            }
        }
    }

    /// Resolves when the server task has ended. Cancel-safe: if this future is
    /// dropped early, the task stays attached to `self`.
    async fn finished(&mut self) -> std::io::Result<()> {
        let Some(task) = self.task.as_mut() else {
            return Ok(());
        };
        let result = task.await;
        self.task = None;
        match result {
            Ok(result) => result,
            Err(join_error) => Err(std::io::Error::other(join_error)),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Opens the database (creating and seeding it if new), binds `config.addr` and
/// serves in a background task until [`RunningServer::shutdown`].
pub async fn spawn(config: Config) -> Result<RunningServer, StartError> {
    if let Some(dir) = &config.static_dir {
        if !dir.is_dir() {
            return Err(StartError::StaticDir(dir.clone()));
        }
    }
    // Listening first: a start that cannot bind leaves no database behind. Connections
    // that arrive while the store opens wait in the backlog.
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr()?;
    let store = open_store(config.db.clone(), config.seed_synthetic.clone()).await?;

    let mut state = AppState::new(
        store,
        OriginPolicy::new(&config.allow_origins, config.public_url.as_deref()),
        RateLimiter::new(
            config.rate_limit_per_voter,
            config.rate_limit_per_ip,
            config.rate_limit_window,
        ),
    );
    state.public_url = config.public_url.clone();
    state.trust_forwarded = config.trust_forwarded_for;
    state.fallback_base = format!("http://{}", reachable(addr));
    let app = app(state, config.static_dir.clone(), config.timeouts.request);

    let (stop, stopped) = oneshot::channel::<()>();
    let timeouts = config.timeouts;
    let task = tokio::spawn(async move {
        listen::serve(listener, app, timeouts, async {
            let _ = stopped.await;
        })
        .await;
        Ok(())
    });
    tracing::info!(addr = %addr, db = %config.db.display(), "listening");
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        task: Some(task),
    })
}

/// Runs the server until `shutdown` resolves, then stops it gracefully. `on_listening`
/// is called with the bound address once the server accepts connections.
pub async fn serve(
    config: Config,
    shutdown: impl Future<Output = ()>,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), StartError> {
    let mut server = spawn(config).await?;
    on_listening(server.addr());
    tokio::select! {
        () = shutdown => {}
        result = server.finished() => return result.map_err(StartError::Io),
    }
    server.shutdown().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C (SIGINT).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

async fn open_store(db: PathBuf, synthetic: Vec<u32>) -> Result<Arc<dyn Store>, StartError> {
    let store = tokio::task::spawn_blocking(move || -> Result<Arc<dyn Store>, StoreError> {
        let store = SqliteStore::open(&db)?;
        let demo = seed::demo_content()
            .map_err(|err| StoreError::Corrupt(format!("built-in demo data: {err}")))?;
        if store.seed_if_empty(&demo)? {
            tracing::info!(db = %db.display(), "created the database with demo articles");
        }
        for count in synthetic {
            let id = seed::synthetic_id(count);
            if store.import_unless_present(&id, &seed::synthetic_content(count))? {
                tracing::info!(article = %id, count, "created synthetic recommendations");
            }
        }
        Ok(Arc::new(store))
    })
    .await
    .map_err(|err| StartError::Io(std::io::Error::other(err)))??;
    Ok(store)
}

/// The address a local client reaches a listener on (0.0.0.0 → 127.0.0.1).
fn reachable(addr: SocketAddr) -> SocketAddr {
    if addr.ip().is_unspecified() {
        let ip = match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        };
        SocketAddr::new(ip, addr.port())
    } else {
        addr
    }
}
