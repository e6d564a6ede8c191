import { proxy } from 'comlink';
import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker, startNodeWorker, type NodeWorkerHandle } from './nodeWorker';
import type { ThreadProbeApi } from './threadProbe.worker';

const PROBE = new URL('./threadProbe.worker.ts', import.meta.url);

describe('a worker entry in a real Node worker thread', () => {
  let bundle = '';
  const started: NodeWorkerHandle<unknown>[] = [];
  const start = (name: string, from = bundle) => {
    const handle = startNodeWorker<ThreadProbeApi>(from, name);
    started.push(handle);
    return handle;
  };

  beforeAll(async () => {
    bundle = await bundleWorker(PROBE);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((handle) => handle.dispose()));
  });

  it('runs the entry unchanged in another thread and answers its calls', async () => {
    const probe = start('Probe 1');
    expect(await probe.remote.where()).toEqual({ isMainThread: false, threadId: probe.threadId });
    expect(probe.threadId).not.toBe(threadId);
    expect(await probe.remote.add(2, 3)).toBe(5);
  });

  it('calls the caller back through a proxied function', async () => {
    const probe = start('Probe 1');
    const seen: number[] = [];
    expect(await probe.remote.report(proxy((value: number) => seen.push(value)), [3, 1, 4])).toBe(3);
    expect(seen).toEqual([3, 1, 4]);
  });

  it("hands a call's error to the caller, and an error outside any call to `failure`, naming the worker", async () => {
    const probe = start('Probe 2');
    await expect(probe.remote.fail()).rejects.toThrow('The probe was asked to fail.');
    await probe.remote.failOutsideAnyCall();
    await expect(probe.failure).rejects.toThrow(/^Probe 2 failed: TypeError: The probe broke outside any call\.$/);
  });

  it('leaves no thread running once disposed, and disposing twice is harmless', async () => {
    const probe = start('Probe 3');
    await probe.remote.add(1, 1);
    expect(probe.threadId).toBeGreaterThan(0);
    const disposed = probe.dispose();
    expect(probe.dispose()).toBe(disposed);
    await disposed;
    expect(probe.threadId).toBe(-1);
  });

  it('bundles an entry once, and can leave a package out to be imported from node_modules at run time', async () => {
    expect(await bundleWorker(PROBE)).toBe(bundle);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/from ['"]comlink['"]/);
    const withExternal = await bundleWorker(PROBE, { external: ['comlink'] });
    expect(readFileSync(withExternal, 'utf8')).toMatch(/from ['"]comlink['"]/);
    expect(await start('Probe 4', withExternal).remote.add(20, 22)).toBe(42);
  });
});
