import { describe, expect, it } from 'vitest';
import { makeRun } from '../../testing/makeRun';
import type { Lanes, Timeline } from '../runState';
import type { TimelineEvent } from '../timeline';
import {
  coreShareInWords,
  coreShares,
  coreTurns,
  LEAST_COUNTING_MS_FOR_SHARES,
  LEAST_SHARES_OF_CORES,
  MOST_PLAUSIBLE_SHARE,
  MOST_SHARES_OF_CORES,
  oneWorkerSpeed,
  outnumbersCores,
  type CoreTurnsInput,
} from './coreShare';

describe('outnumbersCores', () => {
  it('holds only for counting workers in parallel beyond the reported cores', () => {
    const parallel = { model: 'parallel', task: 'cpu' } as const;
    expect(outnumbersCores({ ...parallel, workers: 3 }, 2)).toBe(true);
    expect(outnumbersCores({ ...parallel, workers: 8 }, 2)).toBe(true);
    expect(outnumbersCores({ ...parallel, workers: 2 }, 2)).toBe(false);
    expect(outnumbersCores({ ...parallel, workers: 1 }, 2)).toBe(false);
    // Waiting needs no core; under the lock one counts at a time; the main thread is one thread.
    expect(outnumbersCores({ model: 'parallel', task: 'io', workers: 8 }, 2)).toBe(false);
    expect(outnumbersCores({ model: 'lock', task: 'cpu', workers: 8 }, 2)).toBe(false);
    expect(outnumbersCores({ model: 'main-thread', task: 'cpu', workers: 8 }, 2)).toBe(false);
    // No reported cores: the page cannot say.
    expect(outnumbersCores({ ...parallel, workers: 8 }, null)).toBe(false);
  });
});

describe('oneWorkerSpeed', () => {
  it('takes the latest run of one worker alone that counted with the same loop', () => {
    const older = makeRun(1, 310, { kernel: 'wasm', counted: 1e9, computeMs: 300 });
    const latest = makeRun(1, 260, { kernel: 'wasm', counted: 1e9, computeMs: 250 });
    const otherLoop = makeRun(1, 510, { kernel: 'js', counted: 1e9, computeMs: 500 });
    const two = makeRun(2, 160, { kernel: 'wasm', computeMs: 150 });
    expect(oneWorkerSpeed([older, latest, otherLoop, two], 'wasm', 0.3)).toEqual({ countsPerMs: 4e6, runId: latest.id });
    expect(oneWorkerSpeed([older, latest, otherLoop, two], 'js', 0.3)).toEqual({ countsPerMs: 2e6, runId: otherLoop.id });
  });

  it('passes over runs that were not one worker counting alone with the page in front', () => {
    const runs = [
      makeRun(1, 100, { kernel: 'wasm', status: 'stopped', computeMs: null }),
      makeRun(1, 100, { kernel: 'wasm', hiddenDuringRun: true }),
      makeRun(1, 100, { kernel: 'wasm', model: 'lock' }),
      makeRun(1, 100, { kernel: 'wasm', task: 'io', counted: 0 }),
      makeRun(1, 100, { kernel: 'wasm', model: 'main-thread' }),
    ];
    // Then the speed measured as the page opened: 0.25 ns a count is 4 million counts a ms.
    expect(oneWorkerSpeed(runs, 'wasm', 0.25)).toEqual({ countsPerMs: 4e6, runId: null });
  });

  it('knows no speed without such a run or a measured one', () => {
    expect(oneWorkerSpeed([], undefined, null)).toBeNull();
    expect(oneWorkerSpeed([], undefined, 0)).toBeNull();
    expect(oneWorkerSpeed([], undefined, Number.NaN)).toBeNull();
  });
});

describe('coreShares', () => {
  it('is what each counted against its time at one worker’s speed', () => {
    // One worker alone counts 4 million a ms; 8 workers on 2 cores each counted 1e8 in 100 ms: a quarter of a core.
    const shares = coreShares(Array<number>(8).fill(1e8), Array<number>(8).fill(100), 4e6, 2);
    expect(shares).toEqual(Array<number>(8).fill(0.25));
    // 3 workers on 2 cores: half a core, 0.4 and a quarter, 1.15 cores in all.
    expect(coreShares([1e8, 1e8, 1e8], [200, 250, 400], 1e6, 2)).toEqual([0.5, 0.4, 0.25]);
  });

  it('gives none unless every worker counted something for LEAST_COUNTING_MS_FOR_SHARES', () => {
    expect(coreShares([0, 1e8, 1e8], [200, 200, 200], 1e6, 2)).toEqual([null, null, null]);
    expect(coreShares([1e8, 1e8, 1e8], [200, 0, 200], 1e6, 2)).toEqual([null, null, null]);
    expect(coreShares([1e8], [200], 0, 2)).toEqual([null]);
    // 8 workers counting 2·10⁷ on 2 cores: each counted 2.5 million in 20 ms, "about 5% of a core", 40% of a core in all.
    expect(coreShares(Array<number>(8).fill(2.5e6), Array<number>(8).fill(20), 2.5e6, 2)).toEqual(Array<null>(8).fill(null));
    const least = LEAST_COUNTING_MS_FOR_SHARES;
    expect(coreShares([1e8, 1e8, 1e8, 1e8], [least, least, least, least], 2e8 / least, 2)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(coreShares([1e8, 1e8, 1e8, 1e8], [least, least, least, least - 1], 2e8 / least, 2)).toEqual([null, null, null, null]);
  });

  it('gives none unless the shares add up to about the cores the workers could use', () => {
    // 8 workers on 2 cores, each counting long enough: between half and 1.25 times the 2 cores in all.
    const eight = (share: number) => coreShares(Array<number>(8).fill(share * 4e8), Array<number>(8).fill(400), 1e6, 2);
    expect(eight(0.05)).toEqual(Array<null>(8).fill(null));
    expect(eight((LEAST_SHARES_OF_CORES * 2) / 8)).toEqual(Array<number>(8).fill((LEAST_SHARES_OF_CORES * 2) / 8));
    expect(eight((LEAST_SHARES_OF_CORES * 2) / 8 - 0.001)).toEqual(Array<null>(8).fill(null));
    expect(eight((MOST_SHARES_OF_CORES * 2) / 8)).toEqual(Array<number>(8).fill((MOST_SHARES_OF_CORES * 2) / 8));
    expect(eight((MOST_SHARES_OF_CORES * 2) / 8 + 0.001)).toEqual(Array<null>(8).fill(null));
    // 3 workers on 8 reported cores could use 3: a whole core each is 3 cores, not 3/8 times too many.
    expect(coreShares([4e8, 4e8, 4e8], [400, 400, 400], 1e6, 8)).toEqual([1, 1, 1]);
    expect(coreShares([4e8, 4e8, 4e8], [400, 400, 400], 1e6, 1)).toEqual([null, null, null]);
  });

  it('gives none when the one-worker speed cannot hold for the run', () => {
    const ms = 1e9 / 4e6;
    expect(coreShares([1e9, 1e9], [ms / MOST_PLAUSIBLE_SHARE, 1000], 4e6, 2)).toEqual([MOST_PLAUSIBLE_SHARE, 0.25]);
    expect(coreShares([1e9, 1e9], [ms / (MOST_PLAUSIBLE_SHARE + 0.01), 1000], 4e6, 2)).toEqual([null, null]);
  });
});

describe('coreShareInWords', () => {
  it('says the share to the nearest 5%, a whole core at most', () => {
    expect(coreShareInWords(0.25)).toBe('about 25% of a core');
    expect(coreShareInWords(0.2624)).toBe('about 25% of a core');
    expect(coreShareInWords(0.2626)).toBe('about 25% of a core');
    expect(coreShareInWords(0.276)).toBe('about 30% of a core');
    expect(coreShareInWords(2 / 3)).toBe('about 65% of a core');
    expect(coreShareInWords(0.974)).toBe('about 95% of a core');
    expect(coreShareInWords(0.98)).toBe('about a whole core');
    expect(coreShareInWords(1.2)).toBe('about a whole core');
    expect(coreShareInWords(0.02)).toBe('under 5% of a core');
  });

  it('says nothing without a share', () => {
    expect(coreShareInWords(null)).toBeNull();
    expect(coreShareInWords(0)).toBeNull();
    expect(coreShareInWords(Number.NaN)).toBeNull();
  });
});

describe('coreTurns', () => {
  const workers = 4;
  const shares = Array<number>(workers).fill(1e8);
  /** 4 workers from 0, counting from 20 ms; each counted 1e8 and was done 200 ms after it began counting. */
  const events: TimelineEvent[] = [
    ...shares.map((_, lane): TimelineEvent => ({ lane, state: 'starting', atMs: 0 })),
    ...shares.map((_, lane): TimelineEvent => ({ lane, state: 'counting', atMs: 20 })),
    ...shares.map((_, lane): TimelineEvent => ({ lane, state: 'done', atMs: 220 })),
  ];
  const doneLanes: Lanes = { runId: 7, shares, progress: shares, phase: 'done', model: 'parallel' };
  const doneTimeline: Timeline = { runId: 7, startedAtMs: 40_000, lanes: workers, events, nowMs: 220, live: false, warmUp: false, model: 'parallel' };
  const run = { model: 'parallel', task: 'cpu', workers, kernel: 'wasm' } as const;
  const input: CoreTurnsInput = { lanes: doneLanes, timeline: doneTimeline, run, runs: [], reportedCores: 2, calibratedNsPerCount: 0.5 };

  it('after a run that held: each worker’s share of a core, against the speed measured as the page opened', () => {
    // 0.5 ns a count is 2 million a ms; 1e8 in 200 ms is 500,000 a ms: a quarter of a core.
    expect(coreTurns(input)).toEqual({
      workers,
      cores: 2,
      live: false,
      shares: Array<string>(workers).fill('about 25% of a core'),
      speed: { countsPerMs: 2e6, runId: null },
    });
  });

  it('measures against the latest run of one worker alone when there is one', () => {
    const alone = makeRun(1, 110, { kernel: 'wasm', counted: 1e8, computeMs: 100 });
    // One worker alone counted 1e6 a ms: each of the four had half a core.
    expect(coreTurns({ ...input, runs: [alone] })).toMatchObject({ shares: Array<string>(workers).fill('about 50% of a core'), speed: { runId: alone.id } });
  });

  it('while the run goes: the turns, and no share yet', () => {
    const live = { ...input, lanes: { ...doneLanes, phase: 'counting' as const }, timeline: { ...doneTimeline, live: true } };
    expect(coreTurns(live)).toEqual({ workers, cores: 2, live: true, shares: null, speed: null });
    expect(coreTurns({ ...live, lanes: { ...doneLanes, phase: 'starting' } })).toMatchObject({ live: true, shares: null });
  });

  it('after a run that was stopped or failed, or with no speed to measure against: the turns, with no share', () => {
    for (const phase of ['stopped', 'failed'] as const) {
      expect(coreTurns({ ...input, lanes: { ...doneLanes, phase } })).toEqual({ workers, cores: 2, live: false, shares: null, speed: null });
    }
    expect(coreTurns({ ...input, calibratedNsPerCount: null })).toMatchObject({ live: false, shares: null, speed: null });
    // Another run's timeline says nothing of this one's times.
    expect(coreTurns({ ...input, timeline: { ...doneTimeline, runId: 6 } })).toMatchObject({ shares: null });
  });

  it('after a run whose workers counted too briefly: the turns, with no share', () => {
    // Each began counting at 200 ms and was done at 220 ms: 20 ms is mostly the system's first turns.
    const brief = events.map((event) => (event.state === 'counting' ? { ...event, atMs: 200 } : event));
    expect(coreTurns({ ...input, timeline: { ...doneTimeline, events: brief }, calibratedNsPerCount: 0.05 })).toEqual({ workers, cores: 2, live: false, shares: null, speed: null });
  });

  it('is null when the workers do not outnumber the cores, or there is no run', () => {
    expect(coreTurns({ ...input, reportedCores: 4 })).toBeNull();
    expect(coreTurns({ ...input, reportedCores: null })).toBeNull();
    expect(coreTurns({ ...input, run: { ...run, task: 'io' } })).toBeNull();
    expect(coreTurns({ ...input, run: { ...run, model: 'lock' } })).toBeNull();
    expect(coreTurns({ ...input, run: null })).toBeNull();
    expect(coreTurns({ ...input, lanes: null })).toBeNull();
  });
});
