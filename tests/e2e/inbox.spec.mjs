import { test, expect, openDemo, countRecords, records, untilControlled, adminView, playAs, colleagues } from "./fixtures.mjs";

/** The notifications the service worker shows now: [{ title, body, tag, url }]. */
async function shown(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data?.url }));
  });
}

/** Waits until the Inbox tab's badge counts exactly the unread items the
 *  inbox lists (a person's reminders may still be arriving); returns it. */
async function settledUnread(page) {
  const badge = page.getByTestId("unread-badge");
  const unreadItems = page.getByTestId("inbox").locator("li.unread");
  const badgeText = async () => ((await badge.count()) ? await badge.textContent() : "0");
  await expect.poll(async () => (await badgeText()) === String(await unreadItems.count())).toBe(true);
  return unreadItems.count();
}

/** Waits until the inbox list stops changing: switching who plays delivers
 * that person's reminders, which can land between finding an item and
 * tapping it (the tap then opened the item that moved into its place). */
async function settledInbox(page) {
  const inbox = page.getByTestId("inbox");
  await expect
    .poll(async () => {
      const before = await inbox.innerText();
      await page.waitForTimeout(300);
      return before === (await inbox.innerText());
    })
    .toBe(true);
}

test("a due reminder becomes a notification once, and its tap opens the book", async ({ page, server, context }) => {
  await context.grantPermissions(["notifications"]);
  await openDemo(page, server);
  await untilControlled(page);
  await expect(page.getByTestId("unread-badge")).toBeVisible();
  // The newcomer's "L'Élégance du hérisson" is due on 3 December.
  expect((await shown(page)).some((n) => n.title === "Book due tomorrow")).toBe(false);

  // Move the clock to 2 December, 09:05: due tomorrow.
  await page.clock.setFixedTime(new Date("2026-12-02T09:05:00+01:00"));
  await page.reload();
  await expect.poll(async () => (await shown(page)).filter((n) => n.title === "Book due tomorrow")).toHaveLength(1);
  const [note] = (await shown(page)).filter((n) => n.title === "Book due tomorrow");
  expect(note.body).toBe("“L'Élégance du hérisson” is due back tomorrow.");
  expect(note.url).toMatch(/^\/books\/\w+$/);
  await expect(page.getByTestId("unread-badge")).toBeVisible();

  // Reloads and timers never make it twice.
  const entries = await countRecords(page, "inbox");
  await page.reload();
  await page.getByRole("link", { name: /Inbox/ }).click();
  await expect(page.getByTestId("inbox").getByText("Book due tomorrow")).toHaveCount(1);
  expect(await countRecords(page, "inbox")).toBe(entries);

  // A tap on the notification (dispatched to the service worker) routes
  // the open app to the book.
  const [worker] = context.serviceWorkers();
  await worker.evaluate(async (tag) => {
    const [notification] = (await self.registration.getNotifications()).filter((n) => n.tag === tag);
    self.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
  }, note.tag);
  await expect(page.getByRole("heading", { name: "L'Élégance du hérisson" })).toBeVisible();
  await expect(page).toHaveURL(server.url + note.url);
});

test("with the app closed, the service worker's periodic check shows what is due", async ({ page, server, context }) => {
  await openDemo(page, server);
  await untilControlled(page);
  // Quiet hours off, so the test passes at any hour.
  await page.getByRole("link", { name: "More" }).click();
  // An emptied time is refused under its own field, and nothing is saved.
  await page.getByLabel("to", { exact: true }).fill("");
  await page.getByLabel("to", { exact: true }).press("Enter");
  await expect(page.locator("#quiet-to-error")).toHaveText("Enter a time such as 10:30.");
  await expect(page.locator("#quiet-from-error")).toBeEmpty();
  await expect(page.getByLabel("to", { exact: true })).toBeFocused();
  await expect(page.getByText("Saved.")).toHaveCount(0);
  await page.getByLabel("Quiet from").fill("00:00");
  await page.getByLabel("to", { exact: true }).fill("00:00");
  await page.getByRole("button", { name: "Save quiet hours" }).click();
  await expect(page.getByTestId("notification-state")).toHaveText("Off: reminders stay in the inbox.");

  // The admin publishes now (the real time, which the service worker
  // keeps), while notifications are still off here. The clock jumps
  // first: the admin session would not survive a jump of hours.
  await page.clock.setFixedTime(Date.now());
  await adminView(page);
  await page.goto(server.url + "/admin/announcements/new");
  await page.getByLabel("Template").selectOption("general");
  await page.getByLabel("Title").fill("Fire drill at 11:00");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { name: "Fire drill at 11:00" })).toBeVisible();
  // The app has put it in this person's inbox, to be notified.
  await expect
    .poll(async () => (await records(page, "inbox")).filter((e) => e.title === "Fire drill at 11:00" && e.notify && !e.notified_at).length)
    .toBe(1);

  // App closed, then notifications allowed (so no open page shows it
  // first): a periodic sync wakes the worker.
  const cdp = await context.newCDPSession(page);
  const registered = new Promise((resolve) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => registrations.length && resolve(registrations[0])),
  );
  await cdp.send("ServiceWorker.enable");
  const registration = await registered;
  await page.goto("about:blank");
  await context.grantPermissions(["notifications"]);
  await cdp.send("ServiceWorker.dispatchPeriodicSyncEvent", {
    origin: server.url,
    registrationId: registration.registrationId,
    tag: "oasis-reminders",
  });
  // Shown, and marked shown in the store so the app never shows it again
  // (the whole entry and the worker's clock come along for a failure).
  const [worker] = context.serviceWorkers();
  const fireDrill = () =>
    worker.evaluate(async () => {
      const shown = (await self.registration.getNotifications()).some((n) => n.title === "Fire drill at 11:00");
      const result = (request) => new Promise((resolve) => (request.onsuccess = () => resolve(request.result)));
      const db = await result(indexedDB.open("oasis"));
      const entry = (await result(db.transaction("inbox").objectStore("inbox").getAll())).find((e) => e.title === "Fire drill at 11:00");
      db.close();
      return { shown, marked: Boolean(entry?.notified_at), entry, now: Date.now() };
    });
  await expect.poll(fireDrill).toMatchObject({ shown: true, marked: true });
});

test("an announcement reaches everyone's inbox with the unread badge; RSVPs count; offline too", async ({ page, server, context }) => {
  await openDemo(page, server);
  const [colleague] = await colleagues(page);
  await adminView(page);

  await page.goto(server.url + "/admin/announcements/new");
  await page.getByLabel("Template").selectOption("cold_weather");
  await expect(page.getByLabel("Title")).toHaveValue("Bundle up: -2 °C tomorrow morning");
  await page.getByLabel("Title").fill("Bundle up: -5 °C tonight");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published.")).toBeVisible();

  // Another person's inbox has it, unread, with the badge.
  await playAs(page, colleague);
  const badge = page.getByTestId("unread-badge");
  await page.getByRole("link", { name: /Inbox/ }).click();
  const item = page.getByTestId("inbox").locator("li", { hasText: "Bundle up: -5 °C tonight" });
  await expect(item).toHaveClass(/unread/);
  // The badge counts this person's unread items, not the last person's.
  const unread = await settledUnread(page);
  await item.locator(".inbox-open").click();
  await expect(page.getByRole("heading", { name: "Bundle up: -5 °C tonight" })).toBeVisible();
  await expect(badge).toHaveText(String(unread - 1));

  // RSVP: the count follows each answer, everyone's.
  await page.getByRole("link", { name: "Inbox" }).first().click();
  await settledInbox(page);
  await page.getByTestId("inbox").getByText("Game night: board games & pizza").click();
  const count = page.getByTestId("going-count");
  await expect(count).toHaveText(/^\d+ going$/);
  // The colleague may have answered already in the demo: start from "not going".
  await page.getByRole("button", { name: "Not going" }).click();
  await expect(page.getByRole("button", { name: "Not going" })).toHaveAttribute("aria-pressed", "true");
  const going = Number((await count.textContent()).split(" ")[0]);
  await page.getByRole("button", { name: "Going", exact: true }).click();
  await expect(count).toHaveText(`${going + 1} going`);
  await playAs(page, "Camille Laurent");
  await page.getByRole("link", { name: /Inbox/ }).click();
  await settledInbox(page);
  await page.getByTestId("inbox").getByText("Game night: board games & pizza").click();
  await expect(count).toHaveText(`${going + 1} going`);
  await page.getByRole("button", { name: "Going", exact: true }).click();
  await expect(count).toHaveText(`${going + 2} going`);
  await expect(page.getByTestId("attendees")).toContainText(colleague);
  await page.getByRole("button", { name: "Not going" }).click();
  await expect(count).toHaveText(`${going + 1} going`);

  await untilControlled(page);
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(count).toHaveText(`${going + 1} going`);
  await page.getByRole("link", { name: "Inbox" }).first().click();
  await expect(page.getByTestId("inbox")).toContainText("Bundle up: -5 °C tonight");
});

test("going to an event brings a reminder an hour before it; answers close when it starts", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByRole("link", { name: /Inbox/ }).click();
  await settledInbox(page);
  await page.getByTestId("inbox").getByText("Game night: board games & pizza").click();
  await page.getByRole("button", { name: "Going", exact: true }).click();
  await expect(page.getByRole("button", { name: "Going", exact: true })).toHaveAttribute("aria-pressed", "true");
  const event = page.url();

  // 4 December, 17:45: the game night starts at 18:30.
  await page.clock.setFixedTime(new Date("2026-12-04T17:45:00+01:00"));
  await page.goto(server.url + "/inbox");
  const soon = page.getByTestId("inbox").locator("li", { hasText: "Starting in an hour" });
  await expect(soon).toContainText("“Game night: board games & pizza” starts at");

  // 18:31: it has started; the answers stand, and no new one is taken.
  await page.clock.setFixedTime(new Date("2026-12-04T18:31:00+01:00"));
  await page.goto(event);
  await expect(page.getByTestId("answers-closed")).toHaveText("The event has started: answers are closed.");
  await expect(page.getByRole("button", { name: "Going", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Going", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Not going" })).toBeDisabled();

  // Begun, it can still be edited (a typo, an end), as long as its time stays.
  await adminView(page);
  await page.goto(event);
  await page.getByRole("link", { name: "Edit the announcement" }).click();
  await page.getByLabel("Message").fill("Bring a game (the pizza is here).");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  expect((await records(page, "announcements")).find((a) => a.body === "Bring a game (the pizza is here).")).toBeTruthy();
});

test("bad announcements are refused field by field and nothing is stored", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const before = await countRecords(page, "announcements");
  await page.goto(server.url + "/admin/announcements/new");
  const publish = page.getByRole("button", { name: "Publish" });
  await expect(page.getByLabel("Title")).toBeEnabled();
  // A new one is not "no longer available".
  await expect(page.getByTestId("not-found")).toHaveCount(0);
  await publish.click();
  await expect(page.locator("#announcement-kind-error")).toHaveText("Required.");
  await expect(page.locator("#announcement-title-error")).toHaveText("Required.");

  await page.getByLabel("Template").selectOption("team_event");
  await page.getByLabel("Message").fill("x".repeat(2001));
  await page.getByLabel("Until (optional)").fill("2026-11-20");
  await page.getByLabel("Event day").fill("2026-11-01");
  await publish.click();
  await expect(page.locator("#announcement-body-error")).toHaveText("At most 2000 characters.");
  await expect(page.locator("#expires-day-error")).toHaveText("The end must come after the publish time.");
  await expect(page.locator("#event-day-error")).toHaveText("The event must be in the future.");
  expect(await countRecords(page, "announcements")).toBe(before);

  // Withdrawn: gone from every inbox, and from the badge of those who had
  // not read it; kept as a tombstone.
  await page.getByLabel("Message").fill("Bring a game.");
  await page.getByLabel("Until (optional)").fill("");
  await page.getByLabel("Event day").fill("2026-12-11");
  await publish.click();
  await expect(page.getByTestId("going-count")).toHaveText("0 going");
  const url = page.url();
  const [colleague] = await colleagues(page);
  await playAs(page, colleague);
  await page.getByRole("link", { name: /Inbox/ }).click();
  await expect(page.getByTestId("inbox").locator("li.unread", { hasText: "Bring a game." })).toBeVisible();
  const unreadBefore = await settledUnread(page);
  await playAs(page, "Camille Laurent");
  await page.goto(url);
  await page.getByRole("link", { name: "Edit the announcement" }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("withdraw").click();
  await expect(page.getByText("Withdrawn.")).toBeVisible();
  await playAs(page, colleague);
  await page.getByRole("link", { name: /Inbox/ }).click();
  await expect(page.getByTestId("inbox")).toBeVisible();
  await expect(page.getByTestId("inbox").getByText("Bring a game.")).toHaveCount(0);
  expect(await settledUnread(page)).toBe(unreadBefore - 1);
  expect(await countRecords(page, "announcements")).toBe(before + 1);
  // The admin's list keeps it, marked withdrawn, with the demo's event count.
  await page.goto(server.url + "/admin/announcements");
  const list = page.getByTestId("announcements");
  await expect(list.locator("li.withdrawn")).toHaveCount(1);
  await expect(list.locator("li.withdrawn")).toContainText("Team event");
  await expect(list.locator("li.withdrawn")).toContainText("withdrawn · 0 going");
});

test("an overdue book's reminder leaves the inbox and its badge once the book is renewed", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByRole("link", { name: /Inbox/ }).click();
  const overdue = page.getByTestId("inbox").locator("li", { hasText: "Overdue book" });
  await expect(overdue.first()).toBeVisible();
  const titles = (await overdue.allTextContents()).map((text) => text.match(/“(.+?)”/)[1]);
  const unread = await settledUnread(page);

  // Renew one that nobody waits for.
  await page.goto(server.url + "/books/mine");
  const renewable = page.getByTestId("my-loans").locator("li", { has: page.getByRole("button", { name: "Renew" }) });
  await expect(renewable.first()).toBeVisible();
  const title = (await renewable.allTextContents()).map((text) => titles.find((t) => text.includes(t))).find(Boolean);
  await renewable.filter({ hasText: title }).getByRole("button", { name: "Renew" }).click();
  await expect(page.getByText(/Renewed: due back/)).toBeVisible();
  await page.getByRole("link", { name: /Inbox/ }).click();
  await expect(overdue).toHaveCount(titles.length - 1);
  await expect(overdue.filter({ hasText: title })).toHaveCount(0);
  expect(await settledUnread(page)).toBe(unread - 1);
});

test("two tabs edit one announcement: their version is shown whole, the fields they left empty too", async ({ page, server, context }) => {
  await openDemo(page, server);
  await adminView(page);
  const plain = (await records(page, "announcements")).find((a) => !a.meta.deleted_at && a.expires_at && !a.event);
  const edit = server.url + `/admin/announcements/${plain.meta.id}/edit`;
  const other = await context.newPage();

  await page.goto(edit);
  await expect(page.getByLabel("Title")).toHaveValue(plain.title);
  await expect(page.getByLabel("Until (optional)")).not.toHaveValue("");
  // The other tab takes its end away, and saves first.
  await other.goto(server.url);
  await adminView(other);
  await other.goto(edit);
  await other.getByLabel("Message").fill("Changed in the other tab.");
  await other.getByLabel("Until (optional)").fill("");
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other).not.toHaveURL(edit);

  await page.getByLabel("Message").fill("Changed in this tab.");
  await page.getByRole("button", { name: "Save" }).click();
  const choice = page.getByTestId("changed-meanwhile");
  await choice.getByRole("button", { name: "See their version" }).click();
  await expect(page.getByLabel("Message")).toHaveValue("Changed in the other tab.");
  // Not the end this form was first filled with.
  await expect(page.getByLabel("Until (optional)")).toHaveValue("");
  const stored = (await records(page, "announcements")).find((a) => a.meta.id === plain.meta.id);
  expect(stored.body).toBe("Changed in the other tab.");
  expect(stored.expires_at ?? null).toBeNull();
  await other.close();
});
