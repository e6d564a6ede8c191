/**
 * More counting workers than cores: the system takes turns between them out of the page's
 * sight, so every lane reads "counting" the whole run. What each worker counted in its time,
 * against one worker counting alone, says how much of a core it had.
 */
import type { Lanes, Timeline } from '../runState';
import { buildLanes, timeInState } from '../timeline';
import type { ExecutionModel, KernelKind, RunRecord, TaskKind } from '../types';

/** What of a run decides whether its workers outnumber the cores they need. */
export interface RunShape {
  model: ExecutionModel;
  task: TaskKind;
  workers: number;
}

/**
 * Whether the workers of a run each need a core and are more than the cores the browser reports:
 * counting workers in parallel. Under the lock one counts at a time, a waiting task needs no core,
 * and the main thread is one thread, so none of those asks the system to take turns; with no
 * reported cores the page cannot say.
 */
export function outnumbersCores(run: RunShape, reportedCores: number | null): boolean {
  return run.model === 'parallel' && run.task === 'cpu' && reportedCores !== null && reportedCores >= 1 && run.workers > reportedCores;
}

/** One worker counting alone: its speed, and where the page measured it. */
export interface OneWorkerSpeed {
  /** Counts per ms. */
  countsPerMs: number;
  /** The run it was measured in, or null for the speed measured as the page opened. */
  runId: number | null;
}

/**
 * One worker's counting speed alone: that of the latest run of one worker in parallel that
 * counted with `kernel` and held (the page in front), or else the speed measured as the page
 * opened (`calibratedNsPerCount`, ns per count); null when the page knows neither.
 */
export function oneWorkerSpeed(runs: readonly RunRecord[], kernel: KernelKind | undefined, calibratedNsPerCount: number | null): OneWorkerSpeed | null {
  const alone = runs.findLast(
    (run) =>
      run.model === 'parallel' &&
      run.task === 'cpu' &&
      run.workers === 1 &&
      run.status === 'done' &&
      !run.hiddenDuringRun &&
      run.kernel === kernel &&
      run.counted > 0 &&
      run.computeMs !== null &&
      run.computeMs > 0,
  );
  if (alone?.computeMs) return { countsPerMs: alone.counted / alone.computeMs, runId: alone.id };
  if (calibratedNsPerCount !== null && Number.isFinite(calibratedNsPerCount) && calibratedNsPerCount > 0) {
    return { countsPerMs: 1e6 / calibratedNsPerCount, runId: null };
  }
  return null;
}

/**
 * A share above this means the one-worker speed does not hold for the run (a worker cannot count
 * faster than alone): a little above 1 is noise, and is said as a whole core.
 */
export const MOST_PLAUSIBLE_SHARE = 1.25;

/**
 * A lane that counted for less than this (ms) is mostly its start-up and the system's first turns:
 * with 8 workers counting 2·10⁷ on 2 cores each counted about 20 ms and read "about 5% of a core".
 */
export const LEAST_COUNTING_MS_FOR_SHARES = 100;

/**
 * The shares of a run add up to about the cores its workers could use, min(workers, cores): below
 * this fraction of them, or above MOST_SHARES_OF_CORES, the one-worker speed does not hold for the run.
 */
export const LEAST_SHARES_OF_CORES = 0.5;
export const MOST_SHARES_OF_CORES = 1.25;

/**
 * Each worker's share of a core: what it counted ÷ (its time counting × one worker's counts per ms).
 * Every share null unless every worker counted for LEAST_COUNTING_MS_FOR_SHARES or more, none is
 * beyond MOST_PLAUSIBLE_SHARE and together they come to LEAST_SHARES_OF_CORES–MOST_SHARES_OF_CORES
 * of min(workers, reportedCores): otherwise the speed they are measured against is wrong for this run.
 */
export function coreShares(counted: readonly number[], countingMs: readonly number[], countsPerMs: number, reportedCores: number): (number | null)[] {
  const none = counted.map(() => null);
  const shares: number[] = [];
  for (const [index, count] of counted.entries()) {
    const ms = countingMs[index] ?? 0;
    const share = count / (ms * countsPerMs);
    if (!(count > 0 && ms >= LEAST_COUNTING_MS_FOR_SHARES && countsPerMs > 0 && Number.isFinite(share) && share <= MOST_PLAUSIBLE_SHARE)) return none;
    shares.push(share);
  }
  const coresUsable = Math.min(counted.length, reportedCores);
  const total = shares.reduce((sum, share) => sum + share, 0);
  return total >= LEAST_SHARES_OF_CORES * coresUsable && total <= MOST_SHARES_OF_CORES * coresUsable ? shares : none;
}

/** "about 25% of a core", to the nearest 5% (the measurement is no finer); "about a whole core"; "under 5% of a core"; null for no share. */
export function coreShareInWords(share: number | null): string | null {
  if (share === null || !Number.isFinite(share) || share <= 0) return null;
  const percent = Math.round(share * 20) * 5;
  if (percent === 0) return 'under 5% of a core';
  if (percent >= 100) return 'about a whole core';
  return `about ${String(percent)}% of a core`;
}

/** What the lanes and the timeline say of a run whose counting workers outnumber the cores. */
export interface CoreTurns {
  workers: number;
  cores: number;
  /** The run still goes: its turns come and go now. */
  live: boolean;
  /** After a run that held: each worker's share of a core in words (null where unknown); null before, or when none is known. */
  shares: (string | null)[] | null;
  /** The speed the shares are measured against; null without shares. */
  speed: OneWorkerSpeed | null;
}

export interface CoreTurnsInput {
  lanes: Lanes | null;
  timeline: Timeline | null;
  /** The run the lanes are of: the active one, or its record once it ended (null for a warm-up, which is not kept). */
  run: (RunShape & { kernel?: KernelKind }) | null;
  /** Every run kept, for a run of one worker alone. */
  runs: readonly RunRecord[];
  reportedCores: number | null;
  /** This device's speed as the page opened (ns per count), or null if it was not measured. */
  calibratedNsPerCount: number | null;
}

/**
 * The latest run's turns on too few cores, or null when its workers do not outnumber the cores
 * (or there is no run). The shares come once the run is done, from each lane's counting time on
 * the timeline and what its worker answered.
 */
export function coreTurns({ lanes, timeline, run, runs, reportedCores, calibratedNsPerCount }: CoreTurnsInput): CoreTurns | null {
  if (!lanes || !run || reportedCores === null || !outnumbersCores(run, reportedCores)) return null;
  const ownTimeline = timeline?.runId === lanes.runId ? timeline : null;
  const live = lanes.phase === 'starting' || lanes.phase === 'counting';
  const noShares = { workers: run.workers, cores: reportedCores, live, shares: null, speed: null };
  if (lanes.phase !== 'done' || !ownTimeline || ownTimeline.live) return noShares;
  const speed = oneWorkerSpeed(runs, run.kernel, calibratedNsPerCount);
  if (!speed) return noShares;
  const countingMs = buildLanes(ownTimeline.events, ownTimeline.lanes, ownTimeline.nowMs).map((lane) => timeInState(lane, 'counting'));
  const shares = coreShares(lanes.progress, countingMs, speed.countsPerMs, reportedCores).map(coreShareInWords);
  return shares.some((share) => share !== null) ? { ...noShares, shares, speed } : noShares;
}
