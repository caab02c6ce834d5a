//! One test's world: the reference server serving the bundle and the host pages, the
//! hostile server, optionally a separate API server, and a browser.

use serde_json::Value;
use tempfile::TempDir;

use crate::browser::{free_port, Browser};
use crate::hostile::HostileServer;
use crate::server::TestServer;
use crate::{http, site};

/// How a [`Harness`] is set up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Serve the API from a second reference server (own port and database) instead of
    /// the one serving the pages: `{{API}}` then points there, and that server can be
    /// stopped while the pages stay reachable.
    pub separate_api: bool,
}

/// Everything one test needs; [`Harness::finish`] (or dropping it) cleans up.
///
/// Page placeholders filled in from it: `{{API}}` (the reference API, absolute),
/// `{{SITE}}` (origin of the pages), `{{HOSTILE}}` (origin of the hostile server),
/// `{{CLOSED}}` (an endpoint on a port nobody listens on), `{{ARTICLE_A}}` to
/// `{{ARTICLE_D}}` (ids of four demo articles, newest first).
pub struct Harness {
    pub browser: Browser,
    /// Serves the pages and the bundle at `/` (and its own API).
    pub site: TestServer,
    /// The separate API server of [`Options::separate_api`].
    pub separate_api: Option<TestServer>,
    pub hostile: HostileServer,
    /// Ids of the demo articles, newest first.
    pub articles: Vec<String>,
    /// `{{CLOSED}}`: an endpoint nobody answers.
    pub closed_endpoint: String,
    _dir: TempDir,
}

impl Harness {
    /// Starts the default world: one reference server (pages + API), the hostile
    /// server and a browser.
    pub async fn start() -> Harness {
        Harness::start_with(Options::default()).await
    }

    /// Starts a world set up by `options`.
    pub async fn start_with(options: Options) -> Harness {
        Harness::start_seeded(options, &[]).await
    }

    /// [`Harness::start_with`], with the synthetic articles `synthetic-<N>` (N cards in
    /// each recommendation list) created for every N of `synthetic` on the server
    /// answering `{{API}}` (the server's `--seed-synthetic`).
    pub async fn start_seeded(options: Options, synthetic: &[u32]) -> Harness {
        let dir = tempfile::Builder::new()
            .prefix("news-widget-e2e-")
            .tempdir()
            .unwrap_or_else(|err| panic!("cannot create a temporary folder: {err}"));
        let static_dir = dir.path().join("static");
        std::fs::create_dir_all(&static_dir)
            .unwrap_or_else(|err| panic!("cannot create {}: {err}", static_dir.display()));
        // Fail early, before starting anything, if the bundle is missing.
        site::dist_dir();

        let hostile = HostileServer::start().await;
        let servers = async {
            let (site_synthetic, api_synthetic) = if options.separate_api {
                (Vec::new(), synthetic.to_vec())
            } else {
                (synthetic.to_vec(), Vec::new())
            };
            let site_server = TestServer::start_seeded(
                dir.path().join("site.sqlite3"),
                Some(static_dir.clone()),
                vec![],
                site_synthetic,
            )
            .await;
            let separate_api = if options.separate_api {
                Some(
                    TestServer::start_seeded(
                        dir.path().join("api.sqlite3"),
                        None,
                        vec![site_server.origin()],
                        api_synthetic,
                    )
                    .await,
                )
            } else {
                None
            };
            (site_server, separate_api)
        };
        let (browser, (site_server, separate_api)) = tokio::join!(Browser::launch(), servers);

        let api_url = separate_api.as_ref().unwrap_or(&site_server).api_url();
        let articles = discover_articles(&api_url).await;
        let closed_endpoint = format!("http://127.0.0.1:{}/api/v1", free_port());
        let mut vars = vec![
            ("API".to_string(), api_url),
            ("SITE".to_string(), site_server.origin()),
            ("HOSTILE".to_string(), hostile.origin()),
            ("CLOSED".to_string(), closed_endpoint.clone()),
        ];
        for (letter, id) in ["A", "B", "C", "D"].iter().zip(&articles) {
            vars.push((format!("ARTICLE_{letter}"), id.clone()));
        }
        site::populate(&static_dir, &vars);

        Harness {
            browser,
            site: site_server,
            separate_api,
            hostile,
            articles,
            closed_endpoint,
            _dir: dir,
        }
    }

    /// The server answering `{{API}}`.
    pub fn api(&self) -> &TestServer {
        self.separate_api.as_ref().unwrap_or(&self.site)
    }

    /// The server answering `{{API}}`, to stop and restart it.
    pub fn api_mut(&mut self) -> &mut TestServer {
        self.separate_api.as_mut().unwrap_or(&mut self.site)
    }

    /// The demo article id number `index` (0 = `{{ARTICLE_A}}`).
    pub fn article_id(&self, index: usize) -> &str {
        &self.articles[index]
    }

    /// The article as the API serves it (ground truth for what the widget shows).
    pub async fn article(&self, id: &str) -> Value {
        http::get_json(&format!("{}/articles/{id}", self.api().api_url())).await
    }

    /// The title of the article `id` according to the API.
    pub async fn title(&self, id: &str) -> String {
        let article = self.article(id).await;
        article["title"]
            .as_str()
            .unwrap_or_else(|| panic!("article {id} has no title: {article}"))
            .to_string()
    }

    /// The URL of a page of the static folder (e.g. `plain.html`).
    pub fn url(&self, page: &str) -> String {
        format!("{}/{page}", self.site.origin())
    }

    /// Opens a page of the static folder and waits for its load event.
    pub async fn open(&self, page: &str) {
        self.browser.goto(&self.url(page)).await;
    }

    /// Fails the test if the page recorded an uncaught error or unhandled rejection
    /// (the page must include `events.js`).
    pub async fn assert_no_page_errors(&self) {
        let errors = self.browser.page_errors().await;
        assert!(
            errors.is_empty(),
            "the host page saw uncaught errors: {errors:?}"
        );
    }

    /// Closes the browser and stops the servers.
    pub async fn finish(self) {
        let Harness {
            browser,
            site,
            separate_api,
            hostile,
            ..
        } = self;
        browser.close().await;
        drop(hostile);
        if let Some(api) = separate_api {
            api.shutdown().await;
        }
        site.shutdown().await;
    }
}

async fn discover_articles(api_url: &str) -> Vec<String> {
    let list = http::get_json(&format!("{api_url}/articles?limit=50")).await;
    let ids: Vec<String> = list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        ids.len() >= 4,
        "the demo data should hold at least 4 articles, the list endpoint gave {list}"
    );
    ids
}
