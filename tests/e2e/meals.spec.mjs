import { test, expect, openDemo, countRecords, expectFitsTheScreen, adminView, download } from "./fixtures.mjs";

const meal = (page, name) => page.getByTestId("menu").locator("li", { has: page.getByRole("heading", { name }) });
const leftOf = async (page, name) => Number((await meal(page, name).getByTestId("left").textContent()).split(" ")[0]);

test("reserve, reload offline: the reservation is there and the stock went down", async ({ page, server, context }) => {
  await openDemo(page, server);
  await page.getByRole("link", { name: "Meals" }).click();
  await expect(page.getByTestId("cutoff-note")).toHaveText("Reserve before 10:30 for the same day.");
  const name = "Mushroom risotto";
  await expect(meal(page, name).getByTestId("left")).toHaveText(/\d+ left/);
  const before = await leftOf(page, name);
  await meal(page, name).getByRole("button", { name: "Reserve" }).click();
  await expect(page.getByText("Reserved: Mushroom risotto, Today.")).toBeVisible();
  await expect(meal(page, name).getByTestId("reserved")).toHaveText("Reserved for today");
  expect(await leftOf(page, name)).toBe(before - 1);
  // One a day: the other sets offer no Reserve button today.
  await expect(page.getByTestId("menu").getByRole("button", { name: "Reserve" })).toHaveCount(0);

  await page.evaluate(() => navigator.serviceWorker.ready);
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(meal(page, name).getByTestId("reserved")).toHaveText("Reserved for today");
  expect(await leftOf(page, name)).toBe(before - 1);
  await page.getByRole("link", { name: "My meals" }).click();
  await expect(page.getByTestId("upcoming-meals")).toContainText("Mushroom risotto");

  // Cancelled (offline too): the set is back in stock.
  await page.getByTestId("upcoming-meals").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Reservation cancelled.")).toBeVisible();
  await page.getByRole("link", { name: "Meals" }).first().click();
  expect(await leftOf(page, name)).toBe(before);
  await expectFitsTheScreen(page);
});

test("a reservation after the cutoff is refused with a clear message", async ({ page, server }) => {
  await page.clock.setFixedTime(new Date("2026-11-25T10:29:30+01:00"));
  await openDemo(page, server);
  await page.getByRole("link", { name: "Meals" }).click();
  const reserve = page.getByTestId("menu").getByRole("button", { name: "Reserve" }).first();
  await expect(reserve).toBeVisible();
  const stored = await countRecords(page, "reservations");

  // The page was opened at 10:29; the tap comes at 10:31.
  await page.clock.setFixedTime(new Date("2026-11-25T10:31:00+01:00"));
  await reserve.click();
  await expect(page.getByRole("alert")).toHaveText("Too late for today: reservations close at 10:30.");
  expect(await countRecords(page, "reservations")).toBe(stored);

  // Once the screen catches up, today is no longer offered.
  await page.reload();
  await expect(page.getByTestId("cutoff-note")).toHaveText("Reservations for today closed at 10:30.");
  await expect(page.getByTestId("days").getByRole("button", { name: "Today" })).toHaveCount(0);

  // On a Saturday morning nothing closed: the office is.
  await page.clock.setFixedTime(new Date("2026-11-28T09:30:00+01:00"));
  await page.reload();
  await expect(page.getByTestId("cutoff-note")).toHaveText("The office is closed today.");
  await expect(page.getByTestId("days").getByRole("button").first()).toHaveText("Mon 30 Nov");
});

test("the admin's order sheet matches the menu, and the CSV exports add up", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.getByRole("link", { name: "Meals" }).click();
  // Tomorrow: one for me, then compare the sheet with what the menu says is left.
  await page.getByTestId("days").getByRole("button", { name: "Thu 26 Nov" }).click();
  await meal(page, "Falafel wrap").getByRole("button", { name: "Reserve" }).click();
  await expect(meal(page, "Falafel wrap").getByTestId("reserved")).toBeVisible();
  const names = await page.getByTestId("menu").getByRole("heading").allTextContents();
  const reserved = {};
  for (const name of names) reserved[name] = 12 - (await leftOf(page, name));

  await page.getByRole("link", { name: "Manage the menu" }).click();
  await page.getByLabel("Day").fill("2026-11-26");
  const sheet = page.getByTestId("order-sheet");
  await expect(sheet).toBeVisible();
  let total = 0;
  for (const name of names) {
    const row = sheet.locator("tbody tr", { hasText: name });
    await expect(row.getByTestId("sheet-count")).toHaveText(String(reserved[name]));
    total += reserved[name];
  }
  await expect(page.getByTestId("sheet-total-count")).toHaveText(String(total));
  await expect(page.getByTestId("sheet-total")).toHaveText(`€${(total * 3.5).toFixed(2)}`);

  // Supplier CSV for that day: a row per set ordered, totals as on the sheet.
  // A range that ends before it starts: said, and no export to press.
  await page.getByLabel("From").fill("2026-11-27");
  await page.getByLabel("To").fill("2026-11-26");
  await expect(page.locator("#meals-from-error")).toHaveText("The start must be on or before the end.");
  await expect(page.getByTestId("export-supplier")).toBeDisabled();
  await expect(page.getByTestId("export-accounting")).toBeDisabled();
  await page.getByLabel("From").fill("2026-11-26");
  const { rows: supplier } = await download(page, () => page.getByTestId("export-supplier").click());
  expect(supplier[0]).toEqual(["date", "meal_set", "count", "total_eur", "meal_set_id"]);
  const rows = supplier.slice(1);
  expect(rows.length).toBe(names.filter((n) => reserved[n] > 0).length);
  expect(rows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(total);
  expect(rows.reduce((sum, r) => sum + Number(r[3]), 0).toFixed(2)).toBe((total * 3.5).toFixed(2));
  expect(rows.find((r) => r[1] === "Falafel wrap")[2]).toBe(String(reserved["Falafel wrap"]));

  // Accounting CSV for the month: my line equals My meals' month.
  await page.getByLabel("From").fill("2026-11-01");
  await page.getByLabel("To").fill("2026-11-30");
  const { rows: accounting } = await download(page, () => page.getByTestId("export-accounting").click());
  expect(accounting[0]).toEqual(["month", "name", "team", "meals", "total_eur", "person_id"]);
  const mine = accounting.find((r) => r[1] === "Camille Laurent");
  await page.goto(server.url + "/meals/mine");
  await expect(page.getByTestId("month-meals")).toHaveText(`${mine[3]} meal${mine[3] === "1" ? "" : "s"}`);
  await expect(page.getByTestId("month-spend")).toHaveText(`€${mine[4]}`);
});

test("menu editing refuses bad prices and stocks, and the cutoff must be a time", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const sets = await countRecords(page, "meal_sets");
  await page.goto(server.url + "/admin/meals/new");
  const save = page.getByRole("button", { name: "Save" });
  await page.getByLabel("Price (EUR)").fill("3.505");
  await page.getByLabel("Daily stock").fill("-1");
  await save.click();
  await expect(page.locator("#meal-name-error")).toHaveText("Required.");
  await expect(page.locator("#meal-price-error")).toHaveText("At most 2 decimals (cents).");
  await expect(page.locator("#meal-stock-error")).toHaveText("Enter a number from 0 to 500.");
  await page.getByLabel("Price (EUR)").fill("-2");
  await save.click();
  await expect(page.locator("#meal-price-error")).toHaveText("Enter a price from 0 to €100.00.");
  expect(await countRecords(page, "meal_sets")).toBe(sets);

  await page.getByLabel("Name").fill("Soupe à l'oignon");
  await page.getByLabel("Price (EUR)").fill("4,20");
  await page.getByLabel("Daily stock").fill("8");
  await save.click();
  await expect(page.getByTestId("menu-admin")).toContainText("Soupe à l'oignon");
  await expect(page.getByTestId("menu-admin")).toContainText("€4.20 · 8");
  expect(await countRecords(page, "meal_sets")).toBe(sets + 1);

  await page.goto(server.url + "/more");
  await page.getByLabel("Meal orders close at").fill("25:00");
  await page.getByRole("button", { name: "Save office settings" }).click();
  await expect(page.locator("#office-cutoff-error")).toHaveText("Enter a time such as 10:30.");
  await page.getByLabel("Meal orders close at").fill("11:15");
  await page.getByRole("button", { name: "Save office settings" }).click();
  await page.getByRole("link", { name: "Meals" }).click();
  await expect(page.getByTestId("cutoff-note")).toHaveText("Reserve before 11:15 for the same day.");
});

test("a lower stock later takes back no reservation: past order sheets and what people spent stay as they were", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.getByRole("link", { name: "Meals" }).click();
  await page.getByTestId("days").getByRole("button", { name: "Thu 26 Nov" }).click();
  await meal(page, "Lentil dahl & naan").getByRole("button", { name: "Reserve" }).click();
  await expect(meal(page, "Lentil dahl & naan").getByTestId("reserved")).toBeVisible();

  await page.getByRole("link", { name: "Manage the menu" }).click();
  // A day's sheet, once its reservations have loaded (the same twice running).
  const sheetOf = async (day) => {
    await page.getByLabel("Day").fill(day);
    let last;
    await expect
      .poll(async () => {
        const now = await page.getByTestId("order-sheet").textContent();
        const settled = now === last;
        last = now;
        return settled;
      }, { intervals: [300] })
      .toBe(true);
    return last;
  };
  const spendInNovember = async () => {
    await page.getByLabel("From").fill("2026-11-01");
    await page.getByLabel("To").fill("2026-11-30");
    return (await download(page, () => page.getByTestId("export-accounting").click())).rows;
  };
  const days = ["2026-11-20", "2026-11-24", "2026-11-26"];
  const before = [];
  for (const day of days) before.push(await sheetOf(day));
  const spendBefore = await spendInNovember();

  await page.getByTestId("menu-admin").getByRole("link", { name: "Lentil dahl & naan" }).click();
  await page.getByLabel("Daily stock").fill("1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("menu-admin")).toContainText("€3.50 · 1");

  const after = [];
  for (const day of days) after.push(await sheetOf(day));
  expect(after).toEqual(before);
  expect(await spendInNovember()).toEqual(spendBefore);
  // Mine for tomorrow is still mine; the set is sold out for anyone else.
  await page.getByRole("link", { name: "Meals", exact: true }).click();
  await page.getByTestId("days").getByRole("button", { name: "Thu 26 Nov" }).click();
  await expect(meal(page, "Lentil dahl & naan").getByTestId("reserved")).toHaveText("Reserved for Thu 26 Nov");
  await expect(meal(page, "Lentil dahl & naan").getByTestId("left")).toHaveText("0 left");
});
