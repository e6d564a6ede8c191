import { useEffect, useRef } from 'react';
import { FrameMeter, LOAD_SETTLE_MS, METER_UPDATE_MS, describeFrameRate } from '../lab/frames';

/** One sweep of the moving bar, there and back (ms). */
const SWEEP_MS = 2000;
/** How far the bar travels, in its own widths (the track is 5 bars wide). */
const TRAVEL_PERCENT = 400;

/**
 * Drives the frame-rate meter from requestAnimationFrame: every frame moves the
 * bar and feeds the meter; the text is written straight into the status element,
 * at most every METER_UPDATE_MS and only when it changed, so React never redraws
 * for it and the page pays one small rAF callback a frame.
 *
 * The bar is moved from here, on the page's own thread, on purpose: a CSS
 * transform animation runs on the compositor and in Chromium keeps moving while
 * the main thread is frozen, which would hide the very freeze it should show.
 * With reduced motion the bar stays still and a count of the frames drawn
 * changes instead (4 times a second), and stops alike.
 *
 * Changing `since` (a run's id, say) starts looking for the longest frame afresh;
 * the first LOAD_SETTLE_MS after the meter starts (the page loading) are left out.
 */
export function useFrameMeter(since?: unknown) {
  const statusRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  const counterRef = useRef<HTMLSpanElement>(null);
  const meterRef = useRef<FrameMeter | null>(null);

  useEffect(() => {
    const meter = new FrameMeter();
    meterRef.current = meter;
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
    let frameId = 0;
    let drawn = 0;
    let lastUpdate = Number.NEGATIVE_INFINITY;
    let shown = '';
    const write = (text: string) => {
      if (text === shown) return;
      shown = text;
      if (statusRef.current) statusRef.current.textContent = text;
    };
    write(describeFrameRate(meter.reading(0)));

    let settleAt: number | null = null;
    const onFrame = (timestamp: number) => {
      frameId = requestAnimationFrame(onFrame);
      settleAt ??= timestamp + LOAD_SETTLE_MS;
      if (timestamp >= settleAt && settleAt !== Number.POSITIVE_INFINITY) {
        // A frame that ends from here on is worth saying, this one included; the page's own loading was not.
        meter.mark();
        settleAt = Number.POSITIVE_INFINITY;
        lastUpdate = Number.NEGATIVE_INFINITY;
      }
      meter.frame(timestamp);
      drawn += 1;
      const still = reducedMotion.matches;
      if (!still && barRef.current) {
        const phase = (timestamp % SWEEP_MS) / SWEEP_MS;
        const along = phase < 0.5 ? phase * 2 : 2 - phase * 2;
        barRef.current.style.transform = `translateX(${(along * TRAVEL_PERCENT).toFixed(1)}%)`;
      }
      if (timestamp - lastUpdate < METER_UPDATE_MS) return;
      lastUpdate = timestamp;
      const reading = meter.reading(timestamp);
      write(describeFrameRate(settleAt === Number.POSITIVE_INFINITY ? reading : { ...reading, longestMs: 0 }));
      const count = still ? String(drawn) : '';
      if (counterRef.current && counterRef.current.textContent !== count) counterRef.current.textContent = count;
    };
    frameId = requestAnimationFrame(onFrame);

    // A hidden page draws nothing: that gap is no frame.
    const onVisibility = () => {
      meter.pause();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelAnimationFrame(frameId);
      document.removeEventListener('visibilitychange', onVisibility);
      meterRef.current = null;
    };
  }, []);

  useEffect(() => {
    meterRef.current?.mark();
  }, [since]);

  return { statusRef, barRef, counterRef };
}
