import { describe, expect, it } from 'vitest';
import { countsUnderCap, defaultWorkerCounts, describeSweepPlan, planSweep, readRepeats, readWorkerCounts } from './sweep';

describe('planSweep', () => {
  it('starts with one discarded warm-up with the most workers, then interleaves the worker counts round by round', () => {
    expect(planSweep([1, 2, 4], 2)).toEqual([
      { workers: 4, warmUp: true },
      { workers: 1, warmUp: false },
      { workers: 2, warmUp: false },
      { workers: 4, warmUp: false },
      { workers: 1, warmUp: false },
      { workers: 2, warmUp: false },
      { workers: 4, warmUp: false },
    ]);
  });

  it('has 1 + counts × repeats runs: 25 for 1…8 three times', () => {
    expect(planSweep([1, 2, 3, 4, 5, 6, 7, 8], 3)).toHaveLength(25);
  });

  it('plans nothing for nothing', () => {
    expect(planSweep([], 3)).toEqual([]);
    expect(planSweep([1], 0)).toEqual([]);
  });
});

describe('readRepeats', () => {
  it('takes whole numbers from 1 to 20', () => {
    expect(readRepeats(' 3 ')).toEqual({ ok: true, value: 3 });
    expect(readRepeats('20')).toEqual({ ok: true, value: 20 });
  });
  it('explains anything else in one sentence', () => {
    for (const text of ['0', '21', '2.5', 'three', '', '-1', '1e1']) {
      const reading = readRepeats(text);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.problem).toBe('Enter a whole number of repeats from 1 to 20.');
    }
  });
});

describe('readWorkerCounts', () => {
  it('reads lists and ranges, sorted and without repeats', () => {
    expect(readWorkerCounts('1, 2, 4, 8, 16', 16)).toEqual({ ok: true, value: [1, 2, 4, 8, 16] });
    expect(readWorkerCounts('1-4', 8)).toEqual({ ok: true, value: [1, 2, 3, 4] });
    expect(readWorkerCounts('8 1–3 2', 8)).toEqual({ ok: true, value: [1, 2, 3, 8] });
  });

  it('refuses counts past the slider, backward ranges, zero and garbage', () => {
    expect(readWorkerCounts('1, 32', 16)).toEqual({ ok: false, problem: 'Worker counts go up to 16 here.' });
    expect(readWorkerCounts('4-2', 8).ok).toBe(false);
    expect(readWorkerCounts('0', 8).ok).toBe(false);
    expect(readWorkerCounts('two', 8)).toEqual({
      ok: false,
      problem: '“two” is not a worker count: use numbers such as 1, 2, 4 or a range such as 1-8.',
    });
    expect(readWorkerCounts('  ', 8).ok).toBe(false);
    expect(readWorkerCounts(Array.from({ length: 70 }, () => '1').join(','), 8).ok).toBe(false);
  });
});

describe('describeSweepPlan', () => {
  it('counts the runs a sweep will make', () => {
    expect(describeSweepPlan([1, 2, 3], 2)).toBe('3 worker counts × 2 repeats + 1 warm-up = 7 runs.');
    expect(describeSweepPlan([4], 1)).toBe('1 worker count × 1 repeat + 1 warm-up = 2 runs.');
  });
});

describe('defaultWorkerCounts', () => {
  it('tries every worker count up to a slider top of 16', () => {
    expect(defaultWorkerCounts(2, 8)).toBe('1-8');
    expect(defaultWorkerCounts(8, 16)).toBe('1-16');
  });

  it('on a larger machine, tries the powers of two, the cores and the top', () => {
    expect(defaultWorkerCounts(12, 24)).toBe('1, 2, 4, 8, 12, 16, 24');
    expect(defaultWorkerCounts(16, 32)).toBe('1, 2, 4, 8, 16, 32');
  });

  it('offers a 512-core machine 11 worker counts, not 1,024, and every one can be read back', () => {
    const text = defaultWorkerCounts(512, 1024);
    const counts = readWorkerCounts(text, 1024);
    expect(counts).toEqual({ ok: true, value: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
  });
});

describe('countsUnderCap', () => {
  it('lowers the default counts to the cap of Python workers, and keeps typed counts as typed', () => {
    expect(countsUnderCap('1-8', 4, 8, 3)).toBe('1-3');
    expect(countsUnderCap('1, 2, 4, 8, 12, 16, 24', 12, 24, 10)).toBe('1-10');
    expect(countsUnderCap(defaultWorkerCounts(64, 128), 64, 128, 20)).toBe('1, 2, 4, 8, 16, 20');
    expect(countsUnderCap('1-8', 4, 8, 8)).toBe('1-8');
    expect(countsUnderCap('1, 2, 4', 4, 8, 3)).toBe('1, 2, 4');
    expect(readWorkerCounts(countsUnderCap('1, 2, 4', 4, 8, 3), 3)).toEqual({ ok: false, problem: 'Worker counts go up to 3 here.' });
  });
});
