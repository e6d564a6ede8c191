import { describe, expect, it } from 'vitest';
import { LONGEST_CHUNK_MS, RECENT_TURNS, TARGET_CHUNK_MS, TIMED_PACE, TURNS_PER_CHUNK, WARM_UP_PACE, chunkMsFor, createCounter, nextChunkSize } from './kernel';

describe('chunkMsFor', () => {
  it('keeps the pace’s chunk length where a turn of the event loop is fast (Chromium, Firefox)', () => {
    expect(chunkMsFor(TIMED_PACE, 0)).toBe(TARGET_CHUNK_MS);
    expect(chunkMsFor(TIMED_PACE, 0.04)).toBe(TARGET_CHUNK_MS);
  });

  it('lengthens chunks to TURNS_PER_CHUNK turns where a turn is slow, at most LONGEST_CHUNK_MS', () => {
    expect(chunkMsFor(TIMED_PACE, 0.15)).toBeCloseTo(0.15 * TURNS_PER_CHUNK);
    expect(chunkMsFor(TIMED_PACE, 1.2)).toBe(LONGEST_CHUNK_MS);
    expect(LONGEST_CHUNK_MS).toBeLessThanOrEqual(50);
  });

  it('never shortens a pace that asks for longer chunks', () => {
    expect(chunkMsFor({ ...TIMED_PACE, chunkMs: 75 }, 1)).toBe(75);
  });
});

describe('nextChunkSize with the turn’s cost', () => {
  it('aims at the longer chunk where turns are slow', () => {
    // 15 ms for 2^22 counts; a turn of 0.3 ms asks for 30 ms: twice the size.
    expect(nextChunkSize(2 ** 22, 15, TIMED_PACE, 0.3)).toBe(2 ** 23);
    expect(nextChunkSize(2 ** 22, 15, TIMED_PACE, 0)).toBe(2 ** 22);
  });

  it('leaves the warm-up’s fixed chunks alone', () => {
    expect(nextChunkSize(WARM_UP_PACE.firstChunk, 0.5, WARM_UP_PACE, 5)).toBe(WARM_UP_PACE.firstChunk);
  });
});

describe('createCounter on a slow event loop', () => {
  /** A clock that advances 0.25 ns a count while counting and `turnMs` (or the `turn`th's length) each turn of the event loop. */
  function slowLoop(turnMs: number | ((turn: number) => number)) {
    let clock = 0;
    let turns = 0;
    const sizes: number[] = [];
    const counter = createCounter(
      {
        now: () => clock,
        schedule: (step) => {
          turns += 1;
          clock += typeof turnMs === 'number' ? turnMs : turnMs(turns);
          void Promise.resolve().then(step);
        },
      },
      (n) => {
        sizes.push(n);
        // 0.25 ns a count, as WebKit's loop.
        clock += n * 0.25e-6;
        return n;
      },
    );
    return { counter, sizes };
  }

  it('counts in longer chunks where each turn takes 1 ms, so turns take at most a few % of the count', async () => {
    const { counter, sizes } = slowLoop(1);
    await expect(counter.count(4e9)).resolves.toBe(4e9);
    const longest = Math.max(...sizes) * 0.25e-6;
    expect(longest).toBeGreaterThan(TARGET_CHUNK_MS * 2);
    expect(longest).toBeLessThanOrEqual(LONGEST_CHUNK_MS * 1.01);
  });

  it('keeps 15 ms chunks where a turn is quick', async () => {
    const { counter, sizes } = slowLoop(0.02);
    await expect(counter.count(4e9)).resolves.toBe(4e9);
    expect(Math.max(...sizes) * 0.25e-6).toBeLessThanOrEqual(TARGET_CHUNK_MS * 1.01);
  });

  it('keeps 15 ms chunks where a turn is quick but now and then waits for a core (Chromium and Firefox with 2 workers on 2 cores)', async () => {
    // Every 7th turn held up 5 ms by another thread: smoothed, such turns made every chunk 40 ms long.
    const { counter, sizes } = slowLoop((turn) => (turn % 7 === 0 ? 5 : 0.05));
    await expect(counter.count(4e9)).resolves.toBe(4e9);
    expect(Math.max(...sizes.slice(1)) * 0.25e-6).toBeLessThanOrEqual(TARGET_CHUNK_MS * 1.01);
  });

  it('judges turns by the fastest of the last RECENT_TURNS, so turns that are all slow still lengthen chunks (WebKitGTK)', async () => {
    // WebKitGTK while 2 workers count: 0.15–0.3 ms at best, often 2–4 ms.
    const { counter, sizes } = slowLoop((turn) => [0.2, 3, 0.3, 2, 0.15][turn % 5]);
    await expect(counter.count(4e9)).resolves.toBe(4e9);
    const steady = sizes.slice(10, -1).map((size) => size * 0.25e-6);
    expect(Math.min(...steady)).toBeGreaterThanOrEqual(Math.min(LONGEST_CHUNK_MS, TURNS_PER_CHUNK * 0.15) * 0.99);
    expect(Math.min(...steady)).toBeGreaterThan(TARGET_CHUNK_MS * 1.5);
    expect(RECENT_TURNS).toBeGreaterThan(1);
  });
});
