import { describe, expect, it } from 'vitest';
import type { LabAction } from '../../lab/runState';
import { makePlan } from '../../testing/makeRun';
import type { RedrawGrid } from '../../lab/redrawGrid';
import { liveRunStore } from './liveRun';

/** A grid that ticks when the test says. */
function manualGrid() {
  const subscribers = new Set<(nowMs: number, dueAfterMs: number) => void>();
  const grid: RedrawGrid = {
    subscribe: (onTick) => {
      subscribers.add(onTick);
      return () => subscribers.delete(onTick);
    },
    // The live store never holds or slows the ticks: a run's controller does.
    hold: () => () => undefined,
    slow: () => () => undefined,
  };
  return { grid, tick: () => [...subscribers].forEach((onTick) => onTick(0, 500)), subscribers };
}

const start: LabAction = { type: 'started', runId: 1, stableId: 'first-run', atMs: 1000, plan: makePlan({ count: 10 }), shares: [5, 5], hidden: false };

describe('liveRunStore', () => {
  it('tells its readers of a report or the timeline’s growth at the next tick of the grid, and of a run’s start, a lane’s first report and its end at once', () => {
    const { grid, tick, subscribers } = manualGrid();
    const page: string[] = [];
    const store = liveRunStore((action) => page.push(action.type), grid);
    let told = 0;
    const leave = store.subscribe(() => (told += 1));
    expect(subscribers.size).toBe(1);

    store.dispatch(start);
    store.dispatch({ type: 'all-ready', runId: 1, startupMs: 30 });
    expect(told).toBe(2);
    store.dispatch({ type: 'progressed', runId: 1, progress: [1, 1] });
    expect(told).toBe(3);
    store.dispatch({ type: 'progressed', runId: 1, progress: [2, 2] });
    store.dispatch({ type: 'timeline', runId: 1, events: [], nowMs: 1000 });
    store.dispatch({ type: 'progressed', runId: 1, progress: [3, 3] });
    expect(told).toBe(3);
    tick();
    // Once for all three, with the latest of them.
    expect(told).toBe(4);
    expect(store.view().fill).toEqual([3, 3]);
    expect(store.view().timeline?.nowMs).toBe(1000);
    tick();
    expect(told).toBe(4);

    store.dispatch({ type: 'progressed', runId: 1, progress: [4, 4] });
    store.dispatch({ type: 'stopped', runId: 1 });
    expect(told).toBe(5);
    expect(page).toEqual(['started', 'all-ready', 'progressed', 'timeline', 'stopped']);
    tick();
    expect(told).toBe(5);

    leave();
    expect(subscribers.size).toBe(0);
  });

  it('moves a fill that alone changed through its own news at the next tick, with no word to the view’s readers', () => {
    const { grid, tick } = manualGrid();
    const store = liveRunStore(() => undefined, grid);
    let told = 0;
    store.subscribe(() => (told += 1));
    const fills: (readonly number[] | null)[] = [];
    store.subscribeFill((fill) => fills.push(fill));
    store.dispatch(start);
    store.dispatch({ type: 'all-ready', runId: 1, startupMs: 30 });
    store.dispatch({ type: 'progressed', runId: 1, progress: [1, 1] });
    expect(told).toBe(3);

    store.dispatch({ type: 'progressed', runId: 1, progress: [2, 2] });
    store.dispatch({ type: 'progressed', runId: 1, progress: [3, 2] });
    tick();
    expect(told).toBe(3);
    expect(fills).toEqual([[3, 2]]);
    expect(store.view().fill).toEqual([3, 2]);
    tick();
    expect(fills).toHaveLength(1);

    // With the timeline's growth the view's readers redraw it all, the latest fill included: no news of the fill then.
    store.dispatch({ type: 'progressed', runId: 1, progress: [4, 3] });
    store.dispatch({ type: 'timeline', runId: 1, events: [], nowMs: 1000 });
    store.dispatch({ type: 'progressed', runId: 1, progress: [5, 4] });
    tick();
    expect(told).toBe(4);
    expect(fills).toHaveLength(1);
    expect(store.view().fill).toEqual([5, 4]);
  });
});
