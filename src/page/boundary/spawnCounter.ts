import { releaseProxy, wrap, type Remote } from 'comlink';
import type { CounterApi, KernelKind } from '../../lab/types';

/** A counting worker as the page holds it. */
export interface CounterHandle {
  /** "Worker 2", "Pool worker 3": how sentences about this worker name it. */
  name: string;
  remote: Remote<CounterApi>;
  /** Rejects with one sentence when the worker fails outside any call (its script did not load, an uncaught error). */
  failure: Promise<never>;
  /** Asks the count to stop, lets go of the proxy and terminates the worker. Safe to call twice. */
  dispose: () => void;
  /** The loop the page asks this worker to count with; without it, the faster in the worker's engine (`kernelFor`). */
  kernel?: KernelKind;
}

/**
 * What went wrong, as the end of a sentence: "Uncaught Error: The kernel broke." →
 * "The kernel broke."; an error type other than plain Error is kept ("TypeError: …").
 */
export function errorDetail(message: string | undefined, otherwise: string): string {
  const detail = (message ?? '')
    .trim()
    .replace(/^Uncaught\s+/, '')
    .replace(/^Error:\s*/, '')
    .replace(/[.\s]+$/, '');
  return `${detail || otherwise}.`;
}

/** Starts one fresh counting worker, named for the developer tools: "Worker 1", "Worker 2", …, to count with `kernel` if given. */
export function spawnCounter(name: string, kernel?: KernelKind): CounterHandle {
  const worker = new Worker(new URL('../../workers/counter/counter.worker.ts', import.meta.url), { type: 'module', name });
  const remote = wrap<CounterApi>(worker);
  const failure = new Promise<never>((_, reject) => {
    // A script that cannot be fetched fires a plain Event; an uncaught error in the worker (on load,
    // or later from a task of its own, where no call can report it) fires an ErrorEvent.
    worker.addEventListener('error', (event: Event) => {
      event.preventDefault();
      const message = event instanceof ErrorEvent ? event.message : undefined;
      reject(new Error(`${name} failed: ${errorDetail(message, 'its script could not be loaded')}`));
    });
    worker.addEventListener('messageerror', () => {
      reject(new Error(`${name} sent a message the page could not read.`));
    });
  });
  // Whoever races `failure` handles it; a worker that never fails must not warn.
  failure.catch(() => undefined);
  let disposed = false;
  return {
    name,
    remote,
    failure,
    ...(kernel ? { kernel } : {}),
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
