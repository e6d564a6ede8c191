/**
 * "Predict, then run": reading the "Prediction (ms)" field and comparing a
 * prediction with what was measured. One number predicts the run at the
 * slider's worker count; a list ("1: 3000, 2: 1600, 4: 900") predicts a sweep,
 * one wall-clock time per worker count.
 */
import { formatCount } from '../measurement/count';

/** The longest prediction the field takes (ms): a day. */
export const MAX_PREDICTION_MS = 86_400_000;

/** The most worker counts one list may name. */
export const MAX_PREDICTIONS = 64;

export type PredictionReading =
  | { kind: 'none' }
  | { kind: 'one'; ms: number }
  | { kind: 'per-workers'; byWorkers: ReadonlyMap<number, number> }
  | { kind: 'bad'; problem: string };

/** A time in ms as typed: digits with optional thousands separators and decimals, "3 s" or "3000 ms" too. */
function readMs(text: string): number | null {
  const match = /^(\d[\d,\s]*(?:\.\d+)?)\s*(ms|s)?$/i.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1].replace(/[,\s]/g, ''));
  // The unit is optional: its group is undefined when it was left out.
  const unit = match[2] as string | undefined;
  const ms = unit?.toLowerCase() === 's' ? value * 1000 : value;
  return Number.isFinite(ms) ? ms : null;
}

function quoted(text: string): string {
  return `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
}

/**
 * Reads the field: empty is no prediction; one time in ms; or worker counts with a time
 * each, "1: 3000, 2: 1600, 4: 900" (commas or semicolons between; "=" works as ":").
 * Anything else is one sentence saying what is wrong.
 */
export function readPrediction(text: string, maxWorkers: number): PredictionReading {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'none' };
  if (!/[:=]/.test(trimmed)) {
    const ms = readMs(trimmed);
    if (ms === null) return { kind: 'bad', problem: `${quoted(trimmed)} is not a time in milliseconds. Type one, like 3000, or one per worker count, like 1: 3000, 2: 1600.` };
    return checkMs(ms) ?? { kind: 'one', ms };
  }
  const byWorkers = new Map<number, number>();
  const parts = trimmed.split(/[;\n]|,(?=\s*\d+\s*[:=])/).map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length > MAX_PREDICTIONS) return { kind: 'bad', problem: `That is ${String(parts.length)} predictions; the most is ${String(MAX_PREDICTIONS)}.` };
  for (const part of parts) {
    const match = /^(\d{1,3})\s*[:=]\s*(.+)$/.exec(part);
    const ms = match ? readMs(match[2]) : null;
    if (!match || ms === null) return { kind: 'bad', problem: `${quoted(part)} is not “workers: milliseconds”, like 2: 1600.` };
    const workers = Number(match[1]);
    if (workers < 1 || workers > maxWorkers) return { kind: 'bad', problem: `${String(workers)} workers is outside 1 to ${String(maxWorkers)}, the slider’s range.` };
    if (byWorkers.has(workers)) return { kind: 'bad', problem: `${String(workers)} workers has two predictions; keep one.` };
    const problem = checkMs(ms);
    if (problem) return problem;
    byWorkers.set(workers, ms);
  }
  return { kind: 'per-workers', byWorkers };
}

function checkMs(ms: number): { kind: 'bad'; problem: string } | null {
  if (ms <= 0) return { kind: 'bad', problem: 'A prediction must be more than 0 ms.' };
  if (ms > MAX_PREDICTION_MS) return { kind: 'bad', problem: `A prediction must be at most ${formatCount(MAX_PREDICTION_MS)} ms (a day).` };
  return null;
}

/** The prediction for a run with `workers` workers: the one number when the slider is there, or that count's entry of a list. */
export function predictionFor(reading: PredictionReading, workers: number, sliderWorkers: number): number | null {
  switch (reading.kind) {
    case 'one':
      return workers === sliderWorkers ? reading.ms : null;
    case 'per-workers':
      return reading.byWorkers.get(workers) ?? null;
    default:
      return null;
  }
}

/** How far off a prediction was, as a fraction of the prediction: +0.25 means the run took 25% longer than predicted. */
export function predictionError(predictedMs: number, measuredMs: number): number | null {
  if (!(predictedMs > 0) || !Number.isFinite(measuredMs) || measuredMs < 0) return null;
  return (measuredMs - predictedMs) / predictedMs;
}

/** "+25%", "−8%", "0%": the error in whole percent, with its sign. */
export function errorText(error: number | null): string {
  if (error === null) return '';
  const percent = Math.round(error * 100);
  if (percent === 0) return '0%';
  return `${percent > 0 ? '+' : '−'}${formatCount(Math.abs(percent))}%`;
}

/** A prediction this close to the measured time (a fraction of the prediction) was right: the runs themselves vary about as much. */
export const PREDICTION_RIGHT_WITHIN = 0.05;

/**
 * The run's answer to a prediction: "You predicted 500 ms; it took 683 ms, 37% longer.", "…, 27% shorter.",
 * or "…: right within 5%."; null when there is nothing to compare. The percent is the Error column's, rounded alike.
 */
export function predictionAnswer(predictedMs: number, measuredMs: number): string | null {
  const error = predictionError(predictedMs, measuredMs);
  if (error === null) return null;
  const said = `You predicted ${formatCount(Math.round(predictedMs))} ms; it took ${formatCount(Math.round(measuredMs))} ms`;
  const percent = Math.round(error * 100);
  if (Math.abs(percent) < PREDICTION_RIGHT_WITHIN * 100) return `${said}: right within ${String(PREDICTION_RIGHT_WITHIN * 100)}%.`;
  // "100% shorter" would mean no time at all: a run that short took under 1% of the prediction.
  if (percent <= -100) return `${said}, under 1% of the prediction.`;
  return `${said}, ${formatCount(Math.abs(percent))}% ${percent > 0 ? 'longer' : 'shorter'}.`;
}
