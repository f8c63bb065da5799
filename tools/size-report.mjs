// Size report of a release build: each wasm, JS and CSS file raw, gzip -9
// and brotli -11, and the total a first visit transfers (brotli).
// Usage: node tools/size-report.mjs [dist]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2] || "dist";
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const rows = readdirSync(dir)
  .filter((f) => /\.(wasm|js|css)$/.test(f))
  .map((f) => {
    const raw = readFileSync(join(dir, f));
    return {
      file: f,
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  })
  .sort((a, b) => b.brotli - a.brotli);

console.log("file".padEnd(44) + "raw".padStart(11) + "gzip".padStart(11) + "brotli".padStart(11));
for (const r of rows) console.log(r.file.padEnd(44) + kb(r.raw) + kb(r.gzip) + kb(r.brotli));
const total = (k) => rows.reduce((sum, r) => sum + r[k], 0);
console.log("total".padEnd(44) + kb(total("raw")) + kb(total("gzip")) + kb(total("brotli")));
