import { expose, releaseProxy, wrap } from 'comlink';
import type { CounterWorkerApi } from '../lab/types';
import type { CounterEnvironment } from '../lab/measurement/kernel';
import { CounterService } from '../workers/counter/counterService';
import type { WorkerHandle } from '../page/boundary/spawnWorker';

/** A record of one in-thread counter, for tests to inspect. */
export interface InThreadCounter {
  name: string;
  service: CounterService;
  /** Terminated: its port closed, as `terminate()` ends a real worker. */
  disposed: boolean;
  /** How many times the page ended the workers it started (`endChildren`): it starts none, so the calls are only counted. */
  childrenEnded: number;
}

/**
 * The next chunk for Node: a port there handles up to a thousand of its own
 * messages before any timer or other port, so a stop request would wait seconds.
 */
export const immediateScheduler: CounterEnvironment['schedule'] = (step) => {
  setImmediate(step);
};

/**
 * `immediateScheduler`, counting the turns it is asked for: tests count a worker's steps, not
 * ms, so that neither a busy moment nor a slower machine decides.
 */
export function countedTurns() {
  let turns = 0;
  return {
    schedule: (step: () => void) => {
      turns += 1;
      immediateScheduler(step);
    },
    turns: () => turns,
  };
}

/**
 * A clock for tests that moves `stepMs` at every reading and never otherwise: what the
 * kernel sizes and reports by then depends on how often it reads the clock, not on how
 * fast this machine counts. Stand it in for `performance.now` with `vi.spyOn`.
 */
export function tickingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

/**
 * A stand-in for the WebAssembly global whose module compiles as usual and whose instance's `count`
 * records each chunk it is handed in `chunks` and answers it as counted: for tests that check which
 * loop counted. Stand it in with `vi.stubGlobal('WebAssembly', recordingWebAssembly(chunks))`.
 */
export function recordingWebAssembly(chunks: number[]) {
  const count = (n: number) => {
    chunks.push(n);
    return n;
  };
  return {
    Module: WebAssembly.Module,
    Instance: function Recording() {
      return { exports: { count } };
    },
  };
}

/**
 * Spawns counters that run in this thread behind a MessageChannel, over the
 * same Comlink protocol as a real worker: for tests of the page's side in Node.
 */
export function inThreadSpawner(makeService: (name: string) => CounterService = () => new CounterService(immediateScheduler)) {
  const spawned: InThreadCounter[] = [];
  const spawn = (name: string): WorkerHandle<CounterWorkerApi> => {
    const { port1, port2 } = new MessageChannel();
    const service = makeService(name);
    expose(service, port1);
    const remote = wrap<CounterWorkerApi>(port2);
    const counter: InThreadCounter = { name, service, disposed: false, childrenEnded: 0 };
    spawned.push(counter);
    return {
      name,
      remote,
      failure: new Promise<never>(() => undefined),
      dispose() {
        counter.disposed = true;
        // What terminate() does to a real worker's loop: it counts no further.
        service.stop();
        remote[releaseProxy]();
        port1.close();
        port2.close();
      },
      endChildren() {
        counter.childrenEnded += 1;
      },
    };
  };
  return { spawn, spawned };
}
