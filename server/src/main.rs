//! `news-widget-server`: parse flags, set up logging, serve until SIGTERM/Ctrl-C.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use news_widget_server::config::LogFormat;
use news_widget_server::{serve, shutdown_signal, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match config.log_format {
        LogFormat::Text => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => logs.json().init(),
    }

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
