import { afterEach, describe, expect, it, vi } from 'vitest';
import { splitTotal } from '../../lab/measurement/split';
import { MAIN_THREAD_SLICE_MS, SLICE_WARM_UP_SIZE, SLICE_WARM_UP_SLICES, type LaneEvent, type TurnState } from '../../lab/models/turns';
import { recordingWebAssembly, tickingClock } from '../../testing/inThreadCounter';
import { runOnMainThread } from './runOnMainThread';

/** A turn of Node's event loop in which timers run too (its message ports drain before them). */
const timerTurn = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });

/**
 * Replays a run's events in order: the most lanes counting at one moment, each lane's turns, and
 * the lanes that took a turn again before every lane that was waiting when they last counted had one.
 */
function replay(events: readonly LaneEvent[]) {
  const states = new Map<number, TurnState>();
  /** For each lane, the lanes that were waiting at its last turn and have not counted since. */
  const owed = new Map<number, Set<number>>();
  const turns = new Map<number, number>();
  const jumpedTheQueue: number[] = [];
  let mostCounting = 0;
  for (const { lane, state } of events) {
    if (state === 'counting') {
      if ((owed.get(lane)?.size ?? 0) > 0) jumpedTheQueue.push(lane);
      for (const waiting of owed.values()) waiting.delete(lane);
      owed.set(lane, new Set([...states].filter(([other, otherState]) => other !== lane && otherState === 'waiting-turn').map(([other]) => other)));
      turns.set(lane, (turns.get(lane) ?? 0) + 1);
    }
    states.set(lane, state);
    mostCounting = Math.max(mostCounting, [...states.values()].filter((each) => each === 'counting').length);
  }
  return { mostCounting, turns, jumpedTheQueue, ends: [...states.values()] };
}

describe('runOnMainThread', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('counts every share exactly, the tasks taking turns on one thread, one at a time and in order', async () => {
    const shares = splitTotal(30_000_001, 3);
    // A slice's length a reading: every slice reads as exactly a slice long, so the chunks and turns do not depend on this machine's speed.
    const events: LaneEvent[] = [];
    const timings = await runOnMainThread(shares, {
      signal: new AbortController().signal,
      task: 'cpu',
      yieldToBrowser: timerTurn,
      now: tickingClock(MAIN_THREAD_SLICE_MS),
      onLaneEvent: (event) => events.push(event),
    });
    expect(timings.countedByWorker).toEqual(shares);
    // Start-up is the warm-up of the counting code, before the first slice.
    expect(timings.startupMs).toBeGreaterThan(0);
    expect(timings.wallMs).toBe(timings.startupMs + timings.computeMs);
    expect(timings.capped).toBe(false);
    const { mostCounting, turns, jumpedTheQueue, ends } = replay(events);
    expect(ends).toEqual(['done', 'done', 'done']);
    // Each share is more than two slices, so each task counts in several turns, and never two at once.
    for (const lane of [0, 1, 2]) expect(turns.get(lane)).toBeGreaterThanOrEqual(2);
    expect(mostCounting).toBe(1);
    // Round and round: no task counts again before every task that was waiting has had its turn.
    expect(jumpedTheQueue).toEqual([]);
  });

  it('counts with the loop the workers use: WebAssembly where it is asked for and compiles, else JavaScript, and says which', async () => {
    const shares = splitTotal(3_000_001, 2);
    const run = (kernel: 'js' | 'wasm') =>
      runOnMainThread(shares, { signal: new AbortController().signal, task: 'cpu', kernel, yieldToBrowser: timerTurn, now: tickingClock(MAIN_THREAD_SLICE_MS) });
    const inWasm = await run('wasm');
    expect(inWasm.kernel).toBe('wasm');
    expect(inWasm.countedByWorker).toEqual(shares);
    const inJs = await run('js');
    expect(inJs.kernel).toBe('js');
    expect(inJs.countedByWorker).toEqual(shares);
  });

  it('hands every slice, the warm-up’s too, to the WebAssembly loop when it counts with it, and none when in JavaScript', async () => {
    const shares = splitTotal(3_000_001, 2);
    const run = (kernel: 'js' | 'wasm') =>
      runOnMainThread(shares, { signal: new AbortController().signal, task: 'cpu', kernel, yieldToBrowser: timerTurn, now: tickingClock(MAIN_THREAD_SLICE_MS) });
    const slices: number[] = [];
    vi.stubGlobal('WebAssembly', recordingWebAssembly(slices));
    expect((await run('wasm')).kernel).toBe('wasm');
    const warmUp = slices.slice(0, SLICE_WARM_UP_SLICES);
    expect(warmUp).toHaveLength(SLICE_WARM_UP_SLICES);
    expect(warmUp.every((size) => size === SLICE_WARM_UP_SIZE)).toBe(true);
    expect(slices.slice(SLICE_WARM_UP_SLICES).reduce((total, size) => total + size, 0)).toBe(3_000_001);
    slices.length = 0;
    await run('js');
    expect(slices).toEqual([]);
  });

  it('lets waiting tasks wait at once: 3 waits of 120 ms overlap instead of following each other', async () => {
    const events: LaneEvent[] = [];
    const timings = await runOnMainThread([0, 0, 0], { signal: new AbortController().signal, task: 'io', waits: [120, 120, 120], onLaneEvent: (event) => events.push(event) });
    expect(timings.wallMs).toBeGreaterThanOrEqual(118);
    const at = (lane: number, state: TurnState) => events.find((event) => event.lane === lane && event.state === state)?.atMs ?? Number.NaN;
    // Every wait began before any ended (in turn, the last would begin after the first ended), whatever the machine's speed.
    const lanes = [0, 1, 2];
    expect(Math.max(...lanes.map((lane) => at(lane, 'waiting-io')))).toBeLessThan(Math.min(...lanes.map((lane) => at(lane, 'done'))));
  });

  it('ends within a slice when stopped, and rejects with the reason', async () => {
    const controller = new AbortController();
    let slices = 0;
    let slicesAtStop = 0;
    const running = runOnMainThread([1e12], {
      signal: controller.signal,
      task: 'cpu',
      yieldToBrowser: timerTurn,
      onLaneEvent: (event) => {
        if (event.state !== 'counting') return;
        slices += 1;
        // A click on Stop is a task of its own, as this timer is: it can only come between slices.
        if (slices === 1) {
          setTimeout(() => {
            slicesAtStop = slices;
            controller.abort(new Error('Stopped by the user.'));
          }, 30);
        }
      },
    });
    await expect(running).rejects.toThrow('Stopped by the user.');
    expect(slicesAtStop).toBeGreaterThan(0);
    expect(slices).toBeLessThanOrEqual(slicesAtStop + 1);
  });

  it('refuses waiting tasks without one wait each', async () => {
    await expect(runOnMainThread([0, 0], { signal: new AbortController().signal, task: 'io', waits: [10] })).rejects.toThrow('one wait each');
  });
});
