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
    event.respondWith(fromCache(SHELL).then((hit) => hit || fetch(request).catch(offline)));
    return;
  }
  event.respondWith(fromCache(request).then((hit) => hit || fetch(request).catch(offline)));
});

// What an uncached request gets with no network: a plain answer saying
// so (in the browser's language), not a network error.
function offline() {
  const french = (self.navigator.language || "").toLowerCase().startsWith("fr");
  const text = french
    ? "Oasis est hors ligne et ce fichier n'est pas enregistré sur cet appareil. Réessayez une fois en ligne."
    : "Oasis is offline and this file is not saved on this device. Try again once online.";
  return new Response(text, {
    status: 503,
    statusText: "Offline",
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}

// A tap on a notification opens its screen: an open Oasis window goes
// there (its router listens), otherwise a new window opens on it.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openScreen(event.notification.data?.url || "/"));
});

async function openScreen(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const app = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (app) {
    app.postMessage({ type: "open", url });
    // Focus needs the tap's user activation; without it, the app still
    // went to the screen.
    await app.focus().catch(() => {});
    return;
  }
  await self.clients.openWindow(url);
}

// Installed on Chromium, the app may be woken now and then with the app
// closed: show the reminders it scheduled in its inbox store and that are
// now due. The app decided everything else (what, when, quiet hours,
// preferences, the words); this only shows them, once.
const PERIODIC_TAG = "oasis-reminders";
// Mirrors domain::reminders::STALE_AFTER_MS: older reminders stay silent.
const STALE_AFTER_MS = 12 * 60 * 60 * 1000;

self.addEventListener("periodicsync", (event) => {
  if (event.tag === PERIODIC_TAG) event.waitUntil(showDueReminders());
});

async function showDueReminders() {
  if (Notification.permission !== "granted") return;
  const db = await request(indexedDB.open("oasis"));
  try {
    if (!db.objectStoreNames.contains("inbox")) return;
    const device = await request(db.transaction("settings").objectStore("settings").get("device"));
    if (!device?.person_id) return;
    const now = Date.now();
    const read = db.transaction(["inbox", "announcements"]);
    const entries = await request(read.objectStore("inbox").index("by_person").getAll(device.person_id));
    const announcements = new Map((await request(read.objectStore("announcements").getAll())).map((a) => [a.meta.id, a]));
    // An announcement withdrawn or expired since its entry was made stays
    // silent (as domain::reminders::to_notify decides in the app).
    const showing = (e) => {
      const id = e.reminder.announcement?.announcement_id;
      const a = id && announcements.get(id);
      return !id || (a && !a.meta.deleted_at && a.publish_at <= now && (a.expires_at == null || now < a.expires_at));
    };
    const due = entries.filter(
      (e) =>
        !e.meta.deleted_at && !e.dismissed_at && e.notify && !e.notified_at && e.fire_at <= now && e.fire_at >= now - STALE_AFTER_MS && showing(e),
    );
    const shown = [];
    for (const entry of due) {
      try {
        await self.registration.showNotification(entry.title, {
          body: entry.body,
          tag: entry.key,
          icon: "/icons/icon-192.png",
          badge: "/icons/maskable-192.png",
          data: { url: entry.url },
        });
        shown.push(entry.meta.id);
      } catch (error) {
        // Left unmarked: the next check or the app shows it.
        console.warn("reminder not shown", entry.key, error);
      }
    }
    if (shown.length) {
      // Marked on the stored versions, read again now: the app may have
      // changed them (read, dismissed) while these were being shown.
      const store = db.transaction("inbox", "readwrite").objectStore("inbox");
      for (const id of shown) {
        const entry = await request(store.get(id));
        if (entry && !entry.notified_at) {
          entry.notified_at = now;
          entry.meta.updated_at = now;
          store.put(entry);
        }
      }
      await request(store.transaction, "complete");
    }
  } finally {
    db.close();
  }
}

function request(target, event = "success") {
  return new Promise((resolve, reject) => {
    target.addEventListener(event, () => resolve(target.result));
    target.addEventListener("error", () => reject(target.error));
  });
}
