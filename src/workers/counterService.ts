import { releaseProxy } from 'comlink';
import { countTo, FIRST_CHUNK, warmUp } from '../lab/kernel';
import type { CounterApi } from '../lab/types';

const now = () => performance.now();

/** A way to wait one turn of the event loop; `close` lets go of what it holds. */
export interface Pauser {
  pause: () => Promise<void>;
  close: () => void;
}

/**
 * One turn of the event loop, without the 4 ms clamp that nested timers get:
 * a message to ourselves, which browsers queue fairly with the page's messages.
 */
export function messagePauser(): Pauser {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    pause: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
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
  readonly #createPauser: () => Pauser;

  /** `createPauser` is for Node, whose ports drain their own messages before any other task. */
  constructor(createPauser: () => Pauser = messagePauser) {
    this.#createPauser = createPauser;
  }

  async ready(): Promise<void> {
    if (this.#warm) return;
    warmUp(now);
    // Also once through the chunked path with its pauses, so the first timed count takes no first steps.
    await this.count(4 * FIRST_CHUNK);
    this.#warm = true;
  }

  async count(share: number, onProgress?: (counted: number) => void): Promise<number> {
    if (!Number.isSafeInteger(share) || share < 0) {
      releaseCallback(onProgress);
      throw new RangeError(`A worker's share must be a whole number ≥ 0, got ${String(share)}.`);
    }
    this.#stopRequested = false;
    const { pause, close } = this.#createPauser();
    try {
      return await countTo(share, {
        now,
        pause,
        shouldStop: () => this.#stopRequested,
        // Over Comlink the call returns a promise; the kernel never waits for the page.
        onProgress,
      });
    } finally {
      close();
      releaseCallback(onProgress);
    }
  }

  stop(): void {
    this.#stopRequested = true;
  }
}
