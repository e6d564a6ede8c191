import { spawnCounter, type CounterHandle } from './spawnCounter';

/** Where a run gets its workers and where it leaves them. */
export interface WorkerSource {
  /** Hands out `count` workers for one run: fresh ones, or idle ones first for a pool. */
  take: (count: number) => CounterHandle[];
  /** Takes them back after a run: a pool keeps them when `reusable`, anything else is disposed. */
  giveBack: (handles: readonly CounterHandle[], reusable: boolean) => void;
  /** Terminates every worker it still holds. */
  dispose: () => void;
}

type Spawn = (name: string) => CounterHandle;

/** Spawns `count` workers; if one cannot even be created, those already made are disposed. */
function spawnMany(spawn: Spawn, names: readonly string[]): CounterHandle[] {
  const handles: CounterHandle[] = [];
  try {
    for (const name of names) handles.push(spawn(name));
  } catch (error) {
    for (const handle of handles) handle.dispose();
    throw error;
  }
  return handles;
}

/** Fresh workers for every run, as the lesson starts fresh processes: all terminated when the run ends. */
export function freshWorkers(spawn: Spawn = spawnCounter): WorkerSource {
  return {
    take: (count) => spawnMany(spawn, Array.from({ length: count }, (_, index) => `Worker ${String(index + 1)}`)),
    giveBack: (handles) => {
      for (const handle of handles) handle.dispose();
    },
    dispose: () => undefined,
  };
}

/**
 * A pool started once and reused: a run takes idle workers first and spawns
 * only what is missing, so its start-up is little more than a handshake.
 */
export function workerPool(spawn: Spawn = spawnCounter): WorkerSource & { idle: () => number } {
  const idle: CounterHandle[] = [];
  let spawned = 0;
  return {
    take: (count) => {
      const reused = idle.splice(0, count);
      const names = Array.from({ length: count - reused.length }, () => `Pool worker ${String(++spawned)}`);
      try {
        return [...reused, ...spawnMany(spawn, names)];
      } catch (error) {
        idle.push(...reused);
        throw error;
      }
    },
    giveBack: (handles, reusable) => {
      for (const handle of handles) {
        if (reusable) idle.push(handle);
        else handle.dispose();
      }
    },
    dispose: () => {
      for (const handle of idle.splice(0)) handle.dispose();
    },
    idle: () => idle.length,
  };
}
