import { runOnWorkers } from './runOnWorkers';

/** Counts in the calibration run: about 20 ms on a laptop core, so start-up and all fit the budget on slow devices too. */
export const CALIBRATION_COUNT = 2 ** 26;
/** The calibration gives up after this long (ms), start-up included. */
export const CALIBRATION_BUDGET_MS = 300;

/**
 * Measures this device's counting speed (ns per count) on one fresh worker,
 * within CALIBRATION_BUDGET_MS; rejects when it takes longer or is aborted.
 */
export async function measureSpeed(signal: AbortSignal): Promise<number> {
  const controller = new AbortController();
  const onAbort = () => {
    controller.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The calibration took too long.', 'TimeoutError'));
  }, CALIBRATION_BUDGET_MS);
  try {
    const timings = await runOnWorkers([CALIBRATION_COUNT], { signal: controller.signal });
    return (timings.computeMs * 1e6) / CALIBRATION_COUNT;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** The clock's readings over a few milliseconds, from which its resolution is read. */
export function sampleClock(durationMs = 5, maxReadings = 5000): number[] {
  const readings = [performance.now()];
  while (readings.length < maxReadings && readings[readings.length - 1] - readings[0] < durationMs) readings.push(performance.now());
  return readings;
}
