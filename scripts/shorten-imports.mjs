// Shortens the names the runtime's wasm imports from its wasm-bindgen glue, in both files.
//
// wasm-bindgen names every import after its Rust path plus a 16-hex-digit hash
// ("__wbg_setAttribute_4f1baf9a00be3c74") under the module "./news-widget-runtime_bg.js".
// Each name is written twice (the wasm import section and the glue's imports object) and
// the hashes do not compress: 181 imports cost 4.6 KB brotli in all. They are internal to the
// pair of files (nothing else links against them), so `make dist` renames them to "a",
// "b", ... and the module to "w". The same goes for the wasm exports only the glue uses
// (`wasm.__wbindgen_malloc`, the closure trampolines with 120-character names): the glue's
// own exports (mountWidget, ...) are what the loader calls, and they keep their names.
//
// Usage: node scripts/shorten-imports.mjs <glue.js> <module.wasm>
// Fails (exit 1) without writing anything when either file is not shaped as expected.
import { readFileSync, writeFileSync } from "node:fs";

const GLUE_MODULE = "./news-widget-runtime_bg.js";
const SHORT_MODULE = "w";

function fail(message) {
  console.error(`shorten-imports: ${message}`);
  process.exit(1);
}

// --- the wasm side: rewrite the import section (id 2), copy every other byte ---

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const name = (text) => [...leb(encoder.encode(text).length), ...encoder.encode(text)];

function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [decoder.decode(bytes.subarray(start, start + length)), start + length];
}

// Length in bytes of an import description (after the kind byte) starting at `at`.
function descEnd(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = readLeb(bytes, p);
    if (flags & 1) [, p] = readLeb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reftype, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: valtype, mutability
    case 4: return readLeb(bytes, at + 1)[1]; // tag: attribute, type index
    default: fail(`unknown import kind ${kind}`);
  }
}

// Short names in order of first use: "a".."z", "A".."Z", then two letters, and so on.
function shortName(index) {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let out = "";
  do {
    out = alphabet[index % alphabet.length] + out;
    index = Math.floor(index / alphabet.length) - 1;
  } while (index >= 0);
  return out;
}

// Exports the glue reaches as `wasm.NAME` and never by a quoted name.
function internalExports(bytes, glue) {
  const names = [];
  forEachSection(bytes, (id, start) => {
    if (id !== 7) return;
    let [count, p] = readLeb(bytes, start);
    while (count--) {
      let field;
      [field, p] = readName(bytes, p);
      p = readLeb(bytes, p + 1)[1];
      // Other bare mentions are the glue's own functions of the same name; a quoted one
      // could be a computed `wasm["NAME"]`, which would not be renamed: keep those.
      const quoted = glue.includes(`"${field}"`) || glue.includes(`'${field}'`);
      // Every `.NAME` must be `wasm.NAME`: another object's property of that name stays.
      const anyMember = glue.match(new RegExp(`\\.${escape(field)}(?![\\w$])`, "g"))?.length ?? 0;
      const uses = memberUses(glue, field);
      if (field !== "memory" && !quoted && uses > 0 && uses === anyMember) names.push(field);
    }
  });
  return new Map(names.map((field, i) => [field, shortName(i)]));
}

const escape = (text) => text.replace(/[$]/g, "\\$&");
// `wasm` is the glue's name for the instance's exports (trunk's minifier keeps it; if a
// minifier renamed it, nothing would match and every export would keep its name).
const memberPattern = (field) => new RegExp(`(?<=(?<![\\w$.])wasm\\.)${escape(field)}(?![\\w$])`, "g");
const memberUses = (glue, field) => glue.match(memberPattern(field))?.length ?? 0;

function forEachSection(bytes, visit) {
  let at = 8;
  while (at < bytes.length) {
    const [size, start] = readLeb(bytes, at + 1);
    visit(bytes[at], start, start + size, at);
    at = start + size;
  }
}

function rewriteWasm(bytes, exportNames) {
  if (decoder.decode(bytes.subarray(0, 4)) !== "\0asm") fail("not a wasm module");
  const out = [bytes.subarray(0, 8)];
  const renamed = new Map();
  forEachSection(bytes, (id, start, end, at) => {
    if (id !== 2 && id !== 7) {
      out.push(bytes.subarray(at, end));
      return;
    }
    let [count, p] = readLeb(bytes, start);
    const body = leb(count);
    while (count--) {
      let module, field;
      if (id === 2) [module, p] = readName(bytes, p);
      [field, p] = readName(bytes, p);
      const descStart = p;
      if (id === 7) {
        // export: kind, index
        p = readLeb(bytes, p + 1)[1];
        body.push(...name(exportNames.get(field) ?? field), ...bytes.subarray(descStart, p));
        continue;
      }
      // import: kind, then a description of that kind
      p = descEnd(bytes, bytes[p], p + 1);
      if (module === GLUE_MODULE) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        module = SHORT_MODULE;
        field = renamed.get(field);
      }
      body.push(...name(module), ...name(field), ...bytes.subarray(descStart, p));
    }
    if (p !== end) fail(`section ${id} has trailing bytes`);
    out.push(Uint8Array.from([id, ...leb(body.length), ...body]));
  });
  return [Buffer.concat(out), renamed];
}

// --- the glue side: the keys of the imports object ---

function rewriteGlue(source, renamed, exportNames) {
  const moduleKey = JSON.stringify(GLUE_MODULE);
  if (source.split(moduleKey).length !== 2) fail(`glue names ${moduleKey} other than once`);
  source = source.replace(moduleKey, SHORT_MODULE);
  for (const [long, short] of renamed) {
    // Every hashed name is a key of the imports object, written exactly once.
    const pattern = new RegExp(`(?<=[{,])"?${long}"?(?=:)`, "g");
    const hits = source.match(pattern)?.length ?? 0;
    if (hits !== 1) fail(`glue defines import ${long} ${hits} times, expected once`);
    if (source.split(long).length !== 2) fail(`glue mentions ${long} outside the imports object`);
    source = source.replace(pattern, short);
  }
  for (const [long, short] of exportNames) source = source.replace(memberPattern(long), short);
  return source;
}

const [gluePath, wasmPath] = process.argv.slice(2);
if (!gluePath || !wasmPath) fail("usage: shorten-imports.mjs <glue.js> <module.wasm>");
const originalGlue = readFileSync(gluePath, "utf8");
const originalWasm = readFileSync(wasmPath);
const exportNames = internalExports(originalWasm, originalGlue);
const [wasm, renamed] = rewriteWasm(originalWasm, exportNames);
if (renamed.size === 0) fail(`no imports from ${GLUE_MODULE}: already shortened?`);
const glue = rewriteGlue(originalGlue, renamed, exportNames);
writeFileSync(wasmPath, wasm);
writeFileSync(gluePath, glue);
console.log(
  `shorten-imports: ${renamed.size} imports and ${exportNames.size} glue-only exports renamed ` +
    `in ${gluePath} and ${wasmPath}`,
);
