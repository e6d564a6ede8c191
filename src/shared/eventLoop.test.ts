import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageScheduler, sleep, TIMERS_PER_HOP, timerScheduler } from './eventLoop';

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

describe('timerScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs a chain of `steps` steps, each scheduling the next, and says how each was called. */
  function chain(steps: number, timersPerHop?: number) {
    vi.useFakeTimers();
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const hops: Array<() => void> = [];
    const schedule = timerScheduler((step) => hops.push(step), timersPerHop);
    let stepped = 0;
    const step = () => {
      stepped += 1;
      if (stepped < steps) schedule(step);
    };
    schedule(step);
    // Never from the caller: nothing has run yet.
    expect(stepped).toBe(0);
    const ways: string[] = [];
    while (stepped < steps) {
      const before = stepped;
      if (vi.getTimerCount() > 0) {
        vi.runOnlyPendingTimers();
        ways.push('timer');
      } else {
        hops.shift()?.();
        ways.push('hop');
      }
      expect(stepped).toBe(before + 1);
    }
    // Every timer waits 0 ms.
    expect(setTimer.mock.calls.map(([, ms]) => ms)).toEqual(ways.filter((way) => way === 'timer').map(() => 0));
    return ways;
  }

  it('calls steps on 0 ms timers, TIMERS_PER_HOP in a row, then after a hop, so nested timers never reach the 4 ms clamp', () => {
    expect(TIMERS_PER_HOP).toBe(4);
    const five = ['timer', 'timer', 'timer', 'timer', 'hop'];
    expect(chain(12)).toEqual([...five, ...five, 'timer', 'timer']);
  });

  it('takes another pattern when asked', () => {
    expect(chain(5, 1)).toEqual(['timer', 'hop', 'timer', 'hop', 'timer']);
  });

  it('calls each step from the event loop on real timers and hops', async () => {
    const schedule = timerScheduler();
    const steps = 2 * (TIMERS_PER_HOP + 1);
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      let stepped = 0;
      const step = () => {
        stepped += 1;
        order.push(`step ${String(stepped)}`);
        if (stepped < steps) schedule(step);
        else resolve();
      };
      schedule(step);
      order.push('after schedule');
    });
    expect(order).toEqual(['after schedule', ...Array.from({ length: steps }, (_, index) => `step ${String(index + 1)}`)]);
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
