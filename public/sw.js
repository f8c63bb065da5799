// Oasis service worker: serves the app shell from the cache, so the app
// opens with no network. tools/stamp-sw.sh writes VERSION and PRECACHE at
// build time from the build's own (hashed) file names.
const VERSION = "__OASIS_VERSION__";
const PRECACHE = __OASIS_PRECACHE__;
const CACHE = `oasis-${VERSION}`;
const SHELL = "/index.html";
// The page posts this when the user taps "Reload" on "Update available".
const SKIP_WAITING = "skip-waiting";

self.addEventListener("install", (event) => {
  // `cache: "reload"` skips the HTTP cache: the precache is this version's.
  const requests = PRECACHE.map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
  // No skipWaiting(): an update waits until the user asks for it.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("oasis-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === SKIP_WAITING) self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every route of the app is the same shell; the app routes itself.
    event.respondWith(fromCache(SHELL).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(fromCache(request).then((hit) => hit || fetch(request)));
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}
