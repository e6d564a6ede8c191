/** The timers a grid runs on: the page's, or fake ones in tests. */
export interface GridTimers {
  setTimeout: (run: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  now: () => number;
}

/**
 * When in a tick a subscriber runs: those that gather what changed since the last tick (a run's
 * progress, from the controller) before those that draw it (the bars, the timeline, the frame
 * meter), so that what is gathered is drawn in the same tick.
 */
export type TickPhase = 'gather' | 'draw';

/** One clock for the live parts of the page: every subscriber is called in the same task, so what they change is drawn in one frame. */
export interface RedrawGrid {
  /**
   * Calls `onTick` at every tick, in `phase` ('draw' unless said), until the returned function is
   * called: with the time it ran, and how long after the tick before it ran it was due (ms; the
   * grid's period, or a `slow` one), so that the frame meter can tell a late tick from a slow beat.
   */
  subscribe: (onTick: (nowMs: number, dueAfterMs: number) => void, phase?: TickPhase) => () => void;
  /**
   * Holds the ticks back until the returned release is called (safe twice) or `limitMs` have
   * passed: a tick due meanwhile runs at the release, told the time it was due, and the next one
   * keeps the beat (so the frame meter does not take the hold for a busy page). While a run's
   * workers start, the page's thread must stay idle: Chromium starts each worker's thread from a
   * task of the page's thread, and a redraw there (a layout and a paint, 5–15 ms on a 2-core VM) delays it.
   */
  hold: (limitMs: number) => () => void;
  /**
   * Ticks every `periodMs` (when longer than the grid's own period) until the returned release is
   * called (safe twice), from the next tick on: while workers count, every tick is a frame the
   * page's thread draws on the cores they count on, and half as many ticks took 0.15% of a core
   * less in Chromium (2 cores, everything live).
   */
  slow: (periodMs: number) => () => void;
}

/**
 * A grid that ticks every `periodMs` while anything subscribes, each tick `periodMs` after the
 * previous one ran (a late tick tells the frame meter how long the page was busy). Subscribers
 * run phase by phase ('gather' first), each phase in the order they subscribed; a subscriber
 * added during a tick waits for the next one.
 */
export function redrawGrid(periodMs: number, timers: GridTimers): RedrawGrid {
  const phases: Record<TickPhase, Set<(nowMs: number, dueAfterMs: number) => void>> = { gather: new Set(), draw: new Set() };
  const subscribed = () => phases.gather.size + phases.draw.size;
  /** The periods asked for by `slow` and not yet released. */
  const slowed: number[] = [];
  const currentPeriod = () => Math.max(periodMs, ...slowed);
  /** How long after the last tick ran the one scheduled is due (ms). */
  let dueAfterMs = periodMs;
  let timer: number | null = null;
  let holds = 0;
  /** When the tick held back was due (ms), if one was. */
  let heldDueMs: number | null = null;
  /** Runs a tick at `nowMs`, then schedules the next `nextInMs(period)` from now. */
  const run = (nowMs: number, nextInMs: (period: number) => number) => {
    const afterMs = dueAfterMs;
    for (const subscribers of [phases.gather, phases.draw]) for (const onTick of [...subscribers]) if (subscribers.has(onTick)) onTick(nowMs, afterMs);
    dueAfterMs = currentPeriod();
    timer = subscribed() > 0 ? timers.setTimeout(tick, nextInMs(dueAfterMs)) : null;
  };
  const tick = () => {
    timer = null;
    const nowMs = timers.now();
    if (holds > 0) heldDueMs ??= nowMs;
    else run(nowMs, (period) => period);
  };
  return {
    subscribe: (onTick, phase = 'draw') => {
      const subscribers = phases[phase];
      // Its own entry, so that one function subscribed twice (StrictMode) is called twice and unsubscribed once each.
      const entry = (nowMs: number, afterMs: number) => {
        onTick(nowMs, afterMs);
      };
      subscribers.add(entry);
      if (heldDueMs === null && timer === null) {
        dueAfterMs = currentPeriod();
        timer = timers.setTimeout(tick, dueAfterMs);
      }
      return () => {
        subscribers.delete(entry);
        if (subscribed() === 0) {
          if (timer !== null) timers.clearTimeout(timer);
          timer = null;
          heldDueMs = null;
        }
      };
    },
    hold: (limitMs) => {
      holds += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        timers.clearTimeout(limit);
        holds -= 1;
        if (holds > 0 || heldDueMs === null) return;
        const dueMs = heldDueMs;
        heldDueMs = null;
        if (subscribed() > 0) run(dueMs, (period) => Math.max(0, dueMs + period - timers.now()));
      };
      const limit = timers.setTimeout(release, limitMs);
      return release;
    },
    slow: (slowMs) => {
      slowed.push(slowMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        slowed.splice(slowed.indexOf(slowMs), 1);
      };
    },
  };
}
