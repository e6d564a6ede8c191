import { describe, expect, it } from 'vitest';
import { MAX_TOTAL, sharesFor, splitTotal, sum } from './split';

describe('splitTotal', () => {
  it('gives every worker the same share when the total divides evenly', () => {
    expect(splitTotal(1_000_000_000, 4)).toEqual([250_000_000, 250_000_000, 250_000_000, 250_000_000]);
  });

  it('hands the remainder out one by one to the first workers', () => {
    expect(splitTotal(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitTotal(7, 3)).toEqual([3, 2, 2]);
  });

  it('gives some workers nothing when there are more workers than counts', () => {
    expect(splitTotal(2, 5)).toEqual([1, 1, 0, 0, 0]);
  });

  it('adds up exactly and differs by at most one, up to 10^12 and beyond 2^32', () => {
    for (const total of [1, 999_999_999_999, MAX_TOTAL, 2 ** 32 + 7, 4_000_000_001]) {
      for (const workers of [1, 2, 3, 7, 8, 16, 64]) {
        const shares = splitTotal(total, workers);
        expect(shares).toHaveLength(workers);
        expect(sum(shares)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        for (const share of shares) expect(Number.isInteger(share)).toBe(true);
      }
    }
  });

  it('refuses totals and worker counts that are not whole numbers', () => {
    expect(() => splitTotal(1.5, 2)).toThrow(RangeError);
    expect(() => splitTotal(-1, 2)).toThrow(RangeError);
    expect(() => splitTotal(Number.NaN, 2)).toThrow(RangeError);
    expect(() => splitTotal(2 ** 53, 2)).toThrow(RangeError);
    expect(() => splitTotal(10, 0)).toThrow(RangeError);
    expect(() => splitTotal(10, 2.5)).toThrow(RangeError);
  });
});

describe('sharesFor', () => {
  it('splits the count for strong scaling', () => {
    expect(sharesFor({ workers: 3, scaling: 'strong', count: 10 })).toEqual([4, 3, 3]);
  });
  it('gives every worker the whole count for weak scaling', () => {
    expect(sharesFor({ workers: 3, scaling: 'weak', count: 10 })).toEqual([10, 10, 10]);
  });
});
