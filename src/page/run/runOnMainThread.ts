import { createSliceCounter, runInTurns, waitAllInSlices, warmUpSlices, type LaneEvent, type SliceCounter, type SliceEnvironment } from '../../lab/models/turns';
import { engineOf, kernelFor } from '../../lab/measurement/kernelChoice';
import type { KernelKind, RunTimings, TaskKind } from '../../lab/types';
import { messageScheduler, sleep } from '../../shared/eventLoop';
import { compileCountLoop } from '../../shared/wasmKernel';

/** What a main-thread run reports beyond the timings of a worker run. */
export interface MainThreadTimings extends RunTimings {
  /** A frozen run reached its cap and stopped there (see FREEZE_CAP_MS). */
  capped: boolean;
  /** Waiting tasks: how long each waited (ms). */
  waitedMsByWorker?: number[];
}

export interface MainThreadOptions {
  /** Aborting ends the run within one slice, and rejects with the signal's reason. */
  signal: AbortSignal;
  task: TaskKind;
  /** For waiting tasks: how long each task waits (ms), in task order. */
  waits?: readonly number[];
  /** Counting only: the slices run back to back, without yielding to the browser. */
  freeze?: boolean;
  /** Every task's state changes as they happen, from the run's start (ms). */
  onLaneEvent?: (event: LaneEvent) => void;
  /** Counting: a task's count so far, after each of its slices. */
  onProgress?: (lane: number, counted: number) => void;
  /** The loop to count with: the one the workers would use (the faster in this engine) by default. */
  kernel?: KernelKind;
  /** Called once the tasks can start (counting: after the warm-up), with the start-up time (ms). */
  onReady?: (startupMs: number) => void;
  /** The clock of waiting tasks (ms), and of counting ones with `yieldToBrowser`; the page's by default. */
  now?: () => number;
  /**
   * For tests: one turn of the event loop before each slice, for a counter of this run's own
   * (Node's ports drain before its timers, so tests pass a timer). The page's own counter by default.
   */
  yieldToBrowser?: () => Promise<void>;
}

interface KernelCounter {
  counter: SliceCounter;
  /** The loop it counts with: JavaScript where WebAssembly was asked for but cannot compile. */
  kernel: KernelKind;
}

/** The page's counters of slices, one a kernel, for its life: each step stays compiled from run to run. */
const pageCounters = new Map<KernelKind, KernelCounter>();

/**
 * A counter with the kernel asked for, so that the main thread counts with the loop the workers
 * use and a comparison of the models compares taking turns, not two loops.
 */
function counterFor(options: MainThreadOptions): KernelCounter {
  const { yieldToBrowser } = options;
  const wanted = options.kernel ?? kernelFor(engineOf(typeof navigator === 'object' ? navigator.userAgent : ''));
  // Compiled only for a new counter: the page's counters keep their loop for the page's life.
  const make = (environment: SliceEnvironment): KernelCounter => {
    const loop = wanted === 'wasm' ? compileCountLoop() : null;
    return { counter: createSliceCounter(environment, loop), kernel: loop === null ? 'js' : 'wasm' };
  };
  if (yieldToBrowser) {
    const schedule = (step: () => void) => {
      void yieldToBrowser().then(step);
    };
    return make({ now: options.now ?? (() => performance.now()), schedule });
  }
  let made = pageCounters.get(wanted);
  if (!made) {
    made = make({ now: () => performance.now(), schedule: messageScheduler() });
    pageCounters.set(wanted, made);
  }
  return made;
}

/**
 * The "Main thread" model: the shares as k tasks that take turns on the page's
 * own thread (counting), or that all wait at once (waiting), with the same
 * contract as a worker run. Counting starts with a warm-up of its counting code
 * (a few milliseconds; the page's first run also compiles it), timed as start-up,
 * as a worker's warm-up is; waiting has nothing to start.
 */
export async function runOnMainThread(shares: readonly number[], options: MainThreadOptions): Promise<MainThreadTimings> {
  const { signal, task, onLaneEvent } = options;
  signal.throwIfAborted();
  const shouldStop = () => signal.aborted;
  if (task === 'io') {
    const now = options.now ?? (() => performance.now());
    const startedAt = now();
    const clock = () => now() - startedAt;
    const waits = options.waits ?? [];
    if (waits.length !== shares.length) throw new RangeError(`Waiting tasks need one wait each: ${String(shares.length)} tasks, ${String(waits.length)} waits.`);
    options.onReady?.(0);
    const result = await waitAllInSlices({ waits, now: clock, sleep, shouldStop, onLaneEvent });
    signal.throwIfAborted();
    const elapsed = clock();
    return { startupMs: 0, computeMs: elapsed, wallMs: elapsed, countedByWorker: shares.map(() => 0), capped: false, waitedMsByWorker: result.waitedMs };
  }
  const { counter, kernel } = counterFor(options);
  const startedAt = counter.now();
  for (const lane of shares.keys()) onLaneEvent?.({ lane, state: 'starting', atMs: 0 });
  await warmUpSlices(counter);
  signal.throwIfAborted();
  const startupMs = counter.now() - startedAt;
  options.onReady?.(startupMs);
  const result = await runInTurns({ shares, counter, originMs: startedAt, freeze: options.freeze ?? false, shouldStop, onLaneEvent, onProgress: options.onProgress });
  signal.throwIfAborted();
  const wallMs = counter.now() - startedAt;
  return { startupMs, computeMs: wallMs - startupMs, wallMs, countedByWorker: result.counted, capped: result.capped, kernel };
}
