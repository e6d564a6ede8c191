import { describe, expect, it } from 'vitest';
import { barFilled, initialLiveRun, liveRunStep, onlyFillMoved, shownRun, type LiveRunState } from './liveRun';
import { initialLabState, labReducer, type LabAction, type LabState } from './runState';
import { makePlan, makeRun } from '../testing/makeRun';

const plan = makePlan({ count: 10 });
const start: LabAction = { type: 'started', runId: 1, stableId: 'first-run', atMs: 1000, plan, shares: [5, 5], hidden: false };
const ready: LabAction = { type: 'all-ready', runId: 1, startupMs: 30 };
const timings = (countedByWorker: number[]) => ({ startupMs: 30, computeMs: 100, wallMs: 130, countedByWorker });

/** Feeds the actions through the live state: the live state, and the page's state from the actions passed on to it. */
function feed(actions: readonly LabAction[], from: { live: LiveRunState; page: LabState; passed: LabAction[] } = { live: initialLiveRun, page: initialLabState, passed: [] }) {
  let { live, page } = from;
  const passed = [...from.passed];
  for (const action of actions) {
    const step = liveRunStep(live, action);
    live = step.state;
    passed.push(...step.page);
    page = step.page.reduce(labReducer, page);
  }
  return { live, page, passed };
}

const plainly = (actions: readonly LabAction[]) => actions.reduce(labReducer, initialLabState);

describe('liveRunStep', () => {
  it('keeps a run’s progress and timeline from the page’s state while it goes', () => {
    const going = feed([
      start,
      ready,
      { type: 'timeline', runId: 1, events: [{ lane: 0, state: 'counting', atMs: 20 }], nowMs: 200 },
      { type: 'progressed', runId: 1, progress: [1, 2] },
      { type: 'progressed', runId: 1, progress: [2, 3] },
    ]);
    expect(going.passed.map((action) => action.type)).toEqual(['started', 'all-ready']);
    expect(going.page.lanes).toMatchObject({ progress: [0, 0], phase: 'counting' });
    expect(going.page.timeline).toMatchObject({ events: [], nowMs: 0 });
    // The live view has all of it: the fill at every report.
    expect(going.live.view.fill).toEqual([2, 3]);
    expect(going.live.view.timeline).toMatchObject({ events: [{ lane: 0, state: 'counting', atMs: 20 }], nowMs: 200 });
  });

  it('moves the fill at every report, and the lanes’ words at a lane’s first report and then only with the timeline’s redraws', () => {
    const first = feed([start, ready, { type: 'progressed', runId: 1, progress: [1, 0] }]);
    // A bar says at once that it has begun: its words leave 0 with its first report.
    expect(first.live.view.lanes).toMatchObject({ progress: [1, 0], phase: 'counting' });
    expect(first.live.view.fill).toEqual([1, 0]);
    const second = feed([{ type: 'progressed', runId: 1, progress: [2, 1] }], first);
    expect(second.live.view.lanes?.progress).toEqual([2, 1]);
    const both = feed([{ type: 'progressed', runId: 1, progress: [3, 2] }], second);
    expect(both.live.view.lanes?.progress).toEqual([2, 1]);
    expect(both.live.view.fill).toEqual([3, 2]);
    // The timeline's view is not redrawn for it.
    expect(both.live.view.timeline).toBe(first.live.view.timeline);
    const told = feed([{ type: 'timeline', runId: 1, events: [], nowMs: 1000 }], both);
    expect(told.live.view.lanes).toMatchObject({ progress: [3, 2], phase: 'counting' });
    const again = feed([{ type: 'progressed', runId: 1, progress: [4, 4] }], told);
    expect(again.live.view.lanes?.progress).toEqual([3, 2]);
    expect(again.live.view.fill).toEqual([4, 4]);
    // The fill never passes a worker's share, as the lanes' progress never does.
    expect(feed([{ type: 'progressed', runId: 1, progress: [9, 4] }], again).live.view.fill).toEqual([5, 4]);
  });

  it('gives the page’s state what it missed as the run ends: the same state as every action would', () => {
    const going: LabAction[] = [
      start,
      ready,
      { type: 'progressed', runId: 1, progress: [2, 1] },
      { type: 'timeline', runId: 1, events: [{ lane: 1, state: 'counting', atMs: 15 }], nowMs: 200 },
      { type: 'progressed', runId: 1, progress: [4, 3] },
      { type: 'timeline', runId: 1, events: [], nowMs: 400 },
    ];
    for (const ending of [
      { type: 'stopped', runId: 1 },
      { type: 'failed', runId: 1, message: 'The worker failed' },
      { type: 'finished', runId: 1, timings: timings([5, 5]) },
    ] satisfies LabAction[]) {
      const ended = feed([...going, ending]);
      expect(ended.page).toEqual(plainly([...going, ending]));
      expect(ended.live.run).toEqual({ active: ended.page.active, lanes: ended.page.lanes, timeline: ended.page.timeline });
      expect(ended.passed.map((action) => action.type).slice(2)).toEqual(['progressed', 'timeline', ending.type]);
    }
    // A stop records what the bars showed at the stop.
    expect(feed([...going, { type: 'stopped', runId: 1 }]).page.runs[0]?.counted).toBe(7);
  });

  it('asks for the view to be drawn at once only as a run starts or ends or a lane begins; reports and the timeline wait', () => {
    const going: LabAction[] = [
      start,
      ready,
      { type: 'progressed', runId: 1, progress: [1, 0] },
      { type: 'progressed', runId: 1, progress: [2, 0] },
      { type: 'progressed', runId: 1, progress: [3, 1] },
      { type: 'timeline', runId: 1, events: [{ lane: 0, state: 'counting', atMs: 20 }], nowMs: 200 },
      { type: 'progressed', runId: 1, progress: [4, 2] },
      { type: 'finished', runId: 1, timings: timings([5, 5]) },
      { type: 'progressed', runId: 1, progress: [5, 5] },
    ];
    let live = initialLiveRun;
    const drawNow = going.map((action) => {
      const step = liveRunStep(live, action);
      live = step.state;
      return step.drawNow;
    });
    expect(drawNow).toEqual([true, true, true, false, true, false, false, true, false]);
  });

  it('keeps of the lab only the run going, its lanes and its timeline, as every action left them', () => {
    const actions: LabAction[] = [
      { type: 'restored', runs: [makeRun(1, 100, { id: 1, stableId: 'kept' })] },
      { type: 'sweep-step', sweepId: 2, step: 1, steps: 2, warmUp: false },
      { ...start, runId: 2, stableId: 'second' },
      { type: 'all-ready', runId: 2, startupMs: 20 },
      { type: 'progressed', runId: 2, progress: [5, 5] },
      { type: 'finished', runId: 2, timings: timings([5, 5]) },
      // Between a sweep's runs the page's state takes no kept runs; the live state has none to take.
      { type: 'restored', runs: [makeRun(1, 90, { id: 1, stableId: 'other' })] },
      { type: 'cleared' },
    ];
    let fed = feed([]);
    for (const [index, action] of actions.entries()) {
      fed = feed([action], fed);
      const plain = plainly(actions.slice(0, index + 1));
      expect(fed.live.run).toEqual({ active: plain.active, lanes: plain.lanes, timeline: plain.timeline });
      expect(Object.keys(fed.live.run)).toEqual(['active', 'lanes', 'timeline']);
    }
    expect(fed.page).toEqual(plainly(actions));
  });

  it('passes every other action on unchanged, and late news of an ended run to nobody', () => {
    const ended = feed([start, ready, { type: 'finished', runId: 1, timings: timings([5, 5]) }]);
    const late = feed(
      [
        { type: 'progressed', runId: 1, progress: [1, 1] },
        { type: 'timeline', runId: 1, events: [], nowMs: 900 },
      ],
      ended,
    );
    expect(late.passed).toEqual(ended.passed);
    expect(late.live).toBe(ended.live);
    const others: LabAction[] = [{ type: 'sweep-step', sweepId: 2, step: 1, steps: 3, warmUp: true }, { type: 'cleared' }];
    const after = feed(others, late);
    expect(after.passed.slice(-2)).toEqual(others);
    expect(after.live.view).toEqual({ lanes: null, fill: null, timeline: null });
  });
});

describe('onlyFillMoved', () => {
  it('is true of a report that moved the fill alone, false once the words, the lanes or the timeline change', () => {
    const first = feed([start, ready, { type: 'progressed', runId: 1, progress: [1, 1] }]);
    const moved = feed([{ type: 'progressed', runId: 1, progress: [2, 1] }], first);
    expect(onlyFillMoved(first.live.view, moved.live.view)).toBe(true);
    expect(onlyFillMoved(moved.live.view, moved.live.view)).toBe(false);
    const grown = feed([{ type: 'timeline', runId: 1, events: [], nowMs: 1000 }], moved);
    expect(onlyFillMoved(moved.live.view, grown.live.view)).toBe(false);
    // A lane's first report changes its words: drawn by the view's readers.
    const begun = feed([start, ready, { type: 'progressed', runId: 1, progress: [1, 0] }]);
    expect(onlyFillMoved(begun.live.view, feed([{ type: 'progressed', runId: 1, progress: [2, 1] }], begun).live.view)).toBe(false);
  });
});

describe('barFilled', () => {
  it('fills a bar to the further of the lanes’ progress and the latest report, and a bar with nothing to count whole', () => {
    expect(barFilled(10, 2, 5)).toBe(0.5);
    expect(barFilled(10, 5, 2)).toBe(0.5);
    expect(barFilled(10, 3, undefined)).toBe(0.3);
    expect(barFilled(0, 0, undefined)).toBe(1);
  });
});

describe('shownRun', () => {
  const going = feed([start, ready, { type: 'progressed', runId: 1, progress: [1, 0] }, { type: 'timeline', runId: 1, events: [{ lane: 0, state: 'counting', atMs: 20 }], nowMs: 200 }, { type: 'progressed', runId: 1, progress: [3, 2] }]);

  it('draws the live view’s lanes, fill and timeline while they are of the run the page shows', () => {
    const shown = shownRun(going.live.view, going.page);
    expect(shown.lanes).toBe(going.live.view.lanes);
    expect(shown.fill).toEqual([3, 2]);
    expect(shown.timeline).toMatchObject({ nowMs: 200 });
    expect(shown.lanesRun).toBe(going.page.active);
  });

  it('draws the page’s own lanes and timeline, with no fill, when the live view is of another run or there is none', () => {
    const next = feed([{ type: 'finished', runId: 1, timings: timings([5, 5]) }, { ...start, runId: 2, stableId: 'second-run' }], going);
    const shown = shownRun(going.live.view, next.page);
    expect(shown.lanes).toBe(next.page.lanes);
    expect(shown.lanes?.runId).toBe(2);
    expect(shown.fill).toBeNull();
    expect(shown.timeline).toBe(next.page.timeline);
    expect(shownRun(null, going.page)).toMatchObject({ lanes: going.page.lanes, fill: null, timeline: going.page.timeline });
  });

  it('finds the run the lanes are of: the one going, its record once kept, none for a warm-up not kept or without lanes', () => {
    const ended = feed([{ type: 'finished', runId: 1, timings: timings([5, 5]) }], going);
    const kept = makeRun(2, 130, { id: 1 });
    expect(shownRun(ended.live.view, { ...ended.page, runs: [makeRun(1, 200, { id: 7 }), kept] }).lanesRun).toBe(kept);
    expect(shownRun(ended.live.view, { ...ended.page, runs: [] }).lanesRun).toBeNull();
    expect(shownRun(null, { active: null, lanes: null, timeline: null, runs: [kept] }).lanesRun).toBeNull();
  });
});
