import { useEffect } from 'react';
import { SERVICE_WORKER_IDLE_MS } from '../../lab/serviceWorkerTiming';
import { registerServiceWorker } from '../boundary/serviceWorker';

/**
 * Registers the service worker (offline use, "Reload to update") once the lab has been idle for
 * SERVICE_WORKER_IDLE_MS, so that its install stays out of the calibration; `busy` going true
 * again before then puts it off until the lab is idle once more. It registers once per page (again
 * after a failed try); a run started while it installs waits for it (serviceWorkerSettled).
 */
export function useServiceWorkerWhenIdle(busy: boolean): void {
  useEffect(() => {
    if (busy) return;
    const timer = setTimeout(registerServiceWorker, SERVICE_WORKER_IDLE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [busy]);
}
