/** One run of a sweep. */
export interface SweepStep {
  workers: number;
  /** The discarded first run, which pays for the JIT and the page's first steps. */
  warmUp: boolean;
}

export const MAX_REPEATS = 20;
export const DEFAULT_REPEATS = 3;

/**
 * The runs of a sweep: one discarded warm-up with the most workers (so a pool
 * is started whole before anything is measured), then every worker count once
 * per round, rounds one after another (1, 2, …, N, then again), so that a
 * drift of the machine's speed spreads over every worker count alike.
 */
export function planSweep(workerCounts: readonly number[], repeats: number): SweepStep[] {
  if (workerCounts.length === 0 || repeats < 1) return [];
  const steps: SweepStep[] = [{ workers: Math.max(...workerCounts), warmUp: true }];
  for (let round = 0; round < repeats; round += 1) {
    for (const workers of workerCounts) steps.push({ workers, warmUp: false });
  }
  return steps;
}

/** What a typed field means: a value, or one sentence on why not. */
export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Reads the "Repeats" field: a whole number from 1 to MAX_REPEATS. */
export function readRepeats(text: string): Reading<number> {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return { ok: false, problem: `Enter a whole number of repeats from 1 to ${String(MAX_REPEATS)}.` };
  const value = Number(trimmed);
  if (value < 1 || value > MAX_REPEATS) return { ok: false, problem: `Enter a whole number of repeats from 1 to ${String(MAX_REPEATS)}.` };
  return { ok: true, value };
}

/** Up to this slider top, the default sweep tries every worker count ("1-16"); above it, a few chosen ones. */
export const EVERY_COUNT_UP_TO = 16;

/**
 * The default "Worker counts": every count from 1 to the slider's top ("1-8") on a machine of
 * up to 8 cores; on a larger one the powers of two, the cores and the top ("1, 2, 4, 8, 12, 16, 24"
 * for 12 cores), so that a 512-core machine is not offered a sweep of 1,024 worker counts.
 */
export function defaultWorkerCounts(cores: number, max: number): string {
  if (max <= EVERY_COUNT_UP_TO) return `1-${String(max)}`;
  const counts = new Set<number>([Math.min(cores, max), max]);
  for (let power = 1; power <= max; power *= 2) counts.add(power);
  return [...counts].sort((a, b) => a - b).join(', ');
}

/**
 * The "Worker counts" while a cap (Python's, src/lab/measurement/pythonMemory.ts) lowers the
 * slider's top below `sliderTop`: the default counts follow the cap; counts somebody typed stay
 * as typed (and say so when they go past it).
 */
export function countsUnderCap(text: string, cores: number, sliderTop: number, cap: number): string {
  return cap < sliderTop && text === defaultWorkerCounts(cores, sliderTop) ? defaultWorkerCounts(cores, cap) : text;
}

/**
 * Reads the "Worker counts" field: numbers and ranges such as "1, 2, 4, 8"
 * or "1-8", each from 1 to `max`. Returns them sorted, without repeats.
 */
export function readWorkerCounts(text: string, max: number): Reading<number[]> {
  const tokens = text
    .split(/[\s,;]+/)
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (tokens.length === 0) return { ok: false, problem: `Enter worker counts such as 1, 2, 4, 8 or a range such as 1-${String(max)}.` };
  if (tokens.length > 64) return { ok: false, problem: 'Enter at most 64 worker counts.' };
  const counts = new Set<number>();
  for (const token of tokens) {
    const range = /^(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?$/.exec(token);
    if (!range) return { ok: false, problem: `“${token.slice(0, 12)}” is not a worker count: use numbers such as 1, 2, 4 or a range such as 1-8.` };
    const from = Number(range[1]);
    const to = range[2] ? Number(range[2]) : from;
    if (from < 1 || to < from) return { ok: false, problem: `“${token}” is not a range from a smaller to a larger count, starting at 1.` };
    if (to > max) return { ok: false, problem: `Worker counts go up to ${String(max)} here.` };
    for (let count = from; count <= to; count += 1) counts.add(count);
  }
  return { ok: true, value: [...counts].sort((a, b) => a - b) };
}

/** "3 worker counts × 2 repeats + 1 warm-up = 7 runs." */
export function describeSweepPlan(workerCounts: readonly number[], repeats: number): string {
  const counts = `${String(workerCounts.length)} worker ${workerCounts.length === 1 ? 'count' : 'counts'}`;
  const times = `${String(repeats)} ${repeats === 1 ? 'repeat' : 'repeats'}`;
  return `${counts} × ${times} + 1 warm-up = ${String(planSweep(workerCounts, repeats).length)} runs.`;
}
