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
