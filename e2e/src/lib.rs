//! End-to-end test harness for news-widget: the real release bundle (`dist/`), the real
//! reference server (in-process, temporary SQLite database) and the real Debian Chromium
//! driven through chromedriver with [fantoccini].
//!
//! A test starts everything it needs with [`Harness::start`], opens one of the host
//! pages from `e2e/pages/`, waits on conditions (never fixed sleeps) and calls
//! [`Harness::finish`] at the end. Dropping a harness (a failed test) cleans up as well:
//! the browser session is deleted, chromedriver is killed and any Chromium process left
//! on the test's private profile folder is killed by its process id.
//!
//! The pieces, in the order a test meets them:
//! - [`harness`]: one test's world (servers, static folder, browser) and page templating.
//! - [`site`]: the static folder served at `/`: a copy of `dist/` plus the host pages.
//! - [`server`]: the real reference server, stoppable and restartable on the same port.
//! - [`hostile`]: a second, deliberately hostile implementation of the JSON contract.
//! - [`browser`]: chromedriver + Chromium, and the page helpers (shadow DOM queries,
//!   events, console, clicks, accessible names).
//! - [`keyboard`]: real key and pointer input (WebDriver actions) and the focused element.
//! - [`axe`]: accessibility audits with axe-core (npm, `npm ci --prefix e2e`).
//! - [`wait`]: polling with a deadline.
//! - [`http`]: a tiny HTTP client for asking the servers directly.

pub mod axe;
pub mod browser;
pub mod harness;
pub mod hostile;
pub mod http;
pub mod keyboard;
pub mod server;
pub mod site;
pub mod wait;

pub use axe::Violation;
pub use browser::{Browser, ConsoleEntry};
pub use harness::{Harness, Options};
pub use hostile::{HostileServer, HOSTILE_KINDS};
pub use keyboard::Focused;
pub use wait::{wait_for, wait_until, PATIENCE};
