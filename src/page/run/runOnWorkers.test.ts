import { fileURLToPath } from 'node:url';
import type { CounterWorkerApi, KernelKind } from '../../lab/types';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LaneState } from '../../lab/timeline';
import { CounterService } from '../../workers/counter/counterService';
import { countedTurns, immediateScheduler, inThreadSpawner } from '../../testing/inThreadCounter';
import { notReadyMessage } from '../../lab/texts/workerFailures';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';
import { countingProtocol, FINAL_STATES_TIMEOUT_MS, finalStates, pythonProtocol, runOnWorkers, runPythonOnWorkers, runPythonWaiting, type PythonCounter } from './runOnWorkers';
import { COUNTING_READY_LIMIT_MS, type WorkerHandle } from '../boundary/spawnWorker';
import { freshWorkers, workerPool } from '../boundary/workerSource';
import { compileHandedModule, heldOnce } from '../boundary/pageCountLoop';
import type { Engine } from '../../lab/measurement/kernelChoice';

describe('runOnWorkers', () => {
  it('counts every share, times the run on one clock and disposes every worker', async () => {
    const { spawn, spawned } = inThreadSpawner();
    let readyMs: number | null = null;
    const timings = await runOnWorkers([2_000_001, 2_000_000, 2_000_000], {
      signal: new AbortController().signal,
      source: freshWorkers(spawn),
      onAllReady: (startupMs) => (readyMs = startupMs),
    });
    expect(timings.countedByWorker).toEqual([2_000_001, 2_000_000, 2_000_000]);
    expect(timings.startupMs).toBe(readyMs);
    expect(timings.computeMs).toBeGreaterThan(0);
    expect(timings.wallMs).toBeCloseTo(timings.startupMs + timings.computeMs, 9);
    expect(spawned.map((counter) => counter.name)).toEqual(['Worker 1', 'Worker 2', 'Worker 3']);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('starts no count until every worker is ready', async () => {
    const log: string[] = [];
    class LoggingService extends CounterService {
      constructor(private readonly name: string) {
        super(immediateScheduler);
      }
      override async ready() {
        await new Promise((resolve) => setTimeout(resolve, this.name === 'Worker 1' ? 40 : 5));
        log.push(`ready ${this.name}`);
        return 'js' as const;
      }
      override count(share: number) {
        log.push(`count ${this.name}`);
        return super.count(share);
      }
    }
    const { spawn } = inThreadSpawner((name) => new LoggingService(name));
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn) });
    expect(log.slice(0, 2)).toEqual(['ready Worker 2', 'ready Worker 1']);
    expect(log.slice(2).sort()).toEqual(['count Worker 1', 'count Worker 2']);
  });

  it('passes progress on with the worker it came from', async () => {
    const { spawn } = inThreadSpawner();
    const seen = new Map<number, number>();
    const controller = new AbortController();
    // Shares that never end on their own: the run is stopped once both workers have reported, so the
    // test does not depend on how fast this machine counts (4·10^8 each once ended before worker 1 reported).
    const run = runOnWorkers([1e12, 1e12], {
      signal: controller.signal,
      source: freshWorkers(spawn),
      onProgress: (index, counted) => {
        seen.set(index, Math.max(seen.get(index) ?? 0, counted));
        if (seen.size === 2) controller.abort(new DOMException('Both reported.', 'AbortError'));
      },
    });
    await expect(run).rejects.toThrow('Both reported.');
    // In one thread the two counts take turns, so each reports while the other waits.
    expect([...seen.keys()].sort()).toEqual([0, 1]);
    for (const counted of seen.values()) expect(counted).toBeGreaterThan(0);
    for (const counted of seen.values()) expect(counted).toBeLessThan(1e12);
  });

  it('stops at once when aborted, and disposes every worker', async () => {
    const { spawn, spawned } = inThreadSpawner();
    const controller = new AbortController();
    const run = runOnWorkers([1e12, 1e12], {
      signal: controller.signal,
      source: freshWorkers(spawn),
      onProgress: () => controller.abort(new DOMException('Stopped by the user.', 'AbortError')),
    });
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(spawned).toHaveLength(2);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('spawns nothing for a signal that has already aborted', async () => {
    const { spawn, spawned } = inThreadSpawner();
    await expect(runOnWorkers([10], { signal: AbortSignal.abort(), source: freshWorkers(spawn) })).rejects.toThrow();
    expect(spawned).toHaveLength(0);
  });

  it('ends the run with the failing worker’s message and disposes the others', async () => {
    const inThread = inThreadSpawner();
    const broken: WorkerHandle<CounterWorkerApi>[] = [];
    const spawn = (name: string): WorkerHandle<CounterWorkerApi> => {
      const handle = inThread.spawn(name);
      if (name !== 'Worker 2') return handle;
      const failing = { ...handle, failure: Promise.reject(new Error('Worker 2 failed: its script could not be loaded.')) };
      broken.push(failing);
      return failing;
    };
    await expect(runOnWorkers([1e12, 1e12, 1e12], { signal: new AbortController().signal, source: freshWorkers(spawn) })).rejects.toThrow(
      'Worker 2 failed: its script could not be loaded.',
    );
    expect(inThread.spawned.every((counter) => counter.disposed)).toBe(true);
    expect(broken).toHaveLength(1);
  });

  it('ends the run with one sentence naming the worker whose count throws, and disposes every worker', async () => {
    class BrokenService extends CounterService {
      override count(): Promise<number> {
        return Promise.reject(new Error('The kernel broke.'));
      }
    }
    const { spawn, spawned } = inThreadSpawner((name) => (name === 'Worker 2' ? new BrokenService(immediateScheduler) : new CounterService(immediateScheduler)));
    const run = runOnWorkers([1e12, 1e12, 1e12], { signal: new AbortController().signal, source: freshWorkers(spawn) });
    await expect(run).rejects.toThrow(/^Worker 2 failed while counting: The kernel broke\.$/);
    expect(spawned).toHaveLength(3);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('ends the run with one sentence naming the worker whose start-up throws', async () => {
    class NoWarmUp extends CounterService {
      override ready(): Promise<KernelKind> {
        return Promise.reject(new TypeError('warmUp is not a function'));
      }
    }
    const { spawn, spawned } = inThreadSpawner((name) => (name === 'Worker 1' ? new NoWarmUp(immediateScheduler) : new CounterService(immediateScheduler)));
    await expect(runOnWorkers([10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn) })).rejects.toThrow(
      /^Worker 1 failed while starting: TypeError: warmUp is not a function\.$/,
    );
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });
});

describe('runOnWorkers: the lanes’ events for the timeline', () => {
  type Seen = [lane: number, state: LaneState, atMs: number];

  it('puts every lane in starting, then all in counting at once when the start is sent, then each in done', async () => {
    // The page's clock, moved by the workers' start-ups: Worker 1 is ready after 40 ms, Worker 2 after 5.
    let clock = 1_000;
    class SlowToStart extends CounterService {
      constructor(private readonly name: string) {
        super(immediateScheduler);
      }
      override async ready() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        clock += this.name === 'Worker 1' ? 35 : 5;
        return 'js' as const;
      }
    }
    const { spawn } = inThreadSpawner((name) => new SlowToStart(name));
    const seen: Seen[] = [];
    const timings = await runOnWorkers([3_000_000, 3_000_000], {
      signal: new AbortController().signal,
      source: freshWorkers(spawn),
      now: () => clock,
      onLaneEvent: (lane, state, atMs) => seen.push([lane, state, atMs]),
    });
    // Worker 2 was ready at 5 ms, yet stays 'starting' until the common start at 40 ms: no event at its ready.
    expect(seen.slice(0, 4)).toEqual([
      [0, 'starting', 0],
      [1, 'starting', 0],
      [0, 'counting', 40],
      [1, 'counting', 40],
    ]);
    expect(timings.startupMs).toBe(40);
    expect(seen.slice(4).map(([lane, state]) => `${String(lane)} ${state}`).sort()).toEqual(['0 done', '1 done']);
    expect(seen).toHaveLength(6);
  });

  it('times the events on the page’s clock from the run’s start, done before the run ends', async () => {
    const { spawn } = inThreadSpawner();
    const seen: Seen[] = [];
    const timings = await runOnWorkers([20_000_000, 1_000], {
      signal: new AbortController().signal,
      source: freshWorkers(spawn),
      onLaneEvent: (lane, state, atMs) => seen.push([lane, state, atMs]),
    });
    const at = (lane: number, state: LaneState) => seen.find((event) => event[0] === lane && event[1] === state)?.[2] ?? Number.NaN;
    for (const lane of [0, 1]) {
      expect(at(lane, 'starting')).toBeGreaterThanOrEqual(0);
      expect(at(lane, 'starting')).toBeLessThanOrEqual(timings.startupMs);
      expect(at(lane, 'counting')).toBe(timings.startupMs);
      expect(at(lane, 'done')).toBeGreaterThanOrEqual(timings.startupMs);
      expect(at(lane, 'done')).toBeLessThanOrEqual(timings.wallMs);
    }
  });

  it('puts every lane that is not done in stopped when the run is stopped, and nothing after', async () => {
    const { spawn } = inThreadSpawner();
    const controller = new AbortController();
    const seen: Seen[] = [];
    const run = runOnWorkers([1e12, 1e12], {
      signal: controller.signal,
      source: freshWorkers(spawn),
      onProgress: () => controller.abort(new DOMException('Stopped by the user.', 'AbortError')),
      onLaneEvent: (lane, state, atMs) => seen.push([lane, state, atMs]),
    });
    await expect(run).rejects.toThrow('Stopped by the user.');
    await letMessagesThrough();
    expect(seen.map(([lane, state]) => `${String(lane)} ${state}`)).toEqual(['0 starting', '1 starting', '0 counting', '1 counting', '0 stopped', '1 stopped']);
    const [counting, stopped] = [seen[2][2], seen[4][2]];
    expect(stopped).toBeGreaterThanOrEqual(counting);
    expect(seen[5][2]).toBe(stopped);
  });

  it('puts every lane in stopped when a worker fails to start, and none ever counts', async () => {
    class NoWarmUp extends CounterService {
      override ready(): Promise<KernelKind> {
        return Promise.reject(new TypeError('warmUp is not a function'));
      }
    }
    const { spawn } = inThreadSpawner((name) => (name === 'Worker 1' ? new NoWarmUp(immediateScheduler) : new CounterService(immediateScheduler)));
    const seen: Seen[] = [];
    await expect(
      runOnWorkers([10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn), onLaneEvent: (lane, state, atMs) => seen.push([lane, state, atMs]) }),
    ).rejects.toThrow(/^Worker 1 failed while starting/);
    expect(seen.map(([lane, state]) => `${String(lane)} ${state}`)).toEqual(['0 starting', '1 starting', '0 stopped', '1 stopped']);
  });
});

/** A worker that loaded but never answers ready (a script that hangs in its start-up). */
class NeverReady extends CounterService {
  override ready(): Promise<KernelKind> {
    return new Promise(() => undefined);
  }
}

/** Answers ready at once, without the real warm-up, so that fake time is all that passes. */
class ReadyAtOnce extends CounterService {
  override ready(): Promise<KernelKind> {
    return Promise.resolve('js');
  }
}

/** Lets messages between the page's side and the in-thread workers go through (they are not timers). */
async function letMessagesThrough() {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('runOnWorkers: a worker that never answers ready', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is given COUNTING_READY_LIMIT_MS, then the run ends with a TimeoutError naming it, and every worker is disposed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { spawn, spawned } = inThreadSpawner((name) => (name === 'Worker 2' ? new NeverReady(immediateScheduler) : new ReadyAtOnce(immediateScheduler)));
    let allReady = false;
    let outcome: unknown = null;
    const run = runOnWorkers([10, 10, 10], {
      signal: new AbortController().signal,
      source: freshWorkers(spawn),
      onAllReady: () => (allReady = true),
    }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    void run.then((settled) => (outcome = settled));
    await letMessagesThrough();
    await vi.advanceTimersByTimeAsync(COUNTING_READY_LIMIT_MS - 1);
    await letMessagesThrough();
    expect(outcome).toBeNull();
    expect(spawned.some((counter) => counter.disposed)).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    const error = await run;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect((error as DOMException).message).toBe('Worker 2 did not start within 15 s: it never answered that it was ready.');
    expect(allReady).toBe(false);
    expect(spawned).toHaveLength(3);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('names the first silent worker and how many others when several never answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { spawn, spawned } = inThreadSpawner(() => new NeverReady(immediateScheduler));
    const run = runOnWorkers([10, 10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn) });
    const rejected = expect(run).rejects.toThrow('Worker 1 and 2 others did not start within 15 s: none of them answered that it was ready.');
    await vi.advanceTimersByTimeAsync(COUNTING_READY_LIMIT_MS);
    await rejected;
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('leaves no timer behind after a run that started in time, or one that was stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { spawn } = inThreadSpawner(() => new ReadyAtOnce(immediateScheduler));
    await runOnWorkers([10, 10], { signal: new AbortController().signal, source: freshWorkers(spawn) });
    expect(vi.getTimerCount()).toBe(0);

    const never = inThreadSpawner(() => new NeverReady(immediateScheduler));
    const controller = new AbortController();
    const run = runOnWorkers([10], { signal: controller.signal, source: freshWorkers(never.spawn) });
    controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
    await expect(run).rejects.toThrow('Stopped by the user.');
    expect(vi.getTimerCount()).toBe(0);
    expect(never.spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('says it in one sentence, with the time the run gave them in seconds', () => {
    // From the constant the timer uses, so the sentence cannot drift from the wait it names.
    const seconds = String(COUNTING_READY_LIMIT_MS / 1000);
    expect(notReadyMessage(['Pool worker 3'], COUNTING_READY_LIMIT_MS)).toBe(`Pool worker 3 did not start within ${seconds} s: it never answered that it was ready.`);
    expect(notReadyMessage(['Worker 2', 'Worker 4'], COUNTING_READY_LIMIT_MS)).toBe(`Worker 2 and 1 other did not start within ${seconds} s: none of them answered that it was ready.`);
  });
});

describe('runPythonOnWorkers and runPythonWaiting, with a Python interpreter in each real worker thread', () => {
  const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));
  const prepared = { indexURL: PACKAGE_FOLDER, compiled: null };
  let bundle = '';
  const running: NodeWorkerHandle<PythonCounter>[] = [];

  beforeAll(async () => {
    // Pyodide loads its files from beside itself: left out of the bundle, imported from node_modules.
    bundle = await bundleWorker(new URL('../../workers/python/python.worker.ts', import.meta.url), { external: ['pyodide'] });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(running.splice(0).map((thread) => thread.dispose()));
  });

  const spawnPythonThread = (name: string): WorkerHandle<PythonCounter> => {
    const thread = startNodeWorker<PythonCounter>(bundle, name);
    running.push(thread);
    return {
      name,
      remote: thread.remote,
      failure: thread.failure,
      dispose: () => void thread.dispose(),
      endChildren: () => undefined,
    };
  };

  it('counts every share exactly with the lesson function, lanes from starting to done, and says no kernel', { timeout: 120_000 }, async () => {
    const lanes: [number, LaneState][] = [];
    const timings = await runPythonOnWorkers([1_000_001, 1_000_000], {
      signal: new AbortController().signal,
      source: freshWorkers(spawnPythonThread),
      prepared,
      onLaneEvent: (lane, state) => lanes.push([lane, state]),
    });
    expect(timings.countedByWorker).toEqual([1_000_001, 1_000_000]);
    expect(timings.kernel).toBeUndefined();
    // Start-up is the interpreter's load: far longer than a JavaScript worker's.
    expect(timings.startupMs).toBeGreaterThan(200);
    for (const lane of [0, 1]) expect(lanes.filter(([at]) => at === lane).map(([, state]) => state)).toEqual(['starting', 'counting', 'done']);
  });

  it('stops a pooled Python count within 100 ms through the interrupt buffer, and the pool keeps both workers', { timeout: 120_000 }, async () => {
    const pool = workerPool(spawnPythonThread);
    const controller = new AbortController();
    const progress: number[] = [0, 0];
    const run = runPythonOnWorkers([1e12, 1e12], {
      signal: controller.signal,
      source: pool,
      prepared,
      onProgress: (lane, counted) => (progress[lane] = counted),
    });
    // Once both have reported progress: both threads are inside the lesson's function.
    for (let waited = 0; progress.some((counted) => counted === 0) && waited < 60_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const stoppedAt = performance.now();
    controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
    await expect(run).rejects.toThrow('Stopped by the user.');
    // The run rejects once every worker's count has settled (or STOP_SETTLE_MS has passed, terminating it).
    expect(performance.now() - stoppedAt).toBeLessThan(100);
    expect(pool.idle()).toBe(2);
    // Kept and usable: the next run counts exactly.
    const again = await runPythonOnWorkers([500_000, 500_001], { signal: new AbortController().signal, source: pool, prepared });
    expect(again.countedByWorker).toEqual([500_000, 500_001]);
    pool.dispose();
  });

  it('waits with asyncio in each worker, the waits overlapping', { timeout: 120_000 }, async () => {
    const lanes: [number, LaneState][] = [];
    const timings = await runPythonWaiting([300, 300], {
      signal: new AbortController().signal,
      source: freshWorkers(spawnPythonThread),
      prepared,
      onLaneEvent: (lane, state) => lanes.push([lane, state]),
    });
    expect(timings.waitedMsByWorker.every((waited) => waited >= 299)).toBe(true);
    expect(timings.computeMs).toBeLessThan(550);
    expect(timings.countedByWorker).toEqual([0, 0]);
    for (const lane of [0, 1]) expect(lanes.filter(([at]) => at === lane).map(([, state]) => state)).toEqual(['starting', 'waiting-io', 'done']);
  });
});

describe('countingProtocol', () => {
  /** A fresh in-thread counter in `engine` behind Comlink, and how many turns its event loop has taken so far. */
  const counterIn = (engine: Engine) => {
    const { schedule, turns } = countedTurns();
    const handle = inThreadSpawner(() => new CounterService(schedule, engine)).spawn('Worker 1');
    return { remote: handle.remote, turns, dispose: handle.dispose };
  };
  const pageModule = () => heldOnce(compileHandedModule);

  it('hands the page’s module cold to the first worker, which warms it up, and warm to every worker after, which counts at once', async () => {
    const held = pageModule();
    const protocol = countingProtocol(undefined, held);
    for (const [index, warmsUp] of [true, false, false].entries()) {
      const worker = counterIn('spidermonkey');
      try {
        expect(await protocol.ready(worker.remote)).toBe('wasm');
        if (warmsUp) expect(worker.turns(), `worker ${String(index + 1)}`).toBeGreaterThan(0);
        else expect(worker.turns(), `worker ${String(index + 1)}`).toBe(0);
        expect(held()?.warm).toBe(true);
        expect(await worker.remote.count(3_000_001)).toBe(3_000_001);
      } finally {
        worker.dispose();
      }
    }
  });

  it('hands the module cold to workers readied together before any has warmed it: each warms up', async () => {
    const held = pageModule();
    const protocol = countingProtocol(undefined, held);
    const workers = [counterIn('spidermonkey'), counterIn('v8')];
    try {
      expect(await Promise.all(workers.map((worker) => protocol.ready(worker.remote)))).toEqual(['wasm', 'wasm']);
      for (const worker of workers) expect(worker.turns()).toBeGreaterThan(0);
      expect(held()?.warm).toBe(true);
    } finally {
      for (const worker of workers) worker.dispose();
    }
  });

  it('leaves the module cold where a stop cut a warm-up short, and that worker warms up again at its next ready', async () => {
    const held = pageModule();
    const protocol = countingProtocol(undefined, held);
    const worker = counterIn('spidermonkey');
    try {
      // As a run started during the calibration stops the calibration's pooled worker while it gets ready.
      const ready = protocol.ready(worker.remote);
      await protocol.stop(worker.remote);
      expect(await ready).toBe('wasm');
      expect(held()?.warm).toBe(false);
      const cutShort = worker.turns();
      expect(await protocol.ready(worker.remote)).toBe('wasm');
      expect(worker.turns()).toBeGreaterThan(cutShort);
      expect(held()?.warm).toBe(true);
    } finally {
      worker.dispose();
    }
  });

  it('hands no module where JavaScript is asked for, and leaves the page’s module cold', async () => {
    const held = pageModule();
    const worker = counterIn('spidermonkey');
    try {
      expect(await countingProtocol('js', held).ready(worker.remote)).toBe('js');
      expect(worker.turns()).toBeGreaterThan(0);
      expect(held()?.warm).toBe(false);
    } finally {
      worker.dispose();
    }
  });
});

describe('pythonProtocol', () => {
  it('hands the memory snapshot (30 MB, copied into each message) only to a worker that has not loaded its interpreter yet', async () => {
    const snapshots: (Uint8Array | null | undefined)[] = [];
    const remote = {
      ready: (prepared: { snapshot?: Uint8Array | null }) => {
        snapshots.push(prepared.snapshot);
        return Promise.resolve('python' as const);
      },
    };
    const snapshot = new Uint8Array(8);
    const prepared = { indexURL: '/pyodide/', compiled: null, snapshot };
    const ready = (protocol: ReturnType<typeof pythonProtocol>) => protocol.ready(remote as unknown as Parameters<typeof protocol.ready>[0]);
    await ready(pythonProtocol(prepared));
    // The next run of a pool: a new protocol, the same worker, its interpreter loaded.
    await ready(pythonProtocol(prepared));
    expect(snapshots).toEqual([snapshot, null]);
  });
});

describe('finalStates', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ignores a lane’s states after its last one, and resolves once every lane has ended, its time limit cleared', async () => {
    vi.useFakeTimers();
    const lanes = finalStates(2);
    expect(lanes.record(0, 'counting')).toBe(true);
    expect(lanes.record(0, 'done')).toBe(true);
    expect(lanes.record(0, 'counting')).toBe(false);
    let settled = false;
    const all = lanes.allFinal().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(lanes.record(1, 'stopped')).toBe(true);
    await all;
    expect(settled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    // Every lane ended: the next wait is over at once.
    await lanes.allFinal();
  });

  it('stops waiting for a lane that never sends its last state after FINAL_STATES_TIMEOUT_MS', async () => {
    vi.useFakeTimers();
    const lanes = finalStates(2);
    lanes.record(0, 'done');
    let settled = false;
    const all = lanes.allFinal().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(FINAL_STATES_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await all;
    expect(settled).toBe(true);
  });
});
