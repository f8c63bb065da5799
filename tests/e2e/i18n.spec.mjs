import { test, expect, openDemo } from "./fixtures.mjs";

test("switching to French changes the whole UI and sticks", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByRole("link", { name: "More" }).click();
  await page.getByLabel("Language").selectOption("fr");
  await expect(page.getByRole("heading", { name: "Réglages" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  // The manifest a browser installs from speaks French too, and differs
  // from the English one only in its words.
  const [english, french] = await page.evaluate(async () => {
    const read = async (href) => (await fetch(href)).json();
    return [await read("/manifest.webmanifest"), await read(document.querySelector("link[rel=manifest]").href)];
  });
  expect(french.lang).toBe("fr");
  expect(french.shortcuts.map((s) => s.short_name)).toEqual(["Pointer", "Livres", "Repas"]);
  const shape = (m) => ({ ...m, name: 0, description: 0, lang: 0, shortcuts: m.shortcuts.map((s) => ({ ...s, name: 0, short_name: 0, description: 0 })) });
  expect(shape(french)).toEqual(shape(english));
  const tabs = page.getByRole("navigation");
  await expect(tabs).toHaveText(/Aujourd'hui.*Livres.*Repas.*Messages.*Plus/);
  // Sizes in French units, with a decimal comma.
  const size = "\\d+(,\\d)?\u00a0(o|ko|Mo|Go|To)";
  await expect(page.getByText(/utilisés sur/)).toHaveText(new RegExp(`^${size} utilisés sur ${size} disponibles$`));
  // The menu's diets and allergens in French words.
  await page.getByRole("link", { name: "Repas" }).click();
  await expect(page.getByRole("button", { name: "sans gluten" })).toBeVisible();
  await expect(page.getByText("Allergènes\u202f: lait", { exact: true }).first()).toBeVisible();

  await page.reload();
  await page.getByRole("link", { name: "Aujourd'hui" }).click();
  await expect(page.getByRole("heading", { name: "Bonjour, Camille Laurent" })).toBeVisible();
  await expect(page.getByText("mercredi 25 novembre 2026")).toBeVisible();
  await page.getByRole("button", { name: "Pointer l'arrivée" }).click();
  await expect(page.getByTestId("checked-in")).toHaveText("Arrivé·e à 09:30");
});

test("a French browser starts in French", async ({ browser, server }) => {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page.getByRole("heading", { name: "Bienvenue sur Oasis" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Explorer le bureau de démonstration" })).toBeVisible();
  await context.close();
});

/** A phone whose app code (the main wasm) waits for `release()`, as on a
 *  slow connection; its paints and layout shifts recorded from the start. */
async function slowPhone(browser, server, locale) {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/oasis-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(() => {
    window.seen = { shift: 0, largest: [], violations: [] };
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.seen.shift += e.value))).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.seen.largest.push({ at: e.startTime, text: e.element?.textContent })))
      .observe({ type: "largest-contentful-paint", buffered: true });
    document.addEventListener("securitypolicyviolation", (e) => window.seen.violations.push(e.violatedDirective));
  });
  return { context, page, release };
}

/** Until the page's style sheet (inline, in the head) is applied: a page
 *  held at its first bytes is read by Playwright without it, every
 *  language's words showing. */
async function untilStyled(page) {
  await page.waitForFunction(() => document.styleSheets.length > 0);
}

for (const [locale, title, lead, demo] of [
  ["en-GB", "Welcome to Oasis", /^Your office in your pocket/, "Explore the demo office"],
  ["fr-FR", "Bienvenue sur Oasis", /^Votre bureau dans la poche/, "Explorer le bureau de démonstration"],
]) {
  test(`a first visit (${locale}) reads the welcome in its language before the app has loaded; the app takes over with no shift`, async ({ browser, server }) => {
    const { context, page, release } = await slowPhone(browser, server, locale);
    await page.goto(server.url, { waitUntil: "commit" });
    await untilStyled(page);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.locator(".lead:visible")).toHaveText(lead);
    await expect(page.getByRole("button", { name: demo })).toHaveCount(0);
    // Where the logo, the title and the lead are drawn: the app's must be
    // drawn just there (new elements replacing others are no layout
    // shift to the browser, so this is the check that they do not move).
    const places = () =>
      page.evaluate(() =>
        ["#boot-splash .logo, main .logo", "h1", ".lead"].map((selector) => {
          const shown = [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length > 0);
          return shown.map((e) => e.getBoundingClientRect().toJSON());
        }),
      );
    const splash = await places();
    expect(splash.map((found) => found.length)).toEqual([1, 1, 1]);
    const released = await page.evaluate(() => performance.now());
    release();
    await expect(page.getByRole("button", { name: demo })).toBeVisible();
    await expect(page.getByRole("heading", { name: title })).toHaveCount(1);
    await expect(page.locator("#boot-splash")).toHaveCount(0);
    expect(await places()).toEqual(splash);
    const seen = await page.evaluate(() => window.seen);
    // The largest paint was the splash's, before the app came; the app's
    // own welcome drew over it in place.
    expect(seen.largest.at(-1).at).toBeLessThan(released);
    expect(seen.largest.at(-1).text).toMatch(lead);
    expect(seen.shift).toBe(0);
    expect(seen.violations).toEqual([]);
    await context.close();
  });
}

for (const mark of ["cookie", "local storage"]) {
  test(`a device that kept data (its ${mark} says) shows the plain splash while the app loads, not the welcome`, async ({ browser, server }) => {
    const { context, page, release } = await slowPhone(browser, server, "en-GB");
    if (mark === "cookie") await context.addCookies([{ name: "oasis-kept-data", value: "1", url: server.url }]);
    else await context.addInitScript(() => localStorage.setItem("oasis-kept-data", "1"));
    await page.goto(server.url, { waitUntil: "commit" });
    await untilStyled(page);
    await expect(page.locator("#boot-splash")).toHaveText(/Oasis/);
    await expect(page.locator(".boot-name")).toBeVisible();
    await expect(page.getByRole("heading")).toHaveCount(0);
    release();
    await expect(page.locator("#boot-splash")).toHaveCount(0);
    // Its database is empty though. The cookie outlives an eviction, so
    // the app says the data vanished; local storage goes with the
    // database, so it marks only the splash.
    if (mark === "cookie") await expect(page.getByTestId("data-vanished")).toBeVisible();
    else await expect(page.getByRole("button", { name: "Explore the demo office" })).toBeVisible();
    await context.close();
  });
}

test("a first visit whose app never comes says, after 20 s, that it needs a connection", async ({ browser, server }) => {
  const { context, page } = await slowPhone(browser, server, "fr-FR");
  await page.goto(server.url, { waitUntil: "commit" });
  await untilStyled(page);
  const slow = page.getByText("Oasis a besoin d'une connexion pour sa première visite", { exact: false });
  await expect(page.getByRole("heading", { name: "Bienvenue sur Oasis" })).toBeVisible();
  await expect(slow).toBeHidden();
  // The style sheet's 20 s, run to their end.
  await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
  await expect(slow).toBeVisible();
  await expect(page.getByText("Oasis needs a connection", { exact: false })).toBeHidden();
  await context.close();
});

test("the theme chosen in the app paints the next start from its first frame, before the app has loaded", async ({ browser, server }) => {
  // No service worker: the held wasm must come from the network.
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 }, colorScheme: "light", serviceWorkers: "block" });
  const page = await context.newPage();
  await openDemo(page, server);
  let hold = false;
  let release;
  await page.route(/\/oasis-[0-9a-f]+_bg\.wasm$/, async (route) => {
    if (hold) await new Promise((resolve) => (release = resolve));
    await route.continue();
  });
  const painted = async () => {
    await untilStyled(page);
    await expect(page.locator(".boot-name")).toBeVisible();
    return page.evaluate(() => [document.documentElement.getAttribute("data-theme"), getComputedStyle(document.body).backgroundColor]);
  };
  for (const [choice, theme, background] of [["Dark", "dark", "rgb(11, 19, 17)"], ["Match the device", null, "rgb(246, 247, 245)"]]) {
    await page.getByRole("link", { name: "More" }).click();
    await page.getByRole("button", { name: choice }).click();
    hold = true;
    await page.reload({ waitUntil: "commit" });
    expect(await painted()).toEqual([theme, background]);
    hold = false;
    release();
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe(theme);
  }
  await context.close();
});

test("a device that opened Oasis before paints its splash in the app's language, even after the browser's changed", async ({ browser, server }) => {
  // No service worker: the held wasm must come from the network.
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page.getByRole("button", { name: "Explorer le bureau de démonstration" })).toBeVisible();
  // Then the browser is set to English; the device's app stays French.
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "languages", { get: () => ["en-GB", "en"] });
    Object.defineProperty(Navigator.prototype, "language", { get: () => "en-GB" });
  });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/oasis-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: "commit" });
  await untilStyled(page);
  expect(await page.evaluate(() => navigator.languages[0])).toBe("en-GB");
  await expect(page.getByRole("heading", { name: "Bienvenue sur Oasis" })).toBeVisible();
  await expect(page.locator(".lead:visible")).toHaveText(/^Votre bureau dans la poche/);
  release();
  await expect(page.getByRole("button", { name: "Explorer le bureau de démonstration" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bienvenue sur Oasis" })).toHaveCount(1);
  await expect(page.locator("#boot-splash")).toHaveCount(0);
  await context.close();
});
