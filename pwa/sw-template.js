/* Pruning Lab service worker (generated at build time from pwa/sw-template.js).
 * Cache-first for same-origin GETs; the app shell, assets, wasm, demo models and data are
 * precached on install, so after one visit the lab opens and runs offline. */
const CACHE = 'pruning-lab-__VERSION__';
const PRECACHE = /* __PRECACHE__ */ [];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('pruning-lab-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Static hosts cannot send headers: the worker adds the isolation headers (the same pair as
// pwa/isolation-headers.ts) so the page is cross-origin isolated and wasm runs threaded.
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function withIsolation(response) {
  if (response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // A page URL's query (?backend=, ?model=) selects settings, not a different document.
  const navigate = request.mode === 'navigate';
  const hit = await cache.match(navigate ? new URL('./', self.registration.scope).href : request, {
    ignoreSearch: navigate,
    // A module import (from a worker) sends Origin and the server answers Vary: Origin; the
    // precached copy was fetched without it, so Vary would make every such import miss offline.
    ignoreVary: true,
  });
  if (hit) return withIsolation(hit);
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') cache.put(request, response.clone());
  return withIsolation(response);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(cacheFirst(request));
});
