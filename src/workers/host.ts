import { releaseProxy, wrap, type Remote } from 'comlink';
import { isHostOffer, type StartedWorker, type WorkerHost } from '../shared/workerHost';

/** The part of a worker's global scope the host's offer arrives on. */
export interface MessageScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * The page's host for this worker (see src/shared/workerHost.ts). Call it in the entry's first
 * lines, not after an await: the offer is the first message the page sends, and a message that
 * arrives while nobody listens for it is lost. A worker needs nothing to be started by another:
 * the port its parent talks on is Comlink's own (`createEndpoint`).
 */
export function acceptHost<Kind extends string = string>(scope: MessageScope = self): Promise<Remote<WorkerHost<Kind>>> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      if (!isHostOffer(event.data)) return;
      scope.removeEventListener('message', listener);
      resolve(wrap<WorkerHost<Kind>>(event.data.port));
    };
    scope.addEventListener('message', listener);
  });
}

/** The host as a worker calls it (`acceptHost`'s answer): through Comlink every call answers a promise. */
export interface HostCalls<Kind extends string> {
  startWorker(kind: Kind, name: string): Promise<StartedWorker>;
  ended(id: number): Promise<void>;
  stopWorker(id: number): Promise<void>;
}

/** A worker this worker started, as the page holds its own: `{ name, remote, failure, dispose }`. */
export interface ChildWorker<Api> {
  id: number;
  name: string;
  /** The child's API, on a port straight to it: calls do not pass through the page. */
  remote: Remote<Api>;
  /** Rejects with one sentence naming the child if it fails (outside a call, or on load); stays pending if it is stopped. */
  failure: Promise<never>;
  /** Lets go of the port and asks the page to terminate the child and what it started. Safe to call twice. */
  dispose: () => void;
}

/** Asks the page for a worker of `kind` named `name` (as a parent process starts a child); resolves once it answers. */
export async function startChild<Api, Kind extends string = string>(host: HostCalls<Kind>, kind: Kind, name: string): Promise<ChildWorker<Api>> {
  const { id, port } = await host.startWorker(kind, name);
  const remote = wrap<Api>(port);
  const failure = host.ended(id).then(() => new Promise<never>(() => undefined));
  // Whoever races `failure` handles it; a child that never fails must not warn.
  failure.catch(() => undefined);
  let disposed = false;
  return {
    id,
    name,
    remote,
    failure,
    dispose() {
      if (disposed) return;
      disposed = true;
      remote[releaseProxy]();
      host.stopWorker(id).catch(() => undefined);
    },
  };
}
