import { describe, expect, it } from 'vitest';
import { inThreadSpawner } from '../../testing/inThreadCounter';
import { runOnWorkers } from '../run/runOnWorkers';
import { workerPool } from '../boundary/workerSource';
import { releasablePool } from './releasablePool';

describe('releasablePool', () => {
  it('keeps and reuses its workers until released; released, it terminates them and the next run starts a new pool', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const source = releasablePool(() => workerPool(spawn));
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source });
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source });
    expect(spawned).toHaveLength(2);
    expect(spawned.some((counter) => counter.disposed)).toBe(false);

    source.release();
    expect(spawned.every((counter) => counter.disposed)).toBe(true);

    await runOnWorkers([10], { signal: new AbortController().signal, source });
    expect(spawned).toHaveLength(3);
    expect(spawned[2]?.disposed).toBe(false);
    source.dispose();
    expect(spawned[2]?.disposed).toBe(true);
  });

  it('terminates a worker given back after its pool was let go, and keeps the new pool apart', () => {
    const { spawn, spawned } = inThreadSpawner();
    const source = releasablePool(() => workerPool(spawn));
    const [old] = source.take(1);
    source.release();
    const [fresh] = source.take(1);
    source.giveBack([old, fresh], true);
    expect(spawned.map((counter) => counter.disposed)).toEqual([true, false]);
    // The new pool kept its worker: the next take reuses it.
    expect(source.take(1)).toEqual([fresh]);
    expect(spawned).toHaveLength(2);
  });
});
