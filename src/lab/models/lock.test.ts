import { proxy } from 'comlink';
import { afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';
import { CELL, LOG, type LockScenario, type LockScenarioResult, type LockScenariosApi } from '../../testing/lockScenarios';
import {
  countUnderLock,
  createLockBuffer,
  readLockStats,
  requestLockStop,
  SharedLock,
  STOP,
  SWITCH_INTERVAL_MS,
  waitForIoUnderLock,
  type AcquireOptions,
  type LockedState,
} from './lock';

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** The clock every acquire is given, as the worker gives it (a lab module reaches for none of its own). */
const clock = { now: () => performance.now() };

/** A count's inner loop, as a worker would pass it. */
function countChunk(size: number): number {
  let count = 0;
  while (count < size) count += 1;
  return count;
}

describe('SharedLock in one thread', () => {
  it('is taken and given back, counting grants and hand-overs', () => {
    const buffer = createLockBuffer(2);
    const a = new SharedLock(buffer, 0);
    const b = new SharedLock(buffer, 1);
    expect(a.acquire(clock)).toBe('acquired');
    expect(readLockStats(buffer)).toMatchObject({ holder: 0, grants: 1, handovers: 1, queued: 1 });
    expect(a.hasWaiters()).toBe(false);
    a.release();
    expect(a.acquire(clock)).toBe('acquired');
    a.release();
    expect(b.acquire(clock)).toBe('acquired');
    b.release();
    expect(readLockStats(buffer)).toMatchObject({ holder: -1, grants: 3, handovers: 2, queued: 0, stopRequested: false });
  });

  it('refuses a release by a worker that does not hold it, and a second acquire by the holder', () => {
    const buffer = createLockBuffer(2);
    const a = new SharedLock(buffer, 0);
    const b = new SharedLock(buffer, 1);
    expect(() => b.release()).toThrow('does not hold');
    a.acquire(clock);
    expect(() => b.release()).toThrow('does not hold');
    expect(() => a.acquire(clock)).toThrow('already holds');
    expect(readLockStats(buffer).holder).toBe(0);
  });

  it('refuses worker ids the buffer has no room for', () => {
    expect(() => createLockBuffer(0)).toThrow(RangeError);
    expect(() => new SharedLock(createLockBuffer(2), 2)).toThrow('workers 0 to 1');
  });

  it('times out, keeps its place while the queue has not passed it, and is skipped once the holder releases', () => {
    const buffer = createLockBuffer(2);
    const a = new SharedLock(buffer, 0);
    const b = new SharedLock(buffer, 1);
    a.acquire(clock);
    expect(b.acquire({ ...clock, timeoutMs: 10 })).toBe('timed-out');
    expect(b.holding).toBe(false);
    expect(a.hasWaiters()).toBe(true);
    // Asking again takes its old ticket back, not a new one.
    expect(b.acquire({ ...clock, timeoutMs: 5 })).toBe('timed-out');
    expect(readLockStats(buffer).queued).toBe(2);
    a.release();
    // The abandoned ticket was skipped: the lock is free, and b gets it with a new ticket.
    expect(readLockStats(buffer)).toMatchObject({ holder: -1, queued: 0 });
    expect(b.acquire({ ...clock, timeoutMs: 1000 })).toBe('acquired');
  });

  it('times out on the clock it is given, which every acquire must be given', () => {
    expectTypeOf<Pick<AcquireOptions, 'now'>>().toEqualTypeOf<{ now: () => number }>();
    const buffer = createLockBuffer(2);
    const a = new SharedLock(buffer, 0);
    const b = new SharedLock(buffer, 1);
    a.acquire(clock);
    // A clock that runs 20 minutes a reading: an hour's timeout is over within a few polls.
    let minutes = 0;
    const from = performance.now();
    expect(b.acquire({ timeoutMs: 3_600_000, now: () => (minutes += 20) * 60_000 })).toBe('timed-out');
    expect(minutes).toBeLessThanOrEqual(100);
    expect(performance.now() - from).toBeLessThan(1000);
  });

  it('returns stopped while waiting, on a stop in the buffer or from shouldStop', () => {
    const buffer = createLockBuffer(2);
    const a = new SharedLock(buffer, 0);
    const b = new SharedLock(buffer, 1);
    a.acquire(clock);
    let asked = 0;
    expect(b.acquire({ ...clock, shouldStop: () => (asked += 1) > 3 })).toBe('stopped');
    requestLockStop(buffer);
    expect(b.acquire(clock)).toBe('stopped');
    expect(readLockStats(buffer).stopRequested).toBe(true);
  });
});

describe('countUnderLock in one thread', () => {
  it('counts the share exactly and, with nobody waiting, never gives the lock up', () => {
    const buffer = createLockBuffer(1);
    const states: LockedState[] = [];
    const result = countUnderLock({
      share: 30_000_001,
      lock: new SharedLock(buffer, 0),
      now: () => performance.now(),
      countChunk,
      onState: (state) => states.push(state),
      switchIntervalMs: 1,
    });
    expect(result).toMatchObject({ counted: 30_000_001, stopped: false, holds: 1 });
    expect(states).toEqual(['waiting', 'counting', 'done']);
    expect(readLockStats(buffer).holder).toBe(-1);
  });

  it('stops between chunks and gives the lock back', () => {
    const buffer = createLockBuffer(1);
    let chunks = 0;
    const result = countUnderLock({
      share: 1e12,
      lock: new SharedLock(buffer, 0),
      now: () => performance.now(),
      countChunk: (size) => {
        chunks += 1;
        return countChunk(size);
      },
      shouldStop: () => chunks >= 3,
    });
    expect(result.stopped).toBe(true);
    expect(result.counted).toBeGreaterThan(0);
    expect(result.counted).toBeLessThan(1e12);
    expect(readLockStats(buffer).holder).toBe(-1);
  });

  it('counts nothing and takes no lock for an empty share', () => {
    const buffer = createLockBuffer(1);
    expect(countUnderLock({ share: 0, lock: new SharedLock(buffer, 0), now: () => 0, countChunk })).toMatchObject({ counted: 0, holds: 0 });
    expect(readLockStats(buffer).grants).toBe(0);
  });
});

describe('waitForIoUnderLock in one thread', () => {
  it('gives the lock up for the whole wait', () => {
    const buffer = createLockBuffer(2);
    const lock = new SharedLock(buffer, 0);
    let clock = 0;
    const holdersWhileSleeping: number[] = [];
    const states: LockedState[] = [];
    const stopped = waitForIoUnderLock({
      waitMs: 30,
      lock,
      now: () => clock,
      sleep: (ms) => {
        holdersWhileSleeping.push(readLockStats(buffer).holder);
        clock += Math.min(ms, 10);
      },
      onState: (state) => states.push(state),
    });
    expect(stopped).toBe(false);
    expect(holdersWhileSleeping).toEqual([-1, -1, -1]);
    expect(states).toEqual(['waiting', 'counting', 'io', 'waiting', 'counting', 'done']);
    expect(readLockStats(buffer)).toMatchObject({ holder: -1, grants: 2 });
  });
});

describe('SharedLock across real worker threads', () => {
  let bundle = '';
  const running: NodeWorkerHandle<LockScenariosApi>[] = [];

  beforeAll(async () => {
    bundle = await bundleWorker(new URL('../../testing/lockScenarios.worker.ts', import.meta.url));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((worker) => worker.dispose()));
  });

  /** The scratch cells the scenarios share: a start line, a value, flags and a log. */
  function scratch(workers: number, logLength = 0) {
    const shared = new Int32Array(new SharedArrayBuffer((LOG + logLength) * 4));
    shared[CELL.ACTIVE] = workers;
    const times = new Float64Array(new SharedArrayBuffer(8));
    return { shared, times };
  }

  /** Starts k workers on one scenario; resolves with their answers once all are done. */
  function start(k: number, buffer: SharedArrayBuffer, cells: ReturnType<typeof scratch>, data: Omit<LockScenario, 'buffer' | 'id' | 'shared' | 'times'>, onWaiting?: () => void) {
    return Promise.all(
      Array.from({ length: k }, (_, id): Promise<LockScenarioResult> => {
        const worker = startNodeWorker<LockScenariosApi>(bundle, `Lock worker ${id}`);
        running.push(worker);
        const scenario = { buffer, id, shared: cells.shared.buffer, times: cells.times.buffer, ...data };
        return Promise.race([worker.remote.run(scenario, onWaiting && proxy(onWaiting)), worker.failure]);
      }),
    );
  }

  /** Lets every worker past the start line once all k have reached it. */
  async function go(shared: Int32Array, k: number): Promise<void> {
    while (Atomics.load(shared, CELL.READY) < k) await pause(5);
    Atomics.store(shared, CELL.GO, 1);
    Atomics.notify(shared, CELL.GO);
  }

  it('lets one thread in at a time: 4 × 2,000 unguarded increments add up to 8,000', async () => {
    const k = 4;
    const buffer = createLockBuffer(k);
    const cells = scratch(k);
    const done = start(k, buffer, cells, { scenario: 'exclusion', iterations: 2000 });
    await go(cells.shared, k);
    await done;
    expect(cells.shared[CELL.OVERLAPS]).toBe(0);
    expect(cells.shared[CELL.VALUE]).toBe(8000);
    expect(readLockStats(buffer)).toMatchObject({ holder: -1, grants: 8000, queued: 0 });
  });

  it('stays exclusive while waits time out and are retried: 3 × 300 increments add up to 900', async () => {
    const k = 3;
    const buffer = createLockBuffer(k);
    const cells = scratch(k);
    const done = start(k, buffer, cells, { scenario: 'exclusion', iterations: 300, timeoutMs: 0.01, spins: 20_000 });
    await go(cells.shared, k);
    const results = await done;
    expect(cells.shared[CELL.OVERLAPS]).toBe(0);
    expect(cells.shared[CELL.VALUE]).toBe(900);
    expect(readLockStats(buffer)).toMatchObject({ holder: -1, grants: 900 });
    // Tickets given up and not taken back were skipped, so none is left waiting.
    expect(readLockStats(buffer).queued).toBe(0);
    const timeouts = results.reduce((total, result) => total + (result.timeouts ?? 0), 0);
    expect(timeouts).toBeGreaterThan(0);
  });

  it('serves in ticket order: between two grants of one thread, at most k − 1 others', async () => {
    const k = 4;
    const iterations = 500;
    const buffer = createLockBuffer(k);
    const cells = scratch(k, 3 * k * iterations);
    const done = start(k, buffer, cells, { scenario: 'fairness', iterations });
    await go(cells.shared, k);
    await done;
    const grants = cells.shared[CELL.LOG_LENGTH];
    expect(grants).toBe(k * iterations);
    const log = Array.from({ length: grants }, (_, index) => ({
      id: cells.shared[LOG + 3 * index],
      ticket: cells.shared[LOG + 3 * index + 1],
      outstanding: cells.shared[LOG + 3 * index + 2],
    }));
    // Served in ticket order, none skipped, and never more tickets out than workers.
    expect(log.map((grant) => grant.ticket)).toEqual(log.map((_, index) => index));
    expect(Math.max(...log.map((grant) => grant.outstanding))).toBeLessThanOrEqual(k);
    const last = new Map<number, number>();
    let worstGap = 0;
    log.forEach(({ id }, index) => {
      const previous = last.get(id);
      if (previous !== undefined) worstGap = Math.max(worstGap, index - previous - 1);
      last.set(id, index);
    });
    expect(worstGap).toBeLessThanOrEqual(k - 1);
  });

  it('hands over in far less than a switch interval', async ({ annotate }) => {
    const k = 2;
    const buffer = createLockBuffer(k);
    const cells = scratch(k);
    const done = start(k, buffer, cells, { scenario: 'handover', iterations: 500 });
    await go(cells.shared, k);
    const results = await done;
    const sum = results.reduce((total, result) => total + (result.sum ?? 0), 0);
    const n = results.reduce((total, result) => total + (result.n ?? 0), 0);
    const meanMs = sum / n;
    await annotate(`mean hand-over ${(meanMs * 1000).toFixed(1)} µs over ${n} hand-overs`);
    expect(n).toBeGreaterThan(100);
    expect(Number.isFinite(meanMs)).toBe(true);
    // A wake-up: 13–27 µs on this 2-core VM, quiet or with both cores busy, so about 0.1 ms on a CPU four times slower.
    // A lock whose waiters only noticed a release at their next poll (LOCK_POLL_MS) would take about a millisecond.
    expect(meanMs).toBeLessThan(SWITCH_INTERVAL_MS / 10);
  });

  it('ends a wait soon after a stop, and times a wait out', async () => {
    const buffer = createLockBuffer(3);
    const holder = new SharedLock(buffer, 0);
    holder.acquire(clock);
    const cells = scratch(2);
    let waiting = 0;
    let allWaiting = () => {
      // Replaced below by the promise's resolve.
    };
    const whenWaiting = new Promise<void>((resolve) => {
      allWaiting = resolve;
    });
    const results = start(2, buffer, cells, { scenario: 'wait', waitMs: Infinity }, () => {
      waiting += 1;
      if (waiting === 2) allWaiting();
    });
    await go(cells.shared, 2);
    await whenWaiting;
    // Both have taken a ticket and are blocked in Atomics.wait.
    while (readLockStats(buffer).queued < 3) await pause(5);
    const stoppedAt = performance.timeOrigin + performance.now();
    requestLockStop(buffer);
    const outcomes = await results;
    expect(outcomes).toHaveLength(2);
    for (const result of outcomes) {
      expect(result).toMatchObject({ outcome: 'stopped', holding: false });
      expect((result.at ?? Infinity) - stoppedAt).toBeLessThan(1000);
    }
    holder.release();
  });

  it('sees a stop written without a wake-up within its polling interval', async () => {
    const buffer = createLockBuffer(2);
    const holder = new SharedLock(buffer, 0);
    holder.acquire(clock);
    const cells = scratch(1);
    const done = start(1, buffer, cells, { scenario: 'wait', waitMs: Infinity });
    await go(cells.shared, 1);
    while (readLockStats(buffer).queued < 2) await pause(5);
    const stoppedAt = performance.timeOrigin + performance.now();
    Atomics.store(new Int32Array(buffer), STOP, 1);
    const [result] = await done;
    expect(result.outcome).toBe('stopped');
    expect((result.at ?? Infinity) - stoppedAt).toBeLessThan(1000);
  });

  it('times a wait out without holding, and the lock stays usable', async () => {
    const buffer = createLockBuffer(2);
    const holder = new SharedLock(buffer, 0);
    holder.acquire(clock);
    const cells = scratch(1);
    const done = start(1, buffer, cells, { scenario: 'wait', waitMs: 40 });
    await go(cells.shared, 1);
    const [result] = await done;
    expect(result).toMatchObject({ outcome: 'timed-out', holding: false });
    expect(result.waitedMs).toBeGreaterThanOrEqual(39);
    holder.release();
    expect(readLockStats(buffer)).toMatchObject({ holder: -1, queued: 0 });
    expect(holder.acquire({ ...clock, timeoutMs: 1000 })).toBe('acquired');
  });

  it('counts under the lock in turns: exact counts, holds that never overlap, hand-overs at switch intervals', async ({ annotate }) => {
    const k = 2;
    const share = 4_000_000;
    const buffer = createLockBuffer(k);
    const cells = scratch(k);
    const done = start(k, buffer, cells, { scenario: 'count', share });
    await go(cells.shared, k);
    const results = await done;
    // On the threads' shared clock of readings (see the 'count' scenario), not on either thread's speed.
    const holds: { id: number; from: number; to: number; last: boolean }[] = [];
    results.forEach((result, id) => {
      expect(result.counted).toBe(share);
      const events = result.events ?? [];
      events.forEach(([state, at], index) => {
        if (state === 'counting') holds.push({ id, from: at, to: events[index + 1][1], last: events[index + 1][0] === 'done' });
      });
    });
    holds.sort((a, b) => a.from - b.from);
    for (let index = 1; index < holds.length; index += 1) expect(holds[index].from).toBeGreaterThan(holds[index - 1].to);
    // A hold is given up only once a switch interval has passed (a worker's last hold ends with its share).
    for (const hold of holds.filter((each) => !each.last)) expect(hold.to - hold.from).toBeGreaterThanOrEqual(SWITCH_INTERVAL_MS);
    const { grants, handovers } = readLockStats(buffer);
    await annotate(`${handovers} hand-overs in ${grants} grants`);
    // Both wanted the lock from the first hold to the end of a share, so every grant went to the other worker, many times.
    expect(grants).toBe(holds.length);
    expect(handovers).toBe(grants);
    for (const id of [0, 1]) expect(holds.filter((hold) => hold.id === id).length).toBeGreaterThanOrEqual(10);
  });

  it('releases the lock for I/O: three 200 ms waits overlap', async () => {
    const k = 3;
    const buffer = createLockBuffer(k);
    const cells = scratch(k);
    const done = start(k, buffer, cells, { scenario: 'io', waitMs: 200 });
    await go(cells.shared, k);
    const results = await done;
    const io = results.map((result) => {
      const events = result.events ?? [];
      const index = events.findIndex(([state]) => state === 'io');
      return { from: events[index][1], to: events[index + 1][1] };
    });
    for (const result of results) expect(result.stopped).toBe(false);
    expect(Math.max(...io.map((wait) => wait.from))).toBeLessThan(Math.min(...io.map((wait) => wait.to)));
  });
});
