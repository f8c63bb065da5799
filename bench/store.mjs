// The store path against raw IndexedDB and Dexie, in the same run, on the
// demo office's own records (issue 12).
//
// The app marks its own store work in the browser's performance timeline
// (src/pwa/timing.rs): "oasis:store demo write" is the demo office's one
// write transaction (Rust values to JS included), "oasis:store check-ins
// read" the read of 90 days of check-ins (JS values to Rust included), taken
// as the admin review opens and again by the check-ins export once the page
// has settled. A blank page on another origin does the same work in plain
// JavaScript: the same records, copied from the app's database, into the
// same schema, in one transaction; the same 90 days read through the same
// index and counted per day, in one request and again a week per request
// as the app reads them (the app's own choice, so the app is judged against
// both). Dexie's bulk methods do it a third time. The
// blank page works after the app in each round, and each ratio is the
// median of the rounds' own.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { startServer } from "../tools/serve.mjs";
import { unlockAdmin } from "./admin.mjs";

const DEXIE_DIR = ".tools/dexie";
const PAGE_DIR = "bench/out/store";
const WRITE = "oasis:store demo write";
const READ = "oasis:store check-ins read";

/** Dexie from npm, installed on first use (a bench tool, not a dependency). */
function dexieModule() {
  const file = `${DEXIE_DIR}/node_modules/dexie/dist/dexie.mjs`;
  if (!existsSync(file)) {
    console.log("installing dexie@4 into .tools/dexie (first use)");
    execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", "--prefix", DEXIE_DIR, "dexie@4"], { stdio: "inherit" });
  }
  return file;
}

const lastMeasure = (page, name) =>
  page.evaluate((name) => performance.getEntriesByName(name, "measure").at(-1)?.duration ?? null, name);

/** The app's stores: schema, keys and records, as the demo left them. */
const dumpDatabase = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("oasis");
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const tx = db.transaction([...db.objectStoreNames]);
          const request = (r) => new Promise((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
          const stores = [];
          for (const name of db.objectStoreNames) {
            const store = tx.objectStore(name);
            const indexes = [...store.indexNames].map((n) => {
              const index = store.index(n);
              return { name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
            });
            const values = await request(store.getAll());
            const keys = store.keyPath === null ? await request(store.getAllKeys()) : null;
            stores.push({ name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, values, keys });
          }
          db.close();
          resolve(stores);
        };
      }),
  );

/**
 * Puts the raw-IndexedDB and Dexie work into the blank page, with the
 * records: `window.rawBench.rawWrite()`, `.dexieWrite()` and `.read()` then
 * time one round.
 */
async function prepareBlankPage(page, stores, written) {
  await page.evaluate(
    async ({ stores, written }) => {
      const { default: Dexie } = await import("./dexie.mjs");
      const done = (r) => new Promise((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
      const day = (d) => d.toISOString().slice(0, 10);
      // The admin review's 90 days, ending today in the office's time zone.
      const today = new Date(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date()) + "T00:00:00Z");
      const from = day(new Date(today - 89 * 86_400_000));
      const to = day(today);
      const dayIndex = stores.find((s) => s.name === "checkins").indexes.find((i) => i.name === "by_day");
      const perDay = (events) => {
        const counts = new Map();
        for (const e of events) counts.set(e.day, (counts.get(e.day) || 0) + 1);
        return counts.size;
      };
      const toWrite = stores.filter((s) => written.includes(s.name));
      // Dexie names an index by its key path: [a+b] for a compound one.
      const dexiePath = (p) => (Array.isArray(p) ? `[${p.join("+")}]` : p);
      const schema = Object.fromEntries(
        stores.map((s) => [
          s.name,
          [(s.autoIncrement ? "++" : "") + (s.keyPath === null ? "" : dexiePath(s.keyPath))]
            .concat(s.indexes.map((x) => (x.unique ? "&" : x.multiEntry ? "*" : "") + dexiePath(x.keyPath)))
            .join(","),
        ]),
      );
      let raw;
      let dexie;
      window.rawBench = {
        records: toWrite.reduce((n, s) => n + s.values.length, 0),
        async rawWrite() {
          raw?.close();
          await new Promise((ok) => (indexedDB.deleteDatabase("raw").onsuccess = ok));
          const open = indexedDB.open("raw", 1);
          open.onupgradeneeded = () => {
            for (const s of stores) {
              const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
              for (const x of s.indexes) store.createIndex(x.name, x.keyPath, { unique: x.unique, multiEntry: x.multiEntry });
            }
          };
          raw = await done(open);
          const t = performance.now();
          const tx = raw.transaction(written, "readwrite");
          for (const s of toWrite) {
            const store = tx.objectStore(s.name);
            s.values.forEach((v, k) => (s.keys ? store.add(v, s.keys[k]) : store.add(v)));
          }
          await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onabort = () => fail(tx.error))));
          return performance.now() - t;
        },
        async dexieWrite() {
          dexie?.close();
          await Dexie.delete("dexie");
          dexie = new Dexie("dexie");
          dexie.version(1).stores(schema);
          await dexie.open();
          const t = performance.now();
          await dexie.transaction("rw", written, () =>
            Promise.all(toWrite.map((s) => (s.keys ? dexie.table(s.name).bulkAdd(s.values, s.keys) : dexie.table(s.name).bulkAdd(s.values)))),
          );
          return performance.now() - t;
        },
        async read() {
          let t = performance.now();
          const byDay = () => raw.transaction("checkins").objectStore("checkins").index("by_day");
          const days = perDay(await done(byDay().getAll(IDBKeyRange.bound(from, to))));
          const rawRead = performance.now() - t;
          // As the app reads (src/store/attendance.rs): a request per week,
          // all sent at once, each counted as it arrives.
          t = performance.now();
          const index = byDay();
          const weeks = [];
          for (let first = new Date(from + "T00:00:00Z"); day(first) <= to; first = new Date(+first + 7 * 86_400_000)) {
            const last = day(new Date(+first + 6 * 86_400_000));
            weeks.push(done(index.getAll(IDBKeyRange.bound(day(first), last < to ? last : to))));
          }
          const counts = new Map();
          for (const week of weeks) for (const e of await week) counts.set(e.day, (counts.get(e.day) || 0) + 1);
          const rawWeeksRead = performance.now() - t;
          t = performance.now();
          perDay(await dexie.table("checkins").where(dexiePath(dayIndex.keyPath)).between(from, to, true, true).toArray());
          return { days, rawRead, rawWeeksRead, dexieRead: performance.now() - t };
        },
      };
    },
    { stores, written },
  );
}

/** The app's 90-day read twice: as the admin review opens, and settled. */
async function appReads(page, appUrl) {
  await page.goto(appUrl + "/");
  await unlockAdmin(page);
  await page.getByTestId("admin-link").click();
  await page.getByTestId("headcount-chart").waitFor();
  // It opens with the screen, so the page's own work (the screen's code
  // arriving, from the server: each round is a fresh browser; its first
  // render) runs between the read's requests and counts in it.
  const opening = await lastMeasure(page, READ);
  await page.waitForTimeout(500);
  // The same 90 days read again by the check-ins export, once the review
  // has settled: the store's read alone, as the blank page does it.
  await page.locator("#export-from").fill(await page.evaluate(() => new Date(Date.now() - 89 * 864e5).toISOString().slice(0, 10)));
  const download = page.waitForEvent("download");
  await page.getByTestId("export-checkins").click();
  await download;
  return { opening, settled: await lastMeasure(page, READ) };
}

export async function benchStore({ browser, phone, appUrl, runs, report, median, ms }) {
  mkdirSync(PAGE_DIR, { recursive: true });
  cpSync(dexieModule(), `${PAGE_DIR}/dexie.mjs`);
  writeFileSync(`${PAGE_DIR}/blank.html`, "<!DOCTYPE html><title>raw IndexedDB</title>");
  const blank = await startServer({ dir: PAGE_DIR, port: 0 });
  const other = await browser.newContext(phone);
  const rawPage = await other.newPage();
  await rawPage.goto(blank.url + "/blank.html");

  // Rounds, each the app's work then the blank page's right after it: the
  // machine's speed drifts within a run, and a ratio taken inside a round
  // compares work done under the same conditions. Each write starts on a
  // quiet machine: right after the app's first visit (its page still
  // settling) raw IndexedDB's write measured ~20 % slower than right after
  // its own (2026-11-26), which flattered the app's ratio.
  const quiet = () => new Promise((settled) => setTimeout(settled, 2000));
  const rounds = [];
  let days;
  for (let i = 0; i < runs; i++) {
    // The app's demo write, in a fresh browser.
    await quiet();
    const context = await browser.newContext({ ...phone, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(appUrl + "/?demo");
    await page.getByTestId("check-in").waitFor();
    const appWrite = await lastMeasure(page, WRITE);
    if (i === 0) {
      // The stores the demo write fills (the rest are empty or the device's own).
      const written = ["people", "checkins", "books", "loans", "holds", "meal_sets", "reservations", "announcements", "rsvps", "settings"];
      await prepareBlankPage(rawPage, await dumpDatabase(page), written);
    }
    await quiet();
    const rawWrite = await rawPage.evaluate(() => window.rawBench.rawWrite());
    await quiet();
    const dexieWrite = await rawPage.evaluate(() => window.rawBench.dexieWrite());
    const { opening, settled } = await appReads(page, appUrl);
    const read = await rawPage.evaluate(() => window.rawBench.read());
    days = read.days;
    rounds.push({ appWrite, rawWrite, dexieWrite, opening, settled, ...read });
    await context.close();
  }
  const records = await rawPage.evaluate(() => window.rawBench.records);
  await other.close();
  await blank.close();

  const of = (key) => median(rounds.map((r) => r[key]));
  // The median of the rounds' own ratios, and their range.
  const paired = (key, base) => {
    const ratios = rounds.map((r) => r[key] / r[base]);
    const fixed = (x) => x.toFixed(2) + "×";
    return `${fixed(median(ratios))} (rounds ${fixed(Math.min(...ratios))}–${fixed(Math.max(...ratios))})`;
  };
  report(`store write: demo office, ${records} records, one tx`, ms(of("appWrite")), `raw IndexedDB ${ms(of("rawWrite"))}`, paired("appWrite", "rawWrite"));
  report("  Dexie bulkAdd, same records", ms(of("dexieWrite")), `raw IndexedDB ${ms(of("rawWrite"))}`, paired("dexieWrite", "rawWrite"));
  report(`store read: 90 days of check-ins (${days} days)`, ms(of("opening")), `raw IndexedDB ${ms(of("rawRead"))}`, paired("opening", "rawRead"));
  report("  Dexie where().between(), same days", ms(of("dexieRead")), `raw IndexedDB ${ms(of("rawRead"))}`, paired("dexieRead", "rawRead"));
  report("  the same read once the page settled (export)", ms(of("settled")), `raw IndexedDB ${ms(of("rawRead"))}`, paired("settled", "rawRead"));
  report("  raw IndexedDB a week per request, as the app", ms(of("rawWeeksRead")), `raw IndexedDB ${ms(of("rawRead"))}`, paired("rawWeeksRead", "rawRead"));
  report("  the app settled, against that", ms(of("settled")), `raw, a week per request ${ms(of("rawWeeksRead"))}`, paired("settled", "rawWeeksRead"));
}
