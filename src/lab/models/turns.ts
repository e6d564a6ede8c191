/**
 * The "Main thread" model: k tasks that take turns on the page's own thread,
 * as Python threads take turns on one core (concurrency without parallelism),
 * and the I/O-bound task, a real wait done in short sleeps.
 *
 * Pure: the clock, the way to get a turn of the event loop and the way to sleep
 * are passed in, so that the tests drive them with a fake clock.
 */
import { checkShare, FIRST_CHUNK, MAX_CHUNK, MIN_CHUNK, nextChunkSize, type CountLoop, type Pace } from '../measurement/kernel';

/** How long one task counts before the next one gets its turn (ms), as Python's switch interval (5 ms). */
export const MAIN_THREAD_SLICE_MS = 5;
/**
 * The most a frozen run may count without yielding (ms of work): the page cannot
 * draw nor answer a click meanwhile, so the freeze lasts a few seconds at most.
 */
export const FREEZE_CAP_MS = 3000;
/** The page's sentence on that cap, to show beside the "Freeze the page" checkbox. */
export const FREEZE_CAP_SENTENCE = `A frozen run stops after ${String(FREEZE_CAP_MS / 1000)} s of counting, so the page freezes for a few seconds at most.`;
/**
 * How long one sleep of a waiting (I/O-bound) task on the page's thread lasts at most (ms): Stop
 * ends a wait within this. Longer than a worker's (IO_SLICE_MS, 5 ms, in counterService.ts): every
 * wake here is a task on the thread that draws the page.
 */
export const PAGE_IO_SLICE_MS = 50;

/**
 * What a task is doing from `atMs` on (the timeline's states, but for
 * 'waiting-turn', which is the main thread's 'waiting-lock'):
 * 'counting': it has the thread (or, in a worker, the lock) and counts;
 * 'waiting-turn': it has work left and waits for its turn;
 * 'waiting-io': it waits for a (simulated) network or disk, needing no core;
 * 'done': it has finished its share or its wait;
 * 'stopped': the run was stopped (or capped) before it finished;
 * 'starting': the thread warms its counting code up before the first slice (start-up).
 */
export type TurnState = 'starting' | 'counting' | 'waiting-turn' | 'waiting-io' | 'done' | 'stopped';

/** One change of a task's state, for a timeline. Lanes are 0-based, in the order of the shares. */
export interface LaneEvent {
  lane: number;
  state: TurnState;
  /** On the clock that was passed in (ms). */
  atMs: number;
}

/** What the counter of the slices needs from the place it runs in. */
export interface SliceEnvironment {
  /** A monotonic clock (ms), the same for the counter's life: the step reads it before and after each slice. */
  now: () => number;
  /**
   * Calls `step` after one turn of the event loop (the page draws, takes a click), from the
   * event loop itself: a message handler, a timer or a promise's reaction, never a JavaScript loop.
   */
  schedule: (step: () => void) => void;
}

/** One slice as counted, on the counter's clock (ms). */
export interface SliceReading {
  /** What the loop counted: the slice's size, exactly. */
  counted: number;
  startMs: number;
  endMs: number;
}

export interface SliceCounter {
  /** The clock the readings are on. */
  now: () => number;
  /**
   * Counts `size` (a whole number from 1 to MAX_CHUNK) in one go: after a turn of the event
   * loop, or, `frozen`, right after the running code, before the page can draw or take a
   * click. One slice at a time.
   */
  countSlice: (size: number, frozen: boolean) => Promise<SliceReading>;
}

/**
 * The counter of the main thread's slices: one step function for its life, with the lesson's
 * loop written out inside it, that the event loop calls (or a promise's reaction, when frozen).
 * Measured in Chromium 156: when a JavaScript driver called the counting function, V8's
 * mid-tier compiler (Maglev) sooner or later compiled the driver with the loop inlined, and
 * every slice then counted at 0.50 ns a count instead of 0.26; and the loop of a page's first
 * run, compiled while it ran (on-stack replacement), counted at 0.31. With no caller there is
 * nothing to inline it into; the warm-up (warmUpSlices) gets the step compiled before a timed
 * slice. `| 0` hands the loop an int32 and a slice holds at most MAX_CHUNK, so the counter
 * stays a small integer (see kernel.ts); the count itself is returned, so the JIT cannot drop
 * the loop.
 */
export function createSliceCounter({ now, schedule }: SliceEnvironment, loop: CountLoop | null = null): SliceCounter {
  // A Float64Array, so that the step always reads a double, whatever the size.
  const size = new Float64Array(1);
  let finish: ((reading: SliceReading) => void) | null = null;
  const step = () => {
    const target = size[0] | 0;
    const startMs = now();
    let count = 0;
    // With `loop` (the workers' WebAssembly loop, where it is the faster), the thread counts as they do.
    if (loop === null) while (count < target) count += 1;
    else count = loop(target);
    const endMs = now();
    const resolve = finish;
    finish = null;
    resolve?.({ counted: count, startMs, endMs });
  };
  return {
    now,
    countSlice: (slice, frozen) => {
      if (!Number.isSafeInteger(slice) || slice < 1 || slice > MAX_CHUNK) {
        return Promise.reject(new RangeError(`A slice must be a whole number from 1 to ${String(MAX_CHUNK)}, got ${String(slice)}.`));
      }
      if (finish) return Promise.reject(new Error('This counter is already counting a slice.'));
      size[0] = slice;
      return new Promise((resolve) => {
        finish = resolve;
        if (frozen) void Promise.resolve().then(step);
        else schedule(step);
      });
    },
  };
}

/**
 * The warm-up: SLICE_WARM_UP_SLICES frozen slices of SLICE_WARM_UP_SIZE through the step that
 * counts the timed slices (about 2 million counts, as the workers' warm-up counts).
 */
export const SLICE_WARM_UP_SLICES = 2000;
export const SLICE_WARM_UP_SIZE = 1024;

/**
 * Gets the step compiled before anything is timed, through many short calls, as the workers'
 * warm-up does (see kernel.ts): measured in Chromium 156, without it a page's first main-thread
 * run counted at 0.31 ns a count and later ones at 0.26, so 1 task then 2 tasks read 1.2 times
 * apart. Frozen, so it holds the page for its few milliseconds and no stop can come in meanwhile.
 * Resolves with what it counted.
 */
export async function warmUpSlices(counter: SliceCounter): Promise<number> {
  let counted = 0;
  for (let slice = 0; slice < SLICE_WARM_UP_SLICES; slice += 1) counted += (await counter.countSlice(SLICE_WARM_UP_SIZE, true)).counted;
  return counted;
}

export interface TurnsOptions {
  /** What each task counts (whole numbers, e.g. from splitTotal). */
  shares: readonly number[];
  /** How long a turn should last (ms); MAIN_THREAD_SLICE_MS by default. */
  sliceMs?: number;
  /** Counts each slice when the event loop calls it (see createSliceCounter); its clock is the run's. */
  counter: SliceCounter;
  /** The reading of the counter's clock the events are timed from; the run's first reading by default. */
  originMs?: number;
  /** Runs the slices back to back without yielding, capped at `freezeCapMs` of work. */
  freeze?: boolean;
  /** FREEZE_CAP_MS by default. */
  freezeCapMs?: number;
  /** Read before every slice: true ends the run within one slice. */
  shouldStop: () => boolean;
  /** Called with each event as it is recorded (the same objects as the result's `events`). */
  onLaneEvent?: (event: LaneEvent) => void;
  /** Called after each slice with the task's count so far. */
  onProgress?: (lane: number, counted: number) => void;
  /** Chunk sizes (counts): the first slice's, and the bounds of later ones. The kernel's by default. */
  chunks?: Pick<Pace, 'firstChunk' | 'minChunk' | 'maxChunk'>;
}

export interface TurnsResult {
  /** What each task counted, exactly: its share, or less when stopped or capped. */
  counted: number[];
  events: LaneEvent[];
  /** Slices run, over all tasks. */
  slices: number;
  /** `shouldStop` ended the run. */
  stopped: boolean;
  /** A frozen run reached FREEZE_CAP_MS and ended there. */
  capped: boolean;
  /** First clock reading to last (ms). */
  elapsedMs: number;
}

/**
 * Runs k counting tasks in turns on one thread: task 1 counts one slice, then
 * task 2, …, round and round, skipping finished tasks; each slice waits for a
 * turn of the event loop first (unless frozen), so the page keeps drawing. Each
 * slice is one chunk sized from the previous slice's time to last about `sliceMs`.
 * Resolves with what each task counted (exact) and the state changes of every lane.
 *
 * A stop is read before each slice, so it ends the run within one slice. A
 * frozen run never yields; it ends once it has run `freezeCapMs`, at most one
 * slice past it, with `capped: true`.
 *
 * This driver never runs the loop itself: the counter's step does, called by
 * the event loop, so how many tasks share the thread changes nothing in how
 * fast it counts.
 */
export async function runInTurns(options: TurnsOptions): Promise<TurnsResult> {
  const { shares, counter, shouldStop, onLaneEvent } = options;
  const sliceMs = options.sliceMs ?? MAIN_THREAD_SLICE_MS;
  const freeze = options.freeze ?? false;
  const capMs = options.freezeCapMs ?? FREEZE_CAP_MS;
  const pace: Pace = {
    firstChunk: options.chunks?.firstChunk ?? FIRST_CHUNK,
    minChunk: options.chunks?.minChunk ?? MIN_CHUNK,
    maxChunk: options.chunks?.maxChunk ?? MAX_CHUNK,
    chunkMs: sliceMs,
    reportMs: Number.POSITIVE_INFINITY,
  };
  shares.forEach(checkShare);

  const startedAt = counter.now();
  const origin = options.originMs ?? startedAt;
  const counted = shares.map(() => 0);
  const events: LaneEvent[] = [];
  const record = (lane: number, state: TurnState, atMs: number) => {
    const event = { lane, state, atMs: atMs - origin };
    events.push(event);
    onLaneEvent?.(event);
  };

  let last = startedAt;
  shares.forEach((share, lane) => {
    record(lane, share === 0 ? 'done' : 'waiting-turn', startedAt);
  });
  let chunk = Math.min(pace.firstChunk, pace.maxChunk);
  let slices = 0;
  let stopped = false;
  let capped = false;
  let lane = -1;

  for (;;) {
    // The next task with work left, after the one that counted last.
    let next = -1;
    for (let step = 1; step <= shares.length; step += 1) {
      const candidate = (lane + step) % shares.length;
      if (counted[candidate] < shares[candidate]) {
        next = candidate;
        break;
      }
    }
    if (next === -1) break;
    if (shouldStop()) {
      stopped = true;
      break;
    }
    if (freeze && last - startedAt >= capMs) {
      capped = true;
      break;
    }
    lane = next;
    const size = Math.min(chunk, shares[lane] - counted[lane]);
    const slice = await counter.countSlice(size, freeze);
    record(lane, 'counting', slice.startMs);
    counted[lane] += slice.counted;
    options.onProgress?.(lane, counted[lane]);
    slices += 1;
    last = slice.endMs;
    if (size === chunk) chunk = nextChunkSize(chunk, slice.endMs - slice.startMs, pace);
    record(lane, counted[lane] < shares[lane] ? 'waiting-turn' : 'done', slice.endMs);
  }

  if (stopped || capped) {
    const at = counter.now();
    last = at;
    shares.forEach((share, index) => {
      if (counted[index] < share) record(index, 'stopped', at);
    });
  }
  return { counted, events, slices, stopped, capped, elapsedMs: last - startedAt };
}

export interface WaitOptions {
  /** How long to wait (ms). */
  waitMs: number;
  /** The longest single sleep (ms); PAGE_IO_SLICE_MS by default. */
  sliceMs?: number;
  now: () => number;
  /** Resolves after about `ms` (setTimeout in a page or worker). */
  sleep: (ms: number) => Promise<void>;
  /** Read after every sleep: true ends the wait within one sleep. */
  shouldStop: () => boolean;
  /** The lane to name in events; 0 by default. */
  lane?: number;
  onLaneEvent?: (event: LaneEvent) => void;
}

export interface WaitResult {
  /** How long it waited, on the clock (ms): at least `waitMs` unless stopped. */
  waitedMs: number;
  stopped: boolean;
  /** 'waiting-io' at the start, then 'done' or 'stopped'. */
  events: LaneEvent[];
}

/**
 * The I/O-bound task: a real wait of `waitMs` (a simulated network or disk),
 * done as consecutive sleeps of at most `sliceMs`, so that a stop ends it
 * within one sleep. It holds no core while it sleeps: in a worker under the
 * lock it should give the lock up first, as Python releases the GIL in blocking I/O.
 */
export async function waitInSlices(options: WaitOptions): Promise<WaitResult> {
  const { waitMs, now, sleep, shouldStop, onLaneEvent } = options;
  const sliceMs = options.sliceMs ?? PAGE_IO_SLICE_MS;
  const lane = options.lane ?? 0;
  if (!(waitMs >= 0) || !Number.isFinite(waitMs)) throw new RangeError(`A wait must be a time ≥ 0 ms, got ${String(waitMs)}.`);
  if (!(sliceMs > 0)) throw new RangeError(`A slice must last more than 0 ms, got ${String(sliceMs)}.`);
  const events: LaneEvent[] = [];
  const record = (state: TurnState, atMs: number) => {
    const event = { lane, state, atMs };
    events.push(event);
    onLaneEvent?.(event);
  };

  const startedAt = now();
  record('waiting-io', startedAt);
  let at = startedAt;
  let stopped = false;
  while (at - startedAt < waitMs) {
    if (shouldStop()) {
      stopped = true;
      break;
    }
    await sleep(Math.min(sliceMs, waitMs - (at - startedAt)));
    at = now();
  }
  record(stopped ? 'stopped' : 'done', at);
  return { waitedMs: at - startedAt, stopped, events };
}

export interface WaitAllResult {
  /** How long each task waited (ms). */
  waitedMs: number[];
  stopped: boolean;
  /** Every lane's events, in the order they happened. */
  events: LaneEvent[];
  /** First clock reading to last (ms): about the longest wait, since the waits overlap. */
  elapsedMs: number;
}

/**
 * k waiting tasks on the main thread: they all wait at once, since waiting
 * needs no core, so k waits of 100 ms take about 100 ms, not k × 100.
 */
export async function waitAllInSlices(
  options: Omit<WaitOptions, 'waitMs' | 'lane' | 'onLaneEvent'> & { waits: readonly number[]; onLaneEvent?: (event: LaneEvent) => void },
): Promise<WaitAllResult> {
  const { waits, onLaneEvent, ...rest } = options;
  const events: LaneEvent[] = [];
  const collect = (event: LaneEvent) => {
    events.push(event);
    onLaneEvent?.(event);
  };
  const startedAt = options.now();
  const results = await Promise.all(waits.map((waitMs, lane) => waitInSlices({ ...rest, waitMs, lane, onLaneEvent: collect })));
  return {
    waitedMs: results.map((result) => result.waitedMs),
    stopped: results.some((result) => result.stopped),
    events,
    elapsedMs: options.now() - startedAt,
  };
}
