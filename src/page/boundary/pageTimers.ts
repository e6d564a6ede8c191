import type { GridTimers } from '../../lab/redrawGrid';

/** The window's timers and the page's clock, for the pure modules that take theirs passed in (redrawGrid, pendingWork). */
export const pageTimers: GridTimers = {
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (id) => {
    window.clearTimeout(id);
  },
  now: () => performance.now(),
};
