import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { initialLabState, labReducer, type LabAction } from '../../lab/runState';
import { sharesFor } from '../../lab/measurement/split';
import type { SweepStep } from '../../lab/settings/sweep';
import type { TimelineEvent } from '../../lab/timeline';
import type { KernelKind, RunPlan } from '../../lab/types';
import { runModel } from '../run/runModel';
import { wait } from '../run/wait';
import { newUniqueId, storageProblem, type RunStore } from '../storage/runStore';
import { spawnCounter } from '../boundary/spawnCounter';
import { freshWorkers, workerPool, type WorkerSource } from '../boundary/workerSource';

/** How often the page redraws the progress bars and the timeline during a run (ms): rarely, since every millisecond here is taken from a worker. */
const PROGRESS_REDRAW_MS = 200;
/**
 * While no lane changes state, the timeline's open segments are redrawn every this many
 * progress redraws (1 s): drawing it at every one raised the page's thread from about 3% to
 * 8% of a core while 2 workers counted on a 2-core VM.
 */
const TIMELINE_GROWTH_TICKS = 5;
/** The pause between the runs of a sweep (ms), so the page has drawn the last result before the next run starts. */
const SETTLE_BETWEEN_RUNS_MS = 250;

type Outcome = 'done' | 'stopped' | 'failed';
type Dispatch = (action: LabAction) => void;

/** Runs one plan and records it; resolves with how it ended. */
async function runAndRecord(
  plan: RunPlan,
  runId: number,
  signal: AbortSignal,
  source: WorkerSource,
  /** The loop the link asks for, else null: each worker (and the page's own thread) counts with the faster here. */
  kernel: KernelKind | null,
  dispatch: Dispatch,
  discard = false,
): Promise<Outcome> {
  const shares = sharesFor(plan);
  dispatch({ type: 'started', runId, stableId: newUniqueId(), plan, shares, hidden: document.visibilityState === 'hidden', discard });
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') dispatch({ type: 'hidden', runId });
  };
  document.addEventListener('visibilitychange', onVisibilityChange);

  // Progress and the timeline's events are kept here and drawn together every PROGRESS_REDRAW_MS
  // (React batches the two dispatches into one render), and once more as the run ends.
  const progress = shares.map(() => 0);
  let progressed = false;
  const events: TimelineEvent[] = [];
  // The run's start on the page's clock: runOnWorkers' first reading of `now`, so the events and "now" share it.
  let startedAt: number | undefined;
  const now = () => {
    const time = performance.now();
    startedAt ??= time;
    return time;
  };
  const elapsed = () => (startedAt === undefined ? 0 : performance.now() - startedAt);
  let quietTicks = 0;
  const flush = (nowMs: number, always: boolean) => {
    if (progressed) dispatch({ type: 'progressed', runId, progress: [...progress] });
    progressed = false;
    // A lane that changed state is drawn at the next tick; the open segments grow every
    // TIMELINE_GROWTH_TICKS ticks: each redraw of the timeline is time the page's thread takes from the workers.
    if (!always && events.length === 0 && ++quietTicks < TIMELINE_GROWTH_TICKS) return;
    quietTicks = 0;
    dispatch({ type: 'timeline', runId, events: events.splice(0), nowMs });
  };
  // The timeline grows while the run goes, start-up included, when no progress comes.
  let redraw: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    flush(elapsed(), false);
    redraw = setTimeout(tick, PROGRESS_REDRAW_MS);
  };
  redraw = setTimeout(tick, PROGRESS_REDRAW_MS);
  try {
    const timings = await runModel(plan, shares, {
      signal,
      source,
      now,
      onAllReady: (startupMs) => dispatch({ type: 'all-ready', runId, startupMs }),
      onProgress: (workerIndex, counted) => {
        progress[workerIndex] = counted;
        progressed = true;
      },
      onLaneEvent: (lane, state, atMs) => {
        events.push({ lane, state, atMs });
      },
      ...(kernel ? { kernel } : {}),
    });
    flush(timings.wallMs, true);
    // The reducer checks that the counts (or the waits) add up, and records the run as failed when they do not.
    dispatch({ type: 'finished', runId, timings });
    return 'done';
  } catch (error: unknown) {
    // A stopped run keeps what was counted up to the stop (a failed one, what was last drawn).
    if (signal.aborted) progressed = true;
    flush(elapsed(), true);
    if (signal.aborted) {
      dispatch({ type: 'stopped', runId });
      return 'stopped';
    }
    dispatch({ type: 'failed', runId, message: error instanceof Error ? error.message : String(error) });
    return 'failed';
  } finally {
    clearTimeout(redraw);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  }
}

/**
 * The lab's runs and sweeps: start one, stop it, and the record of those that
 * ended. One AbortController per run or sweep; unmounting stops it and
 * terminates the pool. With a `store`, the runs kept from earlier visits come
 * back first (no run starts before they are read), and every run that ends is kept.
 * With a `kernel`, every worker is asked to count with it (the link's ?kernel=).
 */
export function useLab(store: RunStore | null = null, kernel: KernelKind | null = null) {
  const [state, dispatch] = useReducer(labReducer, initialLabState);
  const controllerRef = useRef<AbortController | null>(null);
  const poolRef = useRef<WorkerSource | null>(null);
  const lastIdRef = useRef(0);
  /** What became of the kept runs: one sentence when some were set aside or nothing can be kept. */
  const [storageNotice, setStorageNotice] = useState<string | null>(null);
  /** Settles once the kept runs are back (or could not be read): runs are numbered after them. */
  const restoredRef = useRef<Promise<void> | null>(null);
  /** The runs already kept: those read back, and those this tab saved. */
  const keptIdsRef = useRef(new Set<string>());

  useEffect(() => {
    if (!store) return;
    // Once per page, even when StrictMode runs this effect twice.
    restoredRef.current ??= store.load().then(
      (reading) => {
        for (const run of reading.runs) keptIdsRef.current.add(run.stableId);
        lastIdRef.current = Math.max(lastIdRef.current, reading.lastId);
        dispatch({ type: 'restored', runs: reading.runs });
        setStorageNotice(reading.notice);
      },
      (error: unknown) => {
        setStorageNotice(storageProblem(error));
      },
    );
  }, [store]);

  // Every run that ends is kept (a sweep's warm-up is not a run of the record).
  useEffect(() => {
    if (!store) return;
    for (const run of state.runs) {
      if (keptIdsRef.current.has(run.stableId)) continue;
      keptIdsRef.current.add(run.stableId);
      store.add(run).catch((error: unknown) => {
        setStorageNotice(storageProblem(error));
      });
    }
  }, [store, state.runs]);

  /** Resolves once runs may be numbered: after the kept ones are back. */
  const restored = useCallback(() => restoredRef.current ?? Promise.resolve(), []);

  /** The workers for a plan: a pool started once, or fresh ones (which also lets the pool go). */
  const sourceFor = useCallback(
    (pooled: boolean): WorkerSource => {
      // Without a kernel asked for, each worker counts with the faster one in its engine.
      const spawn = (name: string) => spawnCounter(name, kernel ?? undefined);
      if (pooled) return (poolRef.current ??= workerPool(spawn));
      poolRef.current?.dispose();
      poolRef.current = null;
      return freshWorkers(spawn);
    },
    [kernel],
  );

  const begin = useCallback((): AbortController | null => {
    if (controllerRef.current) return null;
    const controller = new AbortController();
    controllerRef.current = controller;
    return controller;
  }, []);

  const finish = useCallback((controller: AbortController) => {
    if (controllerRef.current === controller) controllerRef.current = null;
  }, []);

  const start = useCallback(
    (plan: RunPlan) => {
      const controller = begin();
      if (!controller) return;
      void (async () => {
        await restored();
        if (controller.signal.aborted) return;
        await runAndRecord(plan, ++lastIdRef.current, controller.signal, sourceFor(plan.pooled), kernel, dispatch);
      })().finally(() => {
        finish(controller);
      });
    },
    [begin, finish, sourceFor, restored, kernel],
  );

  const startSweep = useCallback(
    /** `predict` gives each worker count's "Prediction (ms)", if the class made one. */
    (steps: readonly SweepStep[], plan: Omit<RunPlan, 'workers' | 'sweepId' | 'predictionMs'>, predict: (workers: number) => number | null = () => null) => {
      const controller = begin();
      if (!controller || steps.length === 0) {
        if (controller) finish(controller);
        return;
      }
      const stopped = () => controller.signal.aborted;
      void (async () => {
        await restored();
        const sweepId = ++lastIdRef.current;
        const source = sourceFor(plan.pooled);
        try {
          for (const [index, step] of steps.entries()) {
            dispatch({ type: 'sweep-step', sweepId, step: index + 1, steps: steps.length, warmUp: step.warmUp });
            const runPlan: RunPlan = { ...plan, workers: step.workers, sweepId, predictionMs: predict(step.workers) };
            const outcome = await runAndRecord(runPlan, ++lastIdRef.current, controller.signal, source, kernel, dispatch, step.warmUp);
            if (outcome !== 'done' || stopped()) break;
            if (index < steps.length - 1) await wait(SETTLE_BETWEEN_RUNS_MS, controller.signal);
            if (stopped()) break;
          }
        } finally {
          dispatch({ type: 'sweep-ended', sweepId });
          finish(controller);
        }
      })();
    },
    [begin, finish, sourceFor, restored, kernel],
  );

  const stop = useCallback(() => {
    controllerRef.current?.abort(new DOMException('Stopped by the user.', 'AbortError'));
  }, []);

  /** Forgets every run, kept ones included (the page asks first). */
  const clear = useCallback(() => {
    dispatch({ type: 'cleared' });
    store?.clear().catch((error: unknown) => {
      setStorageNotice(storageProblem(error));
    });
  }, [store]);

  const dismissStorageNotice = useCallback(() => {
    setStorageNotice(null);
  }, []);

  useEffect(
    () => () => {
      controllerRef.current?.abort();
      poolRef.current?.dispose();
      poolRef.current = null;
    },
    [],
  );

  return { ...state, start, startSweep, stop, clear, storageNotice, dismissStorageNotice };
}

/** The lab's runs and the actions on them, as useLab returns them. */
export type Lab = ReturnType<typeof useLab>;
