import { describe, expect, it } from 'vitest';
import { splitTotal, sum } from './split';
import {
  FREEZE_CAP_MS,
  FREEZE_CAP_SENTENCE,
  MAIN_THREAD_SLICE_MS,
  runInTurns,
  waitAllInSlices,
  waitInSlices,
  type LaneEvent,
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

/** A run with fixed chunks of `chunk` counts, a stepping clock and a yield that counts its calls. */
function turns(shares: readonly number[], chunk: number, extra: Partial<TurnsOptions> = {}) {
  let yields = 0;
  const options: TurnsOptions = {
    shares,
    now: steppingClock(1),
    yieldToBrowser: () => {
      yields += 1;
      return Promise.resolve();
    },
    shouldStop: () => false,
    chunks: { firstChunk: chunk, minChunk: chunk, maxChunk: chunk },
    ...extra,
  };
  return { run: runInTurns(options), yields: () => yields };
}

const countingLanes = (events: readonly LaneEvent[]) => events.filter((event) => event.state === 'counting').map((event) => event.lane);

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
    // Between every two slices the browser gets a turn.
    expect(yields()).toBe(result.slices - 1);
  });

  it('skips the tasks that have finished', async () => {
    const { run } = turns([5, 1, 1], 2);
    const result = await run;
    expect(result.counted).toEqual([5, 1, 1]);
    expect(countingLanes(result.events)).toEqual([0, 1, 2, 0, 0]);
    const done = result.events.filter((event) => event.state === 'done').map((event) => event.lane);
    expect(done).toEqual([1, 2, 0]);
  });

  it('records each lane waiting for its turn, counting, then done, on the clock it was given', async () => {
    const { run } = turns([2, 2], 2);
    const { events, elapsedMs } = await run;
    expect(events).toEqual([
      { lane: 0, state: 'waiting-turn', atMs: 1 },
      { lane: 1, state: 'waiting-turn', atMs: 1 },
      { lane: 0, state: 'counting', atMs: 2 },
      { lane: 0, state: 'done', atMs: 3 },
      { lane: 1, state: 'counting', atMs: 4 },
      { lane: 1, state: 'done', atMs: 5 },
    ]);
    expect(elapsedMs).toBe(4);
  });

  it('passes every event to onLaneEvent as it happens', async () => {
    const seen: LaneEvent[] = [];
    const { run } = turns([3, 3], 2, { onLaneEvent: (event) => seen.push(event) });
    const { events } = await run;
    expect(seen).toEqual(events);
  });

  it('ends within one slice of a stop, keeping what each task counted', async () => {
    let slices = 0;
    let stopRequested = false;
    const { run } = turns([10_000, 10_000], 1000, {
      onLaneEvent: (event) => {
        // The stop comes in while the third slice counts.
        if (event.state === 'counting' && ++slices === 3) stopRequested = true;
      },
      shouldStop: () => stopRequested,
    });
    const result = await run;
    expect(result.stopped).toBe(true);
    expect(result.slices).toBe(3);
    expect(result.counted).toEqual([2000, 1000]);
    const stoppedLanes = result.events.filter((event) => event.state === 'stopped').map((event) => event.lane);
    expect(stoppedLanes).toEqual([0, 1]);
  });

  it('sees a stop that came in while the browser had its turn', async () => {
    let stopRequested = false;
    const { run } = turns([10_000, 10_000], 1000, {
      yieldToBrowser: () => {
        stopRequested = true;
        return Promise.resolve();
      },
      shouldStop: () => stopRequested,
    });
    const result = await run;
    expect(result.stopped).toBe(true);
    expect(result.counted).toEqual([1000, 0]);
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
    const result = await runInTurns({
      shares: [1e9],
      sliceMs: 5,
      now: steppingClock(10),
      yieldToBrowser: () => Promise.resolve(),
      onLaneEvent: (event) => {
        if (event.state === 'counting' && ++slices === 5) stopRequested = true;
      },
      shouldStop: () => stopRequested,
      chunks: { firstChunk: 4096, minChunk: 512, maxChunk: 8192 },
    });
    expect(result.counted).toEqual([4096 + 2048 + 1024 + 512 + 512]);
  });

  it('counts for real on a real clock', async () => {
    const shares = splitTotal(30_000_001, 2);
    let yields = 0;
    const result = await runInTurns({
      shares,
      // The pure code's tests see the language only: Date is the clock here.
      now: () => Date.now(),
      yieldToBrowser: () => {
        yields += 1;
        return Promise.resolve();
      },
      shouldStop: () => false,
    });
    expect(result.counted).toEqual(shares);
    expect(result.slices).toBeGreaterThan(2);
    expect(yields).toBe(result.slices - 1);
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
