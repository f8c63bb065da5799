// Office sync benchmarks (issue 10), run on purpose by `./oasis bench`,
// each against a baseline measured in the same run:
//
//   1. Initial sync of the demo office (~13,800 records) from the office
//      server into a fresh phone's IndexedDB: Oasis's Rust replicator
//      against PouchDB 9 (its browser build, default settings) replicating
//      the same database in the same headless Chromium; raw IndexedDB
//      writing the same documents in one transaction as the floor.
//   2. A check-in on one device until it shows on another (the admin's
//      "who is in"), both online: p50 / p95 over 50 trials.
//   3. With --bundle-cost: what sync added to the first-load bundle, by
//      building the commit before it (a git worktree) with the same tools.
//
//   node bench/sync.mjs [--runs N] [--trials N] [--bundle-cost]
import { chromium } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureSizes, kb } from "../tools/size-report.mjs";
import { startServer } from "../tools/serve.mjs";
import { unlockAdmin } from "./admin.mjs";
import { clickAt, shownAt, watchShown } from "./shown.mjs";
import { startOfficeServer, basic } from "../tools/office/server.mjs";
import { demoSeed, provisionAccounts, provisionDatabase } from "../tools/office/provision.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = option("--runs", 5);
const TRIALS = option("--trials", 50);
const PASSWORD = "bench";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (n) => (n >= 1000 ? (n / 1000).toFixed(2) + " s" : n.toFixed(0) + " ms");
const line = (name, value, against) => console.log(`${name.padEnd(58)} ${String(value).padStart(14)}   ${against}`);

const office = await startOfficeServer({ admin: { name: "admin", password: "bench-admin" } });
const app = await startServer({ dir: "dist", port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-GB", timezoneId: "Europe/Paris" };

try {
  // The demo office at 07:00 today (real time: no fake clock here), so
  // that most people have not checked in yet (for the latency trials).
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  const seed = await demoSeed({ today, minute: 7 * 60 });
  await provisionAccounts({ url: office.url, admin: office.admin, seed, password: PASSWORD });
  await provisionDatabase({ url: office.url, admin: office.admin, db: "bench-office", seed });
  const records = seed.docs.length;
  console.log(`office server ${office.url}: ${records} records, ${seed.accounts.length} accounts\n`);
  const admin = seed.accounts.find((a) => a.roles.includes("admin"));

  /** Requests a page makes to the office server while `work` runs. */
  async function counted(page, work) {
    let n = 0;
    const listener = (request) => request.url().startsWith(office.url) && n++;
    page.on("request", listener);
    const result = await work();
    page.off("request", listener);
    return { result, requests: n };
  }

  // 1. Initial sync, Oasis then PouchDB then raw IndexedDB, alternating
  // in rounds so the machine's drift hits all three alike.
  const oasis = [];
  const pouch = [];
  const raw = [];
  for (let round = 0; round < RUNS; round++) {
    {
      const context = await browser.newContext(phone);
      await watchShown(context, { today: ["h1", `Hello, ${admin.display_name}`] });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByLabel("Server").fill(office.url);
      await page.getByLabel("Office", { exact: true }).fill("bench-office");
      await page.getByLabel("Account").fill(admin.name);
      await page.getByLabel("Password").fill(PASSWORD);
      const { result, requests } = await counted(page, async () => {
        const start = await clickAt(page, "button", "Join the office");
        return (await shownAt(page, "today", 120_000)) - start;
      });
      const stored = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open("oasis");
            open.onsuccess = () => {
              const tx = open.result.transaction("revisions");
              const count = tx.objectStore("revisions").count();
              count.onsuccess = () => resolve(count.result);
            };
          }),
      );
      oasis.push({ ms: result, requests, stored });
      await context.close();
    }
    {
      const context = await browser.newContext(phone);
      const page = await context.newPage();
      // A plain page of the app's origin, with PouchDB and nothing else.
      await page.goto(app.url + "/manifest.webmanifest");
      await page.addScriptTag({ path: "node_modules/pouchdb/dist/pouchdb.min.js" });
      const { result, requests } = await counted(page, () =>
        page.evaluate(
          async ({ url, user, password }) => {
            const start = performance.now();
            await fetch(`${url}/_session`, {
              method: "POST",
              credentials: "include",
              headers: { "content-type": "application/json", accept: "application/json" },
              body: JSON.stringify({ name: user, password }),
            });
            const remote = new PouchDB(`${url}/bench-office`, {
              fetch: (u, opts) => PouchDB.fetch(u, { ...opts, credentials: "include" }),
            });
            const local = new PouchDB("bench-replica");
            const info = await local.replicate.from(remote);
            return { ms: performance.now() - start, written: info.docs_written };
          },
          { url: office.url, user: admin.name, password: PASSWORD },
        ),
      );
      pouch.push({ ...result, requests });
      await context.close();
    }
    {
      const context = await browser.newContext(phone);
      const page = await context.newPage();
      await page.goto(app.url + "/manifest.webmanifest");
      const written = await page.evaluate(
        async ({ url, auth }) => {
          const docs = (await (await fetch(`${url}/bench-office/_all_docs?include_docs=true`, { headers: { authorization: auth } })).json()).rows.map((r) => r.doc);
          const db = await new Promise((resolve) => {
            const open = indexedDB.open("raw", 1);
            open.onupgradeneeded = () => open.result.createObjectStore("docs", { keyPath: "_id" });
            open.onsuccess = () => resolve(open.result);
          });
          const start = performance.now();
          await new Promise((resolve, reject) => {
            const tx = db.transaction("docs", "readwrite");
            const store = tx.objectStore("docs");
            for (const doc of docs) store.put(doc);
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          });
          return { ms: performance.now() - start, written: docs.length };
        },
        { url: office.url, auth: basic(office.admin) },
      );
      raw.push(written);
      await context.close();
    }
    console.log(
      `round ${round + 1}: Oasis ${ms(oasis.at(-1).ms)} (${oasis.at(-1).requests} requests), ` +
        `PouchDB ${ms(pouch.at(-1).ms)} (${pouch.at(-1).requests} requests), raw IndexedDB write ${ms(raw.at(-1).ms)}`,
    );
  }
  const oasisMs = median(oasis.map((r) => r.ms));
  const pouchMs = median(pouch.map((r) => r.ms));
  const rawMs = median(raw.map((r) => r.ms));
  console.log("");
  line(`initial sync, Oasis (${oasis[0].stored} revisions stored), median`, ms(oasisMs), `PouchDB 9: ${ms(pouchMs)} → ${(oasisMs / pouchMs).toFixed(2)}× (goal ≤ 0.5×)`);
  line("initial sync, requests to the server", median(oasis.map((r) => r.requests)), `PouchDB 9: ${median(pouch.map((r) => r.requests))}`);
  line(`raw IndexedDB: the same ${raw[0].written} documents, one transaction`, ms(rawMs), `Oasis is ${(oasisMs / rawMs).toFixed(1)}× this floor`);
  line("PouchDB documents written (sanity)", median(pouch.map((r) => r.written)), `of ${records} records + the design document`);

  // 2. A check-in travels from a phone to the admin's device. A small
  // office of its own (its settings and people) keeps each phone's join
  // short; the trial itself is the same whatever the history.
  const small = { docs: seed.docs.filter((d) => d._id.startsWith("settings:") || d._id.startsWith("people:")), accounts: seed.accounts };
  await provisionDatabase({ url: office.url, admin: office.admin, db: "bench-latency", seed: small });
  const join = async (page, account) => {
    await page.goto(app.url);
    await page.getByLabel("Server").fill(office.url);
    await page.getByLabel("Office", { exact: true }).fill("bench-latency");
    await page.getByLabel("Account").fill(account.name);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Join the office" }).click();
    await page.getByRole("heading", { name: `Hello, ${account.display_name}` }).waitFor({ timeout: 60_000 });
    await page.getByTestId("sync-state").filter({ hasText: "Synced" }).waitFor();
  };
  const adminContext = await browser.newContext(phone);
  const adminPage = await adminContext.newPage();
  await join(adminPage, admin);
  // The headcount is an admin view: it shows once the device's admin PIN
  // is set.
  await unlockAdmin(adminPage);
  await adminPage.getByRole("link", { name: "Today" }).click();
  await adminPage.getByTestId("in-today").waitFor();
  // The admin's page notes when the count changes (wall clock).
  await adminPage.evaluate(() => {
    window.changedAt = [];
    const target = document.querySelector("[data-testid=in-today]");
    new MutationObserver(() => window.changedAt.push(Date.now())).observe(target, { subtree: true, childList: true, characterData: true });
  });
  const latencies = [];
  const employees = seed.accounts.filter((a) => !a.roles.includes("admin")).slice(0, TRIALS);
  for (const account of employees) {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await join(page, account);
    const before = await adminPage.evaluate(() => window.changedAt.length);
    const tapped = await page.evaluate(() => {
      const at = Date.now();
      document.querySelector("[data-testid=check-in]").click();
      return at;
    });
    await adminPage.waitForFunction((n) => window.changedAt.length > n, before, { timeout: 30_000 });
    const shown = await adminPage.evaluate((n) => window.changedAt[n], before);
    latencies.push(shown - tapped);
    await context.close();
  }
  line(`check-in to the admin's screen, p50 (${latencies.length} trials)`, ms(median(latencies)), "goal: p95 under 2 s");
  line(`check-in to the admin's screen, p95 (${latencies.length} trials)`, ms(pct(latencies, 95)), `→ ${(pct(latencies, 95) / 2000).toFixed(2)}× the 2 s goal`);
  await adminContext.close();
} finally {
  await browser.close();
  await app.close();
  await office.stop();
}

// 3. What sync added to the bundle: the same build of the commit before it.
if (args.includes("--bundle-cost")) {
  const before = execFileSync("git", ["log", "--format=%H", "-1", "--grep=^Office sync:", "--reverse"], { encoding: "utf8" }).trim();
  const base = execFileSync("git", ["rev-parse", `${before}^`], { encoding: "utf8" }).trim();
  const dir = mkdtempSync(join(tmpdir(), "oasis-before-sync-"));
  try {
    execFileSync("git", ["worktree", "add", "--detach", dir, base], { stdio: "ignore" });
    execFileSync("trunk", ["build", "--release", "--dist", join(dir, "dist")], { cwd: dir, stdio: "ignore", env: { ...process.env, CARGO_TARGET_DIR: join(process.cwd(), "target", "before-sync") } });
    const size = (d) => measureSizes(d).reduce((s, r) => s + r.brotli, 0);
    const [now, then] = [size("dist"), size(join(dir, "dist"))];
    line("first-load bundle, brotli, with office sync", kb(now), `before sync (${base.slice(0, 7)}): ${kb(then)} → +${kb(now - then)}`);
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", dir], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  }
}
