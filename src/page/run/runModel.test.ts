import { fileURLToPath } from 'node:url';
import { expose, releaseProxy, wrap } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_INTERVAL_MS } from '../../lab/measurement/kernel';
import type { LaneState } from '../../lab/timeline';
import type { ExecutionModel, RunPlan, TaskKind } from '../../lab/types';
import { inThreadSpawner, tickingClock } from '../../testing/inThreadCounter';
import { makePlan } from '../../testing/makeRun';
import { pythonSupport } from '../../lab/models/pythonSupport';
import { PythonCounting } from '../../workers/python/pythonCounting';
import { runModel } from './runModel';
import type { PythonCounter } from './runOnWorkers';
import type { WorkerHandle } from '../boundary/spawnWorker';
import { freshWorkers, type WorkerSource } from '../boundary/workerSource';

// 10^6 counts a task at 40 ns: each waiting task waits 40 ms.
const plan = (model: ExecutionModel, task: TaskKind): RunPlan => makePlan({ count: 2_000_000, model, task, nsPerCount: 40 });

async function run(model: ExecutionModel, task: TaskKind, shares: readonly number[] = [1_000_000, 1_000_000]) {
  const { spawn, spawned } = inThreadSpawner();
  const lanes: { lane: number; state: LaneState; atMs: number }[] = [];
  const progress: number[] = [0, 0];
  let readyMs: number | null = null;
  const timings = await runModel(plan(model, task), shares, {
    signal: new AbortController().signal,
    source: freshWorkers(spawn),
    now: () => performance.now(),
    onAllReady: (startupMs) => {
      readyMs = startupMs;
    },
    onProgress: (lane, counted) => {
      progress[lane] = counted;
    },
    onLaneEvent: (lane, state, atMs) => {
      lanes.push({ lane, state, atMs });
    },
    // In Node there is no isolated page: the test picks the lock.
    lock: 'token',
  });
  // A worker's progress travels on its callback's own port, so the last report may come after the answer.
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  const statesOf = (lane: number) => lanes.filter((event) => event.lane === lane).map((event) => event.state);
  /** When each lane's wait for I/O began and ended (its next state), on the page's clock. */
  const waitsOf = (lane: number) => {
    const mine = lanes.filter((event) => event.lane === lane);
    const index = mine.findIndex((event) => event.state === 'waiting-io');
    return { from: mine[index]?.atMs ?? Number.NaN, to: mine[index + 1]?.atMs ?? Number.NaN };
  };
  /** The lanes in the order they started counting, a lane once per stretch of counting. */
  const countingOrder = () =>
    lanes
      .filter((event) => event.state === 'counting')
      .sort((a, b) => a.atMs - b.atMs)
      .map((event) => event.lane);
  return { timings, statesOf, waitsOf, countingOrder, spawned, progress, readyMs: readyMs as number | null };
}

describe('runModel', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([['parallel'], ['lock'], ['main-thread']] as const)('counts exactly with %s', async (model) => {
    // A report interval a reading: a worker in parallel reports after its chunk however fast it counted (it reports at most every report interval).
    vi.spyOn(performance, 'now').mockImplementation(tickingClock(PROGRESS_INTERVAL_MS));
    const { timings, statesOf, spawned, progress, readyMs } = await run(model, 'cpu');
    expect(timings.countedByWorker).toEqual([1_000_000, 1_000_000]);
    // Every model's progress reaches each share: the lock's and the main thread's at each turn, the last at the end.
    expect(progress).toEqual([1_000_000, 1_000_000]);
    expect(timings.waitedMsByWorker).toBeUndefined();
    expect(readyMs).not.toBeNull();
    // The main thread starts no worker; the others one per lane.
    expect(spawned).toHaveLength(model === 'main-thread' ? 0 : 2);
    for (const lane of [0, 1]) {
      expect(statesOf(lane)).toContain('counting');
      expect(statesOf(lane).at(-1)).toBe('done');
    }
  });

  it('reports the lock it used and its hand-overs, as many as the lanes show', async () => {
    // One clock for the page and the workers that moves at every reading: the lanes' events are in the order they happened.
    vi.spyOn(performance, 'now').mockImplementation(tickingClock(1));
    const { timings, countingOrder } = await run('lock', 'cpu', [4_000_000, 4_000_000]);
    expect(timings.lock?.kind).toBe('token');
    const order = countingOrder();
    const laneChanges = order.filter((lane, index) => index > 0 && lane !== order[index - 1]).length;
    // Both lanes counted, so the lock passed at least once; a hand-over is a grant to another lane than the last.
    expect(laneChanges).toBeGreaterThanOrEqual(1);
    expect(timings.lock?.handovers).toBe(laneChanges);
  });

  it('names a main-thread task waiting for its turn as waiting for the lock: the thread is the lock', async () => {
    const { statesOf } = await run('main-thread', 'cpu');
    const states = [...statesOf(0), ...statesOf(1)];
    expect(states).not.toContain('waiting-turn');
    expect(states).toContain('waiting-lock');
  });

  it.each([['parallel'], ['lock'], ['main-thread']] as const)('waits as long as counting the shares takes, in every lane, with %s', async (model) => {
    const { timings, statesOf, waitsOf } = await run(model, 'io');
    expect(timings.countedByWorker).toEqual([0, 0]);
    expect(timings.waitedMsByWorker).toHaveLength(2);
    for (const waited of timings.waitedMsByWorker ?? []) expect(waited).toBeGreaterThanOrEqual(40);
    // The waits overlap: each began before the other ended, whatever this machine's speed.
    const [first, second] = [waitsOf(0), waitsOf(1)];
    expect(Math.max(first.from, second.from)).toBeLessThan(Math.min(first.to, second.to));
    for (const lane of [0, 1]) {
      expect(statesOf(lane)).toContain('waiting-io');
      expect(statesOf(lane).at(-1)).toBe('done');
    }
  });

  it('ends a main-thread run within a slice when stopped, with the signal’s reason', async () => {
    const controller = new AbortController();
    let events = 0;
    const { spawn } = inThreadSpawner();
    const running = runModel({ ...plan('main-thread', 'cpu'), count: 1e12 }, [5e11, 5e11], {
      signal: controller.signal,
      source: freshWorkers(spawn),
      now: () => performance.now(),
      onAllReady: () => undefined,
      onProgress: () => undefined,
      // Node runs its ports before its timers, so the stop comes from the run's own events: after a few slices.
      onLaneEvent: () => {
        events += 1;
        if (events === 6) controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
      },
    });
    await expect(running).rejects.toThrow('Stopped by the user.');
    // It ended within a slice of the stop: a turn is two events (counting, then waiting or done), one more for each lane's 'stopped'.
    expect(events).toBeLessThanOrEqual(6 + 2 + 2);
  });
});

describe('runModel with Python', () => {
  const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));
  const prepared = { indexURL: PACKAGE_FOLDER, compiled: null };
  const pythonPlan = (model: ExecutionModel, task: TaskKind): RunPlan => ({ ...plan(model, task), language: 'python' });
  /** One Python interpreter in this thread, loaded once for the block, behind a MessageChannel as a worker would be. */
  const service = new PythonCounting({ schedule: (step) => setImmediate(step) });
  const spawned: string[] = [];
  const spawnPython = (name: string): WorkerHandle<PythonCounter> => {
    const { port1, port2 } = new MessageChannel();
    expose(service, port1);
    const remote = wrap<PythonCounter>(port2);
    spawned.push(name);
    return {
      name,
      remote,
      failure: new Promise<never>(() => undefined),
      dispose() {
        remote[releaseProxy]();
        port1.close();
        port2.close();
      },
      endChildren: () => undefined,
    };
  };
  const options = (python?: { source: WorkerSource<PythonCounter>; prepared: typeof prepared }) => ({
    signal: new AbortController().signal,
    source: freshWorkers(inThreadSpawner().spawn),
    now: () => performance.now(),
    onAllReady: () => undefined,
    onProgress: () => undefined,
    onLaneEvent: () => undefined,
    ...(python ? { python } : {}),
  });

  it('refuses the main thread with the sentence the page shows beside the choice, starting no worker', async () => {
    for (const model of ['main-thread'] as const) {
      for (const task of ['cpu', 'io'] as const) {
        const support = pythonSupport(model, task);
        if (support.offered) throw new Error(`${model} ${task} is offered with Python.`);
        await expect(runModel(pythonPlan(model, task), [10, 10], options({ source: freshWorkers(spawnPython), prepared }))).rejects.toThrow(support.why);
      }
    }
    expect(spawned).toEqual([]);
  });

  it('says in one sentence that Python is not loaded when the run has no Python workers', async () => {
    await expect(runModel(pythonPlan('parallel', 'cpu'), [10, 10], options())).rejects.toThrow('Python is not loaded yet');
  });

  it('counts a parallel plan on the Python workers, exactly, without a kernel; and waits on them', { timeout: 60_000 }, async () => {
    const timings = await runModel(pythonPlan('parallel', 'cpu'), [200_001, 200_000], options({ source: freshWorkers(spawnPython), prepared }));
    expect(timings.countedByWorker).toEqual([200_001, 200_000]);
    expect(timings.kernel).toBeUndefined();
    expect(spawned).toEqual(['Worker 1', 'Worker 2']);
    const waiting = await runModel(pythonPlan('parallel', 'io'), [1_000_000, 1_000_000], options({ source: freshWorkers(spawnPython), prepared }));
    // 10^6 counts at 40 ns: 40 ms each.
    expect(waiting.waitedMsByWorker?.every((waited) => waited >= 39)).toBe(true);
  });

  it('counts a plan under one lock on the Python workers, exactly, with the lock in its record; and waits under it', { timeout: 60_000 }, async () => {
    // The token: both lanes share this thread's one interpreter, where a lane blocked in Atomics.wait would block the holder too.
    const underToken = () => ({ ...options({ source: freshWorkers(spawnPython), prepared }), lock: 'token' as const });
    const timings = await runModel(pythonPlan('lock', 'cpu'), [200_001, 200_000], underToken());
    expect(timings.countedByWorker).toEqual([200_001, 200_000]);
    expect(timings.kernel).toBeUndefined();
    expect(timings.lock?.kind).toBe('token');
    const waiting = await runModel(pythonPlan('lock', 'io'), [1_000_000, 1_000_000], underToken());
    expect(waiting.waitedMsByWorker?.every((waited) => waited >= 39)).toBe(true);
    expect(waiting.lock?.kind).toBe('token');
  });
});
