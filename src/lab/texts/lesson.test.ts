import { describe, expect, it } from 'vitest';
import { CLEAR_GAIN, contrastSentences, coreTurnsSentence, laneLabel, lanesInWords, lockInWords, lockKindHere, MODEL_HINTS, modelHint, waitInWords } from './lesson';
import { makeRun } from '../../testing/makeRun';
import type { ExecutionModel, RunRecord, TaskKind } from '../types';

const run = (model: ExecutionModel, task: TaskKind, workers: number, wallMs: number, overrides: Partial<RunRecord> = {}) =>
  makeRun(workers, wallMs, { model, task, ...overrides });

describe('lanesInWords and laneLabel', () => {
  it('names workers, workers under the lock and tasks on the main thread', () => {
    expect(lanesInWords('parallel', 1)).toBe('1 worker');
    expect(lanesInWords('parallel', 4)).toBe('4 workers');
    expect(lanesInWords('lock', 2)).toBe('2 workers sharing one lock');
    expect(lanesInWords('main-thread', 3)).toBe('3 tasks on the main thread');
    expect(laneLabel('lock', 0)).toBe('Worker 1');
    expect(laneLabel('main-thread', 2)).toBe('Task 3');
  });
});

describe('MODEL_HINTS', () => {
  it('says each model’s Python analogue as the Explainer does, and no core of its own beyond the cores', () => {
    expect(MODEL_HINTS.parallel).toMatch(/^like Python processes: each counts on a core of its own while there are cores enough; beyond them, the operating system takes turns/);
    expect(MODEL_HINTS.lock).toMatch(/^like Python threads under the GIL: one counts at a time/);
    expect(MODEL_HINTS['main-thread']).toMatch(/like Python’s asyncio tasks on one thread\.$/);
    // Issue 15: "each runs on its own core" is false beyond the cores; "threads on one core" is not what the main thread does.
    expect(Object.values(MODEL_HINTS).join(' ')).not.toMatch(/its own core|threads on one core/);
  });
});

describe('modelHint', () => {
  it('says the counting hint for counting', () => {
    expect(modelHint('parallel', 'cpu', 'each of 2 tasks waits 1,500 ms')).toBe(`Workers in parallel: ${MODEL_HINTS.parallel}`);
  });

  // Review of issue 15: the hint for waiting led with "each counts on a core of its own … the operating system takes turns", false of a wait.
  it('leads with what is true of waiting, as the Explainer and the Summary say, then how long each wait is', () => {
    const parallel = modelHint('parallel', 'io', 'each of 2 tasks waits 1,500 ms');
    expect(parallel).toBe(
      'Workers in parallel: like Python processes waiting for a disk or the network: a waiting worker needs no core, so the waits overlap, beyond the cores too. Waiting: each of 2 tasks waits 1,500 ms, as long as counting it takes one worker here, without using a core.',
    );
    expect(modelHint('lock', 'io', 'each of 2 tasks waits 1,500 ms')).toMatch(/^Workers sharing one lock: like Python threads waiting .* gives the lock up, .* needs no core, so the waits overlap\. Waiting: each of 2 tasks waits/);
    expect(modelHint('main-thread', 'io', null)).toBe(
      'Main thread: like Python’s asyncio tasks awaiting a disk or the network on one thread: the page’s thread starts every timer, and a wait needs no core, so the waits overlap.',
    );
    for (const model of ['parallel', 'lock', 'main-thread'] as const) {
      const hint = modelHint(model, 'io', 'each of 2 tasks waits 1,500 ms');
      expect(hint).not.toMatch(/counts on a core|takes turns|one counts at a time|in 5 ms slices/);
      expect(hint).toContain('needs no core');
    }
  });
});

describe('coreTurnsSentence', () => {
  it('says the system takes turns while the workers count, and took them after', () => {
    expect(coreTurnsSentence({ workers: 8, cores: 2, live: true })).toBe(
      '8 workers, 2 cores: the operating system takes turns between the workers, out of the page’s sight, so each lane’s “counting” means its turn comes and goes.',
    );
    expect(coreTurnsSentence({ workers: 3, cores: 1, live: false })).toBe(
      '3 workers, 1 core: the operating system took turns between the workers, out of the page’s sight, so each lane’s “counting” was its turn coming and going.',
    );
  });

  it('says where the shares of a core come from, once they are shown, in half the words and true beside a bar as under it', () => {
    expect(coreTurnsSentence({ workers: 8, cores: 2, live: false, speedFromRun: 3 })).toBe(
      '8 workers, 2 cores: the system took turns between them, unseen. Each bar shows its worker’s share of a core against one worker alone in run 3.',
    );
    expect(coreTurnsSentence({ workers: 8, cores: 2, live: false, speedFromRun: null })).toBe(
      '8 workers, 2 cores: the system took turns between them, unseen. Each bar shows its worker’s share of a core against one worker alone as the page opened.',
    );
    const withoutShares = coreTurnsSentence({ workers: 8, cores: 2, live: false });
    for (const speedFromRun of [3, null]) {
      const withShares = coreTurnsSentence({ workers: 8, cores: 2, live: false, speedFromRun });
      expect(withShares).not.toMatch(/under/i);
      // It wrapped to 5 lines in presentation mode at 1280×720: no longer than the sentence without shares.
      expect(withShares.length).toBeLessThanOrEqual(withoutShares.length);
    }
  });
});

describe('waitInWords', () => {
  it('says what the waiting tasks will wait', () => {
    expect(waitInWords([])).toBeNull();
    expect(waitInWords([850])).toBe('1 task waits 850 ms');
    expect(waitInWords([1500, 1500])).toBe('each of 2 tasks waits 1.50 s');
    expect(waitInWords([1000, 1000.1, 999.9])).toBe('each of 3 tasks waits 1.00 s');
    expect(waitInWords([700, 1400])).toBe('each of 2 tasks waits 700 ms to 1.40 s');
  });
});

describe('contrastSentences', () => {
  it('says nothing until a task has runs of two models with more than one worker', () => {
    expect(contrastSentences([])).toEqual([]);
    expect(contrastSentences([run('parallel', 'cpu', 4, 1100), run('parallel', 'io', 4, 1010), run('lock', 'cpu', 1, 3900)])).toEqual([]);
  });

  it('tells the lesson’s conclusion with the measured numbers, as the issue’s example', () => {
    const runs = [
      run('main-thread', 'io', 4, 1020),
      run('parallel', 'io', 4, 1010),
      run('main-thread', 'cpu', 4, 3900),
      run('parallel', 'cpu', 4, 1100),
    ];
    expect(contrastSentences(runs)).toEqual([
      'Waiting: 4 tasks took 1.02 s on the main thread, 1.01 s with workers in parallel.',
      'Waiting needs no core, so the waits overlap in every model: the lock and the main thread lose nothing.',
      'Counting: 4 tasks took 3.90 s on the main thread, 1.10 s with workers in parallel.',
      'Counting needs a core: only workers in parallel use more than one, 3.5× faster here; under one lock or on one thread the tasks take turns.',
    ]);
  });

  it('lists the three models in the lesson’s order, from medians at the latest run’s worker count and total', () => {
    const runs = [
      run('parallel', 'cpu', 2, 1600),
      run('parallel', 'cpu', 2, 1500),
      run('parallel', 'cpu', 2, 1700),
      run('lock', 'cpu', 2, 3100),
      // Another total: left out.
      run('lock', 'cpu', 2, 9999, { count: 2e9, total: 2e9 }),
      run('main-thread', 'cpu', 2, 3000),
    ];
    expect(contrastSentences(runs)[0]).toBe('Counting: 2 tasks took 3.00 s on the main thread, 3.10 s with workers sharing one lock, 1.60 s with workers in parallel.');
  });

  it('compares only runs in the latest run’s language: Python’s slow counting is no model’s gain', () => {
    const runs = [run('main-thread', 'cpu', 2, 3000), run('parallel', 'cpu', 2, 150_000, { language: 'python' }), run('lock', 'cpu', 2, 290_000, { language: 'python' })];
    expect(contrastSentences(runs)[0]).toBe('Counting: 2 tasks took 290 s with workers sharing one lock, 150 s with workers in parallel.');
    expect(contrastSentences([...runs, run('parallel', 'cpu', 2, 1600)])).toEqual([
      'Counting: 2 tasks took 3.00 s on the main thread, 1.60 s with workers in parallel.',
      'Counting needs a core: only workers in parallel use more than one, 1.9× faster here; under one lock or on one thread the tasks take turns.',
    ]);
  });

  it('says so when the measurements do not show the lesson', () => {
    const busy = contrastSentences([run('main-thread', 'io', 2, 1000), run('lock', 'io', 2, 1000 * (CLEAR_GAIN + 0.5))]);
    expect(busy[1]).toBe('The waits took 1.8× longer in one model than in another: on a busy machine timers fire late. Run them again.');
    const oneCore = contrastSentences([run('lock', 'cpu', 2, 3000), run('parallel', 'cpu', 2, 2900)]);
    expect(oneCore[1]).toBe('Workers in parallel were not clearly faster at counting here: is there only one free core?');
  });

  it('draws no conclusion on counting without workers in parallel', () => {
    expect(contrastSentences([run('lock', 'cpu', 2, 3000), run('main-thread', 'cpu', 2, 2900)])).toEqual([
      'Counting: 2 tasks took 2.90 s on the main thread, 3.00 s with workers sharing one lock.',
    ]);
  });
});

describe('the lock in words', () => {
  it('uses shared memory only in an isolated page that has it', () => {
    expect(lockKindHere(true, true)).toBe('shared-memory');
    expect(lockKindHere(true, false)).toBe('token');
    expect(lockKindHere(false, true)).toBe('token');
  });

  it('names the lock, then the latest measured hand-over of that lock', () => {
    expect(lockInWords('shared-memory', [])).toBe('a real lock: Atomics on shared memory (SharedArrayBuffer), the workers wait in Atomics.wait.');
    const runs = [
      run('lock', 'cpu', 2, 3000, { lock: { kind: 'shared-memory', handovers: 600, meanHandoverMs: 0.041 } }),
      run('lock', 'cpu', 2, 3000, { lock: { kind: 'token', handovers: 500, meanHandoverMs: 1.5 } }),
    ];
    expect(lockInWords('shared-memory', runs)).toBe(
      `a real lock: Atomics on shared memory (SharedArrayBuffer), the workers wait in Atomics.wait. Hand-over in run ${String(runs[0].id)}: 0.041 ms on average, over 600 hand-overs.`,
    );
    expect(lockInWords('token', runs)).toMatch(/^a token passed from worker to worker by messages through the page.*Hand-over in run \d+: 1\.5 ms on average, over 500 hand-overs\.$/);
  });
});
