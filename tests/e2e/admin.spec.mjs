import { test, expect, openDemo, expectFitsTheScreen, download, adminView } from "./fixtures.mjs";

test("the admin's count of people in today includes me once I check in", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.getByRole("link", { name: "Today" }).click();
  const card = page.getByTestId("in-today");
  await expect(card).toHaveText(/^\d+ in of 120$/);
  const before = Number((await card.textContent()).split(" ")[0]);
  expect(before).toBeGreaterThan(20);

  await page.getByTestId("check-in").click();
  await expect(card).toHaveText(`${before + 1} in of 120`);

  await page.getByRole("link", { name: "Who is in today" }).click();
  await expect(page.getByRole("heading", { name: "Attendance review" })).toBeVisible();
  await expect(page.getByTestId("admin-in-today")).toHaveText(`${before + 1} in of 120`);
  await expect(page.getByTestId("roster").getByText("Camille Laurent")).toBeVisible();
  await expect(page.getByTestId("headcount-chart").locator("rect")).toHaveCount(30);
  await page.getByRole("button", { name: "90 days" }).click();
  await expect(page.getByTestId("headcount-chart").locator("rect")).toHaveCount(90);
  await expect(page.getByTestId("heatmap")).toBeVisible();
  await expectFitsTheScreen(page);
});

test("open screens are not read again while only the clock moves, the same day", async ({ page, server }) => {
  // Every read of the people store: the review and the catalogue read it
  // with their data, the reminders (which follow the clock) do not.
  await page.addInitScript(() => {
    window.peopleReads = 0;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, ...rest) {
      if ([].concat(stores).includes("people")) window.peopleReads++;
      return transaction.call(this, stores, ...rest);
    };
  });
  await openDemo(page, server);
  await adminView(page);
  const quietWhileTheClockTicks = async (testId) => {
    await expect(page.getByTestId(testId)).toBeVisible();
    await page.waitForTimeout(500);
    const before = await page.evaluate(() => window.peopleReads);
    // Three minutes of the page's 30-second clock ticks, 09:30 → 09:33.
    for (let tick = 0; tick < 6; tick++) await page.clock.runFor(30_000);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.peopleReads)).toBe(before);
  };
  await page.goto(server.url + "/admin/attendance");
  await quietWhileTheClockTicks("roster");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Books" }).click();
  await quietWhileTheClockTicks("book-list");
  // A new day is read again.
  const before = await page.evaluate(() => window.peopleReads);
  await page.clock.fastForward("15:00:00");
  await expect.poll(() => page.evaluate(() => window.peopleReads)).toBeGreaterThan(before);
});

test("the admin sets the office's capacity; bad numbers change nothing", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const capacity = page.getByLabel("Capacity (people)");
  await expect(capacity).toHaveValue("120");
  for (const [typed, message] of [
    ["-5", "Enter a number from 1 to 100000."],
    ["12.5", "Enter a whole number."],
    ["", "Required."],
  ]) {
    await capacity.fill(typed);
    await page.getByRole("button", { name: "Save office settings" }).click();
    await expect(page.locator("#office-capacity-error")).toHaveText(message);
  }
  await page.reload();
  await expect(capacity).toHaveValue("120");

  await capacity.fill("90");
  await page.getByRole("button", { name: "Save office settings" }).click();
  await expect(page.locator("#office-capacity-error")).toBeEmpty();
  await page.getByRole("link", { name: "Today" }).click();
  await expect(page.getByTestId("in-today")).toHaveText(/^\d+ in of 90$/);
});

test("CSV exports hold the right rows", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByTestId("check-in").click();
  await expect(page.getByTestId("checked-in")).toBeVisible();
  await adminView(page);
  await page.getByTestId("admin-link").click();
  const inToday = Number((await page.getByTestId("admin-in-today").textContent()).split(" ")[0]);

  // The per-person table, filtered to one team, as shown.
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Product" });
  await expect(page.getByTestId("people-count")).toHaveText("14 people");
  const people = await download(page, () => page.getByTestId("export-people").click());
  expect(people.name).toBe("oasis-people-2026-10-27-2026-11-25.csv");
  expect(people.rows[0]).toEqual(["name", "team", "days_present", "working_days", "rate_percent", "last_seen", "person_id"]);
  expect(people.rows).toHaveLength(1 + 14);
  expect(people.rows.slice(1).every((r) => r[1] === "Product" && r.length === 7)).toBe(true);
  const me = people.rows.find((r) => r[0] === "Camille Laurent");
  expect(me[5]).toBe("2026-11-25");

  // Today's raw check-ins: one "in" row per person in, mine among them.
  await page.getByLabel("From").fill("2026-11-25");
  await page.getByLabel("To").fill("2026-11-25");
  const checkins = await download(page, () => page.getByTestId("export-checkins").click());
  expect(checkins.name).toBe("oasis-checkins-2026-11-25-2026-11-25.csv");
  expect(checkins.rows[0]).toEqual(["date", "time", "event", "method", "name", "team", "person_id", "utc", "event_id", "device_id"]);
  const rows = checkins.rows.slice(1);
  expect(rows.filter((r) => r[2] === "in")).toHaveLength(inToday);
  expect(rows.every((r) => r[0] === "2026-11-25")).toBe(true);
  const mine = rows.find((r) => r[4] === "Camille Laurent");
  expect(mine.slice(1, 6)).toEqual(["09:30", "in", "tap", "Camille Laurent", "Product"]);
  expect(mine[7]).toMatch(/^2026-11-25T08:30:\d\dZ$/);

  // A reversed range is refused next to the field, and nothing downloads.
  await page.getByLabel("From").fill("2026-11-26");
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await page.getByTestId("export-checkins").click();
  await expect(page.locator("#export-from-error")).toHaveText("The start must be on or before the end.");
  // So is a slip of the years (ten thousand of them), under "To".
  await page.getByLabel("From").fill("0001-01-01");
  await page.getByLabel("To").fill("9999-12-31");
  await page.getByTestId("export-checkins").click();
  await expect(page.locator("#export-to-error")).toHaveText("At most ten years at once: check the years.");
  await expect(page.locator("#export-from-error")).toHaveText("");
  await page.waitForTimeout(500);
  expect(downloaded).toBe(false);
});
