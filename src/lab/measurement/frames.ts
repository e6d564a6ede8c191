/**
 * The frame-rate meter's arithmetic: frames a second and the longest frame
 * since a mark, from sampled frame intervals and the meter's own timer (ms).
 * Pure; the page feeds it (see useFrameMeter).
 */

/** A frame longer than this (ms) is one the page could not draw in time, worth saying. */
export const LONG_FRAME_MS = 100;
/**
 * How often the meter updates its text and steps its bar (ms): twice a second. Every step is a
 * frame the page draws, on the same 2 cores as the workers (4 a second cost about 1.8% of a core).
 */
export const METER_UPDATE_MS = 500;
/**
 * How long after it starts the meter begins to look for long frames (ms): loading the page
 * (first render, the charts' code, the calibration's worker) takes tasks of 100–300 ms, which
 * are not what the meter is there to show.
 */
export const LOAD_SETTLE_MS = 2000;
/**
 * The shortest gap between two frames taken for one (ms): no display draws more than 1000 frames a
 * second (the fastest draw about 500). Headless Chromium on a loaded 2-core VM once ran a frame's
 * two callbacks 0.003 ms apart, and the meter said "333,333 frames a second".
 */
export const MIN_FRAME_MS = 1;
/** Frame intervals the rate is the median of. */
const SAMPLES = 8;
/** How often a frame interval is sampled (ms; at the first tick after): each sample costs the page two frames. */
export const SAMPLE_EVERY_MS = 2000;
/**
 * The ticks that sample a frame as the meter starts (or the page is shown again), before the steady
 * SAMPLE_EVERY_MS: a rate half a second after the page opens, and a second one half a second later,
 * as the shorter of two middle samples is shown (one frame drawn while the page loads read 3 frames
 * a second alone).
 */
export const OPENING_SAMPLES = 2;
/**
 * How often the heartbeat runs where the browser reports no long frames (ms): a freeze is
 * measured from the last beat before it, so it reads at most this much short. The tick alone
 * read up to METER_UPDATE_MS short: a frozen run of 541 ms read 269 ms.
 */
export const HEARTBEAT_MS = 25;

export interface FrameReading {
  /** Frames a second, from the latest sampled frame intervals; null before the first sample. */
  fps: number | null;
  /** The longest time the page could not draw since the mark (ms); 0 before any. */
  longestMs: number;
}

/**
 * The meter's arithmetic, from samples rather than from every frame: watching
 * every frame kept the page's thread busy 5–18% of a core on a 2-core VM, taken
 * from the workers. The page ticks every METER_UPDATE_MS and, at each tick,
 * measures one frame interval (two frames drawn one after the other).
 *
 * A tick that comes late tells how long the page could not run anything: a
 * frozen page can neither tick nor draw. But only from when the tick was due:
 * the part of a freeze before that is lost. So the longest frame comes from the
 * browser's own long frames where it reports them (longFrame), else from a
 * heartbeat every HEARTBEAT_MS (beat), which loses at most that much.
 */
export class FrameSampler {
  private readonly intervals: number[] = [];
  /**
   * The frames worth naming (longer than LONG_FRAME_MS) since the mark that a mark from a time could
   * still make the longest, with when each ended: none both shorter than another and ended before it
   * (such a frame is never the longest of any time since).
   */
  private longFrames: Array<{ ms: number; endMs: number }> = [];
  private lastTick: number | null = null;
  private lastBeat: number | null = null;
  private longest = 0;
  private openingSamplesTaken = 0;
  private lastSampleAt = Number.NEGATIVE_INFINITY;

  /** The meter's timer ran at `nowMs`, due `dueAfterMs` after the tick before it (the redraws' period: longer while workers count). */
  tick(nowMs: number, dueAfterMs = METER_UPDATE_MS): void {
    if (this.lastTick !== null) this.note(nowMs - this.lastTick - dueAfterMs, nowMs);
    this.lastTick = nowMs;
  }

  /** The heartbeat ran at `nowMs`, due HEARTBEAT_MS after the one before. */
  beat(nowMs: number): void {
    if (this.lastBeat !== null) this.note(nowMs - this.lastBeat - HEARTBEAT_MS, nowMs);
    this.lastBeat = nowMs;
  }

  /** The browser reported a frame that began at `startMs` and took `durationMs`, from its first task's start to its drawing (a long animation frame). */
  longFrame(durationMs: number, startMs: number): void {
    if (Number.isFinite(durationMs)) this.note(durationMs, startMs + durationMs);
  }

  /**
   * Whether the tick at `nowMs` should measure a frame interval; a yes counts as the sample taken.
   * Yes for the first OPENING_SAMPLES asked, then once every SAMPLE_EVERY_MS, half a tick early
   * counting as on time (a tick may come a little before its beat).
   */
  sampleDue(nowMs: number): boolean {
    const opening = this.openingSamplesTaken < OPENING_SAMPLES;
    if (!opening && nowMs - this.lastSampleAt < SAMPLE_EVERY_MS - METER_UPDATE_MS / 2) return false;
    if (opening) this.openingSamplesTaken += 1;
    this.lastSampleAt = nowMs;
    return true;
  }

  /** Two frames were drawn `intervalMs` apart, one after the other, the second at `endMs`. */
  frameInterval(intervalMs: number, endMs: number): void {
    if (!(intervalMs >= MIN_FRAME_MS) || !Number.isFinite(intervalMs)) return;
    this.intervals.push(intervalMs);
    if (this.intervals.length > SAMPLES) this.intervals.shift();
    this.note(intervalMs, endMs);
  }

  /**
   * Forgets the samples so far, but not the longest: a hidden page draws nothing, and that gap is no
   * frame. The ticks after it sample as at the start, so the rate is back as soon as the page is shown.
   */
  pause(): void {
    this.lastTick = null;
    this.lastBeat = null;
    this.intervals.length = 0;
    this.openingSamplesTaken = 0;
  }

  /** The heartbeat rests (while workers count): the next beat starts afresh, as the rest between is no frame. */
  restBeat(): void {
    this.lastBeat = null;
  }

  /**
   * Starts looking for the longest frame afresh: forgets every frame that ended before `fromMs`
   * (all of them by default). A run marks from its start, whenever the page gets to it: a frame
   * that ended before the run started is forgotten, one that holds its start is kept (in Chromium a
   * frozen run's long frame begins with the click that started it), and so is one the meter noted
   * before it got to the mark. Only frames worth naming (over LONG_FRAME_MS) are kept.
   */
  mark(fromMs = Number.POSITIVE_INFINITY): void {
    this.longFrames = this.longFrames.filter((frame) => frame.endMs >= fromMs);
    this.longest = Math.max(0, ...this.longFrames.map((frame) => frame.ms));
  }

  reading(): FrameReading {
    if (this.intervals.length === 0) return { fps: null, longestMs: this.longest };
    const sorted = [...this.intervals].sort((a, b) => a - b);
    // Of two middle samples, the shorter: with the first two samples, one slow frame while the page
    // loads would otherwise halve the rate shown (a loaded 2-core VM read 6 frames a second so).
    // Long frames are the longest's to tell.
    const middle = sorted[Math.floor((sorted.length - 1) / 2)];
    return { fps: Math.round(1000 / middle), longestMs: this.longest };
  }

  private note(ms: number, endMs: number): void {
    if (ms > this.longest) this.longest = ms;
    if (ms <= LONG_FRAME_MS) return;
    this.longFrames = this.longFrames.filter((frame) => frame.ms > ms || frame.endMs > endMs);
    this.longFrames.push({ ms, endMs });
  }
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 60 → "60 frames a second"; 1 → "1 frame a second". */
export function framesPerSecondInWords(fps: number): string {
  return `${grouped.format(fps)} ${fps === 1 ? 'frame' : 'frames'} a second`;
}

/**
 * The meter's words: "Frame rate: 60 frames a second", and after a long frame
 * "Frame rate: 58 frames a second. The longest frame took 2,950 ms: the page could not draw while it ran."
 */
export function describeFrameRate(reading: FrameReading): string {
  const rate = reading.fps === null ? 'Frame rate: measuring…' : `Frame rate: ${framesPerSecondInWords(reading.fps)}`;
  if (reading.longestMs <= LONG_FRAME_MS) return rate;
  return `${rate}. The longest frame took ${grouped.format(Math.round(reading.longestMs))} ms: the page could not draw while it ran.`;
}
