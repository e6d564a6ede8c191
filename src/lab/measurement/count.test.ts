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

describe('readCount, the words the page writes', () => {
  it('reads counts in words, as countInWords writes them', () => {
    // Issue 15: "2 billion" was refused as "not a number" though the page writes counts that way.
    expect(readCount('2 billion')).toEqual({ kind: 'ok', value: 2e9 });
    expect(readCount('1.5 billion')).toEqual({ kind: 'ok', value: 1.5e9 });
    expect(readCount('10 million')).toEqual({ kind: 'ok', value: 1e7 });
    expect(readCount('1 thousand')).toEqual({ kind: 'ok', value: 1000 });
    expect(readCount('1 trillion')).toEqual({ kind: 'ok', value: 1e12 });
    expect(readCount('1.25 billion')).toEqual({ kind: 'ok', value: 1_250_000_000 });
    expect(readCount('0.5 billion')).toEqual({ kind: 'ok', value: 5e8 });
    expect(readCount('2billion')).toEqual({ kind: 'ok', value: 2e9 });
    expect(readCount(' 2 Billion ')).toEqual({ kind: 'ok', value: 2e9 });
    expect(readCount('2\u00a0billion')).toEqual({ kind: 'ok', value: 2e9 });
    expect(readCount('1,500 million')).toEqual({ kind: 'ok', value: 1.5e9 });
    // Read exactly, not as 1.234567891 × 10^9 in floating point (1234567890.9999998).
    expect(readCount('1.234567891 billion')).toEqual({ kind: 'ok', value: 1_234_567_891 });
    // What the page writes for a rounded count reads as the count it names.
    expect(readCount('about 1.23 million')).toEqual({ kind: 'ok', value: 1_230_000 });
  });

  it('reads digits grouped every way the page and Python group them', () => {
    for (const text of ['2000000000', '2,000,000,000', '2 000 000 000', '2_000_000_000', '2\u202f000\u202f000\u202f000', '2e9', '2E9', '2.0e9']) {
      expect(readCount(text), text).toEqual({ kind: 'ok', value: 2e9 });
    }
  });

  it('refuses what words cannot count, as the digits are refused', () => {
    expect(readCount('1.0000000005 billion')).toEqual({ kind: 'fraction', value: 1_000_000_000.5 });
    expect(readCount('2 trillion')).toEqual({ kind: 'too-large', value: 2e12 });
    expect(readCount('0 billion')).toEqual({ kind: 'too-small', value: 0 });
    expect(readCount('two billion')).toEqual({ kind: 'malformed' });
    expect(readCount('billion')).toEqual({ kind: 'malformed' });
    expect(readCount('2 billion 5')).toEqual({ kind: 'malformed' });
    expect(readCount('2e3 million')).toEqual({ kind: 'malformed' });
    expect(readCount('12 apples')).toEqual({ kind: 'malformed' });
  });

  it("refuses other languages' forms instead of misreading them", () => {
    // German, French, Dutch, Spanish, Polish, Japanese, Indian and financial forms: never 25, 2500 or 2.5 × 1000.
    for (const text of ['2,5 Mrd', '2,5 Mrd.', '2,5', '2,5 billion', '1,5e9', '1234,5', '2.500.000', '1.234,5', '2.500 Mio', '2 Mrd', '3 Milliarden', '2 milliards', '10 Mio.', '500 Tsd', '2 mld', '2 miljard', '2 millones', '2 miliardy', '2億', '2 lakh', '10M', '10k', '2bn', '2 MM']) {
      expect(readCount(text), text).toEqual({ kind: 'foreign' });
    }
    // English grouping is not a decimal comma.
    expect(readCount('2,500')).toEqual({ kind: 'ok', value: 2500 });
  });

  it('reads back every count the page writes in words: exactly, or to its three figures after "about"', () => {
    for (const value of [1000, 7000, 20_000, 1e6, 2.5e6, 1e9, 1.25e9, 2e9, 1e10, 1.5e10, 1e11, 1e12, 1_234_567, 333_333_334, 999_999_999, 2_500_000_001, 10_000_000_007]) {
      const words = countInWords(value);
      const reading = readCount(words);
      expect(reading.kind, words).toBe('ok');
      const read = reading.kind === 'ok' ? reading.value : Number.NaN;
      if (words.startsWith('about ')) expect(Math.abs(read - value) / value, words).toBeLessThan(0.005);
      else expect(read, words).toBe(value);
      expect(readCount(formatCount(value))).toEqual({ kind: 'ok', value });
    }
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

  it("says what to type for another language's form, and that words are read", () => {
    expect(countProblem(readCount('2,5 Mrd'))).toBe('Write the count in digits or in English words, with a decimal point: 2500000000, 2.5e9 or 2.5 billion.');
    expect(countProblem(readCount('abc'))).toBe('That is not a number: enter digits, such as 1000000000 or 1e9, or words, such as 1 billion.');
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
  it('rounds before it chooses the word: never "about 1000 million"', () => {
    expect(countInWords(999_999_999)).toBe('about 1 billion');
    expect(countInWords(999_500)).toBe('about 1 million');
    expect(countInWords(999_499)).toBe('about 999 thousand');
    expect(countInWords(1000)).toBe('1 thousand');
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
