// The phone layout at its narrowest: every text field filled at its limit
// with one unbroken word, no page scrolls sideways at 320 px; every tap
// target is at least 44 × 44 px.
import { test, expect, openDemo, adminView, expectFitsTheScreen } from "./fixtures.mjs";

test.use({ viewport: { width: 320, height: 700 } });

const word = (n, seed = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz") => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);

test("text at its length limit, one long word, wraps on every page at 320 px", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);

  await page.goto(server.url + "/admin/books/new");
  const title = word(300);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Authors").fill(word(120, "Wolfeschlegelsteinhausenbergerdorff"));
  await page.getByLabel("Tags").fill(word(40, "xyz"));
  await page.getByLabel("Shelf place").fill(word(20, "B"));
  await page.getByLabel("Recommended by").fill(word(100, "Q"));
  await page.getByLabel("Notes").fill(word(2000, "https://example.com/a-very-long-path/"));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectFitsTheScreen(page);

  await page.goto(server.url + "/admin/meals/new");
  const meal = word(80, "Gemüsebrühe");
  await page.getByLabel("Name").fill(meal);
  await page.getByLabel("Description").fill(word(300, "Zuckerschoten"));
  await page.getByLabel("Price (EUR)").fill("4.00");
  await page.getByLabel("Dietary tags").fill(word(30, "v"));
  await page.getByLabel("Allergens").fill(word(30, "s"));
  await page.getByLabel("Daily stock").fill("5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("menu-admin")).toContainText(meal.slice(0, 20));
  await expectFitsTheScreen(page);

  await page.goto(server.url + "/admin/announcements/new");
  await page.getByLabel("Template").selectOption("general");
  const headline = word(120, "Weihnachtsfeier");
  await page.getByLabel("Title").fill(headline);
  await page.getByLabel("Message").fill(word(2000, "Glühwein"));
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { name: headline })).toBeVisible();
  await expectFitsTheScreen(page);

  await page.goto(server.url + "/more");
  await page.getByLabel("Office name").fill(word(80, "Bürogemeinschaft"));
  await page.getByRole("button", { name: "Save office settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expectFitsTheScreen(page);

  for (const path of ["/", "/books", "/meals", "/meals/mine", "/inbox", "/more", "/admin/meals", "/admin/books", "/admin/announcements", "/admin/attendance", "/admin/people", "/admin/door", "/pass", "/door", "/attendance"]) {
    await page.goto(server.url + path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("main")).toBeVisible();
    await expectFitsTheScreen(page);
  }
  await page.goto(server.url + "/books");
  await page.getByLabel("Search books").fill(title.slice(0, 12));
  await expect(page.getByTestId("book-list")).toContainText(title.slice(0, 12));
  await expectFitsTheScreen(page);
});

/** Tap targets smaller than 44 × 44 on the page: buttons, links that stand
 *  alone, fields (a checkbox counts by its label). */
async function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll("button, a, input, select, textarea, summary")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || el.closest("[hidden]")) continue;
      // A link inside a sentence is text, not a target of its own.
      if (el.tagName === "A" && style.display === "inline") continue;
      const target = ["checkbox", "radio"].includes(el.type) ? el.closest("label") ?? el : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < 43.5 || box.width < 43.5) {
        small.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

test("every tap target is at least 44 × 44 px", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const found = {};
  for (const path of ["/", "/attendance", "/books", "/books/mine", "/meals", "/meals/mine", "/inbox", "/more", "/pass", "/door", "/admin/attendance", "/admin/books", "/admin/meals", "/admin/announcements", "/admin/people", "/admin/door"]) {
    await page.goto(server.url + path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("main")).toBeVisible();
    const small = await smallTargets(page);
    if (small.length) found[path] = small;
  }
  // A book's page and an announcement's.
  await page.goto(server.url + "/books");
  await page.getByTestId("book-list").locator("a").first().click();
  await expect(page.getByTestId("book-actions")).toBeVisible();
  const bookPage = await smallTargets(page);
  if (bookPage.length) found["/books/<id>"] = bookPage;
  expect(found).toEqual({});
});

/** Text that broke inside a word: a text node on more lines than it has words. */
function brokenWords(page, selector) {
  return page.evaluate((selector) => {
    const broken = [];
    for (const el of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const words = node.textContent.trim().split(/\s+/).filter(Boolean).length;
        if (!words) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        if (lines > words) broken.push(`"${node.textContent.trim()}" on ${lines} lines`);
      }
    }
    return broken;
  }, selector);
}

test("at 320 px labels and names keep their words whole, book cards fill the row, card lists keep their padding", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.goto(server.url + "/more");
  await expect(page.locator(".segmented button").first()).toBeVisible();
  expect(await brokenWords(page, ".segmented button, nav a")).toEqual([]);

  await page.goto(server.url + "/admin/attendance");
  await expect(page.getByTestId("people-table")).toBeVisible();
  expect(await brokenWords(page, ".field.inline label, [data-testid=people-table] th, [data-testid=people-table] td")).toEqual([]);

  await page.goto(server.url + "/books");
  await expect(page.getByTestId("book-list")).toBeVisible();
  const widths = await page.locator(".book-card").evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().width)));
  expect(widths.length).toBeGreaterThan(10);
  expect(new Set(widths)).toEqual(new Set([widths[0]]));

  await page.goto(server.url + "/meals/mine");
  const past = page.getByTestId("past-meals");
  await expect(past).toBeVisible();
  const [list, row] = await Promise.all([past.boundingBox(), past.locator("li").first().boundingBox()]);
  expect(row.x - list.x).toBeGreaterThanOrEqual(12);
});

test("the heatmap's numbers are readable (WCAG AA) in both themes", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.goto(server.url + "/admin/attendance");
  await expect(page.getByTestId("heatmap")).toBeVisible();
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    const low = await page.getByTestId("heatmap").evaluate((table) => {
      // Colours as [r, g, b, alpha] in 0–1, from rgb() or color(srgb …).
      const parse = (css) => {
        const n = css.match(/[\d.]+/g).map(Number);
        const srgb = css.startsWith("color(");
        const [r, g, b] = srgb ? n.slice(0, 3) : n.slice(0, 3).map((v) => v / 255);
        return [r, g, b, n[3] ?? 1];
      };
      const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
      const luminance = (rgb) => {
        const [r, g, b] = rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const card = parse(getComputedStyle(table.closest(".card")).backgroundColor);
      const low = [];
      for (const td of table.querySelectorAll("td")) {
        if (!td.textContent.trim()) continue;
        const style = getComputedStyle(td);
        const bg = over(parse(style.backgroundColor), card);
        const fg = over(parse(style.color), bg);
        const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) low.push(`${td.title}: ${ratio.toFixed(2)}`);
      }
      return low;
    });
    expect(low, colorScheme).toEqual([]);
  }
});

/** Fields side by side in the page's rows of fields: for each pair whose
 *  boxes share a line, their labels' heights and their controls' tops. */
function sideBySide(page) {
  return page.locator(".field-row").evaluateAll((rows) =>
    rows.flatMap((row) => {
      const fields = [...row.querySelectorAll(":scope > .field")].map((field) => ({
        box: field.getBoundingClientRect(),
        label: Math.round(field.querySelector("label").getBoundingClientRect().height),
        top: Math.round(field.querySelector("input, select, textarea").getBoundingClientRect().top),
      }));
      return fields.flatMap((a, i) =>
        fields.slice(i + 1).filter((b) => a.box.top < b.box.bottom && b.box.top < a.box.bottom).map((b) => ({ labels: [a.label, b.label], tops: [a.top, b.top] })),
      );
    }),
  );
}

test("at 320 px side-by-side fields line up when one label wraps", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  let wrapped = 0;
  for (const path of ["/admin/announcements/new", "/more", "/admin/attendance"]) {
    await page.goto(server.url + path);
    await expect(page.locator(".field-row").first()).toBeVisible();
    for (const pair of await sideBySide(page)) {
      if (pair.labels[0] !== pair.labels[1]) wrapped += 1;
      expect(pair.tops[0], `${path}: ${JSON.stringify(pair)}`).toBe(pair.tops[1]);
    }
  }
  // The check means something only if some label did wrap.
  expect(wrapped).toBeGreaterThan(0);
});
