// Lighthouse against the served app, installed with npm on first use into
// .tools/lighthouse (kept out of the test dependencies: it is large).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, readFileSync } from "node:fs";

const DIR = ".tools/lighthouse";
const BIN = `${DIR}/node_modules/.bin/lighthouse`;

/** `throttling`: "simulate" (Lighthouse's default: a load on the fast local
 *  network, replayed through its model of a slow phone) or "devtools" (the
 *  page loaded on a throttled connection and CPU, and timed as it was). */
export async function lighthouse(url, throttling = "simulate") {
  if (!existsSync(BIN)) {
    console.log("installing lighthouse@13 into .tools/lighthouse (first use)");
    execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", "--prefix", DIR, "lighthouse@13"], { stdio: "inherit" });
  }
  const out = `${DIR}/report.json`;
  // Asynchronous: the app's server runs in this very process, and a
  // synchronous child would block it (Lighthouse then waits forever).
  await promisify(execFile)(
    BIN,
    [
      url,
      "--quiet",
      "--only-categories=performance,accessibility,best-practices",
      "--form-factor=mobile",
      `--throttling-method=${throttling}`,
      "--output=json",
      `--output-path=${out}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ],
    // A run takes ~30 s here; one that hangs should fail, not wait forever.
    { timeout: 180_000, env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || "/usr/bin/chromium" } },
  );
  const report = JSON.parse(readFileSync(out, "utf8"));
  return {
    score: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    lcp: report.audits["largest-contentful-paint"].numericValue,
    fcp: report.audits["first-contentful-paint"].numericValue,
    tbt: report.audits["total-blocking-time"].numericValue,
  };
}
