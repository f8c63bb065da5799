// Opens the admin tools the way a person does (More, then the device's
// admin PIN: set the first time, typed after a reload).
const PIN = "482913";

export async function unlockAdmin(page) {
  await page.getByRole("link", { name: "More" }).click();
  const link = page.getByTestId("admin-link");
  const setPin = page.getByTestId("set-pin");
  const prompt = page.getByTestId("pin-prompt");
  await link.or(setPin).or(prompt).first().waitFor();
  if (await setPin.isVisible()) {
    await page.getByLabel("New PIN", { exact: true }).fill(PIN);
    await page.getByLabel("New PIN again").fill(PIN);
    await page.getByRole("button", { name: "Save the PIN" }).click();
  } else if (await prompt.isVisible()) {
    await page.getByLabel("PIN", { exact: true }).fill(PIN);
    await page.getByRole("button", { name: "Unlock" }).click();
  }
  await link.waitFor();
}
