#!/usr/bin/env node
// Size ratchet (`make size`, part of `make test` after `make dist`). Sizes are deterministic,
// unlike times: the brotli -q 11 total of what a host page loads (loader JS, runtime JS,
// wasm, head CSS) is recorded in bench/size-budget.json. This check fails when dist/ is
// more than 2% above the record, and says to lower the record when dist/ is smaller.
//
//   node bench/size-check.mjs [dist]            check
//   node bench/size-check.mjs [dist] --update   write the current sizes as the new record
//
// No npm dependencies: Node's standard library and the `brotli` CLI (Debian's `brotli`,
// installed by scripts/ensure-tools.sh), the same tool `make bench` measures with.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const RECORD = path.join(BENCH, "size-budget.json");
const FILES = ["news-widget.js", "news-widget-runtime.js", "news-widget-runtime_bg.wasm", "news-widget.css"];
const TOLERANCE = 0.02;

const args = process.argv.slice(2);
const update = args.includes("--update");
const dist = path.resolve(args.find((a) => !a.startsWith("--")) || path.join(BENCH, "..", "dist"));

function brotli(file) {
  try {
    return execFileSync("brotli", ["-q", "11", "-c", file], { maxBuffer: 64 * 2 ** 20 }).length;
  } catch (error) {
    if (error.code === "ENOENT") fail("the `brotli` command is missing (apt-get install -y brotli; scripts/ensure-tools.sh installs it)");
    throw error;
  }
}
function fail(message) {
  console.error(`size: FAIL: ${message}`);
  process.exit(1);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const files = {};
for (const name of FILES) {
  const file = path.join(dist, name);
  if (!fs.existsSync(file)) fail(`${file} is missing: run \`make dist\` first`);
  files[name] = { raw: fs.statSync(file).size, brotli: brotli(file) };
}
const total = Object.values(files).reduce((sum, f) => sum + f.brotli, 0);
const summary = FILES.map((name) => `${name} ${files[name].brotli}`).join(", ");

if (update) {
  const record = {
    brotli_total_bytes: total,
    recorded: new Date().toISOString().slice(0, 10),
    what: "brotli -q 11 bytes of news-widget.js + news-widget-runtime.js + news-widget-runtime_bg.wasm + news-widget.css (release build, `make dist`)",
    tolerance: `${TOLERANCE * 100}%: bench/size-check.mjs (make size, part of make test) fails above brotli_total_bytes * ${1 + TOLERANCE}`,
    goal_brotli_bytes: 75 * 1024,
    files,
  };
  fs.writeFileSync(RECORD, JSON.stringify(record, null, 2) + "\n");
  console.log(`size: recorded ${total} B (${kb(total)}) brotli in ${path.relative(process.cwd(), RECORD)}: ${summary}`);
  process.exit(0);
}

let record;
try {
  record = JSON.parse(fs.readFileSync(RECORD, "utf8"));
} catch (error) {
  fail(`cannot read ${RECORD} (${error.message}); create it with \`node bench/size-check.mjs --update\``);
}
const limit = Math.floor(record.brotli_total_bytes * (1 + TOLERANCE));
const change = ((total - record.brotli_total_bytes) / record.brotli_total_bytes) * 100;
const line = `brotli total ${total} B (${kb(total)}), record ${record.brotli_total_bytes} B of ${record.recorded}, `
  + `${change >= 0 ? "+" : ""}${change.toFixed(2)}%, limit ${limit} B; ${summary}`;
if (total > limit) {
  const grown = Object.entries(files)
    .map(([name, f]) => [name, f.brotli - (record.files?.[name]?.brotli ?? 0)])
    .filter(([, delta]) => delta > 0)
    .map(([name, delta]) => `${name} +${delta} B`).join(", ");
  fail(`${line}\nThe bundle grew more than ${TOLERANCE * 100}% past the record (${grown}). Make it smaller `
    + `(twiggy top, see README "Benchmark"), or if the growth is worth it, raise the record on purpose: `
    + `node bench/size-check.mjs --update && git add bench/size-budget.json`);
}
console.log(`size: ok: ${line}`);
if (total < record.brotli_total_bytes) {
  console.log(`size: the bundle is ${record.brotli_total_bytes - total} B smaller than the record: lower the record so it `
    + `keeps what was won: node bench/size-check.mjs --update && git add bench/size-budget.json`);
}
