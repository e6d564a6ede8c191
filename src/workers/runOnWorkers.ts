import { proxy } from 'comlink';
import type { RunTimings } from '../lab/types';
import { spawnCounter, type CounterHandle } from './spawnCounter';

export interface RunOptions {
  /** Aborting stops and terminates every worker of the run, and rejects with the signal's reason. */
  signal: AbortSignal;
  /** Called once every worker has answered that it is ready, with the start-up time (ms). */
  onAllReady?: (startupMs: number) => void;
  /** Called with a worker's count so far, as often as the worker reports. */
  onProgress?: (workerIndex: number, counted: number) => void;
  /** Starts one worker; tests hand in an in-thread one. */
  spawn?: (name: string) => CounterHandle;
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
 * One run of the lesson: spawns a fresh worker per share, waits until every
 * one is ready, starts them together and times it all on this thread.
 * Every worker is disposed at the end, whether the run finished, failed or was stopped.
 */
export async function runOnWorkers(shares: readonly number[], options: RunOptions): Promise<RunTimings> {
  const { signal, onAllReady, onProgress, spawn = spawnCounter, now = () => performance.now() } = options;
  signal.throwIfAborted();
  const handles: CounterHandle[] = [];
  // Any worker's failure or a stop ends the wait at once: a call to a dead worker never settles by itself.
  const ending = [whenAborted(signal)];
  const startedAt = now();
  try {
    for (let index = 0; index < shares.length; index += 1) {
      const handle = spawn(`Worker ${String(index + 1)}`);
      handles.push(handle);
      ending.push(handle.failure);
    }
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
    return {
      startupMs: readyAt - startedAt,
      computeMs: finishedAt - readyAt,
      wallMs: finishedAt - startedAt,
      countedByWorker,
    };
  } finally {
    for (const handle of handles) handle.dispose();
  }
}
