import { describe, expect, it } from 'vitest';
import {
  asFastAsTheFastest,
  baselineWallMs,
  fitLine,
  isFrozen,
  isReliable,
  karpFlatt,
  median,
  seriesKey,
  speedUp,
  spread,
  startUpPerWorkerMs,
  statsByWorkers,
  unreliableReason,
  unsteadySetting,
  type WorkerStats,
} from './stats';
import { makeRun as run } from '../../testing/makeRun';

describe('fitLine', () => {
  it('finds a fixed cost and a cost per count from exact times', () => {
    const points = [1e8, 3e8, 1e9, 4e9].map((x) => ({ x, y: 1.5 + 0.28e-6 * x }));
    const line = fitLine(points);
    expect(line?.intercept).toBeCloseTo(1.5, 6);
    expect(line?.slope).toBeCloseTo(0.28e-6, 12);
  });

  it('goes through the middle of scattered points', () => {
    const line = fitLine([
      { x: 0, y: 1 },
      { x: 0, y: 3 },
      { x: 2, y: 5 },
      { x: 2, y: 7 },
    ]);
    expect(line).toEqual({ intercept: 2, slope: 2 });
  });

  it('has no line without two different x', () => {
    expect(fitLine([])).toBeNull();
    expect(fitLine([{ x: 1, y: 2 }])).toBeNull();
    expect(fitLine([{ x: 1, y: 2 }, { x: 1, y: 4 }])).toBeNull();
  });
});

describe('median and spread', () => {
  it('takes the middle of an odd number of values, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });
  it('takes the mean of the two middle values of an even number', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is null for no values', () => {
    expect(median([])).toBeNull();
    expect(spread([])).toBeNull();
  });
  it('gives median, least and greatest', () => {
    expect(spread([3, 9, 1, 4])).toEqual({ median: 3.5, min: 1, max: 9 });
  });
});

describe('reliability', () => {
  it('trusts a finished, complete, visible run only, and says why not', () => {
    expect(isReliable(run(1, 100))).toBe(true);
    expect(unreliableReason(run(1, 100, { hiddenDuringRun: true }))).toBe('the tab was hidden');
    expect(unreliableReason(run(1, 100, { counted: 999 }))).toBe('the count did not add up');
    expect(unreliableReason(run(1, 100, { status: 'stopped', wallMs: null }))).toBe('no time');
  });
});

describe('speedUp', () => {
  it('divides the median one-worker time by this run’s', () => {
    const runs = [run(1, 1000), run(1, 1200), run(1, 900), run(2, 500)];
    expect(baselineWallMs(runs, seriesKey(runs[0]))).toBe(1000);
    expect(speedUp(runs[3], runs)).toBe(2);
    expect(speedUp(runs[1], runs)).toBeCloseTo(1000 / 1200, 10);
  });

  it('is blank until there is a one-worker run in the same series', () => {
    const two = run(2, 500);
    expect(speedUp(two, [two])).toBeNull();
    const otherCount = run(1, 1000, { count: 5000, total: 5000, counted: 5000 });
    const pooled = run(1, 1000, { pooled: true });
    const weak = run(1, 1000, { scaling: 'weak' });
    expect(speedUp(two, [two, otherCount, pooled, weak])).toBeNull();
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

  it('scales by the work for weak scaling: k workers doing k times the work in the same time is k times the speed', () => {
    const weak = { scaling: 'weak' as const, total: 2e9, counted: 2e9 };
    const runs = [run(1, 1000, { scaling: 'weak' }), run(2, 1000, weak)];
    expect(speedUp(runs[1], runs)).toBe(2);
  });
});

describe('karpFlatt', () => {
  it('is 0 for a perfect speed-up and 1 for none', () => {
    expect(karpFlatt(4, 4)).toBeCloseTo(0, 12);
    expect(karpFlatt(1, 4)).toBeCloseTo(1, 12);
    expect(karpFlatt(3.7, 4)).toBeCloseTo((1 / 3.7 - 0.25) / 0.75, 12);
  });
  it('is undefined for one worker', () => {
    expect(karpFlatt(1, 1)).toBeNull();
  });
});

describe('statsByWorkers', () => {
  it('gives median, min and max per worker count, and speed-up and efficiency of the median', () => {
    const runs = [
      run(1, 1000, { startupMs: 20 }),
      run(2, 600, { startupMs: 30 }),
      run(1, 1200, { startupMs: 24 }),
      run(2, 500, { startupMs: 26 }),
      run(1, 1100, { startupMs: 22 }),
      run(2, 520, { startupMs: 40 }),
      run(2, 100, { hiddenDuringRun: true }),
      run(2, 90, { count: 7, total: 7, counted: 7 }),
    ];
    const stats = statsByWorkers(runs, seriesKey(runs[0]));
    expect(stats.map((row) => row.workers)).toEqual([1, 2]);
    expect(stats[0]).toMatchObject({ runs: 3, leftOut: 0, wallMs: { median: 1100, min: 1000, max: 1200 }, startupMs: { median: 22, min: 20, max: 24 } });
    expect(stats[1]).toMatchObject({ runs: 3, leftOut: 1, wallMs: { median: 520, min: 500, max: 600 } });
    expect(stats[1].speedUp).toBeCloseTo(1100 / 520, 12);
    expect(stats[1].efficiency).toBeCloseTo(1100 / 520 / 2, 12);
    expect(stats[1].karpFlatt).toBeCloseTo(karpFlatt(1100 / 520, 2) ?? Number.NaN, 12);
  });

  it('has no speed-up without a one-worker run', () => {
    const runs = [run(2, 500), run(3, 400)];
    expect(statsByWorkers(runs, seriesKey(runs[0])).map((row) => row.speedUp)).toEqual([null, null]);
  });
});

describe('series', () => {
  it('keep frozen main-thread runs apart from normal ones, and freeze means nothing where it does not apply', () => {
    const normal = run(2, 280, { model: 'main-thread' });
    const frozen = run(2, 560, { model: 'main-thread', freeze: true });
    expect(isFrozen(frozen)).toBe(true);
    expect(isFrozen(normal)).toBe(false);
    expect(seriesKey(normal)).toBe('main-thread:cpu:strong:1000000000:page');
    expect(seriesKey(frozen)).toBe('main-thread:cpu:strong:1000000000:frozen-page');
    expect(speedUp(frozen, [normal, run(1, 280, { model: 'main-thread' }), frozen])).toBeNull();
    // A record saying freeze for waiting tasks or workers was not frozen: it stays in its series.
    const waiting = run(2, 500, { model: 'main-thread', task: 'io', freeze: true });
    expect(isFrozen(waiting)).toBe(false);
    expect(seriesKey(waiting)).toBe('main-thread:io:strong:1000000000:page');
    expect(seriesKey(run(2, 500, { freeze: true }))).toBe(seriesKey(run(2, 500)));
  });

  it('keep Python runs apart, and leave every JavaScript key as it was (a run kept from before says no language)', () => {
    const python = run(2, 5000, { language: 'python' });
    expect(seriesKey(run(2, 500))).toBe('parallel:cpu:strong:1000000000:fresh');
    expect(seriesKey(run(2, 500, { language: 'javascript' }))).toBe('parallel:cpu:strong:1000000000:fresh');
    expect(seriesKey(python)).toBe('parallel:cpu:strong:1000000000:fresh:python');
    // A JavaScript one-worker run is no baseline for Python's: 250 ms against 5,000 would be a 0.05× speed-up.
    expect(speedUp(python, [run(1, 250), python])).toBeNull();
    expect(speedUp(python, [run(1, 250), run(1, 10_000, { language: 'python' }), python])).toBe(2);
  });
});

/** A worker count's statistics from its runs' wall-clock times, with this median start-up. */
function statsOf(workers: number, walls: readonly number[], startupMs = 10): WorkerStats {
  const wall = spread(walls) ?? { median: 0, min: 0, max: 0 };
  return {
    workers,
    runs: walls.length,
    leftOut: 0,
    startupMs: { median: startupMs, min: startupMs, max: startupMs },
    computeMs: { median: wall.median - startupMs, min: wall.min - startupMs, max: wall.max - startupMs },
    wallMs: wall,
    speedUp: null,
    efficiency: null,
    karpFlatt: null,
  };
}

describe('asFastAsTheFastest', () => {
  it('puts the fastest first, with every worker count whose spread overlaps it', () => {
    const stats = [statsOf(1, [250, 260]), statsOf(2, [141, 147, 148]), statsOf(3, [150, 151]), statsOf(4, [143, 143, 148])];
    expect(asFastAsTheFastest(stats, 'strong').map((row) => row.workers)).toEqual([4, 2]);
  });

  it('names one where the spreads stand apart, and counts medians within 2% as tied', () => {
    expect(asFastAsTheFastest([statsOf(1, [250]), statsOf(2, [150, 155]), statsOf(4, [141, 146])], 'strong').map((row) => row.workers)).toEqual([4]);
    expect(asFastAsTheFastest([statsOf(1, [2500]), statsOf(2, [1379]), statsOf(4, [1373])], 'strong').map((row) => row.workers)).toEqual([4, 2]);
    expect(asFastAsTheFastest([statsOf(2, [1379]), statsOf(4, [1350])], 'strong').map((row) => row.workers)).toEqual([4]);
    expect(asFastAsTheFastest([], 'strong')).toEqual([]);
  });

  it('ties medians within the fraction it is given', () => {
    const stats = [statsOf(1, [300]), statsOf(2, [340]), statsOf(3, [290])];
    expect(asFastAsTheFastest(stats, 'strong', 0.1).map((row) => row.workers)).toEqual([3, 1]);
    expect(asFastAsTheFastest(stats, 'strong').map((row) => row.workers)).toEqual([3]);
  });

  it('compares work per second for the same count each', () => {
    // 4 workers do twice the work of 2 in 1.5 times the time: faster, beyond the spreads.
    expect(asFastAsTheFastest([statsOf(1, [1000]), statsOf(2, [1000, 1010]), statsOf(4, [1500, 1510])], 'weak').map((row) => row.workers)).toEqual([4]);
  });
});

describe('unsteadySetting', () => {
  it('is the worker count whose runs are furthest apart, beyond 1.25 times', () => {
    expect(unsteadySetting([statsOf(1, [285, 554, 570]), statsOf(2, [300, 400])])?.workers).toBe(1);
    expect(unsteadySetting([statsOf(1, [285, 290]), statsOf(2, [300, 370])])).toBeNull();
    // One run cannot be unsteady.
    expect(unsteadySetting([statsOf(1, [285])])).toBeNull();
  });
});

describe('startUpPerWorkerMs', () => {
  it('is the slope of the measured start-up against the workers', () => {
    expect(startUpPerWorkerMs([statsOf(1, [100], 20), statsOf(2, [100], 35), statsOf(4, [100], 65)])).toBeCloseTo(15, 10);
    expect(startUpPerWorkerMs([statsOf(1, [100], 20)])).toBeNull();
  });
});
