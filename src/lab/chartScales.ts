import { niceTicks } from './axis';
import { speedUpCurve, type ChartMachine } from './exchange/comparedMachine';
import type { Analysis } from './measurement/analysis';

/**
 * The numbers behind the charts' axes: what each plots for the other machines, and the ticks
 * of its y-axis, reaching above everything it draws. Here rather than in the chart components,
 * so that Node tests reach them (Recharts measures 0×0 in jsdom).
 */

/** A machine's median at a worker count, in seconds, as the time chart plots it. */
export interface SecondsPoint {
  workers: number;
  seconds: number;
}

/** The x-axis's last worker count: the slider's top, or further when a compared machine measured more workers. */
export function chartTopWorkers(maxWorkers: number, machines: readonly ChartMachine[]): number {
  return Math.max(maxWorkers, ...machines.flatMap((machine) => machine.curve.map((point) => point.workers)));
}

/** The time chart: each machine's medians in seconds, and ticks above every machine's median, run dot (reliable or not), band and prediction. */
export function timeChartScale(
  { dots, unreliableDots, rows, predictedTime }: Pick<Analysis, 'dots' | 'unreliableDots' | 'rows' | 'predictedTime'>,
  machines: readonly ChartMachine[],
): { curves: SecondsPoint[][]; ticks: number[] } {
  const curves = machines.map((machine) => machine.curve.map((point) => ({ workers: point.workers, seconds: point.medianMs / 1000 })));
  const largest = Math.max(
    0,
    ...curves.flatMap((curve) => curve.map((point) => point.seconds)),
    ...dots.map((dot) => dot.seconds),
    ...unreliableDots.map((dot) => dot.seconds),
    ...rows.map((row) => row.rangeSeconds[1]),
    ...predictedTime.map((point) => point.value),
  );
  return { curves, ticks: niceTicks(largest) };
}

/** The speed-up chart: each machine's speed-ups (from its own 1-worker time), and ticks from 0 past 1× and above every speed-up drawn, measured or ideal. */
export function speedUpChartScale(
  { speedUps, idealSpeedUps }: Pick<Analysis, 'speedUps' | 'idealSpeedUps'>,
  machines: readonly ChartMachine[],
): { curves: { workers: number; speedUp: number }[][]; ticks: number[] } {
  const curves = machines.map((machine) => speedUpCurve(machine.curve, machine.scaling));
  const largest = Math.max(1, ...speedUps.map((point) => point.value), ...idealSpeedUps.map((point) => point.value), ...curves.flatMap((curve) => curve.map((point) => point.speedUp)));
  return { curves, ticks: niceTicks(largest) };
}

/** The cost chart: ticks above the tallest bar, start-up stacked on compute. */
export function costChartTicks({ rows }: Pick<Analysis, 'rows'>): number[] {
  return niceTicks(Math.max(0, ...rows.map((row) => row.startupSeconds + row.computeSeconds)));
}
