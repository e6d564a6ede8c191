/*
 * The protocol by which a worker asks the page for another worker, as a parent process starts a
 * child. (A Python program's processes do not use it: the page starts them, runProgram.ts, since a
 * parent blocked in Python could never take the host's answer.) The page gives each worker of a kind
 * that takes one a host (a port on which it exposes `WorkerHost`, sent as the worker's first message,
 * `HostOffer`; see `TAKES_A_HOST` in src/page/boundary/spawnWorker.ts); a worker asks the host
 * for a worker of a kind; the page spawns it and hands the asking worker a port on which the new
 * worker exposes its API (Comlink's `createEndpoint`), so the two talk directly, as a parent and
 * a child process do. The page keeps the children: disposing a worker disposes what it started.
 */

/** The `type` of the page's first message to a worker it spawns; Comlink ignores a type not its own. */
export const HOST_OFFER = 'worker-host';

/** The page's first message to a worker: the port on which the page exposes the worker's `WorkerHost`. */
export interface HostOffer {
  type: typeof HOST_OFFER;
  port: MessagePort;
}

export function isHostOffer(data: unknown): data is HostOffer {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === HOST_OFFER && 'port' in data;
}

/** A worker the host started for the asking worker. */
export interface StartedWorker {
  /** Unique among the workers this host started: what `stopWorker` and `ended` take. */
  id: number;
  name: string;
  /** The new worker's API, exposed on this port alone: the asking worker wraps it. */
  port: MessagePort;
}

/** What the page offers a worker, typed by the kinds of worker it may ask for. */
export interface WorkerHost<Kind extends string = string> {
  /**
   * Starts a worker of `kind` named `name` ("Process-1"), and resolves once it answers, with a
   * direct port to it; rejects with one sentence naming it if it fails or stays silent first.
   */
  startWorker(kind: Kind, name: string): Promise<StartedWorker>;
  /**
   * Resolves once worker `id` is stopped or the host disposed; rejects with one sentence naming it
   * if it fails first. Ask once per worker (`startChild` does): an ended worker whose end was
   * asked for is forgotten, so that a long session keeps nothing of the workers gone.
   */
  ended(id: number): Promise<void>;
  /** Terminates worker `id` and what it started. Safe to call twice. */
  stopWorker(id: number): void;
}
