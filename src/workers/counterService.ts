import { releaseProxy } from 'comlink';
import { countTo, warmUp, type CountEnvironment } from '../lab/kernel';
import type { CounterApi } from '../lab/types';

const now = () => performance.now();

/** How a count gets its next chunk called; `close` lets go of what it holds. */
export interface Scheduler {
  schedule: CountEnvironment['schedule'];
  close: () => void;
}

/**
 * One turn of the event loop, without the 4 ms clamp that nested timers get:
 * a message to ourselves, whose handler is the kernel's step itself, so the
 * browser calls it and no JavaScript caller can inline it.
 */
export function messageScheduler(): Scheduler {
  const channel = new MessageChannel();
  return {
    schedule: (step) => {
      channel.port1.onmessage = step;
      channel.port2.postMessage(null);
    },
    close: () => {
      channel.port1.close();
      channel.port2.close();
    },
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
  readonly #createScheduler: () => Scheduler;

  /** `createScheduler` is for Node, whose ports drain their own messages before any other task. */
  constructor(createScheduler: () => Scheduler = messageScheduler) {
    this.#createScheduler = createScheduler;
  }

  async ready(): Promise<void> {
    if (this.#warm) return;
    await warmUp((share, fixedChunk) => this.#count(share, undefined, fixedChunk));
    this.#warm = true;
  }

  count(share: number, onProgress?: (counted: number) => void): Promise<number> {
    return this.#count(share, onProgress);
  }

  async #count(share: number, onProgress?: (counted: number) => void, fixedChunk?: number): Promise<number> {
    if (!Number.isSafeInteger(share) || share < 0) {
      releaseCallback(onProgress);
      throw new RangeError(`A worker's share must be a whole number ≥ 0, got ${String(share)}.`);
    }
    this.#stopRequested = false;
    const { schedule, close } = this.#createScheduler();
    try {
      return await countTo(share, { now, schedule, shouldStop: () => this.#stopRequested, onProgress, fixedChunk });
    } finally {
      close();
      releaseCallback(onProgress);
    }
  }

  stop(): void {
    this.#stopRequested = true;
  }
}
