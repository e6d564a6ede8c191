import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasResolved } from '../../testing/turns';
import { pendingWork } from './pendingWork';

describe('pendingWork', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves at once when nothing is under way', async () => {
    vi.useFakeTimers();
    expect(await hasResolved(pendingWork().settled(3000))).toBe(true);
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
      expect(await hasResolved(waiting)).toBe(false);
      end();
      expect(await hasResolved(waiting)).toBe(true);
      expect(await hasResolved(pending.settled(3000))).toBe(true);
    }
  });

  it('waits no longer than the limit for work that never ends, and a later wait not at all', async () => {
    vi.useFakeTimers();
    const pending = pendingWork();
    pending.track(new Promise<never>(() => undefined));
    const waiting = pending.settled(3000);
    await vi.advanceTimersByTimeAsync(1000);
    // A second wait shares the first one's limit: it ends 2000 ms later, not 3000.
    const later = pending.settled(3000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(await hasResolved(waiting)).toBe(false);
    expect(await hasResolved(later)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasResolved(waiting)).toBe(true);
    expect(await hasResolved(later)).toBe(true);
    // Past its limit, the work holds no wait back.
    expect(await hasResolved(pending.settled(3000))).toBe(true);
  });

  it('waits for the newest work once another replaced it, and an older one ending clears nothing', async () => {
    vi.useFakeTimers();
    const pending = pendingWork();
    let endFirst: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endFirst = resolve)));
    let endSecond: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endSecond = resolve)));
    endFirst();
    await vi.advanceTimersByTimeAsync(0);
    const waiting = pending.settled(3000);
    expect(await hasResolved(waiting)).toBe(false);
    endSecond();
    expect(await hasResolved(waiting)).toBe(true);
  });
});
