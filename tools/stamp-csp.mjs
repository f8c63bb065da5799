// Trunk post-build step (from stamp-sw.sh): the Content-Security-Policy of
// the built index.html. Trunk's inline bootstrap script is allowed by its
// hash (it changes with every build's file names), nothing else inline.
// The office server's address is only known where the app is deployed:
// OASIS_CONNECT_SRC (space-separated origins) adds it to connect-src.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const html = readFileSync(file, "utf8");
const scripts = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length !== 1) throw new Error(`stamp-csp: expected Trunk's one inline script, found ${scripts.length}`);
const hash = createHash("sha256").update(scripts[0]).digest("base64");
const offices = process.env.OASIS_CONNECT_SRC ?? "http://127.0.0.1:* http://localhost:*";
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'`,
  "style-src 'self'",
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
console.log(`stamp-csp: script-src sha256-${hash}; connect-src 'self' ${offices}`);
