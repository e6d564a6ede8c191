import { formatCount } from './count';
import { sum } from './split';
import type { RunRecord, RunTimings } from './types';

/** The run in progress, as the page shows it. */
export interface ActiveRun {
  id: number;
  workers: number;
  total: number;
  /** What each worker was given to count. */
  shares: number[];
  /** 'starting' until every worker has answered that it is ready. */
  phase: 'starting' | 'counting';
  /** What each worker had counted at its latest report. */
  progress: number[];
  startupMs: number | null;
  hiddenDuringRun: boolean;
}

export interface LabState {
  active: ActiveRun | null;
  /** Every run that has ended, oldest first. */
  runs: RunRecord[];
}

export type LabAction =
  | { type: 'started'; runId: number; workers: number; total: number; shares: number[]; hidden: boolean }
  | { type: 'all-ready'; runId: number; startupMs: number }
  | { type: 'progressed'; runId: number; progress: readonly number[] }
  | { type: 'hidden'; runId: number }
  | { type: 'finished'; runId: number; timings: RunTimings }
  | { type: 'stopped'; runId: number }
  | { type: 'failed'; runId: number; message: string }
  | { type: 'cleared' };

export const initialLabState: LabState = { active: null, runs: [] };

/** The sentence recorded when the workers' counts do not add up to the total. */
export function mismatchMessage(counted: number, total: number): string {
  return `The workers counted ${formatCount(counted)}, not ${formatCount(total)}: the count does not add up.`;
}

function record(active: ActiveRun, ending: Omit<RunRecord, 'id' | 'workers' | 'total' | 'hiddenDuringRun'>): RunRecord {
  return {
    id: active.id,
    workers: active.workers,
    total: active.total,
    hiddenDuringRun: active.hiddenDuringRun,
    ...ending,
  };
}

function end(state: LabState, run: RunRecord): LabState {
  return { ...state, active: null, runs: [...state.runs, run] };
}

/** The lab's state machine: one run at a time, and a record of every run that ended. */
export function labReducer(state: LabState, action: LabAction): LabState {
  if (action.type === 'started') {
    if (state.active) return state;
    return {
      ...state,
      active: {
        id: action.runId,
        workers: action.workers,
        total: action.total,
        shares: action.shares,
        phase: 'starting',
        progress: action.shares.map(() => 0),
        startupMs: null,
        hiddenDuringRun: action.hidden,
      },
    };
  }
  if (action.type === 'cleared') return { ...state, runs: [] };

  const active = state.active;
  // Late news from a run that already ended (a progress report after Stop) changes nothing.
  if (!active || active.id !== action.runId) return state;

  switch (action.type) {
    case 'all-ready':
      return { ...state, active: { ...active, phase: 'counting', startupMs: action.startupMs } };
    case 'progressed':
      return {
        ...state,
        active: {
          ...active,
          progress: active.shares.map((share, index) => Math.min(share, Math.max(0, action.progress[index] ?? 0))),
        },
      };
    case 'hidden':
      return active.hiddenDuringRun ? state : { ...state, active: { ...active, hiddenDuringRun: true } };
    case 'finished': {
      const { startupMs, computeMs, wallMs, countedByWorker } = action.timings;
      const counted = sum(countedByWorker);
      const addsUp = counted === active.total && countedByWorker.length === active.workers;
      return end(
        state,
        record(active, {
          counted,
          status: addsUp ? 'done' : 'failed',
          startupMs,
          computeMs,
          wallMs,
          ...(addsUp ? {} : { error: mismatchMessage(counted, active.total) }),
        }),
      );
    }
    case 'stopped':
      return end(
        state,
        record(active, {
          counted: sum(active.progress),
          status: 'stopped',
          startupMs: active.startupMs,
          computeMs: null,
          wallMs: null,
        }),
      );
    case 'failed':
      return end(
        state,
        record(active, {
          counted: sum(active.progress),
          status: 'failed',
          startupMs: active.startupMs,
          computeMs: null,
          wallMs: null,
          error: action.message,
        }),
      );
  }
}
