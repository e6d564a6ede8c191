/**
 * Work under way that others wait for, up to a limit: the service worker's registration and
 * install, which runs wait for before their clock starts (serviceWorker.ts).
 */
export interface PendingWork {
  /** Keeps `work` as the work under way until it settles, either way (a newer one replaces it). */
  track: (work: Promise<unknown>) => void;
  /**
   * Resolves at once when nothing is under way, else once it has settled or `limitMs` after the
   * first wait for it, whichever comes first: a work that outlasts its limit holds no later wait back.
   */
  settled: (limitMs: number) => Promise<void>;
}

/** One work under way, and the first wait for it (with its limit), shared by every later wait. */
interface Tracked {
  ended: Promise<void>;
  waited: Promise<void> | null;
}

export function pendingWork(): PendingWork {
  let underWay: Tracked | null = null;
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
    settled: (limitMs) => {
      const tracked = underWay;
      if (tracked === null) return Promise.resolve();
      tracked.waited ??= new Promise((resolve) => {
        const limit = setTimeout(resolve, limitMs);
        void tracked.ended.then(() => {
          clearTimeout(limit);
          resolve();
        });
      });
      return tracked.waited;
    },
  };
}
