import { formatCount } from '../measurement/count';
import type { PredictionReading } from './prediction';

/**
 * What the folded "Total count" and "Prediction (ms)" say in presentation mode, so the class
 * sees both while they are folded away, and a value that cannot run says so.
 */
export function countFoldSummary(count: number | null, prediction: PredictionReading): string {
  const total = count === null ? 'Total count: needs fixing' : `Total count: ${formatCount(count)}`;
  switch (prediction.kind) {
    case 'none':
      return `${total}; no prediction`;
    case 'one':
      return `${total}; prediction: ${formatCount(prediction.ms)} ms`;
    case 'per-workers':
      return `${total}; predictions for ${String(prediction.byWorkers.size)} worker ${prediction.byWorkers.size === 1 ? 'count' : 'counts'}`;
    case 'bad':
      return `${total}; prediction: needs fixing`;
  }
}

/** What the folded rest of the settings holds. */
export const MORE_SETTINGS_SUMMARY = 'More settings: sweep, model, task, work';
