/**
 * The frame-rate meter's arithmetic: frames a second over the last second and
 * the longest frame since a mark, from the timestamps requestAnimationFrame
 * passes (ms). Pure; the page feeds it (see useFrameMeter).
 */

/** The window the rate is counted over (ms). */
export const FPS_WINDOW_MS = 1000;
/** A frame longer than this (ms) is one the page could not draw in time, worth saying. */
export const LONG_FRAME_MS = 100;
/** The least time between two updates of the meter's text (ms): at most 4 a second. */
export const METER_UPDATE_MS = 250;
/**
 * How long after it starts the meter begins to look for long frames (ms): loading the page
 * (first render, the charts' code, the calibration's worker) takes tasks of 100–300 ms, which
 * are not what the meter is there to show.
 */
export const LOAD_SETTLE_MS = 2000;
/** Timestamps kept: a second of frames at up to 500 Hz. */
const CAPACITY = 512;

export interface FrameReading {
  /** Frames drawn in the last second, or null before two frames have been seen. */
  fps: number | null;
  /** The longest time between two frames since the mark (ms); 0 before two frames. */
  longestMs: number;
}

/**
 * Keeps the frame timestamps of the last second in a ring (no allocation per
 * frame) and the longest gap between two frames since the last mark.
 */
export class FrameMeter {
  private readonly times = new Float64Array(CAPACITY);
  /** Where the next timestamp goes. */
  private next = 0;
  /** Timestamps held, since the start or the last pause. */
  private held = 0;
  private previous: number | null = null;
  private longest = 0;

  /** Records a frame drawn at `timestampMs`. */
  frame(timestampMs: number): void {
    if (this.previous !== null) {
      const gap = timestampMs - this.previous;
      if (gap > this.longest) this.longest = gap;
    }
    this.previous = timestampMs;
    this.times[this.next] = timestampMs;
    this.next = (this.next + 1) % CAPACITY;
    if (this.held < CAPACITY) this.held += 1;
  }

  /**
   * Forgets the frames so far, but not the longest: for when the page was hidden,
   * since a hidden page draws nothing and that gap is no frame.
   */
  pause(): void {
    this.previous = null;
    this.held = 0;
  }

  /** Starts looking for the longest frame afresh (when a run starts, say). */
  mark(): void {
    this.longest = 0;
  }

  /** The rate and the longest frame as of `nowMs` (the latest frame's timestamp, usually). */
  reading(nowMs: number): FrameReading {
    return { fps: this.fps(nowMs), longestMs: this.longest };
  }

  private at(back: number): number {
    return this.times[(this.next - 1 - back + CAPACITY) % CAPACITY];
  }

  private fps(nowMs: number): number | null {
    if (this.held < 2) return null;
    const since = nowMs - FPS_WINDOW_MS;
    const oldest = this.at(this.held - 1);
    if (oldest > since) {
      // Less than a second seen: the frames' own span tells the rate.
      const span = this.at(0) - oldest;
      return span > 0 ? Math.round(((this.held - 1) * 1000) / span) : null;
    }
    let inWindow = 0;
    while (inWindow < this.held && this.at(inWindow) > since) inWindow += 1;
    return Math.round((inWindow * 1000) / FPS_WINDOW_MS);
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
