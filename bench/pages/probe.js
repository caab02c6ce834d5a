// The bench probe: a blocking classic script at the top of the bench host page. It records,
// in window.__bench, when the widget's (or the baseline's) pieces are first painted, every
// long task and every layout shift. Both implementations render into an open shadow root
// with the same class names, so the same probe measures both.
//
// "Painted" = the first callback after the rendering step of the frame that contains the
// element: requestAnimationFrame (runs before that frame's style/layout/paint) followed by a
// user-blocking scheduler.postTask task (queued from rAF, it runs after the frame is
// produced, ahead of normal-priority tasks queued earlier); a MessageChannel message where
// postTask is missing.
(() => {
  "use strict";
  const bench = (window.__bench = { marks: {}, longTasks: [], shifts: [], cls: 0, roots: [] });

  function afterPaint(callback) {
    requestAnimationFrame(() => {
      // A user-blocking task runs before tasks already queued at normal priority (a
      // framework's own continuation, timers), so it marks the frame, not the next task.
      if (window.scheduler && typeof window.scheduler.postTask === "function") {
        window.scheduler.postTask(() => callback(performance.now()), { priority: "user-blocking" });
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(null);
    });
  }
  bench.afterPaint = afterPaint;

  function describe(node) {
    if (!node) return "(removed)";
    const inShadow = node.getRootNode && node.getRootNode() instanceof ShadowRoot ? "shadow:" : "";
    if (node.nodeType !== 1) return inShadow + node.nodeName;
    const classes = typeof node.className === "string" && node.className ? "." + node.className.trim().split(/\s+/).join(".") : "";
    return inShadow + node.localName + classes;
  }

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (_) { bench.noLongTasks = true; }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        bench.cls += entry.value;
        bench.shifts.push({
          start: entry.startTime,
          value: entry.value,
          // What moved: element (with "shadow:" when inside the widget), old and new top/height.
          sources: (entry.sources || []).map((source) => ({
            node: describe(source.node),
            from: [Math.round(source.previousRect.y), Math.round(source.previousRect.height)],
            to: [Math.round(source.currentRect.y), Math.round(source.currentRect.height)],
          })),
        });
      }
    }).observe({ type: "layout-shift", buffered: true });
  } catch (_) { bench.noLayoutShift = true; }

  // First appearance of each piece in a shadow root: DOM time, then paint time.
  const WATCH = {
    skeleton: ".nw-skeleton",
    headline: "h2.nw-headline",
    cards: ".nw-card .nw-card-title",
    rating: "button.nw-rating-button",
  };
  function check(root) {
    for (const name in WATCH) {
      if (bench.marks[name + "Dom"] === undefined && root.querySelector(WATCH[name])) {
        bench.marks[name + "Dom"] = performance.now();
        afterPaint((t) => { bench.marks[name] = t; });
      }
    }
  }
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    bench.roots.push(root);
    new MutationObserver(() => check(root)).observe(root, { childList: true, subtree: true });
    return root;
  };
  document.addEventListener("news-widget:ready", () => {
    if (bench.marks.ready === undefined) bench.marks.ready = performance.now();
  }, true);

  // Time from a click to the frame that shows its result. `changed()` is polled on every
  // DOM change of the shadow root (attributes included) until it returns true.
  bench.timeClick = (button, changed, timeoutMs = 20000) => new Promise((resolve, reject) => {
    const root = button.getRootNode();
    let start = 0;
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error("no change after click")); }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (!changed()) return;
      observer.disconnect();
      clearTimeout(timer);
      const dom = performance.now() - start;
      afterPaint((t) => resolve({ dom, painted: t - start }));
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    start = performance.now();
    button.click();
  });

  bench.nodeCount = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let count = 0;
    while (walker.nextNode()) count += 1;
    return count;
  };
})();
