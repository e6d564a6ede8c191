import { INSTALL_WAIT_LIMIT_MS } from '../../lab/serviceWorkerTiming';
import { pendingWork } from '../../lab/pendingWork';
import { pageTimers } from './pageTimers';

/**
 * The service worker (src/serviceWorker/) from the page's side: registered in the production build
 * only, through workbox-window, once the lab is idle (useServiceWorkerWhenIdle); runs wait for an
 * install under way (serviceWorkerSettled); it says when a new version of the lab waits, and
 * applies it on request. A browser that refuses service workers (private windows, a test that
 * blocks them) or a failed registration changes nothing: the page works as it did without.
 */

/** Applies the waiting version: it takes over, and the page reloads under it. */
export type ApplyUpdate = () => void;

let waitingUpdate: ApplyUpdate | null = null;
const listeners = new Set<() => void>();

/** A registration was asked for and has not failed: one that failed is tried again the next time the lab is idle. */
let registrationStarted = false;
/** The registration and the install it started (or a new version's), while under way. */
const install = pendingWork(pageTimers);
/** The installing workers already kept in `install`, so that each is waited for against one limit. */
const trackedWorkers = new WeakSet<ServiceWorker>();

/** Settles once `worker` has left the installing state: installed, activated, or redundant after a failed install. */
function installEnded(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (worker.state === 'parsed' || worker.state === 'installing') return;
      worker.removeEventListener('statechange', check);
      resolve();
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

/**
 * Keeps `worker`'s install in `install` until it ends, once per worker, so that each is waited for
 * against one limit. A first install that failed (a precache fetch failed, nothing took charge)
 * lets the next idle time register again, and the browser then tries the install again: asked of
 * the browser once the worker is redundant, since the registration's own fields may not have
 * caught up yet in the same task (a registration left with no worker is removed).
 */
function trackWorker(worker: ServiceWorker): void {
  if (trackedWorkers.has(worker)) return;
  trackedWorkers.add(worker);
  install.track(
    installEnded(worker).then(async () => {
      if (worker.state !== 'redundant') return;
      const registration = await navigator.serviceWorker.getRegistration(import.meta.env.BASE_URL).catch(() => undefined);
      if (!registration?.active && !registration?.waiting && !registration?.installing) registrationStarted = false;
    }),
  );
}

/** Registers the built service worker, once however often it is called (again after a failure); silent wherever it cannot. */
export function registerServiceWorker(): void {
  if (registrationStarted || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registrationStarted = true;
  install.track(
    import('workbox-window')
      .then(async ({ Workbox }) => {
        const workbox = new Workbox(`${import.meta.env.BASE_URL}serviceWorker.js`, { scope: import.meta.env.BASE_URL });
        workbox.addEventListener('waiting', () => {
          setWaitingUpdate(() => {
            workbox.addEventListener('controlling', () => window.location.reload());
            workbox.messageSkipWaiting();
          });
        });
        const registration = await workbox.register();
        if (!registration) return;
        // A new version found later (the browser checks at each load) installs in the background as well.
        registration.addEventListener('updatefound', () => {
          if (registration.installing) trackWorker(registration.installing);
        });
        // A run already waiting for the registration waits for this install next (pendingWork's `settled`).
        if (registration.installing) trackWorker(registration.installing);
      })
      .catch(() => {
        // No service worker: the page is served as before, without offline use, until a try succeeds.
        registrationStarted = false;
      }),
  );
}

/**
 * Resolves at once where no registration or install of the service worker is under way, else once
 * it has ended or INSTALL_WAIT_LIMIT_MS after the first wait for it (a registration and the install
 * it starts count as one): each run waits for it before
 * its clock starts, so that an install (about 0.27 s of the browser's CPU in Chromium) does not
 * share the cores with a measurement, and a slow network holds runs back once at most. A new
 * version the browser found itself at load (before this page registers) counts too.
 */
export function serviceWorkerSettled(): Promise<void> {
  const settled = () => install.settled(INSTALL_WAIT_LIMIT_MS);
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return settled();
  return navigator.serviceWorker.getRegistration(import.meta.env.BASE_URL).then(
    (registration) => {
      if (registration?.installing) trackWorker(registration.installing);
      return settled();
    },
    settled,
  );
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
