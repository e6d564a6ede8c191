import type { Scaling } from '../models/catalog';

/** The largest total the lab accepts: 10^12 counts, a few minutes on one core. */
export const MAX_TOTAL = 1e12;

/**
 * Splits `total` counts over `workers` shares that differ by at most one and
 * add up to exactly `total`; the first `total mod workers` shares get the extra one.
 */
export function splitTotal(total: number, workers: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`total must be a whole number ≥ 0, got ${String(total)}`);
  }
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a whole number ≥ 1, got ${String(workers)}`);
  }
  const base = Math.floor(total / workers);
  const extra = total - base * workers;
  return Array.from({ length: workers }, (_, index) => (index < extra ? base + 1 : base));
}

/** Adds shares or counts; exact for totals below 2^53. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Each worker's share for a run: the count split for strong scaling, the count itself for each worker for weak. */
export function sharesFor(plan: { workers: number; scaling: Scaling; count: number }): number[] {
  return plan.scaling === 'strong' ? splitTotal(plan.count, plan.workers) : splitTotal(plan.count * plan.workers, plan.workers);
}
