// Shared test set-up: a static server of dist/ per test, a fixed office
// clock, and helpers that read IndexedDB as the app left it.
import { test as base, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../tools/serve.mjs";
import { basic } from "../../tools/office/server.mjs";
import { provisionDatabase } from "../../tools/office/provision.mjs";
import { ACCOUNT_PASSWORD } from "./global-setup.mjs";

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
    const problems = watch(page);
    await use(page);
    expect(problems, "no uncaught errors or Content-Security-Policy violations in the page").toEqual([]);
  },
  // An office of its own on the test run's office server: the demo office
  // (as of OFFICE_MORNING) in a fresh database, removed afterwards.
  office: async ({}, use, testInfo) => {
    const url = process.env.OASIS_OFFICE_URL;
    const [name, password] = process.env.OASIS_OFFICE_ADMIN.split(":");
    const admin = { name, password };
    const db = `office-${testInfo.testId.toLowerCase().replace(/[^a-z0-9]/g, "")}-${testInfo.repeatEachIndex}`;
    const seed = officeSeed();
    await provisionDatabase({ url, admin, db, seed });
    const account = (displayName) => {
      const found = seed.accounts.find((a) => a.display_name === displayName);
      if (!found) throw new Error(`no account for ${displayName}`);
      return found;
    };
    // People not checked in on the clock's day: their check-in is news.
    const checkedInToday = new Set(
      seed.docs.filter((d) => d._id.startsWith("checkins:") && d.record.day === "2026-11-25").map((d) => d.record.person_id),
    );
    const notInYet = seed.accounts.filter((a) => !a.roles.includes("admin") && !checkedInToday.has(a.person_id));
    await use({ url, db, admin, password: ACCOUNT_PASSWORD, account, notInYet, auth: basic(admin) });
    await fetch(`${url}/${db}`, { method: "DELETE", headers: { authorization: basic(admin) } });
  },
  // More phones (browser contexts of their own), checked and closed after.
  phones: async ({ browser }, use) => {
    const opened = [];
    await use(async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: "en-GB",
        timezoneId: "Europe/Paris",
        serviceWorkers: "allow",
      });
      const page = await context.newPage();
      await page.clock.install({ time: OFFICE_MORNING });
      opened.push({ context, problems: watch(page) });
      return page;
    });
    for (const { context, problems } of opened) {
      expect(problems, "no uncaught errors or Content-Security-Policy violations in any phone").toEqual([]);
      await context.close();
    }
  },
});

/** Uncaught errors and Content-Security-Policy violations of a page (and
 *  its later pages' reloads), as they happen. */
function watch(page) {
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().startsWith("CSP violation:")) problems.push(message.text());
  });
  page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

let seedCache;
/** The demo office's documents and accounts (made once by global-setup). */
function officeSeed() {
  seedCache ??= JSON.parse(readFileSync(process.env.OASIS_OFFICE_SEED, "utf8"));
  return seedCache;
}

/** Fills in and sends the welcome screen's join form as `displayName`. */
export async function askToJoin(page, server, office, displayName) {
  const account = office.account(displayName);
  await page.goto(server.url);
  await page.getByLabel("Server").fill(office.url);
  await page.getByLabel("Office", { exact: true }).fill(office.db);
  await page.getByLabel("Account").fill(account.name);
  await page.getByLabel("Password").fill(office.password);
  await page.getByRole("button", { name: "Join the office" }).click();
  return account;
}

/** Joins the test's office from the welcome screen as `displayName`. */
export async function joinOffice(page, server, office, displayName) {
  const account = await askToJoin(page, server, office, displayName);
  await expect(page.getByRole("heading", { name: `Hello, ${displayName}` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("sync-state")).toHaveText("Synced");
  return account;
}

/** Opens the app and loads the demo office from the welcome screen. */
export async function openDemo(page, server) {
  await page.goto(server.url);
  await page.getByRole("button", { name: "Explore the demo office" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible();
}

/** A picture file (a PNG of `width` × `height` pixels, drawn by the
 *  page's browser) for a file input. */
export async function pngOf(page, width, height) {
  const base64 = await page.evaluate(([width, height]) => {
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [width, height];
    const context = canvas.getContext("2d");
    context.fillStyle = "#c0392b";
    context.fillRect(0, 0, width, height);
    context.fillStyle = "#f1c40f";
    context.fillRect(width / 4, height / 4, width / 2, height / 2);
    return canvas.toDataURL("image/png").split(",")[1];
  }, [width, height]);
  return { name: "cover.png", mimeType: "image/png", buffer: Buffer.from(base64, "base64") };
}

/** Every record of one of the app's IndexedDB stores, as the app left it. */
export async function records(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("oasis");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) return resolve([]), db.close();
          const request = db.transaction(store).objectStore(store).getAll();
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

/** Number of records in one of the app's IndexedDB stores. */
export async function countRecords(page, store) {
  return (await records(page, store)).length;
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

/** RFC 4180 parser: rows of fields (quotes, commas and newlines inside). */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += c;
  }
  return rows;
}

/** Runs trigger, waits for the file it downloads, and reads it as CSV. */
export async function download(page, trigger) {
  const [file] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const text = await readFile(await file.path(), "utf8");
  expect(text.startsWith("\uFEFF"), "UTF-8 byte-order mark for spreadsheets").toBe(true);
  return { name: file.suggestedFilename(), rows: parseCsv(text.slice(1)) };
}

/** The admin PIN the tests set. */
export const ADMIN_PIN = "482913";

/** Opens the admin tools from More: sets this device's admin PIN the
 *  first time, types it afterwards. */
export async function adminView(page) {
  await page.getByRole("link", { name: "More" }).click();
  const card = page.getByTestId("admin-card");
  const setPin = page.getByTestId("set-pin");
  const prompt = page.getByTestId("pin-prompt");
  await expect(card.or(setPin).or(prompt)).toBeVisible();
  if (await setPin.isVisible()) {
    await page.getByLabel("New PIN", { exact: true }).fill(ADMIN_PIN);
    await page.getByLabel("New PIN again").fill(ADMIN_PIN);
    await page.getByRole("button", { name: "Save the PIN" }).click();
  } else if (await prompt.isVisible()) {
    await page.getByLabel("PIN", { exact: true }).fill(ADMIN_PIN);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
  await expect(page.getByTestId("admin-link")).toBeVisible();
}

/** The demo office's people other than the newcomer, as More lists them
 *  (once they are loaded). */
export async function colleagues(page) {
  await page.getByRole("link", { name: "More" }).click();
  const options = page.locator("#switch-person option");
  await expect.poll(() => options.count()).toBeGreaterThan(100);
  return (await options.allTextContents()).filter((n) => n !== "Camille Laurent");
}

/** Plays as another person of the demo office (More → "Play as…"). */
export async function playAs(page, name) {
  await page.getByRole("link", { name: "More" }).click();
  await page.getByLabel("Play as another colleague (demo office)").selectOption({ label: name });
  await expect(page.getByTestId("me")).toContainText(name);
}
