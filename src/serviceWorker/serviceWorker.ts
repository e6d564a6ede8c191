import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setDefaultHandler } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import { pathInScope, withSecurityHeaders } from './securedResponse';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };
/** Pyodide's version (node_modules/pyodide/package.json), defined by the service worker's build (vite.config.ts). */
declare const __PYODIDE_VERSION__: string;

/** Where Pyodide's files are served under the scope (src/page/boundary/pythonRuntime.ts). */
const PYODIDE_PATH = '/pyodide/';
const PYODIDE_CACHE_PREFIX = 'pyodide-';
/** Pyodide's 13 MB, kept once Python has been loaded, apart from the app: a new version of the app keeps it, a new Pyodide replaces it. */
const PYODIDE_CACHE = `${PYODIDE_CACHE_PREFIX}${__PYODIDE_VERSION__}`;

const scopedPath = (url: string) => pathInScope(url, self.registration.scope);

/** Every response this service worker serves gets the headers of src/shared/securityHeaders.ts, whatever the server sent (or none). */
const securityHeadersPlugin: WorkboxPlugin = {
  handlerWillRespond: ({ request, response }) => Promise.resolve(withSecurityHeaders(response, scopedPath(request.url))),
};

// The built app (its HTML, scripts, styles and icon), fetched at install; the new version's waits until the page says "Reload to update".
addPlugins([securityHeadersPlugin]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Any link into the lab (?workers=…, #…) opens index.html: the page reads its own link.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && scopedPath(url.href).startsWith(PYODIDE_PATH),
  // The page fetches them, then each Python worker imports them again (a request with an Origin): the servers' `Vary: Origin` must not make that a miss.
  new CacheFirst({ cacheName: PYODIDE_CACHE, matchOptions: { ignoreVary: true }, plugins: [securityHeadersPlugin] }),
);
// Whatever else the app asks for goes to the network, and comes back with the headers too.
setDefaultHandler(new NetworkOnly({ plugins: [securityHeadersPlugin] }));

// The first install takes the open page at once, so a Python loaded on the first visit is kept; an update waits (no skipWaiting on install).
clientsClaim();

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((name) => name.startsWith(PYODIDE_CACHE_PREFIX) && name !== PYODIDE_CACHE).map((name) => caches.delete(name)))),
  );
});

// "Reload to update" (src/page/components/UpdateNotice.tsx): the waiting version takes over, then the page reloads.
self.addEventListener('message', (event) => {
  if (isSkipWaiting(event.data)) void self.skipWaiting();
});

function isSkipWaiting(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING';
}
