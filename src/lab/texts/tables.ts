import { formatCount } from '../measurement/count';
import { errorText, predictionError } from '../settings/prediction';
import { waitsHeld } from '../models/ioTask';
import { formatDuration } from './duration';
import { LANE_NOUN } from './lesson';
import { baselineWallMs, isFrozen, seriesKey, speedUpOf, unreliableReason, type Spread, type WorkerStats } from '../measurement/stats';
import type { ExecutionModel, RunRecord, TaskKind } from '../types';

/** One row of the "Results" table, as text. */
export interface ResultRow {
  id: number;
  workers: string;
  total: string;
  startupMs: string;
  computeMs: string;
  wallMs: string;
  /** The class's prediction for this run (ms), or "". */
  predictionMs: string;
  /** How far the wall-clock time was from it: "+25%", or "". */
  error: string;
  speedUp: string;
  efficiency: string;
  mode: string;
  check: string;
  /** The run's time went into the statistics. */
  reliable: boolean;
  status: RunRecord['status'];
  hidden: boolean;
}

function milliseconds(value: number | null): string {
  return value === null ? '—' : formatCount(Math.round(value));
}

function percent(value: number): string {
  return `${String(Math.round(value * 100))}%`;
}

/** What the "Check" column says: what was counted, or why the run has no reliable time. */
export function checkText(run: RunRecord): string {
  if (run.status === 'stopped') return run.capped ? 'Stopped at the freeze cap' : 'Stopped';
  if (run.status === 'failed') return `Error: ${run.error ?? 'the run failed.'}`;
  if (run.hiddenDuringRun) return 'Tab was hidden: not reliable';
  if (run.task === 'io') {
    // What each task was asked to wait, once every task waited at least that (timers end a little late).
    const asked = run.waitMsByTask ?? [];
    if (!waitsHeld(asked, run.waitedMsByTask)) return 'Waits did not add up';
    const shortest = formatDuration(Math.min(...asked), 'brief');
    const longest = formatDuration(Math.max(...asked), 'brief');
    return shortest === longest ? `Waited ${String(asked.length)} × ${longest}` : `Waited ${shortest} to ${longest}`;
  }
  if (run.counted !== run.total) return 'Count did not add up';
  return `Counted ${formatCount(run.counted)}`;
}

/** The model and the task in the "Mode" column; null for the lesson's first half, which names neither. */
const MODEL_IN_MODE: Readonly<Record<ExecutionModel, string | null>> = { parallel: null, lock: 'one lock', 'main-thread': 'main thread' };
const TASK_IN_MODE: Readonly<Record<TaskKind, string | null>> = { cpu: null, io: 'waiting' };

/**
 * The "Mode" column: "split, fresh" for the lesson's first half; the model and the task go
 * first when they are not workers in parallel counting ("one lock, waiting, split, pool"),
 * and the main thread has no workers to start fresh or reuse; a frozen run says "frozen"
 * ("main thread, frozen, split"). A Python run says so first ("Python, split, fresh"); a JavaScript one, as every run
 * kept from before, names no language.
 */
export function modeText(run: Pick<RunRecord, 'model' | 'task' | 'scaling' | 'pooled' | 'freeze' | 'language'>): string {
  const parts = [
    run.language === 'python' ? 'Python' : null,
    MODEL_IN_MODE[run.model],
    TASK_IN_MODE[run.task],
    // A frozen run is a kind of its own (its own series), so the column tells it from a normal one.
    isFrozen(run) ? 'frozen' : null,
    run.scaling === 'strong' ? 'split' : 'each',
    LANE_NOUN[run.model] === 'task' ? null : run.pooled ? 'pool' : 'fresh',
  ];
  return parts.filter((part) => part !== null).join(', ');
}

/** What a one-worker row says for its speed-up: its series' one-worker runs are what the others are measured against. */
export const BASELINE_TEXT = 'baseline';

/**
 * The rows of the "Results" table; each series' one-worker baseline is found once. A row's
 * number is the run's, as Results lists them: 1, 2, 3 … A one-worker row reads "baseline" for
 * its speed-up and nothing for its efficiency: against its own series' median it would read
 * "1.11× / 111%", faster than itself.
 */
export function resultRows(runs: readonly RunRecord[]): ResultRow[] {
  const baselines = new Map<string, number | null>();
  const baselineOf = (series: string) => {
    if (!baselines.has(series)) baselines.set(series, baselineWallMs(runs, series));
    return baselines.get(series) ?? null;
  };
  return runs.map((run) => {
    const reliable = unreliableReason(run) === null;
    const baseline = reliable && run.wallMs !== null && run.wallMs > 0 ? baselineOf(seriesKey(run)) : null;
    const faster = baseline === null || run.wallMs === null ? null : speedUpOf(run.workers, run.wallMs, baseline, run.scaling);
    const stopped = run.status === 'stopped';
    const isBaseline = faster !== null && run.workers === 1;
    return {
      id: run.id,
      workers: String(run.workers),
      total: formatCount(run.total),
      startupMs: milliseconds(run.startupMs),
      computeMs: stopped ? 'stopped' : milliseconds(run.computeMs),
      wallMs: stopped ? 'stopped' : milliseconds(run.wallMs),
      predictionMs: run.predictionMs === null ? '' : milliseconds(run.predictionMs),
      error: run.predictionMs === null || run.wallMs === null || run.status !== 'done' ? '' : errorText(predictionError(run.predictionMs, run.wallMs)),
      speedUp: faster === null ? '' : isBaseline ? BASELINE_TEXT : `${faster.toFixed(2)}×`,
      efficiency: faster === null || isBaseline ? '' : percent(faster / run.workers),
      mode: modeText(run),
      check: checkText(run),
      reliable,
      status: run.status,
      hidden: run.hiddenDuringRun,
    };
  });
}

/**
 * The notes under "Results", for the columns that have something to explain: what a speed-up is
 * measured against, and which way an error goes. The headers keep their short names.
 */
export function resultNotes(rows: readonly ResultRow[]): string[] {
  const notes: string[] = [];
  if (rows.some((row) => row.speedUp !== '')) {
    notes.push('Speed-up: against the median wall-clock time of the 1-worker runs of the same kind, the baseline.');
  }
  if (rows.some((row) => row.error !== '')) {
    notes.push('Error: how far the wall-clock time was from the prediction; + means the run took longer than predicted, − that it took less.');
  }
  return notes;
}

/** One row of the "Statistics" table, as text. */
export interface StatsRow {
  workers: string;
  runs: string;
  startupMs: string;
  computeMs: string;
  wallMs: string;
  speedUp: string;
  efficiency: string;
  serialFraction: string;
}

/** "1,329 (1,322–1,330)": the median, then the least and greatest when they differ. */
export function spreadText(spread: Spread): string {
  const ms = (value: number) => formatCount(Math.round(value));
  return spread.min === spread.max ? ms(spread.median) : `${ms(spread.median)} (${ms(spread.min)}–${ms(spread.max)})`;
}

/** Karp–Flatt's estimate kept to 0–100%: beyond, extra workers cost more than they bring. */
export function serialFractionText(value: number | null): string {
  if (value === null) return '';
  return value >= 1 ? '100% or more' : percent(Math.max(0, value));
}

/** The rows of the "Statistics" table. */
export function statsRows(stats: readonly WorkerStats[]): StatsRow[] {
  return stats.map((row) => ({
    workers: String(row.workers),
    runs: `${String(row.runs)}${row.leftOut > 0 ? ` (+${String(row.leftOut)} left out)` : ''}`,
    startupMs: spreadText(row.startupMs),
    computeMs: spreadText(row.computeMs),
    wallMs: spreadText(row.wallMs),
    speedUp: row.speedUp === null ? '' : `${row.speedUp.toFixed(2)}×`,
    efficiency: row.efficiency === null ? '' : percent(row.efficiency),
    serialFraction: serialFractionText(row.karpFlatt),
  }));
}
