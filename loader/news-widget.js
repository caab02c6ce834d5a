// news-widget.js: the one script a host page includes (an ES module).
//
// It finds mount points (<news-widget> elements and [data-news-widget] placeholders, now
// and whenever the page adds them), waits until each is within about one viewport of the
// screen (unless lazy="false"), then loads the WebAssembly runtime once and mounts the
// widget into the element's shadow root. It defines window.NewsWidget, the only global.
//
// Everything else it loads resolves relative to this file (import.meta.url), so the
// folder works from any path or CDN. JS is used only where Rust cannot: defining the
// custom element class and loading the wasm module.

const OPTION_NAMES = ["endpoint", "article", "parts", "lists", "lang", "theme", "timeout", "lazy"];
// The runtime's version: scripts/build-dist.sh writes a hash of its two files here, so their
// URLs change with every release and can be cached for good; this file is revalidated.
const RUNTIME_VERSION = "dev";
const RUNTIME_JS = new URL(`./news-widget-runtime.js?v=${RUNTIME_VERSION}`, import.meta.url);
const RUNTIME_WASM = new URL(`./news-widget-runtime_bg.wasm?v=${RUNTIME_VERSION}`, import.meta.url);

// Keeps the host visible against hostile page CSS (inner !important wins on :host) until
// the widget's own stylesheet replaces it. A constructable sheet: fine under strict CSP.
const HOST_CSS = ":host{display:block!important;visibility:visible!important;opacity:1!important}"
  + ".nw-load-error{all:initial;display:block;font:15px/1.5 system-ui,sans-serif;color:#8c1d18;"
  + "background:#fdf1f0;border-radius:10px;padding:16px}"
  + ".nw-load-error button{font:600 15px/1.2 system-ui,sans-serif;margin-top:8px;padding:8px 16px;"
  + "border-radius:999px;border:2px solid #0a56c2;background:#0a56c2;color:#fff;cursor:pointer}"
  // The widget's theme: dark when asked, or when auto and the reader prefers it.
  + ".nw-load-error.dark{color:#ffb4ab;background:#3b2422}"
  + "@media (prefers-color-scheme:dark){.nw-load-error.auto{color:#ffb4ab;background:#3b2422}}";

// Messages the loader itself may need (the runtime has the full tables).
const MESSAGES = {
  en: { load: "The news widget could not be loaded.", crashed: "The news widget stopped working.", retry: "Retry" },
  pt: { load: "Não foi possível carregar o widget de notícias.", crashed: "O widget de notícias parou de funcionar.", retry: "Tentar novamente" },
  ar: { load: "تعذّر تحميل أداة الأخبار.", crashed: "توقفت أداة الأخبار عن العمل.", retry: "إعادة المحاولة" },
};

let runtime = null;     // Promise<{glue, generation}> of the current runtime
let generation = 0;     // bumped when a runtime crashes; the next one is a fresh instance
let hostSheet = null;
const live = new Set(); // every Instance not destroyed

function loadRuntime() {
  if (!runtime) {
    const current = generation;
    // A crashed runtime cannot be trusted again: a query string gives a fresh module
    // instance (and so a fresh wasm instance) from the same cached files.
    const url = current === 0 ? RUNTIME_JS.href : `${RUNTIME_JS.href}&restart=${current}`;
    // Fetch and compile the wasm while the glue module loads, instead of one after the other.
    const compiled = typeof WebAssembly.compileStreaming === "function"
      ? WebAssembly.compileStreaming(fetch(RUNTIME_WASM)).catch(() => RUNTIME_WASM)
      : Promise.resolve(RUNTIME_WASM);
    runtime = Promise.all([import(url), compiled]).then(async ([glue, module]) => {
      await glue.default({ module_or_path: module });
      glue.setCrashHandler((message) => crashed(current, message));
      return { glue, generation: current };
    });
    // A failed load (offline, 404) may be retried later.
    runtime.catch(() => { runtime = null; });
  }
  return runtime;
}

// Called from the runtime's panic hook: stop every widget of that runtime, visibly.
function crashed(crashedGeneration, message) {
  if (crashedGeneration !== generation) return;
  generation += 1;
  runtime = null;
  for (const instance of live) {
    if (instance.generation === crashedGeneration && instance.handle) instance.crash(message);
  }
}

// The locale as src/i18n.rs picks it: the first well-formed tag of the `lang` option, the
// page's <html lang> and the browser's language; the words by its primary language (English
// when there is no table), the direction by the requested language.
const RTL = ["ar", "he", "iw", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"];
function localeFor(options) {
  const tag = [options.lang, document.documentElement.lang, navigator.language]
    .map((candidate) => String(candidate ?? "").trim())
    .find((candidate) => /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(candidate)) || "en";
  const primary = tag.split("-")[0].toLowerCase();
  return { tag, text: MESSAGES[primary] || MESSAGES.en, dir: RTL.includes(primary) ? "rtl" : "ltr" };
}

function placeholderSheet() {
  if (!hostSheet) {
    try {
      hostSheet = new CSSStyleSheet();
      hostSheet.replaceSync(HOST_CSS);
    } catch (_) {
      hostSheet = null;
    }
  }
  return hostSheet;
}

function prepareShadow(host) {
  try {
    const root = host.shadowRoot || host.attachShadow({ mode: "open" });
    const sheet = placeholderSheet();
    if (sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    return root;
  } catch (error) {
    console.warn("news-widget: cannot attach a shadow root to", host, error);
    return null;
  }
}

function readAttributes(element, prefix) {
  const options = {};
  for (const name of OPTION_NAMES) {
    const value = element.getAttribute(prefix + name);
    if (value !== null) options[name] = value;
  }
  return options;
}

function isLazy(options) {
  const value = options.lazy;
  return !(value === false || String(value ?? "").trim().toLowerCase() === "false");
}

// Within about one viewport of the screen, measured now (saves waiting a frame for the
// observer's first callback when the widget is already on screen).
function nearViewportNow(element) {
  // Detached (mounted by script, inserted later) or inside a display:none ancestor: its
  // empty box at 0,0 says nothing; the observer reports when it really comes near.
  if (!element.isConnected) return false;
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return false;
  const height = window.innerHeight || document.documentElement.clientHeight;
  return rect.bottom >= -height && rect.top <= 2 * height;
}

function whenNearViewport(element, instance) {
  if (typeof IntersectionObserver !== "function" || nearViewportNow(element)) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        resolve();
      }
    }, { rootMargin: "100% 0px 100% 0px" });
    observer.observe(element);
    instance.stopWaiting = () => { observer.disconnect(); resolve(); };
  });
}

// Hotwire Turbo first shows its cached copy of a page (a preview, marked on <html>) and then
// replaces it with the fresh page: widgets in the preview wait, and are torn down with it,
// instead of every request being made for the preview and again for the page.
function whenNotPreview(instance) {
  const root = document.documentElement;
  if (!root.hasAttribute("data-turbo-preview")) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!root.hasAttribute("data-turbo-preview")) done();
    });
    const done = () => { observer.disconnect(); resolve(); };
    observer.observe(root, { attributes: true, attributeFilter: ["data-turbo-preview"] });
    instance.stopWaiting = done;
  });
}

// Starts the widget's first requests while the runtime loads (they are its critical path):
// the article, the reader's rating and the first page of the first recommendation list.
// The runtime adopts each response whose URL is exactly one it asks for, and aborts the
// rest, so these rules only need to agree with src/ in the common case (plain ids and
// endpoints, valid parts and lists); the end-to-end tests check that they do.
const PARTS = ["article", "rating", "recommendations"];
const LISTS = ["related", "popular", "recommended"];
const PAGE_LIMIT = 12; // src/state/carousel.rs
const VOTER_KEY = "news-widget:voter"; // src/voter.rs

function prefetchFirstRequests(options) {
  const parts = knownNames(options.parts, PARTS);
  const endpoint = typeof options.endpoint === "string" ? options.endpoint.trim() : "";
  const article = typeof options.article === "string" ? options.article.trim() : "";
  if (!parts) return [];
  if (!/^(https?:\/\/[^\s?#/]+[^\s?#]*|\/(?!\/)[^\s?#]*)$/i.test(endpoint)) return [];
  if (!/^[A-Za-z0-9._~-]{1,200}$/.test(article)) return [];
  const base = `${endpoint.replace(/\/+$/, "")}/articles/${article}`;
  const started = [];
  if (parts.includes("article")) started.push(prefetch(base, true));
  const voter = parts.includes("rating") ? voterId() : null;
  if (voter) started.push(prefetch(`${base}/rating?voter=${voter}`, false));
  const lists = parts.includes("recommendations") ? knownNames(options.lists, LISTS) : null;
  if (lists) started.push(prefetch(`${base}/recommendations?list=${lists[0]}&limit=${PAGE_LIMIT}`, false));
  return started;
}

// An option's comma-separated names as src/embed/config.rs reads them: all of `known` when
// absent, null when any name is unknown or none is given (a configuration error).
function knownNames(value, known) {
  if (value == null) return known;
  const chosen = [];
  for (const item of String(value).split(",").map((name) => name.trim().toLowerCase()).filter(Boolean)) {
    if (!known.includes(item)) return null;
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen.length ? chosen : null;
}

// The reader's voter id as src/voter.rs keeps it (created here on first use, the same
// way); null when storage is unavailable (the runtime then keeps one in memory).
function voterId() {
  try {
    const valid = (id) => typeof id === "string" && /^[A-Za-z0-9_-]{22,64}$/.test(id);
    let id = localStorage.getItem(VOTER_KEY);
    if (!valid(id)) {
      const bytes = crypto.getRandomValues(new Uint8Array(24));
      id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
      localStorage.setItem(VOTER_KEY, id);
      id = localStorage.getItem(VOTER_KEY);
    }
    return valid(id) ? id : null;
  } catch (_) {
    return null;
  }
}

function prefetch(url, buffer) {
  const controller = new AbortController();
  const response = fetch(url, {
    credentials: "omit",
    headers: { accept: "application/json" },
    signal: controller.signal,
  });
  response.catch(() => {}); // consumed (and its errors reported) by the runtime, or aborted
  const started = { url, response, controller, settled: null, done: null };
  // The article: buffer a copy of the body as it arrives. A runtime that finds it settled
  // renders the article in its first frame, with no skeleton in between. The original body
  // stays unread for the runtime's own streaming read if it comes first.
  if (buffer) {
    started.done = response.then(async (answer) => {
      const text = await readSmallBody(answer.clone(), PREFETCH_LIMIT);
      if (text !== null) started.settled = { status: answer.status, text };
    }).catch(() => {});
  }
  return started;
}

// A runtime ready a moment before the article would render a skeleton, then the article,
// shifting what follows; waiting up to this long for the buffered answer renders the
// article at once instead (the head stylesheet keeps the space painted meanwhile).
const ARTICLE_WAIT_MS = 100;

function articleOrTimeout(prefetched) {
  const pending = prefetched.filter((started) => started.done && !started.settled).map((started) => started.done);
  if (!pending.length) return null;
  return Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, ARTICLE_WAIT_MS))]);
}

// The runtime's body limit (2 MiB, after decompression); a larger body is left to the
// runtime, which reads it again and reports it as too large.
const PREFETCH_LIMIT = 2 * 1024 * 1024;

async function readSmallBody(answer, limit) {
  if (!answer.body) return "";
  const reader = answer.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  // As in the runtime and Response.json(): a leading BOM is dropped, invalid UTF-8 becomes U+FFFD.
  return new TextDecoder().decode(bytes);
}

function dispatch(host, name, detail) {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

// The first Intl formatter a page builds costs ~20 ms (the browser sets up its locale
// data); later ones ~0.1 ms. The widget's first render formats dates and counts, so pay it
// here, once, while the requests just sent are in flight.
let intlWarmed = false;
function warmIntl() {
  if (intlWarmed) return;
  intlWarmed = true;
  try {
    new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" }).format(0);
  } catch (_) { /* no Intl, or a malformed page lang: the runtime copes */ }
}

// Widgets ready to mount take turns, one per task: the first at once, each next one in a
// task of its own, so a page with many widgets stays responsive while they render (a
// hundred first renders in one task were a 200 ms long task).
const turns = [];
let taking = false;
let turnChannel = null; // kept here: a channel only its pending message refers to may be collected
function mountTurn() {
  return new Promise((resolve) => {
    turns.push(resolve);
    if (!taking) nextTurn();
  });
}
function nextTurn() {
  const turn = turns.shift();
  taking = Boolean(turn);
  if (!turn) return;
  turn();
  if (!turnChannel) {
    turnChannel = new MessageChannel();
    turnChannel.port1.onmessage = nextTurn;
  }
  turnChannel.port2.postMessage(null);
}

// The widget's root, focusable from script, gets the focus once it has rendered (the
// runtime renders it in a microtask after mountWidget).
function focusWidget(root) {
  requestAnimationFrame(() => {
    const widget = root && root.querySelector(".nw-root");
    if (!widget) return;
    widget.tabIndex = -1;
    widget.focus({ preventScroll: true });
  });
}

// One mounted (or waiting) widget.
class Instance {
  constructor(host, form, options) {
    this.host = host;
    this.form = form;
    this.options = { ...options };
    this.handle = null;
    this.generation = -1;
    this.destroyed = false;
    this.stopWaiting = null;
    this.prefetched = [];
    this.unusable = false;
    this.refocus = false; // the reader's focus was on our Retry: give it back after it
    live.add(this);
    if (!prepareShadow(host)) {
      // <img>, <input>, an element with a closed shadow root...: nowhere to render. Said
      // once (prepareShadow warned), to the host page too; the runtime is not involved.
      this.unusable = true;
      this.destroyed = true;
      live.delete(this);
      const error = new Error(`news-widget: a <${host.localName}> element cannot hold a shadow root`);
      this.started = Promise.reject(error);
      this.started.catch(() => {});
      dispatch(host, "news-widget:error", { kind: "config", message: error.message });
      return;
    }
    this.started = this.start();
  }

  async start() {
    if (isLazy(this.options)) await whenNearViewport(this.host, this);
    await whenNotPreview(this);
    if (this.destroyed) return;
    // The runtime is the longest download: ask for it first, then for the data.
    const runtimeLoaded = loadRuntime();
    const prefetched = this.handle === null && this.generation < 0 ? prefetchFirstRequests(this.options) : [];
    this.prefetched = prefetched;
    warmIntl();
    let loaded;
    try {
      loaded = await runtimeLoaded;
    } catch (error) {
      this.dropPrefetch();
      if (!this.destroyed) this.showFailure("load", error);
      return;
    }
    const article = articleOrTimeout(prefetched);
    if (article) await article;
    if (this.destroyed) return;
    await mountTurn();
    if (this.destroyed) return;
    this.prefetched = []; // handed over: the runtime aborts what it does not use
    try {
      this.generation = loaded.generation;
      const options = { ...this.options, __prefetch: prefetched };
      // Only if the reader is still on our box: they may have gone on in the page meanwhile.
      const refocus = this.takeRefocus();
      this.handle = loaded.glue.mountWidget(this.host, options, this.form);
      if (refocus) focusWidget(this.host.shadowRoot);
    } catch (error) {
      if (!this.destroyed && this.generation === generation) this.showFailure("load", error);
    }
  }

  // Whether the focus should follow our Retry: it was on it, and still is in the widget.
  takeRefocus() {
    const still = this.refocus && Boolean(this.host.shadowRoot && this.host.shadowRoot.activeElement);
    this.refocus = false;
    return still;
  }

  // The runtime panicked: its handles must not be called again.
  crash(message) {
    this.handle = null;
    this.showFailure("crashed", message);
  }

  update(options) {
    Object.assign(this.options, options);
    this.call((handle) => handle.update({ ...options }));
  }

  replace(options) {
    this.options = { ...options };
    this.call((handle) => handle.replaceOptions({ ...options }));
  }

  dropPrefetch() {
    for (const started of this.prefetched) started.controller.abort();
    this.prefetched = [];
  }

  destroy() {
    // Once only: a stale handle (the element was mounted again since) must not blank the
    // widget that replaced this one in the same shadow root.
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    this.dropPrefetch();
    if (this.stopWaiting) this.stopWaiting();
    const handle = this.handle;
    this.handle = null;
    if (handle) {
      try { handle.destroy(); handle.free(); } catch (error) { console.warn("news-widget:", error); }
    }
    const root = this.host.shadowRoot;
    if (root) root.replaceChildren();
  }

  call(action) {
    if (!this.handle) return;
    try {
      action(this.handle);
    } catch (error) {
      // A panic already went through crashed(); anything else is reported here.
      console.warn("news-widget: internal error", error);
    }
  }

  // The runtime could not load (offline, blocked, missing file) or crashed: say so in the
  // widget's space, offer Retry, tell the host page. Plain DOM: the runtime is unusable.
  showFailure(kind, error) {
    const detail = String((error && error.message) || error);
    if (kind === "load") console.warn("news-widget: could not load the widget runtime:", error);
    const root = prepareShadow(this.host);
    if (!root) return;
    const locale = localeFor(this.options);
    const text = locale.text;
    const box = document.createElement("div");
    const theme = String(this.options.theme || "").trim().toLowerCase();
    box.className = "nw-load-error " + (theme === "dark" || theme === "light" ? theme : "auto");
    box.setAttribute("part", "error");
    box.lang = locale.tag;
    box.dir = locale.dir;
    box.setAttribute("role", "alert");
    box.dataset.errorKind = kind;
    const message = document.createElement("p");
    message.textContent = text[kind];
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "nw-retry";
    retry.setAttribute("part", "retry");
    retry.textContent = text.retry;
    const again = () => {
      removeEventListener("online", again);
      if (this.destroyed || !box.isConnected) return;
      // A keyboard user's focus stays in the widget: on the box while the runtime loads
      // (its Retry goes away), then on the widget or the next Retry (was: on <body>).
      this.refocus = box.contains(root.activeElement);
      if (this.refocus) {
        box.tabIndex = -1;
        box.focus({ preventScroll: true });
      }
      retry.remove();
      this.options.lazy = "false";
      this.started = this.start();
    };
    retry.addEventListener("click", again);
    // The runtime did not arrive (the reader went offline, say): back online, try again.
    if (kind === "load") addEventListener("online", again);
    box.append(message, retry);
    const refocus = this.takeRefocus();
    root.replaceChildren(box);
    if (refocus) retry.focus({ preventScroll: true });
    dispatch(this.host, "news-widget:error", { kind, message: detail });
  }
}

const placeholders = new Map(); // [data-news-widget] element -> Instance
const scripted = new WeakMap(); // element -> Instance created by NewsWidget.mount

function mountPlaceholder(element) {
  if (placeholders.has(element) || scripted.has(element)) return;
  placeholders.set(element, new Instance(element, "data", readAttributes(element, "data-")));
}

function scan(root) {
  if (root.nodeType !== 1 && root.nodeType !== 9) return;
  if (root.nodeType === 1 && root.hasAttribute("data-news-widget")) mountPlaceholder(root);
  for (const element of root.querySelectorAll("[data-news-widget]")) mountPlaceholder(element);
}

function sweep() {
  for (const [element, instance] of placeholders) {
    if (!element.isConnected || !element.hasAttribute("data-news-widget")) {
      instance.destroy();
      placeholders.delete(element);
    }
  }
}

function observePage() {
  const watched = OPTION_NAMES.map((name) => "data-" + name);
  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      if (record.type === "childList") {
        for (const node of record.addedNodes) scan(node);
        if (record.removedNodes.length) removed = true;
      } else if (record.type === "attributes") {
        const element = record.target;
        if (record.attributeName === "data-news-widget") {
          if (element.hasAttribute("data-news-widget")) mountPlaceholder(element);
          else removed = true;
        } else if (placeholders.has(element)) {
          placeholders.get(element).replace(readAttributes(element, "data-"));
        }
      }
    }
    if (removed) sweep();
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-news-widget", ...watched],
  });
  scan(document);
}

class NewsWidgetElement extends HTMLElement {
  static get observedAttributes() { return OPTION_NAMES; }

  connectedCallback() {
    if (!this.newsWidget && !scripted.has(this)) {
      this.newsWidget = new Instance(this, "element", readAttributes(this, ""));
    }
  }

  disconnectedCallback() {
    // A move (remove + insert in one task) keeps the widget; a real removal destroys it.
    queueMicrotask(() => {
      if (!this.isConnected && this.newsWidget) {
        this.newsWidget.destroy();
        this.newsWidget = null;
      }
    });
  }

  attributeChangedCallback() {
    if (this.newsWidget) this.newsWidget.replace(readAttributes(this, ""));
  }
}

function mount(element, options = {}) {
  if (!element || element.nodeType !== 1 || typeof element.attachShadow !== "function") {
    return Promise.reject(new TypeError("NewsWidget.mount: the first argument must be an element"));
  }
  if (element.ownerDocument !== document) {
    return Promise.reject(new TypeError("NewsWidget.mount: the element is in another document (load news-widget.js in its frame)"));
  }
  const previous = scripted.get(element);
  if (previous) previous.destroy();
  // One widget per element: a <news-widget> or [data-news-widget] element's own widget gives
  // way (and its attributes stop driving it) while the script's widget lives there.
  if (element instanceof NewsWidgetElement && element.newsWidget) {
    element.newsWidget.destroy();
    element.newsWidget = null;
  }
  const placeholder = placeholders.get(element);
  if (placeholder) {
    placeholder.destroy();
    placeholders.delete(element);
  }
  const instance = new Instance(element, "script", options && typeof options === "object" ? options : {});
  scripted.set(element, instance);
  const handle = Object.freeze({
    element,
    update(changes) {
      if (changes && typeof changes === "object") instance.update(changes);
    },
    destroy() {
      instance.destroy();
      if (scripted.get(element) === instance) scripted.delete(element);
    },
  });
  if (instance.unusable) {
    scripted.delete(element);
    return instance.started;
  }
  return (isLazy(instance.options) ? Promise.resolve() : instance.started).then(() => handle);
}

// Once per page, even when the script is included twice from different URLs (two module
// instances): the first copy marks the window. Not `window.NewsWidget`: an element with
// id="NewsWidget" is reachable under that name too.
const LOADED = Symbol.for("news-widget.loader");
if (!window[LOADED]) {
  window[LOADED] = true;
  const taken = window.NewsWidget;
  if (taken === undefined || taken instanceof Element) {
    Object.defineProperty(window, "NewsWidget", {
      value: Object.freeze({ mount, version: "0.1.0" }),
      configurable: true,
      enumerable: false,
      writable: false,
    });
  } else {
    console.warn("news-widget: window.NewsWidget is already taken by the page, so the JS API is not installed; <news-widget> and [data-news-widget] still work");
  }
  try {
    if (!customElements.get("news-widget")) customElements.define("news-widget", NewsWidgetElement);
  } catch (error) {
    // A page whose registry refuses the name: placeholders and the JS API still work.
    console.warn("news-widget: cannot define <news-widget>:", error);
  }
  observePage();
  // Printing shows the whole page: widgets still waiting to come near start loading (the
  // head stylesheet prints those not rendered yet as nothing rather than a grey box).
  window.addEventListener("beforeprint", () => {
    for (const instance of live) if (instance.stopWaiting) instance.stopWaiting();
  });
}
