import { describe, expect, it } from 'vitest';
import { FrameMeter, LONG_FRAME_MS, METER_UPDATE_MS, describeFrameRate, framesPerSecondInWords } from './frames';

/** Feeds frames every `intervalMs` from `fromMs` up to `toMs`, and returns the last timestamp. */
function frames(meter: FrameMeter, fromMs: number, toMs: number, intervalMs: number): number {
  let t = fromMs;
  for (; t <= toMs; t += intervalMs) meter.frame(t);
  return t - intervalMs;
}

describe('FrameMeter', () => {
  it('counts the frames of the last second', () => {
    const meter = new FrameMeter();
    const last = frames(meter, 0, 3000, 1000 / 60);
    // Read between two frames, so that no frame sits on the window's edge.
    expect(meter.reading(last + 5).fps).toBe(60);
  });

  it('reads the rate from less than a second of frames at the start', () => {
    const meter = new FrameMeter();
    expect(meter.reading(0).fps).toBeNull();
    meter.frame(100);
    expect(meter.reading(100).fps).toBeNull();
    const last = frames(meter, 100 + 1000 / 30, 350, 1000 / 30);
    expect(meter.reading(last).fps).toBe(30);
  });

  it('holds a fast display too (240 Hz)', () => {
    const meter = new FrameMeter();
    const last = frames(meter, 0, 2000, 1000 / 240);
    expect(meter.reading(last + 1).fps).toBe(240);
  });

  it('sees a freeze: one frame in the last second, and the longest frame', () => {
    const meter = new FrameMeter();
    const before = frames(meter, 0, 2000, 1000 / 60);
    meter.frame(before + 2950);
    const reading = meter.reading(before + 2950);
    expect(reading.fps).toBe(1);
    expect(reading.longestMs).toBeCloseTo(2950, 6);
  });

  it('recovers its rate a second after the freeze but keeps the longest frame until the next mark', () => {
    const meter = new FrameMeter();
    const before = frames(meter, 0, 1000, 1000 / 60);
    const last = frames(meter, before + 1500, before + 3500, 1000 / 60);
    expect(meter.reading(last + 5)).toEqual({ fps: 60, longestMs: 1500 });
    meter.mark();
    expect(meter.reading(last).longestMs).toBe(0);
    meter.frame(last + 20);
    expect(meter.reading(last + 20).longestMs).toBeCloseTo(20, 6);
  });

  it('does not take the time a page was hidden for a frame', () => {
    const meter = new FrameMeter();
    const before = frames(meter, 0, 1000, 1000 / 60);
    meter.pause();
    meter.frame(before + 30_000);
    expect(meter.reading(before + 30_000)).toEqual({ fps: null, longestMs: expect.closeTo(1000 / 60, 6) as number });
    const last = frames(meter, before + 30_000 + 1000 / 60, before + 30_500, 1000 / 60);
    expect(meter.reading(last).fps).toBe(60);
  });
});

describe('describeFrameRate', () => {
  it('says the rate, in words', () => {
    expect(describeFrameRate({ fps: 60, longestMs: 17 })).toBe('Frame rate: 60 frames a second');
    expect(describeFrameRate({ fps: 1, longestMs: 17 })).toBe('Frame rate: 1 frame a second');
    expect(describeFrameRate({ fps: null, longestMs: 0 })).toBe('Frame rate: measuring…');
    expect(framesPerSecondInWords(144)).toBe('144 frames a second');
  });

  it('names the longest frame once one took more than 100 ms', () => {
    expect(LONG_FRAME_MS).toBe(100);
    expect(describeFrameRate({ fps: 60, longestMs: 100 })).toBe('Frame rate: 60 frames a second');
    expect(describeFrameRate({ fps: 58, longestMs: 2949.6 })).toBe(
      'Frame rate: 58 frames a second. The longest frame took 2,950 ms: the page could not draw while it ran.',
    );
  });

  it('is updated at most 4 times a second', () => {
    expect(METER_UPDATE_MS).toBeGreaterThanOrEqual(250);
  });
});
