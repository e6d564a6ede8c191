import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasResolved } from '../../testing/turns';
import { CALM_FRAMES } from '../../lab/measurement/calmFrames';
import { afterPageCalm, afterPageDrawn, CALM_LIMIT_MS, DRAWN_LIMIT_MS, type DrawingHost } from './pageDrawn';

/** A window whose frames come when the test says, with the test's (fake) timers. */
function fakeWindow(hidden = false) {
  const frames: Array<(frameMs: number) => void> = [];
  const host: DrawingHost<ReturnType<typeof setTimeout>> = {
    requestAnimationFrame: (callback) => frames.push(callback),
    document: { hidden },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (timer) => {
      clearTimeout(timer);
    },
  };
  return { host, frames };
}

describe('afterPageDrawn', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after a task that follows the next frame, not before the frame', async () => {
    vi.useFakeTimers();
    const { host, frames } = fakeWindow();
    const drawn = afterPageDrawn(host);
    expect(await hasResolved(drawn)).toBe(false);
    expect(frames).toHaveLength(1);
    frames[0](0);
    // The frame's callback runs before its style, layout and paint: the wait ends in a task after them.
    expect(await hasResolved(drawn)).toBe(true);
  });

  it('resolves after DRAWN_LIMIT_MS when no frame comes', async () => {
    vi.useFakeTimers();
    const { host } = fakeWindow();
    const drawn = afterPageDrawn(host);
    await vi.advanceTimersByTimeAsync(DRAWN_LIMIT_MS - 1);
    expect(await hasResolved(drawn)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasResolved(drawn)).toBe(true);
  });

  // afterPageCalm shares afterPageDrawn's frames (afterFrames): each is checked here.
  it.each([
    ['afterPageDrawn', afterPageDrawn],
    ['afterPageCalm', afterPageCalm],
  ] as const)('%s resolves at once in a hidden tab, which draws nothing, and where there are no frames (Node, a worker)', async (_name, wait) => {
    vi.useFakeTimers();
    const { host, frames } = fakeWindow(true);
    expect(await hasResolved(wait(host))).toBe(true);
    expect(frames).toHaveLength(0);
    expect(await hasResolved(wait({ setTimeout, clearTimeout }))).toBe(true);
  });

  it('takes only a host whose clearTimeout takes what its setTimeout returns (a browser’s number, Node’s object)', async () => {
    vi.useFakeTimers();
    // The refusal is the compiler's (`tsc -b` type-checks the tests); at run time such a host is no worse.
    const mismatched: { setTimeout: () => number; clearTimeout: (timer: string) => void } = { setTimeout: () => 1, clearTimeout: () => undefined };
    // @ts-expect-error -- a number from setTimeout cannot be cleared as a string.
    expect(await hasResolved(afterPageDrawn(mismatched))).toBe(true);
  });
});

describe('afterPageCalm', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Draws the next frame the page asked for, at `frameMs`. */
  const draw = (frames: Array<(frameMs: number) => void>, frameMs: number) => {
    const next = frames.shift();
    if (!next) throw new Error('The page asked for no frame.');
    next(frameMs);
  };

  it('resolves once CALM_FRAMES frames in a row came with no long task between them, counting again after one', async () => {
    vi.useFakeTimers();
    const { host, frames } = fakeWindow();
    const calm = afterPageCalm(host);
    // A steady start, then a render of 120 ms holds a frame back.
    for (const frameMs of [0, 16, 32]) draw(frames, frameMs);
    draw(frames, 152);
    for (let frame = 1; frame < CALM_FRAMES; frame += 1) draw(frames, 152 + 16 * frame);
    expect(await hasResolved(calm)).toBe(false);
    draw(frames, 152 + 16 * CALM_FRAMES);
    expect(await hasResolved(calm)).toBe(true);
    // Calm: it asks for no more frames.
    expect(frames).toHaveLength(0);
  });

  it('resolves after its limit on a page that is never calm, and asks for no frame after', async () => {
    vi.useFakeTimers();
    const { host, frames } = fakeWindow();
    const calm = afterPageCalm(host);
    for (let frame = 0; frame < 10; frame += 1) draw(frames, frame * 100);
    await vi.advanceTimersByTimeAsync(CALM_LIMIT_MS - 1);
    expect(await hasResolved(calm)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasResolved(calm)).toBe(true);
    draw(frames, 1000);
    expect(frames).toHaveLength(0);
  });

  it('asks for no more frames once its signal aborts (a run started and gave up the calibration)', async () => {
    vi.useFakeTimers();
    const { host, frames } = fakeWindow();
    const controller = new AbortController();
    const calm = afterPageCalm(host, CALM_LIMIT_MS, controller.signal);
    draw(frames, 0);
    expect(frames).toHaveLength(1);
    controller.abort();
    // Ended at the abort, before any frame.
    expect(await hasResolved(calm)).toBe(true);
    draw(frames, 16);
    expect(frames).toHaveLength(0);
  });

});
