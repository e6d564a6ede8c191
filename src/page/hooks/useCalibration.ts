import { useCallback, useEffect, useRef, useState } from 'react';
import { CALIBRATION_PARTS_LIMIT_MS } from '../../lab/measurement/calibrate';
import { timerResolutionMs } from '../../lab/measurement/machine';
import type { KernelKind } from '../../lab/types';
import { measurePythonSpeed, measureSpeed, sampleClock } from '../run/measureSpeed';
import { wait } from '../run/wait';
import { afterPageCalm, CALM_LIMIT_MS } from '../boundary/pageDrawn';
import { lazyPartsDrawn } from '../boundary/lazyPart';
import { spawnCounter } from '../boundary/spawnWorker';
import { workerPool } from '../boundary/workerSource';

export interface Calibration {
  /** This device's counting speed on one worker, once measured. */
  nsPerCount: number | null;
  /** True until the calibration ended, one way or the other. */
  measuring: boolean;
  timerResolutionMs: number | null;
  /** Ends a calibration still running (a run is about to start). */
  cancel: () => void;
}

/**
 * The first screen settled: the parts that load after it rendered once (at most CALIBRATION_PARTS_LIMIT_MS), then
 * calm frames after them (afterPageCalm). Probed on the 2-core VM: the page's renders of those
 * parts came up to 0.6 s after a first calm moment, so calm frames alone did not wait for them.
 */
async function afterFirstScreen(signal: AbortSignal): Promise<void> {
  await Promise.race([lazyPartsDrawn(), wait(CALIBRATION_PARTS_LIMIT_MS, signal)]);
  if (!signal.aborted) await afterPageCalm(globalThis, CALM_LIMIT_MS, signal);
}

/**
 * Measures, once on load, how fast one worker counts here (at most 300 ms a try, two tries) and how fine the clock is,
 * once the first screen has settled (afterFirstScreen), so that the page's own renders do not slow its counting.
 * With a `kernel` (the link's ?kernel=), the worker counts with the loop the runs will count with.
 */
export function useCalibration(kernel: KernelKind | null = null): Calibration {
  const [nsPerCount, setNsPerCount] = useState<number | null>(null);
  const [measuring, setMeasuring] = useState(true);
  const [resolution] = useState(() => timerResolutionMs(sampleClock()));
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    controllerRef.current = controller;
    measureSpeed(controller.signal, () => workerPool(spawnCounter), { kernel: kernel ?? undefined, beforeCounting: afterFirstScreen })
      .then(setNsPerCount)
      .catch(() => undefined)
      .finally(() => {
        if (!controller.signal.aborted || controllerRef.current === controller) setMeasuring(false);
      });
    return () => {
      controller.abort();
    };
  }, [kernel]);

  const cancel = useCallback(() => {
    controllerRef.current?.abort();
  }, []);

  return { nsPerCount, measuring, timerResolutionMs: resolution, cancel };
}

/** Python's counting speed on one worker, measured apart from JavaScript's (a Python count takes about a hundred times longer). */
export interface PythonCalibration {
  /** ns per count on one Python worker, once measured; null before (and where it failed). */
  nsPerCount: number | null;
  /** True while it is being measured. */
  measuring: boolean;
  /** Ends a measurement still running (a run is about to start); the next time Python is ready it measures again. */
  cancel: () => void;
}

/**
 * Measures, while Python is chosen, loaded and no run goes (`ready`), how fast one Python worker
 * counts with the lesson's function (src/page/run/measureSpeed.ts's Python variant), so that the
 * default count takes about 3 s on one Python worker too. Measured once for the page; one ended
 * early (a run started, Python was unchosen) is made again when `ready` is next true.
 */
export function usePythonCalibration(ready: boolean): PythonCalibration {
  const [nsPerCount, setNsPerCount] = useState<number | null>(null);
  /** A measurement failed (not one ended early): the default count stays the assumed one. */
  const [gaveUp, setGaveUp] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);
  const measured = nsPerCount !== null;

  useEffect(() => {
    if (!ready || measured || gaveUp) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    // Python's side of the page is imported when first needed: it is not on the first screen.
    import('../boundary/pythonRuntime')
      .then(({ preparePython, spawnPythonCounter }) => measurePythonSpeed(controller.signal, () => preparePython(), spawnPythonCounter))
      .then(
        (value) => {
          if (!controller.signal.aborted) setNsPerCount(value);
        },
        () => {
          if (!controller.signal.aborted) setGaveUp(true);
        },
      );
    return () => {
      controller.abort();
    };
  }, [ready, measured, gaveUp]);

  const cancel = useCallback(() => {
    controllerRef.current?.abort();
  }, []);

  return { nsPerCount, measuring: ready && !measured && !gaveUp, cancel };
}
