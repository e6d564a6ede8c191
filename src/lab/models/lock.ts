/**
 * One lock that workers share, like Python's GIL: a fair FIFO ticket lock on a
 * SharedArrayBuffer, with `Atomics.wait` to block and `Atomics.notify` to hand over.
 *
 * Only for workers. `Atomics.wait` throws on a browser page's main thread, so
 * `SharedLock.acquire` (and `countUnderLock`, `waitForIoUnderLock`) must never be
 * called there. The page may create the buffer, read `readLockStats` and call
 * `requestLockStop`, none of which waits.
 *
 * Blocking is intended: a worker waiting for the lock blocks its whole thread, as a
 * Python thread waiting for the GIL does. Its event loop does not turn meanwhile, so a
 * stop must come through the buffer (`requestLockStop`), not as a message.
 *
 * Layout of the Int32Array over the buffer (see the slot constants below):
 *   0 NEXT_TICKET   the next ticket to hand out (Atomics.add)
 *   1 NOW_SERVING   the ticket whose owner may hold the lock
 *   2 HOLDER        the holding worker's id, or NO_HOLDER (−1)
 *   3 GRANTS        acquisitions so far
 *   4 HANDOVERS     acquisitions by another worker than the one that held it last
 *   5 LAST_HOLDER   the worker that held it last, or NO_HOLDER
 *   6 STOP          non-zero once a stop is requested; waiters return 'stopped'
 *   7 WORKERS       how many worker ids the buffer has room for
 *   8 + 3·id        per worker: TICKET (its latest ticket), ABANDONED (a ticket it gave
 *                   up waiting for, or NONE), WAKE (bumped to wake it)
 *
 * Fairness: tickets are served in order and each worker has at most one live ticket
 * (one that gave up waiting takes its old place back when it asks again, unless the
 * queue has passed it), so with k workers nobody waits for more than k − 1 holds.
 * Tickets only grow: a buffer serves fewer than 2^31 acquisitions (hours of 5 ms
 * hand-overs); make a new one per run.
 */

import { checkShare } from '../measurement/kernel';

/** Python's default switch interval (`sys.getswitchinterval()`), in ms. */
export const SWITCH_INTERVAL_MS = 5;
/**
 * The longest single `Atomics.wait` (ms): a stop written with a plain store, or a
 * `shouldStop` that turns true, is seen within this. `requestLockStop` wakes waiters at once.
 */
export const LOCK_POLL_MS = 2;
/** The most worker ids one buffer takes. */
export const MAX_LOCK_WORKERS = 1024;
export const NO_HOLDER = -1;

export const NEXT_TICKET = 0;
export const NOW_SERVING = 1;
export const HOLDER = 2;
export const GRANTS = 3;
export const HANDOVERS = 4;
export const LAST_HOLDER = 5;
export const STOP = 6;
export const WORKERS = 7;
const HEADER_SLOTS = 8;
const SLOTS_PER_WORKER = 3;
const TICKET = 0;
const ABANDONED = 1;
const WAKE = 2;
/** No abandoned ticket: tickets are never negative. */
const NONE = -1;

function workerSlot(id: number, field: number): number {
  return HEADER_SLOTS + SLOTS_PER_WORKER * id + field;
}

/** A lock buffer for worker ids 0 … workers − 1, free, with no stop requested. */
export function createLockBuffer(workers: number): SharedArrayBuffer {
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_LOCK_WORKERS) {
    throw new RangeError(`A lock is shared by 1 to ${MAX_LOCK_WORKERS} workers, got ${String(workers)}.`);
  }
  const buffer = new SharedArrayBuffer((HEADER_SLOTS + SLOTS_PER_WORKER * workers) * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(buffer);
  slots[HOLDER] = NO_HOLDER;
  slots[LAST_HOLDER] = NO_HOLDER;
  slots[WORKERS] = workers;
  for (let id = 0; id < workers; id += 1) {
    slots[workerSlot(id, TICKET)] = NONE;
    slots[workerSlot(id, ABANDONED)] = NONE;
  }
  return buffer;
}

/** Asks every worker to stop: waiters return 'stopped' at once. Safe on any thread (it never waits). */
export function requestLockStop(buffer: SharedArrayBuffer): void {
  const slots = new Int32Array(buffer);
  Atomics.store(slots, STOP, 1);
  const workers = Atomics.load(slots, WORKERS);
  for (let id = 0; id < workers; id += 1) {
    Atomics.add(slots, workerSlot(id, WAKE), 1);
    Atomics.notify(slots, workerSlot(id, WAKE));
  }
  Atomics.notify(slots, STOP);
}

export interface LockStats {
  /** The holding worker's id, or NO_HOLDER. */
  holder: number;
  grants: number;
  /** Grants to another worker than the last holder. */
  handovers: number;
  /** Tickets taken and not yet served: the holder's, if any, and the waiters'. */
  queued: number;
  stopRequested: boolean;
}

/** What the lock has done so far; safe on any thread. */
export function readLockStats(buffer: SharedArrayBuffer): LockStats {
  const slots = new Int32Array(buffer);
  return {
    holder: Atomics.load(slots, HOLDER),
    grants: Atomics.load(slots, GRANTS),
    handovers: Atomics.load(slots, HANDOVERS),
    queued: Atomics.load(slots, NEXT_TICKET) - Atomics.load(slots, NOW_SERVING),
    stopRequested: Atomics.load(slots, STOP) !== 0,
  };
}

export type AcquireOutcome = 'acquired' | 'stopped' | 'timed-out';

export interface AcquireOptions {
  /** Give up after this long (ms); the worker keeps its place for its next acquire. */
  timeoutMs?: number;
  /** Checked at least every LOCK_POLL_MS while waiting, besides the buffer's STOP slot. */
  shouldStop?: () => boolean;
  /** The clock for `timeoutMs` (ms), passed in as every clock of src/lab is: the worker's `performance.now`. */
  now: () => number;
}

/** One worker's handle on the shared lock. Workers only: `acquire` blocks its thread (see the file's comment). */
export class SharedLock {
  readonly workerId: number;
  readonly #slots: Int32Array;
  readonly #workers: number;
  /** The ticket this worker holds or waits with, or NONE. */
  #ticket = NONE;
  #holding = false;

  constructor(buffer: SharedArrayBuffer, workerId: number) {
    this.#slots = new Int32Array(buffer);
    this.#workers = Atomics.load(this.#slots, WORKERS);
    if (!Number.isInteger(workerId) || workerId < 0 || workerId >= this.#workers) {
      throw new RangeError(`This lock has room for workers 0 to ${this.#workers - 1}, got ${String(workerId)}.`);
    }
    this.workerId = workerId;
  }

  get holding(): boolean {
    return this.#holding;
  }

  stopRequested(): boolean {
    return Atomics.load(this.#slots, STOP) !== 0;
  }

  /** Another worker has a ticket: the holder should give the lock up at the end of its interval. */
  hasWaiters(): boolean {
    return Atomics.load(this.#slots, NEXT_TICKET) - Atomics.load(this.#slots, NOW_SERVING) > (this.#holding ? 1 : 0);
  }

  /**
   * Waits for the lock in ticket order. 'stopped' once a stop is requested (in the buffer,
   * or by `shouldStop`), 'timed-out' after `timeoutMs`; in both cases this worker does not
   * hold the lock.
   */
  acquire(options: AcquireOptions): AcquireOutcome {
    if (this.#holding) throw new Error(`Worker ${this.workerId} already holds the lock.`);
    const { timeoutMs = Infinity, shouldStop, now } = options;
    const deadline = timeoutMs === Infinity ? Infinity : now() + timeoutMs;
    const slots = this.#slots;
    const wake = workerSlot(this.workerId, WAKE);
    if (this.#stopping(shouldStop)) return 'stopped';
    this.#takeTicket();
    for (;;) {
      const woken = Atomics.load(slots, wake);
      if (Atomics.load(slots, NOW_SERVING) === this.#ticket) {
        this.#becomeHolder();
        return 'acquired';
      }
      if (this.#stopping(shouldStop)) {
        if (this.#abandon()) this.release();
        return 'stopped';
      }
      const left = deadline - now();
      if (left <= 0) return this.#abandon() ? 'acquired' : 'timed-out';
      Atomics.wait(slots, wake, woken, Math.min(LOCK_POLL_MS, left));
    }
  }

  /** Hands the lock to the next ticket that still waits. Only the holder may release. */
  release(): void {
    if (!this.#holding) throw new Error(`Worker ${this.workerId} does not hold the lock.`);
    this.#holding = false;
    this.#ticket = NONE;
    Atomics.store(this.#slots, HOLDER, NO_HOLDER);
    this.#serveNext();
  }

  #stopping(shouldStop: (() => boolean) | undefined): boolean {
    return this.stopRequested() || (shouldStop?.() ?? false);
  }

  /** A new ticket, or the one this worker gave up on if the queue has not passed it yet. */
  #takeTicket(): void {
    const abandoned = workerSlot(this.workerId, ABANDONED);
    if (this.#ticket !== NONE && Atomics.compareExchange(this.#slots, abandoned, this.#ticket, NONE) === this.#ticket) return;
    this.#ticket = Atomics.add(this.#slots, NEXT_TICKET, 1);
    Atomics.store(this.#slots, workerSlot(this.workerId, TICKET), this.#ticket);
  }

  /**
   * Gives up waiting, leaving the ticket for a releaser to skip. True when the ticket
   * was served meanwhile and this worker won it: it then holds the lock.
   */
  #abandon(): boolean {
    const slots = this.#slots;
    const abandoned = workerSlot(this.workerId, ABANDONED);
    Atomics.store(slots, abandoned, this.#ticket);
    // A releaser that served the ticket before the store above may not have seen it:
    // whichever of us clears the slot first owns the ticket.
    if (Atomics.load(slots, NOW_SERVING) === this.#ticket && Atomics.compareExchange(slots, abandoned, this.#ticket, NONE) === this.#ticket) {
      this.#becomeHolder();
      return true;
    }
    return false;
  }

  #becomeHolder(): void {
    const slots = this.#slots;
    this.#holding = true;
    Atomics.store(slots, HOLDER, this.workerId);
    Atomics.add(slots, GRANTS, 1);
    if (Atomics.exchange(slots, LAST_HOLDER, this.workerId) !== this.workerId) Atomics.add(slots, HANDOVERS, 1);
  }

  /** Advances NOW_SERVING past abandoned tickets and wakes the owner of the one it stops at. */
  #serveNext(): void {
    const slots = this.#slots;
    for (;;) {
      const serving = Atomics.add(slots, NOW_SERVING, 1) + 1;
      if (serving === Atomics.load(slots, NEXT_TICKET)) return;
      let skipped = false;
      for (let id = 0; id < this.#workers; id += 1) {
        if (Atomics.compareExchange(slots, workerSlot(id, ABANDONED), serving, NONE) === serving) {
          skipped = true;
          break;
        }
        if (Atomics.load(slots, workerSlot(id, TICKET)) === serving) {
          Atomics.add(slots, workerSlot(id, WAKE), 1);
          Atomics.notify(slots, workerSlot(id, WAKE));
          // Its owner may still abandon it; it then finds it served and takes or skips it itself.
          return;
        }
      }
      // No owner found: a ticket taken and not yet written to its TICKET slot; the owner sees it served.
      if (!skipped) return;
    }
  }
}

/** What a worker under the lock is doing, for the timeline. */
export type LockedState = 'waiting' | 'counting' | 'io' | 'done';

/**
 * Receives every change of state with the time (`now()`, ms) and the count so far. Called
 * synchronously from the worker's blocked loop, up to a few hundred times a second:
 * keep it cheap and batch what it sends.
 */
export type LockedStateListener = (state: LockedState, atMs: number, counted: number) => void;

export interface CountUnderLockOptions {
  /** How many to count (a whole number). */
  share: number;
  lock: SharedLock;
  /** A monotonic clock (ms). */
  now: () => number;
  /** Counts `size` (an int32) and returns how many it counted. */
  countChunk: (size: number) => number;
  onState?: LockedStateListener;
  /** Checked after every chunk and while waiting, besides the buffer's STOP slot. */
  shouldStop?: () => boolean;
  /** How long a hold lasts before the holder gives the lock up to a waiter (ms). */
  switchIntervalMs?: number;
}

export interface LockedCountResult {
  counted: number;
  stopped: boolean;
  /** How many times this worker was granted the lock. */
  holds: number;
  /** Time spent waiting for the lock (ms). */
  waitedMs: number;
}

/** Counts per chunk to start with, before the speed is known; far below a switch interval. */
export const FIRST_LOCKED_CHUNK = 2 ** 14;
/** Most counts per chunk: keeps the loop counter a small integer (see kernel.ts). */
export const MAX_LOCKED_CHUNK = 2 ** 28;
/** How many chunks a switch interval is cut into, so a hold ends within about a fifth of one. */
const CHUNKS_PER_INTERVAL = 5;

function ignoreState(): void {
  // Nobody draws this worker's timeline.
}

/**
 * The GIL's rule as one synchronous loop over the caller's chunks: wait for the lock,
 * count in chunks for one switch interval, then give the lock up if another worker
 * waits (and queue again behind it) or keep counting if none does, as CPython does.
 * Reports 'waiting', 'counting' and finally 'done' through `onState`. Workers only.
 * Not what the lab counts with (CounterService counts under the lock in the kernel's own
 * chunks, which this loop counted slower than, see HOLD_PACE there): the rule's reference,
 * which the tests run in one thread and across worker threads.
 */
export function countUnderLock(options: CountUnderLockOptions): LockedCountResult {
  const { share, lock, now, countChunk, onState = ignoreState, shouldStop, switchIntervalMs = SWITCH_INTERVAL_MS } = options;
  checkShare(share);
  const chunkTargetMs = switchIntervalMs / CHUNKS_PER_INTERVAL;
  const stopping = () => lock.stopRequested() || (shouldStop?.() ?? false);
  let counted = 0;
  let holds = 0;
  let waitedMs = 0;
  let chunk = FIRST_LOCKED_CHUNK;
  let waitFrom = now();
  onState('waiting', waitFrom, counted);
  while (counted < share) {
    const outcome = lock.acquire({ shouldStop, now });
    const holdFrom = now();
    waitedMs += holdFrom - waitFrom;
    if (outcome !== 'acquired') break;
    holds += 1;
    onState('counting', holdFrom, counted);
    let sliceFrom = holdFrom;
    for (;;) {
      const size = Math.min(chunk, share - counted) | 0;
      const started = now();
      counted += countChunk(size);
      const finished = now();
      if (counted >= share || stopping()) break;
      if (finished - sliceFrom >= switchIntervalMs) {
        if (lock.hasWaiters()) break;
        sliceFrom = finished;
      }
      // Size the next chunk to about a fifth of an interval, and never past the slice's end.
      const msPerCount = Math.max(finished - started, 1e-3) / size;
      const wanted = Math.min(chunkTargetMs, switchIntervalMs - (finished - sliceFrom)) / msPerCount;
      chunk = Math.round(Math.min(MAX_LOCKED_CHUNK, chunk * 2, Math.max(1024, chunk / 2, wanted)));
    }
    // Timed while still holding, so that one worker's counting never overlaps another's on the timeline.
    waitFrom = now();
    const finishing = counted >= share || stopping();
    if (finishing) {
      onState('done', waitFrom, counted);
      lock.release();
      return { counted, stopped: counted < share, holds, waitedMs };
    }
    onState('waiting', waitFrom, counted);
    lock.release();
  }
  onState('done', now(), counted);
  const stopped = counted < share;
  return { counted, stopped, holds, waitedMs };
}

export interface IoUnderLockOptions {
  /** How long the I/O takes (ms). */
  waitMs: number;
  lock: SharedLock;
  now: () => number;
  /** Blocks this thread for up to `ms` and returns early once a stop is requested (see `blockingSleep`). */
  sleep: (ms: number) => void;
  onState?: LockedStateListener;
  shouldStop?: () => boolean;
}

/**
 * Blocks a worker for up to `ms` without holding the lock; a `requestLockStop` ends it at once.
 * Workers only.
 */
export function blockingSleep(buffer: SharedArrayBuffer, ms: number): void {
  const slots = new Int32Array(buffer);
  Atomics.wait(slots, STOP, 0, ms);
}

/**
 * An I/O-bound task under the GIL: take the lock to start, give it up for the whole
 * wait (as CPython releases the GIL in blocking I/O), take it again to finish. Returns
 * whether it was stopped. Workers only.
 */
export function waitForIoUnderLock(options: IoUnderLockOptions): boolean {
  const { waitMs, lock, now, sleep, onState = ignoreState, shouldStop } = options;
  onState('waiting', now(), 0);
  if (lock.acquire({ shouldStop, now }) !== 'acquired') {
    onState('done', now(), 0);
    return true;
  }
  onState('counting', now(), 0);
  const ioFrom = now();
  onState('io', ioFrom, 0);
  lock.release();
  // Sleeps may wake early (a stop, a spurious wake-up): sleep again for what is left.
  for (let left = waitMs; left > 0 && !lock.stopRequested() && !(shouldStop?.() ?? false); left = waitMs - (now() - ioFrom)) sleep(left);
  onState('waiting', now(), 0);
  const stopped = lock.acquire({ shouldStop, now }) !== 'acquired';
  if (!stopped) onState('counting', now(), 0);
  onState('done', now(), 0);
  if (!stopped) lock.release();
  return stopped;
}
