// Test-only helper (never shipped): records the widget's host events, uncaught errors
// and unhandled rejections so end-to-end tests can read them. Include it in <head>,
// before news-widget.js, as a classic script.
window.__events = [];
window.__pageErrors = [];
for (const type of [
  "news-widget:ready",
  "news-widget:error",
  "news-widget:rated",
  "news-widget:recommendation-click",
]) {
  document.addEventListener(type, (event) => {
    const target = event.target;
    let detail = null;
    try {
      detail = JSON.parse(JSON.stringify(event.detail ?? null));
    } catch (error) {
      detail = { unserializable: String(error) };
    }
    window.__events.push({
      type,
      target: target && (target.id || target.localName) || null,
      detail,
      bubbles: event.bubbles,
      composed: event.composed,
    });
  });
}
window.addEventListener("error", (event) => {
  window.__pageErrors.push(String(event.message || event.error || "error event"));
});
window.addEventListener("unhandledrejection", (event) => {
  window.__pageErrors.push("unhandled rejection: " + String(event.reason));
});
