// `make bench` (through bench/run.sh): sizes, headless-Chromium timings, carousel scaling,
// rating latency and server load for the release bundle in dist/, side by side with the
// plain-DOM baseline in bench/baseline/. Prints tables, writes bench/results/latest.json
// (and latest.md, the tables the README's "Benchmark" section quotes).
//
// Options (flags or environment): --runs N / BENCH_RUNS (default 9, the median of N runs),
// --only sizes,load,carousel,server / BENCH_ONLY (default: everything),
// --server-seconds S / BENCH_SERVER_SECONDS (default 5 per wrk run).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const DIST = path.join(ROOT, "dist");
const RESULTS = path.join(BENCH, "results");
const SERVER_BIN = path.join(ROOT, "target", "server", "news-widget-server");
const CHROMIUM = process.env.BENCH_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const LOADED_FILES = ["news-widget.js", "news-widget-runtime.js", "news-widget-runtime_bg.wasm", "news-widget.css"];
const DEMO_ARTICLE = "lakeport-ferry-batteries";
const SCALES = [10, 100, 1000, 10000];
const THROTTLES = [1, 4];
const ADVANCE_CLICKS = 8;
const VIEWPORT = { width: 1280, height: 900 };

function option(name, env, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0 && process.argv[at + 1] !== undefined) return process.argv[at + 1];
  return process.env[env] || fallback;
}
const RUNS = Math.max(1, Number(option("runs", "BENCH_RUNS", "9")));
const ONLY = new Set(option("only", "BENCH_ONLY", "sizes,load,carousel,server").split(","));
const SERVER_SECONDS = Math.max(1, Number(option("server-seconds", "BENCH_SERVER_SECONDS", "5")));

// ---------------------------------------------------------------------------------------
// statistics and formatting

function stats(values) {
  const xs = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs[xs.length - 1], n: xs.length };
}
const round = (v, digits = 1) => (v == null ? null : Number(v.toFixed(digits)));
const kb = (bytes) => (bytes / 1024).toFixed(1);
function fmtStat(s, unit = "", digits = 0) {
  if (!s) return "n/a";
  const f = (v) => v.toFixed(digits);
  return `${f(s.median)}${unit} [${f(s.min)}–${f(s.max)}]`;
}
function ratio(a, b) {
  if (!a || !b || !b.median) return null;
  return a.median / b.median;
}
// Run i of the widget and run i of the baseline were loaded back to back (see `repeat`):
// the stats of their ratios, run by run, which share each pair's machine state.
function pairedRatio(w, b, key) {
  const ws = w?.raw || [], bs = b?.raw || [];
  const ratios = [];
  for (let i = 0; i < Math.min(ws.length, bs.length); i += 1) {
    const x = ws[i], y = bs[i];
    if (!x.failed && !y.failed && x[key] > 0 && y[key] > 0) ratios.push(x[key] / y[key]);
  }
  return stats(ratios);
}
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
function markdown(headers, rows) {
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}
const printed = [];
const md = [];
function section(title, headers, rows, note) {
  const text = `\n== ${title} ==\n${table(headers, rows)}${note ? `\n${note}` : ""}`;
  console.log(text);
  printed.push(text);
  md.push(`**${title}**${note ? ` (${note})` : ""}\n\n${markdown(headers, rows)}\n`);
}
function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

// ---------------------------------------------------------------------------------------
// machine

function machine(chromiumVersion) {
  const cpu = (fs.readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1] || os.cpus()[0]?.model;
  let rev = "unknown";
  try {
    rev = execFileSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", ROOT, "status", "--porcelain", "--", "src", "loader", "styles", "Cargo.toml", "index.html"], { encoding: "utf8" }).trim();
    if (dirty) rev += "+dirty";
  } catch (_) { /* not a git checkout */ }
  return {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu,
    memory_gib: round(os.totalmem() / 2 ** 30, 1),
    loadavg_at_start: os.loadavg().map((v) => round(v, 2)),
    chromium: chromiumVersion,
    node: process.version,
    git: rev,
  };
}

// ---------------------------------------------------------------------------------------
// sizes (gzip -9 and brotli -q 11 through the command-line tools, like a CDN would)

function compressed(tool, args, file) {
  return execFileSync(tool, [...args, "-c", file], { maxBuffer: 64 * 2 ** 20 }).length;
}
function sizes() {
  const files = LOADED_FILES.map((name) => {
    const file = path.join(DIST, name);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`make dist\` first`);
    return {
      file: name,
      raw: fs.statSync(file).size,
      gzip: compressed("gzip", ["-9", "-n"], file),
      brotli: compressed("brotli", ["-q", "11"], file),
    };
  });
  const total = { file: "total", raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ["raw", "gzip", "brotli"]) total[k] += f[k];
  let budget = null;
  try { budget = JSON.parse(fs.readFileSync(path.join(BENCH, "size-budget.json"), "utf8")); } catch (_) { /* none */ }
  return { files, total, budget_brotli_bytes: budget?.brotli_total_bytes ?? null, goal_brotli_bytes: 75 * 1024 };
}

// ---------------------------------------------------------------------------------------
// the server and the static folder it serves (dist/ + bench pages)

function prepareStatic(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(DIST, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith(".")) fs.copyFileSync(path.join(DIST, entry.name), path.join(dir, entry.name));
  }
  for (const file of ["pages/probe.js", "pages/host.css", "baseline/baseline.js"]) {
    fs.copyFileSync(path.join(BENCH, file), path.join(dir, path.basename(file)));
  }
  const template = fs.readFileSync(path.join(BENCH, "pages", "host.html"), "utf8");
  const page = (name, title, article, parts, script) => {
    const html = template.replaceAll("%TITLE%", title).replaceAll("%ARTICLE%", article)
      .replaceAll("%PARTS%", parts).replaceAll("%SCRIPT%", script);
    fs.writeFileSync(path.join(dir, name), html);
  };
  for (const [impl, script] of [["widget", "news-widget.js"], ["baseline", "baseline.js"]]) {
    page(`${impl}-article.html`, `bench: ${impl}, article`, DEMO_ARTICLE, "article,rating,recommendations", script);
    for (const n of SCALES) {
      page(`${impl}-carousel-${n}.html`, `bench: ${impl}, ${n} recommendations`, `synthetic-${n}`, "recommendations", script);
    }
  }
}

async function startServer(tmp) {
  if (!fs.existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing (bench/run.sh builds it)`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NEWS_WIDGET_")));
  // Request logs at info would make the load test measure the terminal; warnings only.
  env.RUST_LOG = "warn";
  const logFile = fs.openSync(path.join(tmp, "server.log"), "a");
  const child = spawn(SERVER_BIN, [
    "--addr", "127.0.0.1:0", "--db", path.join(tmp, "bench.sqlite3"), "--static-dir", path.join(tmp, "static"),
    "--rate-limit-per-voter", "0", "--rate-limit-per-ip", "0", "--seed-synthetic", SCALES.join(","),
  ], { env, stdio: ["ignore", "pipe", logFile] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s; see ${tmp}/server.log`)), 60000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) { clearTimeout(timer); resolve(match[1].replace(/\/$/, "")); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}; see ${tmp}/server.log`)); });
  });
  child.stdout.resume();
  return { child, url };
}

// ---------------------------------------------------------------------------------------
// browser runs

async function openPage(browser, url, throttle) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 }); // fresh cache each run
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url, { waitUntil: "load", timeout: 120000 });
  return { context, page, cdp, errors };
}

// Polls inside the page with a plain evaluate: playwright's waitForFunction would inject
// its large selector engine into the page while the widget is still loading, and that
// script's evaluation lands on the main thread in the middle of the measured window.
async function waitMarks(page, names, timeout = 120000) {
  await page.evaluate(({ wanted, limit }) => new Promise((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      if (wanted.every((n) => window.__bench.marks[n] !== undefined)) resolve();
      else if (performance.now() - started > limit) reject(new Error(`no ${wanted.join(", ")} mark after ${limit} ms`));
      else setTimeout(check, 50);
    };
    check();
  }), { wanted: names, limit: timeout });
}

// Time of the first request for the script tag's file (the "script start").
const scriptStart = (page, script) => page.evaluate((name) => {
  const entry = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === `/${name}`);
  return entry ? entry.startTime : null;
}, script);

async function memory(page, cdp, impl) {
  await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
  const heap = await cdp.send("Runtime.getHeapUsage");
  // The glue module is the loader's own instance (the same URL, ?v= included); its init returns the wasm
  // exports once loaded, and with them the linear memory.
  const wasm = impl === "widget" ? await page.evaluate(async () => {
    try {
      const url = performance.getEntriesByType("resource").map((e) => e.name)
        .find((name) => new URL(name).pathname === "/news-widget-runtime.js");
      const glue = await import(url);
      const exports = await glue.default();
      return exports.memory.buffer.byteLength;
    } catch (_) { return null; }
  }) : 0;
  return { jsHeapUsed: heap.usedSize, wasmMemory: wasm };
}

async function articleRun(browser, base, impl, throttle) {
  const script = impl === "widget" ? "news-widget.js" : "baseline.js";
  const { context, page, cdp, errors } = await openPage(browser, `${base}/${impl}-article.html`, throttle);
  try {
    await waitMarks(page, ["headline", "cards", "rating"]);
    await page.waitForTimeout(1000 * Math.min(throttle, 2)); // late shifts and long tasks
    const start = await scriptStart(page, script);
    const probe = await page.evaluate(() => ({ marks: window.__bench.marks, longTasks: window.__bench.longTasks,
      cls: window.__bench.cls, shifts: window.__bench.shifts }));
    // Where the time goes: every request of the page, relative to the script start.
    const waterfall = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => {
      const url = new URL(e.name);
      return { path: url.pathname + url.search.replace(/voter=[^&]*/, "voter=…").replace(/^\?v=[^&]*$/, ""), start: e.startTime, end: e.responseEnd };
    }));
    const mem = await memory(page, cdp, impl);
    const click = await page.evaluate(() => {
      const root = window.__bench.roots[0];
      const find = () => root.querySelector("button.nw-rating-button");
      const before = find().getAttribute("aria-label");
      return window.__bench.timeClick(find(), () => {
        const now = find();
        return !!now && now.getAttribute("aria-label") !== before && now.getAttribute("aria-pressed") === "true";
      });
    });
    const m = probe.marks;
    return {
      scriptStart: start,
      headline: m.headline - start,
      cards: m.cards - start,
      rating: m.rating - start,
      ready: m.ready != null ? m.ready - start : null,
      headlineFromNavigation: m.headline,
      longTaskCount: probe.longTasks.length,
      longTaskTotal: probe.longTasks.reduce((sum, t) => sum + t.duration, 0),
      cls: probe.cls,
      shifts: probe.shifts.map((shift) => ({ ...shift, start: shift.start - start })),
      jsHeapUsed: mem.jsHeapUsed,
      wasmMemory: mem.wasmMemory,
      memoryTotal: mem.jsHeapUsed + (mem.wasmMemory || 0),
      ratingClick: click.painted,
      waterfall: waterfall.filter((w) => w.start >= start).map((w) => ({ path: w.path, start: w.start - start, end: w.end - start })),
      errors,
    };
  } finally {
    await context.close();
  }
}

async function carouselRun(browser, base, impl, throttle, n) {
  const script = impl === "widget" ? "news-widget.js" : "baseline.js";
  const { context, page, errors } = await openPage(browser, `${base}/${impl}-carousel-${n}.html`, throttle);
  try {
    await waitMarks(page, ["cards"]);
    await page.waitForTimeout(300);
    const start = await scriptStart(page, script);
    const result = await page.evaluate(async (clicks) => {
      const bench = window.__bench;
      const root = bench.roots[0];
      const nodesAfterLoad = bench.nodeCount(root);
      const firstCard = () => {
        const card = root.querySelector(".nw-card");
        if (!card || card.classList.contains("nw-card-loading")) return null;
        return card.querySelector(".nw-card-title")?.textContent ?? null;
      };
      const advances = [];
      for (let i = 0; i < clicks; i += 1) {
        const next = root.querySelector("button.nw-next");
        if (!next || next.getAttribute("aria-disabled") === "true") break;
        const before = firstCard();
        const t = await bench.timeClick(next, () => { const now = firstCard(); return now !== null && now !== before; });
        advances.push(t.painted);
        await new Promise((r) => setTimeout(r, 50));
      }
      return {
        cardsPainted: bench.marks.cards,
        nodesAfterLoad,
        nodesAfterAdvance: bench.nodeCount(root),
        advances,
        longTasks: bench.longTasks.length,
        total: root.querySelector(".nw-total")?.textContent ?? null,
      };
    }, ADVANCE_CLICKS);
    const mean = result.advances.length ? result.advances.reduce((a, b) => a + b, 0) / result.advances.length : null;
    return { render: result.cardsPainted - start, advanceMean: mean, advanceClicks: result.advances.length,
      nodesAfterLoad: result.nodesAfterLoad, nodesAfterAdvance: result.nodesAfterAdvance, total: result.total, errors };
  } finally {
    await context.close();
  }
}

// Repeats `run` RUNS times per (throttle, impl), interleaving widget and baseline so that
// machine noise hits both alike; returns per-metric stats.
async function repeat(label, run) {
  const raw = {};
  for (let i = 0; i < RUNS; i += 1) {
    for (const throttle of THROTTLES) {
      for (const impl of ["widget", "baseline"]) {
        const key = `${impl}@${throttle}x`;
        let result;
        try {
          result = await run(impl, throttle);
        } catch (error) {
          log(`${label} ${key} run ${i + 1} failed: ${error.message.split("\n")[0]}`);
          result = { failed: String(error.message.split("\n")[0]) };
        }
        (raw[key] ||= []).push(result);
      }
    }
    log(`${label}: run ${i + 1}/${RUNS} done`);
  }
  const summary = {};
  for (const [key, runs] of Object.entries(raw)) {
    const ok = runs.filter((r) => !r.failed);
    const metrics = {};
    for (const metric of Object.keys(ok[0] || {})) {
      if (typeof ok[0][metric] === "number" || ok[0][metric] === null) metrics[metric] = stats(ok.map((r) => r[metric]));
    }
    summary[key] = { runs: ok.length, failed: runs.length - ok.length, metrics,
      errors: [...new Set(ok.flatMap((r) => r.errors || []))], raw: runs };
  }
  return summary;
}

// ---------------------------------------------------------------------------------------
// server load (wrk on loopback, bounded in time)

function haveWrk() {
  try { execFileSync("wrk", ["--version"], { stdio: "ignore" }); return true; } catch (e) { return e.status === 1; }
}
function wrk(url, script, seconds, extraEnv = {}) {
  const args = ["-t1", "-c16", `-d${seconds}s`, "--timeout", "5s", "-s", script, url];
  const out = execFileSync("wrk", args, { encoding: "utf8", env: { ...process.env, ...extraEnv }, maxBuffer: 16 * 2 ** 20 });
  const line = out.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (!line) throw new Error(`wrk printed no report:\n${out}`);
  const r = JSON.parse(line.slice("BENCH_JSON ".length));
  return {
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    errors: r.errors,
    latency_ms: Object.fromEntries(Object.entries(r.latency_us).map(([k, v]) => [k, round(v / 1000, 3)])),
  };
}
function serverLoad(base) {
  if (!haveWrk()) return { skipped: "wrk is not installed (bench/run.sh installs it with apt-get)" };
  const report = path.join(BENCH, "wrk", "report.lua");
  const vote = path.join(BENCH, "wrk", "vote.lua");
  const env = { BENCH_WRK_REPORT: report };
  const routes = [
    ["static GET /news-widget.css (baseline)", `${base}/news-widget.css`, report],
    [`GET /api/v1/articles/${DEMO_ARTICLE}`, `${base}/api/v1/articles/${DEMO_ARTICLE}`, report],
    [`POST /api/v1/articles/${DEMO_ARTICLE}/rating`, `${base}/api/v1/articles/${DEMO_ARTICLE}/rating`, vote],
  ];
  const results = [];
  for (const [name, url, script] of routes) {
    wrk(url, script, 1, env); // warm-up, discarded
    log(`server: ${name}`);
    results.push({ route: name, ...wrk(url, script, SERVER_SECONDS, env) });
  }
  return { tool: "wrk -t1 -c16", seconds: SERVER_SECONDS, results };
}

// ---------------------------------------------------------------------------------------
// report

function reportSizes(s) {
  const rows = [...s.files, s.total].map((f) => [f.file, f.raw, f.gzip, f.brotli, kb(f.brotli)]);
  section("Transfer size of what a host page loads (bytes)", ["file", "raw", "gzip -9", "brotli -q 11", "brotli KB"], rows,
    `goal: ${kb(s.goal_brotli_bytes)} KB brotli in all; size record (bench/size-budget.json): ${s.budget_brotli_bytes ?? "none"} B`);
}

const LOAD_METRICS = [
  ["headline", "script start → headline painted", "ms", 0],
  ["cards", "script start → first carousel cards painted", "ms", 0],
  ["rating", "script start → rating button painted", "ms", 0],
  ["ready", "script start → news-widget:ready event", "ms", 0],
  ["longTaskCount", "long tasks (> 50 ms), count", "", 0],
  ["longTaskTotal", "long tasks, total duration", "ms", 0],
  ["cls", "cumulative layout shift", "", 4],
  ["jsHeapUsed", "JS heap used after load (after GC)", " KB", 0, 1 / 1024],
  ["wasmMemory", "wasm linear memory after load", " KB", 0, 1 / 1024],
  ["memoryTotal", "JS heap + wasm memory", " KB", 0, 1 / 1024],
  ["ratingClick", "rating click → updated count painted", "ms", 1],
];
function scaled(s, factor) {
  return s && factor ? { median: s.median * factor, min: s.min * factor, max: s.max * factor, n: s.n } : s;
}
function reportLoad(load) {
  for (const throttle of THROTTLES) {
    const w = load[`widget@${throttle}x`], b = load[`baseline@${throttle}x`];
    const rows = LOAD_METRICS.map(([key, label, unit, digits, factor]) => {
      const ws = scaled(w?.metrics[key], factor), bs = scaled(b?.metrics[key], factor);
      const r = ratio(ws, bs);
      return [label, fmtStat(ws, unit, digits), fmtStat(bs, unit, digits), r == null ? "–" : `${r.toFixed(2)}x`];
    });
    const headline = ratio(w?.metrics.headline, b?.metrics.headline);
    const paired = pairedRatio(w, b, "headline");
    const errors = [...(w?.errors || []), ...(b?.errors || [])];
    section(`Article page (${DEMO_ARTICLE}, all parts), CPU ${throttle}x, median [min–max] of ${RUNS}`,
      ["metric", "widget", "plain-DOM baseline", "ratio"], rows,
      `runs ok: widget ${w?.runs}/${RUNS}, baseline ${b?.runs}/${RUNS}; goal for the headline: ≤ 1.30x the baseline, `
      + `now ${headline == null ? "n/a" : `${headline.toFixed(2)}x`} (ratio of the medians; run by run `
      + `${paired ? `${fmtStat(paired, "x", 2)}` : "n/a"})${errors.length ? `; page errors: ${errors.join(" | ")}` : ""}`);
  }
}
// Median start/end of the requests that lead to the headline (widget and baseline).
function reportWaterfall(load) {
  const rows = [];
  for (const throttle of THROTTLES) {
    for (const impl of ["widget", "baseline"]) {
      const runs = (load[`${impl}@${throttle}x`]?.raw || []).filter((r) => !r.failed);
      const paths = [];
      const wanted = (p) => /^\/(news-widget|baseline|api\/)/.test(p) && !p.endsWith(".css");
      for (const r of runs) for (const w of r.waterfall || []) if (!paths.includes(w.path) && wanted(w.path)) paths.push(w.path);
      for (const p of paths) {
        const hits = runs.map((r) => (r.waterfall || []).find((w) => w.path === p)).filter(Boolean);
        const count = runs.length ? (runs.reduce((n, r) => n + (r.waterfall || []).filter((w) => w.path === p).length, 0) / runs.length) : 0;
        rows.push([`${impl} ${throttle}x`, count > 1 ? `${p} (×${round(count, 1)}, first)` : p,
          stats(hits.map((h) => h.start)).median.toFixed(0), stats(hits.map((h) => h.end)).median.toFixed(0)]);
      }
      rows.push([`${impl} ${throttle}x`, "(headline painted)", "", stats(runs.map((r) => r.headline))?.median.toFixed(0) ?? "n/a"]);
    }
  }
  section("Where the time goes: requests after the script start (median ms, relative to the script start)",
    ["page", "request", "start", "end"], rows);
}

function reportCarousel(carousel) {
  for (const throttle of THROTTLES) {
    const rows = [];
    for (const n of SCALES) {
      const w = carousel[n][`widget@${throttle}x`]?.metrics || {}, b = carousel[n][`baseline@${throttle}x`]?.metrics || {};
      rows.push([n, fmtStat(w.render, "ms"), fmtStat(b.render, "ms"), fmtStat(w.advanceMean, "ms", 1), fmtStat(b.advanceMean, "ms", 1),
        fmtStat(w.nodesAfterLoad), fmtStat(b.nodesAfterLoad), fmtStat(w.nodesAfterAdvance)]);
    }
    section(`Carousel scaling (synthetic-N, parts="recommendations"), CPU ${throttle}x, median [min–max] of ${RUNS}`,
      ["N", "render widget", "render baseline", "advance widget", "advance baseline", "nodes widget", "nodes baseline", "nodes widget after advancing"], rows,
      `render = script start → first cards painted; advance = click on Next → new cards painted, mean of up to ${ADVANCE_CLICKS} clicks per run; nodes = all nodes in the shadow root`);
  }
}
function reportServer(server) {
  if (server.skipped) {
    section("Server", ["note"], [[server.skipped]]);
    return;
  }
  const rows = server.results.map((r) => [r.route, Math.round(r.rps), r.latency_ms.p50, r.latency_ms.p90, r.latency_ms.p99, r.latency_ms.max,
    r.errors.status + r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout]);
  section(`Server on loopback (${server.tool}, ${server.seconds} s each, rate limits off, distinct voters)`,
    ["route", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"], rows);
}

// ---------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const result = { command: "make bench", started: started.toISOString(), runs: RUNS };
  if (ONLY.has("sizes")) {
    result.sizes = sizes();
    reportSizes(result.sizes);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "news-widget-bench-"));
  let server = null, browser = null;
  try {
    if (ONLY.has("load") || ONLY.has("carousel") || ONLY.has("server")) {
      prepareStatic(path.join(tmp, "static"));
      server = await startServer(tmp);
      log(`server on ${server.url}; static folder ${tmp}/static`);
    }
    if (ONLY.has("load") || ONLY.has("carousel")) {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      result.machine = machine(browser.version());
      if (ONLY.has("load")) {
        result.article = await repeat("article", (impl, throttle) => articleRun(browser, server.url, impl, throttle));
        reportLoad(result.article);
        reportWaterfall(result.article);
      }
      if (ONLY.has("carousel")) {
        result.carousel = {};
        for (const n of SCALES) {
          result.carousel[n] = await repeat(`carousel ${n}`, (impl, throttle) => carouselRun(browser, server.url, impl, throttle, n));
        }
        reportCarousel(result.carousel);
      }
      await browser.close();
      browser = null;
    } else {
      result.machine = machine(null);
    }
    if (ONLY.has("server")) {
      result.server = serverLoad(server.url);
      reportServer(result.server);
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      const exited = new Promise((resolve) => server.child.once("exit", resolve));
      server.child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
    }
  }
  result.seconds = round((Date.now() - started) / 1000, 0);
  const m = result.machine;
  const machineLine = `machine: ${m.nproc} cores (${m.cpu}), ${m.memory_gib} GiB, load average at start ${m.loadavg_at_start.join(" ")}; `
    + `${m.chromium ? `Chromium ${m.chromium}; ` : ""}Node ${m.node}; git ${m.git}; ${result.seconds} s`;
  console.log(`\n${machineLine}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(result, null, 2) + "\n");
  fs.writeFileSync(path.join(RESULTS, "latest.md"), `${md.join("\n")}\n${machineLine}\n`);
  fs.writeFileSync(path.join(RESULTS, "latest.txt"), `${printed.join("\n")}\n\n${machineLine}\n`);
  console.log(`bench: wrote ${path.relative(ROOT, path.join(RESULTS, "latest.json"))} (and latest.md, latest.txt)`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`bench: ${error.stack || error}`);
  process.exit(1);
});
