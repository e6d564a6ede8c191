/**
 * The shared lock where there is no SharedArrayBuffer (WebKitGTK has none, even
 * cross-origin isolated): a token that the page hands from worker to worker. This
 * is the page's side, a FIFO arbiter with no messages in it: the caller posts the
 * grants it returns and tells the holder when someone starts waiting (so that it
 * gives the token up at the end of its switch interval, like CPython's drop request).
 * Served in request order, each worker at most once in the queue: with k workers
 * nobody waits for more than k − 1 holds, as with the shared-memory lock.
 */

export type TokenRequestOutcome =
  /** The token was free: it is this worker's now. */
  | { kind: 'granted' }
  /**
   * Another worker holds it. `firstWaiter`: the queue was empty, so the holder should
   * now be told that someone waits.
   */
  | { kind: 'queued'; holder: number; position: number; firstWaiter: boolean };

export class TokenArbiter {
  #holder: number | null = null;
  readonly #queue: number[] = [];
  #grants = 0;
  #handovers = 0;
  #lastHolder: number | null = null;

  /** The worker holding the token, or null. */
  get holder(): number | null {
    return this.#holder;
  }

  /** The waiting workers, first served first. */
  get queue(): readonly number[] {
    return [...this.#queue];
  }

  get grants(): number {
    return this.#grants;
  }

  /** Grants to another worker than the last holder. */
  get handovers(): number {
    return this.#handovers;
  }

  hasWaiters(): boolean {
    return this.#queue.length > 0;
  }

  /** A worker asks for the token. Asking while holding or already waiting is a bug in the caller. */
  request(workerId: number): TokenRequestOutcome {
    if (this.#holder === workerId) throw new Error(`Worker ${workerId} already holds the token.`);
    if (this.#queue.includes(workerId)) throw new Error(`Worker ${workerId} already waits for the token.`);
    if (this.#holder === null) {
      this.#grant(workerId);
      return { kind: 'granted' };
    }
    this.#queue.push(workerId);
    return { kind: 'queued', holder: this.#holder, position: this.#queue.length, firstWaiter: this.#queue.length === 1 };
  }

  /**
   * The holder gives the token back. Returns the worker to send it to next, or null when
   * nobody waits. Refuses (throws) a release by a worker that does not hold it.
   */
  release(workerId: number): number | null {
    if (this.#holder !== workerId) {
      throw new Error(`Worker ${workerId} cannot release the token: ${this.#holder === null ? 'nobody' : `worker ${this.#holder}`} holds it.`);
    }
    this.#holder = null;
    const next = this.#queue.shift();
    if (next === undefined) return null;
    this.#grant(next);
    return next;
  }

  /**
   * A worker leaves (stopped, failed or done): out of the queue, and if it held the token,
   * the token goes on. Returns the worker to send it to, or null.
   */
  leave(workerId: number): number | null {
    if (this.#holder === workerId) return this.release(workerId);
    const index = this.#queue.indexOf(workerId);
    if (index >= 0) this.#queue.splice(index, 1);
    return null;
  }

  #grant(workerId: number): void {
    this.#holder = workerId;
    this.#grants += 1;
    if (this.#lastHolder !== workerId) this.#handovers += 1;
    this.#lastHolder = workerId;
  }
}
