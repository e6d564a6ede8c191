import { describe, expect, it } from 'vitest';
import { splitTotal } from '../lab/split';
import { runOnMainThread } from './runOnMainThread';

/** A turn of Node's event loop in which timers run too (its message ports drain before them). */
const timerTurn = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });

describe('runOnMainThread', () => {
  it('counts every share exactly, the tasks taking turns on one thread', async () => {
    const shares = splitTotal(3_000_001, 3);
    const timings = await runOnMainThread(shares, { signal: new AbortController().signal, task: 'cpu', yieldToBrowser: timerTurn });
    expect(timings.countedByWorker).toEqual(shares);
    expect(timings.startupMs).toBe(0);
    expect(timings.wallMs).toBe(timings.computeMs);
    expect(timings.capped).toBe(false);
    // Every lane ends done, and the lanes count one at a time: at most one lane is counting at any moment.
    const ends = new Map(timings.events.map((event) => [event.lane, event.state]));
    expect([...ends.values()]).toEqual(['done', 'done', 'done']);
    let counting = 0;
    let most = 0;
    for (const event of timings.events) {
      if (event.state === 'counting') counting += 1;
      else if (counting > 0) counting -= 1;
      most = Math.max(most, counting);
    }
    expect(most).toBe(1);
  });

  it('lets waiting tasks wait at once: 3 waits of 120 ms take about 120 ms, not 360', async () => {
    const timings = await runOnMainThread([0, 0, 0], { signal: new AbortController().signal, task: 'io', waits: [120, 120, 120] });
    expect(timings.wallMs).toBeGreaterThanOrEqual(118);
    expect(timings.wallMs).toBeLessThan(300);
    expect(timings.events.filter((event) => event.state === 'waiting-io')).toHaveLength(3);
  });

  it('ends within a slice when stopped, and rejects with the reason', async () => {
    const controller = new AbortController();
    const running = runOnMainThread([1e12], { signal: controller.signal, task: 'cpu', yieldToBrowser: timerTurn });
    setTimeout(() => controller.abort(new Error('Stopped by the user.')), 30);
    const started = performance.now();
    await expect(running).rejects.toThrow('Stopped by the user.');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses waiting tasks without one wait each', async () => {
    await expect(runOnMainThread([0, 0], { signal: new AbortController().signal, task: 'io', waits: [10] })).rejects.toThrow('one wait each');
  });
});
