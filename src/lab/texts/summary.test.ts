import { describe, expect, it } from 'vitest';
import type { TimeModel } from '../measurement/model';
import type { WorkerStats } from '../measurement/stats';
import { suggestLargerCount, summarize } from './summary';

function row(workers: number, wallMs: number, speedUp: number | null, karpFlatt: number | null = null): WorkerStats {
  const spread = (value: number) => ({ median: value, min: value, max: value });
  return {
    workers,
    runs: 3,
    leftOut: 0,
    startupMs: spread(20 + 15 * workers),
    computeMs: spread(wallMs - 20 - 15 * workers),
    wallMs: spread(wallMs),
    speedUp,
    efficiency: speedUp === null ? null : speedUp / workers,
    karpFlatt,
  };
}

const model: TimeModel = { serialMs: 20, perWorkerMs: 30, workMs: 3000, cores: 4, rmsMs: 12, scaling: 'strong' };

describe('summarize', () => {
  it('says where it is fastest and what extra workers cost past the cores, with this machine’s numbers', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(4, 810, 3.7, 0.027), row(8, 930, 3.2)];
    expect(summarize({ stats, model, reportedCores: 4, scaling: 'strong' })).toEqual([
      'Fastest with 4 workers: 810 ms, 3.7× faster than 1.',
      'Beyond 4, the number of cores this browser reports, extra workers only add start-up cost: about 30 ms each.',
      'Fitted model: 20 ms + 30 ms per worker + 3,000 ms of counting shared by 4 cores (typical misfit 12 ms).',
      'Serial fraction at 4 workers (Karp–Flatt): 2.7%, the part of the run no extra core speeds up, mostly start-up.',
    ]);
  });

  it('names a knee that differs from the reported cores', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(3, 1580, 1.9), row(4, 1600, 1.88)];
    const sentences = summarize({ stats, model: null, reportedCores: 4, scaling: 'strong' });
    expect(sentences[1]).toBe('Beyond 2 (the browser reports 4 cores), extra workers only add start-up cost.');
  });

  it('gives no start-up cost when workers start in under a millisecond (a pool)', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(3, 1570, 1.91), row(4, 1550, 1.94)];
    const pooled = { ...model, perWorkerMs: 0, cores: 2 };
    expect(summarize({ stats, model: pooled, reportedCores: 2, scaling: 'strong' })[1]).toBe(
      'Beyond 2, the number of cores this browser reports, extra workers add nothing: every core is already busy, and starting one costs under a millisecond.',
    );
    expect(summarize({ stats, model: { ...pooled, scaling: 'weak' }, reportedCores: 2, scaling: 'weak' })[1]).toBe(
      'Beyond 2, the number of cores this browser reports, extra workers share the cores there are, so the time grows with them.',
    );
  });

  it('asks for more workers when speed-up never stopped growing', () => {
    const stats = [row(1, 3000, 1), row(2, 1500, 2)];
    expect(summarize({ stats, model: null, reportedCores: 8, scaling: 'strong' })[1]).toBe(
      'Speed-up still grew at 2 workers: try more workers to find where it stops.',
    );
  });

  it('tells weak scaling as work per second', () => {
    const stats = [row(1, 3000, 1), row(2, 3050, 1.97), row(4, 6100, 1.97)];
    const sentences = summarize({ stats, model: null, reportedCores: 2, scaling: 'weak' });
    expect(sentences[0]).toBe('Most work per second with 2 workers: 2.0× the work of 1 worker in 3,050 ms (ideal: 2.0×).');
    expect(sentences[1]).toContain('Beyond 2, the number of cores this browser reports, extra workers share the cores');
  });

  it('asks for a sweep before there is a curve', () => {
    expect(summarize({ stats: [row(1, 3000, 1)], model: null, reportedCores: 4, scaling: 'strong' })).toEqual([
      'Run a sweep (or runs with 1 worker and with more, at the same count) to see the whole curve explained here.',
    ]);
  });
});

describe('summarize, small counts', () => {
  it('says so when extra workers cost more than they bring', () => {
    const stats = [row(1, 50, 1), row(2, 57, 0.88, 1.27), row(3, 70, 0.71)];
    const sentences = summarize({ stats, model: null, reportedCores: 2, scaling: 'strong' });
    expect(sentences[0]).toBe('Fastest with 1 worker: 50 ms. More workers did not help here.');
    expect(sentences.at(-1)).toBe(
      'At 2 workers, starting the workers (50 ms) took longer than their counting (7 ms), so the speed-up shows start-up more than the cores. Try a larger total count.',
    );
    expect(sentences.filter((sentence) => sentence.includes('Try a larger total count'))).toHaveLength(1);
  });

  it('says the extra workers cost more than they brought when start-up was not the cause', () => {
    const stats = [row(1, 500, 1), row(2, 570, 0.88, 1.27), row(3, 700, 0.71)];
    const sentences = summarize({ stats, model: null, reportedCores: 2, scaling: 'strong' });
    expect(sentences.at(-1)).toBe('At 2 workers the extra workers cost more than they brought: the count is too small to share. Try a larger total count.');
  });

  // Seen in Chromium at 4·10^8: "Fastest with 2 workers: 118 ms, 1.3× faster than 1. Beyond 1 (the browser
  // reports 2 cores), extra workers only add start-up cost: about 14 ms each."
  it('never says extra workers stopped helping before the fastest count, and names start-up as large as the counting', () => {
    const measured = (workers: number, startupMs: number, computeMs: number, speedUp: number): WorkerStats => ({
      ...row(workers, startupMs + computeMs, speedUp),
      startupMs: { median: startupMs, min: startupMs, max: startupMs },
      computeMs: { median: computeMs, min: computeMs, max: computeMs },
    });
    const stats = [measured(1, 40, 113, 1), measured(2, 58, 60, 1.3), measured(3, 75, 61, 1.12), measured(4, 90, 62, 1.0)];
    const sentences = summarize({ stats, model: { ...model, cores: 2, perWorkerMs: 14 }, reportedCores: 2, scaling: 'strong', count: 4e8 });
    expect(sentences[0]).toBe('Fastest with 2 workers: 118 ms, 1.3× faster than 1.');
    expect(sentences[1]).toBe('Beyond 2, the number of cores this browser reports, extra workers only add start-up cost: about 14 ms each.');
    expect(sentences).toContain(
      'At 2 workers, starting the workers (58 ms) took more than half as long as their counting (60 ms), so the speed-up shows start-up more than the cores. Try a larger total count, such as 10 billion.',
    );
  });
});

describe('suggestLargerCount', () => {
  it('suggests a readable count that one worker takes about 3 s to count', () => {
    expect(suggestLargerCount(4e8, 113)).toBe(1e10);
    expect(suggestLargerCount(1e6, 1)).toBe(3e9);
    // Never smaller than twice the count, never past the largest total.
    expect(suggestLargerCount(1e9, 5000)).toBe(2e9);
    expect(suggestLargerCount(5e11, 100)).toBe(1e12);
  });
});

describe('summarize, noise', () => {
  it('counts medians within 2% as equally fast and names the fewest workers', () => {
    const stats = [row(1, 2540, 1), row(2, 1379, 1.84), row(3, 1381, 1.84), row(4, 1373, 1.85)];
    expect(summarize({ stats, model: null, reportedCores: 2, scaling: 'strong' })[0]).toBe('Fastest with 2 workers: 1,379 ms, 1.8× faster than 1.');
  });

  it('says when the model fits poorly', () => {
    const stats = [row(1, 2500, 1), row(2, 1300, 1.92), row(3, 1700, 1.47)];
    const poor = { ...model, cores: 2, rmsMs: 410 };
    expect(summarize({ stats, model: poor, reportedCores: 2, scaling: 'strong' })).toContain(
      'The model fits poorly: the machine was probably busy with something else. Close other programs and repeat the sweep.',
    );
  });
});
