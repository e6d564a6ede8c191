import { releaseProxy } from 'comlink';
import { checkShare, nextChunkSize, PROGRESS_INTERVAL_MS, type Pace } from '../../lab/measurement/kernel';
import { blockingSleep, SharedLock, SWITCH_INTERVAL_MS, waitForIoUnderLock, type LockedState } from '../../lab/models/lock';
import type { TokenCallbacks, WorkerState, WorkerStateEvent } from '../../lab/types';

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

/** The least time between two batches of state changes sent to the page (ms), as the JavaScript worker's STATE_BATCH_MS. */
const STATE_BATCH_MS = 200;

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

/** A lock as the hold loop sees it: the shared-memory lock or the page's token. */
interface Holder {
  /** Waits for this worker's turn; false when the run is stopping. */
  acquire: () => boolean | Promise<boolean>;
  /** Another worker waits: give the lock up at the end of this slice. */
  wanted: () => boolean;
  /** A stop came through the lock itself. */
  stopping: () => boolean;
  /** Gives the lock up; `last` when the count ends with this hold. */
  release: (last: boolean) => Promise<void>;
}

const FROM_LOCK: Readonly<Record<LockedState, WorkerState>> = { waiting: 'waiting-lock', counting: 'counting', io: 'waiting-io', done: 'done' };

/** Lets go of a callback that Comlink proxied from the page; a plain function is left alone. */
function releaseCallback(callback: unknown): void {
  if (typeof callback !== 'function') return;
  const release: unknown = (callback as { [releaseProxy]?: unknown })[releaseProxy];
  if (typeof release === 'function') (release as () => unknown)();
}

function checkWait(waitMs: number): void {
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError(`A wait must be a number of ms ≥ 0, got ${String(waitMs)}.`);
}

/** A worker's state changes, sent to the page at most every STATE_BATCH_MS and at the end (a proxied call posts at once, even from a blocked thread). */
class StateBatch {
  #events: WorkerStateEvent[] = [];
  #sentAt = performance.now();
  readonly #send: ((events: WorkerStateEvent[]) => unknown) | undefined;

  constructor(send: ((events: WorkerStateEvent[]) => unknown) | undefined) {
    this.#send = send;
  }

  add(state: WorkerState, at = performance.now(), counted?: number): void {
    if (!this.#send) return;
    this.#events.push({ state, atMs: performance.timeOrigin + at, ...(counted === undefined ? {} : { counted }) });
    // The final state is sent by `close`, which may still turn 'done' into 'stopped'.
    if (state !== 'done' && at - this.#sentAt >= STATE_BATCH_MS) this.#flush(at);
  }

  close(stopped: boolean): void {
    const last = this.#events.at(-1);
    if (stopped && last?.state === 'done') last.state = 'stopped';
    this.#flush(performance.now());
    releaseCallback(this.#send);
  }

  #flush(at: number): void {
    if (!this.#send || this.#events.length === 0) return;
    const events = this.#events;
    this.#events = [];
    this.#sentAt = at;
    // A proxied call answers with a promise, which rejects if the page has gone: nothing to do then.
    const sent: unknown = this.#send(events);
    if (sent instanceof Promise) sent.catch(() => undefined);
  }
}

/** The lock's side of a Python counting worker: LockApi's methods over the worker's interpreter. */
export class PythonLocked {
  readonly #python: LockedPython;
  /** The size of a slice (counts), kept from count to count since Python's speed does not change. */
  #slice = PYTHON_HOLD_PACE.firstChunk;
  /** The token grant that the page said another worker waits for (see `tokenWanted`). */
  #wantedGrant = 0;

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
    const batch = new StateBatch(onStates);
    let stopped = true;
    try {
      checkWait(waitMs);
      this.#python.startTask();
      let ioFrom: number | null = null;
      let ioMs = 0;
      stopped = waitForIoUnderLock({
        waitMs,
        lock: new SharedLock(lock, workerId),
        now: () => performance.now(),
        // On the lock's STOP slot, so that `requestLockStop` ends a sleep at once.
        sleep: (ms) => {
          blockingSleep(lock, ms);
        },
        onState: (state, at) => {
          if (state === 'io') ioFrom = at;
          else if (ioFrom !== null && ioMs === 0) ioMs = at - ioFrom;
          batch.add(FROM_LOCK[state], at);
        },
      });
      return Promise.resolve(ioMs);
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      batch.close(stopped);
    }
  }

  async countWithToken(share: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    checkShare(share);
    let grant = 0;
    try {
      return await this.#countInHolds(share, onStates, {
        acquire: async () => {
          const granted = await token.request();
          if (!granted) return false;
          grant = granted.grant;
          if (granted.contended) this.#wantedGrant = Math.max(this.#wantedGrant, grant);
          return true;
        },
        wanted: () => this.#wantedGrant === grant,
        stopping: () => false,
        release: (last) => {
          if (last) return token.release();
          // Not awaited: the next request goes through the same port, after the release.
          token.release().catch(() => undefined);
          return Promise.resolve();
        },
      });
    } finally {
      releaseCallback(token);
    }
  }

  /** `waitLocked` with the page's token; the wait is Python's own (asyncio's sleep), which a stop cancels. */
  async waitWithToken(waitMs: number, token: TokenCallbacks, onStates?: (events: WorkerStateEvent[]) => void): Promise<number> {
    const batch = new StateBatch(onStates);
    const python = this.#python;
    python.startTask();
    let stopped = true;
    let ioMs = 0;
    try {
      checkWait(waitMs);
      batch.add('waiting-lock');
      if (await token.request()) {
        batch.add('counting');
        batch.add('waiting-io');
        await token.release();
        // Read before the wait starts: a stop that came during the release would be lost to the wait's own start.
        if (!python.stopping()) ioMs = await python.wait(waitMs);
        batch.add('waiting-lock');
        if (!python.stopping() && (await token.request())) {
          batch.add('counting');
          batch.add('done');
          await token.release();
          stopped = false;
          return ioMs;
        }
      }
      batch.add('done');
      return ioMs;
    } finally {
      batch.close(stopped);
      releaseCallback(token);
    }
  }

  tokenWanted(grant: number): void {
    this.#wantedGrant = Math.max(this.#wantedGrant, grant);
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
