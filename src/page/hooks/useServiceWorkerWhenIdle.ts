import { useEffect } from 'react';
import { SERVICE_WORKER_IDLE_MS } from '../../lab/serviceWorkerTiming';
import { registerServiceWorker } from '../boundary/serviceWorker';

/**
 * Registers the service worker (offline use, "Reload to update") once the lab has been idle for
 * SERVICE_WORKER_IDLE_MS, so that its install takes nothing from a measurement; `busy` going true
 * again before then puts it off until the lab is idle once more. It registers once per page.
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
