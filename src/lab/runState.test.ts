import { describe, expect, it } from 'vitest';
import { CAPPED_MESSAGE, initialLabState, labReducer, lastNumber, mergeRuns, mismatchMessage, reduceRunFields, SHORT_WAIT_MESSAGE, type LabAction, type LabState, type RunFields } from './runState';
import type { TimelineEvent } from './timeline';
import { makePlan, makeRun } from '../testing/makeRun';
import type { RunPlan } from './types';

function apply(...actions: LabAction[]): LabState {
  return actions.reduce(labReducer, initialLabState);
}

const plan: RunPlan = makePlan({ count: 10 });
const start: LabAction = { type: 'started', runId: 1, stableId: 'first-run', atMs: 1000, plan, shares: [5, 5], hidden: false };
const timings = (countedByWorker: number[]) => ({ startupMs: 30, computeMs: 100, wallMs: 130, countedByWorker });

describe('labReducer', () => {
  it('starts a run with one empty progress bar per worker', () => {
    const state = apply(start);
    expect(state.active).toMatchObject({ id: 1, workers: 2, total: 10, startupMs: null });
    expect(state.lanes).toEqual({ runId: 1, shares: [5, 5], progress: [0, 0], phase: 'starting', model: 'parallel' });
  });

  it('counts the total of a weak-scaling run as workers × count', () => {
    const state = apply({ ...start, plan: { ...plan, scaling: 'weak' }, shares: [10, 10] });
    expect(state.active?.total).toBe(20);
  });

  it('refuses a second run while one is active', () => {
    const state = apply(start, { ...start, runId: 2, plan: { ...plan, workers: 5 } });
    expect(state.active).toMatchObject({ id: 1, workers: 2 });
  });

  it('records a finished run whose count adds up as done, with its times, and leaves its lanes full', () => {
    const state = apply(
      start,
      { type: 'all-ready', runId: 1, startupMs: 30 },
      { type: 'progressed', runId: 1, progress: [3, 4] },
      { type: 'finished', runId: 1, timings: timings([5, 5]) },
    );
    expect(state.active).toBeNull();
    expect(state.runs).toEqual([
      {
        id: 1,
        stableId: 'first-run',
        workers: 2,
        scaling: 'strong',
        count: 10,
        pooled: false,
        sweepId: null,
        model: 'parallel',
        task: 'cpu',
        freeze: false,
        nsPerCount: 0.3,
        predictionMs: null,
        total: 10,
        counted: 10,
        status: 'done',
        startupMs: 30,
        computeMs: 100,
        wallMs: 130,
        hiddenDuringRun: false,
      },
    ]);
    expect(state.lanes).toEqual({ runId: 1, shares: [5, 5], progress: [5, 5], phase: 'done', model: 'parallel' });
  });

  it('records a count that does not add up as an error, never as done', () => {
    const state = apply(start, { type: 'finished', runId: 1, timings: timings([5, 4]) });
    expect(state.runs[0].status).toBe('failed');
    expect(state.runs[0].counted).toBe(9);
    expect(state.runs[0].error).toBe(mismatchMessage(9, 10));
    expect(state.runs[0].error).toBe('The workers counted 9, not 10: the count does not add up.');
    expect(state.lanes?.phase).toBe('failed');
  });

  it('records a stopped run as stopped, with what was counted and no time', () => {
    const state = apply(
      start,
      { type: 'all-ready', runId: 1, startupMs: 25 },
      { type: 'progressed', runId: 1, progress: [2, 3] },
      { type: 'stopped', runId: 1 },
    );
    expect(state.runs[0]).toMatchObject({ status: 'stopped', counted: 5, startupMs: 25, computeMs: null, wallMs: null });
    expect(state.lanes).toMatchObject({ progress: [2, 3], phase: 'stopped' });
  });

  it('records a failed run with its message', () => {
    const state = apply(start, { type: 'failed', runId: 1, message: 'Worker 2 could not start.' });
    expect(state.runs[0]).toMatchObject({ status: 'failed', error: 'Worker 2 could not start.', wallMs: null });
    expect(state.active).toBeNull();
  });

  it('flags a run during which the tab was hidden', () => {
    const state = apply(start, { type: 'hidden', runId: 1 }, { type: 'stopped', runId: 1 });
    expect(state.runs[0].hiddenDuringRun).toBe(true);
    expect(apply({ ...start, hidden: true }, { type: 'stopped', runId: 1 }).runs[0].hiddenDuringRun).toBe(true);
  });

  it('ignores late news from a run that has ended', () => {
    const ended = apply(start, { type: 'stopped', runId: 1 }, { ...start, runId: 2, plan: { ...plan, workers: 3 }, shares: [4, 3, 3] });
    const after = [
      { type: 'progressed', runId: 1, progress: [5, 5] },
      { type: 'finished', runId: 1, timings: timings([5, 5]) },
      { type: 'failed', runId: 1, message: 'late' },
    ] satisfies LabAction[];
    expect(after.reduce(labReducer, ended)).toBe(ended);
  });

  it('keeps progress within each worker’s share', () => {
    const state = apply(start, { type: 'progressed', runId: 1, progress: [99, -3] });
    expect(state.lanes?.progress).toEqual([5, 0]);
  });

  it('drops a sweep’s warm-up run once it is done, but keeps one that went wrong', () => {
    const warm = { ...start, plan: { ...plan, sweepId: 7 }, discard: true };
    expect(apply(warm, { type: 'finished', runId: 1, timings: timings([5, 5]) }).runs).toEqual([]);
    expect(apply(warm, { type: 'failed', runId: 1, message: 'boom' }).runs).toHaveLength(1);
  });

  it('follows a sweep run by run, and forgets it when it ends', () => {
    const state = apply({ type: 'sweep-step', sweepId: 3, step: 7, steps: 24, warmUp: false });
    expect(state.sweep).toEqual({ id: 3, step: 7, steps: 24, warmUp: false });
    expect(labReducer(state, { type: 'sweep-ended', sweepId: 2 }).sweep).not.toBeNull();
    expect(labReducer(state, { type: 'sweep-ended', sweepId: 3 }).sweep).toBeNull();
  });

  it('remembers a sweep a Stop ended, and where, until the next run starts or the results are cleared', () => {
    const going = apply({ type: 'sweep-step', sweepId: 3, step: 5, steps: 9, warmUp: false });
    expect(labReducer(going, { type: 'sweep-ended', sweepId: 3 }).stoppedSweep).toBeNull();
    const afterRun = labReducer(going, { type: 'sweep-ended', sweepId: 3, stopped: 'after-run' });
    expect(afterRun.sweep).toBeNull();
    expect(afterRun.stoppedSweep).toEqual({ id: 3, step: 5, steps: 9, stop: 'after-run' });
    expect(labReducer(going, { type: 'sweep-ended', sweepId: 3, stopped: 'during-run' }).stoppedSweep).toEqual({ id: 3, step: 5, steps: 9, stop: 'during-run' });
    // Another sweep's end changes nothing.
    expect(labReducer(going, { type: 'sweep-ended', sweepId: 2, stopped: 'after-run' }).stoppedSweep).toBeNull();
    expect(labReducer(afterRun, start).stoppedSweep).toBeNull();
    expect(labReducer(afterRun, { type: 'cleared' }).stoppedSweep).toBeNull();
  });

  it('clears the results and leaves a run in progress alone', () => {
    const state = apply(start, { type: 'stopped', runId: 1 }, { ...start, runId: 2 }, { type: 'cleared' });
    expect(state.runs).toEqual([]);
    expect(state.active?.id).toBe(2);
    expect(state.lanes?.runId).toBe(2);
    expect(apply(start, { type: 'stopped', runId: 1 }, { type: 'cleared' }).lanes).toBeNull();
  });
  describe('the timeline of the latest run', () => {
    const batch = (runId: number, nowMs: number, ...events: [number, TimelineEvent['state'], number][]): LabAction => ({
      type: 'timeline',
      runId,
      nowMs,
      events: events.map(([lane, state, atMs]) => ({ lane, state, atMs })),
    });

    it('starts empty with a lane per worker, and adds each batch of events in order', () => {
      expect(apply(start).timeline).toEqual({ runId: 1, startedAtMs: 1000, lanes: 2, events: [], nowMs: 0, live: true, warmUp: false, model: 'parallel' });
      const state = apply(start, batch(1, 200, [0, 'starting', 0], [1, 'starting', 0]), batch(1, 400, [0, 'counting', 30], [1, 'counting', 30]));
      expect(state.timeline).toMatchObject({ nowMs: 400, live: true });
      expect(state.timeline?.events).toEqual([
        { lane: 0, state: 'starting', atMs: 0 },
        { lane: 1, state: 'starting', atMs: 0 },
        { lane: 0, state: 'counting', atMs: 30 },
        { lane: 1, state: 'counting', atMs: 30 },
      ]);
    });

    it('moves "now" forward only, and ignores a time that is not a number', () => {
      const state = apply(start, batch(1, 600), batch(1, 400, [0, 'counting', 30]), batch(1, Number.NaN));
      expect(state.timeline?.nowMs).toBe(600);
      expect(state.timeline?.events).toHaveLength(1);
      // An empty batch that moves nothing keeps the state, so the page does not redraw for it.
      expect(labReducer(state, batch(1, 600))).toBe(state);
    });

    it('keeps the timeline of a run that ended, no longer live, and ignores its late batches', () => {
      const ended = apply(start, batch(1, 100, [0, 'counting', 30]), { type: 'stopped', runId: 1 });
      expect(ended.timeline).toMatchObject({ runId: 1, live: false, nowMs: 100 });
      expect(labReducer(ended, batch(1, 900, [0, 'done', 800]))).toBe(ended);
      const done = apply(start, batch(1, 130, [0, 'done', 130]), { type: 'finished', runId: 1, timings: timings([5, 5]) });
      expect(done.timeline).toMatchObject({ live: false, nowMs: 130 });
      expect(apply(start, { type: 'failed', runId: 1, message: 'boom' }).timeline?.live).toBe(false);
    });

    it('is replaced by the next run’s, and a batch for another run changes nothing', () => {
      const second = apply(start, batch(1, 100, [0, 'counting', 30]), { type: 'stopped', runId: 1 }, { ...start, runId: 2, atMs: 5000, plan: { ...plan, workers: 3 }, shares: [4, 3, 3] });
      expect(second.timeline).toEqual({ runId: 2, startedAtMs: 5000, lanes: 3, events: [], nowMs: 0, live: true, warmUp: false, model: 'parallel' });
      expect(labReducer(second, batch(1, 200, [0, 'done', 150]))).toBe(second);
    });

    it('shows a sweep’s warm-up run, flagged', () => {
      expect(apply({ ...start, plan: { ...plan, sweepId: 7 }, discard: true }).timeline?.warmUp).toBe(true);
    });

    it('is cleared with the results, unless a run is going', () => {
      expect(apply(start, { type: 'stopped', runId: 1 }, { type: 'cleared' }).timeline).toBeNull();
      expect(apply(start, { type: 'cleared' }).timeline?.runId).toBe(1);
    });
  });

  describe('with waiting tasks', () => {
    // 2 shares of 5·10^9 at 0.2 ns a count: each task waits 1,000 ms.
    const waiting: RunPlan = { ...plan, count: 1e10, task: 'io', nsPerCount: 0.2 };
    const startWaiting: LabAction = { type: 'started', runId: 1, stableId: 'waiting-run', atMs: 1000, plan: waiting, shares: [5e9, 5e9], hidden: false };
    const waited = (waitedMsByWorker: number[]) => ({ ...timings([0, 0]), waitedMsByWorker });

    it('asks each task to wait as long as counting its share takes', () => {
      expect(apply(startWaiting).active?.waitMsByTask).toEqual([1000, 1000]);
    });

    it('records a run whose tasks each waited at least their time as done, with the waits', () => {
      const state = apply(startWaiting, { type: 'finished', runId: 1, timings: waited([1000.4, 1003]) });
      expect(state.runs[0]).toMatchObject({ status: 'done', task: 'io', model: 'parallel', counted: 0, waitMsByTask: [1000, 1000], waitedMsByTask: [1000.4, 1003] });
      expect(state.runs[0].error).toBeUndefined();
      expect(state.lanes).toMatchObject({ phase: 'done', progress: [5e9, 5e9] });
    });

    it('fails a run where a task ended its wait early, or a task did not answer', () => {
      const early = apply(startWaiting, { type: 'finished', runId: 1, timings: waited([1000, 640]) });
      expect(early.runs[0]).toMatchObject({ status: 'failed', error: SHORT_WAIT_MESSAGE });
      const missing = apply(startWaiting, { type: 'finished', runId: 1, timings: waited([1000]) });
      expect(missing.runs[0]).toMatchObject({ status: 'failed', error: SHORT_WAIT_MESSAGE });
    });

    it('keeps the lock a run used', () => {
      const lock = { kind: 'shared-memory' as const, handovers: 12, meanHandoverMs: 0.04 };
      const state = apply({ ...startWaiting, plan: { ...waiting, model: 'lock' } }, { type: 'finished', runId: 1, timings: { ...waited([1000, 1000]), lock } });
      expect(state.runs[0]).toMatchObject({ status: 'done', model: 'lock', lock });
    });
  });

  it('records a frozen run that reached its cap as stopped there, with what it counted and why', () => {
    const frozen: LabAction = { type: 'started', runId: 1, stableId: 'frozen-run', atMs: 1000, plan: { ...plan, model: 'main-thread', freeze: true }, shares: [5, 5], hidden: false };
    const state = apply(frozen, { type: 'finished', runId: 1, timings: { ...timings([5, 2]), capped: true } });
    expect(state.runs[0]).toMatchObject({ status: 'stopped', capped: true, counted: 7, wallMs: null, computeMs: null, error: CAPPED_MESSAGE, freeze: true });
    expect(state.lanes).toMatchObject({ phase: 'stopped', progress: [5, 2] });
  });

  it('names the model on the timeline, so its lanes can be called tasks on the main thread', () => {
    const state = apply({ ...start, plan: { ...plan, model: 'main-thread' } });
    expect(state.timeline?.model).toBe('main-thread');
  });

  it('puts the kept runs back once, before this visit’s first run', () => {
    const kept = [makeRun(1, 3000, { id: 1 }), makeRun(2, 1600, { id: 2 })];
    const state = apply({ type: 'restored', runs: kept });
    expect(state.runs).toEqual(kept);
    // A second reading (StrictMode runs effects twice) changes nothing.
    expect(labReducer(state, { type: 'restored', runs: kept })).toBe(state);
    // Nor does one that comes while a run goes: its number must not change.
    const running = apply(start);
    expect(labReducer(running, { type: 'restored', runs: kept })).toBe(running);
    // Nor between a sweep's runs.
    const sweeping = apply({ type: 'sweep-step', sweepId: 1, step: 1, steps: 2, warmUp: false });
    expect(labReducer(sweeping, { type: 'restored', runs: kept })).toBe(sweeping);
  });

  it('merges kept runs with the lab’s by stableId: none twice, the kept ones first, all numbered in order', () => {
    const ranHere = apply(start, { type: 'finished', runId: 1, timings: timings([5, 5]) });
    const keptElsewhere = makeRun(1, 3000, { id: 1, stableId: 'from-earlier' });
    const sameRunKept = { ...ranHere.runs[0], id: 1 };
    const state = labReducer(ranHere, { type: 'restored', runs: [keptElsewhere, sameRunKept] });
    expect(state.runs.map((run) => [run.id, run.stableId])).toEqual([
      [1, 'from-earlier'],
      [2, 'first-run'],
    ]);
    // The same runs once more bring nothing new.
    expect(labReducer(state, { type: 'restored', runs: [keptElsewhere, sameRunKept] })).toBe(state);
  });
});

describe('reduceRunFields', () => {
  it('changes the run’s own fields as the lab’s reducer does, the same object where nothing of them changes, and gives the record to keep', () => {
    const actions: LabAction[] = [
      { type: 'sweep-step', sweepId: 1, step: 1, steps: 2, warmUp: false },
      start,
      { type: 'all-ready', runId: 1, startupMs: 30 },
      { type: 'progressed', runId: 1, progress: [3, 9] },
      { type: 'timeline', runId: 1, events: [], nowMs: 0 },
      { type: 'hidden', runId: 1 },
      { type: 'finished', runId: 1, timings: timings([5, 5]) },
      { type: 'progressed', runId: 1, progress: [5, 5] },
      { type: 'cleared' },
      { type: 'cleared' },
    ];
    let run: RunFields = { active: null, lanes: null, timeline: null };
    let lab = initialLabState;
    for (const action of actions) {
      const step = reduceRunFields(run, action);
      const next = labReducer(lab, action);
      expect(step.run).toEqual({ active: next.active, lanes: next.lanes, timeline: next.timeline });
      const unchanged = next.active === lab.active && next.lanes === lab.lanes && next.timeline === lab.timeline;
      expect(step.run === run, action.type).toBe(unchanged);
      expect(step.kept).toEqual(action.type === 'finished' ? next.runs[0] : null);
      run = step.run;
      lab = next;
    }
  });

  it('keeps no record of a sweep’s warm-up that went well', () => {
    const started = reduceRunFields({ active: null, lanes: null, timeline: null }, { ...start, discard: true });
    expect(reduceRunFields(started.run, { type: 'finished', runId: 1, timings: timings([5, 5]) }).kept).toBeNull();
    expect(reduceRunFields(started.run, { type: 'stopped', runId: 1 }).kept).toMatchObject({ status: 'stopped' });
  });
});

describe('mergeRuns', () => {
  it('keeps sweeps together and apart, numbered after the runs, where each list numbered its own', () => {
    const kept = [makeRun(1, 900, { id: 1, stableId: 'k1', sweepId: 3 }), makeRun(2, 500, { id: 2, stableId: 'k2', sweepId: 3 })];
    const lab = [makeRun(1, 900, { id: 4, stableId: 'l1', sweepId: 3 }), makeRun(4, 300, { id: 5, stableId: 'l2' })];
    const merged = mergeRuns(kept, lab) ?? [];
    expect(merged.map((run) => [run.stableId, run.id, run.sweepId])).toEqual([
      ['k1', 1, 5],
      ['k2', 2, 5],
      ['l1', 3, 6],
      ['l2', 4, null],
    ]);
    expect(lastNumber(merged)).toBe(6);
  });

  it('takes a run kept twice once, and says when nothing is new', () => {
    const run = makeRun(1, 900, { id: 1, stableId: 'twice' });
    expect(mergeRuns([run, { ...run, id: 2 }], [])).toEqual([run]);
    expect(mergeRuns([run], [run])).toBeNull();
    expect(mergeRuns([], [run])).toBeNull();
    expect(lastNumber([])).toBe(0);
  });
});

describe('a run in Python', () => {
  it('is recorded with its language, and a JavaScript run with none, as every run before', () => {
    const python: LabAction = { type: 'started', runId: 1, stableId: 'python-run', atMs: 1000, plan: { ...plan, language: 'python' }, shares: [5, 5], hidden: false };
    const pythonRun = apply(python, { type: 'finished', runId: 1, timings: timings([5, 5]) }).runs[0];
    expect(pythonRun.language).toBe('python');
    expect(pythonRun.status).toBe('done');
    expect(apply(python).active?.language).toBe('python');
    const javascriptRun = apply(start, { type: 'finished', runId: 1, timings: timings([5, 5]) }).runs[0];
    expect('language' in javascriptRun).toBe(false);
  });
});
