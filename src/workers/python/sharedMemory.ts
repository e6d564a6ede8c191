import { RUNNING, STATUS_STATE } from '../../shared/programProtocol';

/*
 * The blocking parts of our multiprocessing, on shared memory: a process's status that a parent
 * waits on (join), and a Queue's ring buffer that blocks get and put for real (Atomics.wait).
 * Only a worker may block this way; the page only creates the buffers and writes a status.
 */

/** ms left until `deadline` (performance.now()), or undefined to wait without end. */
function remaining(deadline: number | null): number | undefined {
  return deadline === null ? undefined : Math.max(0, deadline - performance.now());
}

function deadlineAfter(timeoutMs: number | null): number | null {
  return timeoutMs === null ? null : performance.now() + Math.max(0, timeoutMs);
}

/** Waits until the process has ended or `timeoutMs` has passed (null: without end); answers whether it has ended. */
export function waitForEnd(status: Int32Array, timeoutMs: number | null): boolean {
  const deadline = deadlineAfter(timeoutMs);
  while (Atomics.load(status, STATUS_STATE) === RUNNING) {
    const left = remaining(deadline);
    if (left === 0) return false;
    Atomics.wait(status, STATUS_STATE, RUNNING, left);
  }
  return true;
}

const LOCK = 0;
const READ_AT = 1;
const USED = 2;
const CHANGES = 3;
const HEADER_BYTES = 16;
const LENGTH_BYTES = 4;
/** Each Queue's buffer (bytes): the lesson's queues carry a few small numbers; one pickled item may take up to this less 20 bytes. */
export const QUEUE_BYTES = 1 << 20;

/**
 * A first-in first-out queue of byte strings in one SharedArrayBuffer, for any number of
 * workers putting and getting: a lock cell guards the header, and every change wakes the waiters.
 */
export class SharedQueue {
  readonly #cells: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #capacity: number;

  constructor(buffer: SharedArrayBuffer) {
    this.#cells = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.#bytes = new Uint8Array(buffer, HEADER_BYTES);
    this.#capacity = this.#bytes.length;
  }

  static create(bytes = QUEUE_BYTES): SharedArrayBuffer {
    return new SharedArrayBuffer(HEADER_BYTES + bytes);
  }

  /** Adds `item`; waits while the queue is full, up to `timeoutMs` (null: without end). Answers false if it timed out. */
  put(item: Uint8Array, timeoutMs: number | null): boolean {
    const needed = LENGTH_BYTES + item.length;
    if (needed > this.#capacity) {
      throw new RangeError(`An item of ${String(item.length)} bytes does not fit in a Queue of this lab (${String(this.#capacity - LENGTH_BYTES)} bytes at most).`);
    }
    return this.#whenReady(timeoutMs, (used) => this.#capacity - used >= needed, () => {
      const at = (Atomics.load(this.#cells, READ_AT) + Atomics.load(this.#cells, USED)) % this.#capacity;
      const length = new Uint8Array(new Uint32Array([item.length]).buffer);
      this.#write(at, length);
      this.#write((at + LENGTH_BYTES) % this.#capacity, item);
      Atomics.add(this.#cells, USED, needed);
      return true;
    }) ?? false;
  }

  /** Takes the oldest item; waits while the queue is empty, up to `timeoutMs` (null: without end). Answers null if it timed out. */
  get(timeoutMs: number | null): Uint8Array | null {
    return this.#whenReady(timeoutMs, (used) => used > 0, () => {
      const at = Atomics.load(this.#cells, READ_AT);
      const length = new Uint32Array(this.#read(at, LENGTH_BYTES).buffer)[0];
      const item = this.#read((at + LENGTH_BYTES) % this.#capacity, length);
      Atomics.store(this.#cells, READ_AT, (at + LENGTH_BYTES + length) % this.#capacity);
      Atomics.sub(this.#cells, USED, LENGTH_BYTES + length);
      return item;
    });
  }

  /** Items' bytes waiting, with their lengths. */
  usedBytes(): number {
    return Atomics.load(this.#cells, USED);
  }

  /** Runs `change` under the lock once `ready(used bytes)`, then wakes every waiter; null if `timeoutMs` passed first. */
  #whenReady<T>(timeoutMs: number | null, ready: (used: number) => boolean, change: () => T): T | null {
    const deadline = deadlineAfter(timeoutMs);
    for (;;) {
      this.#lock();
      if (ready(Atomics.load(this.#cells, USED))) {
        try {
          return change();
        } finally {
          Atomics.add(this.#cells, CHANGES, 1);
          this.#unlock();
          Atomics.notify(this.#cells, CHANGES);
        }
      }
      const seen = Atomics.load(this.#cells, CHANGES);
      this.#unlock();
      const left = remaining(deadline);
      if (left === 0) return null;
      // Wakes at once if a change came between the unlock and the wait.
      Atomics.wait(this.#cells, CHANGES, seen, left);
    }
  }

  #lock(): void {
    while (Atomics.compareExchange(this.#cells, LOCK, 0, 1) !== 0) Atomics.wait(this.#cells, LOCK, 1);
  }

  #unlock(): void {
    Atomics.store(this.#cells, LOCK, 0);
    Atomics.notify(this.#cells, LOCK, 1);
  }

  #write(at: number, data: Uint8Array): void {
    const first = Math.min(data.length, this.#capacity - at);
    this.#bytes.set(data.subarray(0, first), at);
    this.#bytes.set(data.subarray(first), 0);
  }

  #read(at: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const first = Math.min(length, this.#capacity - at);
    out.set(this.#bytes.subarray(at, at + first));
    out.set(this.#bytes.subarray(0, length - first), first);
    return out;
  }
}
