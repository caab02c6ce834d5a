// Test-only helper: records the host page's own DOM and globals before news-widget.js
// is even requested (this classic script runs before the module tag that follows it is
// parsed), so tests can prove the widget left them untouched.
window.__hostSnapshot = {
  main: document.getElementById("host") ? document.getElementById("host").outerHTML : null,
  head: document.head.innerHTML,
  htmlAttributes: Array.from(document.documentElement.attributes, (a) => a.name + "=" + a.value),
  bodyAttributes: Array.from(document.body.attributes, (a) => a.name + "=" + a.value),
  title: document.title,
  styleSheets: document.styleSheets.length,
  adoptedStyleSheets: document.adoptedStyleSheets.length,
};
window.__globalsBefore = null;
window.__globalsBefore = Object.getOwnPropertyNames(window);
