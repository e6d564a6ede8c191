import { lazy, type ComponentType } from 'react';

/** The loads of the parts that come after the first screen, begun so far (each once: React's `lazy` loads a part once). */
const loadsBegun: Promise<unknown>[] = [];

/**
 * React's `lazy`, with its load kept: a part that loads after the first screen (Recharts,
 * highlight.js). The calibration waits for the loads begun (`lazyPartsLoaded`): once loaded, a part's
 * first render took 220–370 ms of the page's thread on the 2-core VM, beside the calibration's counting.
 */
export function lazyPart<Props>(load: () => Promise<{ default: ComponentType<Props> }>) {
  return lazy(() => {
    const loading = load();
    loadsBegun.push(loading);
    return loading;
  });
}

/** Settles once every part whose load has begun has loaded or failed to (a failed part shows its own fallback). */
export function lazyPartsLoaded(): Promise<void> {
  return Promise.allSettled(loadsBegun).then(() => undefined);
}
