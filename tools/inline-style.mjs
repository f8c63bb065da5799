// Trunk post-build step (before the page's CSP is stamped with the style's
// hash): the style sheet goes inline, so the first paint needs nothing but
// the page. As a file it was one more request before the first paint: a
// round trip and its download on a slow connection, shared with the wasm's.
// Throttled for real (bench/first-visit.mjs, 4 visits each in turns), the
// largest paint came 0.1–0.3 s sooner and the first button as before;
// Lighthouse's first paint 0.92–0.97 → 0.84–0.85 s (the counter 0.80–0.85).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const stage = process.argv[2];
const file = join(stage, "index.html");
const html = readFileSync(file, "utf8");
const link = html.match(/<link rel="stylesheet" href="\/([^"]+\.css)"[^>]*\/?>/);
if (!link) throw new Error("inline-style: Trunk's style sheet link not found");
const css = readFileSync(join(stage, link[1]), "utf8");
if (css.includes("</style")) throw new Error("inline-style: the style sheet cannot go inline");
writeFileSync(file, html.replace(link[0], () => `<style>${css}</style>`));
rmSync(join(stage, link[1]));
console.log(`inline-style: ${link[1]} inline (${css.length} bytes)`);
