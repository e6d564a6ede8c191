import { describe as group, expect, it } from 'vitest';
import { announce, quietAnnouncer, READY, runSentence, runStateText, SWEEP_NEWS_MS, sweepProgressText, sweepStoppedText, type Announcer, type RunView } from './announce';
import type { StoppedSweep, SweepProgress } from '../runState';
import { makeRun } from '../../testing/makeRun';
import type { RunRecord } from '../types';

const idle: RunView = { active: null, lanes: null, sweep: null, stoppedSweep: null, runs: [] };

/** Feeds the announcer a list of views at the given times; returns every text the live region took, in order. */
function spoken(views: ReadonlyArray<[number, RunView]>): string[] {
  let state: Announcer = quietAnnouncer;
  const said: string[] = [];
  for (const [now, view] of views) {
    const next = announce(state, view, now);
    if (next.text !== state.text) said.push(next.text);
    state = next;
  }
  return said;
}

/** The views a sweep goes through: per run, starting, counting, ended; the warm-up is not recorded. */
function sweepViews(workerCounts: number[], msPerRun: number, sweepId = 100): Array<[number, RunView]> {
  const views: Array<[number, RunView]> = [];
  const runs: RunRecord[] = [];
  const steps = workerCounts.length + 1;
  let now = 0;
  [workerCounts[0] ?? 1, ...workerCounts].forEach((workers, index) => {
    const id = sweepId + 1 + index;
    const sweep: SweepProgress = { id: sweepId, step: index + 1, steps, warmUp: index === 0 };
    views.push([now, { active: { id, workers, model: 'parallel', task: 'cpu' }, lanes: { runId: id, phase: 'starting' }, sweep, stoppedSweep: null, runs: [...runs] }]);
    views.push([now + 10, { active: { id, workers, model: 'parallel', task: 'cpu' }, lanes: { runId: id, phase: 'counting' }, sweep, stoppedSweep: null, runs: [...runs] }]);
    now += msPerRun;
    if (index > 0) runs.push(makeRun(workers, msPerRun, { id, sweepId }));
    views.push([now, { active: null, lanes: { runId: id, phase: 'done' }, sweep, stoppedSweep: null, runs: [...runs] }]);
  });
  const lastId = sweepId + steps;
  views.push([now + 1, { active: null, lanes: { runId: lastId, phase: 'done' }, sweep: null, stoppedSweep: null, runs: [...runs] }]);
  return views;
}

group('sweepProgressText', () => {
  it('names the run and the warm-up', () => {
    expect(sweepProgressText({ id: 1, step: 1, steps: 7, warmUp: true })).toBe('Sweep: warm-up run 1 of 7 (not kept)');
    expect(sweepProgressText({ id: 1, step: 3, steps: 7, warmUp: false })).toBe('Sweep: run 3 of 7');
  });
});

group('runStateText', () => {
  it('says ready, then the run in progress, then how the latest run ended', () => {
    expect(runStateText(idle)).toEqual({ text: READY, failed: false });
    expect(runStateText({ ...idle, active: { id: 1, workers: 2, model: 'parallel', task: 'cpu' }, lanes: { runId: 1, phase: 'starting' } }).text).toBe('Starting 2 workers…');
    expect(runStateText({ ...idle, active: { id: 1, workers: 1, model: 'parallel', task: 'cpu' }, lanes: { runId: 1, phase: 'counting' } }).text).toBe('Counting with 1 worker…');
    const done = makeRun(2, 1000, { id: 1 });
    expect(runStateText({ ...idle, lanes: { runId: 1, phase: 'done' }, runs: [done] }).text).toMatch(/^2 workers counted to 1 billion/);
    const failed = makeRun(2, 1000, { id: 2, status: 'failed', error: 'Worker 1 failed.' });
    expect(runStateText({ ...idle, lanes: { runId: 2, phase: 'failed' }, runs: [done, failed] })).toEqual({
      text: 'The run with 2 workers failed. Worker 1 failed.',
      failed: true,
    });
  });

  it('does not repeat an older run’s sentence after a sweep’s warm-up, which is not recorded', () => {
    const older = makeRun(1, 1000, { id: 1 });
    const afterWarmUp: RunView = { active: null, lanes: { runId: 5, phase: 'done' }, sweep: { id: 4, step: 1, steps: 3, warmUp: true }, stoppedSweep: null, runs: [older] };
    expect(runStateText(afterWarmUp).text).toBe('The warm-up run is done; it is not kept.');
    expect(runStateText(afterWarmUp).text).not.toBe(runStateText({ ...idle, lanes: { runId: 1, phase: 'done' }, runs: [older] }).text);
  });
});

group('the run’s sentence and a prediction', () => {
  it('answers the class’s prediction after the run’s sentence, on the page and aloud', () => {
    const predicted = makeRun(2, 683, { id: 1, predictionMs: 500 });
    expect(runSentence(predicted, [predicted])).toMatch(/^2 workers counted to 1 billion in 683 ms .*\. You predicted 500 ms; it took 683 ms, 37% longer\.$/);
    expect(runStateText({ ...idle, lanes: { runId: 1, phase: 'done' }, runs: [predicted] }).text).toMatch(/ You predicted 500 ms; it took 683 ms, 37% longer\.$/);
    const said = spoken([
      [0, { active: { id: 1, workers: 2, model: 'parallel', task: 'cpu' }, lanes: { runId: 1, phase: 'starting' }, sweep: null, stoppedSweep: null, runs: [] }],
      [700, { active: null, lanes: { runId: 1, phase: 'done' }, sweep: null, stoppedSweep: null, runs: [predicted] }],
    ]);
    expect(said.at(-1)).toMatch(/ You predicted 500 ms; it took 683 ms, 37% longer\.$/);
  });

  it('says nothing of a prediction for a run without one, or one that did not end with a time', () => {
    const plain = makeRun(2, 683, { id: 1 });
    expect(runSentence(plain, [plain])).not.toContain('predicted');
    const stopped = makeRun(2, 0, { id: 2, predictionMs: 500, status: 'stopped', wallMs: null, computeMs: null, counted: 5e8 });
    expect(runSentence(stopped, [stopped])).not.toContain('predicted');
  });
});

group('a sweep a Stop ended', () => {
  const older = makeRun(1, 1000, { id: 4, sweepId: 3 });
  const afterRun: StoppedSweep = { id: 3, step: 5, steps: 9, stop: 'after-run' };
  const duringRun: StoppedSweep = { id: 3, step: 6, steps: 9, stop: 'during-run' };

  it('says where it stopped, counted as the sweep’s progress counts', () => {
    expect(sweepStoppedText(afterRun)).toBe('Sweep stopped after 5 of 9 runs.');
    expect(sweepStoppedText(duringRun)).toBe('Sweep stopped during run 6 of 9.');
  });

  it('shows it in the run’s line, before the latest run’s sentence, until another run starts', () => {
    const view: RunView = { ...idle, lanes: { runId: 4, phase: 'done' }, runs: [older], stoppedSweep: afterRun };
    expect(runStateText(view).text).toMatch(/^Sweep stopped after 5 of 9 runs\. 1 worker counted to 1 billion/);
    expect(runStateText({ ...view, lanes: { runId: 5, phase: 'done' } }).text).toBe('Sweep stopped after 5 of 9 runs. The warm-up run is done; it is not kept.');
    expect(runStateText({ ...view, active: { id: 5, workers: 1, model: 'parallel', task: 'cpu' }, lanes: { runId: 5, phase: 'starting' } }).text).toBe('Starting 1 worker…');
    expect(runStateText({ ...view, stoppedSweep: null }).text).toMatch(/^1 worker counted/);
  });

  it('says aloud that a Stop between two runs stopped the sweep, not that it finished', () => {
    const kept = [makeRun(1, 500, { id: 1, sweepId: 3 }), makeRun(2, 300, { id: 2, sweepId: 3 }), makeRun(3, 250, { id: 3, sweepId: 3 }), makeRun(4, 240, { id: 4, sweepId: 3 })];
    const sweep: SweepProgress = { id: 3, step: 5, steps: 9, warmUp: false };
    const said = spoken([
      [0, { active: { id: 1, workers: 1, model: 'parallel', task: 'cpu' }, lanes: { runId: 1, phase: 'starting' }, sweep: { ...sweep, step: 1, warmUp: true }, stoppedSweep: null, runs: [] }],
      [2000, { active: null, lanes: { runId: 4, phase: 'done' }, sweep, stoppedSweep: null, runs: kept }],
      [2100, { active: null, lanes: { runId: 4, phase: 'done' }, sweep: null, runs: kept, stoppedSweep: afterRun }],
    ]);
    expect(said).toEqual(['Sweep started: 9 runs, the first a warm-up that is not kept.', 'Sweep stopped after 5 of 9 runs: 4 kept.']);
  });
});

group('announce', () => {
  it('says a single run when it starts and when it ends, and nothing on progress', () => {
    const run = makeRun(2, 1500, { id: 7 });
    const said = spoken([
      [0, idle],
      [1, { active: { id: 7, workers: 2, model: 'parallel', task: 'cpu' }, lanes: { runId: 7, phase: 'starting' }, sweep: null, stoppedSweep: null, runs: [] }],
      [50, { active: { id: 7, workers: 2, model: 'parallel', task: 'cpu' }, lanes: { runId: 7, phase: 'counting' }, sweep: null, stoppedSweep: null, runs: [] }],
      [900, { active: { id: 7, workers: 2, model: 'parallel', task: 'cpu' }, lanes: { runId: 7, phase: 'counting' }, sweep: null, stoppedSweep: null, runs: [] }],
      [1500, { active: null, lanes: { runId: 7, phase: 'done' }, sweep: null, stoppedSweep: null, runs: [run] }],
    ]);
    expect(said).toEqual(['Run started: counting with 2 workers.', expect.stringMatching(/^2 workers counted to 1 billion in 1,500 ms/)]);
  });

  it('leaves a failed run to the alert', () => {
    const failed = makeRun(1, 100, { id: 3, status: 'failed', error: 'Worker 1 failed.' });
    const said = spoken([
      [0, { active: { id: 3, workers: 1, model: 'parallel', task: 'cpu' }, lanes: { runId: 3, phase: 'starting' }, sweep: null, stoppedSweep: null, runs: [] }],
      [10, { active: null, lanes: { runId: 3, phase: 'failed' }, sweep: null, stoppedSweep: null, runs: [failed] }],
    ]);
    expect(said).toEqual(['Run started: counting with 1 worker.']);
  });

  it('says a short sweep twice: when it starts and when it ends, with what it kept', () => {
    const views = sweepViews([1, 2, 3, 4, 5, 6, 7, 8], 700);
    // 28 looks at the lab (the old page spoke at about as many of them); 2 are said.
    expect(views.length).toBeGreaterThan(25);
    expect(spoken(views)).toEqual([
      'Sweep started: 9 runs, the first a warm-up that is not kept.',
      'Sweep finished: 8 runs in 6.3 s, 1 to 8 workers. The summary, the charts and the tables are updated.',
    ]);
  });

  it('gives a long sweep’s progress at most once every SWEEP_NEWS_MS, when a run starts', () => {
    const counts = Array.from({ length: 24 }, (_, index) => (index % 8) + 1);
    const said = spoken(sweepViews(counts, 3000));
    // 25 runs of 3 s = 75 s: the start, a note at most every 10 s, and the end.
    expect(said[0]).toMatch(/^Sweep started: 25 runs/);
    expect(said.at(-1)).toMatch(/^Sweep finished: 24 runs in 75 s, 1 to 8 workers\./);
    const notes = said.slice(1, -1);
    expect(notes.length).toBeGreaterThanOrEqual(5);
    expect(notes.length).toBeLessThanOrEqual(Math.ceil(75_000 / SWEEP_NEWS_MS));
    for (const note of notes) expect(note).toMatch(/^Sweep: run \d+ of 25\.$/);
  });

  it('says when a sweep was stopped, and what it kept', () => {
    const kept = makeRun(1, 500, { id: 12, sweepId: 10 });
    const stopped = makeRun(2, 0, { id: 13, sweepId: 10, status: 'stopped', wallMs: null, computeMs: null });
    const sweep: SweepProgress = { id: 10, step: 3, steps: 5, warmUp: false };
    const said = spoken([
      [0, { active: { id: 11, workers: 1, model: 'parallel', task: 'cpu' }, lanes: { runId: 11, phase: 'starting' }, sweep: { ...sweep, step: 1, warmUp: true }, stoppedSweep: null, runs: [] }],
      [900, { active: { id: 13, workers: 2, model: 'parallel', task: 'cpu' }, lanes: { runId: 13, phase: 'counting' }, sweep, stoppedSweep: null, runs: [kept] }],
      [1000, { active: null, lanes: { runId: 13, phase: 'stopped' }, sweep: null, stoppedSweep: null, runs: [kept, stopped] }],
    ]);
    expect(said).toEqual(['Sweep started: 5 runs, the first a warm-up that is not kept.', 'Sweep stopped: 2 runs kept, the last one stopped.']);
  });

  it('says nothing twice for the same state (React may look at it more than once)', () => {
    const view: RunView = { active: { id: 1, workers: 1, model: 'parallel', task: 'cpu' }, lanes: { runId: 1, phase: 'starting' }, sweep: null, stoppedSweep: null, runs: [] };
    const once = announce(quietAnnouncer, view, 0);
    expect(announce(once, view, 5)).toEqual(once);
  });
});
