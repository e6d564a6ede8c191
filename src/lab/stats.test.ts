import { describe, expect, it } from 'vitest';
import { baselineWallMs, isReliable, median, speedUp } from './stats';
import type { RunRecord } from './types';

let nextId = 1;
function run(workers: number, wallMs: number, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: nextId++,
    workers,
    total: 1000,
    counted: 1000,
    status: 'done',
    startupMs: 10,
    computeMs: wallMs - 10,
    wallMs,
    hiddenDuringRun: false,
    ...overrides,
  };
}

describe('median', () => {
  it('takes the middle of an odd number of values, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });
  it('takes the mean of the two middle values of an even number', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });
});

describe('isReliable', () => {
  it('trusts a finished, complete, visible run only', () => {
    expect(isReliable(run(1, 100))).toBe(true);
    expect(isReliable(run(1, 100, { hiddenDuringRun: true }))).toBe(false);
    expect(isReliable(run(1, 100, { counted: 999 }))).toBe(false);
    expect(isReliable(run(1, 100, { status: 'stopped', wallMs: null }))).toBe(false);
  });
});

describe('speedUp', () => {
  it('divides the median one-worker time by this run’s', () => {
    const runs = [run(1, 1000), run(1, 1200), run(1, 900), run(2, 500)];
    expect(baselineWallMs(runs, 1000)).toBe(1000);
    expect(speedUp(runs[3], runs)).toBe(2);
    expect(speedUp(runs[1], runs)).toBeCloseTo(1000 / 1200, 10);
  });

  it('is blank until there is a one-worker run at the same total', () => {
    const two = run(2, 500);
    expect(speedUp(two, [two])).toBeNull();
    const otherTotal = run(1, 1000, { total: 5000, counted: 5000 });
    expect(speedUp(two, [two, otherTotal])).toBeNull();
  });

  it('compares with reliable one-worker runs only', () => {
    const hidden = run(1, 4000, { hiddenDuringRun: true });
    const stopped = run(1, 0, { status: 'stopped', wallMs: null, computeMs: null });
    const two = run(2, 500);
    expect(speedUp(two, [hidden, stopped, two])).toBeNull();
    const honest = run(1, 1000);
    expect(speedUp(two, [hidden, stopped, honest, two])).toBe(2);
  });

  it('gives no speed-up to a run that is not reliable itself', () => {
    const runs = [run(1, 1000), run(2, 400, { hiddenDuringRun: true })];
    expect(speedUp(runs[1], runs)).toBeNull();
  });
});
