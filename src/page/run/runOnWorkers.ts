import { proxy } from 'comlink';
import type { LaneState } from '../../lab/timeline';
import type { CountingApi, KernelKind, RunTimings } from '../../lab/types';
import { named, runLifecycle, type LifecyclePlan, type WorkerProtocol } from '../boundary/lifecycle';
import { READY_LIMITS_MS, spawnCounter } from '../boundary/spawnWorker';
import { freshWorkers, type WorkerSource } from '../boundary/workerSource';

/** The counting API's terms for the lifecycle: ready warms the kernel up (asking for `kernel` if given), stop ends a task at its next chunk. */
export function countingProtocol(kernel?: KernelKind): WorkerProtocol<CountingApi, KernelKind> {
  return {
    readyLimitMs: READY_LIMITS_MS.counter,
    ready: (remote) => remote.ready(kernel),
    stop: (remote) => remote.stop(),
  };
}

export interface RunOptions {
  /** Aborting stops every worker of the run (terminating fresh ones), and rejects with the signal's reason. */
  signal: AbortSignal;
  /** Called once every worker has answered that it is ready, with the start-up time (ms). */
  onAllReady?: (startupMs: number) => void;
  /** Called with a worker's count so far, as often as the worker reports. */
  onProgress?: (workerIndex: number, counted: number) => void;
  /** Where the workers come from: fresh ones (the default) or a pool. */
  source?: WorkerSource<CountingApi>;
  /** The loop each worker is asked to count with; without it, the faster in the worker's engine (`kernelFor`). */
  kernel?: KernelKind;
  /** The main thread's clock (ms). */
  now?: () => number;
  /**
   * Called when a worker's lane changes state, with the time on `now`'s clock from the run's
   * start (ms): every lane 'starting' when its worker is taken, all 'counting' together when
   * the start is sent, each 'done' when its count answers, and every lane not done 'stopped'
   * when the run is stopped or fails. A worker that answers ready before the others stays
   * 'starting': it waits for the common start, and start-up lasts until every worker is ready.
   * Only the page's side is watched, so the workers' own time is not touched.
   */
  onLaneEvent?: (lane: number, state: LaneState, atMs: number) => void;
}

/** The run's kernel: WebAssembly when every worker counted with it (a page asks all its workers for the same one). */
export function runKernel(kernels: readonly KernelKind[]): KernelKind {
  return kernels.length > 0 && kernels.every((kernel) => kernel === 'wasm') ? 'wasm' : 'js';
}

/**
 * One run of the lesson: takes a worker per share (fresh ones by default),
 * waits until every one is ready, starts them together and times it all on
 * this thread (the lifecycle, `runLifecycle`). Every worker is given back at the end:
 * a pool keeps them after a run that finished or was stopped; a failed run disposes them all.
 * A worker that fails (its script, an uncaught error, a call that throws) ends the
 * run with one sentence naming it; one that never answers ready, after COUNTING_READY_LIMIT_MS (spawnWorker.ts).
 */
export async function runOnWorkers(shares: readonly number[], options: RunOptions): Promise<RunTimings> {
  const { signal, onAllReady, onProgress, onLaneEvent, kernel, source = freshWorkers(spawnCounter), now = () => performance.now() } = options;
  let ended = false;
  const result = await runLifecycle(shares.length, countingProtocol(kernel), { signal, source, now, ...(onAllReady ? { onAllReady } : {}) }, (handles, startedAt): LifecyclePlan<CountingApi, number> => {
    const states: LaneState[] = handles.map(() => 'starting');
    const enter = (lane: number, state: LaneState, at = now()) => {
      // A count that answers after a stop (a worker given back stops at its next chunk) changes nothing.
      if (states[lane] === 'done' || states[lane] === 'stopped') return;
      states[lane] = state;
      onLaneEvent?.(lane, state, at - startedAt);
    };
    if (onLaneEvent) {
      const takenAt = now();
      handles.forEach((_, lane) => {
        enter(lane, 'starting', takenAt);
      });
    }
    return {
      starting: (readyAt) => {
        handles.forEach((_, lane) => {
          enter(lane, 'counting', readyAt);
        });
      },
      start: (handle, lane) =>
        named(
          handle.remote.count(
            shares[lane],
            onProgress &&
              proxy((counted: number) => {
                // A stopped pooled worker may report once more before its count ends.
                if (!ended) onProgress(lane, counted);
              }),
          ),
          handle,
          'counting',
        ),
      answered: (lane) => {
        enter(lane, 'done');
      },
      abandon: () => {
        ended = true;
        const stoppedAt = now();
        states.forEach((state, lane) => {
          if (state !== 'done') enter(lane, 'stopped', stoppedAt);
        });
      },
    };
  });
  return {
    startupMs: result.startupMs,
    computeMs: result.computeMs,
    wallMs: result.wallMs,
    countedByWorker: result.answers,
    kernel: runKernel(result.ready),
  };
}
