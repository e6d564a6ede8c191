import { formatCount } from './measurement/count';
import { waitsForShares, waitsHeld } from './models/ioTask';
import { sum } from './measurement/split';
import type { TimelineEvent } from './timeline';
import type { ExecutionModel, ModelTimings, RunPlan, RunRecord } from './types';

/** How the lanes of a run stand: while it runs, and after it ended. */
export type LanePhase = 'starting' | 'counting' | 'done' | 'stopped' | 'failed';

/** A run's progress bars: in progress, or as the last run left them. */
export interface Lanes {
  runId: number;
  /** What each worker was given to count. */
  shares: number[];
  /** What each worker had counted at its latest report (or in the end). */
  progress: number[];
  phase: LanePhase;
  /** Its lanes are workers, or tasks on the page's thread ('main-thread'). */
  model: ExecutionModel;
}

/** What a run's record holds from its start: the rest is what it did (RunOutcome). */
type RecordedAtStart = Pick<RunRecord, keyof RunPlan | 'id' | 'stableId' | 'total' | 'startupMs' | 'hiddenDuringRun' | 'waitMsByTask'>;

/** What a run's record holds from its end. */
type RunOutcome = Omit<RunRecord, keyof RecordedAtStart>;

/** The run in progress. */
export interface ActiveRun extends RecordedAtStart {
  /** A sweep's warm-up: timed like any other run, then not kept. */
  discard: boolean;
}

/** The sweep in progress: which run of how many. */
export interface SweepProgress {
  id: number;
  /** 1-based: the run now going (0 before the first). */
  step: number;
  steps: number;
  warmUp: boolean;
}

/** Where a Stop ended a sweep: while one of its runs went, or in the pause after one. */
export type SweepStop = 'during-run' | 'after-run';

/** A sweep a Stop ended before its last run: said on the page until the next run starts. */
export interface StoppedSweep {
  id: number;
  /** The run going (during-run) or the last that ended (after-run), 1-based, warm-up included, as the sweep's progress counts. */
  step: number;
  steps: number;
  stop: SweepStop;
}

/**
 * The latest run's timeline: its lanes' events, added in batches a few times a
 * second, and how far it has got. A sweep's runs show here one after the other,
 * its warm-up included (flagged), since the timeline is of the latest run.
 */
export interface Timeline {
  runId: number;
  /** When the page started the run, on its own clock (ms): the frame meter looks for the longest frame from here. */
  startedAtMs: number;
  /** How many lanes: one per worker. */
  lanes: number;
  events: TimelineEvent[];
  /** How far the run has got, in ms from its start on the page's clock: where open segments end. */
  nowMs: number;
  /** True while the run goes: the drawing grows. */
  live: boolean;
  /** A sweep's warm-up run, which is not kept in the results. */
  warmUp: boolean;
  /** Its lanes are workers, or tasks on the page's thread ('main-thread'). */
  model: ExecutionModel;
}

export interface LabState {
  active: ActiveRun | null;
  lanes: Lanes | null;
  timeline: Timeline | null;
  sweep: SweepProgress | null;
  /** The latest sweep, when a Stop ended it early; null otherwise, and once another run starts. */
  stoppedSweep: StoppedSweep | null;
  /** Every run that has ended, oldest first (a sweep's warm-up run is not kept). */
  runs: RunRecord[];
}

export type LabAction =
  /** `stableId` names the run for good (made once as it starts); `runId` is the number shown; `atMs` is when, on the page's clock. */
  | { type: 'started'; runId: number; stableId: string; atMs: number; plan: RunPlan; shares: number[]; hidden: boolean; discard?: boolean }
  | { type: 'all-ready'; runId: number; startupMs: number }
  | { type: 'progressed'; runId: number; progress: readonly number[] }
  /** A batch of the timeline's events, and the time (ms from the run's start) the drawing reaches. */
  | { type: 'timeline'; runId: number; events: readonly TimelineEvent[]; nowMs: number }
  | { type: 'hidden'; runId: number }
  | { type: 'finished'; runId: number; timings: ModelTimings }
  | { type: 'stopped'; runId: number }
  | { type: 'failed'; runId: number; message: string }
  | { type: 'sweep-step'; sweepId: number; step: number; steps: number; warmUp: boolean }
  /** `stopped`: a Stop ended it before its last run ended. */
  | { type: 'sweep-ended'; sweepId: number; stopped?: SweepStop }
  | { type: 'cleared' }
  /** The runs kept from earlier visits (and other tabs), oldest first: merged with the lab's by stableId (mergeRuns). */
  | { type: 'restored'; runs: readonly RunRecord[] };

export const initialLabState: LabState = { active: null, lanes: null, timeline: null, sweep: null, stoppedSweep: null, runs: [] };

/** The sentence recorded when the workers' counts do not add up to the total. */
export function mismatchMessage(counted: number, total: number): string {
  return `The workers counted ${formatCount(counted)}, not ${formatCount(total)}: the count does not add up.`;
}

/** The sentence recorded when a waiting task ended its wait early, or did not answer. */
export const SHORT_WAIT_MESSAGE = 'A task did not wait as long as it was asked: the waits do not add up.';

/** The sentence recorded when a frozen run reached its cap. */
export const CAPPED_MESSAGE = 'Stopped at the cap of a frozen run, so that the page does not freeze for long.';

/** The run's own fields of the lab's state: the run going, and the latest run's lanes and timeline. */
export type RunFields = Pick<LabState, 'active' | 'lanes' | 'timeline'>;

/** What one action does to the run's own fields, and the record of the run it ended, to keep. */
export interface RunFieldsStep {
  /** The same object when nothing of them changed. */
  run: RunFields;
  /** Null when no run ended, or a warm-up that went well ended (it is not kept). */
  kept: RunRecord | null;
}

function end(run: RunFields, active: ActiveRun, outcome: RunOutcome, lanes: Lanes): RunFieldsStep {
  const { discard, ...atStart } = active;
  const record: RunRecord = { ...atStart, ...outcome };
  const timeline = run.timeline?.runId === active.id ? { ...run.timeline, live: false } : run.timeline;
  // A warm-up that went wrong is kept, so that its failure shows.
  return { run: { active: null, lanes, timeline }, kept: discard && outcome.status === 'done' ? null : record };
}

/**
 * The kept runs (oldest first) with the lab's: one of each run by stableId, the kept ones in their
 * order and then the lab's others (this visit's, not yet kept), numbered 1 … n, their sweeps
 * numbered after them in order of appearance. Null when the kept runs bring nothing new.
 */
export function mergeRuns(kept: readonly RunRecord[], lab: readonly RunRecord[]): RunRecord[] | null {
  const inLab = new Set(lab.map((run) => run.stableId));
  if (kept.every((run) => inLab.has(run.stableId))) return null;
  const inKept = new Set<string>();
  const merged: { run: RunRecord; source: 'kept' | 'lab' }[] = [];
  for (const run of kept) {
    if (inKept.has(run.stableId)) continue;
    inKept.add(run.stableId);
    merged.push({ run, source: 'kept' });
  }
  for (const run of lab) if (!inKept.has(run.stableId)) merged.push({ run, source: 'lab' });
  // Sweep numbers are told apart by where they come from: the kept runs' and the lab's were given apart.
  const sweeps = new Map<string, number>();
  return merged.map(({ run, source }, index) => {
    if (run.sweepId === null) return { ...run, id: index + 1 };
    const name = `${source} ${String(run.sweepId)}`;
    const sweepId = sweeps.get(name) ?? merged.length + sweeps.size + 1;
    sweeps.set(name, sweepId);
    return { ...run, id: index + 1, sweepId };
  });
}

/** The largest number given to a run or a sweep in `runs`: the next ones are numbered after it. */
export function lastNumber(runs: readonly RunRecord[]): number {
  return runs.reduce((last, run) => Math.max(last, run.id, run.sweepId ?? 0), 0);
}

/** The lab's state machine: one run at a time, the sweep it belongs to, and a record of every run that ended. */
export function labReducer(state: LabState, action: LabAction): LabState {
  const { run, kept } = reduceRunFields(state, action);
  switch (action.type) {
    case 'started':
      return run === state ? state : { ...state, ...run, stoppedSweep: null };
    case 'sweep-step':
      return { ...state, sweep: { id: action.sweepId, step: action.step, steps: action.steps, warmUp: action.warmUp } };
    case 'sweep-ended': {
      const sweep = state.sweep;
      if (sweep?.id !== action.sweepId) return state;
      const stoppedSweep = action.stopped ? { id: sweep.id, step: sweep.step, steps: sweep.steps, stop: action.stopped } : null;
      return { ...state, sweep: null, stoppedSweep };
    }
    case 'cleared':
      return { ...state, ...run, runs: [], stoppedSweep: state.active ? state.stoppedSweep : null };
    case 'restored': {
      // Not during a run or a sweep, whose numbers must not change: the page starts none until the kept ones are read.
      if (state.active || state.sweep) return state;
      const runs = mergeRuns(action.runs, state.runs);
      return runs ? { ...state, runs } : state;
    }
    default:
      return run === state ? state : { ...state, ...run, runs: kept ? [...state.runs, kept] : state.runs };
  }
}

/**
 * The lab's reducer on the run's own fields: the run going, its lanes and the latest run's
 * timeline depend on nothing else of the lab's state (its runs and sweeps). The live view
 * (liveRun.ts) keeps only these; `labReducer` adds the rest.
 */
export function reduceRunFields(run: RunFields, action: LabAction): RunFieldsStep {
  const same: RunFieldsStep = { run, kept: null };
  // Its own three fields only, even when `run` is the whole lab's state.
  const change = (fields: Partial<RunFields>): RunFieldsStep => ({ run: { active: run.active, lanes: run.lanes, timeline: run.timeline, ...fields }, kept: null });
  switch (action.type) {
    case 'started': {
      if (run.active) return same;
      const active: ActiveRun = {
        ...action.plan,
        id: action.runId,
        stableId: action.stableId,
        total: sum(action.shares),
        startupMs: null,
        hiddenDuringRun: action.hidden,
        discard: action.discard ?? false,
        ...(action.plan.task === 'io' ? { waitMsByTask: waitsForShares(action.shares, action.plan.nsPerCount) } : {}),
      };
      return change({
        active,
        lanes: { runId: action.runId, shares: action.shares, progress: action.shares.map(() => 0), phase: 'starting', model: active.model },
        timeline: { runId: action.runId, startedAtMs: action.atMs, lanes: action.shares.length, events: [], nowMs: 0, live: true, warmUp: active.discard, model: active.model },
      });
    }
    case 'cleared':
      // The latest run's lanes and timeline go, unless it still runs.
      return run.active || (run.lanes === null && run.timeline === null) ? same : change({ lanes: null, timeline: null });
    case 'sweep-step':
    case 'sweep-ended':
    case 'restored':
      return same;
    default:
      break;
  }

  const { active, lanes } = run;
  // Late news from a run that already ended (a progress report after Stop) changes nothing.
  if (!active || !lanes || active.id !== action.runId) return same;

  switch (action.type) {
    case 'all-ready':
      return change({ active: { ...active, startupMs: action.startupMs }, lanes: { ...lanes, phase: 'counting' } });
    case 'progressed':
      return change({ lanes: { ...lanes, progress: lanes.shares.map((share, index) => Math.min(share, Math.max(0, action.progress[index] ?? 0))) } });
    case 'timeline': {
      const timeline = run.timeline;
      if (timeline?.runId !== active.id) return same;
      const nowMs = Number.isFinite(action.nowMs) ? Math.max(timeline.nowMs, action.nowMs) : timeline.nowMs;
      if (action.events.length === 0 && nowMs === timeline.nowMs) return same;
      return change({ timeline: { ...timeline, events: [...timeline.events, ...action.events], nowMs } });
    }
    case 'hidden':
      return active.hiddenDuringRun ? same : change({ active: { ...active, hiddenDuringRun: true } });
    case 'finished': {
      const { startupMs, computeMs, wallMs, countedByWorker, waitedMsByWorker, lock, capped, kernel } = action.timings;
      const extras = { ...(lock ? { lock } : {}), ...(waitedMsByWorker ? { waitedMsByTask: waitedMsByWorker } : {}), ...(kernel ? { kernel } : {}) };
      const counted = sum(countedByWorker);
      if (capped) {
        return end(
          run,
          { ...active, startupMs },
          { counted, status: 'stopped', computeMs: null, wallMs: null, capped: true, error: CAPPED_MESSAGE, ...extras },
          { ...lanes, progress: lanes.shares.map((_, index) => countedByWorker[index] ?? 0), phase: 'stopped' },
        );
      }
      // A count is honest when it adds up; a wait, when every task waited at least as long as asked.
      const holds =
        active.task === 'io'
          ? countedByWorker.length === active.workers && waitsHeld(active.waitMsByTask ?? [], waitedMsByWorker)
          : counted === active.total && countedByWorker.length === active.workers;
      const problem = active.task === 'io' ? SHORT_WAIT_MESSAGE : mismatchMessage(counted, active.total);
      return end(
        run,
        { ...active, startupMs },
        {
          counted,
          status: holds ? 'done' : 'failed',
          computeMs,
          wallMs,
          ...extras,
          ...(holds ? {} : { error: problem }),
        },
        {
          ...lanes,
          // A wait that held fills its bar: what a waiting task was given is done.
          progress: lanes.shares.map((share, index) => (active.task === 'io' ? (holds ? share : 0) : (countedByWorker[index] ?? 0))),
          phase: holds ? 'done' : 'failed',
        },
      );
    }
    case 'stopped':
      return end(
        run,
        active,
        { counted: sum(lanes.progress), status: 'stopped', computeMs: null, wallMs: null },
        { ...lanes, phase: 'stopped' },
      );
    case 'failed':
      return end(
        run,
        active,
        { counted: sum(lanes.progress), status: 'failed', computeMs: null, wallMs: null, error: action.message },
        { ...lanes, phase: 'failed' },
      );
  }
}
