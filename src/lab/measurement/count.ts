import type { Scaling } from '../models/catalog';
import { MAX_TOTAL } from './split';

/** What a typed total count means. */
export type CountReading =
  | { kind: 'ok'; value: number }
  | { kind: 'empty' }
  | { kind: 'malformed' }
  /** Written as another language writes numbers ("2,5 Mrd", "2.500.000", "10M"): refused, never guessed at. */
  | { kind: 'foreign' }
  | { kind: 'fraction'; value: number }
  | { kind: 'too-small'; value: number }
  | { kind: 'too-large'; value: number };

// Digits with optional grouping (1,000,000 · 1 000 000 · 1_000_000), an optional
// fraction and an optional exponent (1e9, 2.5e9).
const NUMBER = /^[+-]?(\d+|\d{1,3}(?:[,_ ]\d{3})+)(\.\d+)?(e[+-]?\d+)?$/i;

/** The words countInWords writes, as powers of ten. */
const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['thousand', 3],
  ['million', 6],
  ['billion', 9],
  ['trillion', 12],
]);

// A number in words as the page writes it: "2 billion", "1.5 billion", "about 1.23 million" (no exponent).
const WORDED = /^(?:about\s+)?([+-]?(?:\d+|\d{1,3}(?:[,_ ]\d{3})+)(?:\.\d+)?)\s*(thousand|million|billion|trillion)$/i;

// Decimal commas (2,5 · 1234,5) and dots grouping thousands (2.500.000 · 1.234,5), as in German or French.
const FOREIGN_NUMBER = /^[+-]?(?:\d+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:\.\d{3})+,\d+)$/;
// "1,000" is English grouping, not a decimal comma.
const ENGLISH_GROUPS = /^[+-]?\d{1,3}(?:,\d{3})+$/;
// Other languages' words and abbreviations for thousands, millions and billions (Mrd, Mio, Tsd, bn, k, 万 …).
const FOREIGN_WORD =
  /^(?:k|m|b|bn|bln|mn|mm|mil|mill|mio|mln|md|mds|mld|mlrd|mrd|tsd|tn|lakhs?|crores?|tausend|millionen|milliarden?|billionen|milliards?|millions|billions|thousands|trillions|miljoen|miljard(?:en)?|mill[oó]n(?:es)?|milh[õo]es|bilh[õo]es|miliard[iy]?|milion[iy]?|万|億|亿|千|百万|十亿)\.?$/iu;

/** Whether the text is a number as another language writes it, or a number with another language's word for its size. */
function looksForeign(text: string): boolean {
  const match = /^(?:about\s+)?([+-]?[\d.,_ ]*\d)\s*(\S*)$/u.exec(text);
  if (!match) return false;
  const [, number, word] = match;
  const foreignNumber = FOREIGN_NUMBER.test(number) && !ENGLISH_GROUPS.test(number);
  if (word === '') return foreignNumber;
  return (foreignNumber && (SCALE_WORDS.has(word.toLowerCase()) || /^e[+-]?\d+$/i.test(word))) || FOREIGN_WORD.test(word);
}

/** The number the text writes, as JavaScript reads it exactly ("1.5 billion" is read as 1.5e9, never 1.5 × 10^9 in floating point); null when it is no count. */
function numberIn(text: string): number | null {
  if (NUMBER.test(text)) return Number(text.replace(/[,_ ]/g, ''));
  const worded = WORDED.exec(text);
  const power = worded ? SCALE_WORDS.get(worded[2].toLowerCase()) : undefined;
  if (!worded || power === undefined) return null;
  return Number(`${worded[1].replace(/[,_ ]/g, '')}e${String(power)}`);
}

/** Reads what a person typed, or a link carried, as a total count: digits (grouped or not, 1e9) or the page's own words (2 billion, 1.5 billion). */
export function readCount(text: string): CountReading {
  const trimmed = text.trim().replace(/[\u00a0\u202f\u2009]/g, ' ');
  if (trimmed === '') return { kind: 'empty' };
  if (trimmed.length > 40) return { kind: 'malformed' };
  if (looksForeign(trimmed)) return { kind: 'foreign' };
  const value = numberIn(trimmed);
  if (value === null) return { kind: 'malformed' };
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

/**
 * 1000000000 → "1 billion", 1250000000 → "1.25 billion", 1234567 → "about 1.23 million": three significant
 * digits at most, rounded before the word is chosen (999,999,999 → "about 1 billion", not "about 1000 million").
 */
export function countInWords(value: number): string {
  if (value < 1000) return String(value);
  const rounded = Number(value.toPrecision(3));
  const about = rounded === value ? '' : 'about ';
  for (const [size, word] of WORDS) {
    if (rounded >= size) return `${about}${String(Number((rounded / size).toPrecision(3)))} ${word}`;
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
      return `That is not a number: enter digits, such as 1000000000 or 1e9, or words, such as 1 billion.`;
    case 'foreign':
      return `Write the count in digits or in English words, with a decimal point: 2500000000, 2.5e9 or 2.5 billion.`;
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
