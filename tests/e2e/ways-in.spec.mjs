// The other ways in: the door code, the reception kiosk, the personal pass,
// and the admin PIN that guards admin screens, the door display and
// leaving kiosk mode. The demo office, a phone viewport, the office clock
// at 09:30 on Wednesday 25 November 2026.
import { createHmac } from "node:crypto";
import { test, expect, openDemo, records, adminView, playAs, ADMIN_PIN } from "./fixtures.mjs";

/** The demo's people not checked in today, by name. */
async function notInToday(page) {
  const people = await records(page, "people");
  const checkins = await records(page, "checkins");
  const inToday = new Set(checkins.filter((c) => c.day === "2026-11-25").map((c) => c.person_id));
  return people.filter((p) => !inToday.has(p.meta.id) && p.name !== "Camille Laurent");
}

/** The check-in of a person today, as stored. */
async function checkinOf(page, personId) {
  return (await records(page, "checkins")).filter((c) => c.day === "2026-11-25" && c.person_id === personId && c.kind === "in");
}

/** The door code the admin's display shows now. */
async function doorCode(page) {
  await page.goto(page.url().replace(/\/[^/]*$/, "") + "/admin/door");
  await expect(page.getByTestId("door-code")).toHaveText(/^[2-9A-HJKMNP-Z]{6}$/);
  return page.getByTestId("door-code").textContent();
}

test("the admin shows today's door code; a phone types it and is checked in by the door code; wrong and old codes are refused", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.goto(server.url + "/admin/door");
  const code = (await page.getByTestId("door-code").textContent()).trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await expect(page.locator("svg.qr")).toBeVisible();

  const [someone] = await notInToday(page);
  await playAs(page, someone.name);
  await page.getByRole("link", { name: "Today" }).click();
  await page.getByTestId("door-link").click();
  const field = page.getByLabel("Door code");
  const submit = page.getByTestId("door-form").getByRole("button", { name: "Check in" });
  for (const [typed, message] of [
    ["ABC", "A door code is six letters and digits, like M79 9QK."],
    [code === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ", "This is not the door's code now (a typo, or another day's code). Nothing was saved."],
  ]) {
    await field.fill(typed);
    await submit.click();
    await expect(page.locator("#door-code-error")).toHaveText(message);
    // What was typed stays, to be corrected.
    await expect(field).toHaveValue(typed);
  }
  expect(await checkinOf(page, someone.meta.id)).toEqual([]);

  // Lower case and a space are fine.
  await field.fill(code.slice(0, 3).toLowerCase() + " " + code.slice(3));
  await submit.click();
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  const [stored] = await checkinOf(page, someone.meta.id);
  expect(stored.method).toBe("door_code");

  // Tomorrow, today's code is refused.
  await page.clock.fastForward("24:00:00");
  await playAs(page, (await notInToday(page))[1].name);
  await page.goto(server.url + "/door");
  await page.getByLabel("Door code").fill(code);
  await page.getByTestId("door-form").getByRole("button", { name: "Check in" }).click();
  await expect(page.locator("#door-code-error")).toContainText("another day's code");
});

test("opening the door's QR link checks in by the door code", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const code = (await doorCode(page)).trim();
  const [someone] = await notInToday(page);
  await playAs(page, someone.name);
  await page.goto(`${server.url}/?door=${code}`);
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  expect((await checkinOf(page, someone.meta.id))[0].method).toBe("door_code");
  await expect(page).toHaveURL(server.url + "/");
});

/** A camera that shows nothing (its streams kept in `window.__streams`),
 *  and a QR detector that sees `window.__qr`. */
async function fakeCamera(page) {
  await page.addInitScript(() => {
    window.__qr = null;
    window.__streams = [];
    globalThis.BarcodeDetector = class {
      async detect() {
        return window.__qr ? [{ rawValue: window.__qr, format: "qr_code" }] : [];
      }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement("canvas");
      canvas.getContext("2d").fillRect(0, 0, 10, 10);
      const stream = canvas.captureStream(5);
      window.__streams.push(stream);
      return stream;
    };
  });
}

/** A person's pass as the app signs it, computed here from the office's key. */
async function passOf(page, person, number = person.pass_number ?? 1) {
  const settings = await records(page, "settings");
  const secret = Buffer.from(settings.find((s) => s.meta?.id === "office").door_secret, "hex");
  const mac = createHmac("sha256", secret).update(`oasis-pass:${person.meta.id}:${number}`).digest();
  let bits = 0n;
  for (const byte of mac.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let signature = "";
  for (let i = 15; i >= 0; i--) signature += alphabet[Number((bits >> BigInt(5 * i)) & 31n)];
  return `OASIS-PASS:1:${person.meta.id}:${number}:${signature}`;
}

test("the kiosk: a name found without accents checks in, then the screen starts over; leaving needs the PIN", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const someone = (await notInToday(page)).find((p) => /[À-ÿ]/.test(p.name)) ?? (await notInToday(page))[0];
  await page.getByTestId("start-kiosk").click();
  await expect(page.getByRole("heading", { name: "Welcome to Paris office" })).toBeVisible();
  // No tab bar, no other screen.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  const plain = someone.name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
  await page.getByLabel("Find your name").fill(plain);
  await page.getByTestId("kiosk-names").getByRole("button", { name: someone.name }).click();
  await page.getByRole("button", { name: "Check in" }).click();
  const first = someone.name.split(" ")[0];
  await expect(page.getByTestId("kiosk-welcome")).toHaveText(`Welcome, ${first} — checked in at 09:30`);
  expect((await checkinOf(page, someone.meta.id))[0].method).toBe("kiosk");
  await page.clock.fastForward(5_000);
  await expect(page.getByLabel("Find your name")).toHaveValue("");
  // Nothing for odd input.
  await page.getByLabel("Find your name").fill("\u200b\u202e ");
  await expect(page.getByTestId("kiosk-names").getByRole("button")).toHaveCount(0);
  // A name picked and left: the next visitor finds the search, not one tap
  // from checking that person in.
  const [other] = (await notInToday(page)).filter((p) => p.meta.id !== someone.meta.id);
  await page.getByLabel("Find your name").fill(other.name);
  await page.getByTestId("kiosk-names").getByRole("button", { name: other.name }).click();
  const checkIn = page.getByRole("button", { name: "Check in", exact: true });
  await expect(checkIn).toBeVisible();
  await page.clock.fastForward(15_000);
  await expect(checkIn, "still theirs a while").toBeVisible();
  await page.clock.fastForward(6_000);
  await expect(checkIn).toHaveCount(0);
  await expect(page.getByLabel("Find your name")).toHaveValue("");
  expect(await checkinOf(page, other.meta.id)).toEqual([]);

  // A reload stays a kiosk; leaving asks for the PIN.
  await page.reload();
  await expect(page.getByTestId("kiosk")).toBeVisible();
  await page.getByRole("button", { name: "Leave kiosk mode" }).click();
  // An empty PIN is not a try.
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.locator("#admin-pin-error")).toHaveText("Required.");
  await page.getByLabel("PIN", { exact: true }).fill("000001");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.locator("#admin-pin-error")).toHaveText("Wrong PIN.");
  await expect(page.getByTestId("kiosk")).toBeVisible();
  await page.getByLabel("PIN", { exact: true }).fill(ADMIN_PIN);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("a pass shown to the kiosk checks its owner in; a forged or replaced pass is refused", async ({ page, server }) => {
  await fakeCamera(page);
  await openDemo(page, server);
  await adminView(page);
  const [owner, other] = await notInToday(page);

  // The admin replaces the other's pass: their first one stops working.
  await page.goto(server.url + "/admin/people");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByLabel("Find someone").fill(other.name);
  await page.getByTestId("people-passes").getByRole("button", { name: "Replace the pass" }).click();
  await expect(page.getByTestId("people-passes")).toContainText("pass no. 2");

  await page.goto(server.url + "/more");
  await page.getByTestId("start-kiosk").click();
  const show = async (text) => {
    await page.evaluate((t) => (window.__qr = t), text);
    await page.getByRole("button", { name: "Show your pass" }).click();
  };
  await show((await passOf(page, owner)).replace(/.{4}$/, "AAAA"));
  await expect(page.getByTestId("kiosk-problem")).toHaveText("This pass is not valid for this office.");
  await show(await passOf(page, other, 1));
  await expect(page.getByTestId("kiosk-problem")).toHaveText("This pass was replaced: show your new one (in the app, My pass).");
  await show("https://example.com/?door=ABCDEF");
  await expect(page.getByTestId("kiosk-problem")).toHaveText("This is not an Oasis pass.");
  expect(await checkinOf(page, owner.meta.id)).toEqual([]);

  await show(await passOf(page, owner));
  await expect(page.getByTestId("kiosk-welcome")).toHaveText(`Welcome, ${owner.name.split(" ")[0]} — checked in at 09:30`);
  expect((await checkinOf(page, owner.meta.id))[0].method).toBe("pass");
});

test("the camera goes off when scanning stops: on Stop, and on a page left mid-scan even as the next page's scan starts", async ({ page, server }) => {
  await fakeCamera(page);
  // A detector that answers only when the test says: a scan held mid-look.
  await page.addInitScript(() => {
    window.__looking = [];
    globalThis.BarcodeDetector = class {
      detect() {
        return new Promise((answer) => window.__looking.push(() => answer([])));
      }
    };
  });
  await openDemo(page, server);
  await adminView(page);
  const cameras = () => page.evaluate(() => window.__streams.map((s) => s.getVideoTracks()[0].readyState));
  const answerLooks = () => page.evaluate(() => window.__looking.splice(0).forEach((answer) => answer()));
  const scanDoor = page.getByRole("button", { name: "Scan the door code" });

  await page.goto(server.url + "/door");
  await scanDoor.click();
  await expect.poll(cameras).toEqual(["live"]);
  await page.getByRole("button", { name: "Stop" }).click();
  await answerLooks();
  await expect.poll(cameras).toEqual(["ended"]);
  await expect(scanDoor).toBeVisible();

  // Scanning the door again, the admin goes (in the app) to a new book and
  // scans its barcode while the door's scan is still looking.
  await scanDoor.click();
  await expect.poll(cameras).toEqual(["ended", "live"]);
  // Mid-look: its camera on is not enough (the video may not play yet, and
  // a scan stopped before its first look ends at once, with no look to wait for).
  await expect.poll(() => page.evaluate(() => window.__looking.length)).toBe(1);
  await page.evaluate(() => {
    const link = Object.assign(document.createElement("a"), { href: "/admin/books/new" });
    document.body.append(link);
    link.click();
  });
  await page.getByRole("button", { name: "Scan the barcode" }).click();
  await expect.poll(cameras).toEqual(["ended", "live", "live"]);
  // The door's scan sees that it was stopped; the barcode's goes on.
  await answerLooks();
  await expect.poll(cameras).toEqual(["ended", "ended", "live"]);
  await page.getByRole("button", { name: "Stop" }).click();
  await answerLooks();
  await expect.poll(cameras).toEqual(["ended", "ended", "ended"]);
});

test("my pass shows a QR code with my name", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByTestId("pass-link").click();
  await expect(page.getByTestId("my-pass")).toContainText("Camille Laurent");
  await expect(page.getByTestId("my-pass").locator("svg.qr")).toBeVisible();
});

test("admin screens need the PIN: by address too, weak PINs refused, wrong tries wait longer even after a reload, idle locks", async ({ page, server }) => {
  await openDemo(page, server);
  await page.goto(server.url + "/admin/attendance");
  await expect(page.getByTestId("set-pin")).toBeVisible();
  await expect(page.getByTestId("headcount-chart")).toHaveCount(0);
  const setPin = async (pin, again = pin) => {
    await page.getByLabel("New PIN", { exact: true }).fill(pin);
    await page.getByLabel("New PIN again").fill(again);
    await page.getByRole("button", { name: "Save the PIN" }).click();
  };
  for (const [pin, again, message] of [
    ["12345", "12345", "At least 6 digits."],
    ["111111", "111111", "Too easy to guess: no repeated digit or run like 123456."],
    ["123456", "123456", "Too easy to guess: no repeated digit or run like 123456."],
    ["48a913", "48a913", "Digits only."],
    [ADMIN_PIN, "482914", "The two PINs differ."],
  ]) {
    await setPin(pin, again);
    await expect(page.locator("#new-pin-error")).toHaveText(message);
  }
  await setPin(ADMIN_PIN);
  await expect(page.getByTestId("headcount-chart")).toBeVisible();
  // The PIN is kept only as a salted hash.
  const device = (await records(page, "settings")).find((s) => s.device_id);
  expect(JSON.stringify(device)).not.toContain(ADMIN_PIN);
  expect(device.admin_pin.iterations).toBe(600000);

  // Locked: five wrong tries.
  await page.getByRole("link", { name: "More" }).click();
  await page.getByTestId("lock-admin").click();
  await page.goto(server.url + "/admin/books");
  const pinField = page.getByLabel("PIN", { exact: true });
  const tryPin = async (pin) => {
    await pinField.fill(pin);
    await page.getByRole("button", { name: "Unlock" }).click();
  };
  // A refused try is over once the field is emptied for the next one (the
  // check takes a while: a PIN typed before would be wiped, and sent empty).
  const refusedTry = async (pin) => {
    await tryPin(pin);
    await expect(pinField).toHaveValue("");
  };
  for (let i = 0; i < 3; i++) {
    await refusedTry("000001");
    await expect(page.locator("#admin-pin-error")).toHaveText("Wrong PIN.");
  }
  await refusedTry("000001");
  await expect(page.locator("#admin-pin-error")).toHaveText("Too many wrong tries: wait 30 s before trying again.");
  await refusedTry("000001");
  await expect(page.locator("#admin-pin-error")).toContainText("Too many wrong tries: wait");
  // A reload does not reset the wait: even the right PIN waits.
  await page.reload();
  await refusedTry(ADMIN_PIN);
  await expect(page.locator("#admin-pin-error")).toContainText("Too many wrong tries: wait");
  await expect(page.getByRole("heading", { name: "Manage the bookshelf" })).toHaveCount(0);
  await page.clock.fastForward("00:31");
  await tryPin(ADMIN_PIN);
  await expect(page.getByTestId("pin-prompt")).toHaveCount(0);

  // Idle for six minutes: locked again.
  await page.clock.fastForward("06:00");
  await expect(page.getByTestId("pin-prompt")).toBeVisible();
});

test("a PIN change left while it is checked and saved changes it, and crashes nothing", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const storedPin = async () => JSON.stringify((await records(page, "settings")).find((s) => s.device_id).admin_pin);
  const first = await storedPin();
  await page.getByRole("button", { name: "Change the PIN" }).click();
  await page.getByLabel("Current PIN").fill(ADMIN_PIN);
  await page.getByLabel("New PIN", { exact: true }).fill("583017");
  await page.getByLabel("New PIN again").fill("583017");
  // Checking the old PIN and hashing the new take a while (600,000
  // PBKDF2 rounds each): the card is gone long before they end.
  await page.getByRole("button", { name: "Save the PIN" }).click();
  await page.getByRole("link", { name: "Today" }).click();
  // (Setting the first PIN said "PIN saved" too: the stored hash tells.)
  await expect.poll(storedPin, { timeout: 30_000 }).not.toBe(first);
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  // The new PIN opens the admin screens; the old one no longer does.
  await page.getByRole("link", { name: "More" }).click();
  await page.getByTestId("lock-admin").click();
  await page.getByLabel("PIN", { exact: true }).fill(ADMIN_PIN);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.locator("#admin-pin-error")).toHaveText("Wrong PIN.");
  await page.getByLabel("PIN", { exact: true }).fill("583017");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByTestId("admin-link")).toBeVisible();
});
