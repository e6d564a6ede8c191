/**
 * The I/O-bound task: instead of counting its share, a task waits as long as
 * counting it would take on one worker of this machine, so that a waiting run
 * and a counting run of the same "Total count" can be compared side by side.
 */

/**
 * The counting speed assumed before the page has measured its own (ns per count): about what
 * a laptop of 2024 does, so that the default total waits about as long as it counts.
 */
export const ASSUMED_NS_PER_COUNT = 0.3;

/** The shortest wait a task is given (ms): a timer cannot time less than a millisecond or so. */
export const MIN_WAIT_MS = 1;

/** The longest wait a task is given (ms): a wait beyond an hour is a mistake, not a lesson. */
export const MAX_WAIT_MS = 3_600_000;

/** A usable speed: the one measured, or ASSUMED_NS_PER_COUNT when it is missing or not a positive finite number. */
export function usableNsPerCount(nsPerCount: number | null | undefined): number {
  return typeof nsPerCount === 'number' && Number.isFinite(nsPerCount) && nsPerCount > 0 ? nsPerCount : ASSUMED_NS_PER_COUNT;
}

/**
 * How long each task waits (ms, to a tenth): as long as counting its share would take at
 * `nsPerCount`, within MIN_WAIT_MS … MAX_WAIT_MS. A share of 0 waits 0.
 */
export function waitsForShares(shares: readonly number[], nsPerCount: number): number[] {
  const speed = usableNsPerCount(nsPerCount);
  return shares.map((share) => {
    if (!(share > 0)) return 0;
    const ms = Math.round((share * speed) / 1e5) / 10;
    return Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, ms));
  });
}

/**
 * Whether a waiting run did what it was asked: one answer per task, each a finite wait at
 * least as long as asked (a wait that ended early would make the model look faster than it is).
 */
export function waitsHeld(askedMs: readonly number[], waitedMs: readonly number[] | undefined): boolean {
  if (!waitedMs || waitedMs.length !== askedMs.length) return false;
  // A tenth of a millisecond of rounding: asked waits are kept to a tenth.
  return askedMs.every((asked, index) => Number.isFinite(waitedMs[index]) && waitedMs[index] >= asked - 0.05);
}
