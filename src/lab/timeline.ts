import { formatDuration } from './texts/duration';
import { SWITCH_INTERVAL_MS } from './models/lock';

/** What one lane (a worker, or a task) is doing at a moment of a run. */
export type LaneState = 'starting' | 'waiting-lock' | 'counting' | 'waiting-io' | 'done' | 'stopped';

/** A lane entering a state. */
export interface TimelineEvent {
  /** 0-based: lane 0 is "Worker 1". */
  lane: number;
  state: LaneState;
  /** ms on the page's clock, from the run's start. */
  atMs: number;
}

/** A stretch of one lane in one state (ms from the run's start). */
export interface TimelineSegment {
  state: LaneState;
  fromMs: number;
  toMs: number;
}

/** One lane's segments, oldest first, with no gap and no overlap. */
export type TimelineLane = readonly TimelineSegment[];

/** The states in the legend's order, with the words the page uses for them. */
export const LANE_STATE_LABELS: Readonly<Record<LaneState, string>> = {
  starting: 'starting up',
  'waiting-lock': 'waiting for the lock',
  counting: 'counting',
  'waiting-io': 'waiting for I/O',
  done: 'done',
  stopped: 'stopped',
};

export const LANE_STATES = Object.keys(LANE_STATE_LABELS) as LaneState[];

/** A lane ends in these: nothing after them belongs to the run. */
const FINAL: ReadonlySet<LaneState> = new Set<LaneState>(['done', 'stopped']);

/** "Worker 1" for lane 0. */
export const laneName = (lane: number) => `Worker ${String(lane + 1)}`;

function isLaneState(value: unknown): value is LaneState {
  return typeof value === 'string' && Object.hasOwn(LANE_STATE_LABELS, value);
}

/**
 * Each lane's segments up to `nowMs`. Events may come in any order and twice;
 * those for a lane that does not exist, with a state the page does not know or
 * a time that is not a finite number are ignored. Times before the run's start
 * count from 0. A repeated state extends its segment; 'done' and 'stopped' end
 * a lane, and what comes after them is ignored. The last segment is open: it
 * runs to `nowMs` (or to its own start, if that is later). Segments of no length
 * are dropped, except the last, which says how the lane stands.
 */
export function buildLanes(events: readonly TimelineEvent[], lanes: number, nowMs: number): TimelineLane[] {
  const count = Number.isInteger(lanes) && lanes > 0 ? lanes : 0;
  const byLane: TimelineEvent[][] = Array.from({ length: count }, () => []);
  for (const event of events) {
    const { lane, state, atMs } = event;
    if (!Number.isInteger(lane) || lane < 0 || lane >= count || !isLaneState(state) || !Number.isFinite(atMs)) continue;
    byLane[lane].push({ lane, state, atMs: Math.max(0, atMs) });
  }
  const end = Number.isFinite(nowMs) ? Math.max(0, nowMs) : 0;
  return byLane.map((laneEvents) => {
    // A stable sort: events at the same moment keep the order they were sent in.
    const ordered = [...laneEvents].sort((a, b) => a.atMs - b.atMs);
    const segments: TimelineSegment[] = [];
    for (const { state, atMs } of ordered) {
      const open = segments.at(-1);
      if (open && FINAL.has(open.state)) break;
      if (open?.state === state) continue;
      if (open) {
        open.toMs = atMs;
        if (open.toMs === open.fromMs) segments.pop();
      }
      const previous = segments.at(-1);
      // Dropping an empty segment can bring two of one state together again.
      if (previous?.state === state) previous.toMs = atMs;
      else segments.push({ state, fromMs: atMs, toMs: atMs });
    }
    const last = segments.at(-1);
    if (last) last.toMs = Math.max(last.fromMs, end);
    return segments;
  });
}

/** How long a lane spent in `state` (counting by default), in ms, over all its segments in that state. */
export function timeInState(lane: TimelineLane, state: LaneState = 'counting'): number {
  return lane.reduce((total, segment) => total + (segment.state === state ? segment.toMs - segment.fromMs : 0), 0);
}

/** The time a lane spent in `state` (counting by default), as a fraction (0–1) of `spanMs`; 0 for a span of no length. */
export function countingShare(lane: TimelineLane, spanMs: number, state: LaneState = 'counting'): number {
  if (!(spanMs > 0)) return 0;
  return Math.min(1, Math.max(0, timeInState(lane, state) / spanMs));
}

/** Names lane 0 "Worker 1", or as the caller says (the main thread's lanes are tasks). */
export type LaneNamer = (lane: number) => string;

/** How long the lanes cover: from the run's start to the end of the latest segment (ms). */
export function timelineSpan(lanes: readonly TimelineLane[]): number {
  return lanes.reduce((span, lane) => Math.max(span, lane.at(-1)?.toMs ?? 0), 0);
}

/**
 * "Share of time spent counting: Worker 1 96%, Worker 2 95%." ("" with no lane). When a lane
 * waited for I/O, a second sentence gives the share of time spent waiting.
 */
export function timelineSentence(lanes: readonly TimelineLane[], name: LaneNamer = laneName): string {
  if (lanes.length === 0) return '';
  const span = timelineSpan(lanes);
  const shares = (state: LaneState) => lanes.map((lane, index) => `${name(index)} ${String(Math.round(countingShare(lane, span, state) * 100))}%`).join(', ');
  const counting = `Share of time spent counting: ${shares('counting')}.`;
  const waited = lanes.some((lane) => lane.some((segment) => segment.state === 'waiting-io'));
  return waited ? `${counting} Waiting for I/O: ${shares('waiting-io')}.` : counting;
}

/** A tick of the time axis: where it stands (ms) and what it says. */
export interface TimeTick {
  atMs: number;
  label: string;
}

/** "0", "250 ms", "1 s", "1.5 s". */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  return ms < 1000 ? `${String(ms)} ms` : `${String(Number((ms / 1000).toFixed(3)))} s`;
}

/** Four to seven round ticks from 0 to `spanMs`, 1, 2 or 5 × a power of ten apart. */
export function timeTicks(spanMs: number): TimeTick[] {
  if (!(spanMs > 0) || !Number.isFinite(spanMs)) return [{ atMs: 0, label: tickLabel(0) }];
  const rough = spanMs / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: TimeTick[] = [];
  for (let index = 0; index * step <= spanMs + 1e-9; index += 1) {
    const atMs = Number((index * step).toPrecision(12));
    ticks.push({ atMs, label: tickLabel(atMs) });
  }
  return ticks;
}

/** One row of the timeline's text equivalent. */
export interface TimelineRow {
  key: string;
  cells: string[];
}

/** What a drawn stretch was, in words: its state, or "taking turns: counting 48% of it". */
export function stretchLabel(segment: DrawnSegment): string {
  if (segment.state !== 'turns') return LANE_STATE_LABELS[segment.state];
  const length = segment.toMs - segment.fromMs;
  const share = length > 0 ? Math.round((segment.countingMs / length) * 100) : 0;
  const turns = Math.ceil(segment.segments / 2);
  return `taking turns: counting ${String(share)}% of it, in ${String(turns)} ${turns === 1 ? 'turn' : 'turns'}`;
}

/** The stretches as rows a screen reader reads: lane, state, from, to, how long. */
export function timelineRows(lanes: readonly (readonly DrawnSegment[])[], name: LaneNamer = laneName): TimelineRow[] {
  return lanes.flatMap((lane, index) =>
    lane.map((segment, position) => ({
      key: `${String(index)}-${String(position)}`,
      cells: [
        name(index),
        stretchLabel(segment),
        formatDuration(segment.fromMs),
        formatDuration(segment.toMs),
        formatDuration(segment.toMs - segment.fromMs),
      ],
    })),
  );
}

/**
 * A stretch of a lane as it is drawn: a segment, or many segments too short to draw apart
 * (a worker under the lock changes state every few ms), drawn as one stretch of taking turns.
 */
export type DrawnSegment = TimelineSegment | TurnsSegment;

/** Many short segments drawn as one: the lane took turns counting and waiting. */
export interface TurnsSegment {
  state: 'turns';
  fromMs: number;
  toMs: number;
  /** How much of it the lane spent counting (ms). */
  countingMs: number;
  /** How many segments it stands for. */
  segments: number;
}

/** How many stretches a lane is drawn in at most: a track is a few hundred pixels wide. */
export const DRAWN_STRETCHES = 400;

/**
 * A lane for drawing: runs of two or more segments shorter than `minMs` become one
 * 'turns' stretch; longer segments and the lane's end stay as they are. Keeps the page's
 * drawing to about `span / minMs` elements however long the run.
 */
export function compactLane(lane: TimelineLane, minMs: number): DrawnSegment[] {
  const drawn: DrawnSegment[] = [];
  let group: TimelineSegment[] = [];
  const flush = () => {
    const [first] = group;
    if (group.length === 1) drawn.push(first);
    else if (group.length > 1) {
      const countingMs = group.reduce((total, segment) => total + (segment.state === 'counting' ? segment.toMs - segment.fromMs : 0), 0);
      drawn.push({ state: 'turns', fromMs: first.fromMs, toMs: group[group.length - 1].toMs, countingMs, segments: group.length });
    }
    group = [];
  };
  lane.forEach((segment, index) => {
    const last = index === lane.length - 1;
    if (!last && segment.toMs - segment.fromMs < minMs) {
      group.push(segment);
      return;
    }
    flush();
    drawn.push(segment);
  });
  flush();
  return drawn;
}

/** How long the magnified part of a timeline lasts (ms): eight of Python's 5 ms switch intervals. */
export const MAGNIFIED_MS = 40;

/**
 * How much of the first holder's turn the magnified part shows before the first hand-over (ms):
 * one switch interval, so the hand-over is seen in the middle of a turn's end and the next's start.
 */
export const MAGNIFIED_LEAD_MS = SWITCH_INTERVAL_MS;

/**
 * Where to magnify a run whose lanes took turns (under the lock, or on the main thread): from
 * the first hand-over, the first moment a second lane counted (less MAGNIFIED_LEAD_MS, never
 * before the first count), MAGNIFIED_MS long; null when no lane counted three times or more
 * (nothing to see there that the whole drawing does not show).
 *
 * Why from the first hand-over and not the first count: where the page passes the token
 * (WebKitGTK has no shared memory), the first holder may wait 20–40 ms while the page draws
 * the run's start; from the first count, that stall could fill the magnified part and hide
 * the turns it is there to show.
 */
export function turnsWindow(lanes: readonly TimelineLane[], windowMs = MAGNIFIED_MS): { fromMs: number; toMs: number } | null {
  const countingStarts = lanes.map((lane) => lane.filter((segment) => segment.state === 'counting').map((segment) => segment.fromMs));
  if (!countingStarts.some((starts) => starts.length >= 3)) return null;
  const firstCounts = countingStarts.filter((starts) => starts.length > 0).map((starts) => Math.min(...starts));
  const firstCount = Math.min(...firstCounts);
  // The lane that counted first is left out once: the next first count is the first hand-over (a lone lane has none).
  const others = [...firstCounts].sort((a, b) => a - b).slice(1);
  const fromMs = others.length > 0 ? Math.max(firstCount, others[0] - MAGNIFIED_LEAD_MS) : firstCount;
  return { fromMs, toMs: fromMs + windowMs };
}

/** The lanes between `fromMs` and `toMs`, clipped there, on a clock that starts at `fromMs`. */
export function clipLanes(lanes: readonly TimelineLane[], fromMs: number, toMs: number): TimelineLane[] {
  return lanes.map((lane) =>
    lane
      .filter((segment) => segment.toMs > fromMs && segment.fromMs < toMs)
      .map((segment) => ({ state: segment.state, fromMs: Math.max(segment.fromMs, fromMs) - fromMs, toMs: Math.min(segment.toMs, toMs) - fromMs })),
  );
}
