import { METER_UPDATE_MS } from '../../lab/measurement/frames';

/** The timers a grid runs on: the page's, or fake ones in tests. */
export interface GridTimers {
  setTimeout: (run: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  now: () => number;
}

/** One clock for the live parts of the page: every subscriber is called in the same task, so what they change is drawn in one frame. */
export interface RedrawGrid {
  /** Calls `onTick` at every tick (with the time it ran, ms) until the returned function is called. */
  subscribe: (onTick: (nowMs: number) => void) => () => void;
}

/**
 * A grid that ticks every `periodMs` while anything subscribes, each tick `periodMs` after the
 * previous one ran (a late tick tells the frame meter how long the page was busy). Subscribers
 * run in the order they subscribed; a subscriber added during a tick waits for the next one.
 */
export function redrawGrid(periodMs: number, timers: GridTimers): RedrawGrid {
  const subscribers = new Set<(nowMs: number) => void>();
  let timer: number | null = null;
  const tick = () => {
    const nowMs = timers.now();
    for (const onTick of [...subscribers]) if (subscribers.has(onTick)) onTick(nowMs);
    timer = subscribers.size > 0 ? timers.setTimeout(tick, periodMs) : null;
  };
  return {
    subscribe: (onTick) => {
      // Its own entry, so that one function subscribed twice (StrictMode) is called twice and unsubscribed once each.
      const entry = (nowMs: number) => {
        onTick(nowMs);
      };
      subscribers.add(entry);
      timer ??= timers.setTimeout(tick, periodMs);
      return () => {
        subscribers.delete(entry);
        if (subscribers.size === 0 && timer !== null) {
          timers.clearTimeout(timer);
          timer = null;
        }
      };
    },
  };
}

const pageTimers: GridTimers = {
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (id) => {
    window.clearTimeout(id);
  },
  now: () => performance.now(),
};

/**
 * The page's one grid for its live parts, every METER_UPDATE_MS (twice a second): the frame
 * meter's step and a run's progress bars and timeline change in the same task, so the page
 * draws one frame for all of them. Each frame the page draws while workers count is time its
 * thread takes from them (on a 2-core VM, the bars' fill moved five times a second took about
 * 0.7% of a core, the meter's own steps at other moments 0.4%).
 */
export const liveRedraws: RedrawGrid = redrawGrid(METER_UPDATE_MS, pageTimers);
