// A/B of two builds of the bundle on the bench's article page, interleaved run by run, so
// that machine noise hits both alike (a lever worth ~20 ms drowns in the run-to-run noise
// of two separate `make bench` runs). Prints the median time from the script start to the
// headline and to the first carousel cards painted, at CPU 1x and 4x, and the median of the
// run-by-run differences.
//
//   cp -r dist /tmp/before   # ...change something, make dist...
//   node bench/ab.mjs /tmp/before dist [runs, default 15]
//
// Needs what bench/run.sh installs (playwright-core in bench/node_modules, the server
// built with `cargo build --profile server -p news-widget-server`).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const SERVER_BIN = path.join(ROOT, "target", "server", "news-widget-server");
const [dirA, dirB] = process.argv.slice(2, 4);
const RUNS = Math.max(1, Number(process.argv[4] || 15));
if (!dirA || !dirB) {
  console.error("usage: node bench/ab.mjs DIST_A DIST_B [runs]");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "news-widget-ab-"));
const staticDir = path.join(tmp, "static");
const template = fs.readFileSync(path.join(BENCH, "pages", "host.html"), "utf8");
for (const [name, dir] of [["a", dirA], ["b", dirB]]) {
  const target = path.join(staticDir, name);
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(dir)) {
    if (fs.statSync(path.join(dir, file)).isFile()) fs.copyFileSync(path.join(dir, file), path.join(target, file));
  }
  for (const file of ["probe.js", "host.css"]) fs.copyFileSync(path.join(BENCH, "pages", file), path.join(target, file));
  fs.writeFileSync(path.join(target, "page.html"), template.replaceAll("%TITLE%", `ab: ${name}`)
    .replaceAll("%ARTICLE%", "lakeport-ferry-batteries").replaceAll("%PARTS%", "article,rating,recommendations")
    .replaceAll("%SCRIPT%", "news-widget.js"));
}

const server = spawn(SERVER_BIN, ["--addr", "127.0.0.1:0", "--db", path.join(tmp, "ab.sqlite3"), "--static-dir", staticDir,
  "--rate-limit-per-voter", "0", "--rate-limit-per-ip", "0"], { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, RUST_LOG: "warn" } });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk;
    const match = out.match(/listening on (http:\/\/\S+)/);
    if (match) resolve(match[1].replace(/\/$/, ""));
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});

const browser = await chromium.launch({ executablePath: process.env.BENCH_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
const results = {};
try {
  for (let i = 0; i < RUNS; i += 1) {
    for (const throttle of [1, 4]) {
      for (const variant of i % 2 ? ["a", "b"] : ["b", "a"]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
        await page.goto(`${base}/${variant}/page.html`, { waitUntil: "load" });
        const times = await page.evaluate(() => new Promise((resolve) => {
          const check = () => {
            const marks = window.__bench.marks;
            if (marks.headline === undefined || marks.cards === undefined) return setTimeout(check, 50);
            const start = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/news-widget.js")).startTime;
            resolve([marks.headline - start, marks.cards - start]);
          };
          check();
        }));
        (results[`${throttle}x`] ||= { a: [], b: [] })[variant].push(times);
        await context.close();
      }
    }
    process.stderr.write(`ab: run ${i + 1}/${RUNS}\n`);
  }
} finally {
  await browser.close();
  server.kill();
}

const median = (xs) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`A = ${dirA}\nB = ${dirB}\nmedian of ${RUNS} interleaved runs (ms from the script start)`);
for (const [throttle, { a, b }] of Object.entries(results)) {
  for (const [label, index] of [["headline", 0], ["cards", 1]]) {
    const ma = median(a.map((t) => t[index]));
    const mb = median(b.map((t) => t[index]));
    // Runs i of A and B were loaded back to back, so their difference shares the machine's
    // state: its median is steadier than the difference of the medians.
    const paired = a.map((t, i) => b[i][index] - t[index]);
    const faster = paired.filter((d) => d < 0).length;
    console.log(`CPU ${throttle}  ${label.padEnd(8)}  A ${ma.toFixed(0).padStart(4)}  B ${mb.toFixed(0).padStart(4)}  B-A ${(mb - ma).toFixed(0).padStart(4)}`
      + `  paired B-A ${median(paired).toFixed(0).padStart(4)} (B faster in ${faster}/${paired.length})`);
  }
}
