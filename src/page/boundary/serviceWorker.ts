/**
 * The service worker (src/serviceWorker/) from the page's side: registered in the production build
 * only, through workbox-window, once the lab is idle (useServiceWorkerWhenIdle); it says when a new
 * version of the lab waits, and applies it on request. A browser that refuses service workers
 * (private windows, a test that blocks them) or a failed registration changes nothing: the page
 * works as it did without.
 */

/** Applies the waiting version: it takes over, and the page reloads under it. */
export type ApplyUpdate = () => void;

let waitingUpdate: ApplyUpdate | null = null;
const listeners = new Set<() => void>();

let registering = false;

/** Registers the built service worker, once however often it is called; silent wherever it cannot. */
export function registerServiceWorker(): void {
  if (registering || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registering = true;
  import('workbox-window')
    .then(({ Workbox }) => {
      const workbox = new Workbox(`${import.meta.env.BASE_URL}serviceWorker.js`, { scope: import.meta.env.BASE_URL });
      workbox.addEventListener('waiting', () => {
        setWaitingUpdate(() => {
          workbox.addEventListener('controlling', () => window.location.reload());
          workbox.messageSkipWaiting();
        });
      });
      return workbox.register();
    })
    .catch(() => {
      // No service worker: the page is served as before, without offline use.
    });
}

function setWaitingUpdate(apply: ApplyUpdate): void {
  waitingUpdate = apply;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: called when a new version starts waiting. */
export function subscribeToUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The waiting version's "apply", or null while none waits. */
export function readWaitingUpdate(): ApplyUpdate | null {
  return waitingUpdate;
}
