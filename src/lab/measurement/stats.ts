import { canFreeze } from '../models/catalog';
import { waitsHeld } from '../models/ioTask';
import type { RunRecord, Scaling } from '../types';

/** The middle value, or the mean of the two middle values; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, least and greatest of some measurements. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The spread of at least one value; null for none. */
export function spread(values: readonly number[]): Spread | null {
  const middle = median(values);
  return middle === null ? null : { median: middle, min: Math.min(...values), max: Math.max(...values) };
}

/** A straight line y = intercept + slope · x. */
export interface Line {
  intercept: number;
  slope: number;
}

/**
 * The least-squares line through some points; null with fewer than two
 * distinct x. Splits a time into what every run pays and what grows with the
 * count (the benchmark's fixed cost per run and cost per count).
 */
export function fitLine(points: ReadonlyArray<{ x: number; y: number }>): Line | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((total, point) => total + point.x, 0) / n;
  const meanY = points.reduce((total, point) => total + point.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}

type TimedRun = RunRecord & { wallMs: number; computeMs: number; startupMs: number };

/** Why a run's time is left out of the statistics, or null when it can be trusted. */
export function unreliableReason(run: RunRecord): string | null {
  if (run.status !== 'done' || run.wallMs === null || run.computeMs === null || run.startupMs === null) return 'no time';
  if (run.task === 'io' ? !waitsHeld(run.waitMsByTask ?? [], run.waitedMsByTask) : run.counted !== run.total) {
    return run.task === 'io' ? 'the waits did not add up' : 'the count did not add up';
  }
  if (run.hiddenDuringRun) return 'the tab was hidden';
  return null;
}

/** A run whose time can be trusted: it finished, counted everything, and the tab stayed visible. */
export function isReliable(run: RunRecord): run is TimedRun {
  return unreliableReason(run) === null;
}

/** A main-thread count that ran its slices back to back ("Freeze the page"); a record saying freeze where freezing does not apply was not frozen. */
export function isFrozen(run: Pick<RunRecord, 'model' | 'task' | 'freeze'>): boolean {
  return run.freeze && canFreeze(run.model, run.task);
}

/**
 * Runs that can be compared with each other: the same model, task, scaling, count setting
 * and kind of workers (the page's own thread has no workers to reuse; a frozen page is a kind of its own),
 * and the same kernel language: Python runs are a series of their own, named only for them so that every
 * JavaScript key (and every run kept from before) stays as it was.
 */
export function seriesKey(run: Pick<RunRecord, 'scaling' | 'count' | 'pooled' | 'model' | 'task' | 'freeze' | 'language'>): string {
  const workers = run.model === 'main-thread' ? (isFrozen(run) ? 'frozen-page' : 'page') : run.pooled ? 'pooled' : 'fresh';
  const language = run.language === 'python' ? ':python' : '';
  return `${run.model}:${run.task}:${run.scaling}:${String(run.count)}:${workers}${language}`;
}

/** The median wall-clock time (ms) of the reliable one-worker runs in this run's series; null when there is none. */
export function baselineWallMs(runs: readonly RunRecord[], series: string): number | null {
  return median(runs.filter((run) => isReliable(run) && run.workers === 1 && seriesKey(run) === series).map((run) => run.wallMs ?? 0));
}

/**
 * How many times the speed of one worker: for strong scaling the one-worker
 * time divided by this time; for weak scaling, where k workers do k times
 * the work, k times that ("scaled speed-up"). Ideal is k while there are cores.
 */
export function speedUpOf(workers: number, wallMs: number, baselineMs: number, scaling: Scaling): number {
  const ratio = baselineMs / wallMs;
  return scaling === 'strong' ? ratio : ratio * workers;
}

/**
 * A run's speed-up against the median one-worker wall-clock time of its
 * series. Null while there is no one-worker time to compare with, or for a
 * run without a reliable time.
 */
export function speedUp(run: RunRecord, runs: readonly RunRecord[]): number | null {
  if (!isReliable(run) || run.wallMs <= 0) return null;
  const baseline = baselineWallMs(runs, seriesKey(run));
  return baseline === null ? null : speedUpOf(run.workers, run.wallMs, baseline, run.scaling);
}

/**
 * Amdahl's serial fraction estimated from a speed-up (the Karp–Flatt metric):
 * e = (1/S − 1/k) / (1 − 1/k). Null for one worker, where it is undefined.
 */
export function karpFlatt(speedUpValue: number, workers: number): number | null {
  if (workers <= 1 || !(speedUpValue > 0)) return null;
  return (1 / speedUpValue - 1 / workers) / (1 - 1 / workers);
}

/** The statistics of one worker count in one series. */
export interface WorkerStats {
  workers: number;
  /** Reliable runs that went into the statistics. */
  runs: number;
  /** Runs of this worker count left out, and why. */
  leftOut: number;
  startupMs: Spread;
  computeMs: Spread;
  wallMs: Spread;
  /** Of the median wall-clock time; null until there is a one-worker median. */
  speedUp: number | null;
  /** Speed-up ÷ workers. */
  efficiency: number | null;
  karpFlatt: number | null;
}

/** Per worker count, the statistics of the reliable runs of one series; unreliable runs are counted, not used. */
export function statsByWorkers(runs: readonly RunRecord[], series: string): WorkerStats[] {
  const inSeries = runs.filter((run) => run.status === 'done' && seriesKey(run) === series);
  const byWorkers = new Map<number, RunRecord[]>();
  for (const run of inSeries) byWorkers.set(run.workers, [...(byWorkers.get(run.workers) ?? []), run]);
  const baseline = baselineWallMs(runs, series);
  const stats: WorkerStats[] = [];
  for (const [workers, group] of [...byWorkers.entries()].sort(([a], [b]) => a - b)) {
    const reliable = group.filter(isReliable);
    const wall = spread(reliable.map((run) => run.wallMs));
    const startup = spread(reliable.map((run) => run.startupMs));
    const compute = spread(reliable.map((run) => run.computeMs));
    if (!wall || !startup || !compute) continue;
    const scaling = group[0].scaling;
    const faster = baseline === null ? null : speedUpOf(workers, wall.median, baseline, scaling);
    stats.push({
      workers,
      runs: reliable.length,
      leftOut: group.length - reliable.length,
      startupMs: startup,
      computeMs: compute,
      wallMs: wall,
      speedUp: faster,
      efficiency: faster === null ? null : faster / workers,
      karpFlatt: faster === null ? null : karpFlatt(faster, workers),
    });
  }
  return stats;
}

/** Medians closer than this fraction count as equally fast, even where each worker count ran once. */
export const TIE_FRACTION = 0.02;

/** The work a worker count does in a run: one total (strong scaling), or a count per worker (weak). */
const workOf = (workers: number, scaling: Scaling) => (scaling === 'strong' ? 1 : workers);

/**
 * The worker counts as fast as the fastest within the spread of their runs: the fastest
 * (most work per second, by median) first, then every other whose [least, greatest] time,
 * as work per second, overlaps the fastest's or whose median is within `tieFraction` of it,
 * in worker order. Empty for no statistics.
 */
export function asFastAsTheFastest(stats: readonly WorkerStats[], scaling: Scaling, tieFraction = TIE_FRACTION): WorkerStats[] {
  const rate = (row: WorkerStats, ms: number) => workOf(row.workers, scaling) / ms;
  const fastest = stats.reduce<WorkerStats | null>((top, row) => (top === null || rate(row, row.wallMs.median) > rate(top, top.wallMs.median) ? row : top), null);
  if (fastest === null) return [];
  const tied = stats.filter(
    (row) =>
      row !== fastest &&
      (rate(row, row.wallMs.min) >= rate(fastest, fastest.wallMs.max) || rate(row, row.wallMs.median) >= rate(fastest, fastest.wallMs.median) * (1 - tieFraction)),
  );
  return [fastest, ...tied];
}

/** Runs at one setting this many times apart (greatest ÷ least) say the machine was busy with something else. */
export const BUSY_SPREAD = 1.25;

/** The worker count whose runs are furthest apart, when they are more than BUSY_SPREAD apart; null when every setting held steady. */
export function unsteadySetting(stats: readonly WorkerStats[]): WorkerStats | null {
  const ratio = (row: WorkerStats) => (row.wallMs.min > 0 ? row.wallMs.max / row.wallMs.min : 1);
  const widest = stats.filter((row) => row.runs >= 2 && ratio(row) > BUSY_SPREAD);
  return widest.reduce<WorkerStats | null>((top, row) => (top === null || ratio(row) > ratio(top) ? row : top), null);
}

/**
 * What each further worker adds to the measured start-up (ms): the slope of the start-up
 * medians against the workers; null with fewer than two worker counts.
 */
export function startUpPerWorkerMs(stats: readonly WorkerStats[]): number | null {
  return fitLine(stats.map((row) => ({ x: row.workers, y: row.startupMs.median })))?.slope ?? null;
}
