// The plain-DOM baseline of `make bench`: what a careful hand-written embed costs. It reads
// the same placeholders ([data-news-widget]), fetches the same JSON and renders the same
// pieces with the same class names (so the bench measures both the same way) into an open
// shadow root: headline, breadcrumb, source, time, body, lead image, rating button
// (optimistic vote) and a carousel of the "related" list, 4 cards a page, Previous/Next.
// No i18n, no error states, no sanitizer, no retries: it is a floor, not a product.
const CSS = `:host{display:block;font:16px/1.5 system-ui,sans-serif;color:#1b1d21;background:#fff}
.nw-headline{font-size:1.6rem;line-height:1.2;margin:.3em 0}.nw-body p{margin:0 0 1em}
img{max-width:100%;height:auto}.nw-slides{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.nw-card-title{display:block;font-weight:600}button{font:inherit;padding:6px 14px}`;
const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
const getJson = (url, init) => fetch(url, init).then((r) => r.json());
const fmt = new Intl.NumberFormat("en");

function voterId() {
  let id = localStorage.getItem("nw-baseline-voter");
  if (!id) localStorage.setItem("nw-baseline-voter", (id = crypto.randomUUID().replaceAll("-", "")));
  return id;
}

function image(img) {
  const e = el("img");
  Object.assign(e, { src: img.url, alt: img.alt || "", width: img.width, height: img.height, loading: "lazy" });
  return e;
}

function article(a, endpoint) {
  const box = el("article", "nw-article");
  const crumbs = el("ol", "nw-breadcrumb");
  for (const s of a.section || []) crumbs.append(el("li", null, s));
  const time = el("time", null, new Date(a.published_at).toLocaleString("en"));
  time.dateTime = a.published_at;
  box.append(crumbs, el("span", "nw-source", a.source?.name), el("h2", "nw-headline", a.title),
    el("p", "nw-meta", (a.byline || "") + " "), ...(a.image ? [image(a.image)] : []));
  box.querySelector(".nw-meta").append(time);
  const body = el("div", "nw-body");
  for (const b of a.body) {
    if (b.type === "paragraph") body.append(el("p", null, b.text));
    else if (b.type === "heading") body.append(el("h3", null, b.text));
    else if (b.type === "quote") body.append(el("blockquote", null, b.text + (b.cite ? ` — ${b.cite}` : "")));
    else if (b.type === "image") body.append(image(b));
  }
  box.append(body);
  if (a.rating) box.append(rating(a, endpoint));
  return box;
}

function rating(a, endpoint) {
  let { label, count } = a.rating, voted = false;
  const button = el("button", "nw-rating-button");
  const paint = () => {
    button.textContent = `${label} ${fmt.format(count)}`;
    button.setAttribute("aria-label", `${label} ${fmt.format(count)}`);
    button.setAttribute("aria-pressed", String(voted));
  };
  button.onclick = async () => {
    voted = !voted;
    count += voted ? 1 : -1;
    paint();
    const r = await getJson(`${endpoint}/articles/${a.id}/rating`, {
      method: voted ? "POST" : "DELETE", headers: { "content-type": "application/json" },
      body: JSON.stringify({ voter: voterId() }),
    });
    ({ count, voted } = r);
    paint();
  };
  paint();
  return button;
}

function carousel(endpoint, id) {
  const box = el("section", "nw-carousel"), slides = el("div", "nw-slides"), total = el("span", "nw-total");
  const prev = el("button", "nw-previous", "‹"), next = el("button", "nw-next", "›");
  const cards = [];
  let cursor = null, known = 0, start = 0;
  const load = async () => {
    const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await getJson(`${endpoint}/articles/${id}/recommendations?list=related&limit=12${q}`);
    cards.push(...page.items);
    ({ next_cursor: cursor, total: known } = page);
  };
  const show = async (to) => {
    if (to + 4 > cards.length && cursor) await load();
    start = Math.max(0, Math.min(to, known - 1));
    slides.replaceChildren(...cards.slice(start, start + 4).map((c, i) => {
      const card = el("div", "nw-card"), link = el("a", "nw-card-link");
      link.href = c.url;
      if (c.image) link.append(image(c.image));
      link.append(el("span", "nw-card-title", c.title));
      card.setAttribute("aria-label", `${start + i + 1} of ${known}`);
      card.append(link, el("p", "nw-card-meta", c.source?.name));
      return card;
    }));
    total.textContent = `total ${fmt.format(known)}`;
    prev.setAttribute("aria-disabled", String(start === 0));
    next.setAttribute("aria-disabled", String(start + 4 >= known));
  };
  prev.onclick = () => show(start - 4);
  next.onclick = () => start + 4 < known && show(start + 4);
  box.append(slides, total, prev, next);
  load().then(() => show(0));
  return box;
}

for (const host of document.querySelectorAll("[data-news-widget]")) {
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet];
  const { endpoint, article: id } = host.dataset;
  const parts = (host.dataset.parts || "article,rating,recommendations").split(",");
  const shown = [];
  if (parts.includes("article")) {
    shown.push(getJson(`${endpoint}/articles/${id}`).then((a) => root.prepend(article(a, endpoint))));
  }
  if (parts.includes("recommendations")) root.append(carousel(endpoint, id));
  Promise.all(shown).then(() => host.dispatchEvent(new CustomEvent("news-widget:ready", { bubbles: true, composed: true })));
}
