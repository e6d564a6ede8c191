import { releaseProxy } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLockBuffer, readLockStats, requestLockStop } from '../lab/models/lock';
import type { WorkerStateEvent } from '../lab/types';
import { freeToken } from '../testing/freeToken';
import { blocking, checkWait, releaseCallback, STATE_BATCH_MS, StateBatch, TokenWants, waitUnderSharedLock, waitHoldingToken } from './workerTasks';

/** performance.now() under the test's control (ms). */
function clockAt(startMs: number) {
  let nowMs = startMs;
  vi.spyOn(performance, 'now').mockImplementation(() => nowMs);
  return {
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

/** Every batch a task sent, as its states. */
function collect() {
  const batches: WorkerStateEvent[][] = [];
  return {
    onStates: (events: WorkerStateEvent[]) => {
      batches.push(events);
    },
    batches: () => batches.map((batch) => batch.map((event) => event.state)),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('StateBatch', () => {
  it('sends at most every STATE_BATCH_MS, and the rest at the end, with epoch times', () => {
    const clock = clockAt(1_000);
    const { onStates, batches } = collect();
    const batch = new StateBatch(onStates);
    batch.add('waiting-lock');
    clock.advance(STATE_BATCH_MS - 1);
    batch.add('counting');
    expect(batches()).toEqual([]);
    clock.advance(1);
    batch.add('waiting-lock', performance.now(), 42);
    expect(batches()).toEqual([['waiting-lock', 'counting', 'waiting-lock']]);
    batch.add('done');
    clock.advance(STATE_BATCH_MS);
    // A last 'done' waits for close, which may still make it 'stopped'.
    expect(batches()).toHaveLength(1);
    batch.close(false);
    expect(batches()).toEqual([['waiting-lock', 'counting', 'waiting-lock'], ['done']]);
  });

  it('keeps the count a state carries and stores its time in ms since the epoch', () => {
    clockAt(500);
    const sent: WorkerStateEvent[][] = [];
    const batch = new StateBatch((events) => sent.push(events));
    batch.add('waiting-lock', 250, 7);
    batch.close(false);
    expect(sent).toEqual([[{ state: 'waiting-lock', atMs: performance.timeOrigin + 250, counted: 7 }]]);
  });

  it('sends a due batch with no new state (sendIfDue), and nothing when none is due', () => {
    const clock = clockAt(0);
    const { onStates, batches } = collect();
    const batch = new StateBatch(onStates);
    batch.add('waiting-io');
    batch.sendIfDue();
    expect(batches()).toEqual([]);
    clock.advance(STATE_BATCH_MS);
    batch.sendIfDue();
    expect(batches()).toEqual([['waiting-io']]);
  });

  it("turns a last 'done' into 'stopped' when the task was stopped, and sends nothing without a callback", () => {
    const { onStates, batches } = collect();
    const stoppedBatch = new StateBatch(onStates);
    stoppedBatch.add('counting');
    stoppedBatch.add('done');
    stoppedBatch.close(true);
    expect(batches()).toEqual([['counting', 'stopped']]);
    const silent = new StateBatch(undefined);
    silent.add('counting');
    expect(() => {
      silent.close(true);
    }).not.toThrow();
  });

  it('ignores a page that has gone (its proxied call rejects)', async () => {
    const send = vi.fn(() => Promise.reject(new Error('The page has gone.')));
    const batch = new StateBatch(send);
    batch.add('counting');
    batch.close(false);
    expect(send).toHaveBeenCalledTimes(1);
    // Vitest fails the run on an unhandled rejection: let it surface if there is one.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('blocking', () => {
  it("settles with the task's value and sends its states when it ends", async () => {
    const { onStates, batches } = collect();
    const answer = blocking(onStates, (batch) => {
      batch.add('counting');
      batch.add('done');
      return { value: 12, stopped: false };
    });
    expect(batches()).toEqual([['counting', 'done']]);
    expect(await answer).toBe(12);
  });

  it("rejects with what the task threw, its last 'done' sent as 'stopped'", async () => {
    const { onStates, batches } = collect();
    const answer = blocking(onStates, (batch) => {
      batch.add('done');
      throw new RangeError('No room for worker 9.');
    });
    await expect(answer).rejects.toThrow('No room for worker 9.');
    expect(batches()).toEqual([['stopped']]);
  });
});

describe('waitUnderSharedLock', () => {
  it('holds the lock only to start and to finish, sleeping the whole wait without it', () => {
    const lock = createLockBuffer(1);
    const { onStates, batches } = collect();
    const batch = new StateBatch(onStates);
    const { value, stopped } = waitUnderSharedLock(15, lock, 0, batch);
    batch.close(stopped);
    expect(stopped).toBe(false);
    expect(value).toBeGreaterThanOrEqual(15);
    expect(batches().flat()).toEqual(['waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'counting', 'done']);
    expect(readLockStats(lock)).toMatchObject({ holder: -1, grants: 2 });
  });

  it('ends at once under a stopped lock, and its last state is sent as stopped', () => {
    const lock = createLockBuffer(1);
    requestLockStop(lock);
    const { onStates, batches } = collect();
    const batch = new StateBatch(onStates);
    const started = performance.now();
    const { stopped } = waitUnderSharedLock(10_000, lock, 0, batch);
    batch.close(stopped);
    expect(stopped).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(batches().flat().at(-1)).toBe('stopped');
  });
});

describe('TokenWants', () => {
  it('gives the token up after the grant the page said is wanted, not after an older one', async () => {
    const wants = new TokenWants();
    const { token, held } = freeToken();
    const holder = wants.holder(token);
    expect(await holder.acquire()).toBe(true);
    expect(holder.wanted()).toBe(false);
    wants.note(1);
    expect(holder.wanted()).toBe(true);
    await holder.release(false);
    expect(held()).toBe(false);
    expect(await holder.acquire()).toBe(true);
    // Grant 2 now; the page's word about grant 1 came late.
    wants.note(1);
    expect(holder.wanted()).toBe(false);
    await holder.release(true);
    expect(held()).toBe(false);
  });

  it('reads a contended grant as wanted at once, and a refused request as a stop', async () => {
    const wants = new TokenWants();
    const contended = wants.holder(freeToken(1).token);
    expect(await contended.acquire()).toBe(true);
    expect(contended.wanted()).toBe(true);
    expect(contended.stopping()).toBe(false);
    const refusing = new TokenWants().holder({ request: () => Promise.resolve(null), release: () => Promise.resolve() });
    expect(await refusing.acquire()).toBe(false);
  });
});

describe('waitHoldingToken', () => {
  it('holds the token only to start and to finish, and answers the ms the wait took', async () => {
    const { token, grants, held } = freeToken();
    const { onStates, batches } = collect();
    const waits: number[] = [];
    const waited = await waitHoldingToken(30, token, onStates, {
      stopping: () => false,
      wait: (ms) => {
        expect(held()).toBe(false);
        waits.push(ms);
        return Promise.resolve(31);
      },
    });
    expect(waited).toBe(31);
    expect(waits).toEqual([30]);
    expect(grants()).toBe(2);
    expect(held()).toBe(false);
    expect(batches().flat()).toEqual(['waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'counting', 'done']);
  });

  it('after a stop during the wait, does not take the token again and ends stopped', async () => {
    const { token, grants, held } = freeToken();
    const { onStates, batches } = collect();
    let stopped = false;
    const waited = await waitHoldingToken(30, token, onStates, {
      stopping: () => stopped,
      wait: () => {
        stopped = true;
        return Promise.resolve(4);
      },
    });
    expect(waited).toBe(4);
    expect(grants()).toBe(1);
    expect(held()).toBe(false);
    expect(batches().flat()).toEqual(['waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'stopped']);
  });

  it('skips the wait when the stop came while the token was given up', async () => {
    const { token, grants } = freeToken();
    const wait = vi.fn(() => Promise.resolve(30));
    expect(await waitHoldingToken(30, token, undefined, { stopping: () => true, wait })).toBe(0);
    expect(wait).not.toHaveBeenCalled();
    expect(grants()).toBe(1);
  });

  it('refuses a wait that is not a number of ms ≥ 0 without asking for the token, and lets the token go', async () => {
    const { token, grants } = freeToken();
    // As Comlink hands it over: a function-like proxy with the token's methods and a release.
    const release = vi.fn();
    const proxied = Object.assign(() => undefined, token, { [releaseProxy]: release });
    const wait = vi.fn(() => Promise.resolve(0));
    await expect(waitHoldingToken(-1, proxied, undefined, { stopping: () => false, wait })).rejects.toThrow('A wait must be a number of ms ≥ 0, got -1.');
    expect(grants()).toBe(0);
    expect(wait).not.toHaveBeenCalled();
    expect(release).toHaveBeenCalledTimes(1);
    expect(() => {
      checkWait(Number.NaN);
    }).toThrow(RangeError);
  });
});

describe('releaseCallback', () => {
  it("calls a proxied callback's release, and leaves plain values and functions alone", () => {
    const release = vi.fn();
    const proxied = Object.assign(() => undefined, { [releaseProxy]: release });
    releaseCallback(proxied);
    expect(release).toHaveBeenCalledTimes(1);
    expect(() => {
      releaseCallback(() => undefined);
      releaseCallback(undefined);
      releaseCallback({ [releaseProxy]: release });
    }).not.toThrow();
    expect(release).toHaveBeenCalledTimes(1);
  });
});
