import { describe, expect, it } from 'vitest';
import { CounterService } from './counterService';
import { immediateScheduler, inThreadSpawner } from './inThreadCounter';
import { CALIBRATION_BUDGET_MS, measureSpeed } from './measureSpeed';
import { freshWorkers } from './workerSource';

/** A worker that takes longer than the whole budget to get ready, as on a cold first load. */
class SlowToStart extends CounterService {
  override async ready(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, CALIBRATION_BUDGET_MS + 100));
    await super.ready();
  }
}

describe('measureSpeed', () => {
  it('measures a speed on one fresh worker and lets it go', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const nsPerCount = await measureSpeed(new AbortController().signal, freshWorkers(spawn));
    expect(nsPerCount).toBeGreaterThan(0);
    expect(nsPerCount).toBeLessThan(100);
    expect(spawned).toHaveLength(1);
    expect(spawned[0].disposed).toBe(true);
  });

  it('tries once more when the first try runs out of time', async () => {
    let made = 0;
    const { spawn, spawned } = inThreadSpawner(() => {
      made += 1;
      return made === 1 ? new SlowToStart(immediateScheduler) : new CounterService(immediateScheduler);
    });
    const nsPerCount = await measureSpeed(new AbortController().signal, freshWorkers(spawn));
    expect(nsPerCount).toBeGreaterThan(0);
    expect(spawned).toHaveLength(2);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('gives up after the second try runs out of time too', async () => {
    const { spawn, spawned } = inThreadSpawner(() => new SlowToStart(immediateScheduler));
    await expect(measureSpeed(new AbortController().signal, freshWorkers(spawn))).rejects.toThrow('took too long');
    expect(spawned).toHaveLength(2);
  });

  it('does not try again when it is cancelled', async () => {
    const { spawn, spawned } = inThreadSpawner(() => new SlowToStart(immediateScheduler));
    const controller = new AbortController();
    const measuring = measureSpeed(controller.signal, freshWorkers(spawn));
    setTimeout(() => controller.abort(new Error('A run started.')), 50);
    await expect(measuring).rejects.toThrow('A run started.');
    expect(spawned).toHaveLength(1);
  });
});
