// The studio's service worker (scope /studio): keeps the app shell (the page, its style sheet, module
// and icons) so that the app opens without a network and says it is offline. The shell is asked from
// the network first (a new version arrives at once) and taken from the cache only when that fails;
// the API is never cached: what a provider sees of bookings is what the platform answers now.
const CACHE = 'calisera-studio-v1';
const SHELL = [
  '/studio', '/assets/calisera.css', '/assets/studio.js', '/assets/studio.css', '/assets/common.js',
  '/assets/studio-icon.svg', '/assets/studio-192.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  const shell = url.pathname;
  if (!SHELL.includes(shell)) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(shell, copy));
      }
      return response;
    })
    .catch(() => caches.match(shell)));
});
