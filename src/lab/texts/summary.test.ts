import { describe, expect, it } from 'vitest';
import type { TimeModel } from '../measurement/model';
import type { WorkerStats } from '../measurement/stats';
import { PYTHON_SENTENCE, spreadInWords, suggestLargerCount, summarize, type SummaryInput } from './summary';

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

const model: TimeModel = { serialMs: 20, perWorkerMs: 30, workMs: 3000, cores: 4, rmsMs: 12, scaling: 'strong', atOnce: 'up-to-cores' };

type Case = Omit<SummaryInput, 'fit' | 'kind' | 'atOnce' | 'reportedCores'> & { model: TimeModel | null } & Partial<Pick<SummaryInput, 'kind' | 'atOnce' | 'reportedCores'>>;

/** The summary of workers in parallel that count (the lesson's first half), on cores the browser reports, unless the case says otherwise. */
function say({ model: fit, kind = { model: 'parallel', task: 'cpu', frozen: false }, atOnce = 'up-to-cores', cores, reportedCores = cores, ...rest }: Case): string[] {
  return summarize({ ...rest, cores, reportedCores, fit, kind, atOnce });
}

describe('summarize, a Python series', () => {
  it('names Python after the winner, and nothing else changes', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(4, 810, 3.7, 0.027), row(8, 930, 3.2)];
    const javascript = say({ stats, model, cores: 4, scaling: 'strong' });
    const python = say({ stats, model, cores: 4, scaling: 'strong', kind: { model: 'parallel', task: 'cpu', frozen: false, language: 'python' } });
    expect(python).toEqual([javascript[0], PYTHON_SENTENCE, ...javascript.slice(1)]);
    expect(javascript.join(' ')).not.toContain('Python');
  });
});

describe('summarize', () => {
  it('says where it is fastest and what extra workers cost past the cores, with this machine’s numbers', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(4, 810, 3.7, 0.027), row(8, 930, 3.2)];
    expect(say({ stats, model, cores: 4, scaling: 'strong' })).toEqual([
      'Fastest with 4 workers: 810 ms, 3.7× faster than 1.',
      'Beyond 4, the number of cores this browser reports, extra workers only add start-up cost: about 30 ms each.',
      'Fitted model: 20 ms + 30 ms per worker + 3,000 ms of counting shared by 4 cores (typical misfit 12 ms).',
      'Serial fraction at 4 workers (Karp–Flatt): 2.7%, the part of the run no extra core speeds up, mostly start-up.',
    ]);
  });

  // Issue 15: with no fit to agree with the measured start-up, no start-up cost is claimed.
  it('names a knee that differs from the reported cores', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(3, 1580, 1.9), row(4, 1600, 1.88)];
    const sentences = say({ stats, model: null, cores: 4, scaling: 'strong' });
    expect(sentences[1]).toBe('Beyond 2 (the browser reports 4 cores), extra workers did not make it faster: every core was already busy.');
  });

  // Review of issue 15: with no navigator.hardwareConcurrency the page plans for 4 cores it assumed, and no sentence says the browser reported them.
  it('says the cores were assumed, never reported, when the browser reports none', () => {
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(3, 1580, 1.9), row(4, 1600, 1.88)];
    const apart = say({ stats, model: null, cores: 4, reportedCores: null, scaling: 'strong' });
    expect(apart[1]).toBe('Beyond 2 (the browser reports no core count; 4 assumed), extra workers did not make it faster: every core was already busy.');
    const atTheCores = [row(1, 3000, 1), row(2, 1560, 1.92), row(4, 810, 3.7), row(8, 930, 3.2)];
    const sentences = say({ stats: atTheCores, model: null, cores: 4, reportedCores: null, scaling: 'strong' });
    expect(sentences[1]).toBe('Beyond 4 (the browser reports no core count; 4 assumed), extra workers did not make it faster: every core was already busy.');
    expect([...apart, ...sentences].join(' ')).not.toMatch(/reports 4|cores this browser reports/);
  });

  it('gives no start-up cost when workers start in under a millisecond (a pool), as fit and measured', () => {
    const startingFree = (stats: WorkerStats) => ({ ...stats, startupMs: { median: 0.3 + 0.1 * stats.workers, min: 0.3, max: 0.8 } });
    const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(3, 1570, 1.91), row(4, 1550, 1.94)].map(startingFree);
    const pooled = { ...model, perWorkerMs: 0, cores: 2 };
    expect(say({ stats, model: pooled, cores: 2, scaling: 'strong' })[1]).toBe(
      'Beyond 2, the number of cores this browser reports, extra workers add nothing: every core is already busy, and starting one costs under a millisecond.',
    );
    expect(say({ stats, model: { ...pooled, scaling: 'weak' }, cores: 2, scaling: 'weak' })[1]).toBe(
      'Beyond 2, the number of cores this browser reports, extra workers share the cores there are, so the time grows with them.',
    );
  });

  it('asks for more workers when speed-up never stopped growing', () => {
    const stats = [row(1, 3000, 1), row(2, 1500, 2)];
    expect(say({ stats, model: null, cores: 8, scaling: 'strong' })[1]).toBe(
      'Speed-up still grew at 2 workers: try more workers to find where it stops.',
    );
  });

  it('tells weak scaling as work per second', () => {
    // 4 workers a little slower than 2 (in the spirit, a tie would not name one).
    const stats = [row(1, 3000, 1), row(2, 3050, 1.97), row(4, 6300, 1.9)];
    const sentences = say({ stats, model: null, cores: 2, scaling: 'weak' });
    expect(sentences[0]).toBe('Most work per second with 2 workers: 2.0× the work of 1 worker in 3,050 ms (ideal: 2.0×).');
    expect(sentences[1]).toContain('Beyond 2, the number of cores this browser reports, extra workers share the cores');
  });

  it('asks for a sweep before there is a curve', () => {
    expect(say({ stats: [row(1, 3000, 1)], model: null, cores: 4, scaling: 'strong' })).toEqual([
      'Run a sweep (or runs with 1 worker and with more, at the same count) to see the whole curve explained here.',
    ]);
  });
});

describe('summarize, small counts', () => {
  it('says so when extra workers cost more than they bring', () => {
    const stats = [row(1, 50, 1), row(2, 57, 0.88, 1.27), row(3, 70, 0.71)];
    const sentences = say({ stats, model: null, cores: 2, scaling: 'strong' });
    expect(sentences[0]).toBe('Fastest with 1 worker: 50 ms. More workers did not help here.');
    expect(sentences.at(-1)).toBe(
      'At 2 workers, starting the workers (50 ms) took longer than their counting (7 ms), so the speed-up shows start-up more than the cores. Try a larger total count.',
    );
    expect(sentences.filter((sentence) => sentence.includes('Try a larger total count'))).toHaveLength(1);
  });

  it('says the extra workers cost more than they brought when start-up was not the cause', () => {
    const stats = [row(1, 500, 1), row(2, 570, 0.88, 1.27), row(3, 700, 0.71)];
    const sentences = say({ stats, model: null, cores: 2, scaling: 'strong' });
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
    const sentences = say({ stats, model: { ...model, cores: 2, perWorkerMs: 14 }, cores: 2, scaling: 'strong', count: 4e8 });
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
  // Issue 15: "Fastest with k" only beyond the noise; medians within 2% are as fast as each other.
  it('counts medians within 2% as equally fast and names them all', () => {
    const stats = [row(1, 2540, 1), row(2, 1379, 1.84), row(3, 1381, 1.84), row(4, 1373, 1.85)];
    expect(say({ stats, model: null, cores: 2, scaling: 'strong' })[0]).toBe(
      '2, 3 and 4 workers were as fast as each other within the spread of their runs (2 workers: 1,379 ms; 3 workers: 1,381 ms; 4 workers: 1,373 ms), up to 1.9× faster than 1.',
    );
  });

  // Issue 15: a poor fit alone does not say the machine was busy.
  it('says when the model fits poorly, and not that the machine was busy when every setting held steady', () => {
    const stats = [row(1, 2500, 1), row(2, 1300, 1.92), row(3, 1700, 1.47)];
    const poor = { ...model, cores: 2, rmsMs: 410 };
    const sentences = say({ stats, model: poor, cores: 2, scaling: 'strong' });
    expect(sentences).toContain('The model fits poorly here: read the measured medians rather than its line.');
    expect(sentences.join(' ')).not.toContain('busy with something else');
    expect(say({ stats, model: { ...poor, rmsMs: 100 }, cores: 2, scaling: 'strong' }).join(' ')).not.toContain('fits poorly');
  });
});

/** A worker count's statistics from its runs' wall-clock times (ms), with this start-up (ms) each run. */
function runsOf(workers: number, walls: readonly number[], speedUp: number | null, startupMs = 20 + 15 * workers): WorkerStats {
  const sorted = [...walls].sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)];
  return {
    ...row(workers, middle, speedUp),
    runs: walls.length,
    wallMs: { median: middle, min: sorted[0], max: sorted[sorted.length - 1] },
    startupMs: { median: startupMs, min: startupMs, max: startupMs },
    computeMs: { median: middle - startupMs, min: sorted[0] - startupMs, max: sorted[sorted.length - 1] - startupMs },
  };
}

describe('summarize, winners beyond the noise', () => {
  // Seen with pooled workers: "Fastest with 4 workers: 143 ms" while 2 workers took 141–148 ms against 143–148 ms.
  it('names no fastest where the spreads overlap, and says which were as fast as each other', () => {
    const stats = [runsOf(1, [250, 252, 260], 1), runsOf(2, [141, 147, 148], 1.71), runsOf(4, [143, 143, 148], 1.76)];
    expect(say({ stats, model: null, cores: 2, scaling: 'strong' })[0]).toBe(
      '2 and 4 workers were as fast as each other within the spread of their runs (2 workers: 141–148 ms; 4 workers: 143–148 ms), up to 1.8× faster than 1.',
    );
  });

  it('names the fastest where its spread stands apart from the next best', () => {
    const stats = [runsOf(1, [250, 252, 260], 1), runsOf(2, [150, 152, 155], 1.66), runsOf(4, [141, 143, 146], 1.76)];
    expect(say({ stats, model: null, cores: 2, scaling: 'strong' })[0]).toBe('Fastest with 4 workers: 143 ms, 1.8× faster than 1.');
  });

  it('says more workers did not help when one worker is among the fastest, and gives one range for many', () => {
    const stats = [runsOf(1, [1000, 1010], 1), runsOf(2, [995, 1020], 1), runsOf(3, [1005, 1030], 0.99), runsOf(4, [1002, 1025], 0.99)];
    expect(say({ stats, model: null, cores: 2, scaling: 'strong' })[0]).toBe(
      '1, 2, 3 and 4 workers were as fast as each other within the spread of their runs (995–1,030 ms). More workers did not help here.',
    );
  });

  it('writes a spread as one time where the runs agree', () => {
    expect(spreadInWords({ median: 5, min: 5, max: 5.2 })).toBe('5 ms');
    expect(spreadInWords({ median: 12_000, min: 9500, max: 12_100 })).toBe('9,500 ms – 12.1 s');
  });
});

describe('summarize, the machine was busy', () => {
  // Seen on the main thread: runs at one worker count of 285 and 554–570 ms (a frozen run among normal ones).
  it('says so only when the runs at one setting are far apart', () => {
    const stats = [runsOf(1, [1000, 1010], 1), runsOf(2, [560, 570, 720], 1.8), runsOf(3, [540, 545], 1.85)];
    expect(say({ stats, model: null, cores: 2, scaling: 'strong' })).toContain(
      'The runs with 2 workers took 560–720 ms, 1.3× apart: the machine was probably busy with something else. Close other programs and repeat the sweep.',
    );
    const steady = [runsOf(1, [1000, 1010], 1), runsOf(2, [560, 570, 690], 1.8), runsOf(3, [540, 545], 1.85)];
    expect(say({ stats: steady, model: null, cores: 2, scaling: 'strong' }).join(' ')).not.toContain('busy');
  });
});

describe('summarize, start-up only where the fit and the measured start-up agree', () => {
  // Row start-ups grow by 15 ms a worker; the fit's cost per worker is varied.
  const stats = [row(1, 3000, 1), row(2, 1560, 1.92), row(4, 810, 3.7, 0.027), row(8, 930, 3.2)];

  it('gives the cost each and "mostly start-up" within a factor of 2, and neither beyond it', () => {
    const agreeing = say({ stats, model: { ...model, perWorkerMs: 25 }, cores: 4, scaling: 'strong' });
    expect(agreeing[1]).toBe('Beyond 4, the number of cores this browser reports, extra workers only add start-up cost: about 25 ms each.');
    expect(agreeing.at(-1)).toMatch(/, mostly start-up\.$/);
    const apart = say({ stats, model: { ...model, perWorkerMs: 40 }, cores: 4, scaling: 'strong' });
    expect(apart[1]).toBe('Beyond 4, the number of cores this browser reports, extra workers did not make it faster: every core was already busy.');
    expect(apart.at(-1)).toBe('Serial fraction at 4 workers (Karp–Flatt): 2.7%, the part of the run no extra core speeds up.');
  });

  it('says "mostly start-up" only when start-up is most of the serial part', () => {
    // 27% serial of 3,000 ms is 810 ms, of which 80 ms of start-up is not most.
    const large = [row(1, 3000, 1), row(2, 1560, 1.92), row(4, 1500, 2, 0.27), row(8, 1600, 1.9)];
    expect(say({ stats: large, model: { ...model, perWorkerMs: 15 }, cores: 4, scaling: 'strong' }).at(-1)).toBe(
      'Serial fraction at 4 workers (Karp–Flatt): 27%, the part of the run no extra core speeds up.',
    );
  });

  it('never calls starting free when the measured start-up says otherwise', () => {
    const sentences = say({ stats, model: { ...model, perWorkerMs: 0.2 }, cores: 4, scaling: 'strong' });
    expect(sentences.join(' ')).not.toContain('under a millisecond');
  });
});

const lock = { model: 'lock', task: 'cpu', frozen: false } as const;
const mainThread = { model: 'main-thread', task: 'cpu', frozen: false } as const;

/** Sentences no series of one lane at a time or of waits may say. */
const CORES_ONLY = [/start-up cost/, /too small to share/, /Karp–Flatt/, /shared by \d+ cores?/, /Beyond \d/, /still grew/];

describe('summarize, one worker at a time under the lock', () => {
  // Seen: "Beyond 1 (the browser reports 2 cores), extra workers only add start-up cost: about 18 ms each", and "the count is too small to share".
  const stats = [row(1, 1000, 1), row(2, 1040, 0.96, 1.08), row(3, 1150, 0.87)];
  const fit: TimeModel = { serialMs: 0, perWorkerMs: 25, workMs: 980, cores: 1, rmsMs: 5, scaling: 'strong', atOnce: 'one' };

  it('names the lock as the reason, whatever the cores or the count, and claims no cores', () => {
    const sentences = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: lock, atOnce: 'one', count: 1e9 });
    expect(sentences).toEqual([
      'Fastest with 1 worker: 1,000 ms. More workers did not help here.',
      'Under one lock one worker counts at a time, so more workers cannot count faster, whatever the cores or the count: 3 workers took 1,150 ms, 1 worker 1,000 ms.',
      'Fitted model: 25 ms per worker + 980 ms of counting, one worker at a time (typical misfit 5 ms).',
    ]);
  });

  // A few percent of noise under the lock named no fastest count beside "more workers cannot count faster".
  it('names no fastest worker count past 1 among times within 10% of each other, and names one beyond', () => {
    const noisy = [runsOf(1, [300], 1), runsOf(2, [305], 0.98), runsOf(3, [290], 1.03)];
    const sentences = say({ stats: noisy, model: null, cores: 2, scaling: 'strong', kind: lock, atOnce: 'one' });
    expect(sentences[0]).toBe('1, 2 and 3 workers took about as long as each other (1 worker: 300 ms; 2 workers: 305 ms; 3 workers: 290 ms). More workers did not help here.');
    expect(sentences.join(' ')).not.toContain('Fastest');
    // One worker ahead is no noise to hide: the lock's hand-overs cost.
    const apart = [runsOf(1, [300], 1), runsOf(2, [320], 0.94), runsOf(3, [380], 0.79)];
    expect(say({ stats: apart, model: null, cores: 2, scaling: 'strong', kind: lock, atOnce: 'one' })[0]).toBe(
      'Fastest with 1 worker: 300 ms. More workers did not help here.',
    );
    // Workers in parallel keep the narrower tie: 3% apart is a fastest count there.
    expect(say({ stats: noisy, model: null, cores: 2, scaling: 'strong' })[0]).toBe('Fastest with 3 workers: 290 ms, 1.0× faster than 1.');
  });

  // Seen with 10^8 each: "3 workers, each with the same count, did 1.2× the work per second of 1 worker" beside "cannot count faster".
  it('says the counting still took turns where the same count each gained work per second', () => {
    const gained = [row(1, 100, 1), row(2, 170, 1.18), row(3, 250, 1.2)];
    const sentences = say({ stats: gained, model: null, cores: 2, scaling: 'weak', kind: lock, atOnce: 'one' });
    expect(sentences[1]).toBe(
      'Under one lock one worker counts at a time, so more workers cannot count faster, whatever the cores or the count: 3 workers, each with the same count, did 1.2× the work per second of 1 worker. Their counting still took turns: 3 workers counted for 2.8× as long as 1 worker, with 3 times the count; only the rest of the run, done once for all of them, was shared.',
    );
  });

  it('suggests no larger count even when start-up is as long as the counting', () => {
    const small = [row(1, 50, 1), row(2, 80, 0.63, 2.2), row(3, 100, 0.5)];
    const sentences = say({ stats: small, model: null, cores: 2, scaling: 'strong', kind: lock, atOnce: 'one', count: 1e6 }).join(' ');
    for (const wrong of [...CORES_ONLY, /larger total count/]) expect(sentences).not.toMatch(wrong);
  });

  it('tells the same count each as work per second that does not grow', () => {
    const weak = [row(1, 1000, 1), row(2, 2050, 0.98), row(3, 3100, 0.97)];
    const sentences = say({ stats: weak, model: { ...fit, scaling: 'weak', serialMs: 10 }, cores: 2, scaling: 'weak', kind: lock, atOnce: 'one' });
    expect(sentences[1]).toBe(
      'Under one lock one worker counts at a time, so more workers cannot count faster, whatever the cores or the count: 3 workers, each with the same count, did 1.0× the work per second of 1 worker.',
    );
    expect(sentences[2]).toBe('Fitted model: 10 ms + 980 ms of counting for each worker, one at a time (typical misfit 5 ms).');
  });
});

describe('summarize, tasks taking turns on the main thread', () => {
  // Seen: "Fitted model: 266 ms + 0 ms per worker + 47 ms of counting shared by 3 cores", "extra workers only add start-up cost", "mostly start-up".
  const stats = [row(1, 1000, 1), row(2, 1004, 1, 1), row(3, 1010, 0.99)].map((stat) => ({ ...stat, startupMs: { median: 3, min: 3, max: 3 } }));
  const fit: TimeModel = { serialMs: 0, perWorkerMs: 5, workMs: 995, cores: 1, rmsMs: 2, scaling: 'strong', atOnce: 'one' };

  it('says one thread takes turns, with no workers to start, and names tasks, not workers or cores', () => {
    const sentences = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: mainThread, atOnce: 'one', count: 1e9 });
    expect(sentences[0]).toBe('1, 2 and 3 tasks took about as long as each other (1 task: 1,000 ms; 2 tasks: 1,004 ms; 3 tasks: 1,010 ms). More tasks did not help here.');
    expect(sentences[1]).toBe(
      'On the main thread one thread counts every task, in turns, so more tasks cannot count faster, whatever the cores or the count: 3 tasks took about as long as 1 task (1,010 ms against 1,000 ms). There are no workers to start: the tasks only take turns.',
    );
    expect(sentences[2]).toBe('Fitted model: 5 ms per task + 995 ms of counting, one task at a time (typical misfit 2 ms).');
    const all = sentences.join(' ');
    for (const wrong of [...CORES_ONLY, /mostly start-up/, /larger total count/, /worker \+/]) expect(all).not.toMatch(wrong);
  });

  it('tells frozen runs as the page frozen', () => {
    const sentences = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: { ...mainThread, frozen: true }, atOnce: 'one' });
    expect(sentences[1]).toBe(
      'Frozen, the page’s one thread counts the tasks’ slices back to back and draws nothing until they end, so more tasks cannot count faster, whatever the cores or the count: 3 tasks took about as long as 1 task (1,010 ms against 1,000 ms). There are no workers to start: the tasks only take turns.',
    );
  });
});

describe('summarize, waiting tasks', () => {
  // Seen on 2 cores: "Fitted model: 32 ms + 13 ms per worker + 297 ms of counting shared by 4 cores".
  const waiting = (model: 'parallel' | 'lock' | 'main-thread') => ({ model, task: 'io', frozen: false }) as const;
  const stats = [row(1, 1000, 1), row(2, 520, 1.92), row(3, 350, 2.86), row(4, 270, 3.7)];
  const fit: TimeModel = { serialMs: 10, perWorkerMs: 5, workMs: 980, cores: 1, rmsMs: 3, scaling: 'strong', atOnce: 'all' };

  it('says a wait needs no core: more tasks waited at once than the cores, and claims no cores', () => {
    const sentences = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all' });
    expect(sentences).toEqual([
      'Fastest with 4 workers: 270 ms, 3.7× faster than 1.',
      'A waiting task needs no core, so the waits overlap beyond the cores: 4 workers waited at once on a machine with 2 cores, 3.7× faster than 1, more than the 2.0× that counting could gain.',
      'Fitted model: 10 ms + 5 ms per worker + 980 ms of waiting divided among the workers, all waiting at once (typical misfit 3 ms).',
    ]);
  });

  it('gives each model its reason the waits overlap', () => {
    const lockSays = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: waiting('lock'), atOnce: 'all' })[1];
    expect(lockSays).toMatch(/^A waiting worker gives the lock up for its wait, as a Python thread gives up the GIL, and a wait needs no core, so the waits overlap beyond the cores: 4 workers waited at once/);
    const mainSays = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: waiting('main-thread'), atOnce: 'all' });
    expect(mainSays[1]).toMatch(/^A wait needs no core and no thread of its own: the page’s one thread starts every timer, so the waits overlap beyond the cores: 4 tasks waited at once/);
    expect(mainSays[2]).toBe('Fitted model: 10 ms + 5 ms per task + 980 ms of waiting divided among the tasks, all waiting at once (typical misfit 3 ms).');
  });

  it('says the machine’s cores were assumed when the browser reports none', () => {
    const beyond = say({ stats, model: fit, cores: 2, reportedCores: null, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all' })[1];
    expect(beyond).toBe(
      'A waiting task needs no core, so the waits overlap beyond the cores: 4 workers waited at once on a machine that reports no core count (2 cores assumed), 3.7× faster than 1, more than the 2.0× that counting could gain.',
    );
    const within = say({ stats: stats.slice(0, 2), model: null, cores: 2, reportedCores: null, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all' })[1];
    expect(within).toMatch(/Try more workers than the 2 cores assumed \(the browser reports no core count\) to see the waits overlap beyond them\.$/);
  });

  it('asks for more workers than cores when the sweep stayed within them', () => {
    const sentences = say({ stats: stats.slice(0, 2), model: null, cores: 2, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all' });
    expect(sentences[1]).toBe(
      'A waiting task needs no core, so the waits overlap beyond the cores: 2 workers waited at once, 1.9× faster than 1 (ideal: 2.0×). Try more workers than the 2 cores to see the waits overlap beyond them.',
    );
  });

  it('says when the waits were short beside the rest of the run, and start-up as long as the waits', () => {
    const short = [row(1, 100, 1), row(2, 95, 1.05), row(4, 110, 0.91)];
    const sentences = say({ stats: short, model: null, cores: 2, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all', count: 1e8 });
    expect(sentences[1]).toBe(
      'A waiting task needs no core, so the waits overlap beyond the cores: 4 workers waited at once on a machine with 2 cores, but only 0.9× the speed of 1 here: the waits were short beside the rest of the run.',
    );
    expect(sentences.at(-1)).toMatch(/^At 2 workers, starting the workers \(50 ms\) took longer than their waits \(45 ms\), so the speed-up shows start-up more than the waits overlapping\. Try a larger total count/);
    // Equal as written, equal in words.
    const even = [row(1, 100, 1), { ...row(2, 95, 1.05), startupMs: { median: 47.6, min: 47.6, max: 47.6 }, computeMs: { median: 47.8, min: 47.8, max: 47.8 } }, row(4, 110, 0.91)];
    expect(say({ stats: even, model: null, cores: 2, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all' }).at(-1)).toMatch(
      /^At 2 workers, starting the workers \(48 ms\) took as long as their waits \(48 ms\)/,
    );
    // The main thread has no workers to start.
    expect(say({ stats: short, model: null, cores: 2, scaling: 'strong', kind: waiting('main-thread'), atOnce: 'all' }).join(' ')).not.toContain('starting the workers');
  });

  it('never claims cores, start-up cost or a serial fraction for waits', () => {
    const all = say({ stats, model: fit, cores: 2, scaling: 'strong', kind: waiting('parallel'), atOnce: 'all' }).join(' ');
    for (const wrong of CORES_ONLY) expect(all).not.toMatch(wrong);
  });

  it('tells the same wait each as every worker waiting at once', () => {
    const weak = [row(1, 1000, 1), row(2, 1010, 1.98), row(4, 1030, 3.88)];
    const sentences = say({ stats: weak, model: { ...fit, scaling: 'weak', serialMs: 0 }, cores: 2, scaling: 'weak', kind: waiting('parallel'), atOnce: 'all' });
    expect(sentences[0]).toBe('Most work per second with 4 workers: 3.9× the work of 1 worker in 1,030 ms (ideal: 4.0×).');
    expect(sentences[2]).toBe('Fitted model: 5 ms per worker + 980 ms of waiting, every worker at once (typical misfit 3 ms).');
  });
});
