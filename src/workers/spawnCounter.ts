import { releaseProxy, wrap, type Remote } from 'comlink';
import type { CounterApi } from '../lab/types';

/** A counting worker as the page holds it. */
export interface CounterHandle {
  remote: Remote<CounterApi>;
  /** Rejects with one sentence when the worker fails outside any call (its script did not load, say). */
  failure: Promise<never>;
  /** Asks the count to stop, lets go of the proxy and terminates the worker. Safe to call twice. */
  dispose: () => void;
}

/** Starts one fresh counting worker, named for the developer tools: "Worker 1", "Worker 2", … */
export function spawnCounter(name: string): CounterHandle {
  const worker = new Worker(new URL('./counter.worker.ts', import.meta.url), { type: 'module', name });
  const remote = wrap<CounterApi>(worker);
  const failure = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new Error(`${name} failed: ${event.message || 'its script could not be loaded'}.`));
    });
    worker.addEventListener('messageerror', () => {
      reject(new Error(`${name} sent a message the page could not read.`));
    });
  });
  // Whoever races `failure` handles it; a worker that never fails must not warn.
  failure.catch(() => undefined);
  let disposed = false;
  return {
    remote,
    failure,
    dispose() {
      if (disposed) return;
      disposed = true;
      // The stop request ends the loop at its next chunk, where terminate() also takes
      // effect; a terminated worker answers nothing, so neither promise is awaited.
      remote.stop().catch(() => undefined);
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
