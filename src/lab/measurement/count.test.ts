import { describe, expect, it } from 'vitest';
import { countInWords, countMeaning, countProblem, formatCount, readCount } from './count';

describe('readCount', () => {
  it('reads plain, grouped and scientific numbers', () => {
    expect(readCount('1000000000')).toEqual({ kind: 'ok', value: 1e9 });
    expect(readCount(' 1,000,000,000 ')).toEqual({ kind: 'ok', value: 1e9 });
    expect(readCount('1 000 000')).toEqual({ kind: 'ok', value: 1e6 });
    expect(readCount('1_000')).toEqual({ kind: 'ok', value: 1000 });
    expect(readCount('1e9')).toEqual({ kind: 'ok', value: 1e9 });
    expect(readCount('2.5E9')).toEqual({ kind: 'ok', value: 2.5e9 });
    expect(readCount('1000000000000')).toEqual({ kind: 'ok', value: 1e12 });
    expect(readCount('1\u00a0000')).toEqual({ kind: 'ok', value: 1000 });
  });

  it('tells empty, malformed, fractional and out-of-range input apart', () => {
    expect(readCount('   ')).toEqual({ kind: 'empty' });
    expect(readCount('abc')).toEqual({ kind: 'malformed' });
    expect(readCount('12abc')).toEqual({ kind: 'malformed' });
    expect(readCount('1,00,000')).toEqual({ kind: 'malformed' });
    expect(readCount('0x10')).toEqual({ kind: 'malformed' });
    expect(readCount('Infinity')).toEqual({ kind: 'malformed' });
    expect(readCount('NaN')).toEqual({ kind: 'malformed' });
    expect(readCount('1'.repeat(41))).toEqual({ kind: 'malformed' });
    expect(readCount('1.5')).toEqual({ kind: 'fraction', value: 1.5 });
    expect(readCount('0')).toEqual({ kind: 'too-small', value: 0 });
    expect(readCount('-5')).toEqual({ kind: 'too-small', value: -5 });
    expect(readCount('1000000000001')).toEqual({ kind: 'too-large', value: 1e12 + 1 });
    expect(readCount('1e400')).toEqual({ kind: 'too-large', value: Number.POSITIVE_INFINITY });
  });
});

describe('countProblem', () => {
  it('says nothing about a good count and one sentence about a bad one', () => {
    expect(countProblem(readCount('42'))).toBeNull();
    for (const text of ['', 'abc', '1.5', '0', '2e12']) {
      const problem = countProblem(readCount(text));
      expect(problem).toMatch(/^[A-Z].*\.$/);
    }
    expect(countProblem(readCount('2e12'))).toContain('1,000,000,000,000');
  });
});

describe('formatting counts', () => {
  it('groups digits', () => {
    expect(formatCount(1234567890)).toBe('1,234,567,890');
  });
  it('says round numbers in words, and rounded ones with "about"', () => {
    expect(countInWords(1e9)).toBe('1 billion');
    expect(countInWords(2.5e6)).toBe('2.5 million');
    expect(countInWords(1_234_567)).toBe('about 1.23 million');
    expect(countInWords(1.25e9)).toBe('1.25 billion');
    expect(countInWords(333_333_334)).toBe('about 333 million');
    expect(countInWords(1e12)).toBe('1 trillion');
    expect(countInWords(999)).toBe('999');
  });
});

describe('countMeaning', () => {
  it('says how a split count is shared, or what each worker counts', () => {
    expect(countMeaning(1e9, 4, 'strong')).toBe('1 billion counts, 250 million for each of 4 workers.');
    expect(countMeaning(1e9, 1, 'strong')).toBe('1 billion counts, all on 1 worker.');
    // Seen in Firefox and WebKit: "2.5 billion counts, about about 1.3 billion for each of 2 workers."
    expect(countMeaning(2.5e9, 2, 'strong')).toBe('2.5 billion counts, 1.25 billion for each of 2 workers.');
    expect(countMeaning(1e9, 3, 'strong')).toBe('1 billion counts, 333 million or so for each of 3 workers.');
    expect(countMeaning(2_500_000_001, 2, 'strong')).toBe('about 2.5 billion counts, 1.25 billion or so for each of 2 workers.');
    expect(countMeaning(5e7, 2, 'weak')).toBe('Each of 2 workers counts 50 million: 100 million in all.');
  });
});
