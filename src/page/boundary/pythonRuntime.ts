import type { PreparedPython as PreparedPythonOf, PythonCountingApi } from '../../lab/types';
import { PYTHON_READY_LIMIT_MS, spawnWorker, type WorkerHandle } from './spawnWorker';

export interface PythonLoadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/** What every Python worker is handed on `ready`: structured-cloneable. */
export type PreparedPython = PreparedPythonOf<WebAssembly.Module>;

/** Where the app serves Pyodide's files, on its own origin (vite.config.ts). */
export const PYODIDE_PATH = 'pyodide/';

/**
 * What a Python worker's loadPyodide fetches, with each file's size in pyodide 314.0.7 (bytes):
 * the total the progress starts from until every response has said its Content-Length.
 */
export const PYODIDE_FILES: Readonly<Record<string, number>> = {
  'pyodide.asm.wasm': 9_598_218,
  'python_stdlib.zip': 2_545_637,
  'pyodide.asm.mjs': 1_250_344,
  'pyodide-lock.json': 119_077,
};

const WASM_FILE = 'pyodide.asm.wasm';

/** The one sentence a failed load gives the page. */
function loadFailure(detail: string): Error {
  return new Error(`Python could not be loaded: ${detail}.`);
}

/** Reads one file's body, counting its bytes as they arrive; its bytes for the wasm, nothing kept for the others (they wait in the HTTP cache). */
async function fetchFile(url: string, file: string, signal: AbortSignal, onBytes: (total: number | null, loaded: number) => void): Promise<Uint8Array<ArrayBuffer> | null> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw loadFailure(`${file} could not be fetched (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok) throw loadFailure(response.status === 404 ? `${file} was not found (404)` : `${file} answered ${String(response.status)} ${response.statusText}`.trim());
  const length = Number(response.headers.get('Content-Length'));
  // A compressed answer's Content-Length counts the compressed bytes, the body gives the others: the known size stands.
  const encoded = (response.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
  const total = !encoded && Number.isFinite(length) && length > 0 ? length : null;
  onBytes(total, 0);
  if (!response.body) throw loadFailure(`${file} came without a body`);
  const keep = file === WASM_FILE;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      if (keep) chunks.push(value);
      onBytes(total, loaded);
    }
  } catch (error) {
    throw loadFailure(`${file} stopped arriving (${error instanceof Error ? error.message : String(error)})`);
  }
  // Whole: its total is what arrived.
  onBytes(loaded, loaded);
  if (!keep) return null;
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * An interpreter's memory just after start-up, taken in a Python worker of its own (then
 * terminated): every counting worker restores it instead of starting Python again, in about
 * 0.35 s instead of 1.7 s (Chromium 156, this VM). Null where it cannot be made (the option is
 * Pyodide's own, undocumented): the workers then start Python as usual.
 */
async function snapshotOf(prepared: PreparedPython): Promise<Uint8Array | null> {
  let worker: WorkerHandle<PythonCountingApi<WebAssembly.Module>> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolve(null);
    }, PYTHON_READY_LIMIT_MS);
  });
  try {
    worker = spawnWorker('python', 'Python snapshot');
    return await Promise.race([worker.remote.makeSnapshot(prepared), worker.failure, limit]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    worker?.dispose();
  }
}

interface Preparation {
  promise: Promise<PreparedPython>;
  listeners: Set<(progress: PythonLoadProgress) => void>;
  latest: PythonLoadProgress;
  done: boolean;
}

let preparation: Preparation | null = null;

function start(): Preparation {
  const totals = new Map(Object.entries(PYODIDE_FILES));
  const loaded = new Map<string, number>();
  const state: Preparation = {
    promise: Promise.resolve({ indexURL: '', compiled: null }),
    listeners: new Set(),
    latest: { loadedBytes: 0, totalBytes: [...totals.values()].reduce((sum, size) => sum + size, 0) },
    done: false,
  };
  const report = () => {
    const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
    state.latest = { loadedBytes: sum(loaded.values()), totalBytes: sum(totals.values()) };
    for (const listener of state.listeners) listener(state.latest);
  };
  // Beside the page, wherever the app is served from (its base).
  const indexURL = new URL(PYODIDE_PATH, location.href).href;
  state.promise = (async () => {
    const files = Object.keys(PYODIDE_FILES);
    const downloads = new AbortController();
    let bodies: (Uint8Array<ArrayBuffer> | null)[];
    try {
      bodies = await Promise.all(
        files.map((file) =>
          fetchFile(indexURL + file, file, downloads.signal, (total, bytes) => {
            if (total !== null) totals.set(file, total);
            loaded.set(file, bytes);
            report();
          }),
        ),
      );
    } catch (error) {
      // The load has failed at its first file: the others (up to 12 MB) stop downloading for nothing.
      downloads.abort();
      throw error;
    }
    const wasm = bodies[files.indexOf(WASM_FILE)];
    let compiled: WebAssembly.Module;
    try {
      // Compiled once here and handed to every worker, which then only instantiates it.
      compiled = await WebAssembly.compile(wasm ?? new Uint8Array());
    } catch (error) {
      throw loadFailure(`its WebAssembly could not be compiled (${error instanceof Error ? error.message : String(error)})`);
    }
    return { indexURL, compiled, snapshot: await snapshotOf({ indexURL, compiled }) };
  })();
  state.promise.then(
    () => {
      state.done = true;
    },
    () => {
      // A failed load is not kept: choosing Python again tries again.
      if (preparation === state) preparation = null;
    },
  );
  return state;
}

/**
 * Fetches Pyodide's files from the app's own origin with byte progress (into the HTTP cache,
 * where every Python worker's loadPyodide finds them), compiles the wasm once, and takes the
 * memory snapshot every counting worker starts from (its time comes after the last byte). Memoised:
 * later calls share the same promise (and still report progress); a failed one is forgotten.
 * Rejects with one sentence for the page ("Python could not be loaded: pyodide.asm.wasm was not found (404).").
 */
export function preparePython(options: { onProgress?: (progress: PythonLoadProgress) => void } = {}): Promise<PreparedPython> {
  preparation ??= start();
  const current = preparation;
  const { onProgress } = options;
  if (onProgress) {
    onProgress(current.latest);
    current.listeners.add(onProgress);
    const forget = () => {
      current.listeners.delete(onProgress);
    };
    current.promise.then(forget, forget);
  }
  return current.promise;
}

/** Has Python been prepared in this page (so a new Python worker starts without a visible load)? */
export function pythonPrepared(): boolean {
  return preparation?.done ?? false;
}

/** Starts one fresh Python counting worker (its interpreter loads at `ready`). */
export function spawnPythonCounter(name: string): WorkerHandle<PythonCountingApi<WebAssembly.Module>> {
  return spawnWorker('python', name);
}
