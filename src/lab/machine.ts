/** The browser's name and major version from its user-agent string, for people; "this browser" when unknown. */
export function browserName(userAgent: string): string {
  const checks: Array<[RegExp, string]> = [
    [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/FxiOS\/(\d+)/, 'Firefox'],
    [/CriOS\/(\d+)/, 'Chrome'],
    [/HeadlessChrome\/(\d+)/, 'Chromium (headless)'],
    [/Chrome\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  ];
  for (const [pattern, name] of checks) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return 'this browser';
}

/**
 * The timer's resolution (ms): the smallest step between successive
 * readings of the clock that moved. Null when the clock never moved.
 */
export function timerResolutionMs(readings: readonly number[]): number | null {
  let smallest = Number.POSITIVE_INFINITY;
  for (let index = 1; index < readings.length; index += 1) {
    const step = readings[index] - readings[index - 1];
    if (step > 0 && step < smallest) smallest = step;
  }
  return Number.isFinite(smallest) ? smallest : null;
}

/** "5 µs", "0.1 ms", "1 ms": a resolution for people. */
export function formatResolution(ms: number): string {
  if (ms < 0.1) return `${String(Number((ms * 1000).toPrecision(2)))} µs`;
  return `${String(Number(ms.toPrecision(2)))} ms`;
}

/**
 * What the page can say about the cores the sweep measured against those the
 * browser reports, or null when they agree or nothing was measured.
 */
export function coresNote(reported: number | null, measured: number | null): string | null {
  if (measured === null) return null;
  if (reported === null) return `The browser does not report its cores; the sweep found about ${String(measured)}.`;
  if (measured === reported) return null;
  if (measured < reported) {
    return `The sweep found fewer cores than the browser reports: hyper-threads, efficiency cores and other programs give less than a full core each.`;
  }
  return `The sweep found more cores than the browser reports: browsers may clamp or round the number they report, to protect privacy.`;
}
