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
// The admin PIN: the set-up form first (a shot), then the admin tools.
await page.goto(server.url + "/admin/attendance");
await page.getByTestId("set-pin").waitFor();
await page.getByLabel("New PIN", { exact: true }).fill("482913");
await page.getByLabel("New PIN again").fill("48291");
await page.getByRole("button", { name: "Save the PIN" }).click();
await page.locator("#new-pin-error").filter({ hasText: "differ" }).waitFor();
await page.screenshot({ path: "docs/pin.png" });
await page.getByLabel("New PIN again").fill("482913");
await page.getByRole("button", { name: "Save the PIN" }).click();
await page.getByTestId("headcount-chart").waitFor();
await page.getByRole("link", { name: "Today" }).click();
await page.getByTestId("in-today").filter({ hasText: "in of" }).waitFor();
await page.locator(".notice").waitFor({ state: "detached", timeout: 10_000 }).catch(() => {});
await page.screenshot({ path: "docs/screenshot.png" });
await page.goto(server.url + "/admin/attendance");
await page.getByTestId("headcount-chart").waitFor();
await page.screenshot({ path: "docs/admin.png", fullPage: false });
await page.goto(server.url + "/admin/door");
await page.getByTestId("door-code").filter({ hasText: /^\w{6}$/ }).waitFor();
await page.screenshot({ path: "docs/door.png" });
await page.getByRole("link", { name: "More" }).click();
await page.getByTestId("lock-admin").click();
await page.getByRole("link", { name: "Today" }).click();
await page.getByTestId("pass-link").click();
await page.getByTestId("my-pass").locator("svg.qr").waitFor();
await page.screenshot({ path: "docs/pass.png" });
await page.getByRole("link", { name: "Books" }).click();
await page.getByTestId("book-list").locator("li").first().waitFor();
await page.screenshot({ path: "docs/books.png" });
await page.getByRole("link", { name: "Meals" }).click();
await page.getByRole("button", { name: "Reserve" }).first().waitFor();
await page.screenshot({ path: "docs/meals.png" });
await page.getByRole("link", { name: /Inbox/ }).click();
await page.getByTestId("inbox").waitFor();
await page.screenshot({ path: "docs/inbox.png" });
// The kiosk, someone's name half typed.
await page.goto(server.url + "/more");
await page.getByLabel("PIN", { exact: true }).fill("482913");
await page.getByRole("button", { name: "Unlock" }).click();
await page.getByTestId("start-kiosk").click();
await page.getByLabel("Find your name").fill("ag");
await page.getByTestId("kiosk-names").locator("button").first().waitFor();
await page.screenshot({ path: "docs/kiosk.png" });
await browser.close();
await server.close();
console.log("wrote docs/{screenshot,admin,pin,door,pass,books,meals,inbox,kiosk}.png");
