import { expose, wrap } from 'comlink';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';
import type { FamilyApi, FamilyKind } from '../../testing/family.worker';
import type { WorkerHandle } from './spawnWorker';
import { createWorkerHost, serveHost, type SpawnedWorker } from './workerHost';
import { workerPool } from './workerSource';

const READY_LIMITS_MS: Readonly<Record<FamilyKind, number>> = { family: 15_000, broken: 15_000 };

describe('a worker asks the page for another worker, across real worker threads', () => {
  const bundles = {} as Record<FamilyKind, string>;
  /** Every thread the tests started, the page's own and the ones workers asked for. */
  const threads: NodeWorkerHandle<unknown>[] = [];

  beforeAll(async () => {
    bundles.family = await bundleWorker(new URL('../../testing/family.worker.ts', import.meta.url));
    bundles.broken = await bundleWorker(new URL('../../testing/broken.worker.ts', import.meta.url));
  });

  afterEach(async () => {
    await Promise.all(threads.splice(0).map((thread) => thread.dispose()));
  });

  /** The page's spawn as spawnWorker offers it: every worker gets a host, and disposing it disposes what it started. */
  function spawn(kind: FamilyKind, name: string): SpawnedWorker & { hosted: ReturnType<typeof serveHost<FamilyKind>>; endChildren: () => void } {
    const thread = startNodeWorker<FamilyApi>(bundles[kind], name);
    threads.push(thread);
    const hosted = serveHost(thread, { spawn, readyLimitsMs: READY_LIMITS_MS });
    return {
      ...thread,
      hosted,
      dispose() {
        hosted.dispose();
        return thread.dispose();
      },
      endChildren: hosted.stopAll,
    };
  }
  const spawnFamily = (name: string) => spawn('family', name) as ReturnType<typeof spawn> & NodeWorkerHandle<FamilyApi>;
  const threadOf = (name: string) => threads.find((thread) => thread.name === name);
  const allStopped = () => expect(threads.map((thread) => [thread.name, thread.threadId])).toEqual(threads.map((thread) => [thread.name, -1]));

  it("starts a child in a thread of its own and lets the parent call the child's API directly", async () => {
    const parent = spawnFamily('Parent');
    const answer = await parent.remote.startChild('family', 'Child 1', 2, 3);
    expect(answer.sum).toBe(5);
    const parentThread = await parent.remote.threadId();
    expect(answer.childThreadId).toBe(threadOf('Child 1')?.threadId);
    expect(new Set([threadId, parentThread, answer.childThreadId]).size).toBe(3);
    expect(parent.hosted.running()).toEqual(['Child 1']);
    // With the page's thread blocked, an answer relayed by the page could not arrive.
    const cells = new Int32Array(new SharedArrayBuffer(4));
    await parent.remote.sumWhileThePageWaits('Child 1', 20, 22, cells);
    expect(Atomics.wait(cells, 0, 0, 5000)).not.toBe('timed-out');
    expect(cells[0]).toBe(42);
  });

  it('tells the parent, in one sentence naming the child, that a child failed while loading, and keeps no thread of it', async () => {
    const parent = spawnFamily('Parent');
    expect(await parent.remote.startFailure('broken', 'Broken child')).toBe('Broken child failed: It broke while loading.');
    expect(parent.hosted.running()).toEqual([]);
    await vi.waitFor(() => {
      expect(threadOf('Broken child')?.threadId).toBe(-1);
    }, { timeout: 5000 });
  });

  it("hands a child's failure outside any call to the parent's `failure`, naming the child", async () => {
    const parent = spawnFamily('Parent');
    await parent.remote.startChild('family', 'Child 2', 1, 1);
    expect(await parent.remote.childFailure('Child 2')).toBe('Child 2 failed: TypeError: The child broke outside any call.');
    expect(parent.hosted.running()).toEqual([]);
  });

  it('refuses a kind it does not know, naming the worker asked for', async () => {
    const parent = spawnFamily('Parent');
    expect(await parent.remote.startFailure('python' as FamilyKind, 'Process-1')).toBe(
      'Process-1 was not started: there is no kind of worker called "python" (there is family, broken).',
    );
    expect(threads.map((thread) => thread.name)).toEqual(['Parent']);
  });

  it('terminates a child the parent disposes', async () => {
    const parent = spawnFamily('Parent');
    await parent.remote.startChild('family', 'Child 1', 1, 1);
    await parent.remote.startChild('family', 'Child 2', 1, 1);
    await parent.remote.disposeChild('Child 1');
    await vi.waitFor(() => {
      expect(threadOf('Child 1')?.threadId).toBe(-1);
    }, { timeout: 5000 });
    expect(parent.hosted.running()).toEqual(['Child 2']);
    expect(threadOf('Child 2')?.threadId).toBeGreaterThan(0);
  });

  it("ends what a worker started at a run's end and keeps serving it, for a worker the page keeps (a pool)", async () => {
    const parent = spawnFamily('Pool worker 1');
    await parent.remote.startChild('family', 'Child 1', 1, 1);
    await parent.remote.startChild('family', 'Child 2', 1, 1);
    parent.hosted.stopAll();
    await vi.waitFor(
      () => {
        expect([threadOf('Child 1')?.threadId, threadOf('Child 2')?.threadId]).toEqual([-1, -1]);
      },
      { timeout: 5000 },
    );
    expect(parent.hosted.running()).toEqual([]);
    expect((await parent.remote.startChild('family', 'Child 3', 4, 5)).sum).toBe(9);
    expect(parent.hosted.running()).toEqual(['Child 3']);
  });

  it("ends a pooled worker's children when the pool keeps it after a run, and keeps the worker itself", async () => {
    const pool = workerPool<FamilyApi>((name) => spawnFamily(name));
    const [parent] = pool.take(1) as [WorkerHandle<FamilyApi> & ReturnType<typeof spawnFamily>];
    await parent.remote.startChild('family', 'Child 1', 1, 1);
    await parent.remote.childStartsChild('Child 1', 'Grandchild 1');
    pool.giveBack([parent], true);
    await vi.waitFor(
      () => {
        expect([threadOf('Child 1')?.threadId, threadOf('Grandchild 1')?.threadId]).toEqual([-1, -1]);
      },
      { timeout: 5000 },
    );
    expect(pool.idle()).toBe(1);
    expect(parent.hosted.running()).toEqual([]);
    expect(await parent.remote.add(2, 2)).toBe(4);
    pool.dispose();
  });

  it('leaves no thread running once the page disposes the worker that started the others, grandchildren included', async () => {
    const parent = spawnFamily('Parent');
    await parent.remote.startChild('family', 'Child 1', 1, 1);
    const grandchild = await parent.remote.childStartsChild('Child 1', 'Grandchild 1');
    expect(grandchild.sum).toBe(2);
    expect(threads.map((thread) => thread.name)).toEqual(['Parent', 'Child 1', 'Grandchild 1']);
    await parent.dispose();
    await vi.waitFor(allStopped, { timeout: 5000 });
    expect(parent.hosted.running()).toEqual([]);
    await expect(parent.hosted.host.startWorker('family', 'Late child')).rejects.toThrow('Late child was not started: the worker that asked for it has ended.');
  });
});

describe('createWorkerHost', () => {
  it('gives up on a worker that never answers, naming it, and disposes it', async () => {
    const { port1 } = new MessageChannel();
    const dispose = vi.fn();
    const silent: SpawnedWorker = { name: 'Silent child', remote: wrap(port1), failure: new Promise<never>(() => undefined), dispose };
    const { host, running } = createWorkerHost({ spawn: () => silent, readyLimitsMs: { family: 50 } });
    await expect(host.startWorker('family', 'Silent child')).rejects.toThrow('Silent child did not start within 0.05 s: it never answered that it was ready.');
    expect(dispose).toHaveBeenCalledOnce();
    expect(running()).toEqual([]);
    port1.close();
  });

  it('says at once that a worker stopped before it answered was stopped, instead of waiting out its ready limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { port1 } = new MessageChannel();
      const dispose = vi.fn(() => port1.close());
      const silent: SpawnedWorker = { name: 'Stopped child', remote: wrap(port1), failure: new Promise<never>(() => undefined), dispose };
      const { host, running, stopAll } = createWorkerHost({ spawn: () => silent, readyLimitsMs: { family: 60_000 } });
      const started = host.startWorker('family', 'Stopped child');
      stopAll();
      // No timer is advanced: only the stop can settle it.
      await expect(started).rejects.toThrow('Stopped child was stopped before it answered.');
      expect(dispose).toHaveBeenCalledOnce();
      expect(running()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  /** Workers that answer at once (a port whose other end exposes an empty API), each recording whether it was disposed. */
  function answering() {
    const made: { name: string; disposed: boolean; fail: (error: Error) => void }[] = [];
    const spawn = (_kind: string, name: string): SpawnedWorker => {
      const { port1, port2 } = new MessageChannel();
      expose({}, port1);
      let fail: (error: Error) => void = () => undefined;
      const failure = new Promise<never>((_, reject) => (fail = reject));
      failure.catch(() => undefined);
      const record = { name, disposed: false, fail };
      made.push(record);
      return {
        name,
        remote: wrap(port2),
        failure,
        dispose: () => {
          record.disposed = true;
          port1.close();
          port2.close();
        },
      };
    };
    return { spawn, made };
  }

  it("waits for each kind as long as that kind's limit, not one limit for all", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const ports: MessagePort[] = [];
      const silent = (_kind: string, name: string): SpawnedWorker => {
        const { port1 } = new MessageChannel();
        ports.push(port1);
        return { name, remote: wrap(port1), failure: new Promise<never>(() => undefined), dispose: () => undefined };
      };
      const { host } = createWorkerHost({ spawn: silent, readyLimitsMs: { counter: 15_000, python: 60_000 } });
      const outcomes: Record<string, string | null> = { counter: null, python: null };
      for (const kind of ['counter', 'python'] as const) {
        void host.startWorker(kind, `A ${kind}`).catch((error: unknown) => (outcomes[kind] = (error as Error).message));
      }
      await vi.advanceTimersByTimeAsync(15_000);
      expect(outcomes).toEqual({ counter: 'A counter did not start within 15 s: it never answered that it was ready.', python: null });
      await vi.advanceTimersByTimeAsync(44_999);
      expect(outcomes.python).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(outcomes.python).toBe('A python did not start within 60 s: it never answered that it was ready.');
      for (const port of ports) port.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets a worker once it has ended and its end was told, whether it was stopped, failed, or never started', async () => {
    const { spawn, made } = answering();
    const { host } = createWorkerHost({ spawn, readyLimitsMs: { family: 5000 } });
    const stopped = await host.startWorker('family', 'Stopped child');
    const failing = await host.startWorker('family', 'Failing child');
    const told = [host.ended(stopped.id), host.ended(failing.id)];
    host.stopWorker(stopped.id);
    made[1].fail(new Error('Failing child failed: it broke.'));
    await expect(told[0]).resolves.toBeUndefined();
    await expect(told[1]).rejects.toThrow('Failing child failed: it broke.');
    // Told once and ended: nothing of them is kept.
    await expect(host.ended(stopped.id)).rejects.toThrow(`No worker ${String(stopped.id)} was started through this host, or its end was already told.`);
    await expect(host.ended(failing.id)).rejects.toThrow(`No worker ${String(failing.id)} was started through this host, or its end was already told.`);
    // Ended before anyone asked: kept until asked, then forgotten.
    const early = await host.startWorker('family', 'Early child');
    host.stopWorker(early.id);
    await expect(host.ended(early.id)).resolves.toBeUndefined();
    await expect(host.ended(early.id)).rejects.toThrow('or its end was already told.');
    expect(made.every((child) => child.disposed)).toBe(true);
    for (const { port } of [stopped, failing, early]) port.close();
  });

  it('keeps nothing of a worker that failed to start: no id was handed out, so nobody will ask for its end', async () => {
    const spawn = (_kind: string, name: string): SpawnedWorker => {
      const { port1 } = new MessageChannel();
      return { name, remote: wrap(port1), failure: Promise.reject(new Error(`${name} failed: its script could not be loaded.`)), dispose: () => port1.close() };
    };
    const { host } = createWorkerHost({ spawn, readyLimitsMs: { family: 5000 } });
    await expect(host.startWorker('family', 'Broken child')).rejects.toThrow('Broken child failed: its script could not be loaded.');
    // The first worker a host starts is number 1.
    await expect(host.ended(1)).rejects.toThrow('No worker 1 was started through this host, or its end was already told.');
  });
});
