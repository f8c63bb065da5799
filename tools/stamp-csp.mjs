// Trunk post-build step (from stamp-sw.sh): the Content-Security-Policy of
// the built index.html. Its inline scripts, the splash's chooser in the
// head and Trunk's bootstrap (which changes with every build's file names),
// and its style sheet (inline: tools/inline-style.mjs) are allowed by their
// hashes; nothing else inline.
// The office server's address is only known where the app is deployed:
// OASIS_CONNECT_SRC (space-separated origins) adds it to connect-src.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const html = readFileSync(file, "utf8");
// (Every inline script: `trunk serve` adds its autoreload's.)
const scripts = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
for (const [name, mark] of [["the splash's", "data-first-visit"], ["Trunk's bootstrap", "import init"]]) {
  if (!scripts.some((script) => script.includes(mark))) throw new Error(`stamp-csp: ${name} inline script not found`);
}
const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
if (styles.length === 0) throw new Error("stamp-csp: the inline style sheet not found");
const hash = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const hashes = scripts.map(hash);
const offices = process.env.OASIS_CONNECT_SRC ?? "http://127.0.0.1:* http://localhost:*";
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
  `style-src 'self' ${styles.map(hash).join(" ")}`,
  "img-src 'self' data: blob:",
  `connect-src 'self' ${offices}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");
if (!html.includes("__OASIS_CSP__")) throw new Error("stamp-csp: no __OASIS_CSP__ placeholder in index.html");
writeFileSync(file, html.replace("__OASIS_CSP__", policy));
console.log(`stamp-csp: script-src ${hashes.join(" ")}; ${styles.length} inline style; connect-src 'self' ${offices}`);
