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

/** What a count needs from the place it runs in; injected so the kernel stays pure. */
export interface CountEnvironment {
  /** A monotonic clock in milliseconds. */
  now: () => number;
  /**
   * Calls `step` after one turn of the event loop, from the event loop itself
   * (a message handler or setImmediate), never from a JavaScript loop.
   */
  schedule: (step: () => void) => void;
  /** True once somebody has asked this count to stop. */
  shouldStop: () => boolean;
  /** Receives the count so far, at most every PROGRESS_INTERVAL_MS. */
  onProgress?: (counted: number) => void;
}

/**
 * The step that counts one chunk of `share` and has `environment.schedule`
 * call it again, until the share is counted or a stop is asked for; then it
 * calls `done` with the count reached.
 */
function createStep(share: number, environment: CountEnvironment, done: (counted: number) => void): () => void {
  const { now, schedule, shouldStop, onProgress } = environment;
  let counted = 0;
  let chunk = FIRST_CHUNK;
  let lastReport = now();
  const step = () => {
    if (counted >= share || shouldStop()) {
      done(counted);
      return;
    }
    // `| 0` hands the loop an int32, never a heap number, so it compares integers.
    const size = Math.min(chunk, share - counted) | 0;
    const started = now();
    let count = 0;
    while (count < size) count += 1;
    counted += count;
    const finished = now();
    if (size === chunk) chunk = nextChunkSize(chunk, finished - started);
    if (onProgress && finished - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = finished;
      onProgress(counted);
    }
    if (counted < share) schedule(step);
    else done(counted);
  };
  return step;
}

/**
 * Counts from 0 to `share` in chunks and resolves with the count reached:
 * `share` itself, or less when stopped. Even the first chunk is scheduled,
 * so that no JavaScript function ever calls the step.
 */
export function countTo(share: number, environment: CountEnvironment): Promise<number> {
  return new Promise((resolve) => {
    environment.schedule(createStep(share, environment, resolve));
  });
}

/** What a warm-up did, for the record. */
export interface WarmUp {
  calls: number;
  ms: number;
}

/** Counts per call of the warm-up: about 1 ms when hot, long enough to time on a 0.1 ms clock. */
export const WARM_UP_CHUNK = 2 ** 22;
/** The warm-up lasts at least this long (ms), so the optimizing compiler has time to finish. */
export const WARM_UP_MIN_MS = 20;
/** How many calls in a row must bring no gain before the kernel counts as hot. */
export const WARM_UP_STEADY_CALLS = 5;
/** The warm-up gives up waiting for a steady speed after this long (ms). */
export const WARM_UP_BUDGET_MS = 200;
/**
 * Gets the kernel compiled for good, through the same code as a timed count,
 * so that no timed count pays for compilation: counts of WARM_UP_CHUNK for
 * at least WARM_UP_MIN_MS and until WARM_UP_STEADY_CALLS calls in a row are
 * no more than 5% faster than the best so far (a faster tier shows up as a
 * gain). Ends after WARM_UP_BUDGET_MS at the latest.
 *
 * V8 still has one more tier: after several seconds of counting, it compiles
 * the whole step anew and the loop runs about 6% faster (0.30 against 0.32 ns
 * a count here). Neither many more short chunks nor thousands of direct calls
 * reached that tier sooner, so a long share costs a little less per count
 * than a short one, never more.
 */
export async function warmUp(count: (share: number) => Promise<number>, now: () => number): Promise<WarmUp> {
  const start = now();
  let calls = 0;
  let bestMs = Number.POSITIVE_INFINITY;
  let callsWithoutGain = 0;
  for (;;) {
    const before = now();
    await count(WARM_UP_CHUNK);
    const after = now();
    calls += 1;
    const ms = after - before;
    if (ms < 0.95 * bestMs) {
      bestMs = ms;
      callsWithoutGain = 0;
    } else {
      callsWithoutGain += 1;
    }
    const elapsed = after - start;
    const hot = elapsed >= WARM_UP_MIN_MS && callsWithoutGain >= WARM_UP_STEADY_CALLS;
    if (hot || elapsed >= WARM_UP_BUDGET_MS) return { calls, ms: elapsed };
  }
}
