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
   * back. Newer work tracked meanwhile is waited for next, against its own limit.
   */
  settled: (limitMs: number) => Promise<void>;
}

/** One work under way, and the first wait for it (with its limit), shared by every later wait. */
interface Tracked {
  ended: Promise<void>;
  waited: Promise<void> | null;
}

/** The timers a wait's limit runs on: the window's in the page, Node's (faked or not) in tests. */
export interface LimitTimers {
  setTimeout: (run: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

export function pendingWork(timers: LimitTimers): PendingWork {
  let underWay: Tracked | null = null;
  const settled = (limitMs: number): Promise<void> => {
    const tracked = underWay;
    if (tracked === null) return Promise.resolve();
    tracked.waited ??= new Promise((resolve) => {
      const limit = timers.setTimeout(resolve, limitMs);
      void tracked.ended.then(() => {
        timers.clearTimeout(limit);
        resolve();
      });
    });
    // Still under way: its limit ran out. Replaced by newer work (a registration by its install): wait for that too.
    return tracked.waited.then(() => (underWay === tracked ? undefined : settled(limitMs)));
  };
  return {
    track: (work) => {
      const tracked: Tracked = {
        ended: work.then(
          () => undefined,
          () => undefined,
        ),
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
