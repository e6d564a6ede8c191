import { describe, expect, it } from 'vitest';
import { analyze, finishedRuns } from './analysis';
import { makeRun as run } from '../../testing/makeRun';

const context = { cores: 2, reportedCores: 2, maxWorkers: 8 };

describe('analyze', () => {
  it('shows nothing but the ideal speed-up before any run finished', () => {
    const analysis = analyze([run(1, 0, { status: 'stopped', wallMs: null })], context);
    expect(analysis.series).toBeNull();
    expect(analysis.dots).toEqual([]);
    expect(analysis.idealSpeedUps.map((point) => point.value)).toEqual([1, 2, 2, 2, 2, 2, 2, 2]);
    expect(analysis.summary[0]).toContain('Run a sweep');
  });

  // Review of issue 15: the fallback cores, planned for when the browser reports none, are never said to be reported.
  it('says the cores were assumed in the summary, the ideal and the cores line when the browser reports none', () => {
    const runs = [run(1, 3000), run(2, 1560), run(3, 1580), run(4, 1600), run(5, 1620)];
    const unreported = analyze(runs, { cores: 4, reportedCores: null, maxWorkers: 8 });
    expect(unreported.summary.join(' ')).toContain('(the browser reports no core count; 4 assumed)');
    expect(unreported.idealWords).toContain('4 cores assumed (the browser reports no core count)');
    expect(unreported.coresLineWords).toBe('the 4 cores assumed, since this browser reports no core count');
    expect([...unreported.summary, unreported.idealWords, unreported.coresLineWords].join(' ')).not.toMatch(/reports 4|cores this browser reports/);
    // The same cores reported: said as reported, and the ideal is the same.
    const reported = analyze(runs, { cores: 4, reportedCores: 4, maxWorkers: 8 });
    expect(reported.coresLineWords).toBe('the 4 cores this browser reports');
    expect(reported.idealSpeedUps).toEqual(unreported.idealSpeedUps);
  });

  it('draws the latest series: a dot per run, median and range per worker count, ideal and fitted curves', () => {
    const runs = [
      run(1, 5000, { count: 5, total: 5, counted: 5 }),
      run(1, 2000),
      run(2, 1000),
      run(2, 1200),
      run(2, 1100),
      run(3, 1150),
      run(4, 1200),
      run(4, 300, { hiddenDuringRun: true }),
    ];
    const analysis = analyze(runs, context);
    expect(analysis.series).toEqual({ key: 'parallel:cpu:strong:1000000000:fresh', scaling: 'strong', count: 1e9, pooled: false, model: 'parallel', task: 'cpu', frozen: false });
    expect(analysis.otherRuns).toBe(1);
    expect(analysis.dots.map((dot) => [dot.workers, dot.seconds])).toEqual([
      [1, 2],
      [2, 1],
      [2, 1.2],
      [2, 1.1],
      [3, 1.15],
      [4, 1.2],
    ]);
    expect(analysis.unreliableDots.map((dot) => dot.workers)).toEqual([4]);
    expect(analysis.rows[1]).toEqual({ workers: 2, medianSeconds: 1.1, rangeSeconds: [1, 1.2], startupSeconds: 0.01, computeSeconds: 1.09 });
    expect(analysis.idealTime.map((point) => point.value)).toEqual([2, 1, 1, 1, 1, 1, 1, 1]);
    expect(analysis.speedUps.map((point) => point.workers)).toEqual([1, 2, 3, 4]);
    expect(analysis.speedUps[1].value).toBeCloseTo(2000 / 1100, 12);
    expect(analysis.measuredCores).toBe(2);
    expect(analysis.model?.cores).toBe(2);
    expect(analysis.fittedTime).toHaveLength(8);
    // Issue 15: 2 workers' runs (1,000–1,200 ms) take in those of 3 and 4, so none is named the fastest.
    expect(analysis.summary[0]).toBe(
      '2, 3 and 4 workers were as fast as each other within the spread of their runs (2 workers: 1,000–1,200 ms; 3 workers: 1,150 ms; 4 workers: 1,200 ms), up to 1.8× faster than 1.',
    );
    expect(analysis.atOnce).toBe('up-to-cores');
    expect(analysis.measuredCoresWords).toBeNull();
  });

  it('draws the class’s latest prediction for each worker count of the series', () => {
    const runs = [
      run(1, 3000, { predictionMs: 2000 }),
      run(2, 1600, { predictionMs: 1500 }),
      run(1, 3100, { predictionMs: 2500 }),
      run(4, 900),
      // Another series: left out.
      run(2, 1600, { predictionMs: 99, count: 5e9, total: 5e9 }),
      run(1, 2900),
    ];
    // The series is the latest run's: the one billion count.
    expect(analyze(runs, context).predictedTime).toEqual([
      { workers: 1, value: 2.5 },
      { workers: 2, value: 1.5 },
    ]);
  });

  it('keeps frozen main-thread runs a series of their own, out of the normal runs’ medians, fit and contrast', () => {
    const mainThread = { model: 'main-thread' as const, pooled: false };
    const frozen = { ...mainThread, freeze: true };
    const runs = [
      run(1, 280, mainThread),
      run(2, 285, mainThread),
      run(3, 290, mainThread),
      run(1, 560, frozen),
      run(2, 570, frozen),
      run(2, 100, { workers: 2 }),
      run(1, 200),
    ];
    const normal = analyze(runs.slice(0, 3), context);
    expect(normal.series?.frozen).toBe(false);
    const analysis = analyze([...runs.slice(0, 5)], context);
    expect(analysis.series).toMatchObject({ key: 'main-thread:cpu:strong:1000000000:frozen-page', frozen: true });
    expect(analysis.stats.map((row) => row.wallMs.median)).toEqual([560, 570]);
    expect(analysis.otherRuns).toBe(3);
    // The contrast between models compares normal main-thread runs with workers, never frozen ones.
    const contrast = analyze(runs, context).summary.find((sentence) => sentence.startsWith('Counting:'));
    expect(contrast).toBe('Counting: 2 tasks took 285 ms on the main thread, 100 ms with workers in parallel.');
  });

  it('under the lock: a flat ideal, a fit one worker at a time, and no cores measured', () => {
    const locked = { model: 'lock' as const };
    const runs = [run(1, 1000, locked), run(2, 1020, locked), run(3, 1045, locked), run(4, 1060, locked)];
    const analysis = analyze(runs, context);
    expect(analysis.atOnce).toBe('one');
    expect(analysis.idealSpeedUps.map((point) => point.value)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(analysis.idealTime.map((point) => point.value)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(analysis.model?.atOnce).toBe('one');
    expect(analysis.fittedTime[7].value).toBeGreaterThan(1);
    expect(analysis.measuredCores).toBeNull();
    expect(analysis.measuredCoresWords).toBe(
      'not measured: runs under one lock do not measure them, since one worker counts at a time. A sweep of workers in parallel that count measures them',
    );
    expect(analysis.idealWords).toBe('which stays at 1×: one worker holds the lock at a time, whatever the cores');
    expect(analysis.summary[1]).toMatch(/^Under one lock one worker counts at a time/);
  });

  it('waiting: an ideal of every worker at once, and the cores from the latest workers in parallel that count', () => {
    const waiting = { task: 'io' as const, counted: 0, waitMsByTask: [1], waitedMsByTask: [1] };
    const waits = (workers: number, wallMs: number) => run(workers, wallMs, { ...waiting, waitMsByTask: Array<number>(workers).fill(1), waitedMsByTask: Array<number>(workers).fill(1) });
    const counting = [run(1, 2000), run(2, 1000), run(3, 1000), run(4, 1000)];
    const analysis = analyze([...counting, waits(1, 1000), waits(2, 510), waits(4, 260)], context);
    expect(analysis.atOnce).toBe('all');
    expect(analysis.idealSpeedUps.map((point) => point.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(analysis.idealTime.map((point) => point.value)).toEqual([1, 0.5, 1 / 3, 0.25, 0.2, 1 / 6, 1 / 7, 0.125]);
    // Not the 4 the waits would give: the cores come from the counting.
    expect(analysis.measuredCores).toBe(2);
    expect(analysis.measuredCoresWords).toBe('from the latest runs of workers in parallel that count: waiting runs do not measure them, since a wait needs no core');
    expect(analyze([waits(1, 1000), waits(2, 510), waits(4, 260)], context).measuredCores).toBeNull();
    expect(analysis.summary[1]).toMatch(/^A waiting task needs no core, so the waits overlap beyond the cores: 4 workers waited at once on a machine with 2 cores/);
  });
});

// Issue 18: a Stop redrew every chart, the statistics and the summary in the click's task (31–41 ms of CPU in Chromium on a 2-core VM).
describe('finishedRuns', () => {
  const done = [run(1, 3000), run(2, 1560)];
  const stopped = run(2, 0, { status: 'stopped', wallMs: null, computeMs: null, counted: 4e8 });
  const failed = run(2, 0, { status: 'failed', wallMs: null, computeMs: null, error: 'Worker 2 failed while counting: boom' });

  it('keeps the same array when a run stopped or failed, so the analysis drawn from it is not redrawn', () => {
    const before = finishedRuns([], done);
    expect(before).toEqual(done);
    expect(finishedRuns(before, [...done, stopped])).toBe(before);
    expect(finishedRuns(before, [...done, stopped, failed])).toBe(before);
  });

  it('changes when a run that went well comes or goes (a finished run, Clear, runs restored)', () => {
    const before = finishedRuns([], done);
    const third = run(4, 900);
    expect(finishedRuns(before, [...done, stopped, third])).toEqual([...done, third]);
    expect(finishedRuns(before, [])).toEqual([]);
    expect(finishedRuns(before, [run(1, 3000), ...done])).toHaveLength(3);
    // The same count of other records (restored runs merged in) is news too.
    expect(finishedRuns(before, [done[0], third])).toEqual([done[0], third]);
  });

  it('loses nothing the analysis reads: the analysis of every run and of the finished ones is the same', () => {
    const runs = [run(1, 3000), stopped, run(2, 1560), failed, run(4, 900, { predictionMs: 800 }), run(2, 0, { status: 'stopped', wallMs: null, computeMs: null, predictionMs: 5 })];
    expect(analyze(finishedRuns([], runs), context)).toEqual(analyze(runs, context));
  });
});
