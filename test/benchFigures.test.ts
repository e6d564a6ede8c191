import { describe, expect, it } from 'vitest';
import { fixedCostOf, interleavedOrder, measureFixedCost } from '../bench/fixedCost';
import { nsOfLoopOutput } from '../bench/native';
import { nativeSpeedUp, pairExcess, targetGap, targetGapLine, targetLine } from '../bench/target';
import { threadShares, windowedShares, windowsRange } from '../bench/threadShares';
import type { ThreadSample } from '../bench/threadCpu';
import { workerStartFigures, workerStartLine } from '../bench/workerStart';

// The bench's pure helpers: the one fixed-cost method, the target's figures, the per-thread shares.

describe('the fixed cost of a run', () => {
  it('starts each round at a different total, every total once a round', () => {
    expect(interleavedOrder(4, 5)).toEqual([
      [0, 1, 2, 3],
      [1, 2, 3, 0],
      [2, 3, 0, 1],
      [3, 0, 1, 2],
      [0, 1, 2, 3],
    ]);
  });

  it('reads the milliseconds every run pays and the ns per count from a least-squares line', () => {
    // 4 ms every run + 0.25 ns per count, exactly.
    const totals = [1e8, 3e8, 1e9, 4e9];
    const figures = fixedCostOf(
      totals,
      totals.map((total) => [4 + total * 0.25e-6, 4 + total * 0.25e-6]),
    );
    expect(figures.fixedMs).toBeCloseTo(4, 9);
    expect(figures.slopeNs).toBeCloseTo(0.25, 9);
    expect(figures.nsPerCount[0]).toBeCloseTo(0.29, 9);
    expect(figures.spread).toBeCloseTo(0.29 / 0.251 - 1, 9);
    expect(figures.rounds).toBe(2);
    expect(figures.roundFixedMs.map((ms) => Number(ms.toFixed(9)))).toEqual([4, 4]);
  });

  it('reads each round’s own fixed cost from its smallest and largest total, so one slow run at 1e9 leaves the median alone', () => {
    const totals = [1e8, 3e8, 1e9, 4e9];
    const ms = (total: number, round: number) => 3 + total * 0.25e-6 + (total === 1e9 && round === 0 ? 40 : 0);
    const figures = fixedCostOf(
      totals,
      totals.map((total) => [0, 1, 2].map((round) => ms(total, round))),
    );
    expect(figures.medianFixedMs).toBeCloseTo(3, 9);
    // The least-squares intercept moves by 40 ms × its weight on a 1e9 run.
    expect(figures.fixedMs).toBeGreaterThan(6);
  });

  it('warms the page with three short runs, then measures every total in interleaved rounds', async () => {
    const asked: number[] = [];
    const figures = await measureFixedCost(
      (total) => {
        asked.push(total);
        return Promise.resolve(2 + total * 0.3e-6);
      },
      { scale: 1, rounds: 2 },
    );
    expect(asked).toEqual([1e8, 1e8, 1e8, 1e8, 3e8, 1e9, 4e9, 3e8, 1e9, 4e9, 1e8]);
    expect(figures.computeMs.map((times) => times.length)).toEqual([2, 2, 2, 2]);
    expect(figures.fixedMs).toBeCloseTo(2, 9);
  });
});

describe('the target, side by side', () => {
  it('takes the native speed-up from the median wall-clock times, process start included', () => {
    const native = nativeSpeedUp(
      1e10,
      2,
      [
        { wallMs: 1300, nsEach: [0.13] },
        { wallMs: 1400, nsEach: [0.14] },
        { wallMs: 1320, nsEach: [0.132] },
      ],
      [
        { wallMs: 700, nsEach: [0.139, 0.14] },
        { wallMs: 690, nsEach: [0.137, 0.138] },
        { wallMs: 800, nsEach: [0.16, 0.15] },
      ],
    );
    expect(native.speedUp).toBeCloseTo(1320 / 700, 9);
    expect(native.aloneNs).toBe(0.132);
    expect(native.eachNs).toBeCloseTo(0.1395, 9);
  });

  it('passes at 0.97 × native and fails below', () => {
    expect(targetLine(2, 1.843, 1.9)).toBe('Speed-up at k = 2, app ÷ native: 1.84 ÷ 1.90 = 0.970 (target ≥ 0.97 × native) PASS');
    expect(targetLine(2, 1.84, 1.9)).toMatch(/= 0\.968 \(target ≥ 0\.97 × native\) FAIL$/);
  });

  it('states how much more each of two counting at once pays per count', () => {
    expect(pairExcess(0.262, 0.305)).toBeCloseTo(0.1641, 3);
  });

  it('splits the gap to native between the workers’ start-up and the counting, the parts adding up to it', () => {
    // 1 worker 28 + 3000 ms, 2 workers 41 + 1610 ms; native 1.98×.
    const app = 3028 / 1651;
    const compute = 3000 / 1610;
    const gap = targetGap(app, compute, 1.98);
    expect(gap.startup + gap.counting).toBeCloseTo(1 - app / 1.98, 12);
    expect(gap.startup).toBeCloseTo((1.8634 - 1.8340) / 1.98, 3);
    expect(gap.counting).toBeCloseTo(1 - 1.8634 / 1.98, 3);
    expect(targetGapLine(app, compute, 1.98)).toBe(
      "Of the gap to native (0.074): the workers' start-up 0.015, the counting 0.059 (compute time alone: 1.86×, 0.941 × native)",
    );
    // An app faster than native on compute leaves a negative counting part, said as it is.
    expect(targetGapLine(1.9, 2, 1.95)).toMatch(/the counting -0\.026 /);
  });

  it('reads the native loop’s line and refuses a wrong count', () => {
    expect(nsOfLoopOutput('500000000 0.1310\n', 5e8)).toBe(0.131);
    expect(() => nsOfLoopOutput('499999999 0.1310\n', 5e8)).toThrow(/counted 499999999/);
  });
});

describe('CPU per thread while workers count', () => {
  const sample = (pid: number, tid: number, thread: string, cpuNs: number): ThreadSample => ({ pid, tid, processKind: 'renderer', thread, cpuNs });
  // Browser 10 → renderer 11 (main thread 11, two workers, a compositor); another browser 20 → renderer 21 with a busy worker of its own.
  const parents = new Map([
    [10, 1],
    [11, 10],
    [20, 1],
    [21, 20],
  ]);
  const before = [sample(10, 10, 'chromium', 0), sample(11, 12, 'DedicatedWorker', 0), sample(11, 11, 'chromium', 0), sample(11, 13, 'DedicatedWorker', 0), sample(11, 14, 'Compositor', 0), sample(21, 22, 'DedicatedWorker', 0)];
  const after = [
    sample(10, 10, 'chromium', 20e6),
    sample(11, 12, 'DedicatedWorker', 960e6),
    sample(11, 11, 'chromium', 30e6),
    sample(11, 13, 'DedicatedWorker', 950e6),
    sample(11, 14, 'Compositor', 10e6),
    sample(21, 22, 'DedicatedWorker', 900e6),
    // The other browser's page: left out.
    sample(21, 21, 'chromium', 50e6),
    // A thread that started during the span counts from zero.
    sample(10, 15, 'ThreadPoolForeg', 5e6),
  ];

  it('gives the page’s main thread, every other thread of the same browser, and each worker, in % of a core', () => {
    const shares = threadShares(before, after, 1000, 2, parents);
    expect(shares).not.toBeNull();
    expect(shares?.mainPct).toBeCloseTo(3, 9);
    expect(shares?.nonWorkerPct).toBeCloseTo(6.5, 9);
    expect(shares?.workersPct).toEqual([96, 95]);
    expect(shares?.workerThreads).toEqual(['DedicatedWorker']);
  });

  it('over consecutive windows, gives the whole span’s shares and the page’s main thread in each window', () => {
    // A third snapshot 1 s after `after`: the main thread took 10 ms more, each worker 980 ms more.
    const later = after.map((thread) => ({ ...thread, cpuNs: thread.cpuNs + (thread.tid === 11 ? 10e6 : thread.thread === 'DedicatedWorker' ? 980e6 : 0) }));
    const shares = windowedShares(
      [
        { atMs: 0, samples: before },
        { atMs: 1000, samples: after },
        { atMs: 2000, samples: later },
      ],
      2,
      parents,
    );
    expect(shares?.spanMs).toBe(2000);
    // 40 ms of the main thread in 2 s: 2% over all, 3% then 1% window by window.
    expect(shares?.mainPct).toBeCloseTo(2, 9);
    expect(shares?.mainPctByWindow.map((pct) => (pct === null ? null : Number(pct.toFixed(9))))).toEqual([3, 1]);
    expect(shares && windowsRange(shares)).toBe('1.00–3.00');
    // A window in which no worker was seen has no reading, and is no 0 in the range.
    const noWorker = after.filter((thread) => thread.thread !== 'DedicatedWorker');
    const gap = windowedShares(
      [
        { atMs: 0, samples: before },
        { atMs: 1000, samples: noWorker },
        { atMs: 2000, samples: later },
      ],
      2,
      parents,
    );
    expect(gap?.mainPctByWindow[0]).toBeNull();
    // The second window: the main thread's 10 ms more in 1 s.
    expect(gap && windowsRange(gap)).toBe('1.00–1.00');
    expect(shares?.workersPct).toEqual([97, 96.5]);
    expect(() => windowedShares([{ atMs: 0, samples: before }], 2, parents)).toThrow(/two snapshots/);
  });

  it('is null when no worker thread ran', () => {
    const noWorker = (samples: ThreadSample[]) => samples.filter((thread) => thread.thread !== 'DedicatedWorker');
    expect(threadShares(noWorker(before), noWorker(after), 1000, 2, parents)).toBeNull();
  });
});

describe('a counting worker started from the idle page', () => {
  const starts = {
    script: 'http://127.0.0.1:4174/assets/counter.worker-BYYkRlnb.js',
    one: [
      { answeredMs: 21, readyMs: 33 },
      { answeredMs: 19, readyMs: 30 },
      { answeredMs: 25, readyMs: 41 },
    ],
    two: [
      { answeredMs: 37, readyMs: 55 },
      { answeredMs: 39, readyMs: 60 },
    ],
  };

  it('takes the median of each kind of start, one worker and the last of two', () => {
    expect(workerStartFigures(starts)).toEqual({ answeredOneMs: 21, answeredTwoMs: 38, readyOneMs: 33, readyTwoMs: 57.5 });
  });

  it('has no figure where nothing was started', () => {
    const none = workerStartFigures({ script: starts.script, one: [], two: [] });
    expect(Object.values(none).every(Number.isNaN)).toBe(true);
  });

  it('says what the warm-up takes and how a run\'s Start-up differs from the idle page\'s start', () => {
    const line = workerStartLine(workerStartFigures(starts), { oneMs: 45, twoMs: 70 });
    expect(line).toContain('its script answers after 21.0 ms (2 at once: 38.0)');
    expect(line).toContain('ready with a loop of its own warmed up after 33.0 ms (2: 57.5)');
    expect(line).toContain('the warm-up takes 12.0 ms');
    expect(line).toContain('+12.0 ms against the idle page (2: +12.5)');
    // A run that started sooner than the idle page's median says so with its sign.
    expect(workerStartLine(workerStartFigures(starts), { oneMs: 30, twoMs: 70 })).toContain('−3.0 ms against the idle page (2: +12.5)');
  });
});
