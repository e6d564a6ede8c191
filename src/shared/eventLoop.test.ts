import { afterEach, describe, expect, it, vi } from 'vitest';
import { digestScheduler, messageScheduler, sleep, subtleCryptoHere, TIMERS_PER_HOP, timerScheduler } from './eventLoop';
import { chainSteps, fakeSubtle } from '../testing/turns';

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
    const steps = 2 * (TIMERS_PER_HOP + 1);
    const order: string[] = [];
    await chainSteps(timerScheduler(), steps, {
      onStep: (stepNumber) => order.push(`step ${String(stepNumber)}`),
      onScheduled: () => order.push('after schedule'),
    });
    expect(order).toEqual(['after schedule', ...Array.from({ length: steps }, (_, index) => `step ${String(index + 1)}`)]);
  });
});

describe('digestScheduler', () => {
  it("calls each step after Node's digest settles, never from the caller nor its microtasks", async () => {
    const subtle = subtleCryptoHere();
    expect(subtle).not.toBeNull();
    if (!subtle) return;
    const schedule = digestScheduler(subtle);
    const order: string[] = [];
    const stepped = new Promise<void>((resolve) => {
      schedule(() => {
        order.push('step');
        resolve();
      });
    });
    await Promise.resolve();
    order.push('after a microtask');
    await stepped;
    expect(order).toEqual(['after a microtask', 'step']);
  });

  it('digests an empty message, the size WebKit answers at once without a work queue', async () => {
    const { subtle, asked } = fakeSubtle();
    const step = vi.fn();
    digestScheduler(subtle)(step);
    await vi.waitFor(() => {
      expect(step).toHaveBeenCalledTimes(1);
    });
    expect(asked).toEqual([{ algorithm: 'SHA-1', length: 0 }]);
  });

  it('calls the step from a microtask of its own, so that an error it throws is reported, not turned into a rejection', async () => {
    const { subtle } = fakeSubtle();
    const queued = vi.spyOn(globalThis, 'queueMicrotask');
    const step = vi.fn();
    try {
      digestScheduler(subtle)(step);
      await vi.waitFor(() => {
        expect(step).toHaveBeenCalledTimes(1);
      });
      expect(queued).toHaveBeenCalledWith(step);
    } finally {
      queued.mockRestore();
    }
  });

  it('calls the step when the digest fails too, so that a count never stalls', async () => {
    const { subtle } = fakeSubtle((_, reject) => {
      reject(new Error('The operation failed.'));
    });
    const step = vi.fn();
    digestScheduler(subtle)(step);
    await vi.waitFor(() => {
      expect(step).toHaveBeenCalledTimes(1);
    });
  });
});

describe('subtleCryptoHere', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is the context's SubtleCrypto, and null where crypto has none (not a secure context)", () => {
    expect(subtleCryptoHere()).toBe(globalThis.crypto.subtle);
    vi.stubGlobal('crypto', { getRandomValues: () => new Uint8Array(0) });
    expect(subtleCryptoHere()).toBeNull();
    vi.stubGlobal('crypto', undefined);
    expect(subtleCryptoHere()).toBeNull();
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
