import { useEffect } from 'react';
import { SERVICE_WORKER_IDLE_MS } from '../../lab/serviceWorkerTiming';
import { registerServiceWorker } from '../boundary/serviceWorker';

/**
 * Registers the service worker (offline use, "Reload to update") once the lab has been idle for
 * SERVICE_WORKER_IDLE_MS, so that its install stays out of the calibration; `busy` going true
 * again before then puts it off until the lab is idle once more, as does `busyNow()` (a run already
 * started in the same moment, before React has drawn it). It registers once per page (again
 * after a failed try); a run started while it installs waits for it (serviceWorkerSettled).
 */
export function useServiceWorkerWhenIdle(busy: boolean, busyNow: () => boolean): void {
  useEffect(() => {
    if (busy) return;
    // A run clicked just before the timer fires is going before the page has drawn it (and cleared the timer): wait again.
    let timer: ReturnType<typeof setTimeout>;
    const registerWhenIdle = () => {
      if (busyNow()) timer = setTimeout(registerWhenIdle, SERVICE_WORKER_IDLE_MS);
      else registerServiceWorker();
    };
    timer = setTimeout(registerWhenIdle, SERVICE_WORKER_IDLE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [busy, busyNow]);
}
