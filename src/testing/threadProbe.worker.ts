import { expose } from 'comlink';
import { isMainThread, threadId } from 'node:worker_threads';

/** A worker entry for nodeWorker.test.ts, written as for the browser: one `expose` on the global scope. */
const probe = {
  where: () => ({ isMainThread, threadId }),
  add: (a: number, b: number) => a + b,
  /** Calls the caller back through a proxied function, as a worker reports progress. */
  async report(onValue: (value: number) => unknown, values: number[]) {
    // Through the proxy the callback answers a promise: each value arrives before the next is sent.
    for (const value of values) await onValue(value);
    return values.length;
  },
  fail: (): never => {
    throw new Error('The probe was asked to fail.');
  },
  /** Throws outside any call, where only the worker's error event can tell. */
  failOutsideAnyCall: () => {
    setTimeout(() => {
      throw new TypeError('The probe broke outside any call');
    }, 0);
  },
};

export type ThreadProbeApi = typeof probe;

expose(probe);
