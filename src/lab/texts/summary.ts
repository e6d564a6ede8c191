import { readableRound } from '../measurement/calibrate';
import { countInWords } from '../measurement/count';
import { workersInWords } from './describe';
import { formatDuration } from './duration';
import { kneeWorkers, type TimeModel } from '../measurement/model';
import type { WorkerStats } from '../measurement/stats';
import { MAX_TOTAL } from '../measurement/split';
import type { Scaling } from '../types';

export interface SummaryInput {
  stats: readonly WorkerStats[];
  model: TimeModel | null;
  /** The logical cores the browser reports. */
  reportedCores: number;
  scaling: Scaling;
  /** The series' total count (or each worker's, for the same count per worker), for suggesting a larger one. */
  count?: number;
}

/** Medians closer than this fraction count as equally fast. */
export const TIE_FRACTION = 0.02;

/** A fit this far off (relative to the fastest median) explains little; the summary says so. */
export const POOR_FIT_FRACTION = 0.1;

function times(value: number): string {
  return `${value.toFixed(1)}×`;
}

/** Start-up at least this fraction of the counting is as large as the counting, for the lesson: the summary says so. */
export const START_UP_HEAVY_FRACTION = 0.5;

/** How long one worker should count for the lesson to show (ms): start-up is then a small part. */
export const SUGGESTED_COUNTING_MS = 3000;

/** A readable count that takes one worker about SUGGESTED_COUNTING_MS, from a measured one-worker compute time. */
export function suggestLargerCount(count: number, oneWorkerComputeMs: number): number {
  const scaled = oneWorkerComputeMs > 0 ? (count * SUGGESTED_COUNTING_MS) / oneWorkerComputeMs : count * 10;
  return Math.min(MAX_TOTAL, readableRound(Math.max(scaled, count * 2)));
}

/** The sweep's story in plain sentences, with this machine's numbers. */
export function summarize({ stats, model, reportedCores, scaling, count }: SummaryInput): string[] {
  const withSpeedUp = stats.filter((row): row is WorkerStats & { speedUp: number } => row.speedUp !== null);
  if (stats.length < 2 || withSpeedUp.length < 2) {
    return ['Run a sweep (or runs with 1 worker and with more, at the same count) to see the whole curve explained here.'];
  }
  const sentences: string[] = [];
  // Differences under TIE_FRACTION are noise: the fewest workers within it count as the fastest.
  const quickest = Math.min(...stats.map((row) => row.wallMs.median));
  const fastest = stats.find((row) => row.wallMs.median <= quickest * (1 + TIE_FRACTION)) ?? stats[0];
  const best = withSpeedUp.reduce((top, row) => (row.speedUp > top.speedUp ? row : top));
  if (scaling === 'strong') {
    sentences.push(
      fastest.workers === 1
        ? `Fastest with 1 worker: ${formatDuration(fastest.wallMs.median)}. More workers did not help here.`
        : `Fastest with ${workersInWords(fastest.workers)}: ${formatDuration(fastest.wallMs.median)}, ${times(fastest.speedUp ?? 1)} faster than 1.`,
    );
  } else {
    sentences.push(
      `Most work per second with ${workersInWords(best.workers)}: ${times(best.speedUp)} the work of 1 worker in ${formatDuration(best.wallMs.median)} (ideal: ${times(Math.min(best.workers, reportedCores))}).`,
    );
  }

  // The sentences must agree: extra workers cannot be said to stop helping before the fastest count.
  const measuredKnee = kneeWorkers(withSpeedUp);
  const knee = measuredKnee === null || scaling !== 'strong' ? measuredKnee : Math.max(measuredKnee, fastest.workers);
  const largest = stats[stats.length - 1].workers;
  const perWorkerMs = model ? model.perWorkerMs : null;
  // Under a millisecond (workers from a pool), there is no start-up cost worth a number.
  const startsFree = perWorkerMs !== null && perWorkerMs < 1;
  const cost = perWorkerMs === null || startsFree ? '' : `: about ${formatDuration(perWorkerMs)} each`;
  if (knee !== null && knee < largest) {
    const which = knee === reportedCores ? `${String(knee)}, the number of cores this browser reports` : `${String(knee)} (the browser reports ${String(reportedCores)} cores)`;
    if (scaling === 'strong') {
      sentences.push(
        startsFree
          ? `Beyond ${which}, extra workers add nothing: every core is already busy, and starting one costs under a millisecond.`
          : `Beyond ${which}, extra workers only add start-up cost${cost}.`,
      );
    } else {
      sentences.push(`Beyond ${which}, extra workers share the cores there are, so the time grows with them${cost ? `${cost} of start-up on top` : ''}.`);
    }
  } else if (knee !== null) {
    sentences.push(`Speed-up still grew at ${workersInWords(largest)}: try more workers to find where it stops.`);
  }

  if (model) {
    const share = scaling === 'strong' ? 'shared by' : 'for each worker, on';
    sentences.push(
      `Fitted model: ${formatDuration(model.serialMs)} + ${formatDuration(model.perWorkerMs)} per worker + ${formatDuration(model.workMs)} of counting ${share} ${String(model.cores)} ${model.cores === 1 ? 'core' : 'cores'} (typical misfit ${formatDuration(model.rmsMs)}).`,
    );
    if (model.rmsMs > POOR_FIT_FRACTION * quickest) {
      sentences.push('The model fits poorly: the machine was probably busy with something else. Close other programs and repeat the sweep.');
    }
  }
  const atCores = withSpeedUp.find((row) => row.workers === Math.min(reportedCores, largest));
  // Start-up as large as the counting hides what the cores can do: say so, and suggest a count that shows it.
  const heavy = withSpeedUp.find(
    (row) => row.workers > 1 && row.workers <= Math.max(2, reportedCores) && row.startupMs.median >= START_UP_HEAVY_FRACTION * row.computeMs.median,
  );
  if (heavy) {
    const oneWorker = stats.find((row) => row.workers === 1);
    const suggestion = count === undefined ? 'a larger total count' : `a larger total count, such as ${countInWords(suggestLargerCount(count, oneWorker?.computeMs.median ?? 0))}`;
    const compared = heavy.startupMs.median >= heavy.computeMs.median ? 'longer than' : 'more than half as long as';
    sentences.push(
      `At ${workersInWords(heavy.workers)}, starting the workers (${formatDuration(heavy.startupMs.median)}) took ${compared} their counting (${formatDuration(heavy.computeMs.median)}), so the speed-up shows start-up more than the cores. Try ${suggestion}.`,
    );
  }
  if (atCores && atCores.karpFlatt !== null && atCores.workers > 1 && scaling === 'strong' && !(heavy && atCores.karpFlatt >= 1)) {
    sentences.push(
      atCores.karpFlatt >= 1
        ? `At ${workersInWords(atCores.workers)} the extra workers cost more than they brought: the count is too small to share. Try a larger total count.`
        : `Serial fraction at ${workersInWords(atCores.workers)} (Karp–Flatt): ${String(Math.round(Math.max(0, atCores.karpFlatt) * 1000) / 10)}%, the part of the run no extra core speeds up, mostly start-up.`,
    );
  }
  return sentences;
}
