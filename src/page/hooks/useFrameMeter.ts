import { useEffect, useRef } from 'react';
import { FrameSampler, HEARTBEAT_MS, LOAD_SETTLE_MS, describeFrameRate } from '../../lab/measurement/frames';
import { liveRedraws } from './liveRedraws';

/** What the meter says while a quiet run goes. */
const QUIET_TEXT = 'Frame rate: not measured during a quiet run';

/**
 * One sweep of the moving bar, there and back (ms): three times the slowest step (a second, while
 * workers count), so that steps a second apart always land in different places (two steps half a
 * sweep apart can land on the same one, and the bar would look frozen).
 */
const SWEEP_MS = 3000;
/** How far the bar travels, in its own widths (the track is 5 bars wide). */
const TRAVEL_PERCENT = 400;

/** The browser reports long animation frames (Chromium): each one's whole length, a freeze included, at no cost to the page. */
const reportsLongFrames = () => typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');

/** Where the bar is at `ms`: there and back along the track, as a percentage of its width. */
function barPercent(ms: number): number {
  const phase = (ms % SWEEP_MS) / SWEEP_MS;
  return (phase < 0.5 ? phase * 2 : 2 - phase * 2) * TRAVEL_PERCENT;
}

/**
 * Drives the frame-rate meter from a timer on the page's own thread, the page's
 * live redraws (liveRedraws, every METER_UPDATE_MS, every COUNTING_REDRAW_MS while workers count, in the same task as a run's
 * bars and timeline, so one frame draws them all): every 2 s a tick measures one frame interval (two frames
 * drawn one after the other); every tick writes the text straight into the status element when it
 * changed (so React never redraws for it), and steps the bar along its track.
 *
 * Why a timer and not every frame: a requestAnimationFrame loop kept the page's
 * thread busy 5–18% of a core on a 2-core VM while workers counted, taken from
 * them (the speed-up fell). Why the page's thread at all: a CSS animation runs on
 * the compositor and in Chromium keeps moving while the page's thread is frozen,
 * which would hide the very freeze it should show (and a CSS transition between
 * the steps made the page draw 50 frames a second). Here a frozen page sets no
 * new position: the bar stops, and a late tick says how long.
 * With reduced motion the bar stays still and a count of the ticks changes
 * instead, and stops alike.
 *
 * A late tick says only how long after it was due the page got free, up to a tick (half a second, a second while workers count)
 * short of a freeze. The longest frame comes from the browser's long animation frames where it
 * reports them, and elsewhere (Firefox, WebKit) from a heartbeat every HEARTBEAT_MS that
 * draws nothing, so no frame is made for it.
 *
 * The heartbeat rests while `beating` is false (workers counting): each beat woke the page's
 * thread, 40 times a second, and in Firefox that took about 0.8% of a core from the workers
 * (measured on a 2-core VM: the page's thread woke 70–100 times a second with it, 25–30 without).
 * Then only the page's own drawing can hold its thread, and a late tick still shows it, up to
 * a second short (the tick while workers count); the freezes the lesson shows (counting on the main thread) keep the beat.
 *
 * A new `sinceMs` (the latest run's start, on the page's clock) starts looking for the longest frame
 * afresh from that time, whenever the page gets to draw it (a frozen run is drawn after its freeze):
 * frames that ended before it are forgotten, the one that holds it is kept;
 * the first LOAD_SETTLE_MS (the page loading) are left out. While `paused` (a quiet
 * run) it runs nothing at all and says so.
 */
export function useFrameMeter(sinceMs?: number, paused = false, beating = true) {
  const statusRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  const counterRef = useRef<HTMLSpanElement>(null);
  const samplerRef = useRef<FrameSampler | null>(null);
  // The page's loading is left out once: a meter started again after a quiet run keeps looking from the start.
  const settleAtRef = useRef<number | null>(null);

  useEffect(() => {
    if (paused) {
      // A quiet run: no timer, no heartbeat, no frame asked for, taken from the workers.
      if (statusRef.current) statusRef.current.textContent = QUIET_TEXT;
      return;
    }
    const sampler = new FrameSampler();
    samplerRef.current = sampler;
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
    settleAtRef.current ??= performance.now() + LOAD_SETTLE_MS;
    const settleAt = settleAtRef.current;
    let settled = false;
    let ticks = 0;
    let shown = '';
    let frame = 0;
    const write = (text: string) => {
      if (text === shown) return;
      shown = text;
      if (statusRef.current) statusRef.current.textContent = text;
    };
    write(describeFrameRate(sampler.reading()));

    const sampleFrame = () => {
      frame = requestAnimationFrame((first) => {
        frame = requestAnimationFrame((second) => {
          sampler.frameInterval(second - first, second);
        });
      });
    };
    const onTick = (now: number, dueAfterMs: number) => {
      // A hidden page's timers are slowed to a second or more: that lateness is no frame.
      if (document.hidden) return;
      sampler.tick(now, dueAfterMs);
      if (!settled && now >= settleAt) {
        // Long frames from here on are worth saying; the page's own loading was not.
        settled = true;
        sampler.mark();
      }
      ticks += 1;
      const still = reducedMotion.matches;
      if (!still && barRef.current) barRef.current.style.transform = `translateX(${barPercent(now).toFixed(1)}%)`;
      const count = still ? String(ticks) : '';
      if (counterRef.current && counterRef.current.textContent !== count) counterRef.current.textContent = count;
      const reading = sampler.reading();
      write(describeFrameRate(settled ? reading : { ...reading, longestMs: 0 }));
      if (sampler.sampleDue(now)) sampleFrame();
    };
    const leaveGrid = liveRedraws.subscribe(onTick);

    let observer: PerformanceObserver | null = null;
    if (reportsLongFrames()) {
      observer = new PerformanceObserver((list) => {
        // The page's own loading is left out, as for the ticks.
        for (const entry of list.getEntries()) if (entry.startTime >= settleAt) sampler.longFrame(entry.duration, entry.startTime);
      });
      observer.observe({ type: 'long-animation-frame' });
    }

    // A hidden page draws nothing and its timers are slowed: that gap is no frame.
    const onVisibility = () => {
      sampler.pause();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      leaveGrid();
      observer?.disconnect();
      cancelAnimationFrame(frame);
      document.removeEventListener('visibilitychange', onVisibility);
      samplerRef.current = null;
    };
  }, [paused]);

  // The heartbeat, where the browser reports no long frames: its own effect, so that resting it keeps the readings.
  useEffect(() => {
    const sampler = samplerRef.current;
    if (paused || !beating || sampler === null || reportsLongFrames()) return;
    let heartbeat = 0;
    const onBeat = () => {
      // Hidden, the heartbeat stops (its slowed timers would read as long frames); it starts again when the page is shown.
      if (document.hidden) {
        heartbeat = 0;
        return;
      }
      sampler.beat(performance.now());
      heartbeat = window.setTimeout(onBeat, HEARTBEAT_MS);
    };
    const start = () => {
      if (heartbeat === 0 && !document.hidden) heartbeat = window.setTimeout(onBeat, HEARTBEAT_MS);
    };
    start();
    document.addEventListener('visibilitychange', start);
    return () => {
      window.clearTimeout(heartbeat);
      document.removeEventListener('visibilitychange', start);
      sampler.restBeat();
    };
  }, [paused, beating]);

  useEffect(() => {
    if (sinceMs !== undefined) samplerRef.current?.mark(sinceMs);
  }, [sinceMs]);

  return { statusRef, barRef, counterRef };
}
