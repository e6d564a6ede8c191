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
 *   calls (as a message handler), and the loop is written out inside it
 *   (or called from it: in WebAssembly, src/shared/wasmKernel.ts, and in
 *   JavaScriptCore `jsLoop`, which its compilers reach full speed in sooner).
 *   Measured in Chromium 156: when a JavaScript loop drove the chunks and
 *   called a counting function, V8 eventually inlined that function into the
 *   hot driver after about 4 s of counting, and the same loop then ran at
 *   0.55 ns a count instead of 0.28–0.31: a long share would have cost more
 *   per count than a short one. Called from the event loop, no JavaScript
 *   caller exists to inline it into.
 * - The result is the count itself, which the page adds up and checks, so
 *   the JIT cannot drop the loop.
 * - Nothing the compiled step relies on changes between the warm-up and a
 *   timed count, or during one (see Counter and warmUp).
 */

/** Largest chunk: far below 2^30, V8's largest small integer. */
export const MAX_CHUNK = 2 ** 28;
/** Smallest chunk, so the turn of the event loop between chunks stays a negligible share. */
export const MIN_CHUNK = 2 ** 16;
/** The first chunk of a count, before its speed is known. */
export const FIRST_CHUNK = 2 ** 22;
/** How long a chunk should take (ms): short enough to stop within 100 ms. */
export const TARGET_CHUNK_MS = 15;
/**
 * The least time between two progress reports (ms): at most 2 a second, as often as the page draws
 * them (its live redraws, METER_UPDATE_MS); each report is a message the page's thread wakes for,
 * taken from a counting worker (5 a second woke it 10 more times a second with 2 workers).
 */
export const PROGRESS_INTERVAL_MS = 500;
/**
 * A chunk lasts at least this many of the fastest recent turns of the event loop, so that the
 * turns between chunks take about 1% of a count: measured in WebKitGTK 2.50, a turn (a
 * MessageChannel hop, which goes through another process) takes 0.5–1.6 ms on average while the
 * page's workers count, 4–9% of a 15 ms chunk, and the fastest of four 0.14–0.44 ms. A turn is
 * judged by the fastest of the last RECENT_TURNS, as slower ones were held up by other threads:
 * in Chromium 156, with 1 or 2 workers counting, turns took 0.03–0.23 ms (medians) and single ones
 * up to 3–15 ms, which, averaged, made its chunks last 21–27 ms; the fastest of four 0.015–0.08.
 * WebKit's workers now turn on timers, with a hop every fifth turn (timerScheduler in
 * src/shared/eventLoop.ts): the fastest recent turn is then a timer's, and by this rule their
 * chunks last about 15 ms too (their idle time between chunks fell from 2.3% to 1.5%).
 */
export const TURNS_PER_CHUNK = 200;
/** How many of the latest turns the step keeps, to judge a turn by the fastest of them. */
export const RECENT_TURNS = 4;
/** The longest a chunk may last (ms) however slow the turns: a stop still gets through well within 100 ms. */
export const LONGEST_CHUNK_MS = 40;

/**
 * How a count cuts its share into chunks and how often it reports. Timed
 * counts use TIMED_PACE; the warm-up uses WARM_UP_PACE, which runs the same
 * code in tiny chunks and reports after every one.
 */
export interface Pace {
  /** Counts in the first chunk, before its speed is known. */
  firstChunk: number;
  minChunk: number;
  maxChunk: number;
  /** How long a chunk should take (ms). */
  chunkMs: number;
  /** The least time between two progress reports (ms). */
  reportMs: number;
}

export const TIMED_PACE: Pace = {
  firstChunk: FIRST_CHUNK,
  minChunk: MIN_CHUNK,
  maxChunk: MAX_CHUNK,
  chunkMs: TARGET_CHUNK_MS,
  reportMs: PROGRESS_INTERVAL_MS,
};

/**
 * How long a chunk should last (ms) when a turn of the event loop takes `turnMs`: `pace.chunkMs`,
 * or where turns are slow up to TURNS_PER_CHUNK turns, at most LONGEST_CHUNK_MS.
 */
export function chunkMsFor(pace: Pace, turnMs: number): number {
  return Math.max(pace.chunkMs, Math.min(LONGEST_CHUNK_MS, TURNS_PER_CHUNK * turnMs));
}

/**
 * Sizes the next chunk from how long the last one took, so that it lasts about
 * `chunkMsFor(pace, turnMs)`. It at most doubles or halves at a time, since a coarse timer
 * can read 0 ms or a whole tick for a short chunk.
 */
export function nextChunkSize(lastSize: number, lastMs: number, pace: Pace = TIMED_PACE, turnMs = 0): number {
  const chunkMs = chunkMsFor(pace, turnMs);
  // A reading under half the target (0 on a coarse clock, too) means "at least double": no branch
  // here, so the warm-up's tiny chunks train the same arithmetic a timed count runs.
  const wanted = (lastSize * chunkMs) / Math.max(lastMs, chunkMs / 2);
  const bounded = Math.min(lastSize * 2, Math.max(lastSize / 2, wanted));
  return Math.round(Math.min(pace.maxChunk, Math.max(pace.minChunk, bounded)));
}

/**
 * A loop that counts from 0 to `n` (a whole number below 2^31) and returns the count reached,
 * `n` itself: the WebAssembly loop of src/shared/wasmKernel.ts, or `jsLoop`.
 */
export type CountLoop = (n: number) => number;

/**
 * The lesson's loop in a function of its own, for JavaScriptCore: a fresh worker's step, with the
 * loop written out in it, reached its fastest code only 20–60 ms into the first timed count; this
 * tiny function is far less for its optimizing compilers to compile than the whole step. Measured
 * in WebKitGTK 2.50 on a busy 2-core VM (fresh workers, builds alternated): the warm-up took 4–20 ms
 * less, counting as fast afterwards, and start-up plus compute through the page was lower in 28 of
 * 40 paired readings (1 and 2 workers, 10^8 and 10^9), and again in 24 of 32 a session later. With
 * it JavaScriptCore needs no warm-up at all (see warmsUp in kernelChoice.ts).
 */
export const jsLoop: CountLoop = (n) => {
  let count = 0;
  while (count < n) count += 1;
  return count;
};

/** What the counter needs from the place it runs in; injected so the kernel stays pure. */
export interface CounterEnvironment {
  /** A monotonic clock in milliseconds. */
  now: () => number;
  /**
   * Calls `step` after one turn of the event loop, from the event loop itself
   * (a message handler or setImmediate), never from a JavaScript loop.
   */
  schedule: (step: () => void) => void;
}

export interface CountOptions {
  /** Receives the count so far, at most every `pace.reportMs`. */
  onProgress?: (counted: number) => void;
  pace?: Pace;
  /**
   * How many of the count's chunks (its first included) are called from a microtask rather than
   * after a turn of the event loop: far cheaper (0.25–1 ms a turn in WebKit), but no stop gets
   * through. 0 (the default) for every timed count; the warm-up's many tiny chunks use it.
   */
  quickTurns?: number;
}

/**
 * Counts shares one after another with one step function for its whole life.
 *
 * Everything the step reads changes as little as V8 can notice, measured in
 * Chromium 156: V8 compiles the step for the values and paths it has seen,
 * and throws the compiled code away when one of them changes; the step then
 * runs 4–20 times slower until it is compiled again, 5–20 ms later. So:
 * - the step and every function it calls are the same in every count;
 * - the numbers it keeps between chunks live in a Float64Array, so they are
 *   always doubles: a share above 2^30, or a count passing it, would otherwise
 *   turn a small integer into a heap number under the compiled code;
 * - the progress callback and the stop request are variables of the counter
 *   that every count writes, not object fields that V8 could assume constant;
 * - the step never calls the progress callback, which is a new Comlink proxy
 *   in every count: it leaves that call to a microtask;
 * - the warm-up runs the paths a timed count runs (see warmUp).
 */
export interface Counter {
  /**
   * Counts from 0 to `share` (a whole number) in chunks and resolves with the
   * count reached: `share` itself, or less when stopped. Even the first chunk
   * is scheduled, so that no JavaScript function ever calls the step. One
   * count at a time.
   */
  count: (share: number, options?: CountOptions) => Promise<number>;
  /** Asks the running count (or warm-up) to end at its next chunk boundary; the next count starts afresh. */
  stop: () => void;
}

function ignoreProgress(): void {
  // For a count nobody watches, the warm-up's among them.
}

/** Why `share` cannot be counted (it is not a whole number ≥ 0), or null: the one check every counting loop makes. */
export function invalidShare(share: number): RangeError | null {
  return Number.isSafeInteger(share) && share >= 0 ? null : new RangeError(`A share must be a whole number ≥ 0, got ${String(share)}.`);
}

/** Throws `invalidShare`'s error for a share that cannot be counted. */
export function checkShare(share: number): void {
  const invalid = invalidShare(share);
  if (invalid) throw invalid;
}

/**
 * A counter whose step, and everything the step calls, stays the same for every count. With
 * `loop` (the WebAssembly loop of src/shared/wasmKernel.ts, or `jsLoop`) each chunk is counted by it instead of the
 * JavaScript loop written out in the step; chunks, progress, stopping and the warm-up are the same.
 */
export function createCounter({ now, schedule }: CounterEnvironment, loop: CountLoop | null = null): Counter {
  // The slots of `state`, the numbers the step keeps between chunks (doubles, see Counter).
  const SHARE = 0;
  const COUNTED = 1;
  const CHUNK = 2;
  const LAST_REPORT = 3;
  const QUICK_TURNS = 4;
  /** When the step last asked for a turn (ms): kept from count to count, as are the turns below. */
  const TURN_ASKED = 5;
  /** Where the next turn's length goes among the RECENT_TURNS slots that follow. */
  const NEXT_TURN = 6;
  /** The first of RECENT_TURNS slots: how long the latest turns took (ms). */
  const TURNS = 7;
  const state = new Float64Array(TURNS + RECENT_TURNS);
  let pace = TIMED_PACE;
  let onProgress: (counted: number) => void = ignoreProgress;
  let stopRequested = false;
  let finish: ((counted: number) => void) | null = null;

  const deliverProgress = () => {
    onProgress(state[COUNTED]);
  };

  const end = () => {
    const resolve = finish;
    finish = null;
    resolve?.(state[COUNTED]);
  };

  // Both ways call the step from the event loop's own machinery, never from JavaScript (see above).
  const nextTurn = (step: () => void) => {
    if (state[QUICK_TURNS] > 0) {
      state[QUICK_TURNS] -= 1;
      void Promise.resolve().then(step);
    } else schedule(step);
  };

  const step = () => {
    if (state[COUNTED] >= state[SHARE] || stopRequested) {
      end();
      return;
    }
    const chunk = state[CHUNK];
    // `| 0` hands the loop an int32, so it compares and adds small integers.
    const size = Math.min(chunk, state[SHARE] - state[COUNTED]) | 0;
    const started = now();
    state[TURNS + state[NEXT_TURN]] = started - state[TURN_ASKED];
    state[NEXT_TURN] = (state[NEXT_TURN] + 1) % RECENT_TURNS;
    let count = 0;
    // One kernel for the counter's life: the branch always goes the same way.
    if (loop === null) while (count < size) count += 1;
    else count = loop(size);
    state[COUNTED] += count;
    const finished = now();
    // The fastest recent turn is what a turn itself costs: slower ones were held up by other threads.
    let turnMs = state[TURNS];
    for (let turn = 1; turn < RECENT_TURNS; turn += 1) turnMs = Math.min(turnMs, state[TURNS + turn]);
    if (size === chunk) state[CHUNK] = nextChunkSize(chunk, finished - started, pace, turnMs);
    if (finished - state[LAST_REPORT] >= pace.reportMs) {
      state[LAST_REPORT] = finished;
      // Runs right after this step, before the next one and before the count resolves.
      void Promise.resolve().then(deliverProgress);
    }
    state[TURN_ASKED] = finished;
    if (state[COUNTED] < state[SHARE]) nextTurn(step);
    else end();
  };

  return {
    count: (share, options = {}) => {
      const invalid = invalidShare(share);
      if (invalid) return Promise.reject(invalid);
      if (finish) return Promise.reject(new Error('This counter is already counting.'));
      pace = options.pace ?? TIMED_PACE;
      onProgress = options.onProgress ?? ignoreProgress;
      stopRequested = false;
      state[SHARE] = share;
      state[COUNTED] = 0;
      state[CHUNK] = pace.firstChunk;
      state[LAST_REPORT] = now();
      state[QUICK_TURNS] = options.quickTurns ?? 0;
      state[TURN_ASKED] = state[LAST_REPORT];
      return new Promise((resolve) => {
        finish = resolve;
        nextTurn(step);
      });
    },
    stop: () => {
      stopRequested = true;
    },
  };
}

/**
 * The warm-up: WARM_UP_COUNTS counts of WARM_UP_SHARE, in chunks of
 * WARM_UP_CHUNK and a last, shorter one (as most shares end), reporting after
 * each chunk.
 */
export const WARM_UP_COUNTS = 20;
export const WARM_UP_CHUNK = 1024;
export const WARM_UP_SHARE = 100 * WARM_UP_CHUNK + WARM_UP_CHUNK / 2;
export const WARM_UP_PACE: Pace = {
  firstChunk: WARM_UP_CHUNK,
  minChunk: WARM_UP_CHUNK,
  maxChunk: WARM_UP_CHUNK,
  chunkMs: TARGET_CHUNK_MS,
  reportMs: 0,
};

/**
 * An event loop slower than this per turn (ms) is slow: WebKit takes 0.25–1 ms to call
 * the next chunk's step (a MessageChannel hop), against 0.01–0.04 ms in Chromium and
 * Firefox, so the warm-up's 2,020 turns made a worker's start-up take about 600 ms.
 */
export const SLOW_TURN_MS = 0.1;
/** After a first round, a slow event loop warms up in chunks this many times longer: as many counts, 16 times fewer turns. */
export const SLOW_LOOP_CHUNK_FACTOR = 16;
export const SLOW_LOOP_WARM_UP_CHUNK = SLOW_LOOP_CHUNK_FACTOR * WARM_UP_CHUNK;
export const SLOW_LOOP_WARM_UP_SHARE = 6 * SLOW_LOOP_WARM_UP_CHUNK + SLOW_LOOP_WARM_UP_CHUNK / 2;
export const SLOW_LOOP_WARM_UP_PACE: Pace = {
  ...WARM_UP_PACE,
  firstChunk: SLOW_LOOP_WARM_UP_CHUNK,
  minChunk: SLOW_LOOP_WARM_UP_CHUNK,
  maxChunk: SLOW_LOOP_WARM_UP_CHUNK,
};

/**
 * Gets the kernel compiled before anything is timed: WARM_UP_COUNTS counts of
 * short chunks through the same code as a timed count (about 25 ms here),
 * sizing chunks (held at one size), reporting, ending on a shorter chunk and
 * resolving as many times, so that a timed count runs no path the compiled
 * step has not seen (stopping aside). Measured in Chromium 156: a warm-up that
 * skipped the sizing or the reports, or ended only once, left the step to be
 * compiled again at the start of every timed count, and its first chunk ran
 * at 1–6 ns a count instead of 0.28.
 *
 * Why short chunks: V8 compiles the step in stages. Without this warm-up, or
 * after a warm-up of a few long chunks, a worker counts at 0.31–0.35 ns a
 * count for its first second or so and then at 0.28: one worker counting a
 * total for 2.5 s gets the faster code for most of it, two workers counting
 * half each for 1.25 s hardly do, and the speed-up reads 1.75 where it is 1.9.
 *
 * An engine whose event loop turns slowly (see SLOW_TURN_MS), or one that `warmsUpInRealTurns`
 * (JavaScriptCore, whose turns on timers are fast but which counted slower after a warm-up
 * through microtasks: the worker knows its engine and says so), warms up in longer chunks after
 * the first round. A stop ends the warm-up too. JavaScriptCore counting in JavaScript (`jsLoop`)
 * skips it: see CounterService.
 */
export async function warmUp(counter: Counter, now: () => number, warmsUpInRealTurns = false): Promise<number> {
  let share = WARM_UP_SHARE;
  let pace = WARM_UP_PACE;
  let counted = 0;
  let quick = false;
  for (let round = 0; round < WARM_UP_COUNTS; round += 1) {
    const started = now();
    const turns = Math.ceil(share / pace.firstChunk);
    // After a first round through real turns, a fast event loop's chunks are called from microtasks,
    // the last round's last one after a real turn (so a stop gets through): the same counts, cheaper turns.
    const quickTurns = !quick ? 0 : round === WARM_UP_COUNTS - 1 ? turns - 1 : turns;
    const reached = await counter.count(share, { pace, quickTurns });
    counted += reached;
    if (reached < share) break;
    // The first round tells how slowly the event loop turns (JavaScriptCore's worker says so itself,
    // since its timer turns can be fast: see timerScheduler in src/shared/eventLoop.ts). It needs the counts
    // to compile the step (with 2 rounds instead of 20 it counted at 0.7–3 ns instead of 0.26),
    // not the turns, so a slow loop gets the same counts in fewer, longer chunks, and keeps its
    // real turns: with microtask turns WebKitGTK's worker then counted at 0.19–0.21 ns instead of 0.15–0.17.
    if (round === 0 && (warmsUpInRealTurns || (now() - started) / turns > SLOW_TURN_MS)) {
      share = SLOW_LOOP_WARM_UP_SHARE;
      pace = SLOW_LOOP_WARM_UP_PACE;
    } else if (round === 0) quick = true;
  }
  return counted;
}
