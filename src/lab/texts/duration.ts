import { formatCount } from '../measurement/count';

/**
 * How a time is written for people:
 * 'precise' (a run's sentence, the charts, the summary): whole ms below 10 s, "1,235 ms"; tenths of a second above, "12.3 s".
 * 'brief' (waits, the check column, the lesson's contrast): whole ms below 1 s, "850 ms"; three figures above, "1.02 s", "12.3 s", "123 s".
 */
export type DurationStyle = 'precise' | 'brief';

/** A time (ms) in words, in one of the page's two styles. */
export function formatDuration(ms: number, style: DurationStyle = 'precise'): string {
  if (style === 'precise') return ms < 10_000 ? `${formatCount(Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
  if (Math.round(ms) < 1000) return `${String(Math.round(ms))} ms`;
  const seconds = ms / 1000;
  // From 1,000 s on, three figures would be written in exponent form ("1.23e+3"): whole seconds instead.
  return seconds < 999.5 ? `${seconds.toPrecision(3)} s` : `${formatCount(Math.round(seconds))} s`;
}
