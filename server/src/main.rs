//! `news-widget-server`: parse flags, set up logging, serve until SIGTERM/Ctrl-C.

use std::process::ExitCode;

use clap::Parser;
use news_widget_server::{serve, shutdown_signal, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let result = serve(config, shutdown_signal(), |addr| {
        // Scripts wait for this line on stdout.
        println!("listening on http://{addr}");
    })
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(%err, "server failed");
            eprintln!("news-widget-server: {err}");
            ExitCode::FAILURE
        }
    }
}
