import { useCallback, useEffect, useReducer, useRef } from 'react';
import { initialLabState, labReducer } from '../lab/runState';
import { splitTotal } from '../lab/split';
import { runOnWorkers } from '../workers/runOnWorkers';

/** How often the page redraws the progress bars during a run (ms): rarely, since every millisecond here is taken from a worker. */
const PROGRESS_REDRAW_MS = 200;

/**
 * The lab's runs: start one, stop it, and the record of those that ended.
 * One AbortController per run; unmounting stops the run.
 */
export function useRun() {
  const [state, dispatch] = useReducer(labReducer, initialLabState);
  const controllerRef = useRef<AbortController | null>(null);
  const lastRunIdRef = useRef(0);

  const start = useCallback((workers: number, total: number) => {
    if (controllerRef.current) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    const runId = ++lastRunIdRef.current;
    const shares = splitTotal(total, workers);
    dispatch({ type: 'started', runId, workers, total, shares, hidden: document.visibilityState === 'hidden' });

    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') dispatch({ type: 'hidden', runId });
    };
    document.addEventListener('visibilitychange', onVisibilityChange);

    // Progress arrives from every worker; it is drawn at most every PROGRESS_REDRAW_MS.
    const progress = shares.map(() => 0);
    let redraw: ReturnType<typeof setTimeout> | undefined;
    const onProgress = (workerIndex: number, counted: number) => {
      progress[workerIndex] = counted;
      redraw ??= setTimeout(() => {
        redraw = undefined;
        dispatch({ type: 'progressed', runId, progress: [...progress] });
      }, PROGRESS_REDRAW_MS);
    };

    runOnWorkers(shares, {
      signal: controller.signal,
      onAllReady: (startupMs) => dispatch({ type: 'all-ready', runId, startupMs }),
      onProgress,
    })
      .then((timings) => dispatch({ type: 'finished', runId, timings }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) {
          dispatch({ type: 'progressed', runId, progress: [...progress] });
          dispatch({ type: 'stopped', runId });
        } else {
          dispatch({ type: 'failed', runId, message: error instanceof Error ? error.message : String(error) });
        }
      })
      .finally(() => {
        clearTimeout(redraw);
        document.removeEventListener('visibilitychange', onVisibilityChange);
        if (controllerRef.current === controller) controllerRef.current = null;
      });
  }, []);

  const stop = useCallback(() => {
    controllerRef.current?.abort(new DOMException('Stopped by the user.', 'AbortError'));
  }, []);

  const clear = useCallback(() => dispatch({ type: 'cleared' }), []);

  useEffect(() => () => controllerRef.current?.abort(), []);

  return { ...state, start, stop, clear };
}
