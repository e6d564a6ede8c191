import { releaseProxy, wrap, type Remote } from 'comlink';
import { errorDetail } from '../../lab/texts/workerFailures';
import type { CounterWorkerApi, PythonCountingApi } from '../../lab/types';
import type { ProgramWorkerApi } from '../../shared/programProtocol';
import { serveHost } from './workerHost';

/**
 * Every kind of worker the page starts, each with the static `new URL('…', import.meta.url)`
 * that Vite needs to find, bundle and type-check the worker's script.
 */
const WORKER_SCRIPTS = {
  counter: (name: string) => new Worker(new URL('../../workers/counter/counter.worker.ts', import.meta.url), { type: 'module', name }),
  python: (name: string) => new Worker(new URL('../../workers/python/python.worker.ts', import.meta.url), { type: 'module', name }),
  'python-program': (name: string) => new Worker(new URL('../../workers/python/pythonProgram.worker.ts', import.meta.url), { type: 'module', name }),
} satisfies Record<string, (name: string) => Worker>;

/** The kinds of worker the page can start. */
export type WorkerKind = keyof typeof WORKER_SCRIPTS;

/**
 * Which kinds take a host (src/shared/workerHost.ts) to ask the page for workers of their own. None
 * does yet: a Python program's processes are started by the page (runProgram.ts), since a parent
 * blocked in Python could never take the host's answer. A kind that takes none is offered none, so its
 * start-up carries no channel and no offer, and no worker is handed a power it does not use.
 */
const TAKES_A_HOST: Readonly<Record<WorkerKind, boolean>> = { counter: false, python: false, 'python-program': false };

/**
 * How long a counting worker may take to answer that it is ready (ms). Start-up takes
 * 30–600 ms (WebKit is the slowest), a cold load or a busy machine more; a worker that has
 * not answered by then never will, and the run ends instead of waiting forever.
 */
export const COUNTING_READY_LIMIT_MS = 15_000;

/**
 * How long a Python worker (counting, or a program's process) may take to load its interpreter and answer ready (ms):
 * about 1–2 s once the files are in the HTTP cache, far more on a slow device or when many
 * interpreters load at once on few cores.
 */
export const PYTHON_READY_LIMIT_MS = 60_000;

/**
 * How long a worker of each kind may take to answer ready, its start-up included (ms): each API
 * sets its own (a Python interpreter loading will need about a minute). The counting protocol
 * (runOnWorkers.ts) and a worker's host, when another worker asks for one, both read it here.
 */
export const READY_LIMITS_MS = { counter: COUNTING_READY_LIMIT_MS, python: PYTHON_READY_LIMIT_MS, 'python-program': PYTHON_READY_LIMIT_MS } as const satisfies Record<WorkerKind, number>;

/** The API each kind's entry exposes (its `expose(…)` checks itself against it with `satisfies`). */
export interface WorkerApis {
  counter: CounterWorkerApi<WebAssembly.Module>;
  python: PythonCountingApi<WebAssembly.Module>;
  'python-program': ProgramWorkerApi;
}

/** A worker as the page holds it, for any API: a runner asks only for the part of the API it uses. */
export interface WorkerHandle<Api> {
  /** "Worker 2", "Pool worker 3": how sentences about this worker name it. */
  name: string;
  remote: Remote<Api>;
  /** Rejects with one sentence when the worker fails outside any call (its script did not load, an uncaught error). */
  failure: Promise<never>;
  /** Lets go of the proxy and terminates the worker. Safe to call twice. */
  dispose: () => void;
  /**
   * Terminates every worker this one asked the page for (and what they started), and keeps
   * serving it: where a pool keeps the worker after a run, its children must not outlive the run.
   */
  endChildren: () => void;
}

/** Starts one fresh module worker of `kind`, named for the developer tools ("Worker 1", "Pool worker 2", …). */
export function spawnWorker<Kind extends WorkerKind>(kind: Kind, name: string): WorkerHandle<WorkerApis[Kind]> {
  const worker = WORKER_SCRIPTS[kind](name);
  const remote = wrap<WorkerApis[Kind]>(worker);
  // A kind that asks the page for workers of its own gets its host with it.
  const hosted = TAKES_A_HOST[kind] ? serveHost<WorkerKind>(worker, { spawn: spawnWorker, readyLimitsMs: READY_LIMITS_MS }) : null;
  const failure = new Promise<never>((_, reject) => {
    // A script that cannot be fetched fires a plain Event; an uncaught error in the worker (on load,
    // or later from a task of its own, where no call can report it) fires an ErrorEvent.
    worker.addEventListener('error', (event: Event) => {
      event.preventDefault();
      const message = event instanceof ErrorEvent ? event.message : undefined;
      reject(new Error(`${name} failed: ${errorDetail(message, 'its script could not be loaded')}`));
    });
    worker.addEventListener('messageerror', () => {
      reject(new Error(`${name} sent a message the page could not read.`));
    });
  });
  // Whoever races `failure` handles it; a worker that never fails must not warn.
  failure.catch(() => undefined);
  let disposed = false;
  return {
    name,
    remote,
    failure,
    dispose() {
      if (disposed) return;
      disposed = true;
      // terminate() ends the worker's thread wherever it is, even inside a loop or Atomics.wait.
      hosted?.dispose();
      remote[releaseProxy]();
      worker.terminate();
    },
    endChildren: hosted?.stopAll ?? endNothing,
  };
}

/** A worker offered no host has started no children. */
function endNothing(): void {
  // Nothing to end.
}

/** Starts one fresh counting worker. */
export function spawnCounter(name: string): WorkerHandle<CounterWorkerApi<WebAssembly.Module>> {
  return spawnWorker('counter', name);
}
