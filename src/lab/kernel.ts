/**
 * The counting kernel: the lesson's `while count < n: count += 1`, cut into
 * chunks so that it stays honest and stoppable.
 *
 * - Each chunk counts at most MAX_CHUNK, so the loop counter stays a small
 *   integer (V8 keeps integers below 2^30 as Smis and doubles beyond, which
 *   would make one big share cost more per count than two small ones).
 * - Between chunks the kernel gives the event loop one turn, where a stop
 *   request (or terminate()) gets through; chunks last about TARGET_CHUNK_MS.
 * - Each chunk is one call of a step function that the event loop itself
 *   calls (as a message handler), and the loop is written out inside it.
 *   Measured in Chromium 156: when a JavaScript loop drove the chunks and
 *   called a counting function, V8 eventually inlined that function into the
 *   hot driver after about 4 s of counting, and the same loop then ran at
 *   0.55 ns a count instead of 0.28–0.31: a long share would have cost more
 *   per count than a short one. Called from the event loop, no JavaScript
 *   caller exists to inline it into.
 * - The result is the count itself, which the page adds up and checks, so
 *   the JIT cannot drop the loop.
 */

/** Largest chunk: far below 2^30, V8's largest small integer. */
export const MAX_CHUNK = 2 ** 28;
/** Smallest chunk, so the turn of the event loop between chunks stays a negligible share. */
export const MIN_CHUNK = 2 ** 16;
/** The first chunk of a count, before its speed is known. */
export const FIRST_CHUNK = 2 ** 22;
/** How long a chunk should take (ms): short enough to stop within 100 ms. */
export const TARGET_CHUNK_MS = 15;
/** The least time between two progress reports (ms): at most 5 a second, since each costs the page a redraw. */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * Sizes the next chunk from how long the last one took, so that it lasts about
 * `targetMs`. It at most doubles or halves at a time, since a coarse timer can
 * read 0 ms or a whole tick for a short chunk.
 */
export function nextChunkSize(lastSize: number, lastMs: number, targetMs = TARGET_CHUNK_MS): number {
  const wanted = lastMs > 0 ? (lastSize * targetMs) / lastMs : lastSize * 2;
  const bounded = Math.min(lastSize * 2, Math.max(lastSize / 2, wanted));
  return Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, bounded)));
}

/**
 * What the counter needs from the place it runs in; injected so the kernel
 * stays pure. Give it the same functions for its whole life: the compiled step
 * calls them, and V8 compiles calls for the very functions it has seen, so a
 * new function in each count would undo the compilation at every start
 * (measured: the first 4-million chunk of each count then took 5–9 ms, not 1.2).
 */
export interface CounterEnvironment {
  /** A monotonic clock in milliseconds. */
  now: () => number;
  /**
   * Calls `step` after one turn of the event loop, from the event loop itself
   * (a message handler or setImmediate), never from a JavaScript loop.
   */
  schedule: (step: () => void) => void;
  /** True once somebody has asked the current count to stop. */
  shouldStop: () => boolean;
  /** Receives the current count so far, at most every PROGRESS_INTERVAL_MS. */
  report: (counted: number) => void;
}

/** Counts shares one after another with one step function for its whole life. */
export interface Counter {
  /**
   * Counts from 0 to `share` in chunks and resolves with the count reached:
   * `share` itself, or less when stopped. Even the first chunk is scheduled,
   * so that no JavaScript function ever calls the step. One count at a time.
   * `fixedChunk` counts that many in every chunk instead of sizing chunks by
   * time (the warm-up's short chunks).
   */
  count: (share: number, fixedChunk?: number) => Promise<number>;
}

/** A counter whose step, and everything the step calls, stays the same for every count. */
export function createCounter(environment: CounterEnvironment): Counter {
  const { now, schedule, shouldStop, report } = environment;
  let share = 0;
  let counted = 0;
  let chunk = FIRST_CHUNK;
  let sizedByTime = true;
  let lastReport = 0;
  let finish: ((counted: number) => void) | null = null;

  const end = () => {
    const resolve = finish;
    finish = null;
    resolve?.(counted);
  };

  const step = () => {
    if (counted >= share || shouldStop()) {
      end();
      return;
    }
    // `| 0` hands the loop an int32, never a heap number, so it compares integers.
    const size = Math.min(chunk, share - counted) | 0;
    const started = now();
    let count = 0;
    while (count < size) count += 1;
    counted += count;
    const finished = now();
    if (size === chunk && sizedByTime) chunk = nextChunkSize(chunk, finished - started);
    if (finished - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = finished;
      report(counted);
    }
    if (counted < share) schedule(step);
    else end();
  };

  return {
    count: (nextShare, fixedChunk) => {
      if (finish) return Promise.reject(new Error('This counter is already counting.'));
      share = nextShare;
      counted = 0;
      chunk = fixedChunk ?? FIRST_CHUNK;
      sizedByTime = fixedChunk === undefined;
      lastReport = now();
      return new Promise((resolve) => {
        finish = resolve;
        schedule(step);
      });
    },
  };
}

/** Chunks of the warm-up, each WARM_UP_CHUNK counts. */
export const WARM_UP_STEPS = 2000;
export const WARM_UP_CHUNK = 1024;

/**
 * Gets the kernel compiled before anything is timed: WARM_UP_STEPS short
 * chunks through the same code as a timed count (about 25 ms here).
 *
 * Why short chunks, measured in Chromium 156: V8 compiles the step in stages.
 * Without this warm-up, or after a warm-up of a few long chunks, a worker
 * counts at 0.31–0.35 ns a count for its first second or so and then at 0.28:
 * one worker counting a total for 2.5 s gets the faster code for most of it,
 * two workers counting half each for 1.25 s hardly do, and the speed-up reads
 * 1.75 where it is 1.9. After many short chunks the step stays at about
 * 0.31 ns a count for the first 6 s or so of counting, whatever the share,
 * before the last stage arrives; a very long share then costs a little less
 * per count, never more.
 */
export function warmUp(counter: Counter): Promise<number> {
  return counter.count(WARM_UP_STEPS * WARM_UP_CHUNK, WARM_UP_CHUNK);
}
