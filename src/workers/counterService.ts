import { releaseProxy } from 'comlink';
import { createCounter, warmUp, type Counter, type CounterEnvironment } from '../lab/kernel';
import type { CounterApi } from '../lab/types';

/**
 * One turn of the event loop, without the 4 ms clamp that nested timers get:
 * a message to ourselves, whose handler is the kernel's step itself, so the
 * browser calls it and no JavaScript caller can inline it.
 */
export function messageScheduler(): CounterEnvironment['schedule'] {
  const channel = new MessageChannel();
  return (step) => {
    channel.port1.onmessage = step;
    channel.port2.postMessage(null);
  };
}

/** Lets go of a callback that Comlink proxied from the page; a plain function is left alone. */
function releaseCallback(callback: unknown): void {
  if (typeof callback !== 'function') return;
  const release: unknown = (callback as { [releaseProxy]?: unknown })[releaseProxy];
  if (typeof release === 'function') (release as () => unknown)();
}

/** What runs inside a counting worker: the kernel behind the CounterApi. */
export class CounterService implements CounterApi {
  /** Warmed up once: a worker reused from a pool answers ready at once. */
  #warm = false;
  /** One counter for the worker's life, so that its compiled step is never thrown away (see Counter). */
  readonly #counter: Counter;

  /** `schedule` is for Node, whose ports drain their own messages before any other task. */
  constructor(schedule: CounterEnvironment['schedule'] = messageScheduler()) {
    this.#counter = createCounter({ now: () => performance.now(), schedule });
  }

  async ready(): Promise<void> {
    if (this.#warm) return;
    await warmUp(this.#counter, () => performance.now());
    this.#warm = true;
  }

  async count(share: number, onProgress?: (counted: number) => void): Promise<number> {
    try {
      return await this.#counter.count(share, { onProgress });
    } finally {
      releaseCallback(onProgress);
    }
  }

  stop(): void {
    this.#counter.stop();
  }
}
