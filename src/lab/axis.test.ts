import { describe, expect, it } from 'vitest';
import { formatSecondsTick, niceTicks } from './axis';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten, from 0 to just past the largest value', () => {
    expect(niceTicks(0.22)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(niceTicks(2.9)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(56.7)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('gives a plain axis when there is nothing to draw', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('formatSecondsTick', () => {
  it('labels seconds briefly', () => {
    expect(formatSecondsTick(0)).toBe('0');
    expect(formatSecondsTick(0.15)).toBe('0.15 s');
    expect(formatSecondsTick(0.1 + 0.2)).toBe('0.3 s');
    expect(formatSecondsTick(20)).toBe('20 s');
  });
});
