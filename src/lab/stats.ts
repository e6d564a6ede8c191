import type { RunRecord } from './types';

/** The middle value, or the mean of the two middle values; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A run whose time can be trusted: it finished, counted everything, and the tab stayed visible. */
export function isReliable(run: RunRecord): run is RunRecord & { wallMs: number; computeMs: number; startupMs: number } {
  return run.status === 'done' && run.counted === run.total && run.wallMs !== null && !run.hiddenDuringRun;
}

/** The median wall-clock time (ms) of the reliable one-worker runs at this total; null when there is none. */
export function baselineWallMs(runs: readonly RunRecord[], total: number): number | null {
  return median(runs.filter((run) => isReliable(run) && run.workers === 1 && run.total === total).map((run) => run.wallMs ?? 0));
}

/**
 * How many times faster than one worker this run was: the median one-worker
 * wall-clock time at the same total divided by this run's. Null while there
 * is no one-worker time to compare with, or for a run without a time.
 */
export function speedUp(run: RunRecord, runs: readonly RunRecord[]): number | null {
  if (!isReliable(run) || run.wallMs <= 0) return null;
  const baseline = baselineWallMs(runs, run.total);
  return baseline === null ? null : baseline / run.wallMs;
}
