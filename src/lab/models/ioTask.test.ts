import { describe, expect, it } from 'vitest';
import { ASSUMED_NS_PER_COUNT, MAX_WAIT_MS, MIN_WAIT_MS, usableNsPerCount, waitsForShares, waitsHeld } from './ioTask';

describe('usableNsPerCount', () => {
  it('keeps a measured speed', () => {
    expect(usableNsPerCount(0.27)).toBe(0.27);
  });

  it.each([null, undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY])('assumes a speed for %s', (value) => {
    expect(usableNsPerCount(value)).toBe(ASSUMED_NS_PER_COUNT);
  });
});

describe('waitsForShares', () => {
  it('waits as long as counting each share would take', () => {
    // 2.5·10^9 counts at 0.4 ns each: 1 s.
    expect(waitsForShares([2_500_000_000, 2_500_000_000], 0.4)).toEqual([1000, 1000]);
  });

  it('keeps unequal shares unequal, to a tenth of a millisecond', () => {
    expect(waitsForShares([3_333_333_334, 3_333_333_333], 0.3)).toEqual([1000, 1000]);
    expect(waitsForShares([1_234_567, 7_654_321], 1)).toEqual([1.2, 7.7]);
  });

  it('gives a tiny share the shortest wait a timer can time, and none to a share of 0', () => {
    expect(waitsForShares([10, 0], 0.3)).toEqual([MIN_WAIT_MS, 0]);
  });

  it('never waits beyond an hour', () => {
    expect(waitsForShares([1e12], 10)).toEqual([MAX_WAIT_MS]);
  });

  it('falls back to the assumed speed for a speed that is not one', () => {
    expect(waitsForShares([1e9], Number.NaN)).toEqual([1e9 * ASSUMED_NS_PER_COUNT * 1e-6]);
  });
});

describe('waitsHeld', () => {
  it('holds when every task waited at least its time', () => {
    expect(waitsHeld([100, 100], [100.4, 103])).toBe(true);
  });

  it('fails a wait that ended early', () => {
    expect(waitsHeld([100, 100], [100, 99.5])).toBe(false);
  });

  it('fails a missing or extra answer, and one that is not a number', () => {
    expect(waitsHeld([100, 100], [100])).toBe(false);
    expect(waitsHeld([100], [100, 100])).toBe(false);
    expect(waitsHeld([100], undefined)).toBe(false);
    expect(waitsHeld([100], [Number.NaN])).toBe(false);
  });
});
