/**
 * The lock's hand-over as the page's "This machine" region states it (see `lockInWords` in
 * inPage.ts), read the same way in Chromium and in every engine's driver.
 */

/** Which lock 'Workers sharing one lock' uses: Atomics on shared memory, or a token passed through the page. */
export type LockKindSeen = 'shared memory' | 'token' | 'unknown';

export interface Handover {
  /** The run ("#" in the Results table) the figure is from. */
  run: number;
  /** Mean time from one worker's release to the next one's counting (ms). */
  meanMs: number;
  handovers: number;
}

/** The lock's kind from the region's words. */
export function lockKindIn(words: string | null): LockKindSeen {
  if (words?.startsWith('a real lock')) return 'shared memory';
  if (words?.startsWith('a token')) return 'token';
  return 'unknown';
}

/** The hand-over the region names ("Hand-over in run 7: 0.041 ms on average, over 512 hand-overs."), or null. */
export function handoverIn(words: string | null): Handover | null {
  const match = /Hand-over in run (\d+): ([\d.,]+) ms on average, over ([\d,]+) hand-overs\./.exec(words ?? '');
  if (!match) return null;
  const number = (text: string) => Number(text.replace(/,/g, ''));
  return { run: number(match[1]), meanMs: number(match[2]), handovers: number(match[3]) };
}

/** The page's precision: 3 decimals below 1 ms, 1 above. */
export function handoverMsText(ms: number): string {
  return ms < 1 ? ms.toFixed(3) : ms.toFixed(1);
}
