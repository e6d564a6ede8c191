import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasSettled } from '../../testing/turns';
import { pendingWork } from './pendingWork';

describe('pendingWork', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles at once when nothing is under way', async () => {
    vi.useFakeTimers();
    expect(await hasSettled(pendingWork().settled(3000))).toBe(true);
  });

  it('waits for the work under way, whether it succeeds or fails, and then for nothing', async () => {
    vi.useFakeTimers();
    const pending = pendingWork();
    for (const outcome of ['resolve', 'reject'] as const) {
      let end: () => void = () => undefined;
      pending.track(
        new Promise<void>((resolve, reject) => {
          end = outcome === 'resolve' ? resolve : () => reject(new Error('The install failed.'));
        }),
      );
      const waiting = pending.settled(3000);
      expect(await hasSettled(waiting)).toBe(false);
      end();
      expect(await hasSettled(waiting)).toBe(true);
      expect(await hasSettled(pending.settled(3000))).toBe(true);
    }
  });

  it('waits no longer than the limit for work that never ends', async () => {
    vi.useFakeTimers();
    const pending = pendingWork();
    pending.track(new Promise<never>(() => undefined));
    const waiting = pending.settled(3000);
    await vi.advanceTimersByTimeAsync(2999);
    expect(await hasSettled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasSettled(waiting)).toBe(true);
    // Still under way: the next wait waits again.
    expect(await hasSettled(pending.settled(3000))).toBe(false);
  });

  it('waits for the newest work once another replaced it, and an older one ending clears nothing', async () => {
    vi.useFakeTimers();
    const pending = pendingWork();
    let endFirst: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endFirst = resolve)));
    let endSecond: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endSecond = resolve)));
    endFirst();
    const waiting = pending.settled(3000);
    expect(await hasSettled(waiting)).toBe(false);
    endSecond();
    expect(await hasSettled(waiting)).toBe(true);
  });
});
