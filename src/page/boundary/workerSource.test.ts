import { describe, expect, it } from 'vitest';
import { WARM_UP_COUNTS } from '../../lab/measurement/kernel';
import { CounterService } from '../../workers/counter/counterService';
import { inThreadSpawner } from '../../testing/inThreadCounter';
import { runOnWorkers } from '../run/runOnWorkers';
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
    let steps = 0;
    const { spawn } = inThreadSpawner(
      () =>
        new CounterService((step) => {
          steps += 1;
          setImmediate(step);
        }),
    );
    const pool = workerPool(spawn);
    const stepsUntilReady = async () => {
      const before = steps;
      let atReady = Number.NaN;
      await runOnWorkers([10], {
        signal: new AbortController().signal,
        source: pool,
        onAllReady: () => {
          atReady = steps;
        },
      });
      return atReady - before;
    };
    // The first ready() counts thousands of short chunks; the second only answers.
    expect(await stepsUntilReady()).toBeGreaterThanOrEqual(WARM_UP_COUNTS);
    expect(await stepsUntilReady()).toBe(0);
    pool.dispose();
  });

  it('disposes every worker of a stopped run instead of keeping it', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const pool = workerPool(spawn);
    const controller = new AbortController();
    const run = runOnWorkers([1e12], { signal: controller.signal, source: pool, onAllReady: () => controller.abort() });
    await expect(run).rejects.toThrow();
    expect(pool.idle()).toBe(0);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });
});
