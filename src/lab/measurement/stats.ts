import { waitsHeld } from '../models/ioTask';
import type { RunRecord } from '../types';

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

/**
 * Runs that can be compared with each other: the same model, task, scaling, count setting
 * and kind of workers (the page's own thread has no workers to reuse).
 */
export function seriesKey(run: Pick<RunRecord, 'scaling' | 'count' | 'pooled' | 'model' | 'task'>): string {
  const workers = run.model === 'main-thread' ? 'page' : run.pooled ? 'pooled' : 'fresh';
  return `${run.model}:${run.task}:${run.scaling}:${String(run.count)}:${workers}`;
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
export function speedUpOf(workers: number, wallMs: number, baselineMs: number, scaling: RunRecord['scaling']): number {
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
