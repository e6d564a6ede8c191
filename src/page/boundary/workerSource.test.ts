import { describe, expect, it } from 'vitest';
import { WARM_UP_COUNTS } from '../../lab/measurement/kernel';
import type { CounterWorkerApi } from '../../lab/types';
import { CounterService } from '../../workers/counter/counterService';
import { countedTurns, immediateScheduler, inThreadSpawner } from '../../testing/inThreadCounter';
import { runOnWorkers } from '../run/runOnWorkers';
import { runUnderLock } from '../run/runUnderLock';
import { STOP_SETTLE_MS } from './lifecycle';
import { freshWorkers, workerPool } from './workerSource';

describe('freshWorkers', () => {
  it('spawns new workers for every run and disposes them after', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const source = freshWorkers(spawn);
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source });
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source });
    expect(spawned).toHaveLength(4);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('disposes the workers it made when the next one cannot be created', () => {
    const { spawn, spawned } = inThreadSpawner();
    let made = 0;
    const source = freshWorkers((name) => {
      made += 1;
      if (made === 3) throw new Error('No more workers.');
      return spawn(name);
    });
    expect(() => source.take(4)).toThrow('No more workers.');
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });
});

describe('workerPool', () => {
  it('keeps its workers after a finished run, reuses them and spawns only what is missing', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const pool = workerPool(spawn);
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source: pool });
    expect(pool.idle()).toBe(2);
    expect(spawned.some((counter) => counter.disposed)).toBe(false);
    const timings = await runOnWorkers([10, 10, 10], { signal: new AbortController().signal, source: pool });
    expect(timings.countedByWorker).toEqual([10, 10, 10]);
    expect(spawned.map((counter) => counter.name)).toEqual(['Pool worker 1', 'Pool worker 2', 'Pool worker 3']);
    pool.dispose();
    expect(pool.idle()).toBe(0);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('warms a worker up once: a reused worker answers ready at once', async () => {
    // Counted in the kernel's steps, not in ms, so that a busy moment or a slower machine cannot decide.
    const steps = countedTurns();
    const { spawn } = inThreadSpawner(() => new CounterService(steps.schedule));
    const pool = workerPool(spawn);
    const stepsUntilReady = async () => {
      const before = steps.turns();
      let atReady = Number.NaN;
      await runOnWorkers([10], {
        signal: new AbortController().signal,
        source: pool,
        onAllReady: () => {
          atReady = steps.turns();
        },
      });
      return atReady - before;
    };
    // The first ready() counts thousands of short chunks; the second only answers.
    expect(await stepsUntilReady()).toBeGreaterThanOrEqual(WARM_UP_COUNTS);
    expect(await stepsUntilReady()).toBe(0);
    pool.dispose();
  });

  it('keeps every worker of a stopped run: asks each to stop, and the next run reuses them with a handshake', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const pool = workerPool(spawn);
    const controller = new AbortController();
    const run = runOnWorkers([1e12, 1e12], { signal: controller.signal, source: pool, onAllReady: () => controller.abort(new DOMException('Stopped by the user.', 'AbortError')) });
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(pool.idle()).toBe(2);
    expect(spawned.some((counter) => counter.disposed)).toBe(false);
    // Stopped, not terminated: the same two workers count the next run, warm, and exactly.
    let startupMs = Number.NaN;
    const timings = await runOnWorkers([10, 10], { signal: new AbortController().signal, source: pool, onAllReady: (ms) => (startupMs = ms) });
    expect(timings.countedByWorker).toEqual([10, 10]);
    expect(startupMs).toBeLessThan(100);
    expect(spawned.map((counter) => counter.name)).toEqual(['Pool worker 1', 'Pool worker 2']);
    pool.dispose();
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('keeps the workers of a stopped lock run, whichever lock it used', async () => {
    for (const [lock, lanes] of [['token', 2], ['shared-memory', 1]] as const) {
      const { spawn, spawned } = inThreadSpawner();
      const pool = workerPool(spawn);
      const controller = new AbortController();
      const run = runUnderLock(
        Array.from({ length: lanes }, () => 1e12),
        {
          signal: controller.signal,
          task: 'cpu',
          lock,
          source: pool,
          // A while into the count: an uncontended hold reports no state until it ends.
          onAllReady: () => {
            setTimeout(() => {
              controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
            }, 50);
          },
        },
      );
      await expect(run).rejects.toThrow('Stopped by the user.');
      expect(pool.idle()).toBe(lanes);
      expect(spawned.some((counter) => counter.disposed)).toBe(false);
      const timings = await runUnderLock(
        Array.from({ length: lanes }, () => 1000),
        { signal: new AbortController().signal, task: 'cpu', lock, source: pool },
      );
      expect(timings.countedByWorker).toEqual(Array.from({ length: lanes }, () => 1000));
      expect(spawned).toHaveLength(lanes);
      pool.dispose();
    }
  });

  it('terminates a pooled worker that does not answer the stop within STOP_SETTLE_MS, and keeps the one that does', async () => {
    class Deaf extends CounterService {
      override count(): Promise<number> {
        return new Promise<number>(() => undefined);
      }
    }
    const { spawn, spawned } = inThreadSpawner((name) => (name === 'Pool worker 2' ? new Deaf(immediateScheduler) : new CounterService(immediateScheduler)));
    const pool = workerPool(spawn);
    const controller = new AbortController();
    const run = runOnWorkers([1e12, 1e12], { signal: controller.signal, source: pool, onAllReady: () => controller.abort(new DOMException('Stopped by the user.', 'AbortError')) });
    const from = performance.now();
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(performance.now() - from).toBeGreaterThanOrEqual(STOP_SETTLE_MS - 1);
    expect(pool.idle()).toBe(1);
    expect(spawned.map((counter) => counter.disposed)).toEqual([false, true]);
    pool.dispose();
  });

  it('still disposes every worker of a failed run', async () => {
    class Broken extends CounterService {
      override count(): Promise<number> {
        return Promise.reject(new Error('The kernel broke.'));
      }
    }
    const { spawn, spawned } = inThreadSpawner((name) => (name === 'Pool worker 2' ? new Broken(immediateScheduler) : new CounterService(immediateScheduler)));
    const pool = workerPool(spawn);
    await expect(runOnWorkers([1e12, 1e12], { signal: new AbortController().signal, source: pool })).rejects.toThrow('Pool worker 2 failed while counting: The kernel broke.');
    expect(pool.idle()).toBe(0);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('warms up again a pooled worker whose warm-up a stop cut short', async () => {
    const steps = countedTurns();
    const { spawn } = inThreadSpawner(() => new CounterService(steps.schedule));
    const pool = workerPool(spawn);
    const controller = new AbortController();
    const stopEarly = setInterval(() => {
      if (steps.turns() >= 3) controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
    }, 0);
    await expect(runOnWorkers([10], { signal: controller.signal, source: pool })).rejects.toThrow('Stopped by the user.');
    clearInterval(stopEarly);
    expect(pool.idle()).toBe(1);
    // Counted in the kernel's steps: a worker marked warm after a cut-short warm-up would answer with none.
    const before = steps.turns();
    let atReady = Number.NaN;
    await runOnWorkers([10], { signal: new AbortController().signal, source: pool, onAllReady: () => (atReady = steps.turns()) });
    expect(atReady - before).toBeGreaterThanOrEqual(WARM_UP_COUNTS);
    pool.dispose();
  });

  it("ends a kept worker's children after a finished run and after a stopped one, not a disposed worker's", async () => {
    const { spawn, spawned } = inThreadSpawner();
    const pool = workerPool(spawn);
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source: pool });
    expect(spawned.map((counter) => counter.childrenEnded)).toEqual([1, 1]);
    const controller = new AbortController();
    const stopped = runOnWorkers([1e12, 1e12], { signal: controller.signal, source: pool, onAllReady: () => controller.abort(new DOMException('Stopped by the user.', 'AbortError')) });
    await expect(stopped).rejects.toThrow('Stopped by the user.');
    expect(pool.idle()).toBe(2);
    expect(spawned.map((counter) => counter.childrenEnded)).toEqual([2, 2]);
    pool.dispose();
    // Disposing a worker ends its children with it (its host's dispose): no second call.
    expect(spawned.map((counter) => counter.childrenEnded)).toEqual([2, 2]);
  });

  it("disposes a stopped run's workers that come back after the pool was let go, and refuses a later run", async () => {
    const { spawn, spawned } = inThreadSpawner();
    const pool = workerPool(spawn);
    const controller = new AbortController();
    // As the run controller's dispose does: abort the run, then let the pool go at once, while the workers settle.
    const run = runOnWorkers([1e12, 1e12], {
      signal: controller.signal,
      source: pool,
      onAllReady: () => {
        controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
        pool.dispose();
      },
    });
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(pool.idle()).toBe(0);
    expect(spawned.map((counter) => counter.disposed)).toEqual([true, true]);
    await expect(runOnWorkers([10], { signal: new AbortController().signal, source: pool })).rejects.toThrow('This pool of workers was let go: a run cannot take workers from it.');
    expect(spawned).toHaveLength(2);
  });

  it('never keeps a worker whose failure fired: not when it is given back, nor once it fails while idle', async () => {
    const inThread = inThreadSpawner();
    const failures = new Map<string, (error: Error) => void>();
    const pool = workerPool<CounterWorkerApi>((name) => {
      const failure = new Promise<never>((_, reject) => failures.set(name, reject));
      failure.catch(() => undefined);
      return { ...inThread.spawn(name), failure };
    });
    const handles = pool.take(2);
    failures.get('Pool worker 2')?.(new Error('Pool worker 2 failed: It broke.'));
    await Promise.resolve();
    pool.giveBack(handles, true);
    expect(pool.idle()).toBe(1);
    expect(inThread.spawned.map((counter) => [counter.disposed, counter.childrenEnded])).toEqual([
      [false, 1],
      [true, 0],
    ]);
    failures.get('Pool worker 1')?.(new Error('Pool worker 1 failed: It broke while idle.'));
    await Promise.resolve();
    expect(pool.idle()).toBe(0);
    expect(inThread.spawned.map((counter) => counter.disposed)).toEqual([true, true]);
  });
});
