import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_INTERVAL_MS } from '../../lab/measurement/kernel';
import type { LaneState } from '../../lab/timeline';
import type { ExecutionModel, RunPlan, TaskKind } from '../../lab/types';
import { inThreadSpawner, tickingClock } from '../../testing/inThreadCounter';
import { makePlan } from '../../testing/makeRun';
import { runModel } from './runModel';
import { freshWorkers } from '../boundary/workerSource';

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
