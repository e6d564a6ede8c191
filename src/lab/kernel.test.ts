import { describe, expect, it } from 'vitest';
import {
  FIRST_CHUNK,
  MAX_CHUNK,
  MIN_CHUNK,
  PROGRESS_INTERVAL_MS,
  WARM_UP_CHUNK,
  WARM_UP_STEPS,
  createCounter,
  nextChunkSize,
  warmUp,
  type CounterEnvironment,
} from './kernel';

/** A counter on a clock that stands still, whose steps run as microtasks, stopped after a given number of steps. */
function fakeCounter(options: { stopAfterSteps?: number; now?: () => number } = {}) {
  let steps = 0;
  const reports: number[] = [];
  const environment: CounterEnvironment = {
    now: options.now ?? (() => 0),
    schedule: (step) => {
      steps += 1;
      void Promise.resolve().then(step);
    },
    shouldStop: () => options.stopAfterSteps !== undefined && steps > options.stopAfterSteps,
    report: (counted) => reports.push(counted),
  };
  return { counter: createCounter(environment), steps: () => steps, reports };
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

describe('createCounter', () => {
  it('counts exactly its share', async () => {
    const { counter } = fakeCounter();
    expect(await counter.count(3 * FIRST_CHUNK + 5)).toBe(3 * FIRST_CHUNK + 5);
    expect(await counter.count(0)).toBe(0);
    expect(await counter.count(7)).toBe(7);
    expect(await counter.count(1_000_003)).toBe(1_000_003);
  });

  it('has the event loop call every chunk, the first one too, with one step function', async () => {
    const seen = new Set<() => void>();
    let steps = 0;
    const counter = createCounter({
      now: () => 0,
      schedule: (step) => {
        steps += 1;
        seen.add(step);
        void Promise.resolve().then(step);
      },
      shouldStop: () => false,
      report: () => undefined,
    });
    await counter.count(2 * FIRST_CHUNK);
    // A still clock doubles the chunk: FIRST_CHUNK, then the rest in one go.
    expect(steps).toBe(2);
    await counter.count(5);
    expect(seen.size).toBe(1);
  });

  it('ends at the next chunk boundary once asked to stop, with what it counted', async () => {
    const fake = fakeCounter({ stopAfterSteps: 2 });
    expect(await fake.counter.count(1e12)).toBe(FIRST_CHUNK + 2 * FIRST_CHUNK);
    expect(fake.steps()).toBe(3);
  });

  it('does not count at all when stopped before it starts', async () => {
    const fake = fakeCounter({ stopAfterSteps: 0 });
    expect(await fake.counter.count(1000)).toBe(0);
  });

  it('refuses a second count while one is running', async () => {
    const { counter } = fakeCounter();
    const first = counter.count(FIRST_CHUNK * 2);
    await expect(counter.count(10)).rejects.toThrow('already counting');
    expect(await first).toBe(FIRST_CHUNK * 2);
  });

  it('counts in fixed chunks when asked, one step each', async () => {
    const fake = fakeCounter();
    expect(await fake.counter.count(10 * MIN_CHUNK + 3, MIN_CHUNK)).toBe(10 * MIN_CHUNK + 3);
    expect(fake.steps()).toBe(11);
  });

  it('reports progress no more often than PROGRESS_INTERVAL_MS, and never backwards', async () => {
    let time = 0;
    const reports: Array<{ at: number; counted: number }> = [];
    // Every read of the clock moves it 30 ms, so each chunk looks slow and they shrink.
    const counter = createCounter({
      now: () => (time += 30),
      schedule: (step) => {
        void Promise.resolve().then(step);
      },
      shouldStop: () => false,
      report: (counted) => reports.push({ at: time, counted }),
    });
    expect(await counter.count(2 ** 24)).toBe(2 ** 24);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < reports.length; index += 1) {
      expect(reports[index].at - reports[index - 1].at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
      expect(reports[index].counted).toBeGreaterThan(reports[index - 1].counted);
    }
    for (const report of reports) expect(report.counted).toBeLessThanOrEqual(2 ** 24);
  });
});

describe('warmUp', () => {
  it('counts WARM_UP_STEPS short chunks of WARM_UP_CHUNK through the counting code, one step each', async () => {
    const fake = fakeCounter();
    expect(await warmUp(fake.counter)).toBe(WARM_UP_STEPS * WARM_UP_CHUNK);
    expect(fake.steps()).toBe(WARM_UP_STEPS);
  });
});
