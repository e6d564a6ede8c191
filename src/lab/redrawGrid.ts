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
  /** Calls `onTick` at every tick (with the time it ran, ms), in `phase` ('draw' unless said), until the returned function is called. */
  subscribe: (onTick: (nowMs: number) => void, phase?: TickPhase) => () => void;
  /**
   * Holds the ticks back until the returned release is called (safe twice) or `limitMs` have
   * passed: a tick due meanwhile runs at the release, told the time it was due, and the next one
   * keeps the beat (so the frame meter does not take the hold for a busy page). While a run's
   * workers start, the page's thread must stay idle: Chromium starts each worker's thread from a
   * task of the page's thread, and a redraw there (a layout and a paint, 5–15 ms on a 2-core VM) delays it.
   */
  hold: (limitMs: number) => () => void;
}

/**
 * A grid that ticks every `periodMs` while anything subscribes, each tick `periodMs` after the
 * previous one ran (a late tick tells the frame meter how long the page was busy). Subscribers
 * run phase by phase ('gather' first), each phase in the order they subscribed; a subscriber
 * added during a tick waits for the next one.
 */
export function redrawGrid(periodMs: number, timers: GridTimers): RedrawGrid {
  const phases: Record<TickPhase, Set<(nowMs: number) => void>> = { gather: new Set(), draw: new Set() };
  const subscribed = () => phases.gather.size + phases.draw.size;
  let timer: number | null = null;
  let holds = 0;
  /** When the tick held back was due (ms), if one was. */
  let heldDueMs: number | null = null;
  const run = (nowMs: number, nextInMs: number) => {
    for (const subscribers of [phases.gather, phases.draw]) for (const onTick of [...subscribers]) if (subscribers.has(onTick)) onTick(nowMs);
    timer = subscribed() > 0 ? timers.setTimeout(tick, nextInMs) : null;
  };
  const tick = () => {
    timer = null;
    const nowMs = timers.now();
    if (holds > 0) heldDueMs ??= nowMs;
    else run(nowMs, periodMs);
  };
  return {
    subscribe: (onTick, phase = 'draw') => {
      const subscribers = phases[phase];
      // Its own entry, so that one function subscribed twice (StrictMode) is called twice and unsubscribed once each.
      const entry = (nowMs: number) => {
        onTick(nowMs);
      };
      subscribers.add(entry);
      if (heldDueMs === null) timer ??= timers.setTimeout(tick, periodMs);
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
        if (subscribed() > 0) run(dueMs, Math.max(0, dueMs + periodMs - timers.now()));
      };
      const limit = timers.setTimeout(release, limitMs);
      return release;
    },
  };
}
