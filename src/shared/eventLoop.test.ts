import { describe, expect, it } from 'vitest';
import { messageScheduler, sleep } from './eventLoop';

describe('messageScheduler', () => {
  it('calls each step after a turn of the event loop, never from the caller', async () => {
    const schedule = messageScheduler();
    const order: string[] = [];
    const stepped = new Promise<void>((resolve) => {
      schedule(() => {
        order.push('step');
        resolve();
      });
    });
    order.push('after schedule');
    await stepped;
    expect(order).toEqual(['after schedule', 'step']);
  });
});

describe('sleep', () => {
  it('waits at least the time asked on a timer', async () => {
    const from = performance.now();
    await sleep(20);
    // Node's timers may fire up to a millisecond early against performance.now().
    expect(performance.now() - from).toBeGreaterThanOrEqual(19);
  });
});
