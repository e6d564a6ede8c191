import type { GridTimers } from '../lab/redrawGrid';

/**
 * For tests: a redraw grid's timers on Node's `setTimeout` and `clearTimeout` (fake ones where a
 * test fakes them), reading `now` (`performance.now` unless given; `Date.now` follows
 * `vi.setSystemTime`).
 */
export function nodeGridTimers(now: () => number = () => performance.now()): GridTimers {
  return {
    setTimeout: (run, ms) => Number(setTimeout(run, ms)),
    clearTimeout: (id) => {
      clearTimeout(id);
    },
    now,
  };
}
