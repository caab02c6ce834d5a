// Test-only helper (never shipped): a clock the test moves. Date.now() starts at the page's
// ?now=<RFC 3339 time>; timers of 10 s or more wait (for real) until the test calls
// window.__advanceClock(), which moves the clock to the earliest of them and runs it.
// Include it in <head>, before news-widget.js. Also counts DOMParser parses
// (window.__parses): the widget parses each html block with one.
(() => {
  window.__parses = 0;
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (...args) {
    window.__parses += 1;
    return parse.apply(this, args);
  };
  const start = new URLSearchParams(location.search).get("now");
  const realNow = Date.now.bind(Date);
  let offset = start ? Date.parse(start) - realNow() : 0;
  Date.now = () => realNow() + offset;
  const realSetTimeout = window.setTimeout;
  const realClearTimeout = window.clearTimeout;
  const waiting = new Map(); // id -> { handler, args, due }
  window.setTimeout = function (handler, delay, ...args) {
    if (typeof handler !== "function" || !(Number(delay) >= 10000)) {
      return realSetTimeout.call(window, handler, delay, ...args);
    }
    const id = realSetTimeout.call(window, () => { waiting.delete(id); handler(...args); }, delay);
    waiting.set(id, { handler, args, due: Date.now() + Number(delay) });
    return id;
  };
  window.clearTimeout = function (id) {
    waiting.delete(id);
    return realClearTimeout.call(window, id);
  };
  // Runs the earliest long timer now, with the clock moved to its time; false if none.
  window.__advanceClock = () => {
    let earliest = null;
    for (const entry of waiting) if (!earliest || entry[1].due < earliest[1].due) earliest = entry;
    if (!earliest) return false;
    const [id, { handler, args, due }] = earliest;
    waiting.delete(id);
    realClearTimeout.call(window, id);
    offset += Math.max(0, due - Date.now());
    handler(...args);
    return true;
  };
})();
