import { releaseProxy } from 'comlink';
import { createCounter, warmUp, type CounterEnvironment } from '../lab/kernel';
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
  #stopRequested = false;
  /** Warmed up once: a worker reused from a pool answers ready at once. */
  #warm = false;
  #onProgress: ((counted: number) => void) | undefined;
  /** One counter for the worker's life, calling the same functions in every count (see CounterEnvironment). */
  readonly #counter: ReturnType<typeof createCounter>;

  /** `schedule` is for Node, whose ports drain their own messages before any other task. */
  constructor(schedule: CounterEnvironment['schedule'] = messageScheduler()) {
    this.#counter = createCounter({
      now: () => performance.now(),
      schedule,
      shouldStop: () => this.#stopRequested,
      report: (counted) => {
        this.#onProgress?.(counted);
      },
    });
  }

  async ready(): Promise<void> {
    if (this.#warm) return;
    this.#stopRequested = false;
    await warmUp(this.#counter);
    this.#warm = true;
  }

  async count(share: number, onProgress?: (counted: number) => void): Promise<number> {
    try {
      if (!Number.isSafeInteger(share) || share < 0) {
        throw new RangeError(`A worker's share must be a whole number ≥ 0, got ${String(share)}.`);
      }
      this.#stopRequested = false;
      this.#onProgress = onProgress;
      return await this.#counter.count(share);
    } finally {
      this.#onProgress = undefined;
      releaseCallback(onProgress);
    }
  }

  stop(): void {
    this.#stopRequested = true;
  }
}
