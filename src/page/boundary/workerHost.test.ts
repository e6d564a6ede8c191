import { wrap } from 'comlink';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from '../../testing/nodeWorker';
import type { FamilyApi, FamilyKind } from '../../testing/family.worker';
import { createWorkerHost, serveHost, type SpawnedWorker } from './workerHost';

const KINDS: readonly FamilyKind[] = ['family', 'broken'];

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
  function spawn(kind: FamilyKind, name: string): SpawnedWorker & { hosted: ReturnType<typeof serveHost<FamilyKind>> } {
    const thread = startNodeWorker<FamilyApi>(bundles[kind], name);
    threads.push(thread);
    const hosted = serveHost(thread, { spawn, kinds: KINDS });
    return {
      ...thread,
      hosted,
      dispose() {
        hosted.dispose();
        return thread.dispose();
      },
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
    const { host, running } = createWorkerHost({ spawn: () => silent, kinds: ['family'], readyLimitMs: 50 });
    await expect(host.startWorker('family', 'Silent child')).rejects.toThrow('Silent child did not start within 0.05 s: it never answered that it was ready.');
    expect(dispose).toHaveBeenCalledOnce();
    expect(running()).toEqual([]);
    port1.close();
  });
});
