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
