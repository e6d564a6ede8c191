import { releaseProxy } from 'comlink';
import { blockingSleep, SharedLock, waitForIoUnderLock, type LockedState } from '../lab/models/lock';
import type { TokenCallbacks, WorkerState, WorkerStateEvent } from '../lab/types';

/*
 * What the tasks of every kind of counting worker share, whatever counts in it (the JavaScript
 * kernel, counter/counterService.ts; Python's lesson function, python/pythonLocked.ts): the
 * callbacks the page lends them, their state reports, and the page's token taken as a lock.
 */

/** Lets go of a callback that Comlink proxied from the page; a plain function is left alone. */
export function releaseCallback(callback: unknown): void {
  if (typeof callback !== 'function') return;
  const release: unknown = (callback as { [releaseProxy]?: unknown })[releaseProxy];
  if (typeof release === 'function') (release as () => unknown)();
}

/** Throws one sentence for a wait that is not a number of ms ≥ 0. */
export function checkWait(waitMs: number): void {
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError(`A wait must be a number of ms ≥ 0, got ${String(waitMs)}.`);
}

/** The least time between two batches of state changes sent to the page (ms). */
export const STATE_BATCH_MS = 200;

/** A lane's state for each state of the lock's own I/O wait (waitForIoUnderLock). */
export const FROM_LOCK: Readonly<Record<LockedState, WorkerState>> = {
  waiting: 'waiting-lock',
  counting: 'counting',
  io: 'waiting-io',
  done: 'done',
};

/**
 * Collects a worker's state changes and sends them to the page in batches: at most every
 * STATE_BATCH_MS and at the end (`close`), so that reporting costs the worker nothing it
 * could measure. A proxied call posts its message at once, so this works from a thread
 * blocked between slices in `Atomics.wait` too.
 */
export class StateBatch {
  #events: WorkerStateEvent[] = [];
  #sentAt: number;
  /** What the page gave: void, as the API declares it, but a proxied call returns a promise. */
  readonly #send: ((events: WorkerStateEvent[]) => unknown) | undefined;

  constructor(send: ((events: WorkerStateEvent[]) => unknown) | undefined) {
    this.#send = send;
    this.#sentAt = performance.now();
  }

  /** `at` on this worker's `performance.now()`; stored in ms since the epoch (see WorkerStateEvent). */
  add(state: WorkerState, at = performance.now(), counted?: number): void {
    if (!this.#send) return;
    this.#events.push({ state, atMs: performance.timeOrigin + at, ...(counted === undefined ? {} : { counted }) });
    // The final state is sent by `close`, which may still turn 'done' into 'stopped'.
    if (state !== 'done' && at - this.#sentAt >= STATE_BATCH_MS) this.#flush(at);
  }

  /** Sends the batch if STATE_BATCH_MS have passed since the last, even with no new state. */
  sendIfDue(): void {
    const now = performance.now();
    if (now - this.#sentAt >= STATE_BATCH_MS) this.#flush(now);
  }

  /** Sends what is left, the last 'done' as 'stopped' if the task was stopped, and lets go of the callback. */
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

/**
 * Runs a task that blocks the thread (under the shared lock) and settles like an async
 * call; its states are sent when it ends, the last as 'stopped' if it was stopped.
 */
export function blocking<T>(onStates: ((events: WorkerStateEvent[]) => unknown) | undefined, task: (batch: StateBatch) => { value: T; stopped: boolean }): Promise<T> {
  const batch = new StateBatch(onStates);
  let stopped = true;
  try {
    const { value, stopped: wasStopped } = task(batch);
    stopped = wasStopped;
    return Promise.resolve(value);
  } catch (error: unknown) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  } finally {
    batch.close(stopped);
  }
}

/**
 * I/O under the shared lock, as CPython's `time.sleep` under the GIL (waitForIoUnderLock): takes
 * the lock to start, gives it up for the whole wait, takes it again to finish, blocking this thread
 * throughout; the wait sleeps on the lock's STOP slot, so that `requestLockStop` ends it at once.
 * Answers the ms the I/O took, and whether the run was stopped.
 */
export function waitUnderSharedLock(waitMs: number, lock: SharedArrayBuffer, workerId: number, batch: StateBatch): { value: number; stopped: boolean } {
  checkWait(waitMs);
  let ioFrom: number | null = null;
  let ioMs = 0;
  const stopped = waitForIoUnderLock({
    waitMs,
    lock: new SharedLock(lock, workerId),
    now: () => performance.now(),
    sleep: (ms) => {
      blockingSleep(lock, ms);
    },
    onState: (state, at) => {
      if (state === 'io') ioFrom = at;
      else if (ioFrom !== null && ioMs === 0) ioMs = at - ioFrom;
      batch.add(FROM_LOCK[state], at);
    },
  });
  return { value: ioMs, stopped };
}

/** A lock as a count in holds sees it: the shared-memory lock or the page's token. */
export interface Holder {
  /** Waits for this worker's turn; false when the run is stopping. */
  acquire: () => boolean | Promise<boolean>;
  /** Another worker waits: give the lock up at the end of this slice. */
  wanted: () => boolean;
  /** A stop came through the lock itself. */
  stopping: () => boolean;
  /** Gives the lock up; `last` when the count ends with this hold. */
  release: (last: boolean) => Promise<void>;
}

/**
 * The page's token as a lock, where there is no shared memory (WebKitGTK): a worker learns that
 * another waits either from its own grant (`contended`) or from the page (`tokenWanted`, kept here
 * by `note`), and gives the token up after the slice that holds that grant.
 */
export class TokenWants {
  /** The latest grant that another worker waits for. */
  #wantedGrant = 0;

  /** The page says another worker waits for `grant`. */
  note(grant: number): void {
    this.#wantedGrant = Math.max(this.#wantedGrant, grant);
  }

  /** `token` as a Holder: each acquire asks the page for a grant; a release before the last is not awaited. */
  holder(token: TokenCallbacks): Holder {
    let grant = 0;
    return {
      acquire: async () => {
        const granted = await token.request();
        if (!granted) return false;
        grant = granted.grant;
        if (granted.contended) this.note(grant);
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
    };
  }
}

/** What a wait with the token needs of its worker. */
export interface TokenWaiter {
  /** A stop came since the task started. */
  stopping: () => boolean;
  /** The wait itself, of `waitMs` from `since` (this worker's clock), ending early on a stop; resolves with the ms waited. */
  wait: (waitMs: number, since: number, batch: StateBatch) => Promise<number>;
}

/**
 * I/O under the page's token, as CPython's `time.sleep` under the GIL: takes the token to start,
 * gives it up for the whole wait, takes it again to finish. Resolves with the ms waited.
 */
export async function waitHoldingToken(waitMs: number, token: TokenCallbacks, onStates: ((events: WorkerStateEvent[]) => unknown) | undefined, waiter: TokenWaiter): Promise<number> {
  const batch = new StateBatch(onStates);
  let stopped = true;
  let ioMs = 0;
  try {
    checkWait(waitMs);
    batch.add('waiting-lock');
    if (await token.request()) {
      batch.add('counting');
      const from = performance.now();
      batch.add('waiting-io', from);
      await token.release();
      // Read before the wait starts: a stop that came during the release would be lost to the wait's own start.
      if (!waiter.stopping()) ioMs = await waiter.wait(waitMs, from, batch);
      batch.add('waiting-lock');
      if (!waiter.stopping() && (await token.request())) {
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
