import { describe as group, expect, it } from 'vitest';
import { analyze } from '../measurement/analysis';
import { costChartTable, speedUpChartTable, timeChartTable } from './chartText';
import { makeRun } from '../../testing/makeRun';

const context = { cores: 2, reportedCores: 2, maxWorkers: 4 };

group('chart tables', () => {
  it('say that nothing is drawn before a run', () => {
    const analysis = analyze([], context);
    for (const table of [timeChartTable(analysis), speedUpChartTable(analysis), costChartTable(analysis)]) {
      expect(table.rows).toEqual([]);
      expect(table.empty).toMatch(/^Nothing drawn yet/);
    }
    // No ideal and no model before a 1-worker run: no empty columns either.
    expect(timeChartTable(analysis).headers).toEqual(['Workers', 'Runs', 'Median', 'Fastest – slowest']);
  });

  it('give the class’s predictions a column of their own', () => {
    const table = timeChartTable(analyze([makeRun(1, 2000, { predictionMs: 2500 }), makeRun(2, 1100)], context));
    expect(table.headers.at(-1)).toBe('Prediction');
    expect(table.rows.map((row) => row.at(-1))).toEqual(['2,500 ms', '—']);
  });

  it('give the wall-clock chart per worker count: runs, median, range, ideal and model', () => {
    const runs = [
      makeRun(1, 2000, { startupMs: 40, computeMs: 1960 }),
      makeRun(1, 2200, { startupMs: 40, computeMs: 2160 }),
      makeRun(2, 1100, { startupMs: 60, computeMs: 1040 }),
      makeRun(2, 1300, { hiddenDuringRun: true }),
      makeRun(3, 1150, { startupMs: 80, computeMs: 1070 }),
    ];
    const table = timeChartTable(analyze(runs, context));
    expect(table.headers).toEqual(['Workers', 'Runs', 'Median', 'Fastest – slowest', 'Ideal', 'Model']);
    expect(table.rows.map((row) => row.slice(0, 5))).toEqual([
      ['1', '2', '2,100 ms', '2,000 ms – 2,200 ms', '2,100 ms'],
      ['2', '1 (1 left out)', '1,100 ms', '1,100 ms – 1,100 ms', '1,050 ms'],
      ['3', '1', '1,150 ms', '1,150 ms – 1,150 ms', '1,050 ms'],
    ]);
    for (const row of table.rows) expect(row[5]).toMatch(/^[\d,]+ ms$/);
  });

  it('give the speed-up beside the ideal, and the start-up beside the compute time', () => {
    const runs = [makeRun(1, 2000, { startupMs: 40, computeMs: 1960 }), makeRun(4, 1000, { startupMs: 100, computeMs: 900 })];
    const analysis = analyze(runs, context);
    expect(speedUpChartTable(analysis).rows).toEqual([
      ['1', '1.00×', '1.00×'],
      ['4', '2.00×', '2.00×'],
    ]);
    expect(costChartTable(analysis).rows).toEqual([
      ['1', '40 ms', '1,960 ms'],
      ['4', '100 ms', '900 ms'],
    ]);
  });

  it('have captions that do not take the names of the page’s own tables', () => {
    const analysis = analyze([], context);
    for (const table of [timeChartTable(analysis), speedUpChartTable(analysis), costChartTable(analysis)]) {
      expect(table.caption).not.toMatch(/results|statistics/i);
    }
  });
});

group('chart tables with other machines', () => {
  const machine = (id: string, label: string, curve: { workers: number; medianMs: number }[]) => ({ id, label, source: 'file' as const, curve });
  const analysis = analyze([makeRun(1, 2000), makeRun(2, 1000)], context);
  const machines = [
    machine('a', 'Desk 8 cores', [
      { workers: 1, medianMs: 1600 },
      { workers: 4, medianMs: 400 },
    ]),
    machine('b', 'Desk 8 cores', [{ workers: 2, medianMs: 900 }]),
  ];

  it('give each machine’s median a column headed by its label (numbered when two share one), on every worker count of any curve', () => {
    const table = timeChartTable(analysis, machines);
    expect(table.headers.slice(-2)).toEqual(['Desk 8 cores', 'Desk 8 cores (2)']);
    expect(table.rows.map((row) => [row[0], row[2], ...row.slice(-2)])).toEqual([
      ['1', '2,000 ms', '1,600 ms', '—'],
      ['2', '1,000 ms', '—', '900 ms'],
      ['4', '—', '400 ms', '—'],
    ]);
  });

  it('give each machine’s speed-up from its own 1-worker time, and none for a machine without one', () => {
    const table = speedUpChartTable(analysis, machines);
    expect(table.headers).toEqual(['Workers', 'Measured (median)', 'Ideal', 'Desk 8 cores', 'Desk 8 cores (2)']);
    expect(table.rows).toEqual([
      ['1', '1.00×', '1.00×', '1.00×', '—'],
      ['2', '2.00×', '2.00×', '—', '—'],
      ['4', '—', '2.00×', '4.00×', '—'],
    ]);
    expect(speedUpChartTable(analysis).rows).toEqual(speedUpChartTable(analysis, []).rows);
  });
});
