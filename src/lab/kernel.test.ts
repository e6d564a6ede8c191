import { describe, expect, it } from 'vitest';
import {
  FIRST_CHUNK,
  MAX_CHUNK,
  MIN_CHUNK,
  PROGRESS_INTERVAL_MS,
  WARM_UP_CHUNK,
  WARM_UP_STEPS,
  countTo,
  nextChunkSize,
  warmUp,
  type CountEnvironment,
} from './kernel';

/** A clock that stands still, steps run as microtasks, and a stop request that comes after a given number of steps. */
function fakeEnvironment(options: { stopAfterSteps?: number } = {}) {
  let steps = 0;
  const environment: CountEnvironment = {
    now: () => 0,
    schedule: (step) => {
      steps += 1;
      void Promise.resolve().then(step);
    },
    shouldStop: () => options.stopAfterSteps !== undefined && steps > options.stopAfterSteps,
  };
  return { environment, steps: () => steps };
}

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
  it('counts exactly its share', async () => {
    const { environment } = fakeEnvironment();
    expect(await countTo(3 * FIRST_CHUNK + 5, environment)).toBe(3 * FIRST_CHUNK + 5);
    expect(await countTo(0, environment)).toBe(0);
    expect(await countTo(7, environment)).toBe(7);
    expect(await countTo(1_000_003, environment)).toBe(1_000_003);
  });

  it('has the event loop call every chunk, the first one too', async () => {
    const fake = fakeEnvironment();
    await countTo(2 * FIRST_CHUNK, fake.environment);
    // A 0 ms clock doubles the chunk: FIRST_CHUNK, then the rest in one go.
    expect(fake.steps()).toBe(2);
  });

  it('ends at the next chunk boundary once asked to stop, with what it counted', async () => {
    const fake = fakeEnvironment({ stopAfterSteps: 2 });
    const counted = await countTo(1e12, fake.environment);
    expect(counted).toBe(FIRST_CHUNK + 2 * FIRST_CHUNK);
    expect(fake.steps()).toBe(3);
  });

  it('does not count at all when stopped before it starts', async () => {
    const fake = fakeEnvironment({ stopAfterSteps: 0 });
    expect(await countTo(1000, fake.environment)).toBe(0);
  });

  it('reports progress no more often than PROGRESS_INTERVAL_MS, and never backwards', async () => {
    let time = 0;
    const reports: Array<{ at: number; counted: number }> = [];
    // Every read of the clock moves it 30 ms, so each chunk looks slow and they shrink.
    const environment: CountEnvironment = {
      now: () => (time += 30),
      schedule: (step) => {
        void Promise.resolve().then(step);
      },
      shouldStop: () => false,
      onProgress: (counted) => reports.push({ at: time, counted }),
    };
    expect(await countTo(2 ** 24, environment)).toBe(2 ** 24);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < reports.length; index += 1) {
      expect(reports[index].at - reports[index - 1].at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
      expect(reports[index].counted).toBeGreaterThan(reports[index - 1].counted);
    }
    for (const report of reports) expect(report.counted).toBeLessThanOrEqual(2 ** 24);
  });
});

describe('fixed chunks', () => {
  it('counts in chunks of the given size, one step each', async () => {
    const fake = fakeEnvironment();
    expect(await countTo(10 * MIN_CHUNK + 3, { ...fake.environment, fixedChunk: MIN_CHUNK })).toBe(10 * MIN_CHUNK + 3);
    expect(fake.steps()).toBe(11);
  });
});

describe('warmUp', () => {
  it('counts WARM_UP_STEPS short chunks of WARM_UP_CHUNK through the counting code', async () => {
    const calls: Array<[number, number]> = [];
    const counted = await warmUp((share, fixedChunk) => {
      calls.push([share, fixedChunk]);
      return Promise.resolve(share);
    });
    expect(calls).toEqual([[WARM_UP_STEPS * WARM_UP_CHUNK, WARM_UP_CHUNK]]);
    expect(counted).toBe(WARM_UP_STEPS * WARM_UP_CHUNK);
  });

  it('takes one step per chunk when it runs for real', async () => {
    const fake = fakeEnvironment();
    await warmUp((share, fixedChunk) => countTo(share, { ...fake.environment, fixedChunk }));
    expect(fake.steps()).toBe(WARM_UP_STEPS);
  });
});
