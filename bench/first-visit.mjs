// A first visit on a slow phone connection, as a person on bad office
// Wi-Fi lives it: DevTools throttling at Lighthouse's mobile settings
// (150 ms round trips, 1.6 Mbps down, the CPU 4× slower), a fresh browser
// context (no cache, no service worker). Lighthouse simulates that load
// from an unthrottled one; this one is throttled for real, and times what
// a person sees: the largest paint (the first words worth reading) and
// the first button they can use.
import { shownAt, watchShown } from "./shown.mjs";

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

/** `{ painted, usable }`: ms from navigation to the largest paint and to `button` (a watch, see shown.mjs). */
export async function firstVisit(browser, phone, url, button) {
  const context = await browser.newContext(phone);
  await watchShown(context, { button });
  await context.addInitScript(() => {
    new PerformanceObserver((list) => (window.__largestPaint = list.getEntries().at(-1).startTime)).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url);
  const usable = await shownAt(page, "button");
  // A paint is reported after it happened: the button's frame and the next.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)))));
  const painted = await page.evaluate(() => window.__largestPaint);
  if (painted === undefined) throw new Error(`first-visit: no largest paint reported for ${url}`);
  await context.close();
  return { painted, usable };
}
