/**
 * The shared lock where there is no SharedArrayBuffer (WebKitGTK has none, even
 * cross-origin isolated): a token that the page hands from worker to worker. This
 * is the page's side: a FIFO arbiter with no messages in it (`TokenArbiter`), and the
 * broker that answers the workers' requests with its grants and tells the holder when
 * someone starts waiting (`TokenBroker`: so that it gives the token up at the end of
 * its switch interval, like CPython's drop request); the caller carries the messages.
 * Served in request order, each worker at most once in the queue: with k workers
 * nobody waits for more than k − 1 holds, as with the shared-memory lock.
 */

import type { TokenCallbacks, TokenGrant } from '../types';

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

/**
 * The page's side of the token lock: the FIFO arbiter, the grants it answers with, and
 * the message to the holder when a first worker starts waiting (it then gives the token up
 * at the end of its switch interval).
 */
export class TokenBroker {
  readonly arbiter = new TokenArbiter();
  #grants = 0;
  /** The number of the holder's grant. */
  #current = 0;
  readonly #pending = new Map<number, (grant: TokenGrant | null) => void>();
  #ended = false;
  readonly #tellHolder: (lane: number, grant: number) => void;

  constructor(tellHolder: (lane: number, grant: number) => void) {
    this.#tellHolder = tellHolder;
  }

  /** The callbacks one worker is given: request answers once the token is its own. */
  callbacks(lane: number): TokenCallbacks {
    return {
      request: () =>
        new Promise<TokenGrant | null>((resolve) => {
          if (this.#ended) {
            resolve(null);
            return;
          }
          const outcome = this.arbiter.request(lane);
          if (outcome.kind === 'granted') {
            resolve(this.#grant());
            return;
          }
          this.#pending.set(lane, resolve);
          if (outcome.firstWaiter) this.#tellHolder(outcome.holder, this.#current);
        }),
      release: () => {
        // A worker that has left (see `leave`) no longer holds it.
        if (this.arbiter.holder === lane) this.#pass(this.arbiter.release(lane));
        return Promise.resolve();
      },
    };
  }

  /** A worker is done or gone: out of the queue, and the token goes on if it held it. */
  leave(lane: number): void {
    this.#pending.get(lane)?.(null);
    this.#pending.delete(lane);
    this.#pass(this.arbiter.leave(lane));
  }

  /** The run ends: every request waiting, and every later one, answers null. */
  end(): void {
    this.#ended = true;
    for (const resolve of this.#pending.values()) resolve(null);
    this.#pending.clear();
  }

  #pass(next: number | null): void {
    if (next === null) return;
    const resolve = this.#pending.get(next);
    this.#pending.delete(next);
    resolve?.(this.#grant());
  }

  #grant(): TokenGrant {
    this.#current = ++this.#grants;
    return { grant: this.#current, contended: this.arbiter.hasWaiters() };
  }
}
