const NAMED: ReadonlyArray<[RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/HeadlessChrome\/(\d+)/, 'Chromium (headless)'],
  [/Chrome\/(\d+)/, 'Chrome'],
];

/** The device, where the browser's name alone would mislead: Chromebooks, and iPads and iPhones (every browser there is WebKit). */
function device(userAgent: string, maxTouchPoints: number): 'Chromebook' | 'iPad' | 'iPhone' | null {
  if (/\bCrOS\b/.test(userAgent)) return 'Chromebook';
  if (/\biPad\b/.test(userAgent)) return 'iPad';
  if (/\biPhone\b/.test(userAgent)) return 'iPhone';
  // iPadOS asks for desktop sites as a Mac; a Mac has no touch screen.
  if (/\bMacintosh\b/.test(userAgent) && maxTouchPoints > 1) return 'iPad';
  return null;
}

/**
 * The browser's name and major version from its user-agent string, for
 * people; "this browser" when unknown. `maxTouchPoints` tells an iPad that
 * presents itself as a Mac from a Mac.
 */
export function browserName(userAgent: string, maxTouchPoints = 0): string {
  const on = device(userAgent, maxTouchPoints);
  const where = on === null ? '' : on === 'Chromebook' ? ' on a Chromebook' : ` on ${on}`;
  for (const [pattern, name] of NAMED) {
    const match = pattern.exec(userAgent);
    if (!match) continue;
    // On iPads and iPhones every browser runs on WebKit, Safari's engine.
    const engine = (on === 'iPad' || on === 'iPhone') && name !== 'Safari' ? ' (Safari’s engine)' : '';
    return `${name} ${match[1]}${where}${engine}`;
  }
  if (/AppleWebKit\//.test(userAgent) && /\b(?:X11|Linux)\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent)) {
    // WebKitGTK (GNOME Web, MiniBrowser) says "Version/60.5 Safari/…", which is not a Safari version.
    return 'WebKitGTK (Safari’s engine)';
  }
  const safari = /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//.exec(userAgent);
  if (safari) return `Safari ${safari[1]}${where}`;
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
