/** Timers, passed in so that the logic runs on any clock (the page's, or a test's). */
export interface Timers<Handle> {
  set: (callback: () => void, ms: number) => Handle;
  clear: (handle: Handle) => void;
}

/** Writes only the latest of a burst of values, at most once per `delayMs`, and never throws. */
export interface LatestWriter<Value> {
  /** Asks for `value` to be written; a later call before the delay replaces it. */
  schedule: (value: Value) => void;
  /** Writes what is waiting now, if anything. */
  flush: () => void;
  /** Writes nothing until `release`: what is scheduled meanwhile waits, its timer not armed. */
  hold: () => void;
  /** Ends a hold and writes what waits at once, if anything. */
  release: () => void;
}

export interface LatestWriterOptions<Value, Handle> {
  write: (value: Value) => void;
  /** Called with what `write` threw; the writer goes on and writes the next value. */
  onError: (error: unknown) => void;
  delayMs: number;
  timers: Timers<Handle>;
}

/**
 * Coalesces a burst of values into one write after the burst has been quiet
 * for `delayMs`, so that writes come at most once per `delayMs` however fast
 * the values change. An engine that limits how often something may be
 * written (WebKit allows 100 `history.replaceState` calls in 10 s, then
 * throws) is then never reached, and an error from `write` goes to `onError`
 * rather than to the caller.
 */
export function createLatestWriter<Value, Handle>({ write, onError, delayMs, timers }: LatestWriterOptions<Value, Handle>): LatestWriter<Value> {
  let waiting: { value: Value } | null = null;
  let timer: Handle | null = null;
  let held = false;

  const disarm = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  const flush = () => {
    disarm();
    if (waiting === null) return;
    const { value } = waiting;
    waiting = null;
    try {
      write(value);
    } catch (error) {
      onError(error);
    }
  };

  return {
    schedule(value) {
      waiting = { value };
      disarm();
      if (!held) timer = timers.set(flush, delayMs);
    },
    flush,
    hold() {
      held = true;
      disarm();
    },
    release() {
      held = false;
      flush();
    },
  };
}
