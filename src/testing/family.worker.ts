import { expose } from 'comlink';
import { threadId } from 'node:worker_threads';
import { acceptHost, startChild, type ChildWorker } from '../workers/host';

/** The kinds workerHost.test.ts lets its workers ask for. */
export type FamilyKind = 'family' | 'broken';

/*
 * A worker entry for workerHost.test.ts that is both parent and child, as a Python process is:
 * it answers sums and asks the page, through its host, for children of its own, which it then
 * calls directly.
 */
const host = acceptHost<FamilyKind>();
const children = new Map<string, ChildWorker<FamilyApi>>();

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const family = {
  threadId: () => threadId,
  add: (a: number, b: number) => a + b,
  /** Starts a child and keeps it; answers its thread and a sum it worked out. */
  async startChild(kind: FamilyKind, name: string, a: number, b: number) {
    const child = await startChild<FamilyApi, FamilyKind>(await host, kind, name);
    children.set(name, child);
    return { childThreadId: await child.remote.threadId(), sum: await child.remote.add(a, b) };
  },
  /** What starting a child that cannot start says, as one sentence. */
  async startFailure(kind: FamilyKind, name: string) {
    try {
      (await startChild<FamilyApi, FamilyKind>(await host, kind, name)).dispose();
      return 'started';
    } catch (error) {
      return messageOf(error);
    }
  },
  /** Asks a kept child to start one of its own: a grandchild of whoever asked. */
  async childStartsChild(name: string, grandchild: string) {
    const child = children.get(name);
    if (!child) throw new Error(`No child called ${name}.`);
    return child.remote.startChild('family', grandchild, 1, 1);
  },
  /**
   * Writes a kept child's sum into `cells[0]` and wakes the page: the page blocks its own thread
   * meanwhile, so the sum can only arrive over a channel that does not pass through the page.
   */
  sumWhileThePageWaits(name: string, a: number, b: number, cells: Int32Array) {
    const child = children.get(name);
    if (!child) throw new Error(`No child called ${name}.`);
    void child.remote.add(a, b).then((sum) => {
      Atomics.store(cells, 0, sum);
      Atomics.notify(cells, 0);
    });
  },
  /** Makes a kept child fail outside any call; answers with what its `failure` says. */
  async childFailure(name: string) {
    const child = children.get(name);
    if (!child) throw new Error(`No child called ${name}.`);
    await child.remote.failOutsideAnyCall();
    return child.failure.catch(messageOf);
  },
  disposeChild(name: string) {
    children.get(name)?.dispose();
    children.delete(name);
  },
  failOutsideAnyCall: () => {
    setTimeout(() => {
      throw new TypeError('The child broke outside any call');
    }, 0);
  },
};

export type FamilyApi = typeof family;

expose(family);
