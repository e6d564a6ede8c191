import type { ExecutionModel, KernelKind, KernelLanguage, LockKind, RunStatus, Scaling, TaskKind } from './models/catalog';

export type { ExecutionModel, KernelKind, KernelLanguage, LockKind, RunStatus, Scaling, TaskKind } from './models/catalog';

/** The WebAssembly loop's module as the page hands it to a counting worker on ready. */
export interface HandedModule<CompiledModule = unknown> {
  module: CompiledModule;
  /** Whether a worker handed this module before has warmed it up, bringing its shared code to full speed. */
  warm: boolean;
}

/**
 * What a counting worker offers the page for counting and waiting in parallel: the runners' side of the boundary.
 * `CompiledModule` is WebAssembly.Module where WebAssembly's types are known.
 */
export interface CountingApi<CompiledModule = unknown> {
  /**
   * Pays the JIT warm-up where one is needed and answers once the kernel is hot, so that the
   * warm-up counts as start-up and never as compute. Counts with `kernel`
   * (by default the faster in this engine, `kernelFor`) from then on, or with
   * JavaScript where WebAssembly cannot compile. A worker already warm keeps its kernel;
   * one stopped during its warm-up warms up again at its next ready.
   * Resolves with the loop it counts with, in the same answer, so start-up takes no extra round trip.
   * `handed` is the WebAssembly loop's module as the page holds it (src/page/boundary/pageCountLoop.ts):
   * an engine that shares a held module's code across threads counts with it, and once a worker
   * before it has warmed it up (`handed.warm`), needs no warm-up of its own (kernelChoice.ts's warmsUp).
   */
  ready(kernel?: KernelKind, handed?: HandedModule<CompiledModule> | null): Promise<KernelKind>;
  /**
   * Counts from 0 to `share` and resolves with the exact count reached
   * (less than `share` only when stopped). Calls `onProgress` with the count
   * so far at most every PROGRESS_INTERVAL_MS.
   */
  count(share: number, onProgress?: (counted: number) => void): Promise<number>;
  /** Asks a running task (a count, a wait, a warm-up) to end at its next chunk or slice; the worker stays usable. */
  stop(): void;
  /**
   * I/O-bound, workers in parallel: waits `waitMs` in slices of timers of at most
   * IO_SLICE_MS each (a real wait; the event loop turns, so `stop()` gets through).
   * Resolves with the ms actually waited.
   */
  waitFor(waitMs: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number>;
}

/**
 * What every Python worker is handed on `ready` (src/page/boundary/pythonRuntime.ts makes it):
 * where Pyodide's files are served, and pyodide.asm.wasm compiled once by the page
 * (`CompiledModule` is WebAssembly.Module where WebAssembly's types are known), or null.
 */
export interface PreparedPython<CompiledModule = unknown> {
  indexURL: string;
  compiled: CompiledModule | null;
  /** An interpreter's memory just after its start-up, which a counting worker restores instead of starting Python again; absent or null to start it. */
  snapshot?: Uint8Array | null;
}

/**
 * What a Python counting worker offers (src/workers/python): CountingApi's count, stop and
 * waitFor, with the lesson's own function counting in a Python interpreter of its own, and
 * LockApi's methods, calling that function in slices of a switch interval under the run's lock.
 */
export interface PythonCountingApi<CompiledModule = unknown> extends Omit<CountingApi, 'ready'>, LockApi {
  /**
   * Loads the interpreter (once: a pooled worker answers at once) and defines the lesson's
   * `count_to` as the page's program has it; start-up, as a Python process's. `interrupt` (a
   * SharedArrayBuffer of at least 4 bytes, held by the page) becomes Pyodide's interrupt
   * buffer: the page writes 2 (SIGINT) into its first Int32 to raise KeyboardInterrupt inside
   * a running count, where no message can reach the thread. Resolves with 'python'.
   */
  ready(prepared: PreparedPython<CompiledModule>, interrupt?: SharedArrayBuffer | null): Promise<'python'>;
  /** Starts an interpreter only to answer its memory just after start-up (the snapshot of PreparedPython); the worker is then let go. */
  makeSnapshot(prepared: PreparedPython<CompiledModule>): Promise<Uint8Array>;
}

/** What a counting worker offers 'Workers sharing one lock': the lock's side of the boundary. */
export interface LockApi {
  /**
   * CPU-bound: counts `share` while holding the lock in
   * `lock` (a buffer from `createLockBuffer`, shared by every worker of the run, this
   * one as `workerId`), giving it up after each switch interval when another worker
   * waits. Resolves with the exact count reached (less than `share` only when stopped).
   * Waiting for the lock blocks the worker's thread in `Atomics.wait`, where no message
   * reaches it: stop it with `requestLockStop(lock)` (a holder also sees `stop()`).
   */
  countLocked(share: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number>;
  /**
   * I/O-bound under the shared lock: takes it to start, gives it up for the whole wait
   * (as CPython releases the GIL in blocking I/O), takes it again to finish. Blocks like
   * `countLocked`: stop it with `requestLockStop(lock)`. Resolves with the ms waited for I/O.
   */
  waitLocked(waitMs: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number>;
  /**
   * `countLocked` where there is no SharedArrayBuffer: the lock is a token that the page
   * hands out through `token` (this worker's own callbacks). Counts in slices through the
   * event loop while it holds the token, so `stop()` and `tokenWanted()` get through.
   */
  countWithToken(share: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number>;
  /** `waitLocked` with the token: resolves with the ms waited for I/O. */
  waitWithToken(waitMs: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number>;
  /**
   * The page says another worker waits for the token that this worker was granted as
   * `grant`: it gives it up at the end of its switch interval. A stale grant is ignored.
   */
  tokenWanted(grant: number): void;
}

/** Everything the counting worker (src/workers/counter) exposes: each runner asks only for the part it uses. */
export type CounterWorkerApi<CompiledModule = unknown> = CountingApi<CompiledModule> & LockApi;

/**
 * What a worker of the lock or I/O models is doing: the timeline's lane states but
 * 'starting', which only the page knows.
 */
export type WorkerState = 'waiting-lock' | 'counting' | 'waiting-io' | 'done' | 'stopped';

/** A worker entering a state. */
export interface WorkerStateEvent {
  state: WorkerState;
  /**
   * When, in ms since the epoch: the worker's `performance.timeOrigin + performance.now()`.
   * On the page's clock from a run's start: `atMs − performance.timeOrigin − runStart`
   * (src/page/run/runUnderLock.ts).
   */
  atMs: number;
  /** A counting worker's count so far, as it gives the lock up (or finishes): the page's progress bar. */
  counted?: number;
}

/** The token that stands in for the lock, as the page grants it. */
export interface TokenGrant {
  /** Numbers the grants of a run: 1, 2, 3 … `tokenWanted` names the one it means. */
  grant: number;
  /** Another worker already waits: give the token up at the end of the switch interval. */
  contended: boolean;
}

/** The page's side of the token lock, one object per worker, called by it through Comlink. */
export interface TokenCallbacks {
  /** Resolves once this worker holds the token, or with null when the run is ending. */
  request(): Promise<TokenGrant | null>;
  /** Gives the token back; the page hands it to the next worker waiting. */
  release(): Promise<void>;
}

/** What a run is asked to do. */
export interface RunPlan {
  workers: number;
  scaling: Scaling;
  /** The "Total count" setting: the total for strong scaling, each worker's count for weak. */
  count: number;
  /** Workers from a pool started once, instead of fresh ones. */
  pooled: boolean;
  /** The sweep this run belongs to, if any. */
  sweepId: number | null;
  /** "Execution model": workers in parallel, workers sharing one lock, or tasks on the page's own thread. */
  model: ExecutionModel;
  /** "Task": count the shares, or wait as long as counting them would take. */
  task: TaskKind;
  /** "Freeze the page": a main-thread count runs its slices back to back (capped), without yielding. */
  freeze: boolean;
  /**
   * For waiting (I/O-bound) tasks: this machine's counting speed on one worker (ns per count).
   * Each task waits as long as counting its share would take, so that a wait and a count of
   * the same "Total count" take about as long on one worker.
   */
  nsPerCount: number;
  /** "Prediction (ms)": the wall-clock time the class predicted for this run, or null. */
  predictionMs: number | null;
  /** "Kernel language": absent for JavaScript (every run kept from before), 'python' when a Python interpreter counts in each worker. */
  language?: KernelLanguage;
}

/** One run of the lab as it is recorded in the results. */
export interface RunRecord extends RunPlan {
  /** 1, 2, 3 … in the order the runs were started: the number shown, given afresh at every load. */
  id: number;
  /** Names this run for good (a UUID made when it starts): the same after a reload, in another tab, or imported. */
  stableId: string;
  /** The total the run was asked to count: `count`, or `workers × count` for weak scaling. */
  total: number;
  /** The sum of what the workers answered; equals `total` for an honest done run. */
  counted: number;
  status: RunStatus;
  /** First `new Worker` → every worker ready; null when the run never got that far. */
  startupMs: number | null;
  /** Start signal → last result; null unless the run is done. */
  computeMs: number | null;
  /** First `new Worker` → last result; null unless the run is done. */
  wallMs: number | null;
  /** The page was hidden at some moment of the run, so the browser may have slowed it. */
  hiddenDuringRun: boolean;
  /** Why a failed run failed, in one sentence. */
  error?: string;
  /** Waiting tasks: how long each was asked to wait (ms), in task order. */
  waitMsByTask?: number[];
  /** Waiting tasks that finished: how long each did wait (ms). A wait is honest when it is at least what was asked. */
  waitedMsByTask?: number[];
  /** 'Workers sharing one lock': which lock, how often it changed hands, and what a hand-over cost (ms). */
  lock?: LockUse;
  /** A frozen main-thread run reached its cap (FREEZE_CAP_MS) and ended there. */
  capped?: boolean;
  /** Workers that counted: the loop they counted with. */
  kernel?: KernelKind;
}

/** What the lock did in a run. */
export interface LockUse {
  kind: LockKind;
  /** Grants of the lock to another worker than the one that held it last. */
  handovers: number;
  /** Mean time from one worker's release to the next one's counting (ms); null without a hand-over. */
  meanHandoverMs: number | null;
}

/** What the run's timeline reports back to the page. */
export interface RunTimings {
  startupMs: number;
  computeMs: number;
  wallMs: number;
  /** What each worker answered, in worker order (all 0 for waiting tasks). */
  countedByWorker: number[];
  /** The loop the workers counted with, as they answered ready. */
  kernel?: KernelKind;
}

/** What any model's run reports: the timings, and what only some models have. */
export interface ModelTimings extends RunTimings {
  /** Waiting tasks: the ms each waited. */
  waitedMsByWorker?: number[];
  lock?: LockUse;
  capped?: boolean;
}
