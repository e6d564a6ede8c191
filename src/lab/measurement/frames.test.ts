import { describe, expect, it } from 'vitest';
import { FrameSampler, HEARTBEAT_MS, LONG_FRAME_MS, METER_UPDATE_MS, MIN_FRAME_MS, OPENING_SAMPLES, SAMPLE_EVERY_MS, describeFrameRate, framesPerSecondInWords } from './frames';

/** Ticks every METER_UPDATE_MS from `fromMs` to `toMs`, sampling a frame interval at each; returns the last tick's time. */
function ticks(sampler: FrameSampler, fromMs: number, toMs: number, frameMs: number): number {
  let t = fromMs;
  for (; t <= toMs; t += METER_UPDATE_MS) {
    sampler.tick(t);
    sampler.frameInterval(frameMs, t + frameMs);
  }
  return t - METER_UPDATE_MS;
}

describe('FrameSampler', () => {
  it('reads the rate from sampled frame intervals', () => {
    const sampler = new FrameSampler();
    expect(sampler.reading().fps).toBeNull();
    ticks(sampler, 0, 3000, 1000 / 60);
    expect(sampler.reading()).toEqual({ fps: 60, longestMs: expect.closeTo(1000 / 60, 6) as number });
  });

  it('holds a fast display too (240 Hz), and a slow one (30 Hz)', () => {
    const fast = new FrameSampler();
    ticks(fast, 0, 2000, 1000 / 240);
    expect(fast.reading().fps).toBe(240);
    const slow = new FrameSampler();
    ticks(slow, 0, 2000, 1000 / 30);
    expect(slow.reading().fps).toBe(30);
  });

  it('takes the shorter of two middle samples: one slow frame while loading does not halve the rate', () => {
    const sampler = new FrameSampler();
    sampler.frameInterval(166, 166);
    sampler.frameInterval(1000 / 60, 700);
    expect(sampler.reading().fps).toBe(60);
    sampler.frameInterval(166, 1200);
    expect(sampler.reading().fps).toBe(6);
  });

  it('takes the median, so one odd sample does not move the rate', () => {
    const sampler = new FrameSampler();
    ticks(sampler, 0, 1500, 1000 / 60);
    sampler.frameInterval(200, 1700);
    expect(sampler.reading().fps).toBe(60);
  });

  it('sees a freeze from a late tick: the page could run nothing meanwhile', () => {
    const sampler = new FrameSampler();
    const before = ticks(sampler, 0, 2000, 1000 / 60);
    // Due one tick after `before`, the tick came 2,950 ms late.
    sampler.tick(before + METER_UPDATE_MS + 2950);
    expect(sampler.reading().longestMs).toBeCloseTo(2950, 6);
  });

  it('sees a freeze from a long frame interval too, and keeps the longest until the next mark', () => {
    const sampler = new FrameSampler();
    const last = ticks(sampler, 0, 1000, 1000 / 60);
    sampler.frameInterval(1500, last + 1600);
    ticks(sampler, last + 1750, last + 4000, 1000 / 60);
    expect(sampler.reading()).toEqual({ fps: 60, longestMs: 1500 });
    sampler.mark();
    expect(sampler.reading().longestMs).toBe(0);
  });

  it('reads the whole of a freeze from the heartbeat, where the tick alone read it half a second short at worst', () => {
    // A 541 ms freeze that began 230 ms after a tick, as a frozen run started by a click does.
    const freezeStartMs = 10_000 + 230;
    const freezeEndMs = freezeStartMs + 541;
    const tickOnly = new FrameSampler();
    tickOnly.tick(10_000);
    // The next tick was due at 10,500 and ran as the freeze ended: only the part after 10,500 shows.
    tickOnly.tick(freezeEndMs);
    expect(tickOnly.reading().longestMs).toBeCloseTo(freezeEndMs - 10_000 - METER_UPDATE_MS, 6);
    expect(tickOnly.reading().longestMs).toBeLessThan(300);

    const beating = new FrameSampler();
    beating.tick(10_000);
    let beatMs = 10_000;
    for (; beatMs <= freezeStartMs; beatMs += HEARTBEAT_MS) beating.beat(beatMs);
    // The beat due during the freeze runs as it ends, then the tick.
    beating.beat(freezeEndMs);
    beating.tick(freezeEndMs);
    const { longestMs } = beating.reading();
    expect(longestMs).toBeGreaterThan(541 - HEARTBEAT_MS);
    expect(longestMs).toBeLessThanOrEqual(541);
  });

  it('takes the long frames the browser reports as they are, and a heartbeat on time as no long frame', () => {
    const sampler = new FrameSampler();
    for (let beatMs = 0; beatMs <= 1000; beatMs += HEARTBEAT_MS + 2) sampler.beat(beatMs);
    expect(sampler.reading().longestMs).toBe(2);
    sampler.longFrame(612.5, 1100);
    sampler.longFrame(Number.NaN, 1800);
    sampler.longFrame(80, 1900);
    expect(sampler.reading().longestMs).toBe(612.5);
    sampler.mark();
    expect(sampler.reading().longestMs).toBe(0);
  });

  it('does not take a heartbeat’s rest for a frame, and still sees a freeze from a late tick meanwhile', () => {
    const sampler = new FrameSampler();
    for (let beatMs = 0; beatMs <= 500; beatMs += HEARTBEAT_MS) sampler.beat(beatMs);
    sampler.tick(500);
    sampler.restBeat();
    // Resting, a tick 300 ms late is still a freeze of at least 300 ms.
    sampler.tick(1300);
    sampler.beat(4000);
    sampler.beat(4000 + HEARTBEAT_MS);
    expect(sampler.reading().longestMs).toBe(300);
  });

  it('reads a tick due a second after the last (the redraws slowed while workers count) as on time, and one late beyond it as a freeze', () => {
    const sampler = new FrameSampler();
    sampler.tick(500);
    sampler.tick(1500, 1000);
    expect(sampler.reading().longestMs).toBe(0);
    sampler.tick(2750, 1000);
    expect(sampler.reading().longestMs).toBe(250);
    // Read with the grid's own period, the same tick would have been a freeze of 750 ms.
    const fixed = new FrameSampler();
    fixed.tick(1500);
    fixed.tick(2750);
    expect(fixed.reading().longestMs).toBe(750);
  });

  it('marked from a run’s start, forgets the frames that ended before it and keeps the one that holds it, whenever the mark comes', () => {
    // A frame of 1,303 ms while the page was driven, before the run; the run, started at 10,000 ms, froze the page 650 ms in the
    // frame of the click that started it (9,990 – 10,640 ms, as Chromium reports it); the mark came only after the freeze.
    const sampler = new FrameSampler();
    sampler.longFrame(1303, 5000);
    sampler.longFrame(650, 9990);
    sampler.longFrame(40, 10_700);
    sampler.mark(10_000);
    expect(sampler.reading().longestMs).toBe(650);
    // The frames after the mark count as before it.
    sampler.beat(11_000);
    sampler.beat(11_000 + HEARTBEAT_MS + 900);
    expect(sampler.reading().longestMs).toBe(900);
    // A run whose start no long frame held: nothing worth naming is kept (a frame of 100 ms or less is not named anyway).
    sampler.tick(19_000);
    sampler.tick(19_000 + METER_UPDATE_MS + 60);
    sampler.mark(20_000);
    expect(sampler.reading().longestMs).toBe(0);
  });

  it('keeps, of frames noted out of order, each one a later mark could still need', () => {
    const sampler = new FrameSampler();
    // A long frame reported after a shorter one that ended later (the browser reports long frames a little after they end).
    sampler.beat(7000);
    sampler.beat(7000 + HEARTBEAT_MS + 300);
    sampler.longFrame(500, 6000);
    sampler.longFrame(200, 7500);
    expect(sampler.reading().longestMs).toBe(500);
    sampler.mark(7200);
    expect(sampler.reading().longestMs).toBe(300);
    sampler.mark(7600);
    expect(sampler.reading().longestMs).toBe(200);
    sampler.mark(7800);
    expect(sampler.reading().longestMs).toBe(0);
  });

  it('does not take the time a page was hidden for a frame, and ignores nonsense', () => {
    const sampler = new FrameSampler();
    const before = ticks(sampler, 0, 1000, 1000 / 60);
    sampler.beat(before);
    sampler.pause();
    expect(sampler.reading().fps).toBeNull();
    sampler.tick(before + 30_000);
    sampler.beat(before + 30_000);
    sampler.frameInterval(Number.NaN, before + 30_100);
    sampler.frameInterval(-5, before + 30_200);
    expect(sampler.reading()).toEqual({ fps: null, longestMs: expect.closeTo(1000 / 60, 6) as number });
  });

  it('takes no gap under MIN_FRAME_MS for a frame: two callbacks 0.003 ms apart are not 333,333 frames a second', () => {
    expect(MIN_FRAME_MS).toBe(1);
    const sampler = new FrameSampler();
    sampler.frameInterval(0.003, 500);
    sampler.frameInterval(0.9, 1000);
    expect(sampler.reading().fps).toBeNull();
    // A 500 Hz display's frames are still frames.
    sampler.frameInterval(2, 1500);
    expect(sampler.reading().fps).toBe(500);
  });
});

describe('FrameSampler.sampleDue', () => {
  /** The ticks, of those at `tickMs`, that sample a frame. */
  const sampledTicks = (sampler: FrameSampler, tickMs: number[]) => tickMs.filter((ms) => sampler.sampleDue(ms));

  it('samples the first two ticks, then one every 2 s of ticks twice a second', () => {
    expect(OPENING_SAMPLES).toBe(2);
    expect(SAMPLE_EVERY_MS).toBe(2000);
    const halfSecondTicks = Array.from({ length: 12 }, (_, index) => 500 + index * METER_UPDATE_MS);
    expect(sampledTicks(new FrameSampler(), halfSecondTicks)).toEqual([500, 1000, 3000, 5000]);
  });

  it('samples every other tick once a second (the redraws slowed while workers count), and takes a tick a little early as on time', () => {
    const sampler = new FrameSampler();
    expect(sampledTicks(sampler, [500, 1000, 2000, 2990, 4000, 4990, 5980])).toEqual([500, 1000, 2990, 4990]);
    // Half a tick early is the most that counts as on time.
    const edge = new FrameSampler();
    expect(sampledTicks(edge, [0, 1, 1750, 1751])).toEqual([0, 1, 1751]);
  });

  it('samples at once again after the page was hidden, so the rate is back as soon as it is shown', () => {
    const sampler = new FrameSampler();
    expect(sampledTicks(sampler, [500, 1000, 1500])).toEqual([500, 1000]);
    sampler.pause();
    expect(sampledTicks(sampler, [60_000, 60_500, 61_000, 61_500])).toEqual([60_000, 60_500]);
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

  it('is updated twice a second', () => {
    expect(METER_UPDATE_MS).toBe(500);
  });
});
