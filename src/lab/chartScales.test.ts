import { describe, expect, it } from 'vitest';
import { makeMachine } from '../testing/makeMachine';
import { chartTopWorkers, costChartTicks, speedUpChartScale, timeChartScale } from './chartScales';
import type { Analysis, WorkerRow } from './measurement/analysis';

const row = (workers: number, medianSeconds: number, [least, greatest]: [number, number], startupSeconds = 0.05): WorkerRow => ({
  workers,
  medianSeconds,
  rangeSeconds: [least, greatest],
  startupSeconds,
  computeSeconds: medianSeconds - startupSeconds,
});

type Drawn = Pick<Analysis, 'dots' | 'unreliableDots' | 'rows' | 'predictedTime'>;
const nothing: Drawn = { dots: [], unreliableDots: [], rows: [], predictedTime: [] };

describe('chartTopWorkers', () => {
  it('is the slider’s top, or a compared machine’s largest worker count beyond it', () => {
    expect(chartTopWorkers(8, [])).toBe(8);
    expect(chartTopWorkers(8, [makeMachine('a', { curve: [{ workers: 1, medianMs: 900 }, { workers: 12, medianMs: 200 }] })])).toBe(12);
    expect(chartTopWorkers(8, [makeMachine('b', { curve: [{ workers: 4, medianMs: 300 }] })])).toBe(8);
  });
});

describe('timeChartScale', () => {
  it('plots each machine’s medians in seconds', () => {
    const machine = makeMachine('a', { curve: [{ workers: 1, medianMs: 1500 }, { workers: 2, medianMs: 800 }] });
    expect(timeChartScale(nothing, [machine]).curves).toEqual([[{ workers: 1, seconds: 1.5 }, { workers: 2, seconds: 0.8 }]]);
  });

  it('reaches above the slowest of whatever it draws: a band’s top, a run dot, a left-out dot, a prediction, another machine', () => {
    const top = (analysis: Partial<Drawn>, machines = [] as ReturnType<typeof makeMachine>[]) => timeChartScale({ ...nothing, ...analysis }, machines).ticks.at(-1);
    expect(top({ rows: [row(1, 2.9, [2.8, 3.1])] })).toBeGreaterThanOrEqual(3.1);
    expect(top({ dots: [{ runId: 1, workers: 1, seconds: 4.2 }] })).toBeGreaterThanOrEqual(4.2);
    expect(top({ unreliableDots: [{ runId: 2, workers: 1, seconds: 7.2 }] })).toBeGreaterThanOrEqual(7.2);
    expect(top({ predictedTime: [{ workers: 2, value: 9.5 }] })).toBeGreaterThanOrEqual(9.5);
    expect(top({}, [makeMachine('slow', { curve: [{ workers: 1, medianMs: 56_700 }] })])).toBeGreaterThanOrEqual(56.7);
  });

  it('starts at 0 in round steps, and has an axis before any run', () => {
    expect(timeChartScale({ ...nothing, rows: [row(1, 2.9, [2.8, 3.1])] }, []).ticks).toEqual([0, 1, 2, 3, 4]);
    expect(timeChartScale(nothing, []).ticks).toEqual([0, 1]);
  });
});

describe('speedUpChartScale', () => {
  it('plots each machine’s speed-ups from its own one-worker time, as its scaling says', () => {
    const strong = makeMachine('s', { curve: [{ workers: 1, medianMs: 1000 }, { workers: 2, medianMs: 500 }] });
    const weak = makeMachine('w', { scaling: 'weak', curve: [{ workers: 1, medianMs: 1000 }, { workers: 2, medianMs: 1000 }] });
    expect(speedUpChartScale({ speedUps: [], idealSpeedUps: [] }, [strong, weak]).curves).toEqual([
      [{ workers: 1, speedUp: 1 }, { workers: 2, speedUp: 2 }],
      [{ workers: 1, speedUp: 1 }, { workers: 2, speedUp: 2 }],
    ]);
  });

  it('reaches at least 1× and above every speed-up, measured, ideal or another machine’s', () => {
    const top = (speedUps: { workers: number; value: number }[], idealSpeedUps: { workers: number; value: number }[], machines = [] as ReturnType<typeof makeMachine>[]) =>
      speedUpChartScale({ speedUps, idealSpeedUps }, machines).ticks.at(-1);
    // A run slower with more workers still has 1× on its axis.
    expect(top([{ workers: 2, value: 0.4 }], [])).toBeGreaterThanOrEqual(1);
    expect(top([{ workers: 4, value: 3.6 }], [{ workers: 4, value: 2 }])).toBeGreaterThanOrEqual(3.6);
    expect(top([{ workers: 2, value: 1.9 }], [{ workers: 4, value: 4 }])).toBeGreaterThanOrEqual(4);
    const eightfold = makeMachine('big', { curve: [{ workers: 1, medianMs: 8000 }, { workers: 8, medianMs: 1000 }] });
    expect(top([{ workers: 2, value: 1.9 }], [], [eightfold])).toBeGreaterThanOrEqual(8);
  });
});

describe('costChartTicks', () => {
  it('reaches above the tallest bar, start-up stacked on compute', () => {
    // Start-up 2 s on 2.5 s of compute: a bar of 4.5 s, above its own median wall-clock band.
    const slowStart: WorkerRow = { workers: 8, medianSeconds: 3, rangeSeconds: [2.9, 3.1], startupSeconds: 2, computeSeconds: 2.5 };
    const ticks = costChartTicks({ rows: [row(1, 2.9, [2.8, 3.1]), slowStart] });
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(4.5);
    expect(ticks.at(-1)).toBeLessThan(6);
  });
});
