import { describe, expect, it } from 'vitest';
import { analyze } from './analysis';
import { makeRun as run } from '../../testing/makeRun';

const context = { reportedCores: 2, maxWorkers: 8 };

describe('analyze', () => {
  it('shows nothing but the ideal speed-up before any run finished', () => {
    const analysis = analyze([run(1, 0, { status: 'stopped', wallMs: null })], context);
    expect(analysis.series).toBeNull();
    expect(analysis.dots).toEqual([]);
    expect(analysis.idealSpeedUps.map((point) => point.value)).toEqual([1, 2, 2, 2, 2, 2, 2, 2]);
    expect(analysis.summary[0]).toContain('Run a sweep');
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
    expect(analysis.series).toEqual({ key: 'parallel:cpu:strong:1000000000:fresh', scaling: 'strong', count: 1e9, pooled: false, model: 'parallel', task: 'cpu' });
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
    expect(analysis.summary[0]).toBe('Fastest with 2 workers: 1,100 ms, 1.8× faster than 1.');
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
    expect(analyze(runs, { reportedCores: 2, maxWorkers: 8 }).predictedTime).toEqual([
      { workers: 1, value: 2.5 },
      { workers: 2, value: 1.5 },
    ]);
  });
});

