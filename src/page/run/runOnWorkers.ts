import { proxy } from 'comlink';
import type { LaneState } from '../../lab/timeline';
import type { KernelKind, RunTimings } from '../../lab/types';
import { errorDetail, type CounterHandle } from '../boundary/spawnCounter';
import { freshWorkers, type WorkerSource } from '../boundary/workerSource';

/**
 * How long a run waits for every worker to answer that it is ready (ms). Start-up takes
 * 30–600 ms (WebKit is the slowest), a cold load or a busy machine more; a worker that has
 * not answered by then never will, and the run ends instead of waiting forever.
 */
export const READY_TIMEOUT_MS = 15_000;

export interface RunOptions {
  /** Aborting stops and terminates every worker of the run, and rejects with the signal's reason. */
  signal: AbortSignal;
  /** Called once every worker has answered that it is ready, with the start-up time (ms). */
  onAllReady?: (startupMs: number) => void;
  /** Called with a worker's count so far, as often as the worker reports. */
  onProgress?: (workerIndex: number, counted: number) => void;
  /** Where the workers come from: fresh ones (the default) or a pool. */
  source?: WorkerSource;
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

/** A promise that rejects with the signal's reason once it aborts. */
export function whenAborted(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    else
      signal.addEventListener(
        'abort',
        () => {
          reject(signal.reason as Error);
        },
        { once: true },
      );
  });
  aborted.catch(() => undefined);
  return aborted;
}

/** Names the worker in a call's failure: "Worker 2 failed while counting: The kernel broke." */
export function named<T>(call: Promise<T>, handle: CounterHandle, doing: 'starting' | 'counting' | 'waiting'): Promise<T> {
  return call.catch((error: unknown) => {
    // Comlink carries an error's name across, so a TypeError still says so.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`${handle.name} failed while ${doing}: ${errorDetail(message, 'no reason given')}`, { cause: error });
  });
}

/** "Worker 2 did not start within 15 s: it never answered that it was ready." */
export function notReadyMessage(names: readonly string[]): string {
  const who = names.length === 1 ? names[0] : `${names[0]} and ${String(names.length - 1)} ${names.length === 2 ? 'other' : 'others'}`;
  const seconds = `${String(READY_TIMEOUT_MS / 1000)} s`;
  const never = names.length === 1 ? 'it never answered that it was ready' : 'none of them answered that it was ready';
  return `${who} did not start within ${seconds}: ${never}.`;
}

/**
 * Resolves once every worker is ready, with the loop each counts with (the one its handle asks
 * for, or JavaScript where WebAssembly could not compile); rejects with a TimeoutError naming
 * the silent ones after READY_TIMEOUT_MS.
 */
export async function allReady(handles: readonly CounterHandle[], ending: readonly Promise<never>[]): Promise<KernelKind[]> {
  const ready = handles.map(() => false);
  const readying = Promise.all(
    handles.map(async (handle, index) => {
      const kernel = await named(handle.remote.ready(handle.kernel), handle, 'starting');
      ready[index] = true;
      return kernel;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const silent = handles.filter((_, index) => !ready[index]).map((handle) => handle.name);
      reject(new DOMException(notReadyMessage(silent), 'TimeoutError'));
    }, READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([readying, timedOut, ...ending]);
  } finally {
    clearTimeout(timer);
  }
}

/** The run's kernel: WebAssembly when every worker counted with it (a page asks all its workers for the same one). */
export function runKernel(kernels: readonly KernelKind[]): KernelKind {
  return kernels.length > 0 && kernels.every((kernel) => kernel === 'wasm') ? 'wasm' : 'js';
}

/**
 * One run of the lesson: takes a worker per share (fresh ones by default),
 * waits until every one is ready, starts them together and times it all on
 * this thread. Every worker is given back at the end; only a pool keeps them,
 * and only after a run that finished: a failed or stopped run disposes them all.
 * A worker that fails (its script, an uncaught error, a call that throws) ends the
 * run with one sentence naming it; one that never answers ready, after READY_TIMEOUT_MS.
 */
export async function runOnWorkers(shares: readonly number[], options: RunOptions): Promise<RunTimings> {
  const { signal, onAllReady, onProgress, onLaneEvent, source = freshWorkers(), now = () => performance.now() } = options;
  signal.throwIfAborted();
  const startedAt = now();
  const handles = source.take(shares.length);
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
  let finished = false;
  // Any worker's failure or a stop ends the wait at once: a call to a dead worker never settles by itself.
  const ending = [whenAborted(signal), ...handles.map((handle) => handle.failure)];
  try {
    const kernel = runKernel(await allReady(handles, ending));
    const readyAt = now();
    onAllReady?.(readyAt - startedAt);
    handles.forEach((_, lane) => {
      enter(lane, 'counting', readyAt);
    });

    const counting = handles.map((handle, index) =>
      named(
        handle.remote.count(
          shares[index],
          onProgress &&
            proxy((counted: number) => {
              onProgress(index, counted);
            }),
        ),
        handle,
        'counting',
      ).then((counted) => {
        enter(index, 'done');
        return counted;
      }),
    );
    const countedByWorker = await Promise.race([Promise.all(counting), ...ending]);
    const finishedAt = now();
    finished = true;
    return {
      startupMs: readyAt - startedAt,
      computeMs: finishedAt - readyAt,
      wallMs: finishedAt - startedAt,
      countedByWorker,
      kernel,
    };
  } catch (error: unknown) {
    const stoppedAt = now();
    states.forEach((state, lane) => {
      if (state !== 'done') enter(lane, 'stopped', stoppedAt);
    });
    throw error;
  } finally {
    source.giveBack(handles, finished);
  }
}
