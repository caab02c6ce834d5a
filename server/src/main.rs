//! `news-widget-server`: parse flags, set up logging, serve until SIGTERM/Ctrl-C.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use news_widget_server::config::LogFormat;
use news_widget_server::{serve, shutdown_signal, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    let from_env = EnvFilter::try_from_default_env();
    let bad_filter = match &from_env {
        Err(err) if std::env::var_os(EnvFilter::DEFAULT_ENV).is_some() => Some(err.to_string()),
        _ => None,
    };
    let filter = from_env.unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| LossyStderr);
    match config.log_format {
        LogFormat::Text => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => logs.json().init(),
    }
    if let Some(err) = bad_filter {
        tracing::warn!(%err, "RUST_LOG is not a valid filter; logging at info");
    }

    let result = serve(config, shutdown_signal(), |addr| {
        // Scripts wait for this line on stdout (and may close it once read).
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "listening on http://{addr}").and_then(|()| stdout.flush());
    })
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(%err, "server failed");
            let _ = writeln!(std::io::stderr(), "news-widget-server: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The log's writer: standard error, where a failed write (the reader of a log pipe went
/// away, a full disk) loses that log line and nothing else. `std::io::stderr()` as the
/// writer made tracing-subscriber report the failure with `eprintln!`, which panics when
/// standard error is what failed: every request after it was dropped unanswered.
struct LossyStderr;

impl Write for LossyStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = std::io::stderr().write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
