import { runOnWorkers, runPythonOnWorkers, type PythonCounter } from './runOnWorkers';
import { wait } from './wait';
import type { CountingApi, KernelKind } from '../../lab/types';
import { spawnCounter } from '../boundary/spawnWorker';
import type { PreparedPython } from '../boundary/pythonRuntime';
import { workerPool, type Spawn, type WorkerSource } from '../boundary/workerSource';

/** Counts in each measured count: about 10 ms on a laptop core, so every round fits the budget on slow devices too. */
export const CALIBRATION_COUNT = 2 ** 25;
/** Counts measured on one warm worker; the fastest is its speed (anything else only slows a count down). */
export const CALIBRATION_ROUNDS = 3;
/**
 * The calibration gives up when its counting takes longer than this (ms). Start-up is not
 * part of it: WebKit takes 350–550 ms to start a worker, and that says nothing about counting.
 */
export const CALIBRATION_BUDGET_MS = 300;

/** Tries in all, the first included: a busy moment (the page still loading) can slow the counting past the budget. */
export const CALIBRATION_ATTEMPTS = 2;
/** The pause before another try (ms), so that the page has settled. */
export const CALIBRATION_RETRY_MS = 500;

export interface CalibrationOptions {
  /** The loop the worker counts with (the link's ?kernel=), as the runs will. */
  kernel?: KernelKind | undefined;
  /**
   * What each try waits for before its worker is taken (its budget starts later, when the worker
   * is ready), told when the try is given up: on the page, the first screen settling.
   */
  beforeCounting?: (signal: AbortSignal) => Promise<unknown>;
}

/**
 * One try: ns per count on one worker once it is warm. The worker counts once to
 * warm up (each engine compiles the loop in its own stages), then
 * CALIBRATION_ROUNDS times; a TimeoutError when that counting exceeds the budget.
 */
async function measureOnce(signal: AbortSignal, source: WorkerSource<CountingApi>, { kernel, beforeCounting }: CalibrationOptions): Promise<number> {
  const controller = new AbortController();
  const onAbort = () => {
    controller.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The budget starts when the worker is ready: it limits counting, never start-up.
  const startBudget = () => {
    timer ??= setTimeout(() => {
      controller.abort(new DOMException('The calibration took too long.', 'TimeoutError'));
    }, CALIBRATION_BUDGET_MS);
  };
  try {
    await runOnWorkers([CALIBRATION_COUNT], {
      signal: controller.signal,
      source,
      onAllReady: startBudget,
      ...(kernel ? { kernel } : {}),
      ...(beforeCounting ? { beforeClock: () => beforeCounting(controller.signal) } : {}),
    });
    let fastest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < CALIBRATION_ROUNDS; round += 1) {
      const timings = await runOnWorkers([CALIBRATION_COUNT], { signal: controller.signal, source, ...(kernel ? { kernel } : {}) });
      fastest = Math.min(fastest, (timings.computeMs * 1e6) / CALIBRATION_COUNT);
    }
    return fastest;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Measures this device's counting speed (ns per count) on one worker, kept for
 * the rounds of a try and terminated after it. A try whose counting exceeds
 * CALIBRATION_BUDGET_MS is made again once, after CALIBRATION_RETRY_MS.
 * Rejects when every try took too long, or at once when aborted. Each try waits for
 * `options.beforeCounting` first; with `options.kernel`, the worker counts with that loop.
 */
export async function measureSpeed(signal: AbortSignal, source: () => WorkerSource<CountingApi> = () => workerPool(spawnCounter), options: CalibrationOptions = {}): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const workers = source();
    try {
      return await measureOnce(signal, workers, options);
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      if (!timedOut || signal.aborted || attempt >= CALIBRATION_ATTEMPTS) throw error;
    } finally {
      workers.dispose();
    }
    await wait(CALIBRATION_RETRY_MS, signal);
    signal.throwIfAborted();
  }
}

/** Counts in each measured Python count: about 0.1 s at Python's 26 ns a count in Chromium on this VM. */
export const PYTHON_CALIBRATION_COUNT = 2 ** 22;

/**
 * Python's counting speed (ns per count) on one Python worker, with the lesson's function: the
 * worker loads its interpreter and counts once (start-up and a first count are not measured),
 * then CALIBRATION_ROUNDS times; the fastest is its speed. The worker is terminated afterwards.
 * No budget: an interpreter's start-up takes seconds, and its counts are short. `prepare` and
 * `spawn` come from pythonRuntime.ts, which the caller imports when needed (it is not on the first screen).
 */
export async function measurePythonSpeed(signal: AbortSignal, prepare: () => Promise<PreparedPython>, spawn: Spawn<PythonCounter>): Promise<number> {
  const prepared = await prepare();
  signal.throwIfAborted();
  const source = workerPool(spawn);
  try {
    await runPythonOnWorkers([PYTHON_CALIBRATION_COUNT], { signal, source, prepared });
    let fastest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < CALIBRATION_ROUNDS; round += 1) {
      const timings = await runPythonOnWorkers([PYTHON_CALIBRATION_COUNT], { signal, source, prepared });
      fastest = Math.min(fastest, (timings.computeMs * 1e6) / PYTHON_CALIBRATION_COUNT);
    }
    return fastest;
  } finally {
    source.dispose();
  }
}

/** The clock's readings over a few milliseconds, from which its resolution is read. */
export function sampleClock(durationMs = 5, maxReadings = 5000): number[] {
  const readings = [performance.now()];
  while (readings.length < maxReadings && readings[readings.length - 1] - readings[0] < durationMs) readings.push(performance.now());
  return readings;
}
