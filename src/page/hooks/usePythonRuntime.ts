import { useCallback, useEffect, useReducer } from 'react';
import { initialPythonLoad, pythonLoadReducer, type PythonLoad } from '../../lab/pythonLoad';

/** Loads Python's files (reporting bytes), resolving once every worker can start an interpreter from them. */
export type PythonLoader = (onProgress: (progress: { loadedBytes: number; totalBytes: number }) => void) => Promise<unknown>;

/** The app's loader: Pyodide's files from the app's own origin (src/page/boundary/pythonRuntime.ts), imported only when Python is first chosen. */
const loadPythonHere: PythonLoader = async (onProgress) => {
  const { preparePython } = await import('../boundary/pythonRuntime');
  return preparePython({ onProgress });
};

/** The sentence a failed load leaves: the loader's own, one sentence for the page. */
function sentenceOf(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'string' ? error : '';
}

export interface PythonRuntime {
  /** Where loading stands: idle (not chosen yet), loading with its bytes, ready, or failed with one sentence. */
  load: PythonLoad;
  /** Forgets a failure's sentence (dismissed): a later choice of Python loads afresh. */
  dismiss: () => void;
}

/**
 * Python for the page's runs: nothing is fetched until `wanted` (Python chosen); then its files
 * load at once, their bytes counted, and once ready they stay ready for the page's life. A load
 * still going when Python is unchosen goes on (the files are shared), and is shown again if
 * Python is chosen again. `loader` is the app's, or a test's.
 */
export function usePythonRuntime(wanted: boolean, loader: PythonLoader = loadPythonHere): PythonRuntime {
  const [load, dispatch] = useReducer(pythonLoadReducer, initialPythonLoad);

  useEffect(() => {
    if (!wanted) return;
    let shown = true;
    dispatch({ type: 'started' });
    // The loader is memoised (src/page/boundary/pythonRuntime.ts): StrictMode's second effect and a second choice share one load.
    loader((progress) => {
      if (shown) dispatch({ type: 'progressed', loadedBytes: progress.loadedBytes, totalBytes: progress.totalBytes });
    }).then(
      () => {
        dispatch({ type: 'loaded' });
      },
      (error: unknown) => {
        dispatch({ type: 'failed', message: sentenceOf(error) });
      },
    );
    return () => {
      shown = false;
    };
  }, [wanted, loader]);

  const dismiss = useCallback(() => {
    dispatch({ type: 'dismissed' });
  }, []);

  return { load, dismiss };
}
