/**
 * Machines side by side: another machine's curve, read from an exported file or a share link,
 * beside this machine's own, and what the class measured.
 */

/** One point of a machine's curve: the median wall-clock time (ms) at a worker count. */
export interface CurvePointMs {
  workers: number;
  medianMs: number;
}

/** What the charts draw for another machine: its label (drawn as text) and its curve. */
export interface ChartMachine {
  id: string;
  label: string;
  curve: CurvePointMs[];
  source: 'file' | 'link';
}

/** Another machine (or this one) as the "Machines" table and the charts compare it. */
export interface ComparedMachine {
  /** Deterministic from the content: the same file or link added twice has the same id (replaced, never duplicated). */
  id: string;
  source: 'file' | 'link';
  label: string;
  reportedCores: number | null;
  measuredCores: number | null;
  browser: string;
  /** The series the curve is of, in words for people ("strong scaling, 10^9 in all, fresh workers, JavaScript"), or null. */
  seriesWords: string | null;
  /** Median wall-clock per worker count of the machine's latest series, ascending workers, recomputed from runs (never trusted from a file's statistics). */
  curve: CurvePointMs[];
}

/** One row of the "Machines" table. */
export interface MachineRow {
  id: string;
  label: string;
  thisMachine: boolean;
  reportedCores: number | null;
  measuredCores: number | null;
  browser: string;
  fastestMs: number | null;
  fastestWorkers: number | null;
  /** Speed-up at its cores (reported, or measured when none reported); null when that point or the 1-worker one is missing. */
  speedUpAtCores: number | null;
  coresForSpeedUp: number | null;
}

/** The most machines compared at once: a class and its teacher's; more are refused with one sentence. */
export const MAX_MACHINES = 60;
