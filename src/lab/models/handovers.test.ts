import { describe, expect, it } from 'vitest';
import type { WorkerStateEvent } from '../types';
import { handoverCost } from './handovers';

describe('handoverCost', () => {
  const at = (state: WorkerStateEvent['state'], atMs: number): WorkerStateEvent => ({ state, atMs });

  it('measures a release to the next waiter’s counting, and only where that one was waiting', () => {
    const lanes = [
      [at('waiting-lock', 0), at('counting', 1), at('waiting-lock', 6), at('counting', 11), at('done', 16)],
      [at('waiting-lock', 0), at('counting', 6.5), at('waiting-lock', 11 - 0.2), at('done', 11)],
      // Came after the first hold ended: not a hand-over, whatever the gap.
      [at('waiting-lock', 30), at('counting', 31), at('done', 32)],
    ];
    const { count, meanMs } = handoverCost(lanes);
    // 0 → 1 (0.5 ms) and 1 → 0 (0.2 ms); lane 2 came to a free lock.
    expect(count).toBe(2);
    expect(meanMs).toBeCloseTo(0.35, 9);
  });

  it('has no mean without a hand-over', () => {
    expect(handoverCost([[at('waiting-lock', 0), at('counting', 1), at('done', 2)]])).toEqual({ count: 0, meanMs: null });
  });
});
