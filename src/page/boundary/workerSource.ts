import type { WorkerHandle } from './spawnWorker';

/** Where a run gets its workers of one API and where it leaves them. */
export interface WorkerSource<Api> {
  /** Hands out `count` workers for one run: fresh ones, or idle ones first for a pool. */
  take: (count: number) => WorkerHandle<Api>[];
  /**
   * Takes them back after a run: a pool keeps them when `reusable` (ending the workers they
   * started), anything else is disposed. A method, so that a source of a wider API serves a
   * runner that asks for part of it.
   */
  giveBack(handles: readonly WorkerHandle<Api>[], reusable: boolean): void;
  /** True for a pool: a stopped run asks its workers to stop and gives back those that answer, instead of terminating them. */
  keepsWorkers: boolean;
  /** Terminates every worker it still holds. */
  dispose: () => void;
}

/** Starts one worker of an API, named for the developer tools and for sentences about it. */
export type Spawn<Api> = (name: string) => WorkerHandle<Api>;

/** Spawns `count` workers; if one cannot even be created, those already made are disposed. */
function spawnMany<Api>(spawn: Spawn<Api>, names: readonly string[]): WorkerHandle<Api>[] {
  const handles: WorkerHandle<Api>[] = [];
  try {
    for (const name of names) handles.push(spawn(name));
  } catch (error) {
    for (const handle of handles) handle.dispose();
    throw error;
  }
  return handles;
}

/** Fresh workers for every run, as the lesson starts fresh processes: all terminated when the run ends. */
export function freshWorkers<Api>(spawn: Spawn<Api>): WorkerSource<Api> {
  return {
    take: (count) => spawnMany(spawn, Array.from({ length: count }, (_, index) => `Worker ${String(index + 1)}`)),
    giveBack: (handles) => {
      for (const handle of handles) handle.dispose();
    },
    keepsWorkers: false,
    dispose: () => undefined,
  };
}

/**
 * A pool started once and reused: a run takes idle workers first and spawns
 * only what is missing, so its start-up is little more than a handshake. A worker it keeps
 * has its children ended first (`endChildren`); a worker whose `failure` fired is never kept.
 * Once disposed, it disposes whatever is given back to it (a stopped run's workers may come
 * back after the pool was let go) and refuses to hand out workers.
 */
export function workerPool<Api>(spawn: Spawn<Api>): WorkerSource<Api> & { idle: () => number } {
  const idle: WorkerHandle<Api>[] = [];
  /** Handles whose `failure` fired: one that fails while idle is dropped at once. */
  const failed = new WeakSet<WorkerHandle<Api>>();
  let spawned = 0;
  let disposed = false;
  const watch = (handle: WorkerHandle<Api>) => {
    handle.failure.catch(() => {
      failed.add(handle);
      const at = idle.indexOf(handle);
      if (at === -1) return;
      idle.splice(at, 1);
      handle.dispose();
    });
    return handle;
  };
  return {
    take: (count) => {
      if (disposed) throw new Error('This pool of workers was let go: a run cannot take workers from it.');
      const reused = idle.splice(0, count);
      const names = Array.from({ length: count - reused.length }, () => `Pool worker ${String(++spawned)}`);
      try {
        return [...reused, ...spawnMany(spawn, names).map(watch)];
      } catch (error) {
        idle.push(...reused);
        throw error;
      }
    },
    giveBack: (handles, reusable) => {
      for (const handle of handles) {
        if (reusable && !disposed && !failed.has(handle)) {
          // A kept worker's children must not outlive its run.
          handle.endChildren();
          idle.push(handle);
        } else handle.dispose();
      }
    },
    keepsWorkers: true,
    dispose: () => {
      disposed = true;
      for (const handle of idle.splice(0)) handle.dispose();
    },
    idle: () => idle.length,
  };
}
