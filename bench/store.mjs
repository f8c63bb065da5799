// The store path against raw IndexedDB and Dexie, in the same run, on the
// demo office's own records (issue 12).
//
// The app marks its own store work in the browser's performance timeline
// (src/pwa/timing.rs): "oasis:store demo write" is the demo office's one
// write transaction (Rust values to JS included), "oasis:store check-ins
// read" the read of 90 days of check-ins (JS values to Rust included), taken
// as the admin review opens and again by the check-ins export once the page
// has settled. A blank page on another origin then does the same work in
// plain JavaScript: the same records, copied from the app's database, into
// the same schema, in one transaction; the same 90 days read through the
// same index and counted per day. Dexie's bulk methods do it a third time.
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

/** In the blank page: the same write and read in raw IndexedDB, then Dexie. */
async function rawAndDexie(page, stores, written, runs) {
  return page.evaluate(
    async ({ stores, written, runs }) => {
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

      const raw = { write: [], read: [], read_count: 0 };
      for (let i = 0; i < runs; i++) {
        await new Promise((ok) => (indexedDB.deleteDatabase("raw").onsuccess = ok));
        const open = indexedDB.open("raw", 1);
        open.onupgradeneeded = () => {
          for (const s of stores) {
            const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
            for (const x of s.indexes) store.createIndex(x.name, x.keyPath, { unique: x.unique, multiEntry: x.multiEntry });
          }
        };
        const db = await done(open);
        let t = performance.now();
        const tx = db.transaction(written, "readwrite");
        for (const s of toWrite) {
          const store = tx.objectStore(s.name);
          s.values.forEach((v, k) => (s.keys ? store.add(v, s.keys[k]) : store.add(v)));
        }
        await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onabort = () => fail(tx.error))));
        raw.write.push(performance.now() - t);
        t = performance.now();
        const events = await done(db.transaction("checkins").objectStore("checkins").index("by_day").getAll(IDBKeyRange.bound(from, to)));
        raw.read_count = perDay(events);
        raw.read.push(performance.now() - t);
        db.close();
      }

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
      const dexie = { write: [], read: [] };
      for (let i = 0; i < runs; i++) {
        await Dexie.delete("dexie");
        const db = new Dexie("dexie");
        db.version(1).stores(schema);
        await db.open();
        let t = performance.now();
        await db.transaction("rw", written, () =>
          Promise.all(toWrite.map((s) => (s.keys ? db.table(s.name).bulkAdd(s.values, s.keys) : db.table(s.name).bulkAdd(s.values)))),
        );
        dexie.write.push(performance.now() - t);
        t = performance.now();
        perDay(await db.table("checkins").where(dexiePath(dayIndex.keyPath)).between(from, to, true, true).toArray());
        dexie.read.push(performance.now() - t);
        db.close();
      }
      return { raw, dexie, records: toWrite.reduce((n, s) => n + s.values.length, 0) };
    },
    { stores, written, runs },
  );
}

export async function benchStore({ browser, phone, appUrl, runs, report, median, ms, ratio }) {
  mkdirSync(PAGE_DIR, { recursive: true });
  cpSync(dexieModule(), `${PAGE_DIR}/dexie.mjs`);
  writeFileSync(`${PAGE_DIR}/blank.html`, "<!DOCTYPE html><title>raw IndexedDB</title>");
  const blank = await startServer({ dir: PAGE_DIR, port: 0 });

  // The app: its demo write, fresh browser each run.
  const appWrites = [];
  let context;
  let page;
  for (let i = 0; i < runs; i++) {
    await context?.close();
    context = await browser.newContext({ ...phone, serviceWorkers: "block" });
    page = await context.newPage();
    await page.goto(appUrl + "/?demo");
    await page.getByTestId("check-in").waitFor();
    appWrites.push(await lastMeasure(page, WRITE));
  }
  // The app: the admin review's read, in the last run's browser. It opens
  // with the screen, so the page's own work (the screen's code arriving,
  // its first render) runs between the read's requests and counts in it.
  const appReads = [];
  // The same 90 days read again by the check-ins export, once the review
  // has settled: the store's read alone, as the blank page does it.
  const settledReads = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(appUrl + "/");
    await unlockAdmin(page);
    await page.getByTestId("admin-link").click();
    await page.getByTestId("headcount-chart").waitFor();
    appReads.push(await lastMeasure(page, READ));
    await page.waitForTimeout(500);
    await page.locator("#export-from").fill(await page.evaluate(() => new Date(Date.now() - 89 * 864e5).toISOString().slice(0, 10)));
    const download = page.waitForEvent("download");
    await page.getByTestId("export-checkins").click();
    await download;
    settledReads.push(await lastMeasure(page, READ));
  }
  const stores = await dumpDatabase(page);
  // The stores the demo write fills (the rest are empty or the device's own).
  const written = ["people", "checkins", "books", "loans", "holds", "meal_sets", "reservations", "announcements", "rsvps", "settings"];
  await context.close();

  const other = await browser.newContext(phone);
  const rawPage = await other.newPage();
  await rawPage.goto(blank.url + "/blank.html");
  const { raw, dexie, records } = await rawAndDexie(rawPage, stores, written, runs);
  await other.close();
  await blank.close();

  const write = median(appWrites);
  const read = median(appReads);
  report(`store write: demo office, ${records} records, one tx`, ms(write), `raw IndexedDB ${ms(median(raw.write))}`, ratio(write, median(raw.write)));
  report("  Dexie bulkAdd, same records", ms(median(dexie.write)), `raw IndexedDB ${ms(median(raw.write))}`, ratio(median(dexie.write), median(raw.write)));
  report(`store read: 90 days of check-ins (${raw.read_count} days)`, ms(read), `raw IndexedDB ${ms(median(raw.read))}`, ratio(read, median(raw.read)));
  report("  Dexie where().between(), same days", ms(median(dexie.read)), `raw IndexedDB ${ms(median(raw.read))}`, ratio(median(dexie.read), median(raw.read)));
  const settled = median(settledReads);
  report("  the same read once the page settled (export)", ms(settled), `raw IndexedDB ${ms(median(raw.read))}`, ratio(settled, median(raw.read)));
}
