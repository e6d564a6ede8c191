import { describe, expect, it } from 'vitest';
import { TokenArbiter, TokenBroker } from './tokenLock';

describe('TokenArbiter', () => {
  it('grants a free token at once and queues the others in request order', () => {
    const arbiter = new TokenArbiter();
    expect(arbiter.request(2)).toEqual({ kind: 'granted' });
    expect(arbiter.request(0)).toEqual({ kind: 'queued', holder: 2, position: 1, firstWaiter: true });
    expect(arbiter.request(1)).toEqual({ kind: 'queued', holder: 2, position: 2, firstWaiter: false });
    expect(arbiter.hasWaiters()).toBe(true);
    expect(arbiter.release(2)).toBe(0);
    expect(arbiter.holder).toBe(0);
    expect(arbiter.release(0)).toBe(1);
    expect(arbiter.release(1)).toBeNull();
    expect(arbiter.holder).toBeNull();
    expect(arbiter.grants).toBe(3);
    expect(arbiter.handovers).toBe(3);
  });

  it('lets nobody starve: between two grants of a worker, at most k − 1 others', () => {
    const k = 5;
    const arbiter = new TokenArbiter();
    const grants: number[] = [];
    for (let id = 0; id < k; id += 1) if (arbiter.request(id).kind === 'granted') grants.push(id);
    // Each holder asks again right after giving the token up, as a worker at the end of its interval does.
    for (let hold = 0; hold < 200; hold += 1) {
      const holder = arbiter.holder;
      if (holder === null) throw new Error('The token got lost.');
      const next = arbiter.release(holder);
      if (next !== null) grants.push(next);
      arbiter.request(holder);
    }
    const last = new Map<number, number>();
    grants.forEach((id, index) => {
      const previous = last.get(id);
      if (previous !== undefined) expect(index - previous - 1).toBeLessThanOrEqual(k - 1);
      last.set(id, index);
    });
    expect(new Set(grants).size).toBe(k);
  });

  it('refuses a release by a worker that does not hold the token, and changes nothing', () => {
    const arbiter = new TokenArbiter();
    expect(() => arbiter.release(0)).toThrow('nobody holds it');
    arbiter.request(0);
    arbiter.request(1);
    expect(() => arbiter.release(1)).toThrow('worker 0 holds it');
    expect(arbiter.holder).toBe(0);
    expect(arbiter.queue).toEqual([1]);
  });

  it('refuses a second request from a holder or a waiter', () => {
    const arbiter = new TokenArbiter();
    arbiter.request(0);
    arbiter.request(1);
    expect(() => arbiter.request(0)).toThrow('already holds');
    expect(() => arbiter.request(1)).toThrow('already waits');
  });

  it('drops a worker that leaves while queued, and passes the token on when the holder leaves', () => {
    const arbiter = new TokenArbiter();
    arbiter.request(0);
    arbiter.request(1);
    arbiter.request(2);
    arbiter.request(3);
    expect(arbiter.leave(2)).toBeNull();
    expect(arbiter.queue).toEqual([1, 3]);
    expect(arbiter.leave(0)).toBe(1);
    expect(arbiter.release(1)).toBe(3);
    expect(arbiter.leave(3)).toBeNull();
    expect(arbiter.holder).toBeNull();
    expect(arbiter.leave(7)).toBeNull();
  });

  it('counts a hand-over only when the token changes hands', () => {
    const arbiter = new TokenArbiter();
    arbiter.request(0);
    arbiter.release(0);
    arbiter.request(0);
    expect(arbiter.grants).toBe(2);
    expect(arbiter.handovers).toBe(1);
  });
});

describe('TokenBroker', () => {
  it('grants in request order, tells the holder once someone waits, and answers null once ended', async () => {
    const told: [number, number][] = [];
    const broker = new TokenBroker((lane, grant) => told.push([lane, grant]));
    const [a, b, c] = [0, 1, 2].map((lane) => broker.callbacks(lane));
    expect(await a.request()).toEqual({ grant: 1, contended: false });
    const bGrant = b.request();
    const cGrant = c.request();
    expect(told).toEqual([[0, 1]]);
    await a.release();
    expect(await bGrant).toEqual({ grant: 2, contended: true });
    await b.release();
    expect(await cGrant).toEqual({ grant: 3, contended: false });
    const aAgain = a.request();
    broker.end();
    expect(await aAgain).toBeNull();
    expect(await b.request()).toBeNull();
    // A release by a worker that left (or never held it) changes nothing.
    await b.release();
    expect(broker.arbiter.holder).toBe(2);
  });
});
