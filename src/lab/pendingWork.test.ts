import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeGridTimers } from '../testing/nodeTimers';
import { hasResolved } from '../testing/turns';
import { pendingWork } from './pendingWork';

describe('pendingWork', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves at once when nothing is under way', async () => {
    vi.useFakeTimers();
    expect(await hasResolved(pendingWork(nodeGridTimers(() => Date.now())).settled(3000))).toBe(true);
  });

  it('waits for the work under way, whether it succeeds or fails, and then for nothing', async () => {
    vi.useFakeTimers();
    const pending = pendingWork(nodeGridTimers(() => Date.now()));
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
    const pending = pendingWork(nodeGridTimers(() => Date.now()));
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
    const pending = pendingWork(nodeGridTimers(() => Date.now()));
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

  it('goes on to wait for newer work tracked while it waited, as a run waiting for the registration then waits for its install', async () => {
    vi.useFakeTimers();
    const pending = pendingWork(nodeGridTimers(() => Date.now()));
    let endRegistration: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endRegistration = resolve)));
    const waiting = pending.settled(3000);
    let endInstall: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endInstall = resolve)));
    endRegistration();
    expect(await hasResolved(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(2999);
    expect(await hasResolved(waiting)).toBe(false);
    endInstall();
    expect(await hasResolved(waiting)).toBe(true);
  });

  it('holds the registration and its install together to one limit, from the first wait', async () => {
    vi.useFakeTimers();
    const pending = pendingWork(nodeGridTimers(() => Date.now()));
    let endRegistration: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (endRegistration = resolve)));
    const waiting = pending.settled(3000);
    await vi.advanceTimersByTimeAsync(2000);
    pending.track(new Promise<never>(() => undefined));
    endRegistration();
    // 2,000 ms waited for the registration leave 1,000 for the install that never ends.
    await vi.advanceTimersByTimeAsync(999);
    expect(await hasResolved(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasResolved(waiting)).toBe(true);
    // A later wait for the same install is not held back either.
    expect(await hasResolved(pending.settled(3000))).toBe(true);
  });

  it('sets its limit on the timers it is given, and clears it when the work ends first', async () => {
    const limits: { ms: number; cleared: boolean }[] = [];
    const pending = pendingWork({
      now: () => 0,
      setTimeout: (_run, ms) => limits.push({ ms, cleared: false }) - 1,
      clearTimeout: (id) => {
        limits[id].cleared = true;
      },
    });
    let end: () => void = () => undefined;
    pending.track(new Promise<void>((resolve) => (end = resolve)));
    const waiting = pending.settled(3000);
    void pending.settled(3000);
    expect(limits).toEqual([{ ms: 3000, cleared: false }]);
    end();
    await waiting;
    expect(limits).toEqual([{ ms: 3000, cleared: true }]);
  });
});
