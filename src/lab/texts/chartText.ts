import type { Analysis, CurvePoint } from '../measurement/analysis';
import { formatDuration } from './duration';

/** A chart's text equivalent: a captioned table of strings, read by screen readers instead of the drawing. */
export interface ChartTable {
  caption: string;
  headers: string[];
  /** The first cell of each row names it (the worker count). */
  rows: string[][];
  /** What the table says when the chart has nothing to draw. */
  empty: string;
}

const EMPTY = 'Nothing drawn yet: the chart fills in when a run ends.';

/** Seconds as the page says durations elsewhere: "1,235 ms", "12.3 s". */
const duration = (seconds: number) => formatDuration(seconds * 1000);
const times = (value: number) => `${value.toFixed(2)}×`;

function valueAt(curve: readonly CurvePoint[], workers: number): number | undefined {
  return curve.find((point) => point.workers === workers)?.value;
}

/** The wall-clock chart as a table: per worker count, the runs, their median and range, the ideal, the model and the prediction. */
export function timeChartTable(analysis: Analysis): ChartTable {
  const { rows, dots, unreliableDots, idealTime, fittedTime, predictedTime } = analysis;
  const headers = ['Workers', 'Runs', 'Median', 'Fastest – slowest'];
  if (idealTime.length > 0) headers.push('Ideal');
  if (fittedTime.length > 0) headers.push('Model');
  if (predictedTime.length > 0) headers.push('Prediction');
  const counts = [
    ...new Set([...rows.map((row) => row.workers), ...unreliableDots.map((dot) => dot.workers), ...predictedTime.map((point) => point.workers)]),
  ].sort((a, b) => a - b);
  return {
    caption: 'Wall-clock time per number of workers, as a table',
    headers,
    empty: EMPTY,
    rows: counts.map((workers) => {
      const row = rows.find((candidate) => candidate.workers === workers);
      const kept = dots.filter((dot) => dot.workers === workers).length;
      const left = unreliableDots.filter((dot) => dot.workers === workers).length;
      const cells = [
        String(workers),
        left > 0 ? `${String(kept)} (${String(left)} left out)` : String(kept),
        row ? duration(row.medianSeconds) : '—',
        row ? `${duration(row.rangeSeconds[0])} – ${duration(row.rangeSeconds[1])}` : '—',
      ];
      const ideal = valueAt(idealTime, workers);
      const model = valueAt(fittedTime, workers);
      if (idealTime.length > 0) cells.push(ideal === undefined ? '—' : duration(ideal));
      if (fittedTime.length > 0) cells.push(model === undefined ? '—' : duration(model));
      const predicted = valueAt(predictedTime, workers);
      if (predictedTime.length > 0) cells.push(predicted === undefined ? '—' : duration(predicted));
      return cells;
    }),
  };
}

/** The speed-up chart as a table: the measured median beside the ideal, per measured worker count. */
export function speedUpChartTable(analysis: Analysis): ChartTable {
  const { speedUps, idealSpeedUps } = analysis;
  return {
    caption: 'Speed-up per number of workers, as a table',
    headers: ['Workers', 'Measured (median)', 'Ideal'],
    empty: EMPTY,
    rows: speedUps.map(({ workers, value }) => {
      const ideal = valueAt(idealSpeedUps, workers);
      return [String(workers), times(value), ideal === undefined ? '—' : times(ideal)];
    }),
  };
}

/** The cost chart as a table: the median start-up and compute time per worker count. */
export function costChartTable(analysis: Analysis): ChartTable {
  return {
    caption: 'Start-up and compute time per number of workers, as a table',
    headers: ['Workers', 'Start-up (median)', 'Compute (median)'],
    empty: EMPTY,
    rows: analysis.rows.map((row) => [String(row.workers), duration(row.startupSeconds), duration(row.computeSeconds)]),
  };
}
