import { describe, expect, it } from 'vitest';
import { timeChartData } from './chartData';
import type { RunRecord } from './types';

let id = 0;
function run(workers: number, wallMs: number, overrides: Partial<RunRecord> = {}): RunRecord {
  id += 1;
  return {
    id,
    workers,
    total: 1e9,
    counted: 1e9,
    status: 'done',
    startupMs: 10,
    computeMs: wallMs - 10,
    wallMs,
    hiddenDuringRun: false,
    ...overrides,
  };
}

describe('timeChartData', () => {
  it('is empty before any run finished', () => {
    expect(timeChartData([run(1, 0, { status: 'stopped', wallMs: null })])).toEqual({
      total: null,
      reliable: [],
      hidden: [],
      medians: [],
      otherTotals: 0,
    });
  });

  it('draws one point per finished run at the latest total, in seconds', () => {
    const runs = [run(1, 5000, { total: 5, counted: 5 }), run(1, 2000), run(2, 1000), run(2, 1200), run(2, 1100)];
    const data = timeChartData(runs);
    expect(data.total).toBe(1e9);
    expect(data.reliable.map((point) => [point.workers, point.wallSeconds])).toEqual([
      [1, 2],
      [2, 1],
      [2, 1.2],
      [2, 1.1],
    ]);
    expect(data.medians.map((point) => [point.workers, point.wallSeconds])).toEqual([
      [1, 2],
      [2, 1.1],
    ]);
    expect(data.otherTotals).toBe(1);
  });

  it('keeps hidden-tab runs apart and leaves mismatched counts out', () => {
    const data = timeChartData([run(1, 2000, { hiddenDuringRun: true }), run(2, 900, { counted: 5, status: 'failed' }), run(2, 1000)]);
    expect(data.hidden.map((point) => point.workers)).toEqual([1]);
    expect(data.reliable.map((point) => point.workers)).toEqual([2]);
    expect(data.medians).toHaveLength(1);
  });
});
