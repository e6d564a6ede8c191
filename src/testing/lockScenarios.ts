import {
  blockingSleep,
  countUnderLock,
  NEXT_TICKET,
  NOW_SERVING,
  SharedLock,
  waitForIoUnderLock,
  type AcquireOutcome,
  type LockedState,
} from '../lab/models/lock';

/** The scratch cells every thread of a scenario shares (an Int32Array over `shared`), by index. */
export const CELL = { READY: 0, GO: 1, VALUE: 2, INSIDE: 3, OVERLAPS: 4, LOG_LENGTH: 5, LAST: 6, ACTIVE: 7, PAUSE: 8, TICKS: 9 } as const;
/** Where the fairness scenario's log of grants starts: three cells a grant (holder, ticket, tickets out). */
export const LOG = 16;

export type LockScenarioName = 'exclusion' | 'fairness' | 'handover' | 'wait' | 'count' | 'io';

export interface LockScenario {
  scenario: LockScenarioName;
  /** The lock's buffer (createLockBuffer) and this thread's worker id in it. */
  buffer: SharedArrayBuffer;
  id: number;
  /** The scratch cells (CELL) and a Float64 cell for the last release's time. */
  shared: SharedArrayBuffer;
  times: SharedArrayBuffer;
  iterations?: number;
  /** Spins inside the lock in 'exclusion', to make the holds long enough for timed-out waits. */
  spins?: number;
  /** Gives up each wait after this long in 'exclusion' (ms), and retries. */
  timeoutMs?: number;
  /** How long the wait is in 'wait' and the I/O in 'io' (ms). */
  waitMs?: number;
  share?: number;
}

export interface LockScenarioResult {
  timeouts?: number;
  sum?: number;
  n?: number;
  outcome?: AcquireOutcome;
  at?: number;
  waitedMs?: number;
  holding?: boolean;
  stopped?: boolean;
  counted?: number;
  holds?: number;
  events?: [LockedState, number][];
}

/** A count's inner loop, as a worker would pass it. */
function countChunk(size: number): number {
  let count = 0;
  while (count < size) count += 1;
  return count;
}

const clock = () => performance.timeOrigin + performance.now();

/**
 * One scenario in one thread (lockScenarios.worker.ts exposes it), for lock.test.ts: it waits at the start line (READY, GO) so that all
 * threads contend from the start, runs, and answers with what it saw. `onWaiting` is told just
 * before the 'wait' scenario blocks.
 */
export function run(data: LockScenario, onWaiting?: () => unknown): LockScenarioResult {
  const { buffer, id, scenario, iterations = 0, waitMs = 0 } = data;
  const lock = new SharedLock(buffer, id);
  const shared = new Int32Array(data.shared);
  const times = new Float64Array(data.times);
  const slots = new Int32Array(buffer);

  /** Holds on until every worker still running has a ticket: "once all are queued". */
  const untilAllQueued = () => {
    // A short sleep, not a spin: on 2 shared cores a spin could take the core the other worker needs.
    while (Atomics.load(slots, NEXT_TICKET) - Atomics.load(slots, NOW_SERVING) < Atomics.load(shared, CELL.ACTIVE)) Atomics.wait(shared, CELL.PAUSE, 0, 0.02);
  };

  Atomics.add(shared, CELL.READY, 1);
  while (Atomics.load(shared, CELL.GO) === 0) Atomics.wait(shared, CELL.GO, 0, 50);

  switch (scenario) {
    case 'exclusion': {
      let timeouts = 0;
      for (let i = 0; i < iterations; i += 1) {
        // With timeoutMs, waits are given up and retried: abandoned tickets must be skipped or taken back, never served twice.
        while (lock.acquire({ timeoutMs: data.timeoutMs, now: () => performance.now() }) !== 'acquired') timeouts += 1;
        if (Atomics.add(shared, CELL.INSIDE, 1) !== 0) Atomics.add(shared, CELL.OVERLAPS, 1);
        const value = shared[CELL.VALUE];
        let spin = 0;
        for (let j = 0; j < (data.spins ?? 200); j += 1) spin += j;
        shared[CELL.VALUE] = value + 1 + (spin < 0 ? 1 : 0);
        Atomics.sub(shared, CELL.INSIDE, 1);
        lock.release();
      }
      return { timeouts };
    }
    case 'fairness': {
      for (let i = 0; i < iterations; i += 1) {
        lock.acquire({ now: clock });
        const length = shared[CELL.LOG_LENGTH];
        shared[LOG + 3 * length] = id;
        shared[LOG + 3 * length + 1] = Atomics.load(slots, NOW_SERVING);
        shared[LOG + 3 * length + 2] = Atomics.load(slots, NEXT_TICKET) - Atomics.load(slots, NOW_SERVING);
        shared[CELL.LOG_LENGTH] = length + 1;
        untilAllQueued();
        lock.release();
      }
      Atomics.sub(shared, CELL.ACTIVE, 1);
      return {};
    }
    case 'handover': {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < iterations; i += 1) {
        lock.acquire({ now: clock });
        const at = clock();
        if (shared[CELL.LAST] !== id && times[0] > 0) {
          sum += at - times[0];
          n += 1;
        }
        shared[CELL.LAST] = id;
        untilAllQueued();
        times[0] = clock();
        lock.release();
      }
      Atomics.sub(shared, CELL.ACTIVE, 1);
      return { sum, n };
    }
    case 'wait': {
      const started = clock();
      void onWaiting?.();
      const outcome = lock.acquire({ timeoutMs: waitMs, now: clock });
      return { outcome, at: clock(), waitedMs: clock() - started, holding: lock.holding };
    }
    case 'count': {
      // One clock for all the threads, a tick (1 ms) a reading: switch intervals are counted in readings, whatever
      // this machine's speed, and the threads' times fall in one order.
      const ticks = () => Atomics.add(shared, CELL.TICKS, 1) + 1;
      const events: [LockedState, number][] = [];
      const onState = (state: LockedState, at: number) => {
        events.push([state, at]);
        // A hold starts counting once every worker with work left is queued, so the lock is wanted whenever a
        // switch interval ends, however quickly the last holder's thread queues again.
        if (state === 'counting') untilAllQueued();
        if (state === 'done') Atomics.sub(shared, CELL.ACTIVE, 1);
      };
      const counted = countUnderLock({ share: data.share ?? 0, lock, now: ticks, countChunk, onState });
      return { ...counted, events };
    }
    case 'io': {
      const events: [LockedState, number][] = [];
      const stopped = waitForIoUnderLock({
        waitMs,
        lock,
        now: clock,
        sleep: (ms) => blockingSleep(buffer, ms),
        onState: (state, at) => events.push([state, at]),
      });
      return { stopped, events };
    }
  }
}

export const lockScenarios = { run };

export type LockScenariosApi = typeof lockScenarios;
