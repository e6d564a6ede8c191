import type { Remote } from 'comlink';
import { errorDetail, notReadyMessage } from '../../lab/texts/workerFailures';
import { afterPageDrawn } from './pageDrawn';
import type { WorkerHandle } from './spawnWorker';
import type { WorkerSource } from './workerSource';

/**
 * How long a stopped run of pooled workers waits for each worker's pending call to settle
 * after asking it to stop (ms): a count ends at its next chunk and a wait at its next slice,
 * well within this; a worker still silent by then is terminated instead of kept.
 */
export const STOP_SETTLE_MS = 500;

/** What the lifecycle needs to know of a worker API: its handshake, how long it may take, and how to stop it. */
export interface WorkerProtocol<Api, Ready> {
  /** How long a worker of this API may take to answer ready, its start-up included (ms). */
  readyLimitMs: number;
  /** The handshake: resolves once the worker can start its task, with what it says of itself. */
  ready: (remote: Remote<Api>) => Promise<Ready>;
  /** Asks the worker to end its pending call without terminating it, so that a pool can keep it. */
  stop: (remote: Remote<Api>) => Promise<unknown>;
}

export interface LifecycleOptions<Api> {
  /** Aborting ends the run: its pending calls reject with the signal's reason at once. */
  signal: AbortSignal;
  source: WorkerSource<Api>;
  /** The page's clock (ms): every time of the run is read on it. */
  now: () => number;
  /** Called once every worker has answered that it is ready, with the start-up time (ms). */
  onAllReady?: (startupMs: number) => void;
  /**
   * What the run waits for before its clock starts and its workers are taken: by default the
   * page's drawing of the run's start (`afterPageDrawn`), so that the page's thread is idle while
   * the workers start. Nothing of the workers happens before it.
   */
  beforeClock?: () => Promise<unknown>;
}

/** What a runner does with its workers, lane by lane, at each step of their life. */
export interface LifecyclePlan<Api, Answer> {
  /** Starts lane's task once every worker is ready; its failure names the worker (see `named`). */
  start: (handle: WorkerHandle<Api>, lane: number) => Promise<Answer>;
  /** Every worker is ready and the tasks are about to start, at `readyAt` on the page's clock. */
  starting?: (readyAt: number) => void;
  /** A lane's task answered. */
  answered?: (lane: number) => void;
  /** After every answer, once the times are taken: waits for what travels after the answers. */
  settle?: () => Promise<unknown>;
  /** The run is ending early (stopped or failed), before its workers are stopped or disposed: unblock them, close the lanes. */
  abandon?: () => void;
}

export interface LifecycleResult<Ready, Answer> {
  /** Taking the workers → every worker ready (ms). */
  startupMs: number;
  /** The start → the last answer (ms). */
  computeMs: number;
  /** Taking the workers → the last answer (ms). */
  wallMs: number;
  /** Each lane's answer, in lane order. */
  answers: Answer[];
  /** What each worker answered ready with, in lane order. */
  ready: Ready[];
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
export function named<T>(call: Promise<T>, handle: Pick<WorkerHandle<unknown>, 'name'>, doing: 'starting' | 'counting' | 'waiting'): Promise<T> {
  return call.catch((error: unknown) => {
    // Comlink carries an error's name across, so a TypeError still says so.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`${handle.name} failed while ${doing}: ${errorDetail(message, 'no reason given')}`, { cause: error });
  });
}

/**
 * Resolves once every worker is ready, with what each answered; rejects with a TimeoutError
 * naming the silent ones after the protocol's limit. Each ready call is put in `pending`.
 */
async function allReady<Api, Ready>(
  handles: readonly WorkerHandle<Api>[],
  protocol: WorkerProtocol<Api, Ready>,
  ending: readonly Promise<never>[],
  pending: Promise<unknown>[],
): Promise<Ready[]> {
  const ready = handles.map(() => false);
  const readying = Promise.all(
    handles.map(async (handle, index) => {
      const call = protocol.ready(handle.remote);
      pending[index] = call;
      const answer = await named(call, handle, 'starting');
      ready[index] = true;
      return answer;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const silent = handles.filter((_, index) => !ready[index]).map((handle) => handle.name);
      reject(new DOMException(notReadyMessage(silent, protocol.readyLimitMs), 'TimeoutError'));
    }, protocol.readyLimitMs);
  });
  try {
    return await Promise.race([readying, timedOut, ...ending]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A stopped run's pooled workers, each already asked to stop: each is given STOP_SETTLE_MS for
 * its pending call to settle; those that settle go back to the pool idle, the others are terminated.
 */
async function keepWhatStops<Api>(handles: readonly WorkerHandle<Api>[], pending: readonly (Promise<unknown> | undefined)[], source: WorkerSource<Api>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, STOP_SETTLE_MS);
  });
  try {
    const settled = await Promise.all(
      handles.map((handle, lane) =>
        Promise.race([
          (pending[lane] ?? Promise.resolve()).then(
            () => true,
            () => true,
          ),
          handle.failure.catch(() => false),
          limit,
        ]),
      ),
    );
    source.giveBack(
      handles.filter((_, lane) => settled[lane]),
      true,
    );
    source.giveBack(
      handles.filter((_, lane) => !settled[lane]),
      false,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The life of one run on workers, the same for every runner and every worker API: let the
 * page draw the run's start (`beforeClock`), start the clock, take a worker per lane from the source, wait until every one is ready (within the API's limit),
 * start them together, time it all on the page's clock and give the workers back. Any
 * worker's failure, or an abort, ends every wait at once (a call to a dead worker never
 * settles by itself). A finished run gives its workers back to be kept. A run that ends
 * early asks every worker to stop (a Stop once every worker has answered comes too late: the
 * run is kept); then a failed run (even one failing after every answer, while it settles)
 * disposes them, a stopped run disposes fresh ones and keeps the pooled ones that answer (see
 * STOP_SETTLE_MS).
 */
export async function runLifecycle<Api, Ready, Answer>(
  lanes: number,
  protocol: WorkerProtocol<Api, Ready>,
  options: LifecycleOptions<Api>,
  /** Called once the workers are taken, with the run's start on the page's clock. */
  makePlan: (handles: readonly WorkerHandle<Api>[], startedAt: number) => LifecyclePlan<Api, Answer>,
): Promise<LifecycleResult<Ready, Answer>> {
  const { signal, source, now, onAllReady, beforeClock = () => afterPageDrawn(globalThis) } = options;
  signal.throwIfAborted();
  // Raced against Stop: a wait as long as the calibration's (the first screen settling, up to 3 s) ends at once.
  await Promise.race([beforeClock(), whenAborted(signal)]);
  // Stopped while the page drew: no worker was taken.
  signal.throwIfAborted();
  const startedAt = now();
  const handles = source.take(lanes);
  /** Each worker's call in flight: its ready, then its task. */
  const pending: Promise<unknown>[] = [];
  let plan: LifecyclePlan<Api, Answer> | undefined;
  try {
    plan = makePlan(handles, startedAt);
    const ending = [whenAborted(signal), ...handles.map((handle) => handle.failure)];
    const ready = await allReady(handles, protocol, ending, pending);
    const readyAt = now();
    onAllReady?.(readyAt - startedAt);
    plan.starting?.(readyAt);
    const { start, answered } = plan;
    const tasks = handles.map((handle, lane) => {
      const task = start(handle, lane);
      pending[lane] = task;
      return task.then((answer) => {
        answered?.(lane);
        return answer;
      });
    });
    const answers = await Promise.race([Promise.all(tasks), ...ending]);
    const finishedAt = now();
    // Every worker has answered and the clock has stopped: a Stop now comes too late to lose the run,
    // which only waits (within its own short limit) for what travels after the answers. A failure still ends it.
    if (plan.settle) await Promise.race([plan.settle(), ...handles.map((handle) => handle.failure)]);
    source.giveBack(handles, true);
    return { startupMs: readyAt - startedAt, computeMs: finishedAt - readyAt, wallMs: finishedAt - startedAt, answers, ready };
  } catch (error: unknown) {
    plan?.abandon?.();
    // Asked of every worker, even one about to be terminated: Chromium runs a busy worker on for about 2 s after terminate().
    for (const handle of handles) protocol.stop(handle.remote).catch(() => undefined);
    if (source.keepsWorkers && signal.aborted && error === signal.reason) await keepWhatStops(handles, pending, source);
    // Failed, even after every answer (a worker failing while the run settles): none is kept.
    else source.giveBack(handles, false);
    throw error;
  }
}
