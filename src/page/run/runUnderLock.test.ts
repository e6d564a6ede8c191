import { proxy } from 'comlink';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLockBuffer, requestLockStop, SWITCH_INTERVAL_MS } from '../../lab/models/lock';
import type { LaneState } from '../../lab/timeline';
import type { CounterWorkerApi, WorkerStateEvent } from '../../lab/types';
import { inThreadSpawner, tickingClock } from '../../testing/inThreadCounter';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';
import { runUnderLock, runWaitingOnWorkers } from './runUnderLock';
import type { WorkerHandle } from '../boundary/spawnWorker';
import { freshWorkers } from '../boundary/workerSource';

type Recorded = { lane: number; state: LaneState; atMs: number }[];

function recorder() {
  const events: Recorded = [];
  const onLaneEvent = (lane: number, state: LaneState, atMs: number) => {
    events.push({ lane, state, atMs });
  };
  const statesOf = (lane: number) => events.filter((event) => event.lane === lane).map((event) => event.state);
  /** Every stretch of counting, [from, to] on the page's clock, of every lane. */
  const countingSpans = () => {
    const spans: { lane: number; from: number; to: number }[] = [];
    const lanes = new Set(events.map((event) => event.lane));
    for (const lane of lanes) {
      const mine = events.filter((event) => event.lane === lane);
      mine.forEach((event, index) => {
        if (event.state === 'counting') spans.push({ lane, from: event.atMs, to: mine[index + 1]?.atMs ?? Infinity });
      });
    }
    return spans.sort((a, b) => a.from - b.from);
  };
  /** Each lane's wait for I/O, from 'waiting-io' to its next state, on the page's clock. */
  const ioWaits = () =>
    [...new Set(events.map((event) => event.lane))].map((lane) => {
      const mine = events.filter((event) => event.lane === lane);
      const index = mine.findIndex((event) => event.state === 'waiting-io');
      return { from: mine[index]?.atMs ?? Number.NaN, to: mine[index + 1]?.atMs ?? Number.NaN };
    });
  return { events, onLaneEvent, statesOf, countingSpans, ioWaits };
}

/** Waits that overlap: every one began before any ended. Done one after another, the last would begin after the first ended. */
function expectAllAtOnce(waits: { from: number; to: number }[]) {
  expect(Math.max(...waits.map((wait) => wait.from))).toBeLessThan(Math.min(...waits.map((wait) => wait.to)));
}

/** A CPU lane: starting, then waiting and counting in turns, starting with a wait and ending done. */
function expectCpuLane(states: LaneState[]) {
  expect(states[0]).toBe('starting');
  expect(states.at(-1)).toBe('done');
  const middle = states.slice(1, -1);
  expect(middle.length).toBeGreaterThanOrEqual(2);
  middle.forEach((state, index) => {
    expect(state).toBe(index % 2 === 0 ? 'waiting-lock' : 'counting');
  });
}

function expectOneCountingAtATime(spans: { lane: number; from: number; to: number }[], toleranceMs = 0) {
  for (let index = 1; index < spans.length; index += 1) {
    expect(spans[index].from).toBeGreaterThanOrEqual(spans[index - 1].to - toleranceMs);
  }
}

describe('runUnderLock with in-thread workers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('counts one share under the shared-memory lock exactly, with its states in order', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const record = recorder();
    const batches: WorkerStateEvent[][] = [];
    const timings = await runUnderLock([20_000_001], {
      signal: new AbortController().signal,
      task: 'cpu',
      lock: 'shared-memory',
      source: freshWorkers(spawn),
      onLaneEvent: record.onLaneEvent,
      onStates: (_, events) => batches.push([...events]),
    });
    expect(timings).toMatchObject({ countedByWorker: [20_000_001], lock: 'shared-memory', handovers: 0, meanHandoverMs: null });
    expect(timings.wallMs).toBeCloseTo(timings.startupMs + timings.computeMs, 9);
    expect(record.statesOf(0)).toEqual(['starting', 'waiting-lock', 'counting', 'done']);
    // The worker's times are epoch ms.
    for (const event of batches.flat()) expect(Math.abs(event.atMs - Date.now())).toBeLessThan(60_000);
    // On the page's clock, within the run.
    for (const event of record.events) expect(event.atMs).toBeGreaterThanOrEqual(0);
    expect(record.events.at(-1)?.atMs).toBeLessThanOrEqual(timings.wallMs + 1);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('hands the token from worker to worker: exact counts, one lane counting at a time, states in order', async () => {
    // A switch interval a reading: every slice reads as longer than one, so slices shrink to the kernel's least, at any speed.
    vi.spyOn(performance, 'now').mockImplementation(tickingClock(SWITCH_INTERVAL_MS));
    const { spawn, spawned } = inThreadSpawner();
    const record = recorder();
    const shares = [3_000_001, 3_000_000, 3_000_000];
    const timings = await runUnderLock(shares, {
      signal: new AbortController().signal,
      task: 'cpu',
      lock: 'token',
      source: freshWorkers(spawn),
      onLaneEvent: record.onLaneEvent,
    });
    expect(timings.countedByWorker).toEqual(shares);
    expect(timings.lock).toBe('token');
    for (const lane of [0, 1, 2]) expectCpuLane(record.statesOf(lane));
    expectOneCountingAtATime(record.countingSpans());
    // Every worker counted in several holds, waiting for the others between them, so the token went round.
    for (const lane of [0, 1, 2]) expect(record.statesOf(lane).filter((state) => state === 'counting').length).toBeGreaterThanOrEqual(2);
    expect(timings.handovers).toBeGreaterThanOrEqual(3);
    expect(timings.meanHandoverMs).not.toBeNull();
    expect(timings.meanHandoverMs).toBeGreaterThanOrEqual(0);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('stops a token run at once, with every lane stopped and every worker disposed', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const controller = new AbortController();
    const record = recorder();
    const run = runUnderLock([1e12, 1e12], {
      signal: controller.signal,
      task: 'cpu',
      lock: 'token',
      source: freshWorkers(spawn),
      onLaneEvent: (lane, state, atMs) => {
        record.onLaneEvent(lane, state, atMs);
        if (state === 'counting') controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
      },
    });
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
    for (const lane of [0, 1]) expect(record.statesOf(lane).at(-1)).toBe('stopped');
  });

  it('lets the I/O waits overlap under the token: each worker gives it up while it waits', async () => {
    const { spawn } = inThreadSpawner();
    const record = recorder();
    const timings = await runUnderLock([80, 80, 80], {
      signal: new AbortController().signal,
      task: 'io',
      lock: 'token',
      source: freshWorkers(spawn),
      onLaneEvent: record.onLaneEvent,
    });
    for (const waited of timings.waitedMsByWorker ?? []) expect(waited).toBeGreaterThanOrEqual(79);
    expect(timings.waitedMsByWorker).toHaveLength(3);
    expect(timings.countedByWorker).toEqual([0, 0, 0]);
    expectAllAtOnce(record.ioWaits());
    for (const lane of [0, 1, 2]) {
      const states = record.statesOf(lane);
      expect(states).toContain('waiting-io');
      expect(states.at(-1)).toBe('done');
    }
  });

  it('waits under the shared-memory lock with one worker', async () => {
    const { spawn } = inThreadSpawner();
    const record = recorder();
    const timings = await runUnderLock([30], { signal: new AbortController().signal, task: 'io', lock: 'shared-memory', source: freshWorkers(spawn), onLaneEvent: record.onLaneEvent });
    expect(timings.waitedMsByWorker?.[0]).toBeGreaterThanOrEqual(29);
    expect(record.statesOf(0)).toEqual(['starting', 'waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'counting', 'done']);
  });
});

describe('runWaitingOnWorkers', () => {
  it('waits in parallel: three waits of 100 ms overlap', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const record = recorder();
    const timings = await runWaitingOnWorkers([100, 100, 100], { signal: new AbortController().signal, source: freshWorkers(spawn), onLaneEvent: record.onLaneEvent });
    for (const waited of timings.waitedMsByWorker) expect(waited).toBeGreaterThanOrEqual(99);
    expect(timings.computeMs).toBeGreaterThanOrEqual(99);
    expectAllAtOnce(record.ioWaits());
    for (const lane of [0, 1, 2]) expect(record.statesOf(lane)).toEqual(['starting', 'waiting-io', 'done']);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('stops the waits when aborted', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const controller = new AbortController();
    const run = runWaitingOnWorkers([60_000, 60_000], { signal: controller.signal, source: freshWorkers(spawn), onAllReady: () => setTimeout(() => controller.abort(new Error('Stopped.')), 20) });
    const started = performance.now();
    await expect(run).rejects.toThrow('Stopped.');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });
});

/**
 * The worker's service in real Node worker threads (src/testing/nodeWorker.ts), where each blocks
 * in Atomics.wait on its own thread: contendedCounter.worker.ts, bundled as a browser's worker is.
 */
describe('runUnderLock with the shared-memory lock across real worker threads', () => {
  let bundle = '';
  const running: NodeWorkerHandle<CounterWorkerApi>[] = [];

  beforeAll(async () => {
    bundle = await bundleWorker(new URL('../../testing/contendedCounter.worker.ts', import.meta.url));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((thread) => thread.dispose()));
  });

  /** Threads as the page's handles, each recording whether it was disposed and resolving `exited` once its thread has gone. */
  function threadSpawner() {
    const spawned: { name: string; disposed: boolean; exited: Promise<void> }[] = [];
    const spawn = (name: string): WorkerHandle<CounterWorkerApi> => {
      const thread = startNodeWorker<CounterWorkerApi>(bundle, name);
      running.push(thread);
      let gone: () => void = () => undefined;
      const record = { name, disposed: false, exited: new Promise<void>((resolve) => (gone = resolve)) };
      spawned.push(record);
      return {
        name,
        remote: thread.remote,
        failure: thread.failure,
        dispose() {
          if (record.disposed) return;
          record.disposed = true;
          void thread.dispose().then(gone);
        },
        // These threads are given no host: they start no workers of their own.
        endChildren: () => undefined,
      };
    };
    return { spawn, spawned };
  }

  it('lets one worker count at a time, hands the lock over every switch interval, and adds up exactly', async () => {
    const { spawn, spawned } = threadSpawner();
    const record = recorder();
    const shares = [40_000_001, 40_000_000];
    const timings = await runUnderLock(shares, { signal: new AbortController().signal, task: 'cpu', lock: 'shared-memory', source: freshWorkers(spawn), onLaneEvent: record.onLaneEvent });
    expect(timings.countedByWorker).toEqual(shares);
    for (const lane of [0, 1]) expectCpuLane(record.statesOf(lane));
    // Both clocks are converted through their time origins: allow for their rounding.
    expectOneCountingAtATime(record.countingSpans(), 0.05);
    expect(timings.handovers).toBeGreaterThanOrEqual(2);
    expect(timings.meanHandoverMs).not.toBeNull();
    await Promise.all(spawned.map((worker) => worker.exited));
  });

  it('ends blocked workers promptly with what they counted once the stop is written into the lock', async () => {
    const { spawn, spawned } = threadSpawner();
    const handles = [spawn('Worker 1'), spawn('Worker 2')];
    const lock = createLockBuffer(2);
    const watch = { countingSeen: false };
    const seen = proxy((events: WorkerStateEvent[]) => {
      watch.countingSeen ||= events.some((event) => event.state === 'counting');
    });
    const counting = handles.map((handle, id) => handle.remote.countLocked(1e12, lock, id, seen));
    // Once a worker has counted (starting a thread takes from 20 ms to seconds on a busy machine), and a little more.
    for (let waited = 0; !watch.countingSeen && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stoppedAt = performance.now();
    requestLockStop(lock);
    const counted = await Promise.all(counting);
    expect(performance.now() - stoppedAt).toBeLessThan(500);
    for (const each of counted) expect(each).toBeLessThan(1e12);
    expect(counted[0] + counted[1]).toBeGreaterThan(0);
    for (const handle of handles) handle.dispose();
    await Promise.all(spawned.map((worker) => worker.exited));
  });

  it('stops a locked run through the lock’s buffer, and terminates every worker', async () => {
    const { spawn, spawned } = threadSpawner();
    const controller = new AbortController();
    const record = recorder();
    const run = runUnderLock([1e12, 1e12, 1e12], {
      signal: controller.signal,
      task: 'cpu',
      lock: 'shared-memory',
      source: freshWorkers(spawn),
      onAllReady: () => setTimeout(() => controller.abort(new DOMException('Stopped by the user.', 'AbortError')), 150),
      onLaneEvent: record.onLaneEvent,
    });
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(spawned.every((worker) => worker.disposed)).toBe(true);
    await Promise.all(spawned.map((worker) => worker.exited));
    for (const lane of [0, 1, 2]) expect(record.statesOf(lane).at(-1)).toBe('stopped');
  });
});
