import { fileURLToPath } from 'node:url';
import { expose, releaseProxy, wrap } from 'comlink';
import type { KernelKind } from '../../lab/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CounterService } from '../../workers/counter/counterService';
import { immediateScheduler, inThreadSpawner } from '../../testing/inThreadCounter';
import { PythonCounting } from '../../workers/python/pythonCounting';
import { CALIBRATION_BUDGET_MS, CALIBRATION_ROUNDS, measurePythonSpeed, measureSpeed } from './measureSpeed';
import type { PythonCounter } from './runOnWorkers';
import type { WorkerHandle } from '../boundary/spawnWorker';
import { workerPool } from '../boundary/workerSource';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The timers (the budget, the pauses, the retry's wait) run on a fake clock that only this moves,
 * 10 ms a turn of the event loop, until `until()` holds; the in-thread workers count in real turns.
 * Once it stops, the budget cannot run out however long the counting takes on this machine.
 */
async function advanceUntil(until: () => boolean): Promise<void> {
  for (let movedMs = 0; !until(); movedMs += 10) {
    if (movedMs > 60_000) throw new Error('A minute passed on the fake clock and it never happened.');
    await vi.advanceTimersByTimeAsync(10);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Whether a promise has settled yet, for advanceUntil. */
function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
}

/** How many start-ups have ended. */
let startUps = 0;

/** A worker that takes longer than the whole budget to get ready the first time, as WebKit does (350–550 ms). */
class SlowToStart extends CounterService {
  private started = false;
  override async ready(): Promise<KernelKind> {
    if (!this.started) await pause(CALIBRATION_BUDGET_MS + 100);
    this.started = true;
    const kernel = await super.ready();
    startUps += 1;
    return kernel;
  }
}

/** A worker whose counting takes longer than the budget, as on a busy machine. */
class SlowToCount extends CounterService {
  override async count(...args: Parameters<CounterService['count']>): ReturnType<CounterService['count']> {
    await pause(CALIBRATION_BUDGET_MS / 2);
    return super.count(...args);
  }
}

/** Workers of which the first counts too slowly for the budget, and every later one as usual. */
function slowOnlyFirst() {
  let made = 0;
  return inThreadSpawner(() => {
    made += 1;
    return made === 1 ? new SlowToCount(immediateScheduler) : new CounterService(immediateScheduler);
  });
}

describe('measureSpeed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    startUps = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('measures a speed on one warm worker, counting once to warm up and then each round, and lets it go', async () => {
    const counted: number[] = [];
    class Recording extends CounterService {
      override async count(...args: Parameters<CounterService['count']>): ReturnType<CounterService['count']> {
        counted.push(args[0]);
        return super.count(...args);
      }
    }
    const { spawn, spawned } = inThreadSpawner(() => new Recording(immediateScheduler));
    const nsPerCount = await measureSpeed(new AbortController().signal, () => workerPool(spawn));
    expect(nsPerCount).toBeGreaterThan(0);
    expect(nsPerCount).toBeLessThan(100);
    expect(spawned).toHaveLength(1);
    expect(counted).toHaveLength(1 + CALIBRATION_ROUNDS);
    expect(spawned[0].disposed).toBe(true);
  });

  // WebKit took 350–550 ms to start a worker, and the calibration, which counted start-up against its budget, never succeeded.
  it('does not count start-up against its budget', async () => {
    const { spawn, spawned } = inThreadSpawner(() => new SlowToStart(immediateScheduler));
    const measuring = measureSpeed(new AbortController().signal, () => workerPool(spawn));
    // The budget's time passes during the start-up only.
    await advanceUntil(() => startUps === 1);
    const nsPerCount = await measuring;
    expect(nsPerCount).toBeGreaterThan(0);
    expect(spawned).toHaveLength(1);
    expect(spawned[0].disposed).toBe(true);
  });

  it('takes no worker until the page has settled (beforeCounting), and its budget does not run meanwhile', async () => {
    const { spawn, spawned } = inThreadSpawner(() => new CounterService(immediateScheduler));
    let settle: () => void = () => undefined;
    let waits = 0;
    const beforeCounting = () =>
      new Promise<void>((resolve) => {
        waits += 1;
        settle = resolve;
      });
    const measuring = measureSpeed(new AbortController().signal, () => workerPool(spawn), { beforeCounting });
    // Twice the budget passes while the page renders its first screen: nothing is spawned, and nothing runs out.
    await vi.advanceTimersByTimeAsync(CALIBRATION_BUDGET_MS * 2);
    expect(spawned).toHaveLength(0);
    expect(waits).toBe(1);
    settle();
    const nsPerCount = await measuring;
    expect(nsPerCount).toBeGreaterThan(0);
    expect(spawned).toHaveLength(1);
    // Only the first count of a try waits: the rounds on the warm worker do not.
    expect(waits).toBe(1);
  });

  it('waits for the page to settle again before its second try', async () => {
    const { spawn, spawned } = slowOnlyFirst();
    let waits = 0;
    const measuring = measureSpeed(new AbortController().signal, () => workerPool(spawn), {
      beforeCounting: () => {
        waits += 1;
        return Promise.resolve();
      },
    });
    await advanceUntil(() => spawned.length === 2);
    await measuring;
    expect(waits).toBe(2);
  });

  it('tries once more when the first try counts too slowly', async () => {
    const { spawn, spawned } = slowOnlyFirst();
    const measuring = measureSpeed(new AbortController().signal, () => workerPool(spawn));
    // Time passes until the first try has run out of budget and the second has begun.
    await advanceUntil(() => spawned.length === 2);
    const nsPerCount = await measuring;
    expect(nsPerCount).toBeGreaterThan(0);
    expect(spawned).toHaveLength(2);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('gives up after the second try counts too slowly too', async () => {
    const { spawn, spawned } = inThreadSpawner(() => new SlowToCount(immediateScheduler));
    const measuring = measureSpeed(new AbortController().signal, () => workerPool(spawn));
    await advanceUntil(settled(measuring));
    await expect(measuring).rejects.toThrow('took too long');
    expect(spawned).toHaveLength(2);
    expect(spawned.every((counter) => counter.disposed)).toBe(true);
  });

  it('does not try again when it is cancelled', async () => {
    const { spawn, spawned } = inThreadSpawner(() => new SlowToStart(immediateScheduler));
    const controller = new AbortController();
    const measuring = measureSpeed(controller.signal, () => workerPool(spawn));
    setTimeout(() => controller.abort(new Error('A run started.')), 50);
    await advanceUntil(settled(measuring));
    await expect(measuring).rejects.toThrow('A run started.');
    expect(spawned).toHaveLength(1);
    expect(spawned[0].disposed).toBe(true);
  });
});

describe('measurePythonSpeed', () => {
  it('measures ns per count on one Python worker after its start-up and a first count, then terminates it', { timeout: 60_000 }, async () => {
    const service = new PythonCounting({ schedule: (step) => setImmediate(step) });
    const disposed: string[] = [];
    let counts = 0;
    const spawn = (name: string): WorkerHandle<PythonCounter> => {
      const { port1, port2 } = new MessageChannel();
      expose(service, port1);
      const remote = wrap<PythonCounter>(port2);
      return {
        name,
        remote: new Proxy(remote, {
          get: (target, key, receiver) => {
            if (key === 'count') counts += 1;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
        failure: new Promise<never>(() => undefined),
        dispose() {
          disposed.push(name);
          remote[releaseProxy]();
          port1.close();
          port2.close();
        },
        endChildren: () => undefined,
      };
    };
    const prepared = { indexURL: fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url)), compiled: null };
    const nsPerCount = await measurePythonSpeed(new AbortController().signal, () => Promise.resolve(prepared), spawn);
    // CPython's loop in WebAssembly: tens of ns a count here, never the JavaScript kernel's fraction of one.
    expect(nsPerCount).toBeGreaterThan(3);
    expect(nsPerCount).toBeLessThan(1_000);
    expect(counts).toBe(1 + CALIBRATION_ROUNDS);
    expect(disposed).toEqual(['Pool worker 1']);
  });
});
