import { runOnWorkers } from './runOnWorkers';
import { wait } from './wait';
import { freshWorkers, type WorkerSource } from './workerSource';

/** Counts in the calibration run: about 20 ms on a laptop core, so start-up and all fit the budget on slow devices too. */
export const CALIBRATION_COUNT = 2 ** 26;
/** The calibration gives up after this long (ms), start-up included. */
export const CALIBRATION_BUDGET_MS = 300;

/** Tries after the first: a cold first page load (the worker's script fetched and compiled for the first time) can miss the budget. */
export const CALIBRATION_ATTEMPTS = 2;
/** The pause before another try (ms), so that the page has settled. */
export const CALIBRATION_RETRY_MS = 500;

/** One try: ns per count of one fresh worker, or a TimeoutError after CALIBRATION_BUDGET_MS, start-up included. */
async function measureOnce(signal: AbortSignal, source: WorkerSource): Promise<number> {
  const controller = new AbortController();
  const onAbort = () => {
    controller.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The calibration took too long.', 'TimeoutError'));
  }, CALIBRATION_BUDGET_MS);
  try {
    const timings = await runOnWorkers([CALIBRATION_COUNT], { signal: controller.signal, source });
    return (timings.computeMs * 1e6) / CALIBRATION_COUNT;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Measures this device's counting speed (ns per count) on one fresh worker,
 * each try within CALIBRATION_BUDGET_MS; a try that runs out of time is made
 * again once, after CALIBRATION_RETRY_MS. Rejects when every try took too
 * long, or at once when aborted.
 */
export async function measureSpeed(signal: AbortSignal, source: WorkerSource = freshWorkers()): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await measureOnce(signal, source);
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      if (!timedOut || signal.aborted || attempt >= CALIBRATION_ATTEMPTS) throw error;
    }
    await wait(CALIBRATION_RETRY_MS, signal);
    signal.throwIfAborted();
  }
}

/** The clock's readings over a few milliseconds, from which its resolution is read. */
export function sampleClock(durationMs = 5, maxReadings = 5000): number[] {
  const readings = [performance.now()];
  while (readings.length < maxReadings && readings[readings.length - 1] - readings[0] < durationMs) readings.push(performance.now());
  return readings;
}
