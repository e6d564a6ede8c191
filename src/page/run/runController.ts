import { initialLabState, labReducer, type LabAction, type SweepStop } from '../../lab/runState';
import { sharesFor } from '../../lab/measurement/split';
import type { SweepStep } from '../../lab/settings/sweep';
import type { TimelineEvent } from '../../lab/timeline';
import type { CounterWorkerApi, KernelKind, RunPlan, RunRecord, RunStatus } from '../../lab/types';
import type { WorkerSource } from '../boundary/workerSource';
import { whenAborted } from '../boundary/lifecycle';
import { storageProblem } from '../../lab/texts/keeping';
import type { RunStore } from '../storage/runStore';
import type { PreparedPython } from '../boundary/pythonRuntime';
import { runModel, type ModelRunOptions } from './runModel';
import type { PythonCounter } from './runOnWorkers';
import { wait } from './wait';
import type { RedrawGrid } from '../../lab/redrawGrid';

/**
 * While no lane changes state, the timeline's open segments (and with them the bars' words and
 * ARIA values) are redrawn every this many ms (at the page's redraws' ticks): drawing it at every
 * 200 ms raised the page's thread from about 3% to 8% of a core while 2 workers counted on a
 * 2-core VM, and each of these redraws (a layout of the document and a repaint of the timeline)
 * still costs more than the fill's and the frame meter's steps between them.
 */
export const TIMELINE_GROWTH_MS = 2000;
/**
 * How often the page's live parts (the bars' fill, the frame meter, the timeline's lanes) are
 * redrawn while workers count (ms), instead of the redraws' own METER_UPDATE_MS: every redraw is a
 * frame the page's thread draws on the cores the workers count on. The engines' bench, 2 cores,
 * 2 workers, everything live, interleaved on a busy VM: the page's thread 1.08–2.54% → 0.89–0.92%
 * of a core in Chromium 156, 1.60–1.65% → 0.92–0.96% in Firefox ESR 153.
 */
export const COUNTING_REDRAW_MS = 1000;
/**
 * The longest a run's start holds the page's redraws back (ms): until every worker is ready
 * (30–100 ms for a counting worker), the page's thread stays idle for the workers' start; a
 * longer start-up (Python's interpreters, 1–2 s) sees the timeline grow again after this.
 */
export const STARTUP_REDRAW_HOLD_MS = 250;
/** The pause between the runs of a sweep (ms), so the page has drawn the last result before the next run starts. */
export const SETTLE_BETWEEN_RUNS_MS = 250;

/** The redraws slowed to COUNTING_REDRAW_MS from `start` (a worker's first progress) until `release` (the run's end; safe without a start). */
function slowedWhileCounting(redraws: RedrawGrid) {
  let release: (() => void) | null = null;
  return {
    start: () => {
      release ??= redraws.slow(COUNTING_REDRAW_MS);
    },
    release: () => {
      release?.();
    },
  };
}

/** Whether the page is hidden, and news when that changes: `document` on the page, a switch in tests. */
export interface PageVisibility {
  hidden: () => boolean;
  /** Calls `onChange` whenever the page is shown or hidden; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
}

/** Where runs get their workers: fresh ones for one run, or a pool the controller starts once and keeps. */
export interface WorkerSources {
  fresh: () => WorkerSource<CounterWorkerApi>;
  pool: () => WorkerSource<CounterWorkerApi>;
  /** For plans in Python: Python workers, fresh or a pool of their own, and Python prepared once (preparePython). */
  python?: {
    fresh: () => WorkerSource<PythonCounter>;
    pool: () => WorkerSource<PythonCounter>;
    prepare: () => Promise<PreparedPython>;
  };
}

export interface RunControllerOptions {
  /** Where every action on the lab's state goes (React's dispatch on the page). */
  dispatch: (action: LabAction) => void;
  /** Where runs are kept between visits, or null where the browser keeps nothing. */
  store: RunStore | null;
  /** The page's clock (ms): `performance.now` on the page. */
  now: () => number;
  visibility: PageVisibility;
  workers: WorkerSources;
  /** The loop the link asks for, else null: each worker (and the page's own thread) counts with the faster here. */
  kernel?: KernelKind | null;
  /** What became of the kept runs, in one sentence (null: nothing to say); called only when it changes. */
  onStorageNotice?: (notice: string | null) => void;
  /** Names each run for good as it starts (its stableId): `newUniqueId` on the page, a counter in tests. */
  newId: () => string;
  /**
   * The clock a run's progress and timeline are handed on at: the page's live redraws
   * (liveRedraws), so that they are gathered in the same task that draws them, and the page's
   * thread wakes for no timer of its own: each wake is time taken from a counting worker.
   */
  redraws: RedrawGrid;
  /**
   * What each run waits for before its clock starts, a Stop still heard: on the page, a service
   * worker's install under way (serviceWorkerSettled), so that it never shares the cores with a run.
   */
  beforeRun?: () => Promise<unknown>;
}

/** A sweep's plan: every run's settings but the worker count, the sweep and the prediction, which each step sets. */
export type SweepPlan = Omit<RunPlan, 'workers' | 'sweepId' | 'predictionMs'>;

export interface RunController {
  /** Reads the kept runs once (later calls share the first reading); every run waits for it. */
  restore: () => Promise<void>;
  /** Runs one plan unless a run or sweep is going; resolves once it ended (or was never started). */
  start: (plan: RunPlan) => Promise<void>;
  /** Runs the steps one after another, pausing between them, until the last, a failed run or a Stop; `predict` gives each worker count's "Prediction (ms)". */
  startSweep: (steps: readonly SweepStep[], plan: SweepPlan, predict?: (workers: number) => number | null) => Promise<void>;
  /** Stops the run or sweep going, if any. */
  stop: () => void;
  /** Whether a run or sweep is going, from the moment it is started: before the page has drawn it. */
  busy: () => boolean;
  /** Forgets every run, kept ones included, once the kept runs being read (if they are) are back; resolves once the store is cleared or refused. */
  clear: () => Promise<void>;
  dismissStorageNotice: () => void;
  /** Stops what runs and terminates the pool; the controller stays usable (StrictMode mounts twice). */
  dispose: () => void;
}

/**
 * The lab's runs and sweeps outside React: one AbortController per run or sweep, the pool, the
 * progress redraws, and the record of every run kept in `store`. Building it creates nothing
 * (no worker, no reading), so a render may build it; `restore`, a run or a sweep does the rest.
 */
export function createRunController(options: RunControllerOptions): RunController {
  const { dispatch, store, now, visibility, workers, newId, redraws, beforeRun } = options;
  const kernel = options.kernel ?? null;
  let current: AbortController | null = null;
  let pool: WorkerSource<CounterWorkerApi> | null = null;
  /** Python workers are pooled apart: a pooled JavaScript worker has no interpreter, and the other way round. */
  let pythonPool: WorkerSource<PythonCounter> | null = null;
  /**
   * The number of the latest run shown in Results: runs are numbered 1, 2, 3 … as Results
   * lists them, so a run takes the next number and keeps it only when it leaves a record
   * (a sweep's warm-up that went well leaves none, and the next run takes its number).
   */
  let lastRunNumber = 0;
  /** Sweeps are numbered apart from runs, so that they take no run's number. */
  let lastSweepId = 0;
  let restored: Promise<void> | null = null;
  /** The kept runs are being read: a Clear waits, or what the reading brings back (and stores again) would outlive it. */
  let restoring = false;
  let notice: string | null = null;

  const tell = (next: string | null) => {
    if (next === notice) return;
    notice = next;
    options.onStorageNotice?.(next);
  };

  async function readKept(kept: RunStore): Promise<void> {
    restoring = true;
    try {
      const reading = await kept.load();
      // The kept runs come back numbered 1 … n, their sweeps after them (reading.lastId): a sweep's number is no run's.
      lastRunNumber = Math.max(lastRunNumber, ...reading.runs.map((run) => run.id));
      lastSweepId = Math.max(lastSweepId, reading.lastId);
      dispatch({ type: 'restored', runs: reading.runs });
      tell(reading.notice);
    } catch (error: unknown) {
      tell(storageProblem(error));
    } finally {
      restoring = false;
    }
  }

  const restore = () => (restored ??= store ? readKept(store) : Promise.resolve());

  const keep = (run: RunRecord) => {
    store?.add(run).catch((error: unknown) => {
      tell(storageProblem(error));
    });
  };

  /** The workers for a plan: a pool started once, or fresh ones (which also lets the pool go). */
  const sourceFor = (pooled: boolean): WorkerSource<CounterWorkerApi> => {
    if (pooled) return (pool ??= workers.pool());
    pool?.dispose();
    pool = null;
    return workers.fresh();
  };

  /** The same for a plan in Python, with Python prepared (at once once it was); null where the page has no Python. */
  const pythonFor = async (pooled: boolean): Promise<ModelRunOptions['python'] | null> => {
    const python = workers.python;
    if (!python) return null;
    const prepared = await python.prepare();
    if (pooled) return { source: (pythonPool ??= python.pool()), prepared };
    pythonPool?.dispose();
    pythonPool = null;
    return { source: python.fresh(), prepared };
  };

  /**
   * Runs one plan and records it, numbered after the latest run shown; resolves with how its runner
   * ended (a count that does not add up is still 'done' here, and recorded as failed).
   */
  async function runAndRecord(plan: RunPlan, signal: AbortSignal, source: WorkerSource<CounterWorkerApi>, discard = false): Promise<RunStatus> {
    const runId = lastRunNumber + 1;
    const shares = sharesFor(plan);
    // This run's own state, by the page's reducer: it says which record the run leaves, if any (a warm-up that went well leaves none).
    let own = initialLabState;
    const act = (action: LabAction) => {
      own = labReducer(own, action);
      dispatch(action);
    };
    act({ type: 'started', runId, stableId: newId(), atMs: now(), plan, shares, hidden: visibility.hidden(), discard });
    const unsubscribe = visibility.subscribe(() => {
      if (visibility.hidden()) act({ type: 'hidden', runId });
    });

    // Progress and the timeline's events are kept here and handed on together at every tick of
    // `redraws`, before the live view draws them (React batches the two dispatches into one render), and once more as the run ends.
    const progress = shares.map(() => 0);
    let progressed = false;
    const events: TimelineEvent[] = [];
    // The run's start on the page's clock: the runner's first reading of `now`, so the events and "now" share it.
    let startedAt: number | undefined;
    const runClock = () => {
      const time = now();
      startedAt ??= time;
      return time;
    };
    const elapsed = () => (startedAt === undefined ? 0 : now() - startedAt);
    /** The redraws' beat since the timeline last grew (ms): the periods its ticks were due after, whatever the clock reads. */
    let sinceGrowthMs = 0;
    const flush = (nowMs: number, always: boolean) => {
      if (progressed) act({ type: 'progressed', runId, progress: [...progress] });
      progressed = false;
      // A lane that changed state is drawn at the next tick; the open segments grow every
      // TIMELINE_GROWTH_MS: each redraw of the timeline is time the page's thread takes from the workers.
      if (!always && events.length === 0 && sinceGrowthMs < TIMELINE_GROWTH_MS) return;
      sinceGrowthMs = 0;
      act({ type: 'timeline', runId, events: events.splice(0), nowMs });
    };
    // The timeline grows while the run goes, start-up included, when no progress comes.
    const leaveRedraws = redraws.subscribe((_, dueAfterMs) => {
      sinceGrowthMs += dueAfterMs;
      flush(elapsed(), false);
    }, 'gather');
    let releaseRedraws: () => void = () => undefined;
    // While workers count, the live parts are redrawn less often; the page's own thread counting keeps the usual beat, which shows its freezes.
    const slowRedraws = plan.task === 'cpu' && plan.model !== 'main-thread' ? slowedWhileCounting(redraws) : null;
    try {
      if (beforeRun) await Promise.race([beforeRun(), whenAborted(signal)]);
      // The run's start has been drawn ('started' draws at once); nothing more is until every worker is
      // ready. Held after beforeRun's wait, which can outlast the hold's limit.
      releaseRedraws = redraws.hold(STARTUP_REDRAW_HOLD_MS);
      // Python's files were fetched when it was chosen; a load that fails here fails the run with its sentence.
      // Raced against Stop: a load (tried again after a failed one) can take many seconds.
      const python = plan.language === 'python' ? await Promise.race([pythonFor(plan.pooled), whenAborted(signal)]) : null;
      const timings = await runModel(plan, shares, {
        signal,
        source,
        ...(python ? { python } : {}),
        now: runClock,
        onAllReady: (startupMs) => {
          act({ type: 'all-ready', runId, startupMs });
          // Released once the start has been sent to every worker (the rest of this task), so the held redraw draws their 'counting' too.
          queueMicrotask(releaseRedraws);
        },
        onProgress: (workerIndex, counted) => {
          progress[workerIndex] = counted;
          progressed = true;
          // Slowed from the first progress on: the tick already due draws it at the usual beat, so the bars start moving as soon as ever.
          slowRedraws?.start();
        },
        onLaneEvent: (lane, state, atMs) => {
          events.push({ lane, state, atMs });
        },
        ...(kernel ? { kernel } : {}),
      });
      flush(timings.wallMs, true);
      // The reducer checks that the counts (or the waits) add up, and records the run as failed when they do not.
      act({ type: 'finished', runId, timings });
      return 'done';
    } catch (error: unknown) {
      // A stopped run keeps what was counted up to the stop (a failed one, what was last drawn).
      if (signal.aborted) progressed = true;
      flush(elapsed(), true);
      if (signal.aborted) {
        act({ type: 'stopped', runId });
        return 'stopped';
      }
      act({ type: 'failed', runId, message: error instanceof Error ? error.message : String(error) });
      return 'failed';
    } finally {
      leaveRedraws();
      releaseRedraws();
      slowRedraws?.release();
      unsubscribe();
      const record = own.runs.at(-1);
      if (record) {
        lastRunNumber = Math.max(lastRunNumber, record.id);
        keep(record);
      }
    }
  }

  /** One AbortController per run or sweep: null while one is going. */
  const begin = (): AbortController | null => {
    if (current) return null;
    current = new AbortController();
    return current;
  };

  const finish = (controller: AbortController) => {
    if (current === controller) current = null;
  };

  const start = async (plan: RunPlan) => {
    const controller = begin();
    if (!controller) return;
    try {
      await restore();
      if (controller.signal.aborted) return;
      await runAndRecord(plan, controller.signal, sourceFor(plan.pooled));
    } finally {
      finish(controller);
    }
  };

  const startSweep = async (steps: readonly SweepStep[], plan: SweepPlan, predict: (workers: number) => number | null = () => null) => {
    if (steps.length === 0) return;
    const controller = begin();
    if (!controller) return;
    const stopped = () => controller.signal.aborted;
    try {
      await restore();
      // Stopped before the kept runs were back: no sweep began.
      if (stopped()) return;
      const sweepId = ++lastSweepId;
      const source = sourceFor(plan.pooled);
      // Where a Stop ended the sweep, if one did before its last run ended: said on the page.
      let stop: SweepStop | undefined;
      try {
        for (const [index, step] of steps.entries()) {
          dispatch({ type: 'sweep-step', sweepId, step: index + 1, steps: steps.length, warmUp: step.warmUp });
          const runPlan: RunPlan = { ...plan, workers: step.workers, sweepId, predictionMs: predict(step.workers) };
          const outcome = await runAndRecord(runPlan, controller.signal, source, step.warmUp);
          // A failed run ends the sweep; so does a Stop, during a run or the pause after it.
          if (outcome === 'stopped') stop = 'during-run';
          if (outcome !== 'done') break;
          if (index < steps.length - 1) await wait(SETTLE_BETWEEN_RUNS_MS, controller.signal);
          if (stopped() && index < steps.length - 1) stop = 'after-run';
          if (stopped()) break;
        }
      } finally {
        dispatch({ type: 'sweep-ended', sweepId, ...(stop ? { stopped: stop } : {}) });
      }
    } finally {
      finish(controller);
    }
  };

  return {
    restore,
    start,
    startSweep,
    stop: () => {
      current?.abort(new DOMException('Stopped by the user.', 'AbortError'));
    },
    busy: () => current !== null,
    clear: async () => {
      if (restoring) await restored;
      dispatch({ type: 'cleared' });
      // Results start again from run 1, as they would after a reload.
      lastRunNumber = 0;
      try {
        await store?.clear();
      } catch (error: unknown) {
        tell(storageProblem(error));
      }
    },
    dismissStorageNotice: () => {
      tell(null);
    },
    dispose: () => {
      current?.abort();
      pool?.dispose();
      pool = null;
      pythonPool?.dispose();
      pythonPool = null;
    },
  };
}
