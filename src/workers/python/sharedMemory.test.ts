import { describe, expect, it } from 'vitest';
import { endStatus, hasEnded, STATUS_BYTES, STATUS_EXIT_CODE } from '../../shared/programProtocol';
import { SharedQueue, waitForEnd } from './sharedMemory';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('SharedQueue', () => {
  it('gives items back first in, first out, across the end of its ring', () => {
    // 16 bytes: an item of 5 takes 9 with its length, so the second wraps around.
    const queue = new SharedQueue(SharedQueue.create(16));
    for (let round = 0; round < 5; round += 1) {
      expect(queue.put(bytes(round, 1, 2, 3, 4), 0)).toBe(true);
      expect(queue.get(0)).toEqual(bytes(round, 1, 2, 3, 4));
    }
    expect(queue.put(bytes(7), 0)).toBe(true);
    expect(queue.put(bytes(8, 9), 0)).toBe(true);
    expect([queue.get(0), queue.get(0)]).toEqual([bytes(7), bytes(8, 9)]);
    expect(queue.usedBytes()).toBe(0);
  });

  it('waits out its timeout when empty, or full, and answers that it timed out', () => {
    const queue = new SharedQueue(SharedQueue.create(16));
    const start = performance.now();
    expect(queue.get(50)).toBeNull();
    expect(performance.now() - start).toBeGreaterThanOrEqual(49);
    expect(queue.put(bytes(1, 2, 3, 4, 5, 6, 7, 8), 0)).toBe(true);
    const full = performance.now();
    expect(queue.put(bytes(1, 2, 3, 4, 5), 30)).toBe(false);
    expect(performance.now() - full).toBeGreaterThanOrEqual(29);
  });

  it('refuses an item larger than its buffer, in one sentence', () => {
    const queue = new SharedQueue(SharedQueue.create(16));
    expect(() => queue.put(new Uint8Array(13), null)).toThrow('An item of 13 bytes does not fit in a Queue of this lab (12 bytes at most).');
  });
});

describe("a process's status", () => {
  it('is running until ended, keeps its first exit code, and a join with a timeout answers whether it ended', () => {
    const status = new Int32Array(new SharedArrayBuffer(STATUS_BYTES));
    expect(hasEnded(status)).toBe(false);
    const start = performance.now();
    expect(waitForEnd(status, 40)).toBe(false);
    expect(performance.now() - start).toBeGreaterThanOrEqual(39);
    expect(endStatus(status, 3)).toBe(true);
    expect(endStatus(status, 1)).toBe(false);
    expect([hasEnded(status), status[STATUS_EXIT_CODE]]).toEqual([true, 3]);
    expect(waitForEnd(status, null)).toBe(true);
  });
});
