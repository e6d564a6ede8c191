/**
 * How long the lab must have been idle (no calibration, run, sweep, program or Python loading)
 * before the page registers its service worker (ms). Its first install precaches the app's files:
 * registered at load, it ran 0.5–1.2 s after load, while the calibration counted, and cost the
 * browser about 0.27 s of CPU more over the first 4 s (Chromium 156 on the 2-core VM, README,
 * "Nineteenth session"): on 2 cores, taken from the worker that measures. A teacher's first click
 * on Run seldom follows the calibration by less than this.
 */
export const SERVICE_WORKER_IDLE_MS = 2000;
