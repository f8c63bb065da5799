// End-to-end tests: the release build (dist/) in Debian's Chromium, in a
// phone viewport. Each test serves dist/ itself so it can stop the server.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "tests/e2e",
  // The office server for the sync tests (started here unless given).
  globalSetup: "./tests/e2e/global-setup.mjs",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-GB",
    timezoneId: "Europe/Paris",
    serviceWorkers: "allow",
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
