// Numbers the page's tasks (a message loop: each message is a task of its own) and records,
// per widget host (.probe), the task in which its shadow root first got content.
(() => {
  window.__task = 0;
  window.__firstContent = {};
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    window.__task += 1;
    if (window.__task < 100000) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.classList.contains("probe")) {
      const host = this;
      new MutationObserver((records, observer) => {
        if (root.querySelector(".nw-root")) {
          window.__firstContent[host.id] = window.__task;
          observer.disconnect();
        }
      }).observe(root, { childList: true, subtree: true });
    }
    return root;
  };
})();
