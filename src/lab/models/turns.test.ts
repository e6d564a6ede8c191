import { describe, expect, it } from 'vitest';
import { MAX_CHUNK } from '../measurement/kernel';
import { splitTotal, sum } from '../measurement/split';
import {
  createSliceCounter,
  FREEZE_CAP_MS,
  FREEZE_CAP_SENTENCE,
  MAIN_THREAD_SLICE_MS,
  runInTurns,
  SLICE_WARM_UP_SIZE,
  SLICE_WARM_UP_SLICES,
  waitAllInSlices,
  waitInSlices,
  warmUpSlices,
  type LaneEvent,
  type SliceCounter,
  type TurnsOptions,
} from './turns';

/** A clock that moves on by `stepMs` at every reading, so each slice seems to take `stepMs`. */
function steppingClock(stepMs: number) {
  let t = 0;
  return () => {
    t += stepMs;
    return t;
  };
}

/** A counter on `now` whose turns of the event loop are promise reactions, counted; `onTurn` runs at each. */
function countingCounter(now: () => number, onTurn: () => void = () => undefined) {
  let turns = 0;
  const steps = new Set<() => void>();
  const counter = createSliceCounter({
    now,
    schedule: (step) => {
      turns += 1;
      steps.add(step);
      onTurn();
      void Promise.resolve().then(step);
    },
  });
  return { counter, turns: () => turns, steps };
}

/** A run with fixed chunks of `chunk` counts, a stepping clock and turns that are counted. */
function turns(shares: readonly number[], chunk: number, extra: Partial<TurnsOptions> = {}, onTurn?: () => void) {
  const { counter, turns: yields } = countingCounter(steppingClock(1), onTurn);
  const options: TurnsOptions = {
    shares,
    counter,
    shouldStop: () => false,
    chunks: { firstChunk: chunk, minChunk: chunk, maxChunk: chunk },
    ...extra,
  };
  return { run: runInTurns(options), yields };
}

const countingLanes = (events: readonly LaneEvent[]) => events.filter((event) => event.state === 'counting').map((event) => event.lane);

/** Lets every pending promise reaction run. */
const settle = async () => {
  for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
};

describe('createSliceCounter', () => {
  it('counts a slice only when the event loop calls its step, and times it on its clock', async () => {
    const scheduled: Array<() => void> = [];
    const counter = createSliceCounter({ now: steppingClock(1), schedule: (step) => scheduled.push(step) });
    let reading: unknown = null;
    void counter.countSlice(1000, false).then((slice) => (reading = slice));
    await settle();
    // Nothing counts from the caller: the step waits for its turn.
    expect(reading).toBeNull();
    expect(scheduled).toHaveLength(1);
    scheduled[0]();
    await settle();
    expect(reading).toEqual({ counted: 1000, startMs: 1, endMs: 2 });
  });

  it('counts each slice with the loop it is given, in the same step', async () => {
    const asked: number[] = [];
    const loop = (n: number) => {
      asked.push(n);
      return n;
    };
    const counter = createSliceCounter({ now: steppingClock(1), schedule: (step) => step() }, loop);
    expect(await counter.countSlice(1000, false)).toEqual({ counted: 1000, startMs: 1, endMs: 2 });
    expect(await counter.countSlice(7, true)).toMatchObject({ counted: 7 });
    expect(asked).toEqual([1000, 7]);
  });

  it('hands the event loop the same step for every slice, frozen or not', async () => {
    const { counter, turns: scheduled, steps } = countingCounter(steppingClock(1));
    await counter.countSlice(10, false);
    await counter.countSlice(20, true);
    await counter.countSlice(30, false);
    expect(scheduled()).toBe(2);
    expect(steps.size).toBe(1);
  });

  it('counts a frozen slice in a promise reaction, without a turn of the event loop', async () => {
    const { counter, turns: scheduled } = countingCounter(steppingClock(1));
    expect(await counter.countSlice(MAX_CHUNK, true)).toMatchObject({ counted: MAX_CHUNK });
    expect(scheduled()).toBe(0);
  });

  it('refuses a slice it could not count exactly, and a second slice at once', async () => {
    const { counter } = countingCounter(steppingClock(1));
    await expect(counter.countSlice(0, false)).rejects.toThrow(`A slice must be a whole number from 1 to ${String(MAX_CHUNK)}, got 0.`);
    await expect(counter.countSlice(1.5, false)).rejects.toThrow('got 1.5');
    await expect(counter.countSlice(MAX_CHUNK + 1, false)).rejects.toThrow(`got ${String(MAX_CHUNK + 1)}`);
    const first = counter.countSlice(5, false);
    await expect(counter.countSlice(5, false)).rejects.toThrow('already counting');
    expect((await first).counted).toBe(5);
  });
});

describe('warmUpSlices', () => {
  it('runs about 2 million counts through the step of the timed slices, frozen', async () => {
    const { counter, turns: scheduled } = countingCounter(steppingClock(1));
    expect(await warmUpSlices(counter)).toBe(SLICE_WARM_UP_SLICES * SLICE_WARM_UP_SIZE);
    expect(SLICE_WARM_UP_SLICES * SLICE_WARM_UP_SIZE).toBeGreaterThan(2e6);
    expect(scheduled()).toBe(0);
    // Each warm-up slice was timed by the step, two readings a slice: the next slice starts at reading 4,001.
    expect(await counter.countSlice(SLICE_WARM_UP_SIZE, false)).toEqual({ counted: SLICE_WARM_UP_SIZE, startMs: 2 * SLICE_WARM_UP_SLICES + 1, endMs: 2 * SLICE_WARM_UP_SLICES + 2 });
  });
});

describe('runInTurns', () => {
  it('has a 5 ms slice, as Python switches threads, and a cap of a few seconds with a sentence', () => {
    expect(MAIN_THREAD_SLICE_MS).toBe(5);
    expect(FREEZE_CAP_MS).toBe(3000);
    expect(FREEZE_CAP_SENTENCE).toBe('A frozen run stops after 3 s of counting, so the page freezes for a few seconds at most.');
  });

  it('gives each task one slice in turn and counts every share exactly', async () => {
    const shares = splitTotal(1_000_003, 3);
    const { run, yields } = turns(shares, 1000);
    const result = await run;
    expect(result.counted).toEqual(shares);
    expect(sum(result.counted)).toBe(1_000_003);
    // [333,335, 333,334, 333,334] in chunks of 1,000: 334 slices each.
    expect(result.slices).toBe(3 * 334);
    expect(countingLanes(result.events).slice(0, 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(result.stopped).toBe(false);
    expect(result.capped).toBe(false);
    // Before every slice the browser gets a turn.
    expect(yields()).toBe(result.slices);
  });

  it('skips the tasks that have finished', async () => {
    const { run } = turns([5, 1, 1], 2);
    const result = await run;
    expect(result.counted).toEqual([5, 1, 1]);
    expect(countingLanes(result.events)).toEqual([0, 1, 2, 0, 0]);
    const done = result.events.filter((event) => event.state === 'done').map((event) => event.lane);
    expect(done).toEqual([1, 2, 0]);
  });

  it('records each lane waiting for its turn, counting, then done, on the counter clock from the run’s start', async () => {
    const { run } = turns([2, 2], 2);
    const { events, elapsedMs } = await run;
    // The clock reads 1 as the run starts, then 2 and 3 around the first slice, 4 and 5 around the second.
    expect(events).toEqual([
      { lane: 0, state: 'waiting-turn', atMs: 0 },
      { lane: 1, state: 'waiting-turn', atMs: 0 },
      { lane: 0, state: 'counting', atMs: 1 },
      { lane: 0, state: 'done', atMs: 2 },
      { lane: 1, state: 'counting', atMs: 3 },
      { lane: 1, state: 'done', atMs: 4 },
    ]);
    expect(elapsedMs).toBe(4);
  });

  it('times the events from the origin it is given', async () => {
    const { run } = turns([2], 2, { originMs: -10 });
    const { events } = await run;
    expect(events.map((event) => event.atMs)).toEqual([11, 12, 13]);
  });

  it('passes every event to onLaneEvent as it happens', async () => {
    const seen: LaneEvent[] = [];
    const { run } = turns([3, 3], 2, { onLaneEvent: (event) => seen.push(event) });
    const { events } = await run;
    expect(seen).toEqual(events);
  });

  it('ends within one slice of a stop that came in while the browser had its turn, keeping what each task counted', async () => {
    let turnsTaken = 0;
    let stopRequested = false;
    const { run } = turns([10_000, 10_000], 1000, { shouldStop: () => stopRequested }, () => {
      // The click on Stop is taken in the turn before the third slice.
      if (++turnsTaken === 3) stopRequested = true;
    });
    const result = await run;
    expect(result.stopped).toBe(true);
    expect(result.slices).toBe(3);
    expect(result.counted).toEqual([2000, 1000]);
    const stoppedLanes = result.events.filter((event) => event.state === 'stopped').map((event) => event.lane);
    expect(stoppedLanes).toEqual([0, 1]);
  });

  it('counts nothing when stopped before it starts', async () => {
    const { run, yields } = turns([10_000], 1000, { shouldStop: () => true });
    const result = await run;
    expect(result).toMatchObject({ stopped: true, slices: 0, counted: [0] });
    expect(yields()).toBe(0);
  });

  it('never yields when frozen, and stops at the cap, saying so', async () => {
    const { run, yields } = turns([1e12, 1e12], 1000, { freeze: true, freezeCapMs: 100 });
    const result = await run;
    expect(yields()).toBe(0);
    expect(result.capped).toBe(true);
    expect(result.stopped).toBe(false);
    // The stepping clock makes each slice 1 ms and each gap 1 ms: the cap is passed by at most one slice.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(100);
    expect(result.elapsedMs).toBeLessThanOrEqual(103);
    expect(result.slices).toBe(50);
    expect(result.counted).toEqual([25_000, 25_000]);
    expect(result.events.filter((event) => event.state === 'stopped')).toHaveLength(2);
  });

  it('runs a frozen count that fits under the cap to the end', async () => {
    const { run, yields } = turns(splitTotal(10_001, 2), 1000, { freeze: true, freezeCapMs: 1000 });
    const result = await run;
    expect(yields()).toBe(0);
    expect(result.capped).toBe(false);
    expect(result.counted).toEqual([5001, 5000]);
  });

  it('is never capped when it yields', async () => {
    const { run } = turns([100_000, 100_000], 1000, { freezeCapMs: 10 });
    const result = await run;
    expect(result.capped).toBe(false);
    expect(result.counted).toEqual([100_000, 100_000]);
  });

  it('sizes each slice from the last one to last about sliceMs', async () => {
    // Every slice reads 10 ms against a 5 ms target, so the chunk halves down to its least size.
    let stopRequested = false;
    let slices = 0;
    const { counter } = countingCounter(steppingClock(10));
    const result = await runInTurns({
      shares: [1e9],
      sliceMs: 5,
      counter,
      onLaneEvent: (event) => {
        if (event.state === 'counting' && ++slices === 5) stopRequested = true;
      },
      shouldStop: () => stopRequested,
      chunks: { firstChunk: 4096, minChunk: 512, maxChunk: 8192 },
    });
    expect(result.counted).toEqual([4096 + 2048 + 1024 + 512 + 512]);
  });

  it('gives k tasks the slices one task gets for the same total, so taking turns cannot be faster', async () => {
    /** A counter whose slices take 0.25 ns a count plus 0.05 ms each, on a fake clock. */
    const fakeCounter = (): SliceCounter & { slices: number[] } => {
      let t = 0;
      const slices: number[] = [];
      return {
        slices,
        now: () => t,
        countSlice: (size) => {
          const startMs = t + 0.05;
          t = startMs + size * 0.25e-6;
          slices.push(size);
          return Promise.resolve({ counted: size, startMs, endMs: t });
        },
      };
    };
    const total = 2e9;
    const one = fakeCounter();
    const alone = await runInTurns({ shares: [total], counter: one, shouldStop: () => false });
    for (const k of [2, 3, 8]) {
      const many = fakeCounter();
      const taking = await runInTurns({ shares: splitTotal(total, k), counter: many, shouldStop: () => false });
      expect(sum(taking.counted)).toBe(total);
      // The slices are the same but for each task's last, shorter one.
      expect(many.slices.length - one.slices.length).toBeGreaterThanOrEqual(0);
      expect(many.slices.length - one.slices.length).toBeLessThanOrEqual(k - 1);
      expect(taking.elapsedMs).toBeGreaterThanOrEqual(alone.elapsedMs);
      expect(taking.elapsedMs / alone.elapsedMs).toBeLessThan(1.01);
    }
  });

  it('counts for real on a real clock', async () => {
    const shares = splitTotal(30_000_001, 2);
    // The pure code's tests see the language only: Date is the clock here.
    const { counter, turns: yields } = countingCounter(() => Date.now());
    const result = await runInTurns({ shares, counter, shouldStop: () => false });
    expect(result.counted).toEqual(shares);
    expect(result.slices).toBeGreaterThan(2);
    expect(yields()).toBe(result.slices);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses a share that is not a whole number', async () => {
    await expect(turns([1.5], 2).run).rejects.toThrow('A share must be a whole number ≥ 0, got 1.5.');
  });

  it('finishes at once with nothing to count', async () => {
    const { run, yields } = turns([0, 0], 2);
    const result = await run;
    expect(result.counted).toEqual([0, 0]);
    expect(result.slices).toBe(0);
    expect(yields()).toBe(0);
    expect(result.events.map((event) => event.state)).toEqual(['done', 'done']);
  });
});

/** Fake timers: sleeps wake in time order, and the clock jumps to each wake. */
function fakeTimers() {
  let t = 0;
  const sleeping: { at: number; wake: () => void }[] = [];
  const slept: number[] = [];
  /** Lets every pending promise callback run (the code under test awaits a few deep). */
  const settle = async () => {
    for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
  };
  return {
    now: () => t,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        slept.push(ms);
        sleeping.push({ at: t + ms, wake: resolve });
      }),
    slept,
    /** Runs `promise` to the end, moving the clock from wake to wake. */
    async drive<T>(promise: Promise<T>): Promise<T> {
      const state = { done: false };
      const result = promise.finally(() => {
        state.done = true;
      });
      for (;;) {
        await settle();
        if (state.done || sleeping.length === 0) break;
        sleeping.sort((a, b) => a.at - b.at);
        const next = sleeping.shift();
        if (!next) break;
        t = next.at;
        next.wake();
      }
      return result;
    },
  };
}

describe('waitInSlices', () => {
  it('waits the whole time in sleeps of at most one slice', async () => {
    const timers = fakeTimers();
    const result = await timers.drive(waitInSlices({ waitMs: 120, sliceMs: 50, now: timers.now, sleep: timers.sleep, shouldStop: () => false, lane: 3 }));
    expect(timers.slept).toEqual([50, 50, 20]);
    expect(result.waitedMs).toBe(120);
    expect(result.stopped).toBe(false);
    expect(result.events).toEqual([
      { lane: 3, state: 'waiting-io', atMs: 0 },
      { lane: 3, state: 'done', atMs: 120 },
    ]);
  });

  it('ends within one slice of a stop', async () => {
    const timers = fakeTimers();
    const result = await timers.drive(
      waitInSlices({ waitMs: 1000, sliceMs: 50, now: timers.now, sleep: timers.sleep, shouldStop: () => timers.now() >= 120 }),
    );
    expect(result.stopped).toBe(true);
    expect(result.waitedMs).toBe(150);
    expect(result.events.at(-1)).toEqual({ lane: 0, state: 'stopped', atMs: 150 });
  });

  it('refuses a wait that is not a time', async () => {
    const timers = fakeTimers();
    await expect(waitInSlices({ waitMs: Number.NaN, now: timers.now, sleep: timers.sleep, shouldStop: () => false })).rejects.toThrow(
      'A wait must be a time ≥ 0 ms, got NaN.',
    );
  });
});

describe('waitAllInSlices', () => {
  it('lets k waiting tasks wait at once: 4 waits of 100 ms take 100 ms, not 400', async () => {
    const timers = fakeTimers();
    const result = await timers.drive(waitAllInSlices({ waits: [100, 100, 100, 100], sliceMs: 25, now: timers.now, sleep: timers.sleep, shouldStop: () => false }));
    expect(result.elapsedMs).toBe(100);
    expect(result.waitedMs).toEqual([100, 100, 100, 100]);
    expect(result.stopped).toBe(false);
    expect(result.events.filter((event) => event.state === 'waiting-io').map((event) => event.atMs)).toEqual([0, 0, 0, 0]);
    expect(result.events.filter((event) => event.state === 'done').map((event) => event.lane)).toEqual([0, 1, 2, 3]);
  });

  it('stops every waiting task within one slice', async () => {
    const timers = fakeTimers();
    const result = await timers.drive(
      waitAllInSlices({ waits: [1000, 1000], sliceMs: 50, now: timers.now, sleep: timers.sleep, shouldStop: () => timers.now() >= 60 }),
    );
    expect(result.stopped).toBe(true);
    expect(result.elapsedMs).toBe(100);
    expect(result.events.filter((event) => event.state === 'stopped')).toHaveLength(2);
  });
});
