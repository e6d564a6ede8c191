import { MAX_TOTAL } from './split';

/** The time one worker should take on the default total (s). */
export const CALIBRATION_TARGET_SECONDS = 3;

/**
 * The longest the calibration waits for the parts that load after the first screen to render once
 * (ms), before its calm-frame wait: a slow network does not hold it back for long.
 */
export const CALIBRATION_PARTS_LIMIT_MS = 1500;

const READABLE_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10];

/** The nearest readable number: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7 or 8 times a power of ten. */
export function readableRound(value: number): number {
  if (!(value >= 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const scaled = value / power;
  let best = READABLE_STEPS[0];
  for (const step of READABLE_STEPS) if (Math.abs(step - scaled) < Math.abs(best - scaled)) best = step;
  return Math.round(best * power);
}

/**
 * The total that takes one worker about `targetSeconds` at the measured
 * speed, rounded to a readable number and kept between 10^6 and MAX_TOTAL.
 */
export function calibratedTotal(nsPerCount: number, targetSeconds = CALIBRATION_TARGET_SECONDS): number | null {
  if (!(nsPerCount > 0) || !Number.isFinite(nsPerCount)) return null;
  const raw = (targetSeconds * 1e9) / nsPerCount;
  return Math.min(MAX_TOTAL, Math.max(1e6, readableRound(raw)));
}

/** "≈ 3.1 s on 1 worker here.": how long one worker takes for `count` at the measured speed. */
export function estimateOnOneWorker(nsPerCount: number, count: number): string {
  const ms = (nsPerCount * count) / 1e6;
  const time = ms < 1000 ? `${String(Math.max(1, Math.round(ms)))} ms` : `${String(Number((ms / 1000).toPrecision(2)))} s`;
  return `≈ ${time} on 1 worker here.`;
}
