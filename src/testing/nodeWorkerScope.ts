import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';

/*
 * Runs first in every thread nodeWorker.ts starts, before the worker entry: it gives the thread
 * the message side of a browser worker's global scope, so an entry written for the browser
 * (`expose(api)`, `self.addEventListener('message', …)`, `postMessage(…)`) runs unchanged in Node.
 */
if (!parentPort) throw new Error('nodeWorkerScope.ts runs only inside a Node worker thread.');
const scope = nodeEndpoint(parentPort);
Object.assign(globalThis, {
  self: globalThis,
  postMessage: scope.postMessage.bind(scope),
  addEventListener: scope.addEventListener.bind(scope),
  removeEventListener: scope.removeEventListener.bind(scope),
});
