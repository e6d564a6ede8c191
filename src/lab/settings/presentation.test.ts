import { describe, expect, it } from 'vitest';
import { readPrediction } from './prediction';
import { countFoldSummary } from './presentation';

describe('countFoldSummary', () => {
  it('shows the count and says when there is no prediction', () => {
    expect(countFoldSummary(10_000_000_000, readPrediction('', 8))).toBe('Total count: 10,000,000,000; no prediction');
  });

  it('shows one prediction in ms, or how many worker counts a sweep’s predictions name', () => {
    expect(countFoldSummary(1e9, readPrediction('3000', 8))).toBe('Total count: 1,000,000,000; prediction: 3,000 ms');
    expect(countFoldSummary(1e9, readPrediction('1: 3000, 2: 1600, 4: 900', 8))).toBe('Total count: 1,000,000,000; predictions for 3 worker counts');
    expect(countFoldSummary(1e9, readPrediction('2: 1600', 8))).toBe('Total count: 1,000,000,000; predictions for 1 worker count');
  });

  it('says what needs fixing, since the fields’ own messages are folded away', () => {
    expect(countFoldSummary(null, readPrediction('soon', 8))).toBe('Total count: needs fixing; prediction: needs fixing');
  });
});
