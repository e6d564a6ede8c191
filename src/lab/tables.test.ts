import { describe, expect, it } from 'vitest';
import { checkText, resultRows, serialFractionText, spreadText, statsRows } from './tables';
import { makeRun as run } from './testing';
import type { WorkerStats } from './stats';

describe('resultRows', () => {
  it('writes every column, with the speed-up against the median one-worker time of the same series', () => {
    const runs = [run(1, 2000, { startupMs: 40 }), run(2, 1000, { startupMs: 50 }), run(2, 900, { pooled: true })];
    const rows = resultRows(runs);
    expect(rows[1]).toMatchObject({
      workers: '2',
      total: '1,000,000,000',
      startupMs: '50',
      computeMs: '990',
      wallMs: '1,000',
      speedUp: '2.00×',
      efficiency: '100%',
      mode: 'split, fresh',
      check: 'Counted 1,000,000,000',
      reliable: true,
    });
    // A pooled run is another series, with no one-worker run yet.
    expect(rows[2]).toMatchObject({ speedUp: '', efficiency: '', mode: 'split, pool' });
  });

  it('shows a stopped run as stopped, not as a time', () => {
    const [row] = resultRows([run(3, 0, { status: 'stopped', computeMs: null, wallMs: null, startupMs: 60 })]);
    expect(row).toMatchObject({ startupMs: '60', computeMs: 'stopped', wallMs: 'stopped', speedUp: '', check: 'Stopped', reliable: false });
  });

  it('says why a run is left out', () => {
    expect(checkText(run(1, 100, { hiddenDuringRun: true }))).toBe('Tab was hidden: not reliable');
    expect(checkText(run(1, 100, { counted: 7 }))).toBe('Count did not add up');
    expect(checkText(run(1, 100, { status: 'failed', error: 'Worker 2 failed: boom.' }))).toBe('Error: Worker 2 failed: boom.');
    expect(checkText(run(1, 100, { status: 'failed', wallMs: null }))).toBe('Error: the run failed.');
  });
});

describe('statsRows', () => {
  it('writes median (least–greatest), and the runs left out', () => {
    const spread = (median: number, min = median, max = median) => ({ median, min, max });
    const stats: WorkerStats[] = [
      { workers: 2, runs: 3, leftOut: 1, startupMs: spread(50), computeMs: spread(1280, 1270, 1301), wallMs: spread(1329, 1322, 1330), speedUp: 1.906, efficiency: 0.953, karpFlatt: 0.049 },
    ];
    expect(statsRows(stats)).toEqual([
      {
        workers: '2',
        runs: '3 (+1 left out)',
        startupMs: '50',
        computeMs: '1,280 (1,270–1,301)',
        wallMs: '1,329 (1,322–1,330)',
        speedUp: '1.91×',
        efficiency: '95%',
        serialFraction: '5%',
      },
    ]);
  });

  it('keeps the serial fraction between 0 and 100%', () => {
    expect(serialFractionText(null)).toBe('');
    expect(serialFractionText(-0.02)).toBe('0%');
    expect(serialFractionText(1.3)).toBe('100% or more');
    expect(spreadText({ median: 5, min: 5, max: 5 })).toBe('5');
  });
});
