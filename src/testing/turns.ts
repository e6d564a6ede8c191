import { vi } from 'vitest';
import type { Turn } from '../shared/eventLoop';

/**
 * Runs a chain of `steps` steps on `schedule`, each step scheduling the next, as a worker's
 * chunks do, and resolves after the last. `onStep` hears each step's number (from 1), and
 * `onScheduled` is called once the first step is scheduled, before any has run.
 */
export function chainSteps(
  schedule: Turn,
  steps: number,
  { onStep, onScheduled }: { onStep?: (stepNumber: number) => void; onScheduled?: () => void } = {},
): Promise<void> {
  return new Promise<void>((resolve) => {
    let stepped = 0;
    const step = () => {
      stepped += 1;
      onStep?.(stepped);
      if (stepped < steps) schedule(step);
      else resolve();
    };
    schedule(step);
    onScheduled?.();
  });
}

/**
 * A SubtleCrypto whose digest settles as `settle` says (by default at once, with a SHA-1-sized
 * result), and which records in `asked` each algorithm and message length it was asked to digest.
 */
export function fakeSubtle(
  settle: (resolve: (digest: ArrayBuffer) => void, reject: (error: Error) => void) => void = (resolve) => {
    resolve(new ArrayBuffer(20));
  },
) {
  const asked: Array<{ algorithm: unknown; length: number }> = [];
  const subtle = {
    digest: (algorithm: unknown, data: Uint8Array) => {
      asked.push({ algorithm, length: data.byteLength });
      return new Promise<ArrayBuffer>(settle);
    },
  } as unknown as SubtleCrypto;
  return { subtle, asked };
}

/**
 * Whether `promise` has resolved (a rejection does not count) once the microtasks queued so far,
 * and the timers due now, have run: for tests on Vitest's fake timers.
 */
export async function hasResolved(promise: Promise<unknown>): Promise<boolean> {
  let resolved = false;
  promise.then(
    () => (resolved = true),
    () => undefined,
  );
  await vi.advanceTimersByTimeAsync(0);
  return resolved;
}
