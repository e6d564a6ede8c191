import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitLine, median } from '../src/lab/measurement/stats';
import { partsDir } from './report';

/**
 * What every run pays, one method for every section of the bench (section 1 in Chromium and the
 * engines' part in each engine): on a fresh page, after three short warm-up runs, one fresh worker
 * counts each of these totals once a round, each round starting at a different total so that a busy
 * spell hits them all alike; a least-squares line through every run's compute time gives the
 * milliseconds every run pays (its intercept) and the nanoseconds per count beyond them (its slope).
 */
export const FIXED_COST_TOTALS = [1e8, 3e8, 1e9, 4e9] as const;
/** Runs of the smallest total before the measured ones, not measured: the page, its code and the server warmed. */
export const FIXED_COST_WARM_UPS = 3;

export interface FixedCost {
  totals: number[];
  /** Each total's compute times (ms), in the order they were run. */
  computeMs: number[][];
  /** Each total's median compute time ÷ the total (ns per count). */
  nsPerCount: number[];
  /** The largest ns per count ÷ the smallest, − 1. */
  spread: number;
  /** The least-squares line through every run: ms every run pays, and ns per count beyond it (NaN with fewer than two totals). */
  fixedMs: number;
  slopeNs: number;
  rounds: number;
  /**
   * Each round's own line through its smallest and largest total, where it meets zero counts (ms),
   * and their median: the same fixed cost read so that one slow run moves it by little (a longer
   * run's wobble of 1% moves the least-squares intercept by several ms).
   */
  roundFixedMs: number[];
  medianFixedMs: number;
}

/** The index of the total each step of each round runs: round r starts at total r mod `totals`. */
export function interleavedOrder(totals: number, rounds: number): number[][] {
  return Array.from({ length: rounds }, (_, round) => Array.from({ length: totals }, (_, step) => (round + step) % totals));
}

/** The figures of a series: `computeMs[i]` holds the compute times (ms) of the runs that counted `totals[i]`. */
export function fixedCostOf(totals: readonly number[], computeMs: readonly number[][]): FixedCost {
  const nsPerCount = totals.map((total, index) => ((median(computeMs[index]) ?? Number.NaN) * 1e6) / total);
  const line = fitLine(totals.flatMap((total, index) => computeMs[index].map((ms) => ({ x: total, y: ms }))));
  return {
    totals: [...totals],
    computeMs: computeMs.map((times) => [...times]),
    nsPerCount,
    spread: Math.max(...nsPerCount) / Math.min(...nsPerCount) - 1,
    fixedMs: line?.intercept ?? Number.NaN,
    slopeNs: (line?.slope ?? Number.NaN) * 1e6,
    rounds: Math.max(0, ...computeMs.map((times) => times.length)),
    roundFixedMs: roundFixedMs(totals, computeMs),
    medianFixedMs: median(roundFixedMs(totals, computeMs)) ?? Number.NaN,
  };
}

/** Round r's line through (smallest total, its r-th time) and (largest total, its r-th time), at zero counts. */
export function roundFixedMs(totals: readonly number[], computeMs: readonly number[][]): number[] {
  const low = totals.indexOf(Math.min(...totals));
  const high = totals.indexOf(Math.max(...totals));
  if (low === high) return [];
  const rounds = Math.min(computeMs[low].length, computeMs[high].length);
  return Array.from({ length: rounds }, (_, round) => {
    const [x0, y0, x1, y1] = [totals[low], computeMs[low][round], totals[high], computeMs[high][round]];
    return (x1 * y0 - x0 * y1) / (x1 - x0);
  });
}

/**
 * Measures the fixed cost with `runOnce` (one fresh worker counts `total` through the page's
 * controls and resolves with the Results table's compute time, ms), on a page just opened.
 * `afterRound` runs after each round (section 1 reads the native loop there).
 */
export async function measureFixedCost(
  runOnce: (total: number) => Promise<number>,
  options: { scale: number; rounds: number; afterRound?: () => void },
): Promise<FixedCost> {
  const totals = FIXED_COST_TOTALS.map((total) => total * options.scale);
  for (let warm = 0; warm < FIXED_COST_WARM_UPS; warm += 1) await runOnce(totals[0]);
  const computeMs = totals.map((): number[] => []);
  for (const round of interleavedOrder(totals.length, options.rounds)) {
    for (const index of round) computeMs[index].push(await runOnce(totals[index]));
    options.afterRound?.();
  }
  return fixedCostOf(totals, computeMs);
}

/** Section 1 keeps Chromium's figure here, so that the engines' part of the same bench reports the same one. */
export const chromiumFixedCostFile = join(partsDir, 'fixed-cost-chromium.json');

export function saveFixedCost(file: string, fixedCost: FixedCost) {
  mkdirSync(partsDir, { recursive: true });
  writeFileSync(file, JSON.stringify(fixedCost));
}

/** The figure a section saved in this bench run; null when none did. */
export function savedFixedCost(file: string): FixedCost | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FixedCost;
  } catch {
    return null;
  }
}
