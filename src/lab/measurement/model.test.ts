import { describe, expect, it } from 'vitest';
import { fitModel, fitModelWithCores, idealSpeedUp, idealWallMs, kneeWorkers, lanesAtOnce, predictWallMs, type TimeModel } from './model';

/** A repeatable pseudo-random number in [−1, 1) for each worker count. */
function jitter(workers: number): number {
  const value = Math.sin(workers * 12.9898) * 43758.5453;
  return (value - Math.floor(value)) * 2 - 1;
}

/** A machine with known parameters: its wall-clock times for k = 1 … 8, each off by up to ±noise. */
function measure(truth: Omit<TimeModel, 'rmsMs'>, noise = 0): Array<{ workers: number; wallMs: number }> {
  return Array.from({ length: 8 }, (_, index) => {
    const workers = index + 1;
    return { workers, wallMs: predictWallMs(truth, workers) * (1 + noise * jitter(workers)) };
  });
}

describe('the time model', () => {
  const truth = { serialMs: 20, perWorkerMs: 15, workMs: 2500, cores: 4, scaling: 'strong' as const, atOnce: 'up-to-cores' as const };

  it('predicts start-up growing with k and work shared by the cores', () => {
    expect(predictWallMs(truth, 1)).toBe(20 + 15 + 2500);
    expect(predictWallMs(truth, 4)).toBe(20 + 60 + 625);
    expect(predictWallMs(truth, 8)).toBe(20 + 120 + 625);
    expect(predictWallMs({ ...truth, scaling: 'weak' }, 8)).toBe(20 + 120 + 5000);
  });

  it('recovers known parameters exactly from exact data', () => {
    const model = fitModelWithCores(measure(truth), 4, 'strong');
    expect(model).not.toBeNull();
    expect(model?.serialMs).toBeCloseTo(20, 6);
    expect(model?.perWorkerMs).toBeCloseTo(15, 6);
    expect(model?.workMs).toBeCloseTo(2500, 6);
    expect(model?.rmsMs).toBeCloseTo(0, 6);
  });

  it('finds the cores and recovers the parameters within 10% from data with 2% noise', () => {
    const model = fitModel(measure(truth, 0.02), 'strong');
    expect(model?.cores).toBe(4);
    expect(model?.workMs).toBeGreaterThan(2500 * 0.9);
    expect(model?.workMs).toBeLessThan(2500 * 1.1);
    // The per-worker cost is small beside the work: within 10 ms.
    expect(Math.abs((model?.perWorkerMs ?? 0) - 15)).toBeLessThan(10);
  });

  it('finds 2 cores on a 2-core machine, also for weak scaling', () => {
    const two = { serialMs: 5, perWorkerMs: 12, workMs: 3000, cores: 2, scaling: 'weak' as const, atOnce: 'up-to-cores' as const };
    const model = fitModel(measure(two, 0.01), 'weak');
    expect(model?.cores).toBe(2);
    expect(model?.workMs).toBeGreaterThan(3000 * 0.95);
    expect(model?.workMs).toBeLessThan(3000 * 1.05);
  });

  it('never makes a part negative: a pooled sweep that flattens past the cores costs 0 ms per worker, not less', () => {
    // Medians of a pooled sweep measured here (2 cores): unconstrained least squares gave −5 ms per worker.
    const medians = [2537, 1394, 1387, 1336, 1375, 1348, 1354, 1341];
    const model = fitModel(
      medians.map((wallMs, index) => ({ workers: index + 1, wallMs })),
      'strong',
    );
    expect(model?.cores).toBe(2);
    expect(model?.perWorkerMs).toBe(0);
    expect(model?.serialMs).toBeGreaterThanOrEqual(0);
    expect(model?.workMs).toBeGreaterThan(2000);
    // Holding the per-worker cost at 0 still fits these medians well.
    expect(model?.rmsMs).toBeLessThan(40);
  });

  // On one core the work cannot be told apart from the fixed part (split total) or the per-worker part (same count each).
  it.each([
    { truth: { serialMs: 20, perWorkerMs: 15, workMs: 2500 }, scaling: 'strong' as const, fitted: [0, 15, 2520] },
    { truth: { serialMs: 5, perWorkerMs: 12, workMs: 300 }, scaling: 'weak' as const, fitted: [5, 0, 312] },
  ])('finds 1 core on a 1-core machine ($scaling), and counts what cannot be told from the work as work', ({ truth, scaling, fitted }) => {
    const model = fitModel(measure({ ...truth, cores: 1, scaling, atOnce: 'up-to-cores' }), scaling);
    expect(model?.cores).toBe(1);
    expect(model?.serialMs).toBeCloseTo(fitted[0], 6);
    expect(model?.perWorkerMs).toBeCloseTo(fitted[1], 6);
    expect(model?.workMs).toBeCloseTo(fitted[2], 6);
  });

  it('needs three distinct worker counts', () => {
    expect(fitModel([{ workers: 1, wallMs: 100 }, { workers: 2, wallMs: 50 }, { workers: 2, wallMs: 51 }], 'strong')).toBeNull();
  });
});

describe('lanes at once', () => {
  it('are the cores for workers in parallel that count, one under the lock or on the main thread, all for waits', () => {
    expect(lanesAtOnce('parallel', 'cpu')).toBe('up-to-cores');
    expect(lanesAtOnce('lock', 'cpu')).toBe('one');
    expect(lanesAtOnce('main-thread', 'cpu')).toBe('one');
    expect(lanesAtOnce('parallel', 'io')).toBe('all');
    expect(lanesAtOnce('lock', 'io')).toBe('all');
    expect(lanesAtOnce('main-thread', 'io')).toBe('all');
  });

  it('one at a time: the counting is never divided, and the fit names no cores', () => {
    const locked = { serialMs: 0, perWorkerMs: 8, workMs: 1000, cores: 1, scaling: 'strong' as const, atOnce: 'one' as const };
    expect([1, 2, 8].map((k) => predictWallMs(locked, k))).toEqual([1008, 1016, 1064]);
    const model = fitModel(measure(locked), 'strong', 'one');
    expect(model?.atOnce).toBe('one');
    expect(model?.cores).toBe(1);
    expect(model?.perWorkerMs).toBeCloseTo(8, 6);
    expect(model?.workMs).toBeCloseTo(1000, 6);
    // The same count each: k workers take k times as long.
    expect(predictWallMs({ ...locked, scaling: 'weak' }, 4)).toBe(32 + 4000);
  });

  it('all at once: waits are divided by every worker, beyond any cores, and the fit finds them', () => {
    const waits = { serialMs: 30, perWorkerMs: 12, workMs: 800, cores: 1, scaling: 'strong' as const, atOnce: 'all' as const };
    expect(predictWallMs(waits, 8)).toBe(30 + 96 + 100);
    const model = fitModel(measure(waits, 0.01), 'strong', 'all');
    expect(model?.atOnce).toBe('all');
    expect(model?.workMs).toBeGreaterThan(800 * 0.9);
    expect(model?.workMs).toBeLessThan(800 * 1.1);
    // Fitted as if the work were shared by cores, the same points would claim cores the machine may not have.
    expect(fitModel(measure(waits), 'strong')?.cores).toBe(8);
    // The same wait each: the waits take one wait whatever the workers, counted as work.
    const weak = fitModel(measure({ ...waits, scaling: 'weak' }), 'weak', 'all');
    expect(weak?.serialMs).toBe(0);
    expect(weak?.workMs).toBeCloseTo(830, 6);
    expect(weak?.perWorkerMs).toBeCloseTo(12, 6);
  });
});

describe('ideal lines', () => {
  it('grows the speed-up with k up to the cores, then flat', () => {
    expect([1, 2, 3, 4, 8].map((k) => idealSpeedUp(k, 4))).toEqual([1, 2, 3, 4, 4]);
  });
  it('keeps it at 1 for lanes one at a time, and grows it with every wait whatever the cores', () => {
    expect([1, 2, 8].map((k) => idealSpeedUp(k, 2, 'one'))).toEqual([1, 1, 1]);
    expect([1, 2, 8].map((k) => idealSpeedUp(k, 2, 'all'))).toEqual([1, 2, 8]);
    expect([1, 2, 8].map((k) => idealWallMs(k, 2, 800, 'strong', 'one'))).toEqual([800, 800, 800]);
    expect([1, 2, 8].map((k) => idealWallMs(k, 2, 800, 'strong', 'all'))).toEqual([800, 400, 100]);
    expect([1, 2, 8].map((k) => idealWallMs(k, 2, 800, 'weak', 'all'))).toEqual([800, 800, 800]);
  });
  it('halves the time per doubling for strong scaling, keeps it flat for weak, until the cores run out', () => {
    expect([1, 2, 4, 8].map((k) => idealWallMs(k, 4, 800, 'strong'))).toEqual([800, 400, 200, 200]);
    expect([1, 2, 4, 8].map((k) => idealWallMs(k, 4, 800, 'weak'))).toEqual([800, 800, 800, 1600]);
  });
});

describe('kneeWorkers', () => {
  it('is where each further worker adds less than half a core of speed-up', () => {
    expect(kneeWorkers([1, 1.9, 1.8, 1.84].map((speedUp, index) => ({ workers: index + 1, speedUp })))).toBe(2);
    // Four full cores and four hyper-threads that add little.
    const hyper = [1, 1.95, 2.9, 3.8, 3.95, 4.1, 4.2, 4.3];
    expect(kneeWorkers(hyper.map((speedUp, index) => ({ workers: index + 1, speedUp })))).toBe(4);
  });

  it('works on gapped sets such as 1, 2, 4, 8, 16', () => {
    const points = [
      { workers: 1, speedUp: 1 },
      { workers: 2, speedUp: 2 },
      { workers: 4, speedUp: 3.9 },
      { workers: 8, speedUp: 7.5 },
      { workers: 16, speedUp: 7.2 },
    ];
    expect(kneeWorkers(points)).toBe(8);
  });

  it('is the largest count when speed-up never stops growing, and null without two counts', () => {
    expect(kneeWorkers([{ workers: 1, speedUp: 1 }, { workers: 2, speedUp: 2 }])).toBe(2);
    expect(kneeWorkers([{ workers: 1, speedUp: 1 }])).toBeNull();
  });
});
