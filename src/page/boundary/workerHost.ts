import { createEndpoint, expose, transfer, type ProxyMethods } from 'comlink';
import { HOST_OFFER, type HostOffer, type StartedWorker, type WorkerHost } from '../../shared/workerHost';
import { notReadyMessage } from '../../lab/texts/workerFailures';

/** A worker as the page's spawn function hands it over (spawnWorker's handle, for any API). */
export interface SpawnedWorker {
  name: string;
  /** Any Comlink remote: the host asks it only for a port of its own (createEndpoint). */
  remote: Pick<ProxyMethods, typeof createEndpoint>;
  failure: Promise<never>;
  dispose: () => unknown;
}

export interface WorkerHostOptions<Kind extends string> {
  /** The page's one spawn function; a spawned worker that itself gets a host can start workers too. */
  spawn: (kind: Kind, name: string) => SpawnedWorker;
  /**
   * The kinds a worker may ask for (its request is checked, not trusted), each with how long one
   * may take to answer, its start-up included (ms): the limit its API sets (READY_LIMITS_MS).
   */
  readyLimitsMs: Readonly<Record<Kind, number>>;
}

/** The page's side of one worker's host: the workers it started for that worker. */
export interface HostedWorkers<Kind extends string> {
  /** What the worker is given (only this: it cannot dispose its own host). */
  host: WorkerHost<Kind>;
  /** The names of the workers started through this host and still running, in the order started. */
  running: () => string[];
  /** Terminates every worker started through this host (and, through their hosts, what they started) and keeps serving: a run's end where the asking worker itself is kept (a pool). */
  stopAll: () => void;
  /** Stops them all and refuses later requests: where the asking worker is disposed. Safe to call twice. */
  dispose: () => void;
}

/** A host that starts workers with `spawn` and keeps them, so that disposing it ends them all. */
export function createWorkerHost<Kind extends string>({ spawn, readyLimitsMs }: WorkerHostOptions<Kind>): HostedWorkers<Kind> {
  const kinds = Object.keys(readyLimitsMs);
  const running = new Map<number, { handle: SpawnedWorker; stopped: () => void }>();
  /**
   * Each started worker's end, kept after it ends until the asking worker has asked for it (so
   * that `ended` still tells a failure), then forgotten: a long session does not pile them up.
   */
  const endings = new Map<number, { ending: Promise<void>; told: boolean; over: boolean }>();
  let nextId = 1;
  let disposed = false;

  const forgetIfTold = (id: number) => {
    const end = endings.get(id);
    if (end?.told && end.over) endings.delete(id);
  };

  const stopWorker = (id: number) => {
    const child = running.get(id);
    if (!child) return;
    running.delete(id);
    child.stopped();
    child.handle.dispose();
  };

  const host: WorkerHost<Kind> = {
    async startWorker(kind, name) {
      if (disposed) throw new Error(`${name} was not started: the worker that asked for it has ended.`);
      if (!Object.hasOwn(readyLimitsMs, kind)) {
        throw new Error(`${name} was not started: there is no kind of worker called "${kind}" (there is ${kinds.join(', ')}).`);
      }
      const readyLimitMs = readyLimitsMs[kind];
      const id = nextId;
      nextId += 1;
      const handle = spawn(kind, name);
      let stopped = () => {
        // Replaced below by the promise's resolve.
      };
      const ending = Promise.race([
        handle.failure,
        new Promise<void>((resolve) => {
          stopped = resolve;
        }),
      ]);
      running.set(id, { handle, stopped });
      // A failed worker is ended, not kept: in a browser an uncaught error leaves its thread alive.
      handle.failure.catch(() => {
        stopWorker(id);
      });
      const end = { ending, told: false, over: false };
      endings.set(id, end);
      const over = () => {
        end.over = true;
        forgetIfTold(id);
      };
      ending.then(over, over);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(notReadyMessage([name], readyLimitMs)));
        }, readyLimitMs);
      });
      // A worker stopped (or failed) before it answers never will: say so at once, not at the ready limit.
      const stoppedBeforeAnswering = () => new Error(`${name} was stopped before it answered.`);
      const stoppedFirst = ending.then(() => {
        throw stoppedBeforeAnswering();
      });
      stoppedFirst.catch(() => undefined);
      try {
        // The port is also the ready handshake: the worker answers once its entry has exposed its API.
        const port = await Promise.race([handle.remote[createEndpoint](), stoppedFirst, silent]);
        if (!running.has(id)) throw stoppedBeforeAnswering();
        const started: StartedWorker = { id, name, port };
        return transfer(started, [port]);
      } catch (error) {
        stopWorker(id);
        // The asking worker gets no id for a worker that did not start, so nobody asks for its end.
        endings.delete(id);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    ended: (id) => {
      const end = endings.get(id);
      if (!end) return Promise.reject(new Error(`No worker ${String(id)} was started through this host, or its end was already told.`));
      end.told = true;
      forgetIfTold(id);
      return end.ending;
    },
    stopWorker,
  };

  const stopAll = () => {
    for (const id of [...running.keys()]) stopWorker(id);
  };
  return {
    host,
    running: () => [...running.values()].map(({ handle }) => handle.name),
    stopAll,
    dispose() {
      disposed = true;
      stopAll();
    },
  };
}

/** Where the page can send a worker its first message: a browser Worker, or a Node worker thread in tests. */
export interface HostTarget {
  postMessage(message: HostOffer, transfer: Transferable[]): void;
}

/**
 * Gives a worker just spawned its host: exposes it on a channel of its own and sends the worker
 * the other end (the worker takes it with `acceptHost`, src/workers/host.ts). `dispose` ends every
 * worker started through it and closes the channel: call it where the worker itself is disposed.
 */
export function serveHost<Kind extends string>(target: HostTarget, options: WorkerHostOptions<Kind>): HostedWorkers<Kind> {
  const hosted = createWorkerHost(options);
  const { port1, port2 } = new MessageChannel();
  expose(hosted.host, port1);
  target.postMessage({ type: HOST_OFFER, port: port2 }, [port2]);
  return {
    ...hosted,
    dispose() {
      hosted.dispose();
      port1.close();
    },
  };
}
