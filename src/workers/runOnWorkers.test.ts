import { describe, expect, it } from 'vitest';
import { CounterService } from './counterService';
import { immediateScheduler, inThreadSpawner } from './inThreadCounter';
import { runOnWorkers } from './runOnWorkers';
import type { CounterHandle } from './spawnCounter';
import { freshWorkers } from './workerSource';

describe('runOnWorkers', () => {
  it('counts every share, times the run on one clock and disposes every worker', async () => {
    const { spawn, spawned } = inThreadSpawner();
    let readyMs: number | null = null;
    const timings = await runOnWorkers([2_000_001, 2_000_000, 2_000_000], {
      signal: new AbortController().signal,
      source: freshWorkers(spawn),
      onAllReady: (startupMs) => (readyMs = startupMs),
    });
    expect(timings.countedByWorker).toEqual([2_000_001, 2_000_000, 2_000_000]);
    expect(timings.startupMs).toBe(readyMs);
    expect(timings.computeMs).toBeGreaterThan(0);
    expect(timings.wallMs).toBeCloseTo(timings.startupMs + timings.computeMs, 9);
    expect(spawned.map((counter) => counter.name)).toEqual(['Worker 1', 'Worker 2', 'Worker 3']);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('starts no count until every worker is ready', async () => {
    const log: string[] = [];
    class LoggingService extends CounterService {
      constructor(private readonly name: string) {
        super(immediateScheduler);
      }
      override async ready() {
        await new Promise((resolve) => setTimeout(resolve, this.name === 'Worker 1' ? 40 : 5));
        log.push(`ready ${this.name}`);
      }
      override count(share: number) {
        log.push(`count ${this.name}`);
        return super.count(share);
      }
    }
    const { spawn } = inThreadSpawner((name) => new LoggingService(name));
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn) });
    expect(log.slice(0, 2)).toEqual(['ready Worker 2', 'ready Worker 1']);
    expect(log.slice(2).sort()).toEqual(['count Worker 1', 'count Worker 2']);
  });

  it('passes progress on with the worker it came from', async () => {
    const { spawn } = inThreadSpawner();
    const seen = new Map<number, number>();
    await runOnWorkers([4e8, 4e8], {
      signal: new AbortController().signal,
      source: freshWorkers(spawn),
      onProgress: (index, counted) => seen.set(index, Math.max(seen.get(index) ?? 0, counted)),
    });
    // In one thread the two counts take turns, so each reports while the other waits.
    expect([...seen.keys()].sort()).toEqual([0, 1]);
    for (const counted of seen.values()) expect(counted).toBeLessThanOrEqual(4e8);
  });

  it('stops at once when aborted, and disposes every worker', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const controller = new AbortController();
    const run = runOnWorkers([1e12, 1e12], {
      signal: controller.signal,
      source: freshWorkers(spawn),
      onProgress: () => controller.abort(new DOMException('Stopped by the user.', 'AbortError')),
    });
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(spawned).toHaveLength(2);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('spawns nothing for a signal that has already aborted', async () => {
    const { spawn, spawned } = inThreadSpawner();
    await expect(runOnWorkers([10], { signal: AbortSignal.abort(), source: freshWorkers(spawn) })).rejects.toThrow();
    expect(spawned).toHaveLength(0);
  });

  it('ends the run with the failing worker’s message and disposes the others', async () => {
    const inThread = inThreadSpawner();
    const broken: CounterHandle[] = [];
    const spawn = (name: string): CounterHandle => {
      const handle = inThread.spawn(name);
      if (name !== 'Worker 2') return handle;
      const failing = { ...handle, failure: Promise.reject(new Error('Worker 2 failed: its script could not be loaded.')) };
      broken.push(failing);
      return failing;
    };
    await expect(runOnWorkers([1e12, 1e12, 1e12], { signal: new AbortController().signal, source: freshWorkers(spawn) })).rejects.toThrow(
      'Worker 2 failed: its script could not be loaded.',
    );
    expect(inThread.spawned.every((counter) => counter.disposed)).toBe(true);
    expect(broken).toHaveLength(1);
  });

  it('ends the run when a worker’s count throws', async () => {
    class BrokenService extends CounterService {
      override count(): Promise<number> {
        return Promise.reject(new Error('The kernel broke.'));
      }
    }
    const { spawn, spawned } = inThreadSpawner(() => new BrokenService());
    await expect(runOnWorkers([10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn) })).rejects.toThrow('The kernel broke.');
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });
});
