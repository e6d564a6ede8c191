/** The cores assumed when the browser reports none. */
export const FALLBACK_CORES = 4;
/** The default total: a few seconds on one worker of a typical laptop (≈0.3 ns a count). */
export const DEFAULT_TOTAL = 10_000_000_000;

/**
 * The default total while Python is chosen and its speed is not yet measured: about 3 s on one
 * Python worker at the lesson's loop's 28 ns a count (Pyodide in Node on the VM).
 */
export const DEFAULT_PYTHON_TOTAL = 100_000_000;

/** The totals offered as one-click presets; 1 billion is the lesson's. */
export const COUNT_PRESETS: readonly number[] = [100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000];

/** The logical cores to plan for: what the browser reports, or FALLBACK_CORES when it reports nothing usable. */
export function reportedCores(hardwareConcurrency: unknown): number | null {
  return typeof hardwareConcurrency === 'number' && Number.isInteger(hardwareConcurrency) && hardwareConcurrency >= 1
    ? hardwareConcurrency
    : null;
}

/**
 * The most workers a run may have, whatever the browser reports: twice 512 logical cores, beyond
 * any machine a class has, so a browser that reports (or is made to report) a huge count cannot
 * make the page start thousands of workers. Kept runs are read up to the same cap.
 */
export const MAX_WORKERS = 1024;

/** The slider's top: twice the cores and at least 8, since going past the cores is the point of the lesson; at most MAX_WORKERS. */
export function maxWorkers(cores: number): number {
  return Math.min(MAX_WORKERS, Math.max(8, 2 * cores));
}

/**
 * What the page plans with: the cores the browser reports (null when none usable; "This machine"
 * says it as it is), the cores to plan for (at most MAX_WORKERS), and the slider's top.
 */
export function coresHere(hardwareConcurrency: unknown): { reported: number | null; cores: number; workerLimit: number } {
  const reported = reportedCores(hardwareConcurrency);
  const cores = Math.min(MAX_WORKERS, reported ?? FALLBACK_CORES);
  return { reported, cores, workerLimit: maxWorkers(cores) };
}
