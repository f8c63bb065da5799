// One office across devices: several browser contexts as several phones
// and the admin's device, each joined to an office database of the test's
// own on the test run's office server (pouchdb-server).
import { readdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { test, expect, askToJoin, joinOffice, adminView, records, pngOf } from "./fixtures.mjs";

/** Takes a chunk (`split_<name>`) away from the test's server, as when the
 * connection went after the first screen and before the service worker
 * could keep it; returns what puts it back. */
async function takeChunkAway(server, name) {
  const chunk = (await readdir(server.dir)).find((f) => f.startsWith(`split_${name}-`) && f.endsWith(".wasm"));
  expect(chunk, `${name} is a chunk of its own`).toBeTruthy();
  await rename(join(server.dir, chunk), join(server.dir, chunk + ".away"));
  return () => rename(join(server.dir, chunk + ".away"), join(server.dir, chunk));
}

/** The number at the start of the admin's "N in of 120". */
async function inToday(page) {
  const text = await page.getByTestId("in-today").textContent();
  return Number(text.match(/\d+/)[0]);
}

test("a phone checks in offline; once online the admin's review counts it within seconds", async ({ server, office, phones }) => {
  const admin = await phones();
  await joinOffice(admin, server, office, "Camille Laurent");
  await adminView(admin);
  await admin.getByRole("link", { name: "Today" }).click();
  await expect(admin.getByTestId("in-today")).toContainText("of 120");
  const before = await inToday(admin);

  const phone = await phones();
  const colleague = office.notInYet[0];
  await joinOffice(phone, server, office, colleague.display_name);
  await phone.context().setOffline(true);
  await expect(phone.getByTestId("sync-state")).toHaveText("Offline");
  await phone.getByTestId("check-in").click();
  await expect(phone.getByTestId("checked-in")).toBeVisible();
  // Kept on the phone: nothing reached the office yet.
  await admin.waitForTimeout(1000);
  expect(await inToday(admin)).toBe(before);

  await phone.context().setOffline(false);
  const sent = Date.now();
  await expect(admin.getByTestId("in-today")).toContainText(`${before + 1} in of 120`, { timeout: 5_000 });
  expect(Date.now() - sent, "shown on the admin's device within seconds").toBeLessThan(5_000);
  await expect(phone.getByTestId("sync-state")).toHaveText("Synced");

  // The review lists them, checked in by a tap.
  await admin.goto(server.url + "/admin/attendance");
  await expect(admin.getByTestId("roster")).toContainText(colleague.display_name);
});

/** Opens a book by searching the catalogue for its title. */
async function openBook(page, title) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Books" }).click();
  await page.getByLabel("Search books").fill(title);
  await page.getByRole("link", { name: new RegExp(title) }).first().click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

/** The admin's device and two colleagues' phones, all joined to the
 *  office; `prepare` runs on the admin's device before the phones join. */
async function adminAndTwoPhones({ server, office, phones }, prepare) {
  const admin = await phones();
  await joinOffice(admin, server, office, "Camille Laurent");
  await adminView(admin);
  await prepare(admin);
  const [first, second] = office.notInYet;
  const ann = await phones();
  await joinOffice(ann, server, office, first.display_name);
  const bob = await phones();
  await joinOffice(bob, server, office, second.display_name);
  return { admin, ann, bob, first, second };
}

test("two phones borrow the last copy offline (its cover photo came with it): every device shows the same borrower, the other first in line", async ({ server, office, phones }) => {
  const { admin, ann, bob, first, second } = await adminAndTwoPhones({ server, office, phones }, async (admin) => {
    await admin.goto(server.url + "/admin/books/new");
    await admin.getByLabel("Title").fill("The Only Copy");
    await admin.getByLabel("Authors").fill("Ada Lovelace");
    await admin.getByLabel("Copies").fill("1");
    // With a cover photo: it travels in the book's document.
    await admin.getByLabel("Choose a photo").setInputFiles(await pngOf(admin, 300, 450));
    await expect(admin.getByTestId("photo-field").locator("img.cover")).toBeVisible();
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("heading", { name: "The Only Copy" })).toBeVisible();
  });
  for (const phone of [ann, bob]) {
    await openBook(phone, "The Only Copy");
    await expect(phone.getByTestId("availability")).toHaveText("1 of 1 on the shelf");
    await expect(phone.locator(".book-head img.cover")).toBeVisible();
    await phone.context().setOffline(true);
  }
  // Both borrow it offline: Ann first, Bob a few minutes later.
  await ann.getByRole("button", { name: "Borrow" }).click();
  await expect(ann.getByTestId("availability")).toContainText("You have it");
  await bob.clock.fastForward("05:00");
  await bob.getByRole("button", { name: "Borrow" }).click();
  await expect(bob.getByTestId("availability")).toContainText("You have it");

  // Back online (Bob first: the order they arrive in does not matter).
  await bob.context().setOffline(false);
  await expect(bob.getByTestId("sync-state")).toHaveText("Synced");
  await ann.context().setOffline(false);
  await expect(ann.getByTestId("sync-state")).toHaveText("Synced");
  await expect(ann.getByTestId("availability")).toContainText("You have it");
  await expect(bob.getByTestId("availability")).toHaveText("You are number 1 in line");
  await expect(bob.getByTestId("book-actions")).toContainText("Leave the waitlist");
  // Bob is told what happened and what now.
  await bob.getByRole("link", { name: "Inbox" }).click();
  await expect(bob.getByTestId("inbox")).toContainText("Another colleague got the last copy");
  await expect(bob.getByTestId("inbox")).toContainText("You are on the waitlist");
  // The admin's device sees one borrower: Ann.
  await openBook(admin, "The Only Copy");
  await expect(admin.getByTestId("history")).toContainText(first.display_name);
  await expect(admin.getByTestId("history")).not.toContainText(second.display_name);
});

const mealCard = (page, name) => page.getByTestId("menu").locator("li", { has: page.getByRole("heading", { name }) });

test("two phones reserve the last meal offline: one keeps it, the other is told and not charged", async ({ server, office, phones }) => {
  const { admin, ann, bob } = await adminAndTwoPhones({ server, office, phones }, async (admin) => {
    await admin.goto(server.url + "/admin/meals/new");
    await admin.getByLabel("Name").fill("Last lasagne");
    await admin.getByLabel("Price (EUR)").fill("4.20");
    await admin.getByLabel("Daily stock").fill("1");
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("heading", { name: "Manage the menu" })).toBeVisible();
  });
  for (const phone of [ann, bob]) {
    await phone.getByRole("link", { name: "Meals" }).click();
    await phone.getByTestId("days").getByRole("button", { name: "Thu 26 Nov" }).click();
    await expect(mealCard(phone, "Last lasagne").getByTestId("left")).toHaveText("1 left");
    await phone.context().setOffline(true);
  }
  await mealCard(ann, "Last lasagne").getByRole("button", { name: "Reserve" }).click();
  await expect(mealCard(ann, "Last lasagne").getByTestId("reserved")).toBeVisible();
  await bob.clock.fastForward("05:00");
  await mealCard(bob, "Last lasagne").getByRole("button", { name: "Reserve" }).click();
  await expect(mealCard(bob, "Last lasagne").getByTestId("reserved")).toBeVisible();

  await bob.context().setOffline(false);
  await ann.context().setOffline(false);
  for (const phone of [ann, bob]) {
    await expect(phone.getByTestId("sync-state")).toHaveText("Synced");
    await expect(mealCard(phone, "Last lasagne").getByTestId("left")).toHaveText("0 left");
  }
  await expect(mealCard(ann, "Last lasagne").getByTestId("reserved")).toHaveText("Reserved for Thu 26 Nov");
  await expect(mealCard(bob, "Last lasagne").getByTestId("reserved")).toHaveCount(0);
  await expect(mealCard(bob, "Last lasagne")).toContainText("Sold out");
  await bob.goto(server.url + "/meals/mine");
  await expect(bob.getByText(/Last lasagne.*not kept/)).toBeVisible();
  // Bob may have planned other days' meals (the demo office does); not this one.
  await expect(bob.getByTestId("upcoming-meals").locator("li", { hasText: "Last lasagne" })).toHaveCount(0);
  await bob.getByRole("link", { name: "Inbox" }).click();
  await expect(bob.getByTestId("inbox")).toContainText("Reservation not kept");
  await expect(bob.getByTestId("inbox")).toContainText("Nothing is charged");

  // The admin's order sheet: one lasagne for Thursday.
  await admin.goto(server.url + "/admin/meals");
  await admin.getByLabel("Day").fill("2026-11-26");
  await expect(admin.getByTestId("order-sheet").locator("tbody tr", { hasText: "Last lasagne" }).getByTestId("sheet-count")).toHaveText("1");
});

test("an employee cannot write what only admins may: the server refuses it, the app hides it and refuses it by address", async ({ server, office, phones }) => {
  const phone = await phones();
  const colleague = office.notInYet[0];
  await joinOffice(phone, server, office, colleague.display_name);
  // Through the API with the employee's own session, as a tampered app would.
  const answers = await phone.evaluate(
    async ({ url, db, person }) => {
      const post = (body) =>
        fetch(`${url}/${db}/_bulk_docs`, {
          method: "POST",
          credentials: "include",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(body),
        }).then(async (r) => [r.status, await r.json()]);
      const meta = (id) => ({ id, created_at: 0, updated_at: 0, device_id: "x" });
      const announcement = {
        _id: "announcements:FAKE1",
        record: { meta: meta("FAKE1"), kind: "general", title: "Free pizza", body: "Not really", publish_at: 0 },
      };
      const othersCheckin = {
        _id: "checkins:FAKE2",
        record: { meta: meta("FAKE2"), person_id: "someone-else", day: "2026-11-25", at: 0, kind: "in", method: "tap" },
      };
      const own = { ...othersCheckin, _id: "checkins:FAKE3", record: { ...othersCheckin.record, meta: meta("FAKE3"), person_id: person } };
      return [await post({ docs: [announcement] }), await post({ docs: [othersCheckin, own] })];
    },
    { url: office.url, db: office.db, person: colleague.person_id },
  );
  expect(answers[0][1]).toEqual([expect.objectContaining({ id: "announcements:FAKE1", error: "forbidden", reason: "Only an admin may write announcements." })]);
  const [refused, stored] = [answers[1][1].find((r) => r.id === "checkins:FAKE2"), answers[1][1].find((r) => r.id === "checkins:FAKE3")];
  expect(refused).toMatchObject({ error: "forbidden", reason: "An employee writes only their own checkins." });
  expect(stored.ok ?? !stored.error).toBeTruthy();

  // The app: no admin switch, and admin screens refused by address.
  await phone.getByRole("link", { name: "More" }).click();
  await expect(phone.getByTestId("account")).toHaveText(colleague.name);
  await expect(phone.getByTestId("set-pin").or(phone.getByTestId("pin-prompt")).or(phone.getByTestId("admin-card"))).toHaveCount(0);
  for (const path of ["/admin/announcements/new", "/admin/books", "/admin/attendance"]) {
    await phone.goto(server.url + path);
    await expect(phone.getByTestId("admins-only")).toContainText("For office admins");
  }
});

test("what the server refused is listed in Settings, with why, in the person's language", async ({ server, office, phones }) => {
  const admin = await phones();
  const account = await joinOffice(admin, server, office, "Camille Laurent");
  await adminView(admin);
  await admin.context().setOffline(true);
  await openBook(admin, "Dune");
  await admin.getByRole("link", { name: "Edit the book" }).click();
  await admin.getByLabel("Title").fill("Dune (signed copy)");
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("heading", { name: "Dune (signed copy)" })).toBeVisible();

  // Meanwhile the office takes the admin role away from this account.
  const user = `${office.url}/_users/org.couchdb.user:${encodeURIComponent(account.name)}`;
  const setRoles = async (roles) => {
    const doc = await (await fetch(user, { headers: { authorization: office.auth } })).json();
    const put = await fetch(user, { method: "PUT", headers: { authorization: office.auth, "content-type": "application/json" }, body: JSON.stringify({ ...doc, roles }) });
    expect(put.ok).toBe(true);
  };
  await setRoles(account.roles.filter((role) => role !== "admin"));
  try {
    await admin.context().setOffline(false);
    await admin.getByRole("link", { name: "More" }).click();
    const refused = admin.getByTestId("refused");
    await expect(refused).toHaveText("Book: Dune (signed copy) — Only an admin may change this.", { timeout: 15_000 });
    await admin.getByLabel("Language").selectOption("fr");
    await expect(refused).toHaveText("Livre\u202f: Dune (signed copy) — Seul un admin peut modifier ceci.");
  } finally {
    await setRoles(account.roles);
  }
});

test("a forgotten PIN: the admin account's password sets a new one; a wrong password or no network says so, and no wrong PIN is counted", async ({ server, office, phones }) => {
  const admin = await phones();
  await joinOffice(admin, server, office, "Camille Laurent");
  await adminView(admin);
  await admin.getByRole("link", { name: "More" }).click();
  await admin.getByTestId("lock-admin").click();
  await expect(admin.getByTestId("pin-prompt")).toBeVisible();
  await admin.getByRole("button", { name: "Forgot the PIN?" }).click();
  const password = admin.getByLabel("Password", { exact: true });
  const said = admin.locator("#admin-password-error");
  // Enter sends the password (the PIN's form is another).
  await password.fill("not-the-password");
  await password.press("Enter");
  await expect(said).toHaveText("Wrong account name or password.");
  await admin.context().setOffline(true);
  await password.fill(office.password);
  await password.press("Enter");
  await expect(said).toHaveText(/^Cannot reach .*Check the address and your network\.$/);
  await expect(admin.getByText("Wrong PIN.")).toHaveCount(0);
  const guard = (await records(admin, "settings")).find((r) => r.pin_guard).pin_guard;
  expect(guard.failures, "no PIN was tried").toBe(0);

  await admin.context().setOffline(false);
  await password.fill(office.password);
  await password.press("Enter");
  await expect(admin.getByTestId("set-pin")).toBeVisible();
});

test("the office's database gone from the server: sync says so in words, and the phone keeps what it does", async ({ server, office, phones }) => {
  const phone = await phones();
  await joinOffice(phone, server, office, office.notInYet[0].display_name);
  await fetch(`${office.url}/${office.db}`, { method: "DELETE", headers: { authorization: office.auth } });
  await phone.getByTestId("check-in").click();
  await expect(phone.getByTestId("checked-in")).toBeVisible();
  const status = phone.getByTestId("sync-state");
  await expect(status).toHaveText("Sync error", { timeout: 15_000 });
  await expect(status).toHaveAttribute("title", "Sync stopped: the office's database is no longer on the server. It retries by itself; nothing is lost.");
  expect((await records(phone, "checkins")).filter((c) => c.person_id === office.notInYet[0].person_id && c.day === "2026-11-25")).toHaveLength(1);
});

test("joining refuses a wrong password, a tampered invite and a server that is not one, and stores nothing", async ({ page, server, office }) => {
  const account = office.account("Camille Laurent");
  // Signing in is a chunk, fetched when the form is sent: without it, the
  // form says so and nothing is stored.
  const putBack = await takeChunkAway(server, "sign_in");
  await page.goto(server.url);
  const join = page.getByRole("button", { name: "Join the office" });
  await page.getByLabel("Server").fill(office.url);
  await page.getByLabel("Office", { exact: true }).fill(office.db);
  await page.getByLabel("Account").fill(account.name);
  await page.getByLabel("Password").fill(office.password);
  await join.click();
  await expect(page.getByTestId("join-error")).toHaveText("Signing in needs a connection: this part of Oasis is not on this device yet. Nothing was changed. Connect, then try again.");
  await putBack();

  await page.getByLabel("Server").fill("not a url");
  await page.getByLabel("Office", { exact: true }).fill("Paris Office");
  await page.getByLabel("Account").fill("");
  await join.click();
  await expect(page.locator("#join-server-error")).toHaveText("Enter the server's address, like https://office.example.com.");
  await expect(page.locator("#join-office-name-error")).toHaveText("Lower-case letters, digits and - _ only, starting with a letter.");
  await expect(page.locator("#join-user-error")).toHaveText("Required.");
  await expect(page.locator("#join-password-error")).toHaveText("Required.");

  await page.getByLabel("Server").fill(office.url);
  await page.getByLabel("Office", { exact: true }).fill(office.db);
  await page.getByLabel("Account").fill(account.name);
  await page.getByLabel("Password").fill("not the password");
  await join.click();
  await expect(page.getByTestId("join-error")).toHaveText("Wrong account name or password.");
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Server").fill(server.url);
  await page.getByLabel("Password").fill(office.password);
  await join.click();
  await expect(page.getByTestId("join-error")).toContainText("This address is not an office server");

  await page.getByLabel("Server").fill(office.url);
  await page.getByLabel("Office", { exact: true }).fill("no-such-office");
  await page.getByLabel("Password").fill(office.password);
  await join.click();
  await expect(page.getByTestId("join-error")).toHaveText("There is no office “no-such-office” on this server.");

  // An invite link edited by hand (another account name).
  const query = new URLSearchParams({ server: office.url, office: office.db, user: account.name });
  await page.goto(`${server.url}/?join&${query}&check=00000000`);
  await expect(page.getByTestId("join-error")).toHaveText("This invite link was changed or cut off. Ask your office admin for a new one.");
  const settings = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("oasis");
        open.onsuccess = () => {
          const get = open.result.transaction("settings").objectStore("settings").get("device");
          get.onsuccess = () => resolve(get.result);
        };
      }),
  );
  expect(settings.office ?? null, "no office stored").toBeNull();
  expect(settings.person_id ?? null).toBeNull();
});

test("sync whose code never reached the device says the office cannot be reached, and starts once the network comes back", async ({ server, office, phones }) => {
  const putBack = await takeChunkAway(server, "sync");
  const phone = await phones();
  await askToJoin(phone, server, office, "Camille Laurent");
  const joining = phone.getByTestId("joining");
  await expect(joining).toContainText("The office server cannot be reached. Everything you do is kept on this device");
  await expect(joining).toContainText("0 records received");

  await putBack();
  await phone.context().setOffline(true);
  await phone.context().setOffline(false);
  await expect(phone.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible({ timeout: 30_000 });
  await expect(phone.getByTestId("sync-state")).toHaveText("Synced");
});

test("a session that ended keeps what waits to be sent until the person signs in again", async ({ server, office, phones }) => {
  const phone = await phones();
  await joinOffice(phone, server, office, office.notInYet[0].display_name);
  await phone.getByRole("link", { name: "More" }).click();
  await expect(phone.getByTestId("last-sync")).not.toHaveText("Never");
  const lastSync = await phone.getByTestId("last-sync").textContent();
  await phone.getByRole("button", { name: "Sign out" }).click();
  await expect(phone.getByTestId("sync-state")).toHaveText("Sign in needed");
  // The device did sync: when is still said, after a reload too.
  await expect(phone.getByTestId("last-sync")).toHaveText(lastSync);
  await phone.reload();
  await expect(phone.getByTestId("sync-state")).toHaveText("Sign in needed");
  await expect(phone.getByTestId("last-sync")).toHaveText(lastSync);
  await phone.getByRole("link", { name: "Today" }).click();
  await phone.getByTestId("check-in").click();
  await expect(phone.getByTestId("checked-in")).toBeVisible();
  await phone.getByRole("link", { name: "More" }).click();
  await expect(phone.getByTestId("pending")).toHaveText("1 change");
  await phone.getByLabel("Password").fill(office.password);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone.getByTestId("sync-state")).toHaveText("Synced");
  await expect(phone.getByTestId("pending")).toHaveText("0 changes");
});

test("two tabs of one phone: one syncs at a time, the other's writes still go out, and it takes over when the first closes", async ({ server, office, phones }) => {
  const first = await phones();
  const colleague = office.notInYet[0];
  await joinOffice(first, server, office, colleague.display_name);
  const second = await first.context().newPage();
  await second.clock.install({ time: new Date("2026-11-25T09:30:00+01:00") });
  await second.goto(server.url);
  await expect(second.getByTestId("check-in")).toBeVisible();
  const held = () => first.evaluate(async () => (await navigator.locks.query()).held.filter((l) => l.name === "oasis-office-sync").length);
  const waiting = () => first.evaluate(async () => (await navigator.locks.query()).pending.filter((l) => l.name === "oasis-office-sync").length);
  await expect.poll(held).toBe(1);
  await expect.poll(waiting).toBe(1);

  // The second tab writes; the first (syncing) sends it.
  await second.getByTestId("check-in").click();
  await expect(first.getByTestId("checked-in")).toBeVisible();
  const onServer = async (type) => {
    const response = await fetch(`${office.url}/${office.db}/_changes?include_docs=true`, { headers: { authorization: office.auth } });
    const { results } = await response.json();
    return results.filter((r) => r.id.startsWith(`${type}:`) && r.doc.record?.person_id === colleague.person_id && r.doc.record?.day === "2026-11-25").length;
  };
  await expect.poll(() => onServer("checkins")).toBe(1);

  // The first tab closes: the second takes over and its writes go out.
  await first.close();
  await expect.poll(() => second.evaluate(async () => (await navigator.locks.query()).held.length)).toBe(1);
  await second.getByTestId("check-out").click();
  await expect.poll(() => onServer("checkins")).toBe(2);
});

test("export on one device, restore on a fresh one: the same screens", async ({ page, server, phones }) => {
  await page.goto(server.url);
  await page.getByRole("button", { name: "Explore the demo office" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible();
  await page.getByTestId("check-in").click();
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  await page.getByRole("link", { name: "More" }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-backup").click()]);
  expect(file.suggestedFilename()).toBe("oasis-backup-2026-11-25.json");
  const path = await file.path();
  await page.getByRole("link", { name: "Books" }).click();
  await expect(page.getByTestId("book-count")).toHaveText("60 books");
  const myBooks = await page.getByTestId("my-loans-badge").textContent();

  // The fresh device's first visit lost the connection before the backup
  // code (a chunk of its own) reached it: choosing a file says so, and
  // nothing is stored.
  const putBack = await takeChunkAway(server, "backup");
  const fresh = await phones();
  await fresh.goto(server.url);
  await fresh.getByLabel("Import a backup or another device's export").setInputFiles(path);
  await expect(fresh.getByTestId("backup-problem")).toHaveText("Backups need a connection once: this part of Oasis is not on this device yet. Nothing was changed. Connect, then try again.");
  await expect(fresh.getByTestId("backup-ready")).toHaveCount(0);
  await expect(fresh.getByRole("heading", { name: "Welcome to Oasis" })).toBeVisible();
  await putBack();
  // A file that is not a backup next: refused, nothing stored.
  await fresh.getByLabel("Import a backup or another device's export").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"todo":["milk"]}') });
  await expect(fresh.getByTestId("backup-problem")).toHaveText("This file is not an Oasis backup. Nothing was imported.");
  const truncated = (await import("node:fs")).readFileSync(path, "utf8").slice(0, 5000);
  await fresh.getByLabel("Import a backup or another device's export").setInputFiles({ name: "cut.json", mimeType: "application/json", buffer: Buffer.from(truncated) });
  await expect(fresh.getByTestId("backup-problem")).toContainText("cut off before its end");
  // A file edited by hand, with what no form takes: each record named with
  // its field and the form's rule; nothing stored (the last import below
  // finds every record new).
  const tampered = JSON.parse((await import("node:fs")).readFileSync(path, "utf8"));
  const book = tampered.records.books[0];
  book.title = "x".repeat(20_000);
  tampered.records.people[1].name = "Eve \u202Enimda";
  tampered.records.meal_sets[0].daily_stock = -5;
  await fresh.getByLabel("Import a backup or another device's export").setInputFiles({ name: "edited.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(tampered)) });
  const problem = fresh.getByTestId("backup-problem");
  await expect(problem).toContainText("3 records in this file are unusable, so nothing was imported: ");
  await expect(problem).toContainText(`books #1 (${book.meta.id}): its title is not one the app could have saved (At most 300 characters.)`);
  await expect(problem).toContainText("meal_sets #1: does not fit its kind (invalid value: integer `-5`, expected u32)");
  await expect(problem).toContainText(`people #2 (${tampered.records.people[1].meta.id}): its name is not one the app could have saved (Remove invisible or control characters.)`);
  await expect(problem).not.toContainText("column");

  await fresh.getByLabel("Import a backup or another device's export").setInputFiles(path);
  await expect(fresh.getByTestId("backup-ready")).toContainText("new here, 0 newer than here, 0 already here");
  await fresh.getByRole("button", { name: "Merge them" }).click();
  await expect(fresh.getByRole("heading", { name: "Hello, Camille Laurent" })).toBeVisible();
  await expect(fresh.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  await fresh.getByRole("link", { name: "Books" }).click();
  await expect(fresh.getByTestId("book-count")).toHaveText("60 books");
  await expect(fresh.getByTestId("my-loans-badge")).toHaveText(myBooks);

  // Importing the same file again changes nothing.
  await fresh.getByRole("link", { name: "More" }).click();
  await fresh.getByLabel("Import a backup or another device's export").setInputFiles(path);
  await expect(fresh.getByTestId("backup-ready")).toContainText("0 new here, 0 newer than here");
});

test("a reception tablet joins with the kiosk account: it checks anyone in, and may write nothing else", async ({ server, office, phones }) => {
  const tablet = await phones();
  await tablet.goto(server.url);
  await tablet.getByLabel("Server").fill(office.url);
  await tablet.getByLabel("Office", { exact: true }).fill(office.db);
  await tablet.getByLabel("Account").fill("kiosk");
  await tablet.getByLabel("Password").fill(office.password);
  await tablet.getByRole("button", { name: "Join the office" }).click();
  await expect(tablet.getByRole("heading", { name: "Welcome to Paris office" })).toBeVisible({ timeout: 30_000 });
  // Whoever sets the tablet up chooses the PIN that takes it out of kiosk
  // mode, before it serves: no passer-by can choose one later.
  await expect(tablet.getByTestId("kiosk-pin-first")).toBeVisible();
  await expect(tablet.getByLabel("Find your name")).toHaveCount(0);
  await expect(tablet.getByRole("button", { name: "Leave kiosk mode" })).toHaveCount(0);
  await tablet.getByLabel("New PIN", { exact: true }).fill("482913");
  await tablet.getByLabel("New PIN again").fill("482913");
  await tablet.getByRole("button", { name: "Save the PIN" }).click();
  const colleague = office.notInYet[0];
  await tablet.getByLabel("Find your name").fill(colleague.display_name);
  await tablet.getByTestId("kiosk-names").getByRole("button", { name: colleague.display_name }).click();
  await tablet.getByRole("button", { name: "Check in" }).click();
  await expect(tablet.getByTestId("kiosk-welcome")).toContainText("checked in at 09:30");
  // On the server, by the kiosk.
  await expect
    .poll(async () => {
      const response = await fetch(`${office.url}/${office.db}/_changes?include_docs=true`, { headers: { authorization: office.auth } });
      const { results } = await response.json();
      return results.filter((r) => r.doc.record?.person_id === colleague.person_id && r.doc.record?.day === "2026-11-25").map((r) => r.doc.record.method);
    })
    .toEqual(["kiosk"]);
  // The kiosk account's session may not write a book.
  const refused = await tablet.evaluate(
    async ({ url, db }) => {
      const response = await fetch(`${url}/${db}/_bulk_docs`, {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ docs: [{ _id: "books:K1", record: { meta: { id: "K1", created_at: 0, updated_at: 0, device_id: "k" }, title: "x", authors: [], copies: 1 } }] }),
      });
      return response.json();
    },
    { url: office.url, db: office.db },
  );
  expect(refused[0]).toMatchObject({ error: "forbidden", reason: "A kiosk writes check-ins only." });

  // Leaving takes that PIN; the kiosk's account being nobody's, the tablet
  // then offers only to be the kiosk again (not a "joining" without end).
  await tablet.getByRole("button", { name: "Leave kiosk mode" }).click();
  await expect(tablet.getByTestId("set-pin")).toHaveCount(0);
  await tablet.getByLabel("PIN", { exact: true }).fill("482913");
  await tablet.getByRole("button", { name: "Unlock" }).click();
  await expect(tablet.getByTestId("kiosk-account")).toBeVisible();
  await expect(tablet.getByTestId("joining")).toHaveCount(0);
  await tablet.getByRole("button", { name: "Back to kiosk mode" }).click();
  await expect(tablet.getByLabel("Find your name")).toBeVisible();
});
