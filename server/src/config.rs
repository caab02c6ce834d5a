//! Server configuration: command-line flags, each also readable from an environment
//! variable. `Config::default()` gives the same values as running with no flags and no
//! environment, for programs that start the server in-process.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use crate::listen::Timeouts;

/// Origins allowed by default: the demo on port 8080 and `trunk serve` on 8081.
pub const DEFAULT_ALLOWED_ORIGINS: [&str; 4] = [
    "http://127.0.0.1:8080",
    "http://localhost:8080",
    "http://127.0.0.1:8081",
    "http://localhost:8081",
];

/// Largest synthetic recommendation list `--seed-synthetic` accepts.
pub const MAX_SYNTHETIC: u32 = 200_000;

/// Reference API server for news-widget: articles, ratings and recommendations
/// stored in SQLite, plus the widget bundle and demo page.
#[derive(Debug, Clone, Parser)]
#[command(name = "news-widget-server", version, about, long_about = None)]
#[command(after_help = "\
The API lives under /api/v1 (the widget's endpoint is http://<addr>/api/v1).
On first start the database is created and filled with demo articles.
Logging follows RUST_LOG (default: info). SIGTERM or Ctrl-C stops accepting
connections, finishes requests in flight and exits; every acknowledged vote is
already committed to the database.")]
pub struct Config {
    /// Address and port to listen on; port 0 picks a free port (the real address is
    /// printed as "listening on http://...").
    #[arg(long, env = "NEWS_WIDGET_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// SQLite database file; created (with its folder) and filled with demo data on
    /// first start.
    #[arg(
        long,
        env = "NEWS_WIDGET_DB",
        default_value = "data/news-widget.sqlite3"
    )]
    pub db: PathBuf,

    /// Folder served at / (index.html for folders), e.g. the built widget bundle and
    /// demo page. Without it, / answers with a short pointer to the API.
    #[arg(long, env = "NEWS_WIDGET_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// Origin allowed to call the API from a browser (CORS), e.g.
    /// https://news.example; repeat the flag or separate with commas in the environment
    /// variable. The server's own origin is always allowed. "*" lets any origin read
    /// (GET) but voting still needs a listed origin. Default: http://127.0.0.1:8080,
    /// http://localhost:8080, http://127.0.0.1:8081, http://localhost:8081 (demo and
    /// trunk serve); giving the flag replaces the default list.
    #[arg(
        long = "allow-origin",
        env = "NEWS_WIDGET_ALLOW_ORIGIN",
        value_name = "ORIGIN",
        value_delimiter = ',',
        value_parser = parse_origin,
        default_values_t = DEFAULT_ALLOWED_ORIGINS.map(String::from),
        hide_default_value = true
    )]
    pub allow_origins: Vec<String>,

    /// Votes (POST and DELETE on .../rating) accepted per voter id per minute; more
    /// are answered 429 with Retry-After. 0 disables this limit.
    #[arg(long, env = "NEWS_WIDGET_RATE_LIMIT_PER_VOTER", default_value_t = 30)]
    pub rate_limit_per_voter: u32,

    /// Votes accepted per client address per minute (IPv6: per /64); more are
    /// answered 429 with Retry-After. 0 disables this limit.
    #[arg(long, env = "NEWS_WIDGET_RATE_LIMIT_PER_IP", default_value_t = 120)]
    pub rate_limit_per_ip: u32,

    /// Take the client address for rate limiting from the last X-Forwarded-For entry
    /// (only behind a reverse proxy that sets it).
    #[arg(long, env = "NEWS_WIDGET_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Public base URL of this server (e.g. https://api.example.com), used to make
    /// demo image URLs absolute. Default: derived from each request's Host header.
    #[arg(long, env = "NEWS_WIDGET_PUBLIC_URL", value_name = "URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Also create article "synthetic-<N>" whose related, popular and recommended
    /// lists hold N generated cards each (for tests and the benchmark), unless it
    /// exists. Repeatable, or comma-separated: --seed-synthetic 10,100,1000,10000.
    #[arg(
        long,
        env = "NEWS_WIDGET_SEED_SYNTHETIC",
        value_name = "N",
        value_delimiter = ',',
        value_parser = clap::value_parser!(u32).range(1..=MAX_SYNTHETIC as i64)
    )]
    pub seed_synthetic: Vec<u32>,

    /// Log format on stderr: "text" (key=value fields) or "json" (one object per
    /// line). Verbosity follows RUST_LOG (default: info).
    #[arg(long, env = "NEWS_WIDGET_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Length of the rate-limit window (one minute; shorter only in tests).
    #[arg(skip = Duration::from_secs(60))]
    pub rate_limit_window: Duration,

    /// How long clients get to send a request (shorter only in tests).
    #[arg(skip)]
    pub timeouts: Timeouts,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("data/news-widget.sqlite3"),
            static_dir: None,
            allow_origins: DEFAULT_ALLOWED_ORIGINS.map(String::from).to_vec(),
            rate_limit_per_voter: 30,
            rate_limit_per_ip: 120,
            trust_forwarded_for: false,
            public_url: None,
            seed_synthetic: Vec::new(),
            log_format: LogFormat::Text,
            rate_limit_window: Duration::from_secs(60),
            timeouts: Timeouts::default(),
        }
    }
}

/// How the binary writes its logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Accepts `*` or an origin `scheme://host[:port]` (http or https, no path) and
/// returns it as browsers send it: lower-cased, without a trailing slash or the
/// scheme's default port.
pub fn parse_origin(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value == "*" {
        return Ok(value.to_string());
    }
    let lower = value.trim_end_matches('/').to_ascii_lowercase();
    let (scheme, authority) = lower
        .strip_prefix("http://")
        .map(|rest| ("http", rest))
        .or_else(|| lower.strip_prefix("https://").map(|rest| ("https", rest)))
        .ok_or_else(|| format!("{value:?} must start with http:// or https://"))?;
    let Some((host, port)) = split_authority(authority) else {
        return Err(format!(
            "{value:?} must be scheme://host[:port] with no path, query or user info"
        ));
    };
    // Browsers leave the default port out of `Origin`; so must the allowlist.
    Ok(match port {
        Some(port) if (scheme, port) != ("http", 80) && (scheme, port) != ("https", 443) => {
            format!("{scheme}://{host}:{port}")
        }
        _ => format!("{scheme}://{host}"),
    })
}

/// `--public-url`: an origin as [`parse_origin`] reads it, but not `*` (it prefixes the
/// demo image URLs, which must be absolute).
pub fn parse_public_url(value: &str) -> Result<String, String> {
    match parse_origin(value)? {
        any if any == "*" => Err("the public URL must be scheme://host[:port], not *".into()),
        origin => Ok(origin),
    }
}

/// `host[:port]` of an origin: a host name of dot-separated labels of letters, digits
/// and hyphens, or a bracketed IPv6 address; a port of 1 to 65535. None for anything
/// else (user info, a path, an empty label, a bad port).
fn split_authority(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let close = rest.find(']')?;
            let address = &rest[..close];
            let valid = !address.is_empty()
                && address.contains(':')
                && address
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
            valid.then_some(())?;
            (&authority[..close + 2], &rest[close + 1..])
        }
        None => {
            let end = authority.find(':').unwrap_or(authority.len());
            let host = &authority[..end];
            // A fully qualified name's trailing dot is kept: browsers send it in `Origin`.
            let labels = host.strip_suffix('.').unwrap_or(host);
            let valid = labels.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
            valid.then_some(())?;
            (host, &authority[end..])
        }
    };
    let port = match port.strip_prefix(':') {
        None if port.is_empty() => None,
        None => return None,
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse::<u16>().ok().filter(|&port| port > 0)?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_and_checked() {
        assert_eq!(
            parse_origin("HTTPS://News.Example/").as_deref(),
            Ok("https://news.example")
        );
        assert_eq!(parse_origin("*").as_deref(), Ok("*"));
        assert_eq!(
            parse_origin("https://news.example:443").as_deref(),
            Ok("https://news.example")
        );
        assert_eq!(
            parse_origin("http://news.example:80/").as_deref(),
            Ok("http://news.example")
        );
        assert_eq!(
            parse_origin("https://news.example:80").as_deref(),
            Ok("https://news.example:80")
        );
        assert_eq!(
            parse_origin("http://news.example:8080").as_deref(),
            Ok("http://news.example:8080")
        );
        assert_eq!(
            parse_origin("http://[::1]:8080").as_deref(),
            Ok("http://[::1]:8080")
        );
        assert_eq!(
            parse_origin("https://news.example.").as_deref(),
            Ok("https://news.example.")
        );
        assert!(parse_origin("news.example").is_err());
        assert!(parse_origin("http://news.example/path").is_err());
        assert!(parse_origin("http://user@news.example").is_err());
        assert!(parse_origin("http://").is_err());
        // Authorities no browser would send as an Origin (outside audit 11b).
        for bad in [
            "http://:8080",
            "http://a:b:c",
            "http://a.example:99999",
            "http://a.example:",
            "http://a.example:0",
            "http://[",
            "http://[::1",
            "http://[::1]x",
            "http://a..example",
            "http://.example",
            "http://a.example..",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn the_public_url_is_an_origin_not_a_wildcard() {
        assert_eq!(
            parse_public_url("https://API.example.com/").as_deref(),
            Ok("https://api.example.com")
        );
        assert!(parse_public_url("*").is_err());
        assert!(Config::try_parse_from(["news-widget-server", "--public-url", "*"]).is_err());
    }

    #[test]
    fn defaults_match_the_flags() {
        let parsed = Config::parse_from(["news-widget-server"]);
        let default = Config::default();
        assert_eq!(parsed.addr, default.addr);
        assert_eq!(parsed.db, default.db);
        assert_eq!(parsed.allow_origins, default.allow_origins);
        assert_eq!(parsed.rate_limit_per_voter, default.rate_limit_per_voter);
        assert_eq!(parsed.rate_limit_per_ip, default.rate_limit_per_ip);
    }
}
