import { describe, expect, it } from 'vitest';
import {
  FIRST_CHUNK,
  MAX_CHUNK,
  MIN_CHUNK,
  PROGRESS_INTERVAL_MS,
  WARM_UP_BUDGET_MS,
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
  it('stops once two calls in a row take the same time', () => {
    let time = 0;
    const durations = [40, 20, 9, 5, 3, 3, 3, 3];
    let call = 0;
    // The clock is read before and after each call: advance it on every "after" read.
    let reads = 0;
    const now = () => {
      reads += 1;
      if (reads > 1 && reads % 2 === 1) {
        time += durations[Math.min(call, durations.length - 1)];
        call += 1;
      }
      return time;
    };
    const result = warmUp(now);
    expect(result.calls).toBe(6);
    expect(result.ms).toBe(40 + 20 + 9 + 5 + 3 + 3);
  });

  it('gives up after its budget when the speed never settles', () => {
    let time = 0;
    let reads = 0;
    let duration = 1;
    const now = () => {
      reads += 1;
      if (reads > 1 && reads % 2 === 1) {
        time += duration;
        duration *= 1.5;
      }
      return time;
    };
    const result = warmUp(now);
    expect(result.ms).toBeGreaterThanOrEqual(WARM_UP_BUDGET_MS);
    expect(result.ms).toBeLessThan(WARM_UP_BUDGET_MS * 1.5 + 1);
  });
});
