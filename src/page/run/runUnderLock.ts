import { proxy } from 'comlink';
import { runKernel } from '../../lab/measurement/kernelChoice';
import { handoverCost } from '../../lab/models/handovers';
import { createLockBuffer, readLockStats, requestLockStop } from '../../lab/models/lock';
import { lockKindHere } from '../../lab/texts/lesson';
import { TokenBroker } from '../../lab/models/tokenLock';
import type { LaneState } from '../../lab/timeline';
import type { CountingApi, KernelKind, LockApi, LockKind, RunTimings, TaskKind, WorkerStateEvent } from '../../lab/types';
import { countingProtocol, FINAL_STATES_TIMEOUT_MS, finalStates, pythonProtocol, type PythonCounter } from './runOnWorkers';
import { named, runLifecycle, type LifecyclePlan, type WorkerProtocol } from '../boundary/lifecycle';
import type { PreparedPython } from '../boundary/pythonRuntime';
import { spawnCounter, type WorkerHandle } from '../boundary/spawnWorker';
import { freshWorkers, type WorkerSource } from '../boundary/workerSource';

export type { LockKind };

export { FINAL_STATES_TIMEOUT_MS };

export interface LockRunOptions {
  /** Aborting stops every worker of the run (through the lock's buffer, then `stop()`; fresh ones are terminated), and rejects with the signal's reason. */
  signal: AbortSignal;
  /** 'cpu': each worker counts its share; 'io': each waits its time (ms). */
  task: TaskKind;
  /** Called once every worker has answered that it is ready, with the start-up time (ms). */
  onAllReady?: (startupMs: number) => void;
  /** Where the workers come from: fresh ones (the default) or a pool. */
  source?: WorkerSource<CountingApi & LockApi>;
  /** Counting: the loop each worker is asked to count with; without it, the faster in the worker's engine. */
  kernel?: KernelKind;
  /** The main thread's clock (ms); its zero is `timeOrigin`. */
  now?: () => number;
  /** The epoch time (ms) of `now`'s zero: `performance.timeOrigin` by default. */
  timeOrigin?: number;
  /** Counting under the lock: a worker's count so far, each time a batch of its states says it. */
  onProgress?: (lane: number, counted: number) => void;
  /** Every batch of states as the worker sent it, its times in ms since the epoch (see WorkerStateEvent). */
  onStates?: (lane: number, events: readonly WorkerStateEvent[]) => void;
  /**
   * Each lane's states on the page's clock from the run's start (ms), as they arrive in
   * batches: 'starting' when the worker is taken, then the worker's own states, and
   * 'stopped' for every lane not done when the run is stopped or fails.
   */
  onLaneEvent?: (lane: number, state: LaneState, atMs: number) => void;
  /** The lock to use; by default shared memory wherever there is a SharedArrayBuffer, else the token. */
  lock?: LockKind;
}

/** A run of 'Workers sharing one lock'. */
export interface LockedRunTimings extends RunTimings {
  lock: LockKind;
  /** Grants of the lock to another worker than the one that held it last (the first grant not counted). */
  handovers: number;
  /**
   * The mean cost of a hand-over (ms), from the states: one worker's release to the next
   * one's counting, where that one was already waiting; null without such a hand-over.
   */
  meanHandoverMs: number | null;
  /** For 'io': the ms each worker waited for I/O (countedByWorker is then all 0). */
  waitedMsByWorker?: number[];
}

/** An I/O run of workers in parallel. */
export interface WaitingRunTimings extends RunTimings {
  /** The ms each worker waited (countedByWorker is all 0). */
  waitedMsByWorker: number[];
}

/** The lock every worker of the run shares, by default: as the page names it in "This machine" (a runtime that does not say whether it is isolated, as Node, counts as isolated). */
export function defaultLockKind(): LockKind {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return lockKindHere(typeof SharedArrayBuffer === 'function', isolated !== false);
}

/** What one run asks of each worker, once all are ready. */
interface Plan<Api> {
  /** Starts lane's task; `onStates` is a proxied callback. */
  start: (handle: WorkerHandle<Api>, lane: number, onStates: (events: WorkerStateEvent[]) => void) => Promise<number>;
  /** The run is ending early (stopped or failed): unblock the workers before they are stopped or disposed. */
  abandon: () => void;
  /** A lane's task answered. */
  finished?: (lane: number) => void;
}

interface TasksResult<Ready> {
  startupMs: number;
  computeMs: number;
  wallMs: number;
  answers: number[];
  events: WorkerStateEvent[][];
  /** What each worker answered ready with: its kernel, or 'python'. */
  ready: Ready[];
}

/**
 * The run's life (`runLifecycle`) with tasks that report their states: collects each worker's
 * states, passes them on as they arrive, and once every task has answered waits a moment for
 * the last batches, which travel on their own ports (outside every time measured).
 */
async function runTasks<Api, Ready>(
  lanes: number,
  options: Omit<LockRunOptions, 'task' | 'lock' | 'source' | 'kernel'> & { source: WorkerSource<Api> },
  protocol: WorkerProtocol<Api, Ready>,
  makePlan: (handles: readonly WorkerHandle<Api>[]) => Plan<Api>,
): Promise<TasksResult<Ready>> {
  const { signal, onAllReady, onStates, onLaneEvent, onProgress, source, now = () => performance.now(), timeOrigin = performance.timeOrigin } = options;
  const events: WorkerStateEvent[][] = Array.from({ length: lanes }, () => []);
  const lanesEnded = finalStates(lanes);
  let ended = false;
  const result = await runLifecycle(lanes, protocol, { signal, source, now, ...(onAllReady ? { onAllReady } : {}) }, (handles, startedAt): LifecyclePlan<Api, number> => {
    const laneEvent = (lane: number, state: LaneState, at: number) => {
      if (lanesEnded.record(lane, state)) onLaneEvent?.(lane, state, at - startedAt);
    };
    const received = (lane: number) => (batch: WorkerStateEvent[]) => {
      // A stopped pooled worker sends its last batch after the run has ended.
      if (ended) return;
      events[lane].push(...batch);
      onStates?.(lane, batch);
      for (const event of batch) laneEvent(lane, event.state, event.atMs - timeOrigin);
      const counted = batch.findLast((event) => event.counted !== undefined)?.counted;
      if (counted !== undefined) onProgress?.(lane, counted);
    };
    const takenAt = now();
    handles.forEach((_, lane) => {
      laneEvent(lane, 'starting', takenAt);
    });
    const plan = makePlan(handles);
    return {
      start: (handle, lane) => plan.start(handle, lane, proxy(received(lane))),
      ...(plan.finished ? { answered: plan.finished } : {}),
      settle: lanesEnded.allFinal,
      abandon: () => {
        plan.abandon();
        const stoppedAt = now();
        handles.forEach((_, lane) => {
          laneEvent(lane, 'stopped', stoppedAt);
        });
        ended = true;
      },
    };
  });
  return { startupMs: result.startupMs, computeMs: result.computeMs, wallMs: result.wallMs, answers: result.answers, events, ready: result.ready };
}

/**
 * One run of 'Workers sharing one lock': `work` holds each worker's share ('cpu') or its
 * wait in ms ('io'). One lock per run, shared by every worker: a SharedArrayBuffer lock
 * where there is one (the workers block in Atomics.wait), else a token that this page
 * hands from worker to worker. A stop writes the stop into the lock's buffer (a blocked
 * worker reads no message) and ends the token's queue; then the lifecycle stops or disposes the workers.
 */
export async function runUnderLock(work: readonly number[], options: LockRunOptions): Promise<LockedRunTimings> {
  const { source = freshWorkers(spawnCounter) } = options;
  const { timings, ready } = await lockRun(work, options, source, countingProtocol(options.kernel));
  return options.task === 'io' ? timings : { ...timings, kernel: runKernel(ready) };
}

/**
 * `runUnderLock` with a Python interpreter in each worker: each holds the run's lock while it
 * calls the lesson's `count_to` on a slice of about a switch interval, as the GIL hands over
 * (src/workers/python/pythonLocked.ts). Stopped as every Python run (SIGINT in the interrupt
 * buffer, then the message), besides the lock's own stop. The record has no kernel.
 */
export async function runPythonUnderLock(
  work: readonly number[],
  options: Omit<LockRunOptions, 'source' | 'kernel'> & { source: WorkerSource<PythonCounter>; prepared: PreparedPython },
): Promise<LockedRunTimings> {
  const { timings } = await lockRun(work, options, options.source, pythonProtocol(options.prepared));
  return timings;
}

/** The lock's run with any worker that offers LockApi: one lock per run, its states, its hand-overs. */
async function lockRun<Api extends LockApi, Ready>(
  work: readonly number[],
  options: Omit<LockRunOptions, 'source' | 'kernel'>,
  source: WorkerSource<Api>,
  protocol: WorkerProtocol<Api, Ready>,
): Promise<{ timings: LockedRunTimings; ready: Ready[] }> {
  const { task, lock = defaultLockKind() } = options;
  const used: { buffer: SharedArrayBuffer | null; broker: TokenBroker | null } = { buffer: null, broker: null };
  const doing = task === 'cpu' ? 'counting' : 'waiting';
  const result = await runTasks(work.length, { ...options, source }, protocol, (handles) => {
    if (lock === 'shared-memory') {
      const shared = createLockBuffer(Math.max(1, handles.length));
      used.buffer = shared;
      return {
        start: (handle, lane, onStates) =>
          named(
            task === 'cpu' ? handle.remote.countLocked(work[lane], shared, lane, onStates) : handle.remote.waitLocked(work[lane], shared, lane, onStates),
            handle,
            doing,
          ),
        abandon: () => {
          requestLockStop(shared);
        },
      };
    }
    const tokens = new TokenBroker((lane, grant) => {
      handles[lane].remote.tokenWanted(grant).catch(() => undefined);
    });
    used.broker = tokens;
    return {
      start: (handle, lane, onStates) => {
        const callbacks = proxy(tokens.callbacks(lane));
        return named(
          task === 'cpu' ? handle.remote.countWithToken(work[lane], callbacks, onStates) : handle.remote.waitWithToken(work[lane], callbacks, onStates),
          handle,
          doing,
        );
      },
      abandon: () => {
        tokens.end();
      },
      finished: (lane) => {
        tokens.leave(lane);
      },
    };
  });
  const stats = used.buffer ? readLockStats(used.buffer) : { grants: used.broker?.arbiter.grants ?? 0, handovers: used.broker?.arbiter.handovers ?? 0 };
  const { meanMs } = handoverCost(result.events);
  const timings: LockedRunTimings = {
    startupMs: result.startupMs,
    computeMs: result.computeMs,
    wallMs: result.wallMs,
    countedByWorker: task === 'cpu' ? result.answers : result.answers.map(() => 0),
    ...(task === 'io' ? { waitedMsByWorker: result.answers } : {}),
    lock,
    handovers: Math.max(0, stats.handovers - (stats.grants > 0 ? 1 : 0)),
    meanHandoverMs: meanMs,
  };
  return { timings, ready: result.ready };
}

/**
 * One I/O-bound run of workers in parallel ('I/O-bound: waiting' without the lock): each
 * worker waits its time (ms) in timer slices; the waits overlap. Stopped like any run:
 * `stop()` reaches a waiting worker between slices (a pool keeps it; fresh ones are terminated).
 */
export async function runWaitingOnWorkers(
  waits: readonly number[],
  options: Omit<LockRunOptions, 'task' | 'lock' | 'source'> & { source?: WorkerSource<CountingApi> },
): Promise<WaitingRunTimings> {
  const result = await runTasks(waits.length, { ...options, source: options.source ?? freshWorkers(spawnCounter) }, countingProtocol(options.kernel), () => ({
    start: (handle, lane, onStates) => named(handle.remote.waitFor(waits[lane], onStates), handle, 'waiting'),
    abandon: () => undefined,
  }));
  return {
    startupMs: result.startupMs,
    computeMs: result.computeMs,
    wallMs: result.wallMs,
    countedByWorker: result.answers.map(() => 0),
    waitedMsByWorker: result.answers,
  };
}
