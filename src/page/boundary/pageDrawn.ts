import { calmFrames } from '../../lab/measurement/calmFrames';

/**
 * The longest a run waits for the page's next frame before its clock starts (ms). A frame comes
 * every 7–17 ms; a page whose frames are held up (a busy machine, a tab being hidden) starts anyway.
 */
export const DRAWN_LIMIT_MS = 100;

/**
 * What `afterPageDrawn` needs of the place it runs in: a browser window, or nothing of it (Node, a
 * worker). `Timer` is what its `setTimeout` returns and its `clearTimeout` takes: a number in a
 * browser, an object in Node.
 */
export interface DrawingHost<Timer> {
  requestAnimationFrame?: (callback: (frameMs: number) => void) => unknown;
  document?: { hidden: boolean };
  setTimeout: (callback: () => void, ms: number) => Timer;
  clearTimeout: (timer: Timer) => void;
}

/**
 * Resolves once the page has drawn its next frame (a task queued from the frame's
 * requestAnimationFrame callback runs after that frame's style, layout and paint), or after
 * DRAWN_LIMIT_MS; at once where nothing is drawn (no requestAnimationFrame, a hidden tab).
 *
 * Why a run waits for it before its clock starts: a click on Run re-renders the page (React's
 * render of the started run, then layout and paint, 10–15 ms of the page's thread in Chromium
 * on the 2-core VM), and a fresh worker cannot start while the page's thread is busy: Chromium
 * starts the worker's thread from a task of the page's thread, Firefox loads a worker's script
 * through it. Traced in Chromium 156: workers created before that render started their threads
 * about 30 ms later, once the page was idle. The page's drawing is not the workers' start-up,
 * and nothing of the workers happens before the clock starts.
 */
export function afterPageDrawn<Timer>(host: DrawingHost<Timer>): Promise<void> {
  return afterFrames(host, DRAWN_LIMIT_MS, () => true);
}

/**
 * The longest the calibration waits for the page to be calm before it counts (ms): a page that is
 * never calm (a busy machine, a slow projector's frames) is measured anyway.
 */
export const CALM_LIMIT_MS = 1500;

/**
 * Resolves once the page has drawn CALM_FRAMES frames in a row with no long task between them
 * (`calmFrames`), or after `limitMs`; at once where nothing is drawn (no requestAnimationFrame, a
 * hidden tab). The calibration counts after it, and after the parts that load after the first
 * screen (useCalibration): on the 2-core VM their renders (React tasks of 180–370 ms) shared the
 * page's thread with its counting, which ran over its budget and counted again in 14 loads of 26.
 */
export function afterPageCalm<Timer>(host: DrawingHost<Timer>, limitMs = CALM_LIMIT_MS, signal?: AbortSignal): Promise<void> {
  return afterFrames(host, limitMs, calmFrames(), signal);
}

/**
 * Asks for frame after frame until `enough(frameMs)` holds, then resolves in a task after that
 * frame's own style, layout and paint; after `limitMs` at the latest, at once where nothing is drawn.
 * Once `signal` aborts it asks for no more frames (each frame asked for is one the page draws).
 */
function afterFrames<Timer>(host: DrawingHost<Timer>, limitMs: number, enough: (frameMs: number) => boolean, signal?: AbortSignal): Promise<void> {
  const requestFrame = host.requestAnimationFrame;
  if (typeof requestFrame !== 'function' || host.document?.hidden === true) return Promise.resolve();
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      host.clearTimeout(limit);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const limit = host.setTimeout(finish, limitMs);
    // Given up: ends at once, even where no frame comes (a tab hidden meanwhile).
    signal?.addEventListener('abort', finish, { once: true });
    const onFrame = (frameMs: number) => {
      if (done) return;
      if (signal?.aborted === true || enough(frameMs)) host.setTimeout(finish, 0);
      else requestFrame.call(host, onFrame);
    };
    requestFrame.call(host, onFrame);
  });
}
