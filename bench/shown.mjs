// When an element first appeared, as the page saw it.
//
// Playwright's `waitFor` looks again after 0, 20, 50, 100 and 100 ms, then
// every 500 ms: a time taken when it returns is late by up to half a second,
// in steps (a 450 ms screen and a 950 ms one can be the same screen). So the
// page itself notes the moment each watched element is first in the
// document, with a MutationObserver installed before any of the page's own
// scripts, in the page's `performance.now()` (milliseconds since the
// navigation began). The bench reads that moment whenever it gets there.

/**
 * Watches every page of `context` for `watches`: `{ name: selector }`, or
 * `{ name: [selector, text] }` for an element that must also hold `text`
 * (any of the elements the selector finds).
 */
export async function watchShown(context, watches) {
  await context.addInitScript((watches) => {
    window.__shown = {};
    const look = () => {
      for (const [name, watch] of Object.entries(watches)) {
        if (name in window.__shown) continue;
        const [selector, text] = Array.isArray(watch) ? watch : [watch, null];
        const found = [...document.querySelectorAll(selector)].some((e) => text === null || e.textContent.includes(text));
        if (found) window.__shown[name] = performance.now();
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  }, watches);
}

/** When `name` first appeared in the page's current document (waits for it). */
export async function shownAt(page, name, timeout = 60_000) {
  const handle = await page.waitForFunction((name) => window.__shown?.[name], name, { timeout });
  return handle.jsonValue();
}

/**
 * Clicks the first `selector` (holding `text`, if given) from inside the
 * page, and returns when, in the page's clock.
 */
export const clickAt = (page, selector, text = null) =>
  page.evaluate(
    ([selector, text]) => {
      const target = [...document.querySelectorAll(selector)].find((e) => text === null || e.textContent.includes(text));
      const at = performance.now();
      target.click();
      return at;
    },
    [selector, text],
  );
