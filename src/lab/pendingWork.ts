import type { GridTimers } from './redrawGrid';

/**
 * Work under way that others wait for, up to a limit: the service worker's registration and
 * install, which runs wait for before their clock starts (src/page/boundary/serviceWorker.ts).
 */
export interface PendingWork {
  /** Keeps `work` as the work under way until it settles, either way (a newer one replaces it). */
  track: (work: Promise<unknown>) => void;
  /**
   * Resolves at once when nothing is under way, else once it has settled or `limitMs` after the
   * first wait for it, whichever comes first: a work that outlasts its limit holds no later wait
   * back. Newer work tracked meanwhile is waited for next, to the same deadline.
   */
  settled: (limitMs: number) => Promise<void>;
}

/** One work under way, and the first wait for it (with its deadline), shared by every later wait. */
interface Tracked {
  ended: Promise<void>;
  /** When waits for it end at the latest (ms, on the timers' clock): set by the first wait, or taken over from the work it replaced. */
  deadlineMs: number | null;
  waited: Promise<void> | null;
}

/** `timers`: the window's in the page (pageTimers), Node's (faked or not) in tests; deadlines are read on its `now`. */
export function pendingWork(timers: GridTimers): PendingWork {
  let underWay: Tracked | null = null;
  const settled = (limitMs: number): Promise<void> => {
    const tracked = underWay;
    if (tracked === null) return Promise.resolve();
    const deadlineMs = (tracked.deadlineMs ??= timers.now() + limitMs);
    tracked.waited ??= new Promise((resolve) => {
      const limit = timers.setTimeout(resolve, Math.max(0, deadlineMs - timers.now()));
      void tracked.ended.then(() => {
        timers.clearTimeout(limit);
        resolve();
      });
    });
    // Still under way: its limit ran out. Replaced by newer work (a registration by its install): wait for that too, to the same deadline.
    return tracked.waited.then(() => (underWay === tracked ? undefined : settled(limitMs)));
  };
  return {
    track: (work) => {
      const tracked: Tracked = {
        ended: work.then(
          () => undefined,
          () => undefined,
        ),
        // Work that replaces work under way continues its wait: the limit holds for the two together.
        deadlineMs: underWay?.deadlineMs ?? null,
        waited: null,
      };
      void tracked.ended.then(() => {
        if (underWay === tracked) underWay = null;
      });
      underWay = tracked;
    },
    settled,
  };
}
