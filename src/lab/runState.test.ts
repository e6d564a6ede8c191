import { describe, expect, it } from 'vitest';
import { initialLabState, labReducer, mismatchMessage, type LabAction, type LabState } from './runState';
import type { RunPlan } from './types';

function apply(...actions: LabAction[]): LabState {
  return actions.reduce(labReducer, initialLabState);
}

const plan: RunPlan = { workers: 2, scaling: 'strong', count: 10, pooled: false, sweepId: null };
const start: LabAction = { type: 'started', runId: 1, plan, shares: [5, 5], hidden: false };
const timings = (countedByWorker: number[]) => ({ startupMs: 30, computeMs: 100, wallMs: 130, countedByWorker });

describe('labReducer', () => {
  it('starts a run with one empty progress bar per worker', () => {
    const state = apply(start);
    expect(state.active).toMatchObject({ id: 1, workers: 2, total: 10, startupMs: null });
    expect(state.lanes).toEqual({ runId: 1, shares: [5, 5], progress: [0, 0], phase: 'starting' });
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
        workers: 2,
        scaling: 'strong',
        count: 10,
        pooled: false,
        sweepId: null,
        total: 10,
        counted: 10,
        status: 'done',
        startupMs: 30,
        computeMs: 100,
        wallMs: 130,
        hiddenDuringRun: false,
      },
    ]);
    expect(state.lanes).toEqual({ runId: 1, shares: [5, 5], progress: [5, 5], phase: 'done' });
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

  it('clears the results and leaves a run in progress alone', () => {
    const state = apply(start, { type: 'stopped', runId: 1 }, { ...start, runId: 2 }, { type: 'cleared' });
    expect(state.runs).toEqual([]);
    expect(state.active?.id).toBe(2);
    expect(state.lanes?.runId).toBe(2);
    expect(apply(start, { type: 'stopped', runId: 1 }, { type: 'cleared' }).lanes).toBeNull();
  });
});
