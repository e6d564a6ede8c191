import { useCallback, useEffect, useRef, useState } from 'react';
import { timerResolutionMs } from '../../lab/measurement/machine';
import type { KernelKind } from '../../lab/types';
import { measureSpeed, sampleClock } from '../run/measureSpeed';
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
 * Measures, once on load, how fast one worker counts here (at most 300 ms a try, two tries) and how fine the clock is.
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
    measureSpeed(controller.signal, () => workerPool(spawnCounter), kernel ?? undefined)
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
