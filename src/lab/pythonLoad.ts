/**
 * Where loading Python stands in this page: nothing of it is fetched until "Python" is chosen;
 * then its files come with their bytes counted, and the runs wait until it is ready. A failed
 * load leaves one sentence and the page counting in JavaScript.
 */
export type PythonLoad =
  | { phase: 'idle' }
  | { phase: 'loading'; loadedBytes: number; totalBytes: number }
  /** Ready, with the bytes its load counted (0 when it was prepared before without a count). */
  | { phase: 'ready'; totalBytes: number }
  | { phase: 'failed'; sentence: string };

export type PythonLoadAction =
  | { type: 'started' }
  | { type: 'progressed'; loadedBytes: number; totalBytes: number }
  | { type: 'loaded' }
  | { type: 'failed'; message: string }
  /** The sentence was read (dismissed): Python may be chosen again, and loads afresh. */
  | { type: 'dismissed' };

export const initialPythonLoad: PythonLoad = { phase: 'idle' };

/** What a failed load says when the error brings no sentence of its own. */
export const PYTHON_LOAD_FAILED = 'Python could not be loaded, so the page counts in JavaScript.';

/** A count of bytes that can be shown: whole, not negative. */
const bytes = (value: number) => (Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);

/** The load's state machine: a load that is ready stays ready; news from a load that ended changes nothing. */
export function pythonLoadReducer(state: PythonLoad, action: PythonLoadAction): PythonLoad {
  switch (action.type) {
    case 'started':
      return state.phase === 'loading' || state.phase === 'ready' ? state : { phase: 'loading', loadedBytes: 0, totalBytes: 0 };
    case 'progressed': {
      if (state.phase !== 'loading') return state;
      const totalBytes = Math.max(bytes(action.totalBytes), state.totalBytes);
      // Bytes only grow, and never past the total (a file larger than announced raises the total).
      const loadedBytes = Math.max(state.loadedBytes, bytes(action.loadedBytes));
      return { phase: 'loading', loadedBytes, totalBytes: Math.max(totalBytes, loadedBytes) };
    }
    case 'loaded':
      if (state.phase === 'idle') return { phase: 'ready', totalBytes: 0 };
      return state.phase === 'loading' ? { phase: 'ready', totalBytes: state.totalBytes } : state;
    case 'failed': {
      if (state.phase === 'ready') return state;
      const sentence = action.message.trim();
      return { phase: 'failed', sentence: sentence === '' ? PYTHON_LOAD_FAILED : sentence };
    }
    case 'dismissed':
      return state.phase === 'failed' ? initialPythonLoad : state;
  }
}

/** Megabytes with one decimal, as a download is shown: "4.1". */
function megabytes(value: number): string {
  return (value / 1_000_000).toFixed(1);
}

/** The "Loading Python" bar's words: "4.1 of 12.4 MB", or, before the sizes are known, "Starting…". */
export function loadProgressInWords(loadedBytes: number, totalBytes: number): string {
  if (!(totalBytes > 0)) return 'Starting…';
  return `${megabytes(Math.min(loadedBytes, totalBytes))} of ${megabytes(totalBytes)} MB`;
}

/**
 * The words beside the "Loading Python" bar: the bytes while they come; once every byte is in, the
 * interpreter's start-up (about 2 s more: Pyodide's memory snapshot is made then); and once ready.
 */
export function pythonLoadInWords(load: PythonLoad): string | null {
  switch (load.phase) {
    case 'idle':
    case 'failed':
      return null;
    case 'ready':
      return load.totalBytes > 0 ? `Python loaded: ${loadProgressInWords(load.totalBytes, load.totalBytes)}.` : 'Python loaded.';
    case 'loading':
      return load.totalBytes > 0 && load.loadedBytes >= load.totalBytes
        ? `Starting Python: ${loadProgressInWords(load.loadedBytes, load.totalBytes)} loaded.`
        : `Loading Python: ${loadProgressInWords(load.loadedBytes, load.totalBytes)}`;
  }
}

/** Why Run and the sweep wait while Python loads, or cannot count in Python; null when they need not. */
export function pythonWaitReason(load: PythonLoad): string | null {
  switch (load.phase) {
    case 'loading':
      return 'Run waits until Python has loaded.';
    case 'idle':
      return 'Run waits until Python starts loading.';
    case 'ready':
    case 'failed':
      return null;
  }
}
