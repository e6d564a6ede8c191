import { proxy } from 'comlink';
import type { RunTimings } from '../lab/types';
import { freshWorkers, type WorkerSource } from './workerSource';

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
}

/** A promise that rejects with the signal's reason once it aborts. */
function whenAborted(signal: AbortSignal): Promise<never> {
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

/**
 * One run of the lesson: takes a worker per share (fresh ones by default),
 * waits until every one is ready, starts them together and times it all on
 * this thread. Every worker is given back at the end; only a pool keeps them,
 * and only after a run that finished: a failed or stopped run disposes them all.
 */
export async function runOnWorkers(shares: readonly number[], options: RunOptions): Promise<RunTimings> {
  const { signal, onAllReady, onProgress, source = freshWorkers(), now = () => performance.now() } = options;
  signal.throwIfAborted();
  const startedAt = now();
  const handles = source.take(shares.length);
  let finished = false;
  // Any worker's failure or a stop ends the wait at once: a call to a dead worker never settles by itself.
  const ending = [whenAborted(signal), ...handles.map((handle) => handle.failure)];
  try {
    await Promise.race([Promise.all(handles.map((handle) => handle.remote.ready())), ...ending]);
    const readyAt = now();
    onAllReady?.(readyAt - startedAt);

    const counting = handles.map((handle, index) =>
      handle.remote.count(
        shares[index],
        onProgress &&
          proxy((counted: number) => {
            onProgress(index, counted);
          }),
      ),
    );
    const countedByWorker = await Promise.race([Promise.all(counting), ...ending]);
    const finishedAt = now();
    finished = true;
    return {
      startupMs: readyAt - startedAt,
      computeMs: finishedAt - readyAt,
      wallMs: finishedAt - startedAt,
      countedByWorker,
    };
  } finally {
    source.giveBack(handles, finished);
  }
}
