/**
 * Work under way that others wait for, up to a limit: the service worker's registration and
 * install, which runs wait for before their clock starts (serviceWorker.ts).
 */
export interface PendingWork {
  /** Keeps `work` as the work under way until it settles, either way (a newer one replaces it). */
  track: (work: Promise<unknown>) => void;
  /** Settles at once when nothing is under way, else once it has settled or after `limitMs`, whichever is first. */
  settled: (limitMs: number) => Promise<void>;
}

export function pendingWork(): PendingWork {
  let underWay: Promise<void> | null = null;
  return {
    track: (work) => {
      const tracked: Promise<void> = work
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          if (underWay === tracked) underWay = null;
        });
      underWay = tracked;
    },
    settled: (limitMs) => {
      const waitedFor = underWay;
      if (waitedFor === null) return Promise.resolve();
      return new Promise((resolve) => {
        const limit = setTimeout(resolve, limitMs);
        void waitedFor.then(() => {
          clearTimeout(limit);
          resolve();
        });
      });
    },
  };
}
