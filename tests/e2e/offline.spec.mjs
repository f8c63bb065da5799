import { readFile, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test, expect, openDemo, untilControlled, records, countRecords, adminView } from "./fixtures.mjs";

test("with the server gone, a reload still shows the app and its data", async ({ page, server, context }) => {
  await openDemo(page, server);
  await page.getByTestId("check-in").click();
  await expect(page.getByTestId("checked-in")).toBeVisible();
  await untilControlled(page);

  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  await expect(page.locator(".net")).toHaveText("Offline");
  // A file the worker never saved gets a plain "offline" answer, not a network error.
  const uncached = await page.evaluate(async () => {
    const response = await fetch("/never-saved.txt");
    return { status: response.status, text: await response.text() };
  });
  expect(uncached).toEqual({ status: 503, text: expect.stringContaining("Oasis is offline") });

  // Deep links work offline too: the worker answers every route with the shell.
  await page.goto(server.url + "/attendance");
  await expect(page.getByRole("heading", { name: "My attendance" })).toBeVisible();
  await page.getByRole("link", { name: "Today" }).click();
  await page.getByTestId("check-out").click();
  await expect(page.getByTestId("checked-out")).toBeVisible();
});

test("a new version waits for the user's word, then replaces the old cache", async ({ page, server }) => {
  await openDemo(page, server);
  await untilControlled(page);
  const firstCaches = await page.evaluate(() => caches.keys());
  expect(firstCaches).toHaveLength(1);

  // Deploy a new version: a changed service worker means a new build.
  const sw = join(server.dir, "sw.js");
  const source = await readFile(sw, "utf8");
  const next = source.replace(/const VERSION = "([0-9a-f]+)"/, (_, v) => `const VERSION = "${v}next"`);
  expect(next).not.toBe(source);
  await writeFile(sw, next);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

  const banner = page.getByTestId("update-banner");
  await expect(banner).toBeVisible();
  // Not applied yet: the old version still serves the page.
  expect(await page.evaluate(() => caches.keys())).toContain(firstCaches[0]);

  const reloaded = page.waitForEvent("load");
  await banner.getByRole("button", { name: "Reload" }).click();
  await reloaded;
  await expect(page.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([firstCaches[0] + "next"]);
  await expect(page.getByTestId("update-banner")).toHaveCount(0);
});

test("after the first visit every screen opens with the server gone, even one never opened", async ({ page, server, context }) => {
  await openDemo(page, server);
  const book = (await records(page, "books")).find((b) => !b.meta.deleted_at);
  // Only Today was shown: the other screens' code came with the service
  // worker's precache, not with a visit.
  await untilControlled(page);
  await server.stop();
  await context.setOffline(true);

  await page.getByRole("link", { name: "Books" }).click();
  await expect(page.getByTestId("book-count")).toHaveText("60 books");
  await page.getByRole("link", { name: "Meals" }).click();
  await expect(page.getByRole("heading", { name: "Meals", exact: true })).toBeVisible();
  await page.getByRole("link", { name: /Inbox/ }).click();
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  // Deep links, each a fresh page load from the worker's cache.
  await page.goto(`${server.url}/books/${book.meta.id}`);
  await expect(page.getByRole("heading", { name: book.title })).toBeVisible();
  await adminView(page);
  await page.goto(`${server.url}/admin/meals`);
  await expect(page.getByRole("heading", { name: "Order sheet" })).toBeVisible();
  await expect(page.getByTestId("needs-connection")).toHaveCount(0);
});

test("a screen whose code never reached the device says it needs a connection once, and the retry opens it", async ({ page, server }) => {
  // The bookshelf's chunk is missing, as when the connection went before
  // the service worker could keep it.
  const chunk = (await readdir(server.dir)).find((f) => /^split_books-.*\.wasm$/.test(f));
  expect(chunk).toBeTruthy();
  await rename(join(server.dir, chunk), join(server.dir, chunk + ".away"));
  await openDemo(page, server);
  await page.getByRole("link", { name: "Books" }).click();
  const notice = page.getByTestId("needs-connection");
  await expect(notice).toContainText("This screen needs a connection once");
  // The rest of the app goes on.
  await page.getByRole("link", { name: "Today" }).click();
  await expect(page.getByTestId("check-in")).toBeVisible();

  await page.getByRole("link", { name: "Books" }).click();
  await expect(notice).toBeVisible();
  await rename(join(server.dir, chunk + ".away"), join(server.dir, chunk));
  await notice.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("book-count")).toHaveText("60 books");
});

test("the demo office whose code never reached the device says it needs a connection once, stores nothing, and loads once it can be fetched", async ({ page, server }) => {
  const chunk = (await readdir(server.dir)).find((f) => /^split_demo-.*\.wasm$/.test(f));
  expect(chunk).toBeTruthy();
  await rename(join(server.dir, chunk), join(server.dir, chunk + ".away"));
  await page.goto(server.url);
  const explore = page.getByRole("button", { name: "Explore the demo office" });
  await explore.click();
  await expect(page.locator(".notice.error")).toContainText("The demo office needs a connection once");
  await expect(explore).toBeEnabled();
  expect(await countRecords(page, "people")).toBe(0);

  await rename(join(server.dir, chunk + ".away"), join(server.dir, chunk));
  await explore.click();
  await expect(page.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible();
  expect(await countRecords(page, "people")).toBe(120);
});
