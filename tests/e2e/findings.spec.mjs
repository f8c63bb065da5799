// The small findings of issue 13's probe, each as the user met it.
import { test, expect, openDemo, adminView, records, countRecords } from "./fixtures.mjs";

test("More shows who I play as, not the list's first name", async ({ page, server }) => {
  await openDemo(page, server);
  await page.getByRole("link", { name: "More" }).click();
  await expect(page.locator("#switch-person option:checked")).toHaveText("Camille Laurent");
});

test("an ISBN edited onto another book's is refused and nothing is stored", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const live = (await records(page, "books")).filter((b) => !b.meta.deleted_at && b.isbn);
  const [book, other] = live;
  await page.goto(server.url + `/admin/books/${book.meta.id}/edit`);
  await expect(page.getByLabel("Title")).toHaveValue(book.title);
  await page.getByLabel("ISBN").fill(other.isbn);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#book-isbn-error")).toHaveText("Another book of the shelf has this ISBN: edit that one, or check the number.");
  const stored = (await records(page, "books")).find((b) => b.meta.id === book.meta.id);
  expect(stored.isbn).toBe(book.isbn);
});

test("a book whose ISBN reached the shelf after the form checked it is refused at the save, under the ISBN, and nothing is stored", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const isbn = "9780306406157";
  const books = await records(page, "books");
  expect(books.some((b) => b.isbn === isbn)).toBe(false);
  await page.goto(server.url + "/admin/books/new");
  await page.getByLabel("Title").fill("A new one");
  await page.getByLabel("ISBN").fill("978-0-306-40615-7");
  // Meanwhile a book with that ISBN is stored where this page does not
  // hear of it (as one from the office lands just before the save).
  const twin = { ...books.find((b) => !b.meta.deleted_at), isbn, title: "Arrived meanwhile" };
  twin.meta = { ...twin.meta, id: "01KB0TWIN0000000000000000" };
  await page.evaluate(
    (twin) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("oasis");
        open.onsuccess = () => {
          const tx = open.result.transaction("books", "readwrite");
          tx.objectStore("books").add(twin);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    twin,
  );
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#book-isbn-error")).toHaveText("Another book of the shelf has this ISBN: edit that one, or check the number.");
  await expect(page.getByLabel("ISBN")).toBeFocused();
  const withIsbn = (await records(page, "books")).filter((b) => b.isbn === isbn);
  expect(withIsbn.map((b) => b.title)).toEqual(["Arrived meanwhile"]);
});

test("a new book with an ISBN already on the shelf asks first, the question focused; copies added stay within 99 and count from then", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const book = (await records(page, "books")).find((b) => !b.meta.deleted_at && b.isbn);
  const stored = async () => (await records(page, "books")).find((b) => b.meta.id === book.meta.id);
  await page.goto(server.url + "/admin/books/new");
  await page.getByLabel("Title").fill("A second one");
  await page.getByLabel("ISBN").fill(book.isbn);
  await page.getByLabel("Copies").fill("99");
  await page.getByRole("button", { name: "Save" }).click();
  const addCopy = page.getByRole("button", { name: "Add a copy to it" });
  await expect(addCopy).toBeFocused();
  await addCopy.click();
  await expect(page.locator("#book-copies-error")).toHaveText("Enter a number from 1 to 99.");
  expect((await stored()).copies, "nothing stored").toBe(book.copies);

  await page.getByLabel("Copies").fill("1");
  await page.getByRole("button", { name: "Save" }).click();
  await addCopy.click();
  await expect.poll(async () => (await stored()).copies).toBe(book.copies + 1);
  expect((await stored()).copies_changes).toEqual([expect.objectContaining({ before: book.copies })]);
});

test("a new book added as a separate one beside a book with its ISBN is stored, and both stay editable", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  const book = (await records(page, "books")).find((b) => !b.meta.deleted_at && b.isbn);
  await page.goto(server.url + "/admin/books/new");
  await page.getByLabel("Title").fill("Another edition");
  await page.getByLabel("ISBN").fill(book.isbn);
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("button", { name: "Add as a separate book" }).click();
  await expect(page.locator(".details")).toBeVisible();
  const twins = async () => (await records(page, "books")).filter((b) => !b.meta.deleted_at && b.isbn === book.isbn);
  expect((await twins()).map((b) => b.title).sort()).toEqual(["Another edition", book.title].sort());
  // Editing either leaves the ISBN they share alone: saved.
  await page.goto(server.url + `/admin/books/${book.meta.id}/edit`);
  await expect(page.getByLabel("Title")).toHaveValue(book.title);
  await page.getByLabel("Shelf place").fill("Z9");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".details")).toContainText("Z9");
  expect((await twins()).find((b) => b.meta.id === book.meta.id).shelf).toBe("Z9");
});

test("one book to import is one book, not 1 books", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  await page.goto(server.url + "/admin/books/import");
  await page.getByLabel("Choose a CSV file").setInputFiles({ name: "one.csv", mimeType: "text/csv", buffer: Buffer.from('title\nPiranesi\n""\n') });
  await expect(page.getByTestId("import-plan")).toContainText("1 book ready to import.");
  await expect(page.getByTestId("import-plan")).toContainText("1 line will be left out");
  await page.getByRole("button", { name: "Import 1 book", exact: true }).click();
  await expect(page.getByText("Imported 1 book.")).toBeVisible();
});

test("with the device's clock outside 2000-2099, a check-in is refused with why, and made once the clock is right", async ({ page, server }) => {
  await openDemo(page, server);
  const before = await countRecords(page, "checkins");
  // A phone reset to 1969: its check-in would reach the office with a date
  // every other device refuses, so it would never count.
  await page.clock.setFixedTime(new Date("1969-12-31T09:30:00+01:00"));
  await page.reload();
  await page.getByTestId("check-in").click();
  await expect(page.locator(".notice.error")).toContainText("This device's date is wrong (outside 2000–2099), so nothing was saved");
  await expect(page.getByTestId("check-in")).toBeVisible();
  expect(await countRecords(page, "checkins")).toBe(before);
  await page.clock.setFixedTime(new Date("2026-11-25T09:30:00+01:00"));
  await page.reload();
  await page.getByTestId("check-in").click();
  await expect(page.getByTestId("checked-in")).toHaveText("Checked in at 09:30");
  expect(await countRecords(page, "checkins")).toBe(before + 1);
});

test("an editor's address for a record this device does not have says so, instead of a form that waits without end", async ({ page, server }) => {
  await openDemo(page, server);
  await adminView(page);
  for (const [path, words] of [
    ["/admin/books/no-such-id/edit", "This book is not on the shelf."],
    ["/admin/meals/no-such-id/edit", "This reservation or meal set was not found."],
    ["/admin/announcements/no-such-id/edit", "This announcement is no longer available."],
  ]) {
    await page.goto(server.url + path);
    await expect(page.getByTestId("not-found")).toHaveText(words);
    await expect(page.locator("fieldset.form-fields input").first()).toBeDisabled();
  }
  // A record that exists is edited as before, with no such notice.
  const book = (await records(page, "books")).find((b) => !b.meta.deleted_at);
  await page.goto(server.url + `/admin/books/${book.meta.id}/edit`);
  await expect(page.getByLabel("Title")).toHaveValue(book.title);
  await expect(page.getByTestId("not-found")).toHaveCount(0);
});
