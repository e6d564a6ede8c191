import type { WorkerStateEvent } from '../types';

/** The hand-overs a run's states show: how many, and their mean cost (ms). */
export function handoverCost(lanes: readonly (readonly WorkerStateEvent[])[]): { count: number; meanMs: number | null } {
  interface Hold {
    lane: number;
    from: number;
    to: number;
    /** Since when the lane had been waiting for this hold, if it had. */
    waitingFrom: number | null;
  }
  const holds: Hold[] = [];
  lanes.forEach((events, lane) => {
    events.forEach((event, index) => {
      if (event.state !== 'counting') return;
      const before = events[index - 1] as WorkerStateEvent | undefined;
      const after = events.slice(index + 1).find((next) => next.state !== 'counting');
      holds.push({ lane, from: event.atMs, to: after?.atMs ?? event.atMs, waitingFrom: before?.state === 'waiting-lock' ? before.atMs : null });
    });
  });
  holds.sort((a, b) => a.from - b.from);
  let count = 0;
  let total = 0;
  for (let index = 1; index < holds.length; index += 1) {
    const previous = holds[index - 1];
    const next = holds[index];
    if (next.lane === previous.lane || next.waitingFrom === null || next.waitingFrom > previous.to) continue;
    count += 1;
    total += Math.max(0, next.from - previous.to);
  }
  return { count, meanMs: count > 0 ? total / count : null };
}
