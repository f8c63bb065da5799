// Size report of a release build: each wasm, JS and CSS file and the page
// (which holds the style sheet and the bootstrap inline) raw, gzip -9 and
// brotli -11, and the total a first visit transfers (brotli).
// Usage: node tools/size-report.mjs [dist]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

/** Sizes of the app's code files and its page in `dir`, largest (brotli) first. */
export function measureSizes(dir) {
  return readdirSync(dir)
    .filter((f) => /\.(wasm|js|css)$/.test(f) || f === "index.html")
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
}

export const kb = (n) => (n / 1024).toFixed(1) + " KB";

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = measureSizes(process.argv[2] || "dist");
  const cell = (n) => kb(n).padStart(11);
  console.log("file".padEnd(44) + "raw".padStart(11) + "gzip".padStart(11) + "brotli".padStart(11));
  for (const r of rows) console.log(r.file.padEnd(44) + cell(r.raw) + cell(r.gzip) + cell(r.brotli));
  const total = (k) => rows.reduce((sum, r) => sum + r[k], 0);
  console.log("total".padEnd(44) + cell(total("raw")) + cell(total("gzip")) + cell(total("brotli")));
}
