// Shared test set-up: a static server of dist/ per test, a fixed office
// clock, and helpers that read IndexedDB as the app left it.
import { test as base, expect } from "@playwright/test";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../tools/serve.mjs";

export { expect };

/** 09:30 in Paris on a Wednesday: the office is filling up. */
export const OFFICE_MORNING = new Date("2026-11-25T09:30:00+01:00");

export const test = base.extend({
  // A private copy of dist/ served on a free port: a test may stop the
  // server (offline) or change the files (a new version).
  server: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), "oasis-e2e-"));
    await cp("dist", dir, { recursive: true });
    const server = await startServer({ dir, port: 0 });
    let open = true;
    await use({
      url: server.url,
      dir,
      stop: async () => {
        if (open) await server.close();
        open = false;
      },
    });
    if (open) await server.close();
    await rm(dir, { recursive: true, force: true });
  },
  page: async ({ page }, use) => {
    await page.clock.install({ time: OFFICE_MORNING });
    const problems = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await use(page);
    expect(problems, "no uncaught errors in the page").toEqual([]);
  },
});

/** Opens the app and loads the demo office from the welcome screen. */
export async function openDemo(page, server) {
  await page.goto(server.url);
  await page.getByRole("button", { name: "Explore the demo office" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible();
}

/** Number of records in one of the app's IndexedDB stores. */
export async function countRecords(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("oasis");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) return resolve(0), db.close();
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => {
            resolve(request.result);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Waits until the service worker controls the page. */
export async function untilControlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** A phone page never scrolls sideways: everything fits 390 px. */
export async function expectFitsTheScreen(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, "page wider than the screen").toBeLessThanOrEqual(client);
}
