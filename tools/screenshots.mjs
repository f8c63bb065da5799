// README screenshots of the release build in a phone viewport:
//   node tools/screenshots.mjs    (after ./oasis serve or trunk build --release)
import { chromium } from "@playwright/test";
import { startServer } from "./serve.mjs";

const server = await startServer({ dir: "dist", port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-GB", timezoneId: "Europe/Paris" });
const page = await context.newPage();
await page.clock.install({ time: new Date("2026-11-25T09:30:00+01:00") });
await page.goto(server.url + "/?demo");
await page.getByTestId("check-in").click();
await page.getByTestId("checked-in").waitFor();
await page.getByRole("link", { name: "More" }).click();
await page.getByTestId("admin-view").check();
await page.getByRole("link", { name: "Today" }).click();
await page.getByTestId("in-today").filter({ hasText: "in of" }).waitFor();
await page.locator(".notice").waitFor({ state: "detached", timeout: 10_000 }).catch(() => {});
await page.screenshot({ path: "docs/screenshot.png" });
await page.goto(server.url + "/admin/attendance");
await page.getByTestId("headcount-chart").waitFor();
await page.screenshot({ path: "docs/admin.png", fullPage: false });
await page.getByRole("link", { name: "More" }).click();
await page.getByTestId("admin-view").uncheck();
await page.getByRole("link", { name: "Books" }).click();
await page.getByTestId("book-list").locator("li").first().waitFor();
await page.screenshot({ path: "docs/books.png" });
await page.getByRole("link", { name: "Meals" }).click();
await page.getByRole("button", { name: "Reserve" }).first().waitFor();
await page.screenshot({ path: "docs/meals.png" });
await page.getByRole("link", { name: /Inbox/ }).click();
await page.getByTestId("inbox").waitFor();
await page.screenshot({ path: "docs/inbox.png" });
await browser.close();
await server.close();
console.log("wrote docs/{screenshot,admin,books,meals,inbox}.png");
