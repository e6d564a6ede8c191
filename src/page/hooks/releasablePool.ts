import type { WorkerHandle } from '../boundary/spawnWorker';
import type { WorkerSource } from '../boundary/workerSource';

/**
 * A pool the page can let go of while the run controller keeps holding it: `release` terminates
 * its idle workers (each Python one holds about 45 MB), and the next run that takes from it starts
 * a new pool. A worker still running when it was let go is terminated when it is given back.
 */
export function releasablePool<Api>(makePool: () => WorkerSource<Api>): WorkerSource<Api> & { release: () => void } {
  let current: WorkerSource<Api> | null = null;
  /** The pool each handed-out worker came from: an old pool, once let go, terminates what comes back to it. */
  const owners = new WeakMap<WorkerHandle<Api>, WorkerSource<Api>>();
  const release = () => {
    current?.dispose();
    current = null;
  };
  return {
    take: (count) => {
      const pool = (current ??= makePool());
      const handles = pool.take(count);
      for (const handle of handles) owners.set(handle, pool);
      return handles;
    },
    giveBack(handles, reusable) {
      for (const handle of handles) {
        const owner = owners.get(handle);
        if (owner) owner.giveBack([handle], reusable);
        else handle.dispose();
      }
    },
    keepsWorkers: true,
    dispose: release,
    release,
  };
}
