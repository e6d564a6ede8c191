import { runInTurns, waitAllInSlices, type LaneEvent } from '../lab/turns';
import type { RunTimings, TaskKind } from '../lab/types';

/** What a main-thread run reports beyond the timings of a worker run. */
export interface MainThreadTimings extends RunTimings {
  /** A frozen run reached its cap and stopped there (see FREEZE_CAP_MS). */
  capped: boolean;
  /** Every task's state changes, on the page's clock, from the run's start (ms). */
  events: LaneEvent[];
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
  onLaneEvent?: (event: LaneEvent) => void;
  /** Counting: a task's count so far, after each of its slices. */
  onProgress?: (lane: number, counted: number) => void;
  /** The page's clock (ms). */
  now?: () => number;
  /** One turn of the event loop between slices; a message to ourselves by default (Node's ports drain before its timers, so tests pass a timer). */
  yieldToBrowser?: () => Promise<void>;
}

/**
 * One turn of the browser's event loop, so it can draw and take a click: a
 * message to ourselves, which is not clamped to 4 ms as nested timers are.
 */
function messageTurn(): () => Promise<void> {
  const channel = new MessageChannel();
  return () =>
    new Promise((resolve) => {
      channel.port1.onmessage = () => {
        resolve();
      };
      channel.port2.postMessage(null);
    });
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * The "Main thread" model: the shares as k tasks that take turns on the page's
 * own thread (counting), or that all wait at once (waiting), with the same
 * contract as a worker run. There is nothing to start, so start-up is 0 and
 * the wall-clock time is the compute time.
 */
export async function runOnMainThread(shares: readonly number[], options: MainThreadOptions): Promise<MainThreadTimings> {
  const { signal, task, onLaneEvent, now = () => performance.now() } = options;
  signal.throwIfAborted();
  const startedAt = now();
  const clock = () => now() - startedAt;
  const shouldStop = () => signal.aborted;
  if (task === 'io') {
    const waits = options.waits ?? [];
    if (waits.length !== shares.length) throw new RangeError(`Waiting tasks need one wait each: ${String(shares.length)} tasks, ${String(waits.length)} waits.`);
    const result = await waitAllInSlices({ waits, now: clock, sleep, shouldStop, onLaneEvent });
    signal.throwIfAborted();
    const elapsed = clock();
    return { startupMs: 0, computeMs: elapsed, wallMs: elapsed, countedByWorker: shares.map(() => 0), capped: false, events: result.events, waitedMsByWorker: result.waitedMs };
  }
  const result = await runInTurns({ shares, now: clock, yieldToBrowser: options.yieldToBrowser ?? messageTurn(), freeze: options.freeze ?? false, shouldStop, onLaneEvent, onProgress: options.onProgress });
  signal.throwIfAborted();
  const elapsed = clock();
  return { startupMs: 0, computeMs: elapsed, wallMs: elapsed, countedByWorker: result.counted, capped: result.capped, events: result.events };
}
