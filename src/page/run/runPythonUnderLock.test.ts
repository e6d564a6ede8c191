import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LaneState } from '../../lab/timeline';
import type { LockKind, WorkerStateEvent } from '../../lab/types';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';
import type { PythonCounter } from './runOnWorkers';
import { runPythonUnderLock } from './runUnderLock';
import type { WorkerHandle } from '../boundary/spawnWorker';
import { freshWorkers, workerPool } from '../boundary/workerSource';

/*
 * 'Workers sharing one lock' with Python: the Python counting worker (python.worker.ts, the real
 * Pyodide) in real Node worker threads, each blocking in Atomics.wait on its own thread.
 */

const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));
const prepared = { indexURL: PACKAGE_FOLDER, compiled: null };

/** Each worker's states on its own, and every stretch of counting [from, to] (ms since the epoch). */
function stateRecorder() {
  const lanes: WorkerStateEvent[][] = [[], []];
  const onStates = (lane: number, events: readonly WorkerStateEvent[]) => {
    lanes[lane].push(...events);
  };
  const countingSpans = () =>
    lanes
      .flatMap((events, lane) => events.flatMap((event, index) => (event.state === 'counting' ? [{ lane, from: event.atMs, to: events[index + 1]?.atMs ?? Infinity }] : [])))
      .sort((a, b) => a.from - b.from);
  return { lanes, onStates, countingSpans };
}

function expectOneCountingAtATime(spans: { lane: number; from: number; to: number }[]) {
  // Each worker's clock is converted through its own time origin: allow for their rounding.
  for (let index = 1; index < spans.length; index += 1) expect(spans[index].from).toBeGreaterThanOrEqual(spans[index - 1].to - 0.05);
}

describe('runPythonUnderLock: Python workers sharing one lock, in real worker threads', () => {
  /** The worker the page starts; and for the token, the same with Node's own turn of the event loop (pythonCounter.worker.ts). */
  const bundles = { shipped: '', nodeTurns: '' };
  const running: NodeWorkerHandle<PythonCounter>[] = [];

  beforeAll(async () => {
    // Pyodide loads its files from beside itself: left out of the bundle, imported from node_modules.
    bundles.shipped = await bundleWorker(new URL('../../workers/python/python.worker.ts', import.meta.url), { external: ['pyodide'] });
    bundles.nodeTurns = await bundleWorker(new URL('../../testing/pythonCounter.worker.ts', import.meta.url), { external: ['pyodide'] });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(running.splice(0).map((thread) => thread.dispose()));
  });

  const spawnPythonThread = (name: string, lock: LockKind = 'shared-memory'): WorkerHandle<PythonCounter> => {
    const thread = startNodeWorker<PythonCounter>(lock === 'token' ? bundles.nodeTurns : bundles.shipped, name);
    running.push(thread);
    return { name, remote: thread.remote, failure: thread.failure, dispose: () => void thread.dispose(), endChildren: () => undefined };
  };

  for (const lock of ['shared-memory', 'token'] as const satisfies readonly LockKind[]) {
    it(`counts each share exactly with the lesson's function, one worker at a time, the lock changing hands (${lock})`, { timeout: 120_000 }, async () => {
      const record = stateRecorder();
      const laneStates: [number, LaneState][] = [];
      // About 0.3 s of Python each at 28 ns a count: some 60 switch intervals.
      const shares = [10_000_001, 10_000_000];
      const timings = await runPythonUnderLock(shares, {
        signal: new AbortController().signal,
        task: 'cpu',
        lock,
        source: freshWorkers((name) => spawnPythonThread(name, lock)),
        prepared,
        onStates: record.onStates,
        onLaneEvent: (lane, state) => laneStates.push([lane, state]),
      });
      expect(timings.countedByWorker).toEqual(shares);
      expect(timings.lock).toBe(lock);
      expect(timings.kernel).toBeUndefined();
      const spans = record.countingSpans();
      expectOneCountingAtATime(spans);
      // Taking turns: many holds, each lane several times, and the hand-overs counted by the lock itself.
      for (const lane of [0, 1]) expect(spans.filter((span) => span.lane === lane).length).toBeGreaterThanOrEqual(5);
      expect(timings.handovers).toBeGreaterThanOrEqual(10);
      expect(timings.meanHandoverMs).not.toBeNull();
      // The holds last about a switch interval (5 ms): none of a whole share's length.
      const holds = spans.map((span) => span.to - span.from).sort((a, b) => a - b);
      expect(holds[Math.floor(holds.length / 2)]).toBeLessThan(50);
      for (const lane of [0, 1]) {
        const states = laneStates.filter(([at]) => at === lane).map(([, state]) => state);
        expect(states[0]).toBe('starting');
        expect(states.at(-1)).toBe('done');
        expect(states).toContain('waiting-lock');
      }
    });
  }

  it('ends a Python run under the lock within 100 ms of Stop, and the pool keeps both workers, which count exactly again', { timeout: 120_000 }, async () => {
    const pool = workerPool(spawnPythonThread);
    const controller = new AbortController();
    const counting: boolean[] = [false, false];
    const run = runPythonUnderLock([1e12, 1e12], {
      signal: controller.signal,
      task: 'cpu',
      lock: 'shared-memory',
      source: pool,
      prepared,
      onStates: (lane, events) => {
        counting[lane] ||= events.some((event) => event.state === 'counting');
      },
    });
    // Once both have held the lock (their first batch of states comes within 200 ms of it).
    for (let waited = 0; counting.some((seen) => !seen) && waited < 60_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const stoppedAt = performance.now();
    controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(performance.now() - stoppedAt).toBeLessThan(100);
    expect(pool.idle()).toBe(2);
    const again = await runPythonUnderLock([300_001, 300_000], { signal: new AbortController().signal, task: 'cpu', lock: 'shared-memory', source: pool, prepared });
    expect(again.countedByWorker).toEqual([300_001, 300_000]);
    pool.dispose();
  });

  for (const lock of ['shared-memory', 'token'] as const satisfies readonly LockKind[]) {
    it(`waits under the lock, each worker giving it up for its wait, so the waits overlap (${lock})`, { timeout: 120_000 }, async () => {
      const record = stateRecorder();
      const timings = await runPythonUnderLock([400, 400], {
        signal: new AbortController().signal,
        task: 'io',
        lock,
        source: freshWorkers((name) => spawnPythonThread(name, lock)),
        prepared,
        onStates: record.onStates,
      });
      expect(timings.waitedMsByWorker?.every((waited) => waited >= 399)).toBe(true);
      expect(timings.countedByWorker).toEqual([0, 0]);
      // One after the other they would take 800 ms.
      expect(timings.computeMs).toBeLessThan(700);
      for (const lane of [0, 1]) expect(record.lanes[lane].map((event) => event.state)).toEqual(['waiting-lock', 'counting', 'waiting-io', 'waiting-lock', 'counting', 'done']);
      const waits = record.lanes.map((events) => ({ from: events[2].atMs, to: events[3].atMs }));
      expect(Math.max(...waits.map((wait) => wait.from))).toBeLessThan(Math.min(...waits.map((wait) => wait.to)));
    });
  }
});
