//! The one place HTTP happens: URL building, timeout, cancellation, size limit, decoding.
//!
//! Every call goes through [`send`], which maps transport failures, status codes and decode
//! failures to [`ApiError`]. Callers hold a [`Cancel`] and abort requests whose answer is
//! no longer wanted (a newer request, or the widget went away).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use super::decode;
use super::error::ApiError;

/// Bodies above this size are refused with [`ApiError::TooLarge`] (2 MiB).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// How much of a non-2xx answer is read for its error message.
const ERROR_BODY_BYTES: usize = 64 * 1024;

/// A request the loader started before the runtime was ready (see `adopt_prefetch`).
struct Prefetched {
    url: String,
    response: js_sys::Promise,
    controller: AbortController,
    /// The loader's object; its `settled` field becomes `{status, text}` once the loader
    /// has buffered the whole body.
    source: JsValue,
    /// The mount that adopted it (any widget asking for the URL may use it; only this one
    /// aborts it when unused).
    owner: u32,
}

thread_local! {
    static PREFETCHED: RefCell<Vec<Prefetched>> = const { RefCell::new(Vec::new()) };
    static NEXT_OWNER: Cell<u32> = const { Cell::new(0) };
    /// GET URLs whose last answer was a failure: asked again past the browser's cache.
    static FAILED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// How many failed URLs are remembered (the oldest is forgotten first).
const FAILED_REMEMBERED: usize = 32;

/// Remembers whether the GET of `url` failed. A failure the endpoint marked cacheable
/// (a CDN's `max-age` on a 404, a 503 or a broken 200) would otherwise answer the Retry
/// and the background retries from the browser's cache, never reaching the server.
fn note_outcome(url: &str, failed: bool) {
    FAILED.with_borrow_mut(|urls| {
        urls.retain(|known| known != url);
        if failed {
            if urls.len() >= FAILED_REMEMBERED {
                urls.remove(0);
            }
            urls.push(url.to_owned());
        }
    });
}

fn failed_before(url: &str) -> bool {
    FAILED.with_borrow(|urls| urls.iter().any(|known| known == url))
}

/// The requests one mount adopted (see [`adopt_prefetch`]).
pub struct Adopted {
    owner: u32,
    pub urls: Vec<String>,
}

impl Adopted {
    /// Aborts and forgets those of `urls` still unused (the widget does not need them, or
    /// went away first).
    pub fn discard(&self, urls: &[String]) {
        PREFETCHED.with(|list| {
            list.borrow_mut().retain(|p| {
                let unused = p.owner == self.owner && urls.contains(&p.url);
                if unused {
                    p.controller.abort();
                }
                !unused
            })
        });
    }
}

/// Adopts the requests `loader/news-widget.js` started while the runtime loaded
/// (`options.__prefetch = [{url, response, controller, settled}]`): the next GET of exactly
/// such a URL uses its response instead of fetching again (or, through [`take_settled`],
/// its already buffered body).
pub fn adopt_prefetch(options: &JsValue) -> Adopted {
    let owner = NEXT_OWNER.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    });
    let field =
        |object: &JsValue, name: &str| js_sys::Reflect::get(object, &JsValue::from_str(name)).ok();
    let Some(list) = field(options, "__prefetch").filter(js_sys::Array::is_array) else {
        return Adopted {
            owner,
            urls: Vec::new(),
        };
    };
    let mut adopted = Vec::new();
    for source in js_sys::Array::from(&list).iter() {
        let (Some(url), Some(response), Some(controller)) = (
            field(&source, "url").and_then(|url| url.as_string()),
            // A thenable, not `instanceof Promise`: a page may have replaced window.Promise
            // (zone.js, Bluebird), and fetch's native promise would then fail the check.
            field(&source, "response")
                .filter(is_thenable)
                .map(JsCast::unchecked_into::<js_sys::Promise>),
            field(&source, "controller").and_then(|c| c.dyn_into::<AbortController>().ok()),
        ) else {
            continue;
        };
        adopted.push(url.clone());
        PREFETCHED.with(|list| {
            list.borrow_mut().push(Prefetched {
                url,
                response,
                controller,
                source,
                owner,
            })
        });
    }
    Adopted {
        owner,
        urls: adopted,
    }
}

fn is_thenable(value: &JsValue) -> bool {
    value.is_object()
        && js_sys::Reflect::get(value, &JsValue::from_str("then"))
            .is_ok_and(|then| then.is_function())
}

/// The adopted request for `url`, decoded now, if the loader already holds its whole body
/// (the common case: the JSON is small and the wasm is not). Lets the first render show the
/// answer instead of a skeleton. `None`: nothing adopted for `url`, or the body is still on
/// its way (then [`send`] reads the response as usual).
pub fn take_settled<T>(url: &str, decoder: Decoder<T>) -> Option<Result<T, ApiError>> {
    let field =
        |object: &JsValue, name: &str| js_sys::Reflect::get(object, &JsValue::from_str(name)).ok();
    let (status, text) = PREFETCHED.with(|list| {
        let mut list = list.borrow_mut();
        let index = list.iter().position(|p| p.url == url)?;
        let settled = field(&list[index].source, "settled")?;
        let status = field(&settled, "status")?.as_f64()?;
        let text = field(&settled, "text")?.as_string()?;
        // Done with it: aborting releases the original, unread copy of the body.
        list.remove(index).controller.abort();
        Some((status as u16, text))
    })?;
    let result = finish(status, &text, decoder);
    note_outcome(url, result.is_err());
    Some(result)
}

fn take_prefetch(url: &str) -> Option<Prefetched> {
    PREFETCHED.with(|list| {
        let mut list = list.borrow_mut();
        let index = list.iter().position(|p| p.url == url)?;
        Some(list.remove(index))
    })
}

/// HTTP methods the contract uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One request to the endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiRequest {
    pub method: Method,
    pub url: String,
    /// A JSON body, sent with `content-type: application/json`.
    pub json_body: Option<String>,
    pub timeout_ms: u32,
}

/// Aborts an in-flight request; cloning shares the same request.
#[derive(Clone)]
pub struct Cancel {
    controller: Option<AbortController>,
}

impl Cancel {
    /// Aborts the request (no-op when it already finished).
    pub fn abort(&self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// Decodes a parsed JSON body into `T` (one of the functions in `decode.rs`).
pub type Decoder<T> = fn(&JsValue) -> Result<T, ApiError>;

/// Starts `request`; the returned future resolves to the body decoded by `decoder`.
pub fn send<T: 'static>(
    request: ApiRequest,
    decoder: Decoder<T>,
) -> (
    Cancel,
    impl std::future::Future<Output = Result<T, ApiError>>,
) {
    let controller = AbortController::new().ok();
    let cancel = Cancel {
        controller: controller.clone(),
    };
    let future = async move {
        let controller = controller.ok_or(ApiError::Network)?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let timed_out = timed_out.clone();
            let controller = controller.clone();
            gloo_timers::callback::Timeout::new(request.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let result = perform(&request, &controller, decoder).await;
        drop(timer);
        if request.method == Method::Get && !matches!(result, Err(ApiError::Aborted)) {
            note_outcome(&request.url, result.is_err());
        }
        match result {
            Err(ApiError::Aborted) if timed_out.get() => Err(ApiError::Timeout {
                millis: request.timeout_ms,
            }),
            Err(ApiError::Network) if controller.signal().aborted() => Err(if timed_out.get() {
                ApiError::Timeout {
                    millis: request.timeout_ms,
                }
            } else {
                ApiError::Aborted
            }),
            other => other,
        }
    };
    (cancel, future)
}

async fn perform<T>(
    request: &ApiRequest,
    controller: &AbortController,
    decoder: Decoder<T>,
) -> Result<T, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_signal(Some(&controller.signal()));
    init.set_credentials(web_sys::RequestCredentials::Omit);
    if request.method == Method::Get && failed_before(&request.url) {
        init.set_cache(web_sys::RequestCache::Reload);
    }
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    let _ = headers.set("accept", "application/json");
    if let Some(body) = &request.json_body {
        let _ = headers.set("content-type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);

    let prefetched = match request.method {
        Method::Get => take_prefetch(&request.url),
        _ => None,
    };
    let pending = match prefetched {
        Some(prefetched) => {
            // Our abort (timeout, cancellation) must reach the adopted request too.
            let other = prefetched.controller;
            let forward = wasm_bindgen::closure::Closure::once_into_js(move || other.abort());
            controller
                .signal()
                .set_onabort(Some(forward.unchecked_ref()));
            prefetched.response
        }
        None => window.fetch_with_str_and_init(&request.url, &init),
    };
    let response: Response = JsFuture::from(pending)
        .await
        .map_err(|_| aborted_or(controller, ApiError::Network))?
        .dyn_into()
        .map_err(|_| ApiError::Network)?;

    let status = response.status();
    let body = if (200..300).contains(&status) {
        read_limited(&response, controller, MAX_BODY_BYTES).await?
    } else {
        // An error answer is judged by its status (a 5xx is retried, whatever its size);
        // its body only lends a message, so only its start is read.
        read_limited(&response, controller, ERROR_BODY_BYTES)
            .await
            .unwrap_or_default()
    };
    finish(status, &body, decoder)
}

/// Status, JSON and shape checks of a complete answer.
fn finish<T>(status: u16, body: &str, decoder: Decoder<T>) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(http_error(status, body));
    }
    let value = js_sys::JSON::parse(body).map_err(|_| ApiError::NotJson)?;
    decoder(&value)
}

fn aborted_or(controller: &AbortController, otherwise: ApiError) -> ApiError {
    if controller.signal().aborted() {
        ApiError::Aborted
    } else {
        otherwise
    }
}

/// Reads the body as text, refusing more than `limit` bytes without buffering them.
async fn read_limited(
    response: &Response,
    controller: &AbortController,
    limit: usize,
) -> Result<String, ApiError> {
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        controller.abort();
        return Err(ApiError::TooLarge { limit });
    }
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| ApiError::Network)?;
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| aborted_or(controller, ApiError::Network))?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .map(|done| done.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|_| ApiError::Network)?;
        let part = js_sys::Uint8Array::new(&value);
        if bytes.len() + part.length() as usize > limit {
            controller.abort();
            return Err(ApiError::TooLarge { limit });
        }
        let start = bytes.len();
        bytes.resize(start + part.length() as usize, 0);
        part.copy_to(&mut bytes[start..]);
    }
    Ok(body_text(&bytes))
}

/// The body as text, as `Response.json()` reads it: UTF-8, a leading byte order mark
/// dropped, invalid sequences replaced by U+FFFD (then refused by the JSON parser only if
/// they fall outside strings).
pub fn body_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// Maps a non-2xx answer to [`ApiError::Http`], keeping the endpoint's message if any.
pub fn http_error(status: u16, body: &str) -> ApiError {
    let detail = js_sys::JSON::parse(body)
        .ok()
        .and_then(|value| decode::error_body(&value))
        .map(|body| body.error);
    http_error_from(status, detail)
}

/// Builds [`ApiError::Http`] from a status and an optional decoded error body.
pub fn http_error_from(status: u16, detail: Option<super::types::ErrorDetail>) -> ApiError {
    let (code, message) = match detail {
        Some(detail) => (detail.code, detail.message.map(|m| truncate(&m, 300))),
        None => (None, None),
    };
    ApiError::Http {
        status,
        code,
        message,
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Percent-encodes one URL path segment or query value (RFC 3986 unreserved kept).
pub fn encode_component(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(byte >> 4) as usize] as char);
                out.push(HEX[(byte & 15) as usize] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped_like_response_json_does() {
        assert_eq!(body_text(b"\xEF\xBB\xBF{\"a\":1}"), "{\"a\":1}");
        assert_eq!(body_text(b"{}"), "{}");
        // Only a leading one: inside a string it is content.
        assert_eq!(body_text("\"\u{feff}\"".as_bytes()), "\"\u{feff}\"");
        assert_eq!(body_text(b"\xFF"), "\u{fffd}");
    }

    #[test]
    fn encodes_path_segments() {
        assert_eq!(encode_component("a-123_x.y~"), "a-123_x.y~");
        assert_eq!(encode_component("a/b c?d"), "a%2Fb%20c%3Fd");
        assert_eq!(encode_component("é"), "%C3%A9");
    }

    #[test]
    fn http_error_keeps_server_message() {
        let error = http_error_from(
            404,
            Some(super::super::types::ErrorDetail {
                code: Some("not_found".into()),
                message: Some("No article a-9".into()),
            }),
        );
        assert_eq!(error.to_string(), "HTTP 404: No article a-9");
        assert!(!error.is_transient());
        assert!(http_error_from(503, None).is_transient());
        assert!(
            !http_error_from(429, None).is_transient(),
            "429 is not retried by itself"
        );
    }

    #[test]
    fn long_server_messages_are_truncated() {
        let long = "x".repeat(1000);
        let error = http_error_from(
            500,
            Some(super::super::types::ErrorDetail {
                code: None,
                message: Some(long),
            }),
        );
        let ApiError::Http { message, .. } = error else {
            panic!("expected Http")
        };
        assert_eq!(message.map(|m| m.chars().count()), Some(301));
    }
}
