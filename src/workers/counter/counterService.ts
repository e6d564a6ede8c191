import { checkShare, createCounter, MAX_CHUNK, nextChunkSize, TIMED_PACE, warmUp, type Counter, type CounterEnvironment, type Pace } from '../../lab/measurement/kernel';
import { SharedLock, SWITCH_INTERVAL_MS } from '../../lab/models/lock';
import { engineOf, kernelFor, loopFor, sharesHeldModule, warmsUp, warmsUpInRealTurns, type Engine } from '../../lab/measurement/kernelChoice';
import type { CountingApi, HandedModule, KernelKind, LockApi, TokenCallbacks, WorkerStateEvent } from '../../lab/types';
import { digestScheduler, messageScheduler, sleep, subtleCryptoHere, timerScheduler, type Turn } from '../../shared/eventLoop';
import { compileCountLoop, instantiateCountLoop } from '../../shared/wasmKernel';
import { blocking, checkWait, releaseCallback, StateBatch, TokenWants, waitUnderSharedLock, waitHoldingToken, type Holder } from '../workerTasks';

/**
 * The longest timer of a worker's I/O wait (ms): a wait is cut into slices this long at most,
 * so a stop gets through within one. Shorter than the page's (PAGE_IO_SLICE_MS in turns.ts),
 * whose every wake is a task on the thread that draws the page; a worker's wakes cost the page nothing.
 */
export const IO_SLICE_MS = 5;

/**
 * How a count under the lock cuts its holds: one kernel chunk a slice, sized to last a
 * switch interval. Not `countUnderLock`, whose chunks a JavaScript loop calls: measured in
 * Chromium 156 on this VM, that loop counted at 0.34 ns a count for about 1.2 s and then at
 * 0.55–0.58 for good (with or without TurboFan inlining, with 1 ms or 15 ms chunks, however
 * the loop was written), against the kernel's 0.28–0.31; the lesson would have blamed the
 * lock for a slower loop.
 */
const HOLD_PACE: Pace = { ...TIMED_PACE, firstChunk: 2 ** 20, chunkMs: SWITCH_INTERVAL_MS, maxChunk: MAX_CHUNK };

/**
 * The turns between a count's chunks in `engine`'s workers: in JavaScriptCore, whose
 * MessageChannel hop goes through another process, timers and then a task the worker posts itself
 * through `subtle` (see timerScheduler and digestScheduler), or a hop where there is no SubtleCrypto
 * (a page served over plain http to another machine); a hop elsewhere, 0.01–0.04 ms in Chromium
 * and Firefox.
 */
export function schedulerFor(engine: Engine, subtle: SubtleCrypto | null = subtleCryptoHere()): Turn {
  if (engine !== 'javascriptcore') return messageScheduler();
  return timerScheduler(subtle ? digestScheduler(subtle) : messageScheduler());
}

/** What runs inside a counting worker: the kernel behind the counting API and the lock's API. */
export class CounterService implements CountingApi<WebAssembly.Module>, LockApi {
  /** Warmed up once: a worker reused from a pool answers ready at once. */
  #warm = false;
  /** Set by `stop()`, cleared when a task starts: read by the tasks that let the event loop turn. */
  #stopRequested = false;
  /** Which token grant another worker waits for (see `tokenWanted`). */
  readonly #tokenWants = new TokenWants();
  /** The size of a slice under the lock (counts), kept from count to count since the speed does not change. */
  #holdSlice = HOLD_PACE.firstChunk;
  /** One counter for the worker's life once warm, so that its compiled step is never thrown away (see Counter). */
  #counter: Counter;
  /** The loop #counter counts with. */
  #kernel: KernelKind = 'js';
  readonly #environment: CounterEnvironment;
  /** The engine this worker runs in, worked out once: it picks the turns, the warm-up and the default loop. */
  readonly #engine: Engine;

  /**
   * `schedule` is for Node, whose ports drain their own messages before any other task; `engine`
   * (this browser's by default) picks the turns between chunks, the warm-up and the loop `ready`
   * counts with unless told (see schedulerFor, and kernelChoice.ts's kernelFor, loopFor and warmsUp).
   */
  constructor(schedule?: Turn, engine: Engine = engineOf(typeof navigator === 'object' ? navigator.userAgent : '')) {
    this.#engine = engine;
    this.#environment = { now: () => performance.now(), schedule: schedule ?? schedulerFor(engine) };
    this.#counter = createCounter(this.#environment, loopFor(engine));
  }

  async ready(kernel: KernelKind = kernelFor(this.#engine), handed: HandedModule<WebAssembly.Module> | null = null): Promise<KernelKind> {
    if (this.#warm) return this.#kernel;
    this.#stopRequested = false;
    let onWarmModule = false;
    if (kernel === 'wasm') {
      const fromHeld = handed !== null && sharesHeldModule(this.#engine) ? instantiateCountLoop(handed.module) : null;
      // Null where WebAssembly cannot compile (a policy without 'wasm-unsafe-eval', an old engine): JavaScript counts then.
      const loop = fromHeld ?? compileCountLoop();
      if (loop !== null) {
        this.#counter = createCounter(this.#environment, loop);
        this.#kernel = 'wasm';
        onWarmModule = fromHeld !== null && handed?.warm === true;
      }
    }
    // Not on the page's module once warm, nor for JavaScriptCore's JavaScript loop (see warmsUp).
    if (warmsUp(this.#engine, this.#kernel, onWarmModule)) await warmUp(this.#counter, () => performance.now(), warmsUpInRealTurns(this.#engine));
    // A warm-up cut short by a stop (a pooled run stopped during start-up) is done again at the next ready.
    this.#warm = !this.#stopping();
    return this.#kernel;
  }

  async count(share: number, onProgress?: (counted: number) => void): Promise<number> {
    try {
      return await this.#counter.count(share, { onProgress });
    } finally {
      releaseCallback(onProgress);
    }
  }

  stop(): void {
    this.#stopRequested = true;
    this.#counter.stop();
  }

  async countLocked(share: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    checkShare(share);
    const shared = new SharedLock(lock, workerId);
    return this.#countInHolds(share, onStates, {
      // Blocks this thread in Atomics.wait until it is this worker's turn, or a stop.
      acquire: () => shared.acquire({ shouldStop: () => this.#stopping(), now: () => performance.now() }) === 'acquired',
      wanted: () => shared.hasWaiters(),
      stopping: () => shared.stopRequested(),
      release: () => {
        shared.release();
        return Promise.resolve();
      },
    });
  }

  async waitFor(waitMs: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    const batch = new StateBatch(onStates);
    this.#stopRequested = false;
    try {
      checkWait(waitMs);
      const from = performance.now();
      batch.add('waiting-io', from);
      const waited = await this.#sleepUnlessStopped(waitMs, from, batch);
      batch.add('done');
      return waited;
    } finally {
      batch.close(this.#stopping());
    }
  }

  waitLocked(waitMs: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    // Blocks this thread: in Atomics.wait for the lock, and asleep on the lock's STOP slot for the wait itself.
    return blocking(onStates, (batch) => waitUnderSharedLock(waitMs, lock, workerId, batch));
  }

  async countWithToken(share: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    checkShare(share);
    try {
      return await this.#countInHolds(share, onStates, this.#tokenWants.holder(token));
    } finally {
      releaseCallback(token);
    }
  }

  waitWithToken(waitMs: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    this.#stopRequested = false;
    return waitHoldingToken(waitMs, token, onStates, {
      stopping: () => this.#stopping(),
      wait: (ms, since, batch) => this.#sleepUnlessStopped(ms, since, batch),
    });
  }

  /**
   * Counts `share` in holds of a lock, like a Python thread under the GIL: wait for the
   * lock, count, and after each slice (one kernel chunk of about a switch interval, called
   * by the event loop as in a plain count) give the lock up if another worker waits, then
   * queue again; keep it while nobody does. The event loop turns between slices, so a
   * `stop()` gets through while holding.
   */
  async #countInHolds(share: number, onStates: ((events: WorkerStateEvent[]) => unknown) | undefined, lock: Holder): Promise<number> {
    const batch = new StateBatch(onStates);
    this.#stopRequested = false;
    let counted = 0;
    const stopping = () => this.#stopping() || lock.stopping();
    try {
      batch.add('waiting-lock');
      while (counted < share && !stopping()) {
        if (!(await lock.acquire())) break;
        batch.add('counting');
        for (;;) {
          const size = Math.min(this.#holdSlice, share - counted);
          const started = performance.now();
          // The slice's first chunk is the whole slice: one turn of the event loop a slice.
          counted += await this.#counter.count(size, { pace: { ...HOLD_PACE, firstChunk: size } });
          const finished = performance.now();
          if (size === this.#holdSlice) this.#holdSlice = nextChunkSize(size, finished - started, HOLD_PACE);
          if (counted >= share || stopping() || lock.wanted()) break;
        }
        const last = counted >= share || stopping();
        // Timed while still holding, so that two lanes never count at once on the timeline.
        batch.add(last ? 'done' : 'waiting-lock', performance.now(), counted);
        await lock.release(last);
        if (last) return counted;
      }
      batch.add('done');
      return counted;
    } finally {
      batch.close(counted < share);
    }
  }

  /** Read through a call: TypeScript would take the field for the value it was last given, across awaits. */
  #stopping(): boolean {
    return this.#stopRequested;
  }

  tokenWanted(grant: number): void {
    this.#tokenWants.note(grant);
  }

  /** Sleeps until `waitMs` after `from` in timer slices of at most IO_SLICE_MS, or until a stop; returns the ms waited. */
  async #sleepUnlessStopped(waitMs: number, from: number, batch: StateBatch): Promise<number> {
    for (let left = waitMs; left > 0 && !this.#stopping(); left = waitMs - (performance.now() - from)) {
      await sleep(Math.min(IO_SLICE_MS, left));
      batch.sendIfDue();
    }
    return performance.now() - from;
  }
}
