import { expose, releaseProxy, wrap } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runLifecycle, STOP_SETTLE_MS, type WorkerProtocol } from './lifecycle';
import type { WorkerHandle } from './spawnWorker';
import { freshWorkers, workerPool } from './workerSource';

/** An API that is not the counter's: what a future kind of worker (a Python interpreter) would bring. */
interface DoublerApi {
  ready(): Promise<string>;
  double(n: number): Promise<number>;
  stop(): void;
}

class Doubler implements DoublerApi {
  stopped = 0;
  readonly #readyAnswer: Promise<string>;
  constructor(readyAnswer: Promise<string> = Promise.resolve('hello')) {
    this.#readyAnswer = readyAnswer;
  }
  ready(): Promise<string> {
    return this.#readyAnswer;
  }
  double(n: number): Promise<number> {
    return Promise.resolve(2 * n);
  }
  stop(): void {
    this.stopped += 1;
  }
}

/** Spawns in-thread workers of the Doubler API behind a MessageChannel, over Comlink's protocol; `fail` fires a worker's `failure`, as an uncaught error would. */
function doublers(make: () => Doubler = () => new Doubler()) {
  const made: { service: Doubler; disposed: boolean; fail: (error: Error) => void }[] = [];
  const spawn = (name: string): WorkerHandle<DoublerApi> => {
    const { port1, port2 } = new MessageChannel();
    let fail: (error: Error) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (fail = reject));
    failure.catch(() => undefined);
    const record = { service: make(), disposed: false, fail };
    made.push(record);
    expose(record.service, port1);
    const remote = wrap<DoublerApi>(port2);
    return {
      name,
      remote,
      failure,
      dispose: () => {
        record.disposed = true;
        remote[releaseProxy]();
        port1.close();
        port2.close();
      },
      endChildren: () => undefined,
    };
  };
  return { spawn, made };
}

/** The Doubler's terms: it says its own ready limit, a minute, as a Python interpreter loading would. */
const doublerProtocol: WorkerProtocol<DoublerApi, string> = {
  readyLimitMs: 60_000,
  ready: (remote) => remote.ready(),
  stop: (remote) => remote.stop(),
};

describe('runLifecycle over any worker API', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes, readies, starts and gives back workers of an API that is not the counter’s', async () => {
    const { spawn, made } = doublers();
    const result = await runLifecycle(3, doublerProtocol, { signal: new AbortController().signal, source: freshWorkers(spawn), now: () => performance.now() }, () => ({
      start: (handle, lane) => handle.remote.double(lane + 1),
    }));
    expect(result.answers).toEqual([2, 4, 6]);
    expect(result.ready).toEqual(['hello', 'hello', 'hello']);
    expect(result.wallMs).toBe(result.startupMs + result.computeMs);
    expect(made.every((worker) => worker.disposed)).toBe(true);
  });

  it('gives each worker the ready limit its API sets, and names it in the sentence', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { spawn, made } = doublers(() => new Doubler(new Promise<string>(() => undefined)));
    let outcome: unknown = null;
    const run = runLifecycle(1, doublerProtocol, { signal: new AbortController().signal, source: freshWorkers(spawn), now: () => performance.now() }, () => ({
      start: (handle) => handle.remote.double(1),
    })).catch((error: unknown) => error);
    void run.then((settled) => (outcome = settled));
    // Past the counting API's 15 s, still waiting.
    await vi.advanceTimersByTimeAsync(59_999);
    expect(outcome).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(((await run) as DOMException).message).toBe('Worker 1 did not start within 60 s: it never answered that it was ready.');
    expect(made[0].disposed).toBe(true);
  });

  it('asks a stopped pool’s workers to stop, and terminates those whose call has not settled by STOP_SETTLE_MS', async () => {
    const { spawn, made } = doublers();
    const pool = workerPool(spawn);
    const controller = new AbortController();
    const from = performance.now();
    const run = runLifecycle(2, doublerProtocol, { signal: controller.signal, source: pool, now: () => performance.now() }, () => ({
      // A task that only the stop ends, as a count does.
      start: () => {
        controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
        return new Promise<number>(() => undefined);
      },
    }));
    await expect(run).rejects.toThrow('Stopped by the user.');
    // Their tasks never settled: asked to stop, then terminated once the limit passed.
    expect(performance.now() - from).toBeGreaterThanOrEqual(STOP_SETTLE_MS - 1);
    expect(made.map((worker) => worker.service.stopped)).toEqual([1, 1]);
    expect(made.every((worker) => worker.disposed)).toBe(true);
    expect(pool.idle()).toBe(0);
  });

  it('keeps no worker of a pool whose run fails after every answer, while it settles', async () => {
    const { spawn, made } = doublers();
    const pool = workerPool(spawn);
    const run = runLifecycle(2, doublerProtocol, { signal: new AbortController().signal, source: pool, now: () => performance.now() }, () => ({
      start: (handle, lane) => handle.remote.double(lane + 1),
      // What travels after the answers never comes: the second worker fails instead.
      settle: () => {
        made[1].fail(new Error('Worker 2 failed: TypeError: It broke after answering.'));
        return new Promise<never>(() => undefined);
      },
    }));
    await expect(run).rejects.toThrow('Worker 2 failed: TypeError: It broke after answering.');
    expect(made.map((worker) => worker.disposed)).toEqual([true, true]);
    expect(pool.idle()).toBe(0);
  });

  it('keeps a run whose every worker has answered when Stop comes while it settles, and keeps the pool’s workers', async () => {
    const { spawn, made } = doublers();
    const pool = workerPool(spawn);
    const controller = new AbortController();
    let settled: () => void = () => undefined;
    const run = runLifecycle(2, doublerProtocol, { signal: controller.signal, source: pool, now: () => performance.now() }, () => ({
      start: (handle, lane) => handle.remote.double(lane + 1),
      // The last states are still travelling when the teacher presses Stop.
      settle: () => {
        controller.abort(new DOMException('Stopped by the user.', 'AbortError'));
        return new Promise<void>((resolve) => (settled = resolve));
      },
    }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    settled();
    expect((await run).answers).toEqual([2, 4]);
    expect(made.map((worker) => worker.service.stopped)).toEqual([0, 0]);
    expect(made.map((worker) => worker.disposed)).toEqual([false, false]);
    expect(pool.idle()).toBe(2);
  });

  it('starts the clock and takes the workers only once the page has drawn (beforeClock), and takes none when stopped meanwhile', async () => {
    const { spawn, made } = doublers();
    let drawn: () => void = () => undefined;
    const readings: number[] = [];
    const now = () => {
      readings.push(performance.now());
      return performance.now();
    };
    const beforeClock = () => new Promise<void>((resolve) => (drawn = resolve));
    const running = runLifecycle(2, doublerProtocol, { signal: new AbortController().signal, source: freshWorkers(spawn), now, beforeClock }, () => ({
      start: (handle, lane) => handle.remote.double(lane + 1),
    }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(made).toHaveLength(0);
    expect(readings).toHaveLength(0);
    drawn();
    expect((await running).answers).toEqual([2, 4]);
    expect(made).toHaveLength(2);

    const controller = new AbortController();
    const stopped = runLifecycle(2, doublerProtocol, { signal: controller.signal, source: freshWorkers(spawn), now, beforeClock }, () => ({
      start: (handle, lane) => handle.remote.double(lane + 1),
    }));
    controller.abort(new DOMException('Stopped', 'AbortError'));
    drawn();
    await expect(stopped).rejects.toThrow('Stopped');
    expect(made).toHaveLength(2);
  });

  it('ends at once when stopped during a wait before the clock that never ends by itself', async () => {
    const { spawn, made } = doublers();
    const controller = new AbortController();
    const stopped = runLifecycle(2, doublerProtocol, { signal: controller.signal, source: freshWorkers(spawn), now: () => performance.now(), beforeClock: () => new Promise<never>(() => undefined) }, () => ({
      start: (handle, lane) => handle.remote.double(lane + 1),
    }));
    controller.abort(new DOMException('Stopped', 'AbortError'));
    await expect(stopped).rejects.toThrow('Stopped');
    expect(made).toHaveLength(0);
  });
});
