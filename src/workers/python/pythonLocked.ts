import { checkShare, nextChunkSize, PROGRESS_INTERVAL_MS, type Pace } from '../../lab/measurement/kernel';
import { SharedLock, SWITCH_INTERVAL_MS } from '../../lab/models/lock';
import type { TokenCallbacks, WorkerStateEvent } from '../../lab/types';
import { blocking, releaseCallback, StateBatch, TokenWants, waitUnderSharedLock, waitHoldingToken, type Holder } from '../workerTasks';

/*
 * 'Workers sharing one lock' in a Python worker, as the GIL hands over: the worker holds the run's
 * lock while it calls the lesson's `count_to` on a slice of about one switch interval, gives the
 * lock up after a slice when another worker waits, and queues again. The same rule as the
 * JavaScript worker's (CounterService's #countInHolds), with the lesson's function as the slice.
 */

/**
 * How a count under the lock cuts its holds: one call of `count_to` a slice, sized to last a
 * switch interval (about 180,000 counts at Python's 28 ns), starting small since the speed is not known yet.
 */
export const PYTHON_HOLD_PACE: Pace = { firstChunk: 2 ** 12, minChunk: 2 ** 10, maxChunk: 2 ** 30, chunkMs: SWITCH_INTERVAL_MS, reportMs: PROGRESS_INTERVAL_MS };

/** The worker's interpreter, once loaded. */
export interface LoadedPython {
  /** One call of the lesson's `count_to(size)`: [counted, interrupted by KeyboardInterrupt]. */
  countSlice(size: number): [number, boolean];
  /** Reads the interrupt buffer while a count runs (true), not otherwise (false). */
  readInterrupts(reading: boolean): void;
}

/** What the lock's loop needs of the Python worker (PythonCounting). */
export interface LockedPython {
  /** The loaded interpreter; rejects if `ready` was not called. */
  load(): Promise<LoadedPython>;
  /** One turn of the event loop, so that a stop message gets through. */
  turn(): Promise<void>;
  /** Clears an earlier stop: a task starts. */
  startTask(): void;
  /** `stop()` was called since the task started. */
  stopping(): boolean;
  /** A real Python wait (asyncio's sleep) of `ms`; resolves with the ms waited, early on a stop. */
  wait(ms: number): Promise<number>;
}

/** The lock's side of a Python counting worker: LockApi's methods over the worker's interpreter. */
export class PythonLocked {
  readonly #python: LockedPython;
  /** The size of a slice (counts), kept from count to count since Python's speed does not change. */
  #slice = PYTHON_HOLD_PACE.firstChunk;
  /** Which token grant another worker waits for (see `tokenWanted`). */
  readonly #tokenWants = new TokenWants();

  constructor(python: LockedPython) {
    this.#python = python;
  }

  async countLocked(share: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    checkShare(share);
    const shared = new SharedLock(lock, workerId);
    return this.#countInHolds(share, onStates, {
      // Blocks this thread in Atomics.wait until it is this worker's turn, or a stop.
      acquire: () => shared.acquire({ shouldStop: () => this.#python.stopping(), now: () => performance.now() }) === 'acquired',
      wanted: () => shared.hasWaiters(),
      stopping: () => shared.stopRequested(),
      release: () => {
        shared.release();
        return Promise.resolve();
      },
    });
  }

  /** Takes the lock to start, gives it up for the whole wait (blocking on the lock's STOP slot, as the JavaScript worker does), takes it again to finish. */
  waitLocked(waitMs: number, lock: SharedArrayBuffer, workerId: number, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    this.#python.startTask();
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

  /** `waitLocked` with the page's token; the wait is Python's own (asyncio's sleep), which a stop cancels. */
  waitWithToken(waitMs: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    const python = this.#python;
    python.startTask();
    return waitHoldingToken(waitMs, token, onStates, { stopping: () => python.stopping(), wait: (ms) => python.wait(ms) });
  }

  tokenWanted(grant: number): void {
    this.#tokenWants.note(grant);
  }

  /**
   * Counts `share` in holds of the lock: wait for it, call `count_to` on slices of about a switch
   * interval, and after each give the lock up if another worker waits, then queue again; keep it
   * while nobody does. The event loop turns between slices, so a stop message gets through; the
   * interrupt buffer ends a slice at once.
   */
  async #countInHolds(share: number, onStates: ((events: WorkerStateEvent[]) => unknown) | undefined, lock: Holder): Promise<number> {
    const python = this.#python;
    python.startTask();
    const loaded = await python.load();
    const batch = new StateBatch(onStates);
    let counted = 0;
    let interrupted = false;
    const stopping = () => interrupted || python.stopping() || lock.stopping();
    loaded.readInterrupts(true);
    try {
      batch.add('waiting-lock');
      while (counted < share && !stopping()) {
        if (!(await lock.acquire())) break;
        batch.add('counting');
        for (;;) {
          const size = Math.min(this.#slice, share - counted);
          const started = performance.now();
          const [reached, wasInterrupted] = loaded.countSlice(size);
          const finished = performance.now();
          counted += reached;
          interrupted ||= wasInterrupted;
          if (!wasInterrupted && size === this.#slice) this.#slice = nextChunkSize(size, finished - started, PYTHON_HOLD_PACE);
          if (counted >= share || stopping()) break;
          // One turn of the event loop a slice: a stop message, and the page's word that the token is wanted, get through.
          await python.turn();
          if (stopping() || lock.wanted()) break;
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
      loaded.readInterrupts(false);
      batch.close(counted < share);
    }
  }
}
