import { describe, expect, it } from 'vitest';
import { calibratedTotal, estimateOnOneWorker, readableRound } from './calibrate';
import { MAX_TOTAL } from './split';

describe('readableRound', () => {
  it('rounds to 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8 times a power of ten', () => {
    expect(readableRound(9_677_419_354)).toBe(10_000_000_000);
    expect(readableRound(7_300_000_000)).toBe(7_000_000_000);
    expect(readableRound(1_300_000_000)).toBe(1_500_000_000);
    expect(readableRound(2_240_000_000)).toBe(2_000_000_000);
    expect(readableRound(1)).toBe(1);
    expect(readableRound(0)).toBe(1);
  });
});

describe('calibratedTotal', () => {
  it('sizes the total for about 3 s on one worker', () => {
    // 0.31 ns a count → 9.7 billion in 3 s → 10 billion.
    expect(calibratedTotal(0.31)).toBe(10_000_000_000);
    // A slow tablet at 1.2 ns a count → 2.5 billion.
    expect(calibratedTotal(1.2)).toBe(2_500_000_000);
  });
  it('stays within the field’s range and refuses nonsense', () => {
    expect(calibratedTotal(1e-6)).toBe(MAX_TOTAL);
    expect(calibratedTotal(1e6)).toBe(1e6);
    expect(calibratedTotal(0)).toBeNull();
    expect(calibratedTotal(Number.NaN)).toBeNull();
    expect(calibratedTotal(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('estimateOnOneWorker', () => {
  it('says how long one worker takes here, briefly', () => {
    expect(estimateOnOneWorker(0.31, 1e10)).toBe('≈ 3.1 s on 1 worker here.');
    expect(estimateOnOneWorker(0.31, 1e8)).toBe('≈ 31 ms on 1 worker here.');
    expect(estimateOnOneWorker(0.31, 1e12)).toBe('≈ 310 s on 1 worker here.');
    expect(estimateOnOneWorker(0.31, 10)).toBe('≈ 1 ms on 1 worker here.');
  });
});
