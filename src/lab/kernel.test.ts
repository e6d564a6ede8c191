import { describe, expect, it } from 'vitest';
import {
  FIRST_CHUNK,
  MAX_CHUNK,
  MIN_CHUNK,
  PROGRESS_INTERVAL_MS,
  WARM_UP_BUDGET_MS,
  WARM_UP_MIN_MS,
  countChunk,
  countTo,
  nextChunkSize,
  warmUp,
  type CountEnvironment,
} from './kernel';

/** A clock that stands still, and a stop request that comes after a given number of pauses. */
function fakeEnvironment(options: { stopAfterPauses?: number } = {}) {
  let pauses = 0;
  const environment: CountEnvironment = {
    now: () => 0,
    pause: () => {
      pauses += 1;
      return Promise.resolve();
    },
    shouldStop: () => options.stopAfterPauses !== undefined && pauses >= options.stopAfterPauses,
  };
  return { environment, pauses: () => pauses };
}

describe('countChunk', () => {
  it('counts to exactly n', () => {
    expect(countChunk(0)).toBe(0);
    expect(countChunk(1)).toBe(1);
    expect(countChunk(1_000_003)).toBe(1_000_003);
  });
});

describe('nextChunkSize', () => {
  it('aims at the target duration', () => {
    expect(nextChunkSize(2 ** 22, 30, 15)).toBe(2 ** 21);
    expect(nextChunkSize(2 ** 22, 10, 15)).toBe(Math.round(2 ** 22 * 1.5));
  });

  it('at most doubles or halves at a time', () => {
    expect(nextChunkSize(2 ** 22, 1, 15)).toBe(2 ** 23);
    expect(nextChunkSize(2 ** 22, 1000, 15)).toBe(2 ** 21);
  });

  it('doubles when a coarse timer reads 0 ms', () => {
    expect(nextChunkSize(2 ** 20, 0, 15)).toBe(2 ** 21);
  });

  it('stays between MIN_CHUNK and MAX_CHUNK, so the counter stays a small integer', () => {
    expect(nextChunkSize(MAX_CHUNK, 0, 15)).toBe(MAX_CHUNK);
    expect(nextChunkSize(MIN_CHUNK, 1e9, 15)).toBe(MIN_CHUNK);
    expect(MAX_CHUNK).toBeLessThan(2 ** 30);
  });
});

describe('countTo', () => {
  it('counts exactly its share, also past 2^32', async () => {
    const { environment } = fakeEnvironment();
    // A share past 2^32 would take seconds here; the arithmetic is what matters.
    expect(await countTo(3 * FIRST_CHUNK + 5, environment)).toBe(3 * FIRST_CHUNK + 5);
    expect(await countTo(0, environment)).toBe(0);
    expect(await countTo(7, environment)).toBe(7);
  });

  it('pauses between chunks but not after the last one', async () => {
    const fake = fakeEnvironment();
    await countTo(2 * FIRST_CHUNK, fake.environment);
    // A 0 ms clock doubles the chunk: FIRST_CHUNK, then the rest in one go.
    expect(fake.pauses()).toBe(1);
  });

  it('ends at the next chunk boundary once asked to stop, with what it counted', async () => {
    const fake = fakeEnvironment({ stopAfterPauses: 2 });
    const counted = await countTo(1e12, fake.environment);
    expect(counted).toBe(FIRST_CHUNK + 2 * FIRST_CHUNK);
    expect(fake.pauses()).toBe(2);
  });

  it('does not count at all when stopped before it starts', async () => {
    const fake = fakeEnvironment({ stopAfterPauses: 0 });
    expect(await countTo(1000, fake.environment)).toBe(0);
  });

  it('reports progress no more often than PROGRESS_INTERVAL_MS, and never backwards', async () => {
    let time = 0;
    const reports: Array<{ at: number; counted: number }> = [];
    // Every read of the clock moves it 30 ms, so each chunk looks slow and they shrink.
    const environment: CountEnvironment = {
      now: () => (time += 30),
      pause: () => Promise.resolve(),
      shouldStop: () => false,
      onProgress: (counted) => reports.push({ at: time, counted }),
    };
    expect(await countTo(2 ** 24, environment)).toBe(2 ** 24);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < reports.length; index += 1) {
      expect(reports[index].at - reports[index - 1].at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
      expect(reports[index].counted).toBeGreaterThan(reports[index - 1].counted);
    }
  });
});

describe('warmUp', () => {
  /** A clock on which the n-th call of the kernel takes durations[n] ms (the last one repeats). */
  function clockWithCallTimes(durations: number[]) {
    let time = 0;
    let reads = 0;
    return () => {
      reads += 1;
      // Reads: start, then before and after each call; "after" reads are the odd ones from the third.
      if (reads >= 3 && reads % 2 === 1) time += durations[Math.min((reads - 3) / 2, durations.length - 1)];
      return time;
    };
  }

  it('goes on while the kernel gets faster, and stops once five calls bring no gain', () => {
    // Interpreted, then a first compiled tier, then the optimized one at 1 ms a call.
    const result = warmUp(clockWithCallTimes([12, 12, 4, 4, 4, 1, 1, 1, 1, 1, 1.02, 1]));
    expect(result.calls).toBe(11);
    expect(result.ms).toBe(12 + 12 + 4 + 4 + 4 + 1 + 1 + 1 + 1 + 1 + 1.02);
  });

  it('lasts at least WARM_UP_MIN_MS, so a slow compiler has time to finish', () => {
    const result = warmUp(clockWithCallTimes([1]));
    expect(result.ms).toBe(WARM_UP_MIN_MS);
    expect(result.calls).toBe(WARM_UP_MIN_MS);
  });

  it('gives up after its budget when the speed never settles', () => {
    // Always 6% faster than the call before: never steady.
    const durations = Array.from({ length: 100 }, (_, index) => 20 * 0.94 ** index);
    const result = warmUp(clockWithCallTimes(durations));
    expect(result.ms).toBeGreaterThanOrEqual(WARM_UP_BUDGET_MS);
    expect(result.ms).toBeLessThan(WARM_UP_BUDGET_MS + 10);
  });
});
