// The long tasks of a first visit, and the app's functions that took their
// time: what Lighthouse's blocking time (TBT) is made of.
//
//   OASIS_WASM_NAMES=1 trunk build --release --dist /tmp/named
//   node bench/long-tasks.mjs /tmp/named "/?demo"
//
// The build keeps the functions' names (tools/split-wasm.sh); a shipped
// build has none, and every wasm frame reads `wasm-function[N]`. The page
// loads in a phone viewport with the CPU slowed four times (Lighthouse's
// mobile setting) while Chromium traces it with its sampling profiler. For
// each task over 50 ms the report gives the functions that ran longest in
// it (self time) and, for each sample, the innermost function of the app's
// own (`oasis::…`) on its stack. Tracing costs the page time of its own
// (starting a fetch takes several times longer traced), as it does under
// Lighthouse: compare builds, not absolute figures.
import { chromium } from "@playwright/test";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../tools/serve.mjs";

const [dir, path = "/"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node bench/long-tasks.mjs <dist folder> [path, e.g. /?demo]");
  process.exit(2);
}
const LONG_TASK_US = 50_000;
const TRACE = join(tmpdir(), `oasis-long-tasks-${process.pid}.json`);

const server = await startServer({ dir, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, serviceWorkers: "block" });
const page = await context.newPage();
await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: 4 });
await browser.startTracing(page, {
  path: TRACE,
  // (navigationStart, the time origin, is a user-timing event.)
  categories: ["blink.user_timing", "devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-v8.cpu_profiler"],
});
await page.goto(server.url + path);
// Long enough for the demo office to be generated, stored and shown.
await page.waitForTimeout(9000);
await browser.stopTracing();
await browser.close();
await server.close();
const events = JSON.parse(readFileSync(TRACE, "utf8")).traceEvents;
rmSync(TRACE);

const navigation = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL);
const { pid, tid, ts: start } = navigation;
const longTasks = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.name === "RunTask" && e.dur > LONG_TASK_US);

// The sampling profile: its call tree's nodes, and each sample's time and leaf.
const nodes = new Map();
const samples = [];
let clock = 0;
for (const e of events.filter((e) => e.pid === pid && (e.name === "Profile" || e.name === "ProfileChunk"))) {
  if (e.name === "Profile") {
    clock = e.args.data.startTime;
    continue;
  }
  const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
  for (const node of cpuProfile.nodes ?? []) nodes.set(node.id, node);
  (cpuProfile.samples ?? []).forEach((id, i) => samples.push([(clock += timeDeltas[i]), id]));
}
const name = (id) => nodes.get(id)?.callFrame.functionName || "(anonymous)";
const parentOf = (id) => nodes.get(id)?.parent;
/** Rust's legacy mangling, made readable enough to recognise a function. */
const readable = (mangled) =>
  mangled
    .replace(/^_ZN/, "")
    .replace(/17h[0-9a-f]{16}E$/, "")
    .replace(/\$LT\$/g, "<")
    .replace(/\$GT\$/g, ">")
    .replace(/\$u7b\$/g, "{")
    .replace(/\$u7d\$/g, "}")
    .replace(/\$u20\$/g, " ")
    .replace(/\d+([A-Za-z_<{])/g, "::$1")
    .slice(0, 120);
const top = (counts, n) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, n);
const add = (counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1);

let blocking = 0;
for (const task of longTasks) {
  const self = new Map();
  const app = new Map();
  let count = 0;
  for (const [at, leaf] of samples) {
    if (at < task.ts || at > task.ts + task.dur) continue;
    count++;
    add(self, name(leaf));
    let frame = leaf;
    while (frame && !/5oasis/.test(name(frame))) frame = parentOf(frame);
    add(app, frame ? name(frame) : "(no frame of the app's)");
  }
  blocking += (task.dur - LONG_TASK_US) / 1000;
  console.log(`task at ${Math.round((task.ts - start) / 1000)} ms: ${Math.round(task.dur / 1000)} ms, ${count} samples`);
  console.log(`  self: ${top(self, 6).map(([n, c]) => `${readable(n)} ×${c}`).join(", ")}`);
  for (const [n, c] of top(app, 6)) console.log(`  ${String(c).padStart(5)}  ${readable(n)}`);
}
console.log(`${longTasks.length} long tasks, ${Math.round(blocking)} ms over 50 ms (the CPU slowed 4×, traced)`);
