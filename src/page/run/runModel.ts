import { waitsForShares } from '../../lab/models/ioTask';
import type { LaneState } from '../../lab/timeline';
import type { TurnState } from '../../lab/models/turns';
import type { CounterWorkerApi, KernelKind, ModelTimings, RunPlan } from '../../lab/types';
import { runOnMainThread } from './runOnMainThread';
import { pythonSupport } from '../../lab/models/pythonSupport';
import { runOnWorkers, runPythonOnWorkers, runPythonWaiting, type PythonCounter } from './runOnWorkers';
import { runPythonUnderLock, runUnderLock, runWaitingOnWorkers, type LockedRunTimings, type LockKind } from './runUnderLock';
import type { PreparedPython } from '../boundary/pythonRuntime';
import type { WorkerSource } from '../boundary/workerSource';

export interface ModelRunOptions {
  /** Aborting ends the run (terminating its workers, or within one slice on the page's thread) and rejects with the signal's reason. */
  signal: AbortSignal;
  /** Where the workers come from. */
  source: WorkerSource<CounterWorkerApi>;
  /** The page's clock (ms); its first reading is the run's start. */
  now: () => number;
  /** Called once every worker is ready (on the main thread, once its counting code is warm; at once for waiting), with the start-up time (ms). */
  onAllReady: (startupMs: number) => void;
  /** Counting: a worker's (or a task's) count so far, as often as it reports. */
  onProgress: (lane: number, counted: number) => void;
  /** A lane entering a state, in ms from the run's start on the page's clock. */
  onLaneEvent: (lane: number, state: LaneState, atMs: number) => void;
  /** The loop that counts, on the workers and on the page's own thread ("Main thread"); the faster in each engine by default. */
  kernel?: KernelKind;
  /** The lock for 'Workers sharing one lock'; shared memory where the page has it, by default. */
  lock?: LockKind;
  /** For a plan in Python: its workers (fresh, or a pool of their own) and what preparePython gave. */
  python?: { source: WorkerSource<PythonCounter>; prepared: PreparedPython };
}

/** A run under the lock as the record keeps it: the lock's kind and hand-overs together. */
function lockedTimings(timings: LockedRunTimings): ModelTimings {
  const { lock, handovers, meanHandoverMs, ...rest } = timings;
  return { ...rest, lock: { kind: lock, handovers, meanHandoverMs } };
}

/**
 * A plan in Python: workers in parallel or sharing one lock, each with an interpreter of its own,
 * counting with the lesson's function or waiting with asyncio; a model that Python does not run
 * fails with the sentence the page shows beside the choice (pythonSupport).
 */
async function runPython(plan: RunPlan, shares: readonly number[], waits: readonly number[], options: ModelRunOptions): Promise<ModelTimings> {
  const support = pythonSupport(plan.model, plan.task);
  if (!support.offered) throw new Error(support.why);
  if (!options.python) throw new Error('Python is not loaded yet: choose Python and wait for it to load, then run again.');
  const { signal, now, onAllReady, onProgress, onLaneEvent } = options;
  const { source, prepared } = options.python;
  if (plan.model === 'lock') {
    const work = plan.task === 'cpu' ? shares : waits;
    return lockedTimings(
      await runPythonUnderLock(work, { signal, source, prepared, now, onAllReady, onLaneEvent, onProgress, task: plan.task, ...(options.lock ? { lock: options.lock } : {}) }),
    );
  }
  if (plan.task === 'cpu') return runPythonOnWorkers(shares, { signal, source, prepared, now, onAllReady, onProgress, onLaneEvent });
  return runPythonWaiting(waits, { signal, source, prepared, now, onAllReady, onLaneEvent });
}

/** The main thread's task waiting for its turn is the timeline's lane waiting for the lock: the thread is the lock. */
function laneStateOfTurn(state: TurnState): LaneState {
  return state === 'waiting-turn' ? 'waiting-lock' : state;
}

/**
 * One run of any model and task, with `shares` the counts of its k workers or tasks: the
 * one place that knows which runner does which. Waiting tasks wait as long as counting
 * their shares would take at the plan's speed (`waitsForShares`).
 */
export async function runModel(plan: RunPlan, shares: readonly number[], options: ModelRunOptions): Promise<ModelTimings> {
  const { signal, source, now, onAllReady, onProgress, onLaneEvent } = options;
  const kernel = options.kernel ? { kernel: options.kernel } : {};
  const waits = waitsForShares(shares, plan.nsPerCount);
  const work = plan.task === 'cpu' ? shares : waits;
  if (plan.language === 'python') return runPython(plan, shares, waits, options);
  switch (plan.model) {
    case 'parallel':
      if (plan.task === 'cpu') return runOnWorkers(shares, { signal, source, now, onAllReady, onProgress, onLaneEvent, ...kernel });
      return runWaitingOnWorkers(waits, { signal, source, now, onAllReady, onLaneEvent, ...kernel });
    case 'lock': {
      return lockedTimings(await runUnderLock(work, { signal, source, now, onAllReady, onLaneEvent, onProgress, task: plan.task, ...kernel, ...(options.lock ? { lock: options.lock } : {}) }));
    }
    case 'main-thread': {
      // Its start-up is the warm-up of the page's counting code (none for waiting).
      const startedAt = now();
      const timings = await runOnMainThread(shares, {
        signal,
        task: plan.task,
        waits,
        freeze: plan.freeze,
        ...kernel,
        onProgress,
        onReady: onAllReady,
        now: () => now() - startedAt,
        onLaneEvent: (event) => {
          onLaneEvent(event.lane, laneStateOfTurn(event.state), event.atMs);
        },
      });
      const { startupMs, computeMs, wallMs, countedByWorker, capped, waitedMsByWorker } = timings;
      return { startupMs, computeMs, wallMs, countedByWorker, capped, ...(waitedMsByWorker ? { waitedMsByWorker } : {}), ...(timings.kernel ? { kernel: timings.kernel } : {}) };
    }
  }
}
