import type { Analysis, CurvePoint } from '../measurement/analysis';
import { speedUpCurve, type ChartMachine } from '../exchange/comparedMachine';
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

/** Each machine's column heading: its label, numbered when another shown machine has the same one (a heading names one column). */
export function machineHeadings(machines: readonly ChartMachine[]): string[] {
  return machines.map((machine, index) => {
    const before = machines.slice(0, index).filter((other) => other.label === machine.label).length;
    return before === 0 ? machine.label : `${machine.label} (${String(before + 1)})`;
  });
}

/** The worker counts of a table: the page's own and every machine's, ascending. */
const allCounts = (own: readonly number[], curves: readonly (readonly { workers: number }[])[]) =>
  [...new Set([...own, ...curves.flatMap((curve) => curve.map((point) => point.workers))])].sort((a, b) => a - b);

/**
 * The wall-clock chart as a table: per worker count, the runs, their median and range, the ideal, the model and the prediction,
 * then each other machine's median, headed by its label.
 */
export function timeChartTable(analysis: Analysis, machines: readonly ChartMachine[] = []): ChartTable {
  const { rows, dots, unreliableDots, idealTime, fittedTime, predictedTime } = analysis;
  const headers = ['Workers', 'Runs', 'Median', 'Fastest – slowest'];
  if (idealTime.length > 0) headers.push('Ideal');
  if (fittedTime.length > 0) headers.push('Model');
  if (predictedTime.length > 0) headers.push('Prediction');
  headers.push(...machineHeadings(machines));
  const counts = allCounts(
    [...rows.map((row) => row.workers), ...unreliableDots.map((dot) => dot.workers), ...predictedTime.map((point) => point.workers)],
    machines.map((machine) => machine.curve),
  );
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
      for (const machine of machines) {
        const point = machine.curve.find((candidate) => candidate.workers === workers);
        cells.push(point === undefined ? '—' : formatDuration(point.medianMs));
      }
      return cells;
    }),
  };
}

/** The speed-up chart as a table: the measured median beside the ideal, per measured worker count, then each other machine's speed-up (from its own 1-worker time). */
export function speedUpChartTable(analysis: Analysis, machines: readonly ChartMachine[] = []): ChartTable {
  const { speedUps, idealSpeedUps } = analysis;
  const curves = machines.map((machine) => speedUpCurve(machine.curve, machine.scaling));
  const counts = allCounts(
    speedUps.map((point) => point.workers),
    curves,
  );
  return {
    caption: 'Speed-up per number of workers, as a table',
    headers: ['Workers', 'Measured (median)', 'Ideal', ...machineHeadings(machines)],
    empty: EMPTY,
    rows: counts.map((workers) => {
      const measured = valueAt(speedUps, workers);
      const ideal = valueAt(idealSpeedUps, workers);
      return [
        String(workers),
        measured === undefined ? '—' : times(measured),
        ideal === undefined ? '—' : times(ideal),
        ...curves.map((curve) => {
          const point = curve.find((candidate) => candidate.workers === workers);
          return point === undefined ? '—' : times(point.speedUp);
        }),
      ];
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
