// The lab's service worker: keeps one version of the whole site in the browser's cache, so
// every lesson, the docs page and the course-notes example load with the network off.
//
// The release build fills VERSION (a hash of every file) and FILES (every file's path,
// relative to this script) in; see scripts/offline.mjs. A new build is a new VERSION, so the
// browser installs a new worker, which fetches the new files into a cache of its own and
// waits: the pages open keep the version they started with (their JS and wasm both come from
// one cache), until the page asks the new worker to take over and reloads.

const VERSION = '__VERSION__';
const FILES = __FILES__;
const SCOPE = self.registration.scope;
const PREFIX = `descent ${SCOPE} `;
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  // Older versions of this site (same scope) go; other sites' caches on the origin stay.
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))));
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

/** The cached file for a request's URL: a folder means its index.html; search and hash are ignored. */
function fileOf(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  return u.href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(fileOf(request.url)))
    .then((hit) => hit ?? fetch(request)));
});
