import { proxy } from 'comlink';
import { runKernel } from '../../lab/measurement/kernelChoice';
import type { LaneState } from '../../lab/timeline';
import type { CountingApi, HandedModule, KernelKind, PythonCountingApi, RunTimings, WorkerStateEvent } from '../../lab/types';
import { named, runLifecycle, type LifecyclePlan, type LifecycleResult, type WorkerProtocol } from '../boundary/lifecycle';
import type { PreparedPython } from '../boundary/pythonRuntime';
import { holdCountModule } from '../boundary/pageCountLoop';
import { READY_LIMITS_MS, spawnCounter } from '../boundary/spawnWorker';
import { freshWorkers, type WorkerSource } from '../boundary/workerSource';

/**
 * How long a run that has ended waits for the workers' last batches of states (ms): they
 * travel on their own ports and may arrive after the answers. Not part of any time measured.
 */
export const FINAL_STATES_TIMEOUT_MS = 250;

/** Which lanes have reached their last state ('done' or 'stopped'), and a wait for all of them: a run's last states travel on their own ports and may arrive after the answers. */
export function finalStates(lanes: number) {
  const final = Array.from({ length: lanes }, () => false);
  let onAll: (() => void) | null = null;
  return {
    /** Records a lane's state; false when the lane had already ended, so the state is to be ignored. */
    record(lane: number, state: LaneState): boolean {
      if (final[lane]) return false;
      if (state === 'done' || state === 'stopped') {
        final[lane] = true;
        if (final.every(Boolean)) onAll?.();
      }
      return true;
    },
    /** Resolves once every lane has ended, or after FINAL_STATES_TIMEOUT_MS (outside every time measured). */
    allFinal: (): Promise<void> =>
      final.every(Boolean)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const limit = setTimeout(resolve, FINAL_STATES_TIMEOUT_MS);
            onAll = () => {
              clearTimeout(limit);
              resolve();
            };
          }),
  };
}

/**
 * The counting API's terms for the lifecycle: ready warms the kernel up (asking for `kernel` if
 * given), handing the worker the WebAssembly loop's module the page holds (`held`, by default
 * holdCountModule's) unless JavaScript is asked for, and noting it warm once a worker handed it
 * answers that it counts in WebAssembly, its warm-up not cut short by a stop; stop ends a task at
 * its next chunk.
 */
export function countingProtocol(kernel?: KernelKind, held: () => HandedModule<WebAssembly.Module> | null = holdCountModule): WorkerProtocol<CountingApi, KernelKind> {
  // Workers asked to stop since their latest ready began: a stop cuts a warm-up short (a run started during the calibration's).
  const stopped = new WeakSet<object>();
  return {
    readyLimitMs: READY_LIMITS_MS.counter,
    ready: async (remote) => {
      stopped.delete(remote);
      const page = kernel === 'js' ? null : held();
      // A copy: the flag as it stands when this worker is handed the module.
      const answer = await remote.ready(kernel, page && { module: page.module, warm: page.warm });
      // Warmed up by this worker, or by one before it: every worker after it counts at full speed at once.
      if (page !== null && answer === 'wasm' && !stopped.has(remote)) page.warm = true;
      return answer;
    },
    stop: (remote) => {
      stopped.add(remote);
      return remote.stop();
    },
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
  /** What the run waits for before its clock starts (the lifecycle's `beforeClock`; by default the page's next frame). */
  beforeClock?: () => Promise<unknown>;
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
  const { kernel, source = freshWorkers(spawnCounter) } = options;
  const result = await countOnWorkers(shares, countingProtocol(kernel), source, options);
  return {
    startupMs: result.startupMs,
    computeMs: result.computeMs,
    wallMs: result.wallMs,
    countedByWorker: result.answers,
    kernel: runKernel(result.ready),
  };
}

/** SIGINT, as Pyodide reads it from an interrupt buffer: raises KeyboardInterrupt in the running Python. */
const SIGINT = 2;

/** A Python counting worker's API, as the page holds it. */
export type PythonCounter = PythonCountingApi<WebAssembly.Module>;

/** Workers whose interpreter has loaded (a pool's, from run to run): the snapshot, cloned into every message, is not sent to them again. */
const loadedPythonWorkers = new WeakSet<object>();

/**
 * The Python counting API's terms for the lifecycle: ready loads the interpreter (start-up, as a
 * Python process's), handing the worker an interrupt buffer held here where the page has shared
 * memory; stop writes SIGINT into it, which reaches the worker while its thread runs Python
 * (no message can), and also sends the stop message, read between two calls of the lesson's function.
 */
export function pythonProtocol(prepared: PreparedPython): WorkerProtocol<PythonCounter, 'python'> {
  const interrupts = new WeakMap<object, SharedArrayBuffer>();
  // Only a cross-origin isolated page has SharedArrayBuffer (Chromium, Firefox); WebKitGTK has none at all.
  const sharedMemory = typeof SharedArrayBuffer === 'function';
  return {
    readyLimitMs: READY_LIMITS_MS.python,
    ready: (remote) => {
      let interrupt = interrupts.get(remote) ?? null;
      if (sharedMemory && !interrupt) {
        interrupt = new SharedArrayBuffer(4);
        interrupts.set(remote, interrupt);
      }
      const loaded = loadedPythonWorkers.has(remote);
      return remote.ready(loaded ? { ...prepared, snapshot: null } : prepared, interrupt).then((answer) => {
        loadedPythonWorkers.add(remote);
        return answer;
      });
    },
    stop: (remote) => {
      const interrupt = interrupts.get(remote);
      if (interrupt) Atomics.store(new Int32Array(interrupt), 0, SIGINT);
      return remote.stop();
    },
  };
}

export interface PythonRunOptions extends Omit<RunOptions, 'source' | 'kernel'> {
  /** Python workers: fresh ones, or a pool of their own. */
  source: WorkerSource<PythonCounter>;
  /** What preparePython gave: where the files are, the compiled module. */
  prepared: PreparedPython;
}

/**
 * `runOnWorkers` with a Python interpreter in each worker, counting with the lesson's own
 * function: the same lifecycle, lanes and progress; the record has no kernel (its language says Python).
 */
export async function runPythonOnWorkers(shares: readonly number[], options: PythonRunOptions): Promise<RunTimings> {
  const result = await countOnWorkers(shares, pythonProtocol(options.prepared), options.source, options);
  return { startupMs: result.startupMs, computeMs: result.computeMs, wallMs: result.wallMs, countedByWorker: result.answers };
}

/** What the waiting run of Python workers reports: as `runWaitingOnWorkers`'s. */
export interface PythonWaitingTimings extends RunTimings {
  waitedMsByWorker: number[];
}

/**
 * I/O-bound, Python workers in parallel: each waits its time (ms) with asyncio's sleep in its
 * own interpreter (a real wait: the thread is free; Pyodide's time.sleep would busy-wait), the
 * waits overlapping. Lanes: 'starting', then each worker's own states ('waiting-io', then 'done'
 * or 'stopped').
 */
export async function runPythonWaiting(waits: readonly number[], options: Omit<PythonRunOptions, 'onProgress'>): Promise<PythonWaitingTimings> {
  const { signal, onAllReady, onLaneEvent, source, now = () => performance.now() } = options;
  let ended = false;
  const result = await runLifecycle(waits.length, pythonProtocol(options.prepared), { signal, source, now, ...(onAllReady ? { onAllReady } : {}) }, (handles, startedAt): LifecyclePlan<PythonCounter, number> => {
    const lanesEnded = finalStates(handles.length);
    const enter = (lane: number, state: LaneState, at: number) => {
      if (lanesEnded.record(lane, state)) onLaneEvent?.(lane, state, at - startedAt);
    };
    const takenAt = now();
    handles.forEach((_, lane) => {
      enter(lane, 'starting', takenAt);
    });
    return {
      start: (handle, lane) =>
        named(
          handle.remote.waitFor(
            waits[lane],
            proxy((batch: WorkerStateEvent[]) => {
              // A stopped pooled worker may report after the run has ended.
              if (ended) return;
              for (const event of batch) enter(lane, event.state, event.atMs - performance.timeOrigin);
            }),
          ),
          handle,
          'waiting',
        ),
      // A wait's states travel on their own port and may arrive after its answer: wait for them (outside every time measured).
      settle: lanesEnded.allFinal,
      abandon: () => {
        ended = true;
        const stoppedAt = now();
        handles.forEach((_, lane) => {
          enter(lane, 'stopped', stoppedAt);
        });
      },
    };
  });
  return {
    startupMs: result.startupMs,
    computeMs: result.computeMs,
    wallMs: result.wallMs,
    countedByWorker: result.answers.map(() => 0),
    waitedMsByWorker: result.answers,
  };
}

/** The counting run of any counting API: lanes, progress and timings (see runOnWorkers). */
async function countOnWorkers<Api extends Pick<CountingApi, 'count'>, Ready>(
  shares: readonly number[],
  protocol: WorkerProtocol<Api, Ready>,
  source: WorkerSource<Api>,
  options: Omit<RunOptions, 'source' | 'kernel'>,
): Promise<LifecycleResult<Ready, number>> {
  const { signal, onAllReady, onProgress, onLaneEvent, beforeClock, now = () => performance.now() } = options;
  let ended = false;
  return runLifecycle(shares.length, protocol, { signal, source, now, ...(onAllReady ? { onAllReady } : {}), ...(beforeClock ? { beforeClock } : {}) }, (handles, startedAt): LifecyclePlan<Api, number> => {
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
}
