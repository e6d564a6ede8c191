import { describe, expect, it } from 'vitest';
import {
  FIRST_CHUNK,
  MAX_CHUNK,
  MIN_CHUNK,
  PROGRESS_INTERVAL_MS,
  TIMED_PACE,
  WARM_UP_CHUNK,
  WARM_UP_COUNTS,
  SLOW_LOOP_WARM_UP_CHUNK,
  SLOW_LOOP_WARM_UP_SHARE,
  WARM_UP_PACE,
  WARM_UP_SHARE,
  createCounter,
  jsLoop,
  nextChunkSize,
  warmUp,
  type Counter,
  type CounterEnvironment,
} from './kernel';

/**
 * A counter on a clock that stands still, whose steps run as microtasks, asked to stop once it has
 * scheduled a given number of steps; `steps` counts the chunks that came after a turn of the event
 * loop (`schedule`), not those a count's `quickTurns` called from a microtask.
 */
function fakeCounter(options: { stopAfterSteps?: number; now?: () => number } = {}) {
  let steps = 0;
  let counter: Counter | null = null;
  const environment: CounterEnvironment = {
    now: options.now ?? (() => 0),
    schedule: (step) => {
      steps += 1;
      if (options.stopAfterSteps !== undefined && steps > options.stopAfterSteps) counter?.stop();
      void Promise.resolve().then(step);
    },
  };
  counter = createCounter(environment);
  return { counter, steps: () => steps };
}

describe('nextChunkSize', () => {
  it('aims at the target duration', () => {
    expect(TIMED_PACE.chunkMs).toBe(15);
    expect(nextChunkSize(2 ** 22, 30)).toBe(2 ** 21);
    expect(nextChunkSize(2 ** 22, 10)).toBe(Math.round(2 ** 22 * 1.5));
  });

  it('at most doubles or halves at a time', () => {
    expect(nextChunkSize(2 ** 22, 1)).toBe(2 ** 23);
    expect(nextChunkSize(2 ** 22, 1000)).toBe(2 ** 21);
  });

  it('doubles when a coarse timer reads 0 ms', () => {
    expect(nextChunkSize(2 ** 20, 0)).toBe(2 ** 21);
  });

  it('stays between MIN_CHUNK and MAX_CHUNK, so the loop counter stays a small integer', () => {
    expect(nextChunkSize(MAX_CHUNK, 0)).toBe(MAX_CHUNK);
    expect(nextChunkSize(MIN_CHUNK, 1e9)).toBe(MIN_CHUNK);
    expect(MAX_CHUNK).toBeLessThan(2 ** 30);
  });

  it('keeps the warm-up at its one short chunk, however the timer reads', () => {
    for (const lastMs of [0, 0.005, 1, 100]) expect(nextChunkSize(WARM_UP_CHUNK, lastMs, WARM_UP_PACE)).toBe(WARM_UP_CHUNK);
  });
});

describe('jsLoop', () => {
  it('returns the count it reached, its n itself', () => {
    for (const n of [0, 1, 7, FIRST_CHUNK + 3]) expect(jsLoop(n)).toBe(n);
  });

  it('counts a counter’s shares exactly in chunks, as the loop written out in the step does', async () => {
    const counter = createCounter({ now: () => 0, schedule: (step) => void Promise.resolve().then(step) }, jsLoop);
    expect(await counter.count(3 * FIRST_CHUNK + 5)).toBe(3 * FIRST_CHUNK + 5);
    expect(await counter.count(0)).toBe(0);
    expect(await counter.count(7)).toBe(7);
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

  it('does not count at all when stopped as it starts', async () => {
    const fake = fakeCounter({ stopAfterSteps: 0 });
    expect(await fake.counter.count(1000)).toBe(0);
  });

  it('refuses a share that is not a whole number ≥ 0, which could never end', async () => {
    const { counter } = fakeCounter();
    for (const share of [2.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      await expect(counter.count(share)).rejects.toThrow(RangeError);
    }
    expect(await counter.count(3)).toBe(3);
  });

  it('refuses a second count while one is running', async () => {
    const { counter } = fakeCounter();
    const first = counter.count(FIRST_CHUNK * 2);
    await expect(counter.count(10)).rejects.toThrow('already counting');
    expect(await first).toBe(FIRST_CHUNK * 2);
  });

  it('starts again after a stop: every count clears the request', async () => {
    const fake = fakeCounter();
    fake.counter.stop();
    expect(await fake.counter.count(1000)).toBe(1000);
  });

  it('counts at the pace it is given, one step a chunk', async () => {
    const fake = fakeCounter();
    expect(await fake.counter.count(10 * WARM_UP_CHUNK + 3, { pace: WARM_UP_PACE })).toBe(10 * WARM_UP_CHUNK + 3);
    expect(fake.steps()).toBe(11);
  });

  it('calls its first quickTurns chunks from microtasks and the rest after a turn of the event loop, one step a chunk', async () => {
    let reads = 0;
    const fake = fakeCounter({ now: () => (reads += 1) });
    expect(await fake.counter.count(10 * WARM_UP_CHUNK + 3, { pace: WARM_UP_PACE, quickTurns: 4 })).toBe(10 * WARM_UP_CHUNK + 3);
    expect(fake.steps()).toBe(11 - 4);
    // Each chunk reads the clock twice, the count's start once: 11 chunks.
    expect(reads).toBe(1 + 2 * 11);
    // The next count starts with none left over.
    expect(await fake.counter.count(3 * WARM_UP_CHUNK, { pace: WARM_UP_PACE })).toBe(3 * WARM_UP_CHUNK);
    expect(fake.steps()).toBe(7 + 3);
  });

  it('lets a stop through at the first chunk after a turn of the event loop', async () => {
    const fake = fakeCounter({ stopAfterSteps: 0 });
    expect(await fake.counter.count(10 * WARM_UP_CHUNK, { pace: WARM_UP_PACE, quickTurns: 3 })).toBe(3 * WARM_UP_CHUNK);
  });

  it('reports progress no more often than PROGRESS_INTERVAL_MS, and never backwards', async () => {
    let time = 0;
    let reads = 0;
    const reports: Array<{ at: number; counted: number }> = [];
    // A chunk's end reads the clock 60 ms after its start (the count's own read is the first, each
    // chunk's end an odd one), so each chunk looks slow and they shrink; the turns take no time.
    const counter = createCounter({
      now: () => {
        reads += 1;
        if (reads > 1 && reads % 2 === 1) time += 60;
        return time;
      },
      schedule: (step) => {
        void Promise.resolve().then(step);
      },
    });
    expect(await counter.count(2 ** 24, { onProgress: (counted) => reports.push({ at: time, counted }) })).toBe(2 ** 24);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < reports.length; index += 1) {
      expect(reports[index].at - reports[index - 1].at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
      expect(reports[index].counted).toBeGreaterThan(reports[index - 1].counted);
    }
    for (const report of reports) expect(report.counted).toBeLessThanOrEqual(2 ** 24);
  });

  it('delivers each report before the count resolves, and none to a later count', async () => {
    let time = 0;
    const counter = createCounter({ now: () => (time += 300), schedule: (step) => void Promise.resolve().then(step) });
    const first: number[] = [];
    const counted = await counter.count(3 * FIRST_CHUNK, { onProgress: (value) => first.push(value) });
    expect(counted).toBe(3 * FIRST_CHUNK);
    expect(first.at(-1)).toBe(counted);
    const reportsOfFirst = first.length;
    const second: number[] = [];
    await counter.count(5, { onProgress: (value) => second.push(value) });
    expect(first).toHaveLength(reportsOfFirst);
    expect(second).toEqual([5]);
  });
});

/** The chunks a warm-up counted, from the reads of a clock that moves `perRead` a read: two a chunk, one a count (its start). */
const chunksRead = (clock: number, perRead: number) => Math.round(clock / perRead - WARM_UP_COUNTS) / 2;

describe('warmUp', () => {
  it('runs WARM_UP_COUNTS counts of short chunks through the counting code, each ending on a shorter chunk after a turn of the event loop', async () => {
    let clock = 0;
    const fake = fakeCounter({ now: () => (clock += 0.001) });
    expect(WARM_UP_SHARE % WARM_UP_CHUNK).toBeGreaterThan(0);
    expect(await warmUp(fake.counter, () => clock)).toBe(WARM_UP_COUNTS * WARM_UP_SHARE);
    expect(chunksRead(clock, 0.001)).toBe(WARM_UP_COUNTS * Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK));
    // The first round's chunks and the last one come after a turn of the event loop, the others from microtasks.
    expect(fake.steps()).toBe(Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK) + 1);
  });

  it('ends at once when asked to stop, instead of going on with its next round', async () => {
    const fake = fakeCounter({ stopAfterSteps: 50 });
    expect(await warmUp(fake.counter, () => 0)).toBe(50 * WARM_UP_CHUNK);
    expect(fake.steps()).toBe(51);
  });

  // WebKit turns a worker's event loop in 0.25–1 ms, and the 2,020 turns of the warm-up took start-up to about 600 ms.
  it('warms a slow event loop up with as many counts in 16 times fewer turns, after a first round', async () => {
    let clock = 0;
    // Each step reads the clock twice: 0.25 ms a read makes a turn of 0.5 ms.
    const fake = fakeCounter({ now: () => (clock += 0.25) });
    const counted = await warmUp(fake.counter, () => clock);
    expect(counted).toBe(WARM_UP_SHARE + (WARM_UP_COUNTS - 1) * SLOW_LOOP_WARM_UP_SHARE);
    expect(Math.abs(SLOW_LOOP_WARM_UP_SHARE / WARM_UP_SHARE - 1)).toBeLessThan(0.05);
    const turns = Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK) + (WARM_UP_COUNTS - 1) * Math.ceil(SLOW_LOOP_WARM_UP_SHARE / SLOW_LOOP_WARM_UP_CHUNK);
    expect(chunksRead(clock, 0.25)).toBe(turns);
    // A slow loop keeps its real turns (see warmUp).
    expect(fake.steps()).toBe(turns);
    expect(turns).toBeLessThan((WARM_UP_COUNTS * Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK)) / 8);
  });

  it('warms an engine that needs real turns up as a slow loop, however fast its turns', async () => {
    let clock = 0;
    const fake = fakeCounter({ now: () => (clock += 0.01) });
    expect(await warmUp(fake.counter, () => clock, true)).toBe(WARM_UP_SHARE + (WARM_UP_COUNTS - 1) * SLOW_LOOP_WARM_UP_SHARE);
    const turns = Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK) + (WARM_UP_COUNTS - 1) * Math.ceil(SLOW_LOOP_WARM_UP_SHARE / SLOW_LOOP_WARM_UP_CHUNK);
    expect(chunksRead(clock, 0.01)).toBe(turns);
    expect(fake.steps()).toBe(turns);
  });

  it('keeps the short chunks when the event loop turns fast', async () => {
    let clock = 0;
    const fake = fakeCounter({ now: () => (clock += 0.01) });
    expect(await warmUp(fake.counter, () => clock)).toBe(WARM_UP_COUNTS * WARM_UP_SHARE);
    expect(chunksRead(clock, 0.01)).toBe(WARM_UP_COUNTS * Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK));
    expect(fake.steps()).toBe(Math.ceil(WARM_UP_SHARE / WARM_UP_CHUNK) + 1);
  });
});
