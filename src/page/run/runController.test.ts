import { fileURLToPath } from 'node:url';
import { expose, releaseProxy, wrap } from 'comlink';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { initialLabState, labReducer, type LabAction, type LabState } from '../../lab/runState';
import { planSweep } from '../../lab/settings/sweep';
import type { CounterWorkerApi, RunPlan, RunRecord } from '../../lab/types';
import { inThreadSpawner, tickingClock } from '../../testing/inThreadCounter';
import { makePlan, makeRun } from '../../testing/makeRun';
import { nodeGridTimers } from '../../testing/nodeTimers';
import { PythonCounting } from '../../workers/python/pythonCounting';
import type { WorkerHandle } from '../boundary/spawnWorker';
import { freshWorkers, workerPool } from '../boundary/workerSource';
import { storageProblem } from '../../lab/texts/keeping';
import type { RunStore } from '../storage/runStore';
import type { PythonCounter } from './runOnWorkers';
import { COUNTING_REDRAW_MS, createRunController, SETTLE_BETWEEN_RUNS_MS, STARTUP_REDRAW_HOLD_MS, TIMELINE_GROWTH_MS, type RunController, type RunControllerOptions } from './runController';
import { redrawGrid, type RedrawGrid } from '../../lab/redrawGrid';
import { METER_UPDATE_MS } from '../../lab/measurement/frames';

/** A count no in-thread run ends in a test's time: the test stops it. */
const ENDLESS = 1e12;

/** A small run of 2 workers, changed as asked. */
const plan = (overrides: Partial<RunPlan> = {}): RunPlan => makePlan({ count: 2_000, ...overrides });

/** An in-memory store: what it keeps, how often it was read, and (when `failure` is given) a browser that refuses everything. */
function memoryStore(kept: readonly RunRecord[] = [], failure: Error | null = null, lastId = kept.length) {
  const saved: RunRecord[] = [];
  const calls = { load: 0, add: 0, clear: 0 };
  let release: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = false;
  const store: RunStore = {
    load: async () => {
      calls.load += 1;
      if (held) await loaded;
      if (failure) throw failure;
      return { runs: [...kept], lastId, setAside: [], notice: null };
    },
    add: (run) => {
      calls.add += 1;
      if (failure) return Promise.reject(failure);
      // A run it already has is not added again.
      if (!saved.some((kept) => kept.stableId === run.stableId)) saved.push(run);
      return Promise.resolve();
    },
    clear: () => {
      calls.clear += 1;
      if (failure) return Promise.reject(failure);
      saved.length = 0;
      return Promise.resolve();
    },
  };
  /** Holds every reading back until `release()`: a slow IndexedDB. */
  const hold = () => {
    held = true;
    return () => {
      release();
    };
  };
  return { store, saved, calls, hold };
}

/** A page whose visibility the test switches. */
function switchablePage(hidden = false) {
  const listeners = new Set<() => void>();
  const page = {
    hidden,
    listeners,
    visibility: {
      hidden: () => page.hidden,
      subscribe: (onChange: () => void) => {
        listeners.add(onChange);
        return () => {
          listeners.delete(onChange);
        };
      },
    },
    set(nowHidden: boolean) {
      page.hidden = nowHidden;
      for (const listener of [...listeners]) listener();
    },
  };
  return page;
}

/** Every controller a test built: disposed after it, so that no endless run outlives a failed test. */
const built: RunController[] = [];

/**
 * A controller over in-thread workers, with the page's reducer standing in for React:
 * every action in order, the state they lead to, and each storage notice. `onAction`
 * sees each action after the state took it (to stop a run at a given moment).
 */
function lab(options: Partial<RunControllerOptions> & { onAction?: (action: LabAction, state: LabState) => void } = {}) {
  const { spawn, spawned } = inThreadSpawner();
  const actions: LabAction[] = [];
  const notices: (string | null)[] = [];
  const page = switchablePage();
  let state = initialLabState;
  let named = 0;
  const { onAction, ...rest } = options;
  const controller = createRunController({
    dispatch: (action) => {
      actions.push(action);
      state = labReducer(state, action);
      onAction?.(action, state);
    },
    store: null,
    now: () => performance.now(),
    visibility: page.visibility,
    workers: { fresh: () => freshWorkers(spawn), pool: () => workerPool(spawn) },
    onStorageNotice: (notice) => notices.push(notice),
    newId: () => `run-${String(++named)}`,
    // The page's grid on Node's timers (fake in the tests that fake them).
    redraws: redrawGrid(METER_UPDATE_MS, nodeGridTimers()),
    ...rest,
  });
  built.push(controller);
  return { controller, actions, notices, page, spawned, state: () => state, types: () => actions.map((action) => action.type) };
}

/** Lets the in-thread workers and the page's promises run (setImmediate stays real under these tests' fake timers). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(condition: () => boolean) {
  for (let turns = 0; !condition(); turns += 1) {
    if (turns > 100_000) throw new Error('The condition never held.');
    await turn();
  }
}

afterEach(() => {
  for (const controller of built.splice(0)) controller.dispose();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createRunController', () => {
  it('creates nothing when built: no worker, no reading of the store', () => {
    const { store, calls } = memoryStore();
    const { spawned, actions } = lab({ store });
    expect(calls).toEqual({ load: 0, add: 0, clear: 0 });
    expect(spawned).toHaveLength(0);
    expect(actions).toHaveLength(0);
  });

  it('makes no ids of its own: whoever builds it passes newId (the page, newUniqueId)', () => {
    // Checked by the type checker (tsc -b): an optional newId would let the controller reach for crypto and Date.
    expectTypeOf<Pick<RunControllerOptions, 'newId'>>().toEqualTypeOf<{ newId: () => string }>();
  });

  it('runs a plan, dispatches its life in order and keeps its record', async () => {
    // No redraw comes between (a slow moment would add one): only the run's own steps, and the last drawing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store, saved } = memoryStore();
    const { controller, actions, spawned, state, types } = lab({ store });
    const pressedAtMs = performance.now();
    await controller.start(plan());
    expect(types().filter((type) => type !== 'progressed')).toEqual(['restored', 'started', 'all-ready', 'timeline', 'finished']);
    expect(actions[1]).toMatchObject({ type: 'started', runId: 1, stableId: 'run-1', shares: [1_000, 1_000], hidden: false, discard: false });
    // When the page started it, on its own clock: the frame meter looks for the longest frame from there.
    const { atMs } = actions[1] as Extract<LabAction, { type: 'started' }>;
    expect(atMs).toBeGreaterThanOrEqual(pressedAtMs);
    expect(atMs).toBeLessThanOrEqual(performance.now());
    expect(state().timeline?.startedAtMs).toBe(atMs);
    const [run] = state().runs;
    expect(run).toMatchObject({ id: 1, stableId: 'run-1', workers: 2, status: 'done', counted: 2_000, hiddenDuringRun: false });
    await until(() => saved.length > 0);
    expect(saved).toEqual([run]);
    // Fresh workers: both terminated with the run.
    expect(spawned.map((counter) => counter.disposed)).toEqual([true, true]);
  });

  it('waits for the kept runs before a run, and numbers it after them', async () => {
    // Two kept runs, and sweeps of another tab numbered after them (3 to 5): a sweep's number is no run's.
    const kept = [makeRun(1, 100, { id: 1 }), makeRun(2, 60, { id: 2 })];
    const { store, calls, hold } = memoryStore(kept, null, 5);
    const release = hold();
    const { controller, types, state } = lab({ store });
    const run = controller.start(plan());
    await turn();
    await turn();
    expect(types()).toEqual([]);
    release();
    await run;
    expect(types().slice(0, 2)).toEqual(['restored', 'started']);
    expect(state().runs.map((record) => record.id)).toEqual([1, 2, 3]);
    // A second run does not read the store again.
    await controller.start(plan());
    expect(calls.load).toBe(1);
    expect(state().runs.map((record) => record.id)).toEqual([1, 2, 3, 4]);
  });

  it('waits for beforeRun (a service worker installing) before a run takes its workers, its clock not started meanwhile', async () => {
    let settle: () => void = () => undefined;
    const installing = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const beforeRun = vi.fn(() => installing);
    // The page's clock, moved on by the test while the run waits.
    let waitedMs = 0;
    const { controller, spawned, state, types } = lab({ beforeRun, now: () => performance.now() + waitedMs });
    const started = controller.start(plan());
    await until(() => beforeRun.mock.calls.length === 1);
    for (let turns = 0; turns < 100; turns += 1) await turn();
    expect(spawned).toHaveLength(0);
    expect(types()).toEqual(['started']);
    waitedMs = 10_000;
    settle();
    await started;
    const [run] = state().runs;
    expect(run).toMatchObject({ status: 'done', counted: 2_000 });
    expect(spawned).toHaveLength(2);
    // The wait (10 s on the page's clock) is not the run's: its wall-clock time starts after it.
    expect(run.wallMs).toBeLessThan(10_000);
    // Each run waits again: a new version may be installing by then.
    await controller.start(plan());
    expect(beforeRun).toHaveBeenCalledTimes(2);
  });

  it('says it is busy from the call that starts a run or a sweep until it ends, before any state says so', async () => {
    const { controller, types } = lab();
    expect(controller.busy()).toBe(false);
    const run = controller.start(plan());
    expect(controller.busy()).toBe(true);
    expect(types()).toEqual([]);
    await run;
    expect(controller.busy()).toBe(false);
    const sweep = controller.startSweep(planSweep([1, 2], 1), plan());
    expect(controller.busy()).toBe(true);
    await sweep;
    expect(controller.busy()).toBe(false);
  });

  it('a Stop while a run waits for beforeRun ends it stopped, and no worker is started', async () => {
    const { controller, spawned, state } = lab({ beforeRun: () => new Promise<never>(() => undefined) });
    const started = controller.start(plan());
    await turn();
    controller.stop();
    await started;
    expect(state().runs.at(-1)?.status).toBe('stopped');
    expect(spawned).toHaveLength(0);
  });

  it('a Stop before the kept runs are back starts no run and no sweep', async () => {
    const { store, hold } = memoryStore([makeRun(1, 100, { id: 1 })]);
    const release = hold();
    const { controller, types, state } = lab({ store });
    const run = controller.start(plan());
    controller.stop();
    release();
    await run;
    const heldAgain = memoryStore([], null);
    const releaseAgain = heldAgain.hold();
    const other = lab({ store: heldAgain.store });
    const sweep = other.controller.startSweep(planSweep([1], 1), plan());
    other.controller.stop();
    releaseAgain();
    await sweep;
    expect(types()).toEqual(['restored']);
    expect(state().runs.map((record) => record.id)).toEqual([1]);
    expect(other.types()).toEqual(['restored']);
    // Free again: the next run starts.
    await controller.start(plan());
    expect(state().runs.map((record) => [record.id, record.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
    ]);
  });

  it('a Stop leaves a stopped run with what was counted up to it, and keeps it', async () => {
    const { store, saved } = memoryStore();
    const harness = lab({
      store,
      onAction: (action) => {
        if (action.type === 'progressed' && action.progress.every((counted) => counted > 0)) harness.controller.stop();
      },
    });
    await harness.controller.start(plan({ count: ENDLESS }));
    const types = harness.types();
    expect(types.at(-1)).toBe('stopped');
    const drawn = harness.actions.flatMap((action) => (action.type === 'progressed' ? [action.progress.reduce((a, b) => a + b, 0)] : []));
    const run = harness.state().runs.at(-1);
    expect(run).toMatchObject({ id: 1, status: 'stopped', computeMs: null, wallMs: null });
    // What the bars showed at the stop (drawn once more as it ends): what the record says was counted.
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    expect(run?.counted).toBe(drawn.at(-1));
    expect(run?.counted).toBeGreaterThan(0);
    expect(run?.counted).toBeLessThan(ENDLESS);
    expect(harness.state().lanes?.phase).toBe('stopped');
    expect(harness.spawned.every((counter) => counter.disposed)).toBe(true);
    await until(() => saved.length > 0);
    expect(saved).toEqual([run]);
    // The controller is free again: the next run starts.
    await harness.controller.start(plan());
    expect(harness.state().runs.map((record) => record.status)).toEqual(['stopped', 'done']);
  });

  it('marks a run during which the page was hidden, and stops listening after it', async () => {
    const harness = lab({
      onAction: (action) => {
        if (action.type === 'all-ready') harness.page.set(true);
        if (action.type === 'hidden') harness.controller.stop();
      },
    });
    expect(harness.page.listeners.size).toBe(0);
    const run = harness.controller.start(plan({ count: ENDLESS }));
    await until(() => harness.page.listeners.size === 1);
    await run;
    expect(harness.types()).toContain('hidden');
    expect(harness.state().runs[0]?.hiddenDuringRun).toBe(true);
    expect(harness.page.listeners.size).toBe(0);
  });

  it('marks a run started while the page is hidden', async () => {
    const harness = lab();
    harness.page.hidden = true;
    await harness.controller.start(plan());
    expect(harness.actions[0]).toMatchObject({ type: 'started', hidden: true });
    expect(harness.state().runs[0]).toMatchObject({ status: 'done', hiddenDuringRun: true });
  });

  it('a sweep runs its steps in order, pauses between them, and keeps every run but the warm-up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store, saved } = memoryStore();
    const harness = lab({ store });
    const steps = planSweep([1, 2], 1);
    const sweep = harness.controller.startSweep(steps, plan(), (workers) => 100 * workers);
    await until(() => harness.types().includes('finished'));
    // The warm-up has ended; the next run waits out the pause.
    await vi.advanceTimersByTimeAsync(SETTLE_BETWEEN_RUNS_MS - 1);
    expect(harness.types().filter((type) => type === 'sweep-step')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => harness.types().filter((type) => type === 'finished').length === 2);
    await vi.advanceTimersByTimeAsync(SETTLE_BETWEEN_RUNS_MS);
    await sweep;

    const sweepSteps = harness.actions.flatMap((action) => (action.type === 'sweep-step' ? [[action.sweepId, action.step, action.steps, action.warmUp]] : []));
    expect(sweepSteps).toEqual([
      [1, 1, 3, true],
      [1, 2, 3, false],
      [1, 3, 3, false],
    ]);
    const started = harness.actions.flatMap((action) => (action.type === 'started' ? [[action.runId, action.plan.workers, action.plan.sweepId, action.plan.predictionMs, action.discard]] : []));
    // The warm-up takes the number the next run would have and, kept by none, leaves it to that run: Results show 1, 2.
    expect(started).toEqual([
      [1, 2, 1, 200, true],
      [1, 1, 1, 100, false],
      [2, 2, 1, 200, false],
    ]);
    expect(harness.types().at(-1)).toBe('sweep-ended');
    expect(harness.actions.at(-1)).toEqual({ type: 'sweep-ended', sweepId: 1 });
    expect(harness.state().sweep).toBeNull();
    expect(harness.state().stoppedSweep).toBeNull();
    expect(harness.state().runs.map((run) => [run.id, run.workers, run.status])).toEqual([
      [1, 1, 'done'],
      [2, 2, 'done'],
    ]);
    await until(() => saved.length === 2);
    expect(saved).toEqual(harness.state().runs);
  });

  it('a sweep stops at Stop: the run going is recorded stopped and no further step starts', async () => {
    const harness = lab({
      onAction: (action, state) => {
        // Stop the second run once its workers count.
        if (action.type === 'all-ready' && state.sweep?.step === 2) harness.controller.stop();
      },
    });
    await harness.controller.startSweep(
      [
        { workers: 1, warmUp: true },
        { workers: 2, warmUp: false },
        { workers: 1, warmUp: false },
      ],
      { ...plan(), count: ENDLESS / 1e6 },
    );
    expect(harness.actions.flatMap((action) => (action.type === 'sweep-step' ? [action.step] : []))).toEqual([1, 2]);
    expect(harness.types().slice(-2)).toEqual(['stopped', 'sweep-ended']);
    expect(harness.state().runs.map((run) => [run.id, run.status])).toEqual([[1, 'stopped']]);
    expect(harness.state().sweep).toBeNull();
    expect(harness.state().stoppedSweep).toEqual({ id: 1, step: 2, steps: 3, stop: 'during-run' });
  });

  it('a failed run ends the sweep, and is kept even as its warm-up', async () => {
    const cannotStart = () => freshWorkers<CounterWorkerApi>(() => {
      throw new Error('No worker could be started.');
    });
    const harness = lab({ workers: { fresh: cannotStart, pool: cannotStart } });
    await harness.controller.startSweep(planSweep([1, 2], 1), plan());
    expect(harness.types()).toEqual(['sweep-step', 'started', 'timeline', 'failed', 'sweep-ended']);
    expect(harness.state().runs.map((run) => [run.id, run.status, run.error])).toEqual([[1, 'failed', 'No worker could be started.']]);
    expect(harness.state().stoppedSweep).toBeNull();
  });

  it('a Stop in the pause between a sweep\'s runs ends the pause and starts no further run', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const harness = lab();
    let ended = false;
    const sweep = harness.controller.startSweep(planSweep([1, 2], 1), plan()).then(() => (ended = true));
    await until(() => harness.types().includes('finished'));
    await turn();
    harness.controller.stop();
    // No timer moves: only the stop can end the pause.
    await until(() => ended);
    await sweep;
    expect(harness.types().filter((type) => type === 'started')).toHaveLength(1);
    expect(harness.types().at(-1)).toBe('sweep-ended');
    // Stopped after its first run (the warm-up) of 3: the page says so.
    expect(harness.actions.at(-1)).toEqual({ type: 'sweep-ended', sweepId: 1, stopped: 'after-run' });
    expect(harness.state().stoppedSweep).toEqual({ id: 1, step: 1, steps: 3, stop: 'after-run' });
  });

  it('numbers the runs shown 1, 2, 3 … across sweeps and single runs, and from 1 again after Clear', async () => {
    const harness = lab();
    await harness.controller.startSweep(planSweep([1, 2], 1), plan());
    await harness.controller.start(plan());
    await harness.controller.startSweep(planSweep([1], 1), plan());
    expect(harness.state().runs.map((run) => [run.id, run.sweepId])).toEqual([
      [1, 1],
      [2, 1],
      [3, null],
      [4, 2],
    ]);
    await harness.controller.clear();
    await harness.controller.start(plan());
    expect(harness.state().runs.map((run) => run.id)).toEqual([1]);
  });

  it('grows a quiet timeline every 2 s and redraws counting workers once a second: every redraw takes from the workers', () => {
    expect(TIMELINE_GROWTH_MS).toBe(2000);
    expect(COUNTING_REDRAW_MS).toBe(2 * METER_UPDATE_MS);
  });

  it('hands progress on at every tick of the page’s redraws and never between, once a second while workers count, and a quiet timeline every TIMELINE_GROWTH_MS', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // The worker's clock moves 50 ms at every reading: it counts in small chunks and reports after a few, far more often than the page redraws.
    vi.spyOn(performance, 'now').mockImplementation(tickingClock(50));
    const harness = lab();
    let fakeMs = 0;
    const progressedAt: number[] = [];
    const quietTimelineAt: number[] = [];
    const run = harness.controller.start(plan({ workers: 1, count: ENDLESS }));
    await until(() => harness.types().includes('all-ready'));
    // 50 ms steps of the page's timers, the worker counting (and reporting) between them, long enough for two quiet timelines.
    const spanMs = 2.5 * TIMELINE_GROWTH_MS;
    while (fakeMs < spanMs) {
      const seen = harness.actions.length;
      await vi.advanceTimersByTimeAsync(50);
      fakeMs += 50;
      for (let turns = 0; turns < 20; turns += 1) await turn();
      for (const action of harness.actions.slice(seen)) {
        if (action.type === 'progressed') progressedAt.push(fakeMs);
        if (action.type === 'timeline' && action.events.length === 0) quietTimelineAt.push(fakeMs);
      }
    }
    harness.controller.stop();
    await run;
    // Progress handed on at every tick of the grid, and none between: the tick already due when the
    // workers were ready (METER_UPDATE_MS), then one every COUNTING_REDRAW_MS while they count.
    const ticks = Array.from({ length: Math.floor((spanMs - METER_UPDATE_MS) / COUNTING_REDRAW_MS) + 1 }, (_, index) => METER_UPDATE_MS + index * COUNTING_REDRAW_MS);
    expect(progressedAt).toEqual(ticks);
    expect(quietTimelineAt.length).toBeGreaterThanOrEqual(2);
    for (const [index, at] of quietTimelineAt.slice(1).entries()) expect(at - (quietTimelineAt[index] ?? 0)).toBe(TIMELINE_GROWTH_MS);
  });

  it('redraws less often from a count’s first progress until the run ends, and keeps the beat for the page’s own thread', async () => {
    const grid = redrawGrid(METER_UPDATE_MS, nodeGridTimers());
    const seen: string[] = [];
    const redraws: RedrawGrid = {
      subscribe: grid.subscribe,
      hold: grid.hold,
      slow: (periodMs) => {
        seen.push(`slow ${String(periodMs)}`);
        const release = grid.slow(periodMs);
        return () => {
          seen.push('back');
          release();
        };
      },
    };
    const harness = lab({
      redraws,
      onAction: (action) => {
        if (action.type === 'all-ready' || action.type === 'progressed' || action.type === 'finished' || action.type === 'stopped') seen.push(action.type);
      },
    });
    // A count too short to report progress is never slowed: its bars are drawn at the usual beat.
    await harness.controller.start(plan());
    expect(seen).toEqual(['all-ready', 'finished']);
    seen.length = 0;
    // The worker's clock moves 50 ms at every reading, so it reports progress every PROGRESS_INTERVAL_MS.
    vi.spyOn(performance, 'now').mockImplementation(tickingClock(50));
    const run = harness.controller.start(plan({ workers: 1, count: ENDLESS }));
    await until(() => seen.includes('progressed'));
    harness.controller.stop();
    await run;
    // Slowed as the first progress came, before the tick that draws it: that tick was already due at the usual beat.
    expect(seen.slice(0, 3)).toEqual(['all-ready', `slow ${String(COUNTING_REDRAW_MS)}`, 'progressed']);
    expect(seen.slice(-2)).toEqual(['stopped', 'back']);
    expect(seen.filter((step) => step.startsWith('slow'))).toHaveLength(1);
    seen.length = 0;
    // The page's own thread counting reports progress too, and keeps the usual beat.
    const onThePage = harness.controller.start(plan({ model: 'main-thread', workers: 1, count: ENDLESS }));
    await until(() => seen.includes('progressed'));
    harness.controller.stop();
    await onThePage;
    expect(seen).toContain('stopped');
    expect(seen).not.toContain(`slow ${String(COUNTING_REDRAW_MS)}`);
  });

  it('holds the page\'s redraws from a run\'s start until every worker is ready, so its thread is idle while they start', async () => {
    const grid = redrawGrid(METER_UPDATE_MS, nodeGridTimers());
    const seen: string[] = [];
    const redraws: RedrawGrid = {
      subscribe: grid.subscribe,
      hold: (limitMs) => {
        seen.push(`hold ${String(limitMs)}`);
        const release = grid.hold(limitMs);
        return () => {
          seen.push('release');
          release();
        };
      },
      slow: grid.slow,
    };
    const { controller } = lab({
      redraws,
      onAction: (action) => {
        if (action.type === 'started' || action.type === 'all-ready' || action.type === 'finished') seen.push(action.type);
      },
    });
    await controller.start(plan());
    // Released once more as the run ends (a release is safe twice): a run that fails before it is ready lets the redraws go too.
    expect(seen).toEqual(['started', `hold ${String(STARTUP_REDRAW_HOLD_MS)}`, 'all-ready', 'release', 'finished', 'release']);
  });

  it('a store that refuses everything gives the storage sentence once, and loses no run', async () => {
    const refusal = new Error('The quota is full');
    const { store, calls } = memoryStore([], refusal);
    const { controller, notices, state } = lab({ store });
    await controller.start(plan());
    await controller.start(plan({ workers: 1 }));
    await until(() => calls.add === 2);
    await turn();
    expect(notices).toEqual([storageProblem(refusal)]);
    expect(state().runs.map((run) => [run.id, run.workers, run.status])).toEqual([
      [1, 2, 'done'],
      [2, 1, 'done'],
    ]);
    // Dismissed, the sentence comes back at the next refusal.
    controller.dismissStorageNotice();
    await controller.clear();
    expect(calls.clear).toBe(1);
    expect(notices).toEqual([storageProblem(refusal), null, storageProblem(refusal)]);
  });

  it('keeps a pool between runs, lets it go for fresh workers, and disposes it', async () => {
    const harness = lab();
    await harness.controller.start(plan({ pooled: true }));
    await harness.controller.start(plan({ pooled: true }));
    // The second run took the pool's two idle workers.
    expect(harness.spawned.map((counter) => [counter.name, counter.disposed])).toEqual([
      ['Pool worker 1', false],
      ['Pool worker 2', false],
    ]);
    await harness.controller.start(plan({ workers: 1 }));
    expect(harness.spawned.map((counter) => counter.disposed)).toEqual([true, true, true]);
    await harness.controller.start(plan({ pooled: true, workers: 1 }));
    expect(harness.spawned.at(-1)).toMatchObject({ name: 'Pool worker 1', disposed: false });
    harness.controller.dispose();
    expect(harness.spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('dispose stops the run going and leaves the controller usable (StrictMode mounts twice)', async () => {
    const { store, calls } = memoryStore();
    const harness = lab({
      store,
      onAction: (action) => {
        if (action.type === 'all-ready' && harness.state().runs.length === 0) harness.controller.dispose();
      },
    });
    void harness.controller.restore();
    harness.controller.dispose();
    void harness.controller.restore();
    await harness.controller.start(plan({ count: ENDLESS }));
    expect(harness.state().runs.map((run) => run.status)).toEqual(['stopped']);
    await harness.controller.start(plan());
    expect(harness.state().runs.map((run) => run.status)).toEqual(['stopped', 'done']);
    expect(calls.load).toBe(1);
  });

  it('starts nothing while a run goes, and nothing for an empty sweep', async () => {
    const harness = lab();
    const first = harness.controller.start(plan());
    await harness.controller.start(plan({ workers: 1 }));
    await harness.controller.startSweep([], plan());
    await first;
    expect(harness.types().filter((type) => type === 'started' || type === 'sweep-step')).toEqual(['started']);
    expect(harness.state().runs.map((run) => run.workers)).toEqual([2]);
  });

  it('clear forgets the runs, kept ones included', async () => {
    const { store, saved, calls } = memoryStore();
    const { controller, state } = lab({ store });
    await controller.start(plan());
    await until(() => saved.length === 1);
    // With no reading going, at once.
    const clearing = controller.clear();
    expect(state().runs).toEqual([]);
    expect(calls.clear).toBe(1);
    await clearing;
    expect(saved).toEqual([]);
  });

  it('a Clear while the kept runs are read waits for them, so they do not come back after it', async () => {
    const { store, calls, hold } = memoryStore([makeRun(1, 100, { id: 1 })]);
    const release = hold();
    const { controller, state, types } = lab({ store });
    void controller.restore();
    const cleared = controller.clear();
    await turn();
    // The store is not cleared while its reading (which may store older records again) goes.
    expect(calls.clear).toBe(0);
    release();
    await cleared;
    await controller.restore();
    expect(types()).toEqual(['restored', 'cleared']);
    expect(state().runs).toEqual([]);
    expect(calls).toEqual({ load: 1, add: 0, clear: 1 });
  });
});

describe('createRunController with Python', () => {
  const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));
  /** One interpreter in this thread for the block, behind a MessageChannel per handle, as a Python worker would be. */
  const service = new PythonCounting({ schedule: (step) => setImmediate(step) });
  function pythonWorkers() {
    const spawned: { name: string; disposed: boolean }[] = [];
    let prepared = 0;
    const spawn = (name: string): WorkerHandle<PythonCounter> => {
      const { port1, port2 } = new MessageChannel();
      expose(service, port1);
      const remote = wrap<PythonCounter>(port2);
      const record = { name, disposed: false };
      spawned.push(record);
      return {
        name,
        remote,
        failure: new Promise<never>(() => undefined),
        dispose() {
          record.disposed = true;
          remote[releaseProxy]();
          port1.close();
          port2.close();
        },
        endChildren: () => undefined,
      };
    };
    const python = {
      fresh: () => freshWorkers(spawn),
      pool: () => workerPool(spawn),
      prepare: () => {
        prepared += 1;
        return Promise.resolve({ indexURL: PACKAGE_FOLDER, compiled: null });
      },
    };
    return { python, spawned, prepared: () => prepared };
  }

  it('runs a plan in Python on Python workers, pooled apart from JavaScript ones, and records its language and no kernel', { timeout: 60_000 }, async () => {
    const { python, spawned, prepared } = pythonWorkers();
    const { spawn, spawned: javascript } = inThreadSpawner();
    const { controller, state } = lab({ workers: { fresh: () => freshWorkers(spawn), pool: () => workerPool(spawn), python } });
    await controller.start(plan({ count: 300_001, language: 'python', pooled: true }));
    const record = state().runs.at(-1);
    expect(record?.status).toBe('done');
    expect(record?.counted).toBe(300_001);
    expect(record?.language).toBe('python');
    expect(record?.kernel).toBeUndefined();
    expect(javascript).toHaveLength(0);
    expect(spawned.map((worker) => worker.name)).toEqual(['Pool worker 1', 'Pool worker 2']);
    // The pool keeps them for the next Python run; a JavaScript run takes workers of its own.
    await controller.start(plan({ count: 2_000, language: 'python', pooled: true }));
    expect(spawned).toHaveLength(2);
    await controller.start(plan({ count: 2_000, pooled: true }));
    expect(state().runs.at(-1)?.language).toBeUndefined();
    expect(javascript).toHaveLength(2);
    expect(prepared()).toBe(2);
    controller.dispose();
    expect(spawned.every((worker) => worker.disposed)).toBe(true);
  });

  it('Stop ends a Python run still waiting for Python to load, and no worker is started', async () => {
    const { python, spawned } = pythonWorkers();
    const loading = { ...python, prepare: () => new Promise<never>(() => undefined) };
    const { spawn } = inThreadSpawner();
    const { controller, state } = lab({ workers: { fresh: () => freshWorkers(spawn), pool: () => workerPool(spawn), python: loading } });
    const started = controller.start(plan({ language: 'python' }));
    await turn();
    controller.stop();
    await started;
    expect(state().runs.at(-1)?.status).toBe('stopped');
    expect(spawned).toHaveLength(0);
  });

  it('fails a Python run with one sentence where the page has no Python', async () => {
    const { controller, state } = lab();
    await controller.start(plan({ language: 'python' }));
    expect(state().runs.at(-1)?.status).toBe('failed');
    expect(state().runs.at(-1)?.error).toContain('Python is not loaded yet');
  });
});
