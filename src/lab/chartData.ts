import { median } from './stats';
import type { RunRecord } from './types';

/** One finished run as a point of the time chart. */
export interface TimePoint {
  runId: number;
  workers: number;
  /** Wall-clock time in seconds. */
  wallSeconds: number;
}

/** The chart's points at one total: reliable runs, and separately those taken while the tab was hidden. */
export interface TimeChartData {
  total: number | null;
  reliable: TimePoint[];
  hidden: TimePoint[];
  /** The median wall-clock time per worker count, of the reliable runs. */
  medians: TimePoint[];
  /** How many finished runs were at other totals and are not drawn. */
  otherTotals: number;
}

/**
 * The points of the time chart. Times at different totals do not belong on one
 * curve, so the chart draws the total of the latest finished run.
 */
export function timeChartData(runs: readonly RunRecord[]): TimeChartData {
  const finished = runs.filter((run) => run.status === 'done' && run.counted === run.total && run.wallMs !== null);
  const latest = finished.at(-1);
  if (!latest) return { total: null, reliable: [], hidden: [], medians: [], otherTotals: 0 };
  const atTotal = finished.filter((run) => run.total === latest.total);
  const point = (run: RunRecord): TimePoint => ({ runId: run.id, workers: run.workers, wallSeconds: (run.wallMs ?? 0) / 1000 });
  const reliable = atTotal.filter((run) => !run.hiddenDuringRun).map(point);
  const byWorkers = new Map<number, number[]>();
  for (const { workers, wallSeconds } of reliable) byWorkers.set(workers, [...(byWorkers.get(workers) ?? []), wallSeconds]);
  const medians = [...byWorkers.entries()]
    .sort(([a], [b]) => a - b)
    .map(([workers, times]) => ({ runId: -workers, workers, wallSeconds: median(times) ?? 0 }));
  return {
    total: latest.total,
    reliable,
    hidden: atTotal.filter((run) => run.hiddenDuringRun).map(point),
    medians,
    otherTotals: finished.length - atTotal.length,
  };
}
