import { median } from '../src/lab/measurement/stats';
import { budgetLine } from './report';

/**
 * Issue 18's target, side by side: the app's speed-up at the machine's cores against what the
 * hardware allows for this loop, k native loop processes each counting its share at once
 * (process start included) against one counting the total alone.
 */
export const TARGET_OF_NATIVE = 0.97;

/** Native loops timed from spawn to the last exit: each run alone (1 process) and at the cores. */
export interface NativeSpeedUp {
  total: number;
  processes: number;
  aloneWallMs: number[];
  atCoresWallMs: number[];
  /** Median wall-clock alone ÷ at the cores. */
  speedUp: number;
  /** ns per count of the loop alone, and of each loop while `processes` count at once (medians over the runs). */
  aloneNs: number;
  eachNs: number;
}

const middle = (values: readonly number[]) => median(values) ?? Number.NaN;

/** The native figures from runs alone and at the cores (each run: wall-clock ms and each process's ns per count). */
export function nativeSpeedUp(
  total: number,
  processes: number,
  alone: ReadonlyArray<{ wallMs: number; nsEach: number[] }>,
  atCores: ReadonlyArray<{ wallMs: number; nsEach: number[] }>,
): NativeSpeedUp {
  const aloneWallMs = alone.map((run) => run.wallMs);
  const atCoresWallMs = atCores.map((run) => run.wallMs);
  return {
    total,
    processes,
    aloneWallMs,
    atCoresWallMs,
    speedUp: middle(aloneWallMs) / middle(atCoresWallMs),
    aloneNs: middle(alone.flatMap((run) => run.nsEach)),
    eachNs: middle(atCores.flatMap((run) => run.nsEach)),
  };
}

/** "Speed-up at k = 2, app ÷ native: 1.84 ÷ 1.93 = 0.953 (target ≥ 0.97 × native) FAIL". */
export function targetLine(cores: number, appSpeedUp: number, nativeSpeedUp: number): string {
  const ratio = appSpeedUp / nativeSpeedUp;
  return budgetLine(`Speed-up at k = ${String(cores)}, app ÷ native`, `${appSpeedUp.toFixed(2)} ÷ ${nativeSpeedUp.toFixed(2)} = ${ratio.toFixed(3)}`, {
    text: `≥ ${String(TARGET_OF_NATIVE)} × native`,
    pass: ratio >= TARGET_OF_NATIVE,
  });
}

/** How much more each of k counting at once pays per count than one alone: +0.05 for 5% slower. */
export function pairExcess(aloneNs: number, eachNs: number): number {
  return eachNs / aloneNs - 1;
}

/**
 * Where the app's speed-up falls short of the native loops', in parts of the native figure that add
 * up to 1 − app ÷ native: the workers' start-up (the app's speed-up on compute time alone against
 * start to end), and the counting itself (compute time alone against native).
 */
export function targetGap(appSpeedUp: number, computeSpeedUp: number, nativeSpeedUp: number): { startup: number; counting: number } {
  return { startup: (computeSpeedUp - appSpeedUp) / nativeSpeedUp, counting: 1 - computeSpeedUp / nativeSpeedUp };
}

/** "Of the gap to native (0.069): start-up 0.035, the counting 0.034 (compute time alone: 1.91×, 0.966 × native)". */
export function targetGapLine(appSpeedUp: number, computeSpeedUp: number, nativeSpeedUp: number): string {
  const gap = targetGap(appSpeedUp, computeSpeedUp, nativeSpeedUp);
  const part = (value: number) => (Math.abs(value) < 0.0005 ? '0.000' : value.toFixed(3));
  return (
    `Of the gap to native (${part(1 - appSpeedUp / nativeSpeedUp)}): the workers' start-up ${part(gap.startup)}, the counting ${part(gap.counting)} ` +
    `(compute time alone: ${computeSpeedUp.toFixed(2)}×, ${(computeSpeedUp / nativeSpeedUp).toFixed(3)} × native)`
  );
}
