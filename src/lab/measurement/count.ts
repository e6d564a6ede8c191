import type { Scaling } from '../models/catalog';
import { MAX_TOTAL } from './split';

/** What a typed total count means. */
export type CountReading =
  | { kind: 'ok'; value: number }
  | { kind: 'empty' }
  | { kind: 'malformed' }
  | { kind: 'fraction'; value: number }
  | { kind: 'too-small'; value: number }
  | { kind: 'too-large'; value: number };

// Digits with optional grouping (1,000,000 · 1 000 000 · 1_000_000), an optional
// fraction and an optional exponent (1e9, 2.5e9).
const NUMBER = /^[+-]?(\d+|\d{1,3}(?:[,_ ]\d{3})+)(\.\d+)?(e[+-]?\d+)?$/i;

/** Reads what a person typed, or a link carried, as a total count. */
export function readCount(text: string): CountReading {
  const trimmed = text.trim().replace(/[\u00a0\u202f\u2009]/g, ' ');
  if (trimmed === '') return { kind: 'empty' };
  if (trimmed.length > 40 || !NUMBER.test(trimmed)) return { kind: 'malformed' };
  const value = Number(trimmed.replace(/[,_ ]/g, ''));
  if (!Number.isFinite(value)) return { kind: 'too-large', value: Number.POSITIVE_INFINITY };
  if (value > MAX_TOTAL) return { kind: 'too-large', value };
  if (!Number.isInteger(value)) return { kind: 'fraction', value };
  if (value < 1) return { kind: 'too-small', value };
  return { kind: 'ok', value };
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1000000000 → "1,000,000,000". */
export function formatCount(value: number): string {
  return grouped.format(value);
}

const WORDS: ReadonlyArray<[number, string]> = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

/** 1000000000 → "1 billion", 1250000000 → "1.25 billion", 1234567 → "about 1.23 million": three significant digits at most. */
export function countInWords(value: number): string {
  for (const [size, word] of WORDS) {
    if (value >= size) {
      const scaled = value / size;
      const rounded = Number(scaled.toPrecision(3));
      const about = Math.abs(rounded - scaled) > 1e-9 ? 'about ' : '';
      return `${about}${String(rounded)} ${word}`;
    }
  }
  return String(value);
}

/** The one sentence shown beside the field for a count that cannot run; null for a good one. */
export function countProblem(reading: CountReading): string | null {
  const range = `from 1 to ${formatCount(MAX_TOTAL)}`;
  switch (reading.kind) {
    case 'ok':
      return null;
    case 'empty':
      return `Enter a total count ${range}.`;
    case 'malformed':
      return `That is not a number: enter digits, such as 1000000000 or 1e9.`;
    case 'fraction':
      return `Enter a whole number: workers count in whole steps.`;
    case 'too-small':
      return `Enter at least 1.`;
    case 'too-large':
      return `Enter at most ${formatCount(MAX_TOTAL)} (1 trillion): more would take many minutes.`;
  }
}

/** What a good count means for this run: how it is split, or what each worker counts. */
export function countMeaning(value: number, workers: number, scaling: Scaling): string {
  const who = `${String(workers)} ${workers === 1 ? 'worker' : 'workers'}`;
  if (scaling === 'weak') return `Each of ${who} counts ${countInWords(value)}: ${countInWords(value * workers)} in all.`;
  if (workers === 1) return `${countInWords(value)} counts, all on 1 worker.`;
  // countInWords says "about" itself when the share is not exactly what it reads.
  const share = value % workers === 0 ? countInWords(value / workers) : `${countInWords(Math.ceil(value / workers)).replace(/^about /, '')} or so`;
  return `${countInWords(value)} counts, ${share} for each of ${who}.`;
}
