import { transfer } from 'comlink';
import { checkShare, nextChunkSize, PROGRESS_INTERVAL_MS, type Pace } from '../../lab/measurement/kernel';
import { COUNT_FUNCTION } from '../../lab/texts/lessonCode';
import type { PreparedPython, PythonCountingApi, TokenCallbacks, WorkerStateEvent } from '../../lab/types';
import { messageScheduler } from '../../shared/eventLoop';
import { loadInterpreter, makeSnapshot, type InterpreterOptions, type PyodideInterface } from './interpreter';
import { checkWait, releaseCallback } from '../workerTasks';
import { PythonLocked } from './pythonLocked';

/**
 * How a Python count cuts its share into calls of the lesson's function: each call about
 * 75 ms (50–100 ms, so that progress and a stop message get through between calls; the
 * interrupt buffer ends a call sooner), starting small since Python's speed is not known yet.
 */
export const PYTHON_PACE: Pace = { firstChunk: 2 ** 16, minChunk: 2 ** 12, maxChunk: 2 ** 30, chunkMs: 75, reportMs: PROGRESS_INTERVAL_MS };

/** SIGINT: what the page writes into the interrupt buffer to raise KeyboardInterrupt (Pyodide's convention). */
export const SIGINT = 2;

/**
 * Calls the lesson's `count_to(n)` unchanged; a KeyboardInterrupt (the page's stop) ends it, and
 * the count it reached is read from the interrupted frame's `count`, so that a stopped count
 * still adds up exactly. Answers [reached, interrupted].
 */
const CHUNK_FUNCTION = `def _count_chunk(n):
    try:
        return [count_to(n), False]
    except KeyboardInterrupt as interrupt:
        reached = 0
        frame = interrupt.__traceback__
        while frame is not None:
            if frame.tb_frame.f_code is count_to.__code__:
                reached = frame.tb_frame.f_locals.get("count", 0)
            frame = frame.tb_next
        return [reached, True]`;

/** A real Python wait that lets the event loop turn: asyncio's sleep, on a timer (time.sleep busy-waits in Pyodide). */
const SLEEP_FUNCTION = `import asyncio
_waiting = None
def _sleep(seconds):
    global _waiting
    _waiting = asyncio.ensure_future(asyncio.sleep(seconds))
    return _waiting
def _cancel_wait():
    if _waiting is not None:
        _waiting.cancel()`;

/** What `setInterruptBuffer` takes to stop reading any buffer (Pyodide's documented `setInterruptBuffer(undefined)`; its type asks for a TypedArray). */
const NO_INTERRUPT_BUFFER = undefined as unknown as Int32Array;

interface PyCallable {
  (...args: unknown[]): unknown;
  destroy(): void;
}

/** A Python list as Pyodide hands it over. */
interface PyList {
  toJs(): unknown[];
  destroy(): void;
}

/** An asyncio task as Pyodide hands it over: awaitable once (awaiting it lets go of the proxy). */
type PyTask = PromiseLike<unknown>;

/**
 * One call of `_count_chunk`. A KeyboardInterrupt raised before its `try` (at the call's own
 * start, where Python checks for signals too) escapes it: the lesson's function was not entered, so 0 counted.
 */
function callChunk(chunk: PyCallable, size: number): [reached: number, interrupted: boolean] {
  let answer: PyList;
  try {
    answer = chunk(size) as PyList;
  } catch (error) {
    if (error instanceof Error && (error as Error & { type?: unknown }).type === 'KeyboardInterrupt') return [0, true];
    throw error;
  }
  try {
    return answer.toJs() as [number, boolean];
  } finally {
    answer.destroy();
  }
}

interface Loaded {
  python: PyodideInterface;
  chunk: PyCallable;
  sleep: PyCallable;
  cancelWait: PyCallable;
}

export interface PythonCountingOptions {
  /** Calls a step after one turn of the event loop; Node's tests pass their own. */
  schedule?: (step: () => void) => void;
  /** Loads the interpreter; loadInterpreter by default. */
  load?: (options: InterpreterOptions) => Promise<PyodideInterface>;
  /** Where Pyodide's files are in Node (tests): replaces the prepared indexURL. */
  indexURL?: string;
}

/** What runs inside a Python counting worker: one interpreter, the lesson's function, chunked calls. */
export class PythonCounting implements PythonCountingApi<WebAssembly.Module> {
  #loaded: Promise<Loaded> | null = null;
  #interrupt: Int32Array | null = null;
  #stopRequested = false;
  #cancelWait: (() => void) | null = null;
  /** The size of the next call (counts), kept from count to count since Python's speed does not change. */
  #chunk = PYTHON_PACE.firstChunk;
  readonly #schedule: (step: () => void) => void;
  readonly #load: (options: InterpreterOptions) => Promise<PyodideInterface>;
  readonly #indexURL: string | undefined;
  /** 'Workers sharing one lock': the lesson's function in slices under the run's lock (pythonLocked.ts). */
  readonly #locked = new PythonLocked({
    load: async () => {
      if (!this.#loaded) throw new Error('The Python interpreter is not loaded: call ready first.');
      const { chunk, python } = await this.#loaded;
      const interrupt = this.#interrupt;
      return {
        countSlice: (size) => callChunk(chunk, size),
        // As in `count`: the interrupt buffer is read only while a count runs.
        readInterrupts: (reading) => {
          if (interrupt) python.setInterruptBuffer(reading ? interrupt : NO_INTERRUPT_BUFFER);
        },
      };
    },
    turn: () =>
      new Promise<void>((resolve) => {
        this.#schedule(resolve);
      }),
    startTask: () => {
      this.#stopRequested = false;
    },
    stopping: () => this.#stopping(),
    wait: (ms) => this.waitFor(ms),
  });

  constructor({ schedule = messageScheduler(), load = loadInterpreter, indexURL }: PythonCountingOptions = {}) {
    this.#schedule = schedule;
    this.#load = load;
    this.#indexURL = indexURL;
  }

  async ready(prepared: PreparedPython<WebAssembly.Module>, interrupt: SharedArrayBuffer | null = null): Promise<'python'> {
    this.#stopRequested = false;
    this.#loaded ??= this.#start(prepared);
    try {
      await this.#loaded;
    } catch (error) {
      // A failed load is tried again at the next ready.
      this.#loaded = null;
      throw error;
    }
    if (interrupt) {
      this.#interrupt = new Int32Array(interrupt, 0, 1);
      // A stop written while nothing ran (a lane already done, a load) must not end the next count.
      Atomics.store(this.#interrupt, 0, 0);
    }
    return 'python';
  }

  async #start(prepared: PreparedPython<WebAssembly.Module>): Promise<Loaded> {
    const python = await this.#load({ indexURL: this.#indexURL ?? prepared.indexURL, compiled: prepared.compiled, snapshot: prepared.snapshot ?? null });
    python.runPython(COUNT_FUNCTION);
    python.runPython(CHUNK_FUNCTION);
    python.runPython(SLEEP_FUNCTION);
    const globals = python.globals as unknown as { get(name: string): unknown };
    return { python, chunk: globals.get('_count_chunk') as PyCallable, sleep: globals.get('_sleep') as PyCallable, cancelWait: globals.get('_cancel_wait') as PyCallable };
  }

  async makeSnapshot(prepared: PreparedPython<WebAssembly.Module>): Promise<Uint8Array> {
    const bytes = await makeSnapshot({ indexURL: this.#indexURL ?? prepared.indexURL, compiled: prepared.compiled });
    // A copy of its own, so that its buffer can be handed over without a copy by Comlink.
    const own = bytes.slice();
    return transfer(own, [own.buffer]);
  }

  async count(share: number, onProgress?: (counted: number) => void): Promise<number> {
    let reading: PyodideInterface | null = null;
    try {
      checkShare(share);
      if (!this.#loaded) throw new Error('The Python interpreter is not loaded: call ready first.');
      const { chunk, python } = await this.#loaded;
      this.#stopRequested = false;
      // The interrupt buffer is read only while a count runs: during a wait, SIGINT would raise KeyboardInterrupt in asyncio's own callbacks, where nothing catches it.
      if (this.#interrupt) {
        python.setInterruptBuffer(this.#interrupt);
        reading = python;
      }
      let counted = 0;
      let reportedAt = performance.now();
      while (counted < share) {
        const size = Math.min(this.#chunk, share - counted);
        const started = performance.now();
        const [reached, interrupted] = callChunk(chunk, size);
        const finished = performance.now();
        counted += reached;
        if (interrupted) break;
        if (size === this.#chunk) this.#chunk = nextChunkSize(size, finished - started, PYTHON_PACE);
        if (onProgress && counted < share && finished - reportedAt >= PYTHON_PACE.reportMs) {
          reportedAt = finished;
          onProgress(counted);
        }
        // One turn of the event loop between calls: a stop message (where there is no interrupt buffer) gets through.
        await new Promise<void>((resolve) => {
          this.#schedule(resolve);
        });
        // A SIGINT the interpreter has not taken yet (written between two calls) stops the count too: it must never be lost.
        if (this.#stopping() || this.#interruptPending()) break;
      }
      return counted;
    } finally {
      reading?.setInterruptBuffer(NO_INTERRUPT_BUFFER);
      releaseCallback(onProgress);
    }
  }

  /** The page wrote SIGINT and the interpreter has not handled it (it clears the buffer when it does): cleared here, as the stop is taken. */
  #interruptPending(): boolean {
    return this.#interrupt !== null && Atomics.exchange(this.#interrupt, 0, 0) !== 0;
  }

  stop(): void {
    this.#stopRequested = true;
    this.#cancelWait?.();
  }

  async waitFor(waitMs: number, onStates?: (events: WorkerStateEvent[]) => unknown): Promise<number> {
    const events: WorkerStateEvent[] = [];
    const from = performance.now();
    let stopped = false;
    try {
      checkWait(waitMs);
      if (!this.#loaded) throw new Error('The Python interpreter is not loaded: call ready first.');
      const { sleep, cancelWait } = await this.#loaded;
      this.#stopRequested = false;
      events.push({ state: 'waiting-io', atMs: performance.timeOrigin + from });
      const task = sleep(waitMs / 1000) as PyTask;
      this.#cancelWait = () => {
        cancelWait();
      };
      try {
        await task;
      } catch {
        // Cancelled by a stop: asyncio's CancelledError.
        stopped = true;
      } finally {
        this.#cancelWait = null;
      }
      stopped ||= this.#stopping();
      const waited = performance.now() - from;
      events.push({ state: stopped ? 'stopped' : 'done', atMs: performance.timeOrigin + performance.now() });
      return waited;
    } finally {
      if (onStates && events.length > 0) {
        const sent: unknown = onStates(events);
        if (sent instanceof Promise) sent.catch(() => undefined);
      }
      releaseCallback(onStates);
    }
  }

  countLocked(share: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    return this.#locked.countLocked(share, lock, workerId, onStates);
  }

  waitLocked(waitMs: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    return this.#locked.waitLocked(waitMs, lock, workerId, onStates);
  }

  countWithToken(share: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    return this.#locked.countWithToken(share, token, onStates);
  }

  waitWithToken(waitMs: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    return this.#locked.waitWithToken(waitMs, token, onStates);
  }

  tokenWanted(grant: number): void {
    this.#locked.tokenWanted(grant);
  }

  /** Read through a call: TypeScript would take the field for the value it was last given, across awaits. */
  #stopping(): boolean {
    return this.#stopRequested;
  }
}
