// Test-only helper (never shipped): makes the widget runtime's wasm arrive late, as from a
// slow CDN, so the article answers are complete long before the runtime can render. Also
// records every widget whose shadow root ever showed the article skeleton.
// Include it in <head>, before news-widget.js, as a classic script.
(() => {
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(input instanceof Request ? input.url : input);
    if (!new URL(url, location.href).pathname.endsWith(".wasm")) return realFetch.call(this, input, init);
    return new Promise((resolve) => setTimeout(resolve, 600)).then(() => realFetch.call(this, input, init));
  };
  window.__skeletonSeen = [];
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    const host = this;
    new MutationObserver(() => {
      if (root.querySelector(".nw-skeleton") && !window.__skeletonSeen.includes(host.id)) {
        window.__skeletonSeen.push(host.id);
      }
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
})();
