//! A second implementation of the JSON contract that serves hostile answers on purpose.
//!
//! DESIGN.md asks the widget to survive endpoints it does not control (publishers
//! reimplement the contract in their CMS). This server is such an endpoint, with every
//! way to get it wrong at a path of its own, so one page can show them side by side:
//!
//! - `/ok/articles/{id}`: a valid article titled [`ok_title`]`(id)`, without a rating
//!   (its `/rating` answers 404 `no_rating`).
//! - `/flaky/articles/{id}`: 404 until [`HostileServer::heal`], then the valid article.
//! - `/bad/{kind}/articles/{id}`: the failure `kind` (see [`HOSTILE_KINDS`]).
//! - `/odd/{kind}/articles/{id}`: unusual but valid answers that must render
//!   (`unknown-parts`, `markup-in-text`, `huge-body`, `giant-block`...), and
//!   `/odd/rating-wrong-type/articles/{id}/rating`, a rating whose count is a string, and
//!   `/odd/empty-lists/articles/{id}/recommendations`, every list empty.
//! - `/long/articles/{id}` and its `/rating`: text that does not fit a narrow column
//!   ([`LONG_LABEL`], an unbreakable stack of combining marks, a 300-letter word).
//! - `/contrary/articles/{id}`: a valid article without a rating, and
//!   `/contrary/articles/{id}/rating`, whose votes never take: `POST` answers
//!   `voted: false`, `DELETE` answers `voted: true`, the count stays [`CONTRARY_COUNT`].
//! - `/images/articles/{id}`: images that do not keep their word: the lead declares
//!   1200 x 675 but its file (`/img/tall.svg`, 300 ms late) is 600 x 1200; a body image's
//!   file is missing (404).
//!
//! Every answer carries `Access-Control-Allow-Origin: *`. The server counts requests
//! per path and how many requests the client abandoned before the answer was complete.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// Every failure the hostile server can serve, with the `data-error-kind` (and
/// `news-widget:error` `detail.kind`) the widget must show for it.
pub const HOSTILE_KINDS: &[(&str, &str)] = &[
    ("status-500", "http"),
    ("status-404", "http"),
    ("status-503-html", "http"),
    ("status-502-huge", "http"),
    ("not-json", "not_json"),
    ("empty-body", "not_json"),
    ("wrong-type", "invalid_data"),
    ("missing-title", "invalid_data"),
    ("body-not-a-list", "invalid_data"),
    ("too-large", "too_large"),
    ("too-large-chunked", "too_large"),
    ("hang", "timeout"),
    ("trickle", "timeout"),
];

/// The JSON error message of `status-500` (the widget should show it).
pub const STATUS_500_MESSAGE: &str = "The other CMS is having a bad day (test fixture)";
/// The JSON error message of `status-404`.
pub const STATUS_404_MESSAGE: &str = "No such article in the other CMS (test fixture)";

/// Size of the `too-large` bodies: over the widget's 2 MiB limit.
pub const TOO_LARGE_BYTES: usize = 3 * 1024 * 1024;

/// How long `hang` keeps the client waiting: far beyond any test's timeout.
const HANG: Duration = Duration::from_secs(300);
/// Pause between two bytes of `trickle`.
const TRICKLE_INTERVAL: Duration = Duration::from_millis(200);

/// The headline of `/ok/articles/{id}` and of `/flaky/...` once healed.
pub fn ok_title(id: &str) -> String {
    format!("Served by another implementation: {id}")
}

/// The headline of `/odd/unknown-parts/articles/{id}`.
pub fn forward_compatible_title(id: &str) -> String {
    format!("Forward compatible: {id}")
}

/// The literal (never interpreted) headline of `/odd/markup-in-text/...`.
pub const MARKUP_TITLE: &str = "<img src=x onerror=\"window.__pwned='title'\">Markup stays text";

/// A running hostile server; stops when dropped.
pub struct HostileServer {
    addr: SocketAddr,
    state: Arc<Shared>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<String>>,
    abandoned: AtomicUsize,
    healed: AtomicBool,
    /// The vote `/landed/...` counted.
    landed_vote: AtomicBool,
}

impl HostileServer {
    /// Starts the server on a free port of 127.0.0.1.
    pub async fn start() -> HostileServer {
        let state = Arc::new(Shared::default());
        let app = Router::new()
            .route("/ok/articles/{id}", get(ok))
            .route("/ok/articles/{id}/rating", get(no_rating))
            .route("/flaky/articles/{id}", get(flaky))
            .route("/bad/{kind}/articles/{id}", get(bad))
            .route("/odd/{kind}/articles/{id}", get(odd))
            .route(
                "/odd/rating-wrong-type/articles/{id}/rating",
                get(rating_wrong_type),
            )
            .route(
                "/odd/empty-lists/articles/{id}/recommendations",
                get(empty_list),
            )
            .route("/contrary/articles/{id}", get(ok))
            .route(
                "/contrary/articles/{id}/rating",
                get(contrary_rating)
                    .post(contrary_rating)
                    .delete(contrary_rating),
            )
            .route(
                "/landed/articles/{id}/rating",
                get(landed_rating).post(landed_rating).delete(landed_rating),
            )
            .route(
                "/limited/articles/{id}/rating",
                get(limited_rating)
                    .post(limited_rating)
                    .delete(limited_rating),
            )
            .route("/long/articles/{id}", get(long_article))
            .route("/long/articles/{id}/rating", get(long_rating))
            .route("/images/articles/{id}", get(image_article))
            .route("/img/tall.svg", get(tall_svg))
            .route("/late/articles/{id}/recommendations", get(late_cards))
            .fallback(not_found)
            .layer(middleware::from_fn_with_state(
                state.clone(),
                record_and_cors,
            ))
            .with_state(state.clone());
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap_or_else(|err| panic!("the hostile server cannot listen: {err}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|err| panic!("the hostile server has no address: {err}"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        HostileServer { addr, state, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The endpoint (for `data-endpoint`) serving failure `kind`.
    pub fn bad_endpoint(&self, kind: &str) -> String {
        format!("{}/bad/{kind}", self.origin())
    }

    /// Makes `/flaky/...` answer with the valid article from now on.
    pub fn heal(&self) {
        self.state.healed.store(true, Ordering::SeqCst);
    }

    /// The requests received so far, as `METHOD path?query`, that contain `needle`.
    pub fn requests_containing(&self, needle: &str) -> Vec<String> {
        self.state
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .filter(|path| path.contains(needle))
            .cloned()
            .collect()
    }

    /// How many requests the client gave up on before their answer was complete.
    pub fn abandoned(&self) -> usize {
        self.state.abandoned.load(Ordering::SeqCst)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn record_and_cors(
    State(state): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let path = format!(
        "{} {}",
        request.method(),
        request
            .uri()
            .path_and_query()
            .map(|path| path.as_str())
            .unwrap_or_default()
    );
    let mut response = if request.method() == Method::OPTIONS {
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        let headers = preflight.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, DELETE"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("*"),
        );
        preflight
    } else {
        state
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(path);
        next.run(request).await
    };
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// A valid article with every optional field, as another CMS would serve it.
pub fn ok_article(id: &str) -> Value {
    json!({
        "id": id,
        "url": format!("https://publisher.example/news/{id}"),
        "title": ok_title(id),
        "section": ["Home", "Elsewhere"],
        "source": { "name": "Another CMS", "url": "https://publisher.example" },
        "published_at": "2025-04-28T08:42:28Z",
        "updated_at": null,
        "byline": "By The Test Desk",
        "dateline": "ELSEWHERE",
        "image": null,
        "body": [
            { "type": "paragraph", "text": "First paragraph from another implementation." },
            { "type": "paragraph", "text": "Second paragraph." }
        ],
        "rating": null
    })
}

async fn ok(Path(id): Path<String>) -> Json<Value> {
    Json(ok_article(&id))
}

/// The rating label of `/long/...`: ordinary words, far wider than a sidebar.
pub const LONG_LABEL: &str = "Excellent reporting, thank you very much for this article";
/// The count of `/long/.../rating`.
pub const LONG_COUNT: u64 = 1_234_567;

async fn long_article(Path(id): Path<String>) -> Json<Value> {
    let mut article = ok_article(&id);
    let zalgo: String = std::iter::once('Z')
        .chain(std::iter::repeat_n('\u{0489}', 1000))
        .collect();
    article["title"] = json!(format!("{zalgo} headline"));
    article["body"] = json!([
        { "type": "paragraph", "text": "Donaudampfschifffahrtsgesellschaft".repeat(9) },
        { "type": "html", "html": format!("<p>{}</p>", "x".repeat(300)) }
    ]);
    Json(article)
}

async fn image_article(headers: axum::http::HeaderMap, Path(id): Path<String>) -> Json<Value> {
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or("127.0.0.1");
    let mut article = ok_article(&id);
    article["image"] = json!({
        "url": format!("http://{host}/img/tall.svg"), "alt": "Declared wide, really tall",
        "width": 1200, "height": 675
    });
    article["body"] = json!([
        { "type": "paragraph", "text": "Below the lead image." },
        { "type": "image", "url": format!("http://{host}/img/missing.png"), "alt": "A missing file",
          "width": 800, "height": 600, "caption": "The file behind this image is gone." },
        { "type": "paragraph", "text": "Below the missing image." }
    ]);
    Json(article)
}

/// A 600 x 1200 image, sent 300 ms late (after the article has rendered).
async fn tall_svg() -> Response {
    tokio::time::sleep(Duration::from_millis(300)).await;
    with_content_type(
        "image/svg+xml",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="1200"><rect width="600" height="1200" fill="#6a8caf"/></svg>"##,
    )
}

/// A page of 12 cards, sent 500 ms late: the carousel renders its placeholders first.
async fn late_cards(Path(id): Path<String>) -> Json<Value> {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let items: Vec<Value> = (1..=12)
        .map(|n| {
            json!({ "id": format!("{id}-card-{n}"), "url": format!("https://publisher.example/{id}/{n}"),
                    "title": format!("Late card number {n}") })
        })
        .collect();
    Json(json!({ "list": "related", "items": items, "total": 12, "next_cursor": null }))
}

async fn long_rating() -> Json<Value> {
    Json(json!({ "label": LONG_LABEL, "count": LONG_COUNT, "voted": false }))
}

/// The count `/contrary/.../rating` always answers.
pub const CONTRARY_COUNT: u64 = 5;

async fn contrary_rating(method: Method) -> Json<Value> {
    Json(json!({
        "label": "veryGood!",
        "count": CONTRARY_COUNT,
        "voted": method == Method::DELETE,
    }))
}

/// The count `/landed/.../rating` answers without the reader's vote.
pub const LANDED_COUNT: u64 = 100;

/// A vote endpoint behind a gateway that times out: a POST or DELETE is counted, and
/// then answered `504` (the reader's vote landed, the answer did not); a GET tells the
/// truth.
async fn landed_rating(State(state): State<Arc<Shared>>, method: Method) -> Response {
    if method == Method::GET {
        let voted = state.landed_vote.load(Ordering::SeqCst);
        return Json(json!({
            "label": "veryGood!",
            "count": LANDED_COUNT + u64::from(voted),
            "voted": voted,
        }))
        .into_response();
    }
    state
        .landed_vote
        .store(method == Method::POST, Ordering::SeqCst);
    error_response(
        StatusCode::GATEWAY_TIMEOUT,
        "gateway_timeout",
        "The gateway gave up waiting (test fixture)",
    )
}

/// A vote endpoint that refuses every vote as one too many (429 with Retry-After).
async fn limited_rating(method: Method) -> Response {
    if method == Method::GET {
        return Json(json!({ "label": "veryGood!", "count": LANDED_COUNT, "voted": false }))
            .into_response();
    }
    let mut response = error_response(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        "Too many votes; retry in 58 s (test fixture)",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("58"));
    response
}

async fn flaky(State(state): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    if state.healed.load(Ordering::SeqCst) {
        Json(ok_article(&id)).into_response()
    } else {
        // Cacheable for five minutes, as CDNs often mark 404s: the Retry must still reach
        // the server, not the browser's cache.
        let mut response = error_response(
            StatusCode::NOT_FOUND,
            "not_found",
            "Not published yet (test fixture)",
        );
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        );
        response
    }
}

/// What the contract answers for the rating of an article without one.
async fn no_rating() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "no_rating",
        "This article has no rating (test fixture)",
    )
}

async fn not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "not_found",
        "No such path on the hostile server",
    )
}

fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

fn with_content_type(content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

async fn bad(
    State(state): State<Arc<Shared>>,
    Path((kind, id)): Path<(String, String)>,
) -> Response {
    match kind.as_str() {
        "status-500" => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            STATUS_500_MESSAGE,
        ),
        "status-404" => error_response(StatusCode::NOT_FOUND, "not_found", STATUS_404_MESSAGE),
        "status-503-html" => {
            let mut response = with_content_type(
                "text/html; charset=utf-8",
                "<!doctype html><title>503</title><h1>Service Unavailable</h1>",
            );
            *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            response
        }
        // A gateway's error page far over the widget's 2 MiB limit: still an HTTP error
        // (retried like any 5xx), not "too large".
        "status-502-huge" => {
            let mut response =
                with_content_type("text/html; charset=utf-8", vec![b'x'; TOO_LARGE_BYTES]);
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
        "not-json" => with_content_type(
            "text/html; charset=utf-8",
            "<!doctype html><title>Welcome</title><p>This is a web page, not JSON.</p>",
        ),
        "empty-body" => with_content_type("application/json", ""),
        "wrong-type" => {
            let mut article = ok_article(&id);
            article["title"] = json!(42);
            Json(article).into_response()
        }
        "missing-title" => {
            let mut article = ok_article(&id);
            if let Some(fields) = article.as_object_mut() {
                fields.remove("title");
            }
            Json(article).into_response()
        }
        "body-not-a-list" => {
            let mut article = ok_article(&id);
            article["body"] = json!({ "type": "paragraph", "text": "not in a list" });
            Json(article).into_response()
        }
        "too-large" => with_content_type("application/json", huge_article(&id)),
        "too-large-chunked" => {
            // No Content-Length: the widget has to count while it reads.
            let bytes = Bytes::from(huge_article(&id));
            let chunks: Vec<Result<Bytes, Infallible>> = (0..bytes.len())
                .step_by(64 * 1024)
                .map(|start| Ok(bytes.slice(start..(start + 64 * 1024).min(bytes.len()))))
                .collect();
            with_content_type(
                "application/json",
                Body::from_stream(futures_util::stream::iter(chunks)),
            )
        }
        "hang" => {
            let guard = Unfinished::new(&state);
            tokio::time::sleep(HANG).await;
            guard.finish();
            error_response(StatusCode::GATEWAY_TIMEOUT, "timeout", "gave up")
        }
        "trickle" => {
            // Headers at once, then one byte of a never-ending JSON string at a time.
            let guard = Unfinished::new(&state);
            let start = Bytes::from(format!("{{\"id\":\"{id}\",\"title\":\""));
            let stream =
                futures_util::stream::unfold((guard, Some(start)), |(guard, first)| async move {
                    let chunk = match first {
                        Some(first) => first,
                        None => {
                            tokio::time::sleep(TRICKLE_INTERVAL).await;
                            Bytes::from_static(b" ")
                        }
                    };
                    Some((Ok::<_, Infallible>(chunk), (guard, None)))
                });
            with_content_type("application/json", Body::from_stream(stream))
        }
        _ => error_response(StatusCode::NOT_FOUND, "not_found", "unknown hostile kind"),
    }
}

async fn odd(Path((kind, id)): Path<(String, String)>) -> Response {
    match kind.as_str() {
        "unknown-parts" => Json(json!({
            "id": id,
            "title": forward_compatible_title(&id),
            "section": ["Home", "Future"],
            "source": { "name": "Another CMS", "logo": { "url": "https://publisher.example/logo.svg" } },
            "published_at": "2025-04-28T08:42:28Z",
            "image": { "url": "https://publisher.example/lead.jpg", "alt": "Lead", "width": 1200,
                       "height": 675, "focal_point": { "x": 0.5, "y": 0.3 } },
            "body": [
                { "type": "paragraph", "text": "Known paragraph one.", "emphasis": [[0, 5]] },
                { "type": "video", "src": "https://publisher.example/clip.mp4", "duration": 31 },
                { "type": "poll", "question": "Is this forward compatible?", "options": ["yes"] },
                { "type": "heading", "text": "Known heading", "level": 7 },
                { "type": "paragraph", "text": "Known paragraph two." },
                { "type": "gallery", "items": [{ "url": "https://publisher.example/1.jpg" }] }
            ],
            "rating": null,
            "paywall": { "kind": "metered", "remaining": 3 },
            "schema_version": "1.7"
        }))
        .into_response(),
        // Optional parts present with their essential field null: each left out, the rest
        // of the article shown.
        "null-parts" => Json(json!({
            "id": id,
            "title": forward_compatible_title(&id),
            "source": { "name": null, "url": "https://publisher.example" },
            "image": { "url": null, "alt": "A picture that is not there", "width": 10, "height": 10 },
            "body": [
                { "type": "paragraph", "text": null },
                { "type": "paragraph", "text": "The one paragraph with text." },
                { "type": "html", "html": null },
                { "type": "image", "url": null, "caption": "A caption without its image" },
                { "type": "quote", "text": null, "cite": "Nobody" }
            ],
            "rating": { "label": null, "count": 12 }
        }))
        .into_response(),
        // Declared 1 x 100000 px: the widget must not reserve a 100000-times-wide box.
        "absurd-image" => Json(json!({
            "id": id,
            "title": forward_compatible_title(&id),
            "body": [
                { "type": "image", "url": "https://publisher.example/needle.png", "alt": "A needle",
                  "width": 1, "height": 100000 },
                { "type": "paragraph", "text": "After the needle." }
            ]
        }))
        .into_response(),
        // Contract-valid and under 2 MiB, but half a million elements (an outside fuzz
        // audit: a 16 s freeze of the host page): the widget renders what its body budget
        // allows and says where the rest is; nothing after the budget is rendered.
        "huge-body" => {
            let block = format!("<p>{}</p>", "<br>".repeat(5_000));
            past_the_budget(&id, 99, &block)
        }
        // 60,000 empty `html` blocks (1.6 MB): each a parse of its own, so each costs
        // budget (they cost nothing at first, and 80,000 froze the page 2 s).
        "empty-html" => past_the_budget(&id, 60_000, ""),
        // One `html` block past the sanitizer's per-block limit, then a paragraph: the
        // block is cut short with a note, the paragraph still shows.
        "giant-block" => Json(json!({
            "id": id,
            "url": format!("https://publisher.example/{id}"),
            "title": forward_compatible_title(&id),
            "body": [
                { "type": "html", "html": "<i>x</i>".repeat(8_000) },
                { "type": "paragraph", "text": "After the giant block." }
            ]
        }))
        .into_response(),
        "markup-in-text" => Json(json!({
            "id": id,
            "title": MARKUP_TITLE,
            "section": ["<b>Home</b>"],
            "source": { "name": "<script>window.__pwned='source'</script>Source",
                        "url": "javascript:window.__pwned='source-url'" },
            "byline": "<i onmouseover=\"window.__pwned='byline'\">By</i>",
            "image": { "url": "javascript:window.__pwned='image'", "alt": "x", "width": 10, "height": 10 },
            "body": [
                { "type": "paragraph", "text": "<script>window.__pwned='paragraph'</script>Plain." },
                { "type": "html", "html": "<p>Allowed <a href=\"javascript:window.__pwned='link'\">link</a></p>\
                    <img src=\"x\" onerror=\"window.__pwned='img'\">\
                    <script>window.__pwned='script'</script>\
                    <iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>\
                    <svg><script>window.__pwned='svg'</script></svg>\
                    <style>p { position: fixed; inset: 0 }</style>\
                    <P STYLE=\"color:red\" OnMouseOver=\"window.__pwned='case'\">Shouting</P>\
                    <p style=\"position:fixed;inset:0\" onclick=\"window.__pwned='click'\">Styled</p>" }
            ]
        }))
        .into_response(),
        _ => error_response(StatusCode::NOT_FOUND, "not_found", "unknown odd kind"),
    }
}

/// An article of `count` copies of the `html` block `block`, then a paragraph that the
/// widget's body budget must leave out.
fn past_the_budget(id: &str, count: usize, block: &str) -> Response {
    let mut body: Vec<Value> = (0..count)
        .map(|_| json!({ "type": "html", "html": block }))
        .collect();
    body.push(json!({ "type": "paragraph", "text": "Past the budget." }));
    Json(json!({
        "id": id,
        "url": format!("https://publisher.example/{id}"),
        "title": forward_compatible_title(id),
        "body": body
    }))
    .into_response()
}

/// A rating whose count is a string: the rating part's error names the field.
async fn rating_wrong_type() -> Response {
    Json(json!({ "label": "veryGood!", "count": "12", "voted": false })).into_response()
}

/// Every list empty (a new article nothing relates to yet).
async fn empty_list(request: Request) -> Response {
    let list = request
        .uri()
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("list=")))
        .unwrap_or("related")
        .to_string();
    Json(json!({ "list": list, "items": [], "total": 0, "next_cursor": null })).into_response()
}

/// A valid article whose body makes the document [`TOO_LARGE_BYTES`] long.
fn huge_article(id: &str) -> Vec<u8> {
    let head = format!(
        "{{\"id\":\"{id}\",\"title\":\"Huge\",\"body\":[{{\"type\":\"paragraph\",\"text\":\""
    );
    let tail = "\"}]}";
    let mut document = head.into_bytes();
    document.resize(TOO_LARGE_BYTES - tail.len(), b'a');
    document.extend_from_slice(tail.as_bytes());
    document
}

/// Counts a request as abandoned if its answer is dropped before [`Unfinished::finish`]
/// (the client closed the connection).
struct Unfinished {
    state: Arc<Shared>,
    finished: bool,
}

impl Unfinished {
    fn new(state: &Arc<Shared>) -> Unfinished {
        Unfinished {
            state: state.clone(),
            finished: false,
        }
    }

    fn finish(mut self) {
        self.finished = true;
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if !self.finished {
            self.state.abandoned.fetch_add(1, Ordering::SeqCst);
        }
    }
}
