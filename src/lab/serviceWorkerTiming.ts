/**
 * How long the lab must have been idle (no calibration, run, sweep, program or Python loading)
 * before the page registers its service worker (ms): registered at load, its first install ran
 * beside the calibration (README, "Nineteenth session"). A teacher's first click on Run seldom
 * follows the calibration by less than this; a run started during the install waits for it.
 */
export const SERVICE_WORKER_IDLE_MS = 2000;

/**
 * The longest a run waits for a service worker's install under way before its clock starts (ms):
 * an install took about 0.6 s on the 2-core VM, and precaching over a slow classroom network can
 * take longer, mostly waiting, which takes little from the cores.
 */
export const INSTALL_WAIT_LIMIT_MS = 3000;
