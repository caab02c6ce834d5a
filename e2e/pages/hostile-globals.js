// Test-only: a host page that gets in the loader's way before it runs. Zone.js / Bluebird
// style replacement of window.Promise, and an app registry that refuses custom element
// names without its own prefix.
window.Promise = class ZoneLikePromise extends Promise {};
const define = customElements.define.bind(customElements);
customElements.define = (name, constructor, options) => {
  if (!name.startsWith("app-")) throw new DOMException(`${name}: only app- elements here`, "NotSupportedError");
  return define(name, constructor, options);
};
