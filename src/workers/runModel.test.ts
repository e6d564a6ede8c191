import { describe, expect, it } from 'vitest';
import type { LaneState } from '../lab/timeline';
import type { ExecutionModel, RunPlan, TaskKind } from '../lab/types';
import { inThreadSpawner } from './inThreadCounter';
import { runModel } from './runModel';
import { freshWorkers } from './workerSource';

const plan = (model: ExecutionModel, task: TaskKind): RunPlan => ({
  workers: 2,
  scaling: 'strong',
  count: 2_000_000,
  pooled: false,
  sweepId: null,
  model,
  task,
  freeze: false,
  // 10^6 counts at 40 ns: each waiting task waits 40 ms.
  nsPerCount: 40,
  predictionMs: null,
});

async function run(model: ExecutionModel, task: TaskKind, signal = new AbortController().signal) {
  const { spawn, spawned } = inThreadSpawner();
  const lanes: { lane: number; state: LaneState; atMs: number }[] = [];
  const progress: number[] = [0, 0];
  let readyMs: number | null = null;
  const timings = await runModel(plan(model, task), [1_000_000, 1_000_000], {
    signal,
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
  const statesOf = (lane: number) => lanes.filter((event) => event.lane === lane).map((event) => event.state);
  return { timings, statesOf, spawned, progress, readyMs: readyMs as number | null };
}

describe('runModel', () => {
  it.each([['parallel'], ['lock'], ['main-thread']] as const)('counts exactly with %s', async (model) => {
    const { timings, statesOf, spawned, progress, readyMs } = await run(model, 'cpu');
    expect(timings.countedByWorker).toEqual([1_000_000, 1_000_000]);
    // The lock and the main thread report at each turn, the last at the end; a worker in parallel reports
    // every 50 ms, so not at all in a count this short (the page then fills its bars from the answers).
    expect(progress).toEqual(model === 'parallel' ? [0, 0] : [1_000_000, 1_000_000]);
    expect(timings.waitedMsByWorker).toBeUndefined();
    expect(readyMs).not.toBeNull();
    // The main thread starts no worker; the others one per lane.
    expect(spawned).toHaveLength(model === 'main-thread' ? 0 : 2);
    for (const lane of [0, 1]) {
      expect(statesOf(lane)).toContain('counting');
      expect(statesOf(lane).at(-1)).toBe('done');
    }
  });

  it('reports the lock it used and its hand-overs', async () => {
    const { timings } = await run('lock', 'cpu');
    expect(timings.lock?.kind).toBe('token');
    expect(timings.lock?.handovers).toBeGreaterThanOrEqual(0);
  });

  it('names a main-thread task waiting for its turn as waiting for the lock: the thread is the lock', async () => {
    const { statesOf } = await run('main-thread', 'cpu');
    const states = [...statesOf(0), ...statesOf(1)];
    expect(states).not.toContain('waiting-turn');
    expect(states).toContain('waiting-lock');
  });

  it.each([['parallel'], ['lock'], ['main-thread']] as const)('waits as long as counting the shares takes, in every lane, with %s', async (model) => {
    const { timings, statesOf } = await run(model, 'io');
    expect(timings.countedByWorker).toEqual([0, 0]);
    expect(timings.waitedMsByWorker).toHaveLength(2);
    for (const waited of timings.waitedMsByWorker ?? []) expect(waited).toBeGreaterThanOrEqual(40);
    // The waits overlap: two 40 ms waits take well under 80 ms of compute.
    expect(timings.computeMs).toBeLessThan(75);
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
