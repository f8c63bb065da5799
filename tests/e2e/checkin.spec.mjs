import { test, expect, openDemo, countRecords, expectFitsTheScreen } from "./fixtures.mjs";

test("first run: demo office, check in, reload, still checked in, check out", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByTestId("check-in").click();
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  await expect(page.getByRole("status").filter({ hasText: "Have a good day" })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  await expect(page.getByTestId("check-in")).toHaveCount(0);

  await page.getByTestId("check-out").click();
  await expect(page.getByTestId("checked-out")).toContainText("In the office 09:30–09:30");
  await expect(page.getByTestId("check-out")).toHaveCount(0);
  await expectFitsTheScreen(page);

  // My attendance: today is marked in the month calendar and counted.
  await page.getByRole("link", { name: "My attendance" }).click();
  await expect(page.locator("td.today.present")).toHaveText("25");
  const month = Number(await page.locator(".stats dd").first().textContent());
  await expect(page.getByTestId("month-total")).toHaveText(`${month} days in the office`);
  await page.getByRole("button", { name: "Previous month" }).click();
  await expect(page.getByRole("heading", { name: "October 2026" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Next month" })).toBeEnabled();
  await page.getByRole("button", { name: "Next month" }).click();
  await expect(page.getByRole("button", { name: "Next month" })).toBeDisabled();
  await expectFitsTheScreen(page);
});

test("Today keeps its place as it loads on a slow phone: nothing shifts", async ({ page, server }) => {
  await openDemo(page, server);
  await page.addInitScript(() => {
    window.layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.layoutShifts.push(shift.value);
    }).observe({ type: "layout-shift", buffered: true });
  });
  // A slow phone paints before the store answers (6× slower CPU); three
  // starts, as the race is the browser's.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  const shifts = [];
  for (let start = 0; start < 3; start++) {
    await page.reload();
    await expect(page.getByTestId("check-in")).toBeVisible();
    await expect(page.getByTestId("pass-link")).toBeVisible();
    await page.waitForTimeout(500);
    shifts.push(...(await page.evaluate(() => window.layoutShifts)));
  }
  expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.01);
});

test("another open tab shows a check-in as soon as it happens", async ({ page, server, context }) => {
  await openDemo(page, server);
  const before = await countRecords(page, "checkins");
  const other = await context.newPage();
  await other.goto(server.url);
  await expect(other.getByTestId("check-in")).toBeVisible();

  await page.getByTestId("check-in").click();
  // No reload: the other tab hears of the write (BroadcastChannel).
  await expect(other.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  // Settings travel too: this device's language is the same in every tab.
  await other.getByRole("link", { name: "More" }).click();
  await other.getByLabel("Language").selectOption("fr");
  await expect(page.getByRole("link", { name: "Aujourd'hui" })).toBeVisible();
  expect(await countRecords(page, "checkins")).toBe(before + 1);
});

test("the check-in shortcut checks in on opening", async ({ page, server }) => {
  await openDemo(page, server);
  await page.goto(server.url + "/?action=check-in");
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  await expect(page).toHaveURL(server.url + "/");
});

test("joining validates every field and stores nothing until valid", async ({ page, server }) => {
  await page.goto(server.url);
  const name = page.getByLabel("Your name");
  const team = page.getByLabel("Your team");
  const join = page.getByRole("button", { name: "Join", exact: true });

  await name.fill("   ");
  await join.click();
  await expect(page.locator("#join-name-error")).toHaveText("Required.");
  await expect(page.locator("#join-team-error")).toHaveText("Required.");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();

  await name.fill("x".repeat(101));
  await team.selectOption({ label: "Design" });
  await join.click();
  await expect(page.locator("#join-name-error")).toHaveText("At most 100 characters.");
  await expect(page.locator("#join-team-error")).toBeEmpty();

  // A team that does not exist (a tampered form) is refused too.
  await page.evaluate(() => {
    const fake = new Option("Astronauts", "astronauts");
    document.querySelector("#join-team").add(fake);
  });
  await team.selectOption("astronauts");
  await name.fill("Eve");
  await join.click();
  await expect(page.locator("#join-team-error")).toHaveText("Pick a team from the list.");
  await team.selectOption({ label: "Design" });

  await name.fill("Eve\u202Egnp.exe");
  await join.click();
  await expect(page.locator("#join-name-error")).toHaveText("Remove invisible or control characters.");
  expect(await countRecords(page, "people")).toBe(0);

  // Text is shown as text, never as markup.
  await name.fill("  <img src=x onerror=alert(1)> Núñez ");
  await join.click();
  await expect(page.getByRole("heading", { name: "Hello, <img src=x onerror=alert(1)> Núñez" })).toBeVisible();
  expect(await page.locator("img").count()).toBe(0);
  expect(await countRecords(page, "people")).toBe(1);
  expect(await countRecords(page, "meal_sets")).toBe(7);
});
