/**
 * A share link's fragment: this machine's latest sweep after '#', short enough for a chat message
 * and a QR code, readable by eye, versioned, and checked so that a changed or missing character is found:
 *
 *   sweep=1,Room+4+laptop,4,Firefox+153,counting+to+1+billion+split+over+the+workers,s,1-4012.3_2-2050_4-1210,0y167yb
 *
 * version, label, reported cores ('' for none), browser, series in words ('' for none), scaling ('s' strong, 'w' weak),
 * curve (workers-medianMs, '_' between points, ascending workers), and the CRC-32 of everything before it (7 base-36 digits).
 */
import type { Scaling } from '../models/catalog';
import { MAX_WORKERS } from '../settings/settings';
import { crc32 } from './checksum';
import { withContentId, type ComparedMachine, type CurvePointMs } from './comparedMachine';
import { MAX_BROWSER_CHARS, MAX_LABEL_CHARS, MAX_REPORTED_CORES, charCount, plainLine, readMachineLabel, shortened } from './machineDescription';

export const SHARE_VERSION = 1;
export const MAX_SHARE_LINK_CHARS = 1000;
/** The fragment's budget when no page address is known: what a long address and settings query leave of MAX_SHARE_LINK_CHARS. */
export const MAX_SHARE_FRAGMENT_CHARS = 700;
/** The longest series words a link carries: the longest the captions say is about 110 characters. */
export const MAX_SHARE_WORDS_CHARS = 160;

/** What marks a fragment as ours; anything else after '#' (a section's id) is left alone. */
const MARKER = 'sweep=';
/** A hash longer than this is not read further: no link this page makes comes near it. */
const MAX_HASH_CHARS = 4 * MAX_SHARE_LINK_CHARS;
const CHECK_DIGITS = 7;
/** The longest time a curve may say (ms): a day, far beyond any run a lesson makes. */
const MAX_MEDIAN_MS = 86_400_000;

export interface SharedSweep {
  label: string;
  reportedCores: number | null;
  browser: string;
  seriesWords: string | null;
  curve: CurvePointMs[];
  /** The curve's scaling, for its speed-ups; absent means 'strong'. A link read back always says which. */
  scaling?: Scaling;
}

export type ShareReading = { kind: 'none' } | { kind: 'ok'; shared: SharedSweep } | { kind: 'bad'; sentence: string };

export const DAMAGED_LINK = 'This share link is damaged (cut short or changed on the way), so its curve is not shown: ask for the link again.';
export const NEWER_LINK = 'This share link was made by a newer version of this page, so its curve is not shown: reload the page to update it, then open the link again.';
export const LONG_LINK = 'This share link is far longer than any this page makes, so its curve is not shown.';

/** Text in the fragment: percent-encoded as a URI component, a space as '+' (so ',' '_' '-' and '+' in text are escaped). */
const encodeText = (text: string) => encodeURIComponent(text).replace(/%20/gu, '+');
const decodeText = (text: string) => decodeURIComponent(text.replace(/\+/gu, ' '));

/** "4012.3": a median to a tenth of a millisecond, without a trailing ".0". */
const msText = (ms: number) => String(Math.round(ms * 10) / 10);

const checkOf = (body: string) => crc32(body).toString(36).padStart(CHECK_DIGITS, '0');

/** One letter for the scaling: the link stays short, and a reader sees 's' or 'w'. */
const SCALING_LETTERS: Readonly<Record<Scaling, string>> = { strong: 's', weak: 'w' };
const scalingOfLetter = (letter: string): Scaling | null => (letter === 's' ? 'strong' : letter === 'w' ? 'weak' : null);

/** A point the reader takes back: a worker count a run may have and a time a run could take, written as msText writes it. */
const readablePoint = (point: CurvePointMs) =>
  Number.isSafeInteger(point.workers) && point.workers >= 1 && point.workers <= MAX_WORKERS && Number.isFinite(point.medianMs) && Math.round(point.medianMs * 10) >= 0 && point.medianMs <= MAX_MEDIAN_MS;

/** Cores the reader takes back, or none: cores it would refuse are left out rather than make the link read as damaged. */
const readableCores = (cores: number | null) => (cores !== null && Number.isSafeInteger(cores) && cores >= 1 && cores <= MAX_REPORTED_CORES ? cores : null);

/** The curve as the link writes it: ascending workers, each once, only points the reader takes back (so a link never reads as damaged for one odd point). */
function writableCurve(curve: readonly CurvePointMs[]): CurvePointMs[] {
  const sorted = curve.filter(readablePoint).sort((a, b) => a.workers - b.workers);
  return sorted.filter((point, index) => index === 0 || sorted[index - 1].workers !== point.workers);
}

function encode(shared: SharedSweep): string {
  const curve = shared.curve.map((point) => `${String(point.workers)}-${msText(point.medianMs)}`).join('_');
  const body = [
    `${MARKER}${String(SHARE_VERSION)}`,
    encodeText(shared.label),
    shared.reportedCores === null ? '' : String(shared.reportedCores),
    encodeText(shared.browser),
    encodeText(shared.seriesWords ?? ''),
    SCALING_LETTERS[shared.scaling ?? 'strong'],
    curve,
  ].join(',');
  return `${body},${checkOf(body)}`;
}

/** At most `most` points, evenly spread, always keeping the 1-worker point and the point at the cores (the speed-up there). */
function thinned(curve: readonly CurvePointMs[], most: number, cores: number | null): CurvePointMs[] {
  if (curve.length <= most) return [...curve];
  const keep = new Set(Array.from({ length: most - 2 }, (_, index) => Math.round((index * (curve.length - 1)) / (most - 3))));
  for (const [index, point] of curve.entries()) if (point.workers === 1 || point.workers === cores) keep.add(index);
  return curve.filter((_, index) => keep.has(index));
}

/**
 * The text after '#' for this sweep: its fields capped (label, browser, words), and when it is still
 * longer than `maxChars`, shortened step by step (words dropped, curve thinned, names shortened) until it fits.
 */
export function shareFragment(shared: SharedSweep, maxChars: number = MAX_SHARE_FRAGMENT_CHARS): string {
  const capped: SharedSweep = {
    label: shortened(plainLine(shared.label), MAX_LABEL_CHARS),
    reportedCores: readableCores(shared.reportedCores),
    browser: shortened(plainLine(shared.browser), MAX_BROWSER_CHARS),
    seriesWords: shared.seriesWords === null ? null : shortened(plainLine(shared.seriesWords), MAX_SHARE_WORDS_CHARS),
    curve: writableCurve(shared.curve),
    scaling: shared.scaling ?? 'strong',
  };
  const cores = capped.reportedCores;
  const steps: ((sweep: SharedSweep) => SharedSweep)[] = [
    (sweep) => sweep,
    (sweep) => ({ ...sweep, seriesWords: null }),
    (sweep) => ({ ...sweep, curve: thinned(sweep.curve, 16, cores) }),
    (sweep) => ({ ...sweep, browser: shortened(sweep.browser, 24) }),
    (sweep) => ({ ...sweep, label: shortened(sweep.label, 24) }),
    (sweep) => ({ ...sweep, curve: thinned(sweep.curve, 8, cores) }),
  ];
  let sweep = capped;
  let fragment = encode(sweep);
  for (const step of steps.slice(1)) {
    if (fragment.length <= maxChars) break;
    sweep = step(sweep);
    fragment = encode(sweep);
  }
  return fragment;
}

/** The whole link: the page, its settings' query, and the sweep after '#', within MAX_SHARE_LINK_CHARS wherever the page's address leaves room. */
export function shareLinkText(pageUrl: string, query: string, shared: SharedSweep): string {
  const search = query === '' || query.startsWith('?') ? query : `?${query}`;
  const before = `${pageUrl}${search}#`;
  return `${before}${shareFragment(shared, MAX_SHARE_LINK_CHARS - before.length)}`;
}

const positiveInteger = (text: string, most: number): number | null => {
  if (!/^[1-9][0-9]{0,9}$/u.test(text)) return null;
  const value = Number(text);
  return value <= most ? value : null;
};

function readCurve(text: string): CurvePointMs[] | null {
  const curve: CurvePointMs[] = [];
  for (const pointText of text.split('_')) {
    const match = /^([0-9]+)-([0-9]{1,9}(?:\.[0-9])?)$/u.exec(pointText);
    const workers = match ? positiveInteger(match[1], MAX_WORKERS) : null;
    const medianMs = match ? Number(match[2]) : Number.NaN;
    // Ascending worker counts, each once, with a time a run could take.
    if (workers === null || !(medianMs <= MAX_MEDIAN_MS) || workers <= (curve.at(-1)?.workers ?? 0)) return null;
    curve.push({ workers, medianMs });
  }
  return curve;
}

/** The fields of a fragment whose checksum held, as a sweep; null when they are not what this page writes. */
function readFields(fields: readonly string[]): SharedSweep | null {
  if (fields.length !== 6) return null;
  const [labelText, coresText, browserText, wordsText, scalingText, curveText] = fields;
  const label = readMachineLabel(decodeText(labelText));
  const browser = plainLine(decodeText(browserText));
  const words = plainLine(decodeText(wordsText));
  const reportedCores = coresText === '' ? null : positiveInteger(coresText, MAX_REPORTED_CORES);
  const curve = readCurve(curveText);
  const scaling = scalingOfLetter(scalingText);
  if (!label.ok || charCount(browser) > MAX_BROWSER_CHARS || charCount(words) > MAX_SHARE_WORDS_CHARS || (coresText !== '' && reportedCores === null) || curve === null || scaling === null) {
    return null;
  }
  return { label: label.value, reportedCores, browser, seriesWords: words === '' ? null : words, curve, scaling };
}

/**
 * Reads the page's hash (with or without '#'): none when empty or not ours, the sweep when it is
 * whole, or one sentence when it is damaged, too long or from a newer page. Never throws.
 */
export function readShareFragment(hash: string): ShareReading {
  // Only the marker's length is read before knowing the hash is ours: a huge foreign hash costs nothing.
  const start = hash.startsWith('#') ? 1 : 0;
  if (hash.slice(start, start + MARKER.length) !== MARKER) return { kind: 'none' };
  if (hash.length - start > MAX_HASH_CHARS) return { kind: 'bad', sentence: LONG_LINK };
  const fragment = hash.slice(start);
  try {
    const version = /^sweep=([0-9]{1,6}),/u.exec(fragment);
    if (!version) return { kind: 'bad', sentence: DAMAGED_LINK };
    // A newer page may check its links differently: its version is read before the checksum.
    if (Number(version[1]) > SHARE_VERSION) return { kind: 'bad', sentence: NEWER_LINK };
    const lastComma = fragment.lastIndexOf(',');
    const body = fragment.slice(0, lastComma);
    if (fragment.slice(lastComma + 1) !== checkOf(body) || Number(version[1]) !== SHARE_VERSION) return { kind: 'bad', sentence: DAMAGED_LINK };
    const shared = readFields(body.split(',').slice(1));
    return shared === null ? { kind: 'bad', sentence: DAMAGED_LINK } : { kind: 'ok', shared };
  } catch {
    // decodeURIComponent on text whose checksum held but which no page wrote.
    return { kind: 'bad', sentence: DAMAGED_LINK };
  }
}

/** A link's sweep as a machine to compare: no cores measured (a link does not carry them), its id made from what it shows. */
export function sharedMachine(shared: SharedSweep): ComparedMachine {
  const scaling = shared.scaling === undefined ? {} : { scaling: shared.scaling };
  return withContentId({ source: 'link', label: shared.label, reportedCores: shared.reportedCores, measuredCores: null, browser: shared.browser, seriesWords: shared.seriesWords, curve: shared.curve, ...scaling });
}
