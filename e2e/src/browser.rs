//! Chromium through chromedriver, and the page helpers tests use to look inside the
//! widget's (open) shadow root, read host events and console messages, and click.
//!
//! Every [`Browser`] has its own chromedriver on a free port and its own temporary
//! Chromium profile. Cleanup does not rely on the async runtime still running (a failed
//! test unwinds through it): dropping the browser deletes the WebDriver session with a
//! plain blocking request, kills chromedriver, then kills any process still running on
//! the private profile folder, by process id.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::wait::{wait_for, PATIENCE};

/// Chromium binary; `NEWS_WIDGET_E2E_CHROMIUM` overrides it.
const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
/// chromedriver binary (same major version as Chromium); `NEWS_WIDGET_E2E_CHROMEDRIVER`
/// overrides it.
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Window size of every test browser: a common laptop viewport.
pub const WINDOW_WIDTH: u32 = 1280;
/// See [`WINDOW_WIDTH`].
pub const WINDOW_HEIGHT: u32 = 900;

/// One message from the browser console (chromedriver's `browser` log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleEntry {
    /// `SEVERE`, `WARNING`, `INFO`, `DEBUG`.
    pub level: String,
    /// `console-api` for `console.*` calls, `javascript` for uncaught errors, `network`
    /// for failed loads.
    pub source: String,
    /// The text, prefixed by chromedriver with the script URL and position.
    pub message: String,
}

/// One element found inside a shadow root: its whitespace-normalized text content and
/// its attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub text: String,
    pub attrs: BTreeMap<String, String>,
}

impl Found {
    /// The attribute's value, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// A Chromium session driven through its own chromedriver.
pub struct Browser {
    client: Client,
    console: Mutex<Vec<ConsoleEntry>>,
    // Dropped after `client`: deletes the session (if still open) and kills processes.
    driver: Driver,
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium session with a
    /// fresh profile and the browser console log enabled.
    pub async fn launch() -> Browser {
        let chromium = std::env::var("NEWS_WIDGET_E2E_CHROMIUM")
            .unwrap_or_else(|_| DEFAULT_CHROMIUM.to_string());
        let mut last_error = String::new();
        for _attempt in 0..3 {
            let mut driver = match Driver::start().await {
                Ok(driver) => driver,
                Err(err) => {
                    last_error = err;
                    continue;
                }
            };
            let capabilities = capabilities(&chromium, driver.profile.path());
            let connected = ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities)
                .connect(&driver.url())
                .await;
            match connected {
                Ok(client) => {
                    driver.session = client.session_id().await.ok().flatten();
                    return Browser {
                        client,
                        console: Mutex::new(Vec::new()),
                        driver,
                    };
                }
                Err(err) => last_error = format!("cannot open a Chromium session: {err}"),
            }
        }
        panic!("could not start Chromium through chromedriver: {last_error}");
    }

    /// Ends the session (Chromium quits) and stops chromedriver.
    pub async fn close(mut self) {
        if self.client.clone().close().await.is_ok() {
            self.driver.session = None;
        }
    }

    /// The fantoccini client, for anything the helpers below do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates to `url` and waits for its load event. Console messages of the previous
    /// page are discarded.
    pub async fn goto(&self, url: &str) {
        let _ = self.read_log().await;
        self.lock_console().clear();
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|err| panic!("cannot open {url}: {err}"));
    }

    /// Runs `script` (a function body; `arguments[i]` are `args`) in the page.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|err| panic!("script failed: {err}\n--- script ---\n{script}"))
    }

    /// Runs `script` asynchronously: it must call `arguments[arguments.length - 1]`
    /// with its result.
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|err| panic!("async script failed: {err}\n--- script ---\n{script}"))
    }

    /// Every element matching `inner` inside the shadow root of the element matching
    /// `host`; `Err` describes why there is nothing to search (no host, no shadow root).
    pub async fn shadow_all(&self, host: &str, inner: &str) -> Result<Vec<Found>, String> {
        let value = self
            .execute(SHADOW_QUERY_JS, vec![json!(host), json!(inner)])
            .await;
        if let Some(problem) = value.get("problem").and_then(Value::as_str) {
            return Err(problem.to_string());
        }
        let items = value
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        Ok(items.iter().map(found_from_json).collect())
    }

    /// The first element matching `inner` in `host`'s shadow root, if any.
    pub async fn shadow_first(&self, host: &str, inner: &str) -> Option<Found> {
        self.shadow_all(host, inner)
            .await
            .ok()
            .and_then(|items| items.into_iter().next())
    }

    /// How many elements match `inner` in `host`'s shadow root (0 without one).
    pub async fn shadow_count(&self, host: &str, inner: &str) -> usize {
        self.shadow_all(host, inner)
            .await
            .map_or(0, |items| items.len())
    }

    /// Waits until `inner` matches in `host`'s shadow root; returns the first match.
    pub async fn wait_shadow(&self, host: &str, inner: &str) -> Found {
        wait_for(&format!("{inner} in {host}"), PATIENCE, async || match self
            .shadow_first(host, inner)
            .await
        {
            Some(found) => Ok(found),
            None => Err(self.widget_state(host).await),
        })
        .await
    }

    /// A one-line description of what `host`'s widget currently shows (for failure
    /// messages): `article: <headline>`, `error[kind]: ...`, `skeleton`, ...
    pub async fn widget_state(&self, host: &str) -> String {
        let value = self.execute(WIDGET_STATE_JS, vec![json!(host)]).await;
        value.as_str().unwrap_or("(no state)").to_string()
    }

    /// Waits until the loader has defined `window.NewsWidget.mount`.
    pub async fn wait_api_ready(&self) {
        crate::wait_until("window.NewsWidget", crate::PATIENCE, async || {
            self.execute(
                "return typeof window.NewsWidget?.mount === 'function';",
                vec![],
            )
            .await
                == serde_json::json!(true)
        })
        .await;
    }

    /// Waits until `host` shows an article; returns its headline text.
    pub async fn wait_headline(&self, host: &str) -> String {
        self.wait_headline_for(host, PATIENCE).await
    }

    /// [`Browser::wait_headline`] with an explicit deadline.
    pub async fn wait_headline_for(&self, host: &str, timeout: Duration) -> String {
        wait_for(
            &format!("a headline in {host}"),
            timeout,
            async || match self.shadow_first(host, "h2.nw-headline").await {
                Some(found) if !found.text.is_empty() => Ok(found.text),
                _ => Err(self.widget_state(host).await),
            },
        )
        .await
    }

    /// Waits until `host` shows the headline `expected`.
    pub async fn wait_headline_is(&self, host: &str, expected: &str) {
        wait_for(
            &format!("headline {expected:?} in {host}"),
            PATIENCE,
            async || match self.shadow_first(host, "h2.nw-headline").await {
                Some(found) if found.text == expected => Ok(()),
                _ => Err(self.widget_state(host).await),
            },
        )
        .await
    }

    /// Waits until `host` shows an error state (`[data-error-kind]`); returns it.
    pub async fn wait_error(&self, host: &str) -> Found {
        self.wait_error_for(host, PATIENCE).await
    }

    /// [`Browser::wait_error`] with an explicit deadline.
    pub async fn wait_error_for(&self, host: &str, timeout: Duration) -> Found {
        wait_for(
            &format!("an error state in {host}"),
            timeout,
            async || match self.shadow_first(host, "[data-error-kind]").await {
                Some(found) => Ok(found),
                None => Err(self.widget_state(host).await),
            },
        )
        .await
    }

    /// Clicks (a real WebDriver click: the element must be visible and not covered)
    /// the element matching `inner` in `host`'s shadow root.
    pub async fn click_shadow(&self, host: &str, inner: &str) -> Result<(), String> {
        let element = self.find_shadow(host, inner).await?;
        element
            .click()
            .await
            .map_err(|err| format!("clicking {inner} in {host}: {err}"))
    }

    /// The accessible name Chromium computes for `inner` in `host`'s shadow root.
    pub async fn accessible_name(&self, host: &str, inner: &str) -> Result<String, String> {
        let element = self.find_shadow(host, inner).await?;
        let value = self
            .client
            .issue_cmd(ElementCommand {
                element: element.element_id().to_string(),
                path: "computedlabel",
            })
            .await
            .map_err(|err| format!("computed label of {inner} in {host}: {err}"))?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// The WebDriver element for `inner` in `host`'s shadow root (to ask whether it is
    /// displayed, its rectangle, ...).
    pub async fn find_shadow(
        &self,
        host: &str,
        inner: &str,
    ) -> Result<fantoccini::elements::Element, String> {
        let host_element = self
            .client
            .find(Locator::Css(host))
            .await
            .map_err(|err| format!("no element {host}: {err}"))?;
        let root = host_element
            .shadow_root()
            .await
            .map_err(|err| format!("{host} has no shadow root: {err}"))?;
        root.find(Locator::Css(inner))
            .await
            .map_err(|err| format!("no {inner} in the shadow root of {host}: {err}"))
    }

    /// Runs a Chrome DevTools Protocol command (chromedriver's `goog/cdp/execute`), e.g.
    /// `Emulation.setEmulatedMedia` to switch `prefers-color-scheme`.
    pub async fn cdp(&self, command: &str, params: Value) -> Value {
        self.client
            .issue_cmd(ChromedriverPost::cdp(command, params))
            .await
            .unwrap_or_else(|err| panic!("CDP {command} failed: {err}"))
    }

    /// The `news-widget:*` events recorded by the test page's `events.js`:
    /// `{type, target, detail, bubbles, composed}` in order.
    pub async fn events(&self) -> Vec<Value> {
        let value = self
            .execute("return window.__events || null;", vec![])
            .await;
        match value {
            Value::Array(events) => events,
            _ => panic!("the page records no events: include events.js in it"),
        }
    }

    /// Waits for a `news-widget:<name>` event dispatched on the element with id
    /// `target`; returns the event record.
    pub async fn wait_event(&self, name: &str, target: &str) -> Value {
        let event_type = format!("news-widget:{name}");
        wait_for(
            &format!("{event_type} on #{target}"),
            PATIENCE,
            async || {
                let events = self.events().await;
                events
                    .iter()
                    .find(|event| event["type"] == event_type && event["target"] == target)
                    .cloned()
                    .ok_or_else(|| format!("events so far: {}", Value::Array(events)))
            },
        )
        .await
    }

    /// Uncaught errors and unhandled rejections recorded by `events.js`.
    pub async fn page_errors(&self) -> Vec<String> {
        let value = self
            .execute("return window.__pageErrors || [];", vec![])
            .await;
        value
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|error| error.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every console message since the last [`Browser::goto`].
    pub async fn console(&self) -> Vec<ConsoleEntry> {
        let fresh = self.read_log().await;
        let mut console = self.lock_console();
        console.extend(fresh);
        console.clone()
    }

    /// Console warnings (`console.warn`) whose text contains `needle`.
    pub async fn console_warnings_containing(&self, needle: &str) -> Vec<ConsoleEntry> {
        self.console()
            .await
            .into_iter()
            .filter(|entry| entry.level == "WARNING" && entry.message.contains(needle))
            .collect()
    }

    /// URLs of the resources the page has requested so far whose URL contains `needle`
    /// (Resource Timing; includes failed requests).
    pub async fn resources(&self, needle: &str) -> Vec<String> {
        let value = self
            .execute(
                "return performance.getEntriesByType('resource').map((e) => e.name)\
                 .filter((name) => name.includes(arguments[0]));",
                vec![json!(needle)],
            )
            .await;
        value
            .as_array()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|name| name.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn read_log(&self) -> Vec<ConsoleEntry> {
        let Ok(value) = self.client.issue_cmd(ChromedriverPost::browser_log()).await else {
            return Vec::new();
        };
        value
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| ConsoleEntry {
                        level: string_field(entry, "level"),
                        source: string_field(entry, "source"),
                        message: string_field(entry, "message"),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn lock_console(&self) -> std::sync::MutexGuard<'_, Vec<ConsoleEntry>> {
        self.console
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn string_field(value: &Value, name: &str) -> String {
    value
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn found_from_json(value: &Value) -> Found {
    let text = value
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let attrs = value
        .get("attrs")
        .and_then(Value::as_object)
        .map(|attrs| {
            attrs
                .iter()
                .map(|(name, value)| (name.clone(), value.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    Found { text, attrs }
}

const SHADOW_QUERY_JS: &str = r#"
const [hostSelector, innerSelector] = arguments;
const host = document.querySelector(hostSelector);
if (!host) return { problem: "no element matches " + hostSelector };
const root = host.shadowRoot;
if (!root) return { problem: hostSelector + " has no (open) shadow root" };
return {
  items: Array.from(root.querySelectorAll(innerSelector), (node) => ({
    text: (node.textContent || "").replace(/\s+/g, " ").trim(),
    attrs: Object.fromEntries(Array.from(node.attributes, (a) => [a.name, a.value])),
  })),
};
"#;

const WIDGET_STATE_JS: &str = r#"
const host = document.querySelector(arguments[0]);
if (!host) return "no element matches " + arguments[0];
const root = host.shadowRoot;
if (!root) return "no shadow root (not mounted)";
if (root.childElementCount === 0) return "empty shadow root";
const text = (node) => (node.textContent || "").replace(/\s+/g, " ").trim().slice(0, 200);
const headline = root.querySelector("h2.nw-headline");
if (headline) return "article: " + text(headline);
const error = root.querySelector("[data-error-kind]");
if (error) return "error[" + error.getAttribute("data-error-kind") + "]: " + text(error);
const loadError = root.querySelector(".nw-load-error");
if (loadError) return "runtime load error: " + text(loadError);
if (root.querySelector(".nw-skeleton")) return "skeleton (loading)";
return "shadow root: " + root.innerHTML.slice(0, 300);
"#;

fn capabilities(chromium: &str, profile: &Path) -> serde_json::Map<String, Value> {
    let value = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                format!("--window-size={WINDOW_WIDTH},{WINDOW_HEIGHT}"),
                format!("--user-data-dir={}", profile.display()),
            ],
        },
        "goog:loggingPrefs": { "browser": "ALL" },
        "timeouts": { "script": 30000, "pageLoad": 30000 },
    });
    match value {
        Value::Object(map) => map,
        _ => unreachable!("the capabilities literal is an object"),
    }
}

/// A chromedriver extension endpoint: `POST /session/{id}/{path}` with a JSON `body`.
#[derive(Debug)]
struct ChromedriverPost {
    path: &'static str,
    body: String,
}

impl ChromedriverPost {
    /// `se/log` (type `browser`): console messages since the last read.
    fn browser_log() -> Self {
        ChromedriverPost {
            path: "se/log",
            body: r#"{"type":"browser"}"#.to_string(),
        }
    }

    /// `goog/cdp/execute`: one Chrome DevTools Protocol command.
    fn cdp(command: &str, params: Value) -> Self {
        ChromedriverPost {
            path: "goog/cdp/execute",
            body: json!({ "cmd": command, "params": params }).to_string(),
        }
    }
}

impl WebDriverCompatibleCommand for ChromedriverPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}

/// `GET /session/{id}/element/{element}/{path}` (e.g. `computedlabel`, `computedrole`).
#[derive(Debug)]
struct ElementCommand {
    element: String,
    path: &'static str,
}

impl WebDriverCompatibleCommand for ElementCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/element/{}/{}",
            session_id.unwrap_or_default(),
            self.element,
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}

/// A running chromedriver with its Chromium profile folder. Dropping it ends the
/// session, kills chromedriver and every process left on the profile.
struct Driver {
    child: Child,
    port: u16,
    profile: TempDir,
    session: Option<String>,
}

impl Driver {
    async fn start() -> Result<Driver, String> {
        let binary = std::env::var("NEWS_WIDGET_E2E_CHROMEDRIVER")
            .unwrap_or_else(|_| DEFAULT_CHROMEDRIVER.to_string());
        let profile = tempfile::Builder::new()
            .prefix("news-widget-e2e-chromium-")
            .tempdir()
            .map_err(|err| format!("cannot create a Chromium profile folder: {err}"))?;
        let port = free_port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| {
                format!("cannot start {binary} (install Debian's chromium-driver): {err}")
            })?;
        let driver = Driver {
            child,
            port,
            profile,
            session: None,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if driver.status_ready().await {
                return Ok(driver);
            }
            if Instant::now() >= deadline {
                return Err(format!("{binary} on port {port} never answered /status"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    async fn status_ready(&self) -> bool {
        let Ok(mut stream) = tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).await
        else {
            return false;
        };
        let request = format!(
            "GET /status HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).await.is_err() {
            return false;
        }
        // chromedriver keeps the connection open: read until the answer is complete.
        let mut response = Vec::new();
        let mut chunk = [0u8; 1024];
        let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
        loop {
            let text = String::from_utf8_lossy(&response);
            if text.contains("\"ready\":true") {
                return true;
            }
            if text.contains("\"ready\":false") {
                return false;
            }
            match tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await {
                Ok(Ok(read)) if read > 0 => response.extend_from_slice(&chunk[..read]),
                _ => return false,
            }
        }
    }

    /// `DELETE /session/{id}` with a blocking socket: works while unwinding.
    fn delete_session(&self, session: &str) {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
        let request = format!(
            "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return;
        }
        // The answer is `{"value":null}`; chromedriver may keep the connection open.
        let mut response = Vec::new();
        let mut chunk = [0u8; 1024];
        while !String::from_utf8_lossy(&response).contains("\"value\"") {
            match stream.read(&mut chunk) {
                Ok(read) if read > 0 => response.extend_from_slice(&chunk[..read]),
                _ => return,
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            self.delete_session(&session);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        kill_processes_using(self.profile.path());
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .unwrap_or_else(|err| panic!("cannot find a free port: {err}"))
}

/// Kills (by pid) every process whose command line mentions `profile`: Chromium and
/// its helpers, if chromedriver left any behind. Waits up to 5 s for them to go.
fn kill_processes_using(profile: &Path) {
    let needle = profile.as_os_str().as_encoded_bytes();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let pids = processes_mentioning(needle);
        if pids.is_empty() || Instant::now() >= deadline {
            return;
        }
        for pid in pids {
            // SAFETY: kill(2) with a pid read from /proc; no memory is involved.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn processes_mentioning(needle: &[u8]) -> Vec<libc::pid_t> {
    let own_pid = std::process::id();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| pid != own_pid)
        .filter(|pid| {
            let cmdline_path: PathBuf = ["/proc", &pid.to_string(), "cmdline"].iter().collect();
            std::fs::read(cmdline_path).is_ok_and(|cmdline| {
                !cmdline.is_empty() && cmdline.windows(needle.len()).any(|window| window == needle)
            })
        })
        .filter_map(|pid| libc::pid_t::try_from(pid).ok())
        .collect()
}
