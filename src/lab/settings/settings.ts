import { readCount, formatCount } from '../measurement/count';
import { MAX_TOTAL } from '../measurement/split';

/** The cores assumed when the browser reports none. */
export const FALLBACK_CORES = 4;
/** The default total: a few seconds on one worker of a typical laptop (≈0.3 ns a count). */
export const DEFAULT_TOTAL = 10_000_000_000;

/** The totals offered as one-click presets; 1 billion is the lesson's. */
export const COUNT_PRESETS: readonly number[] = [100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000];

/** The logical cores to plan for: what the browser reports, or FALLBACK_CORES when it reports nothing usable. */
export function reportedCores(hardwareConcurrency: unknown): number | null {
  return typeof hardwareConcurrency === 'number' && Number.isInteger(hardwareConcurrency) && hardwareConcurrency >= 1
    ? hardwareConcurrency
    : null;
}

/** The slider's top: twice the cores and at least 8, since going past the cores is the point of the lesson. */
export function maxWorkers(cores: number): number {
  return Math.max(8, 2 * cores);
}

/** What the controls start from. */
export interface LabSettings {
  workers: number;
  total: number;
}

/** What a link asked for, after checking, and what was changed on the way. */
export interface LinkReading {
  settings: LabSettings;
  /** One sentence for each value that was clamped or ignored. */
  notices: string[];
}

/** Shortens what a link carried before quoting it back, so a hostile link cannot flood the page. */
function quote(value: string): string {
  const short = value.length > 24 ? `${value.slice(0, 24)}…` : value;
  return `“${short}”`;
}

/**
 * The first value of each parameter of a query string. Malformed
 * percent-encoding is kept as it stands rather than thrown.
 */
export function readQuery(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * Reads `?workers=K&count=N`. Values out of range are clamped, garbage is
 * ignored, and either way a notice says what was changed.
 */
export function readLink(search: string, defaults: LabSettings, workerLimit: number): LinkReading {
  const params = readQuery(search);
  const notices: string[] = [];
  let { workers, total } = defaults;

  const workersText = params.get('workers') ?? null;
  if (workersText !== null) {
    const trimmed = workersText.trim();
    const asked = /^[+-]?\d{1,12}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (Number.isNaN(asked)) {
      notices.push(`The link’s workers=${quote(workersText)} is not a whole number, so it was ignored.`);
    } else if (asked < 1) {
      workers = 1;
      notices.push(`The link asked for ${String(asked)} workers; using 1, the fewest.`);
    } else if (asked > workerLimit) {
      workers = workerLimit;
      notices.push(`The link asked for ${formatCount(asked)} workers; using ${String(workerLimit)}, the most this page offers.`);
    } else {
      workers = asked;
    }
  }

  const countText = params.get('count') ?? null;
  if (countText !== null) {
    const reading = readCount(countText);
    switch (reading.kind) {
      case 'ok':
        total = reading.value;
        break;
      case 'too-small':
        total = 1;
        notices.push(`The link asked to count to ${quote(countText)}; using 1, the least.`);
        break;
      case 'too-large':
        total = MAX_TOTAL;
        notices.push(`The link asked to count to ${quote(countText)}; using ${formatCount(MAX_TOTAL)}, the most.`);
        break;
      case 'fraction':
        total = Math.max(1, Math.round(reading.value));
        notices.push(`The link’s count=${quote(countText)} is not a whole number; using ${formatCount(total)}.`);
        break;
      case 'empty':
      case 'malformed':
        notices.push(`The link’s count=${quote(countText)} is not a number, so it was ignored.`);
        break;
    }
  }
  return { settings: { workers, total }, notices };
}

/** The query string that brings these settings back: `?workers=K&count=N`. */
export function writeLink(settings: LabSettings): string {
  return `?workers=${String(settings.workers)}&count=${String(settings.total)}`;
}
