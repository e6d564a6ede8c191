import { describe, expect, it } from 'vitest';
import {
  buildLanes,
  clipLanes,
  compactLane,
  countingShare,
  DRAWN_STRETCHES,
  LANE_STATE_LABELS,
  LANE_STATES,
  timelineRows,
  timelineSentence,
  timelineSpan,
  timeInState,
  timeTicks,
  turnsWindow,
  MAGNIFIED_MS,
  MAGNIFIED_LEAD_MS,
  stretchLabel,
  type LaneState,
  type TimelineEvent,
  type TimelineLane,
  type TimelineSegment,
} from './timeline';

const event = (lane: number, state: LaneState, atMs: number): TimelineEvent => ({ lane, state, atMs });

/** A 2-worker run: both start at 0, count from 30, Worker 1 done at 1,030 and Worker 2 at 1,080. */
const run: TimelineEvent[] = [
  event(0, 'starting', 0),
  event(1, 'starting', 0),
  event(0, 'counting', 30),
  event(1, 'counting', 30),
  event(0, 'done', 1030),
  event(1, 'done', 1080),
];

describe('buildLanes', () => {
  it('turns a run’s events into closed segments per lane', () => {
    expect(buildLanes(run, 2, 1080)).toEqual([
      [
        { state: 'starting', fromMs: 0, toMs: 30 },
        { state: 'counting', fromMs: 30, toMs: 1030 },
        { state: 'done', fromMs: 1030, toMs: 1080 },
      ],
      [
        { state: 'starting', fromMs: 0, toMs: 30 },
        { state: 'counting', fromMs: 30, toMs: 1080 },
        { state: 'done', fromMs: 1080, toMs: 1080 },
      ],
    ]);
  });

  it('runs the open segment to now, so the drawing grows while the run goes', () => {
    const early = buildLanes(run.slice(0, 4), 2, 500);
    const later = buildLanes(run.slice(0, 4), 2, 900);
    expect(early[0].at(-1)).toEqual({ state: 'counting', fromMs: 30, toMs: 500 });
    expect(later[0].at(-1)).toEqual({ state: 'counting', fromMs: 30, toMs: 900 });
    // A "now" before the segment began never gives it a negative length.
    expect(buildLanes(run.slice(0, 4), 2, 10)[0].at(-1)).toEqual({ state: 'counting', fromMs: 30, toMs: 30 });
  });

  it('gives the same lanes for events out of order and repeated', () => {
    const shuffled = [run[5], run[2], run[0], run[4], run[1], run[3], run[2], run[0], run[5]];
    expect(buildLanes(shuffled, 2, 1080)).toEqual(buildLanes(run, 2, 1080));
  });

  it('ignores events for unknown lanes, unknown states and times that are not finite numbers', () => {
    const hostile = [
      ...run,
      event(2, 'counting', 10),
      event(-1, 'counting', 10),
      event(0.5, 'counting', 10),
      event(Number.NaN, 'counting', 10),
      event(0, 'waiting-io', Number.NaN),
      event(0, 'waiting-io', Number.POSITIVE_INFINITY),
      event(1, 'stopped', Number.NEGATIVE_INFINITY),
      { lane: 0, state: 'sleeping' as LaneState, atMs: 40 },
      { lane: 0, state: 'constructor' as LaneState, atMs: 40 },
    ];
    expect(buildLanes(hostile, 2, 1080)).toEqual(buildLanes(run, 2, 1080));
    expect(buildLanes(run, 0, 1080)).toEqual([]);
    expect(buildLanes(run, -3, 1080)).toEqual([]);
    expect(buildLanes(run, Number.NaN, 1080)).toEqual([]);
  });

  it('counts a time before the run’s start from 0, and a lane with no events has no segment', () => {
    expect(buildLanes([event(0, 'starting', -5), event(0, 'counting', 20)], 2, 50)).toEqual([
      [
        { state: 'starting', fromMs: 0, toMs: 20 },
        { state: 'counting', fromMs: 20, toMs: 50 },
      ],
      [],
    ]);
  });

  it('ends a lane at done or stopped and ignores what comes after', () => {
    const lanes = buildLanes([event(0, 'counting', 0), event(0, 'stopped', 100), event(0, 'counting', 150), event(0, 'done', 200)], 1, 300);
    expect(lanes[0]).toEqual([
      { state: 'counting', fromMs: 0, toMs: 100 },
      { state: 'stopped', fromMs: 100, toMs: 300 },
    ]);
  });

  it('drops segments of no length, and merges the neighbours that leaves', () => {
    // A pooled worker answers ready at once: starting and counting at the same moment.
    const lanes = buildLanes([event(0, 'starting', 0), event(0, 'counting', 0), event(0, 'waiting-lock', 40), event(0, 'counting', 40), event(0, 'done', 90)], 1, 90);
    expect(lanes[0]).toEqual([
      { state: 'counting', fromMs: 0, toMs: 90 },
      { state: 'done', fromMs: 90, toMs: 90 },
    ]);
  });

  it('shows the lock’s hand-over: one lane counting while the other waits', () => {
    const lanes = buildLanes(
      [
        event(0, 'counting', 0),
        event(1, 'waiting-lock', 0),
        event(0, 'waiting-lock', 5),
        event(1, 'counting', 5),
        event(1, 'waiting-lock', 10),
        event(0, 'counting', 10),
      ],
      2,
      12,
    );
    expect(lanes.map((lane) => lane.map((segment) => segment.state))).toEqual([
      ['counting', 'waiting-lock', 'counting'],
      ['waiting-lock', 'counting', 'waiting-lock'],
    ]);
    expect(countingShare(lanes[0], 12)).toBeCloseTo(7 / 12, 12);
    expect(countingShare(lanes[1], 12)).toBeCloseTo(5 / 12, 12);
  });
});

describe('timeInState', () => {
  it('adds up a lane’s time in a state over all its segments', () => {
    const lanes = buildLanes(run, 2, 1080);
    expect(timeInState(lanes[0])).toBe(1000);
    expect(timeInState(lanes[1], 'counting')).toBe(1050);
    expect(timeInState(lanes[0], 'starting')).toBe(30);
    expect(timeInState(lanes[0], 'waiting-io')).toBe(0);
    const turns = buildLanes([event(0, 'counting', 0), event(0, 'waiting-lock', 5), event(0, 'counting', 12), event(0, 'done', 20)], 1, 20);
    expect(timeInState(turns[0])).toBe(13);
    expect(timeInState(turns[0], 'waiting-lock')).toBe(7);
  });
});

describe('countingShare and the sentence', () => {
  it('gives each lane’s counting time as a share of the whole span', () => {
    const lanes = buildLanes(run, 2, 1080);
    expect(timelineSpan(lanes)).toBe(1080);
    expect(countingShare(lanes[0], 1080)).toBeCloseTo(1000 / 1080, 12);
    expect(countingShare(lanes[1], 1080)).toBeCloseTo(1050 / 1080, 12);
    expect(countingShare(lanes[0], 0)).toBe(0);
    expect(countingShare(lanes[0], Number.NaN)).toBe(0);
    expect(timelineSentence(lanes)).toBe('Share of time spent counting: Worker 1 93%, Worker 2 97%.');
  });

  it('says 0% for a lane that never counted, and nothing with no lane', () => {
    expect(timelineSentence(buildLanes([event(0, 'starting', 0)], 2, 400))).toBe('Share of time spent counting: Worker 1 0%, Worker 2 0%.');
    expect(timelineSentence([])).toBe('');
  });
});

describe('the legend, the axis and the text equivalent', () => {
  it('names every state in plain words', () => {
    expect(LANE_STATES).toEqual(['starting', 'waiting-lock', 'counting', 'waiting-io', 'done', 'stopped']);
    expect(LANE_STATES.map((state) => LANE_STATE_LABELS[state])).toEqual([
      'starting up',
      'waiting for the lock',
      'counting',
      'waiting for I/O',
      'done',
      'stopped',
    ]);
  });

  it('puts round ticks from 0 to the span', () => {
    expect(timeTicks(1080)).toEqual([
      { atMs: 0, label: '0' },
      { atMs: 200, label: '200 ms' },
      { atMs: 400, label: '400 ms' },
      { atMs: 600, label: '600 ms' },
      { atMs: 800, label: '800 ms' },
      { atMs: 1000, label: '1 s' },
    ]);
    expect(timeTicks(28_000).map((tick) => tick.label)).toEqual(['0', '5 s', '10 s', '15 s', '20 s', '25 s']);
    expect(timeTicks(3).map((tick) => tick.label)).toEqual(['0', '0.5 ms', '1 ms', '1.5 ms', '2 ms', '2.5 ms', '3 ms']);
    expect(timeTicks(0)).toEqual([{ atMs: 0, label: '0' }]);
    expect(timeTicks(Number.NaN)).toEqual([{ atMs: 0, label: '0' }]);
  });

  it('lists every segment as a row: lane, state, from, to, how long', () => {
    expect(timelineRows(buildLanes(run, 2, 1080)).map((row) => row.cells)).toEqual([
      ['Worker 1', 'starting up', '0 ms', '30 ms', '30 ms'],
      ['Worker 1', 'counting', '30 ms', '1,030 ms', '1,000 ms'],
      ['Worker 1', 'done', '1,030 ms', '1,080 ms', '50 ms'],
      ['Worker 2', 'starting up', '0 ms', '30 ms', '30 ms'],
      ['Worker 2', 'counting', '30 ms', '1,080 ms', '1,050 ms'],
      ['Worker 2', 'done', '1,080 ms', '1,080 ms', '0 ms'],
    ]);
    const keys = timelineRows(buildLanes(run, 2, 1080)).map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('drawing many short turns', () => {
  const at = (state: TimelineSegment['state'], fromMs: number, toMs: number): TimelineSegment => ({ state, fromMs, toMs });
  // A worker under the lock: 5 ms turns for 100 ms, then done.
  const turns: TimelineSegment[] = [at('starting', 0, 30)];
  for (let ms = 30; ms < 130; ms += 10) turns.push(at('counting', ms, ms + 5), at('waiting-lock', ms + 5, ms + 10));
  turns.push(at('done', 130, 130));

  it('draws runs of segments too short to tell apart as one stretch of turns, with its counting time', () => {
    expect(compactLane(turns, 8)).toEqual([
      at('starting', 0, 30),
      { state: 'turns', fromMs: 30, toMs: 130, countingMs: 50, segments: 20 },
      at('done', 130, 130),
    ]);
  });

  it('leaves a lane alone when its segments are wide enough, and a lone short one as it is', () => {
    expect(compactLane(turns, 5)).toEqual(turns);
    const lone = [at('starting', 0, 2), at('counting', 2, 100), at('done', 100, 100)];
    expect(compactLane(lone, 5)).toEqual(lone);
  });

  it('keeps the drawing small however long the run: 20,000 turns in 400 stretches at most', () => {
    const long: TimelineSegment[] = [];
    for (let index = 0; index < 20_000; index += 1) long.push(at(index % 2 === 0 ? 'counting' : 'waiting-lock', index * 5, index * 5 + 5));
    expect(compactLane(long, 100_000 / DRAWN_STRETCHES).length).toBeLessThanOrEqual(DRAWN_STRETCHES);
  });

  it('magnifies the first turns of a run that took turns, and nothing else', () => {
    expect(turnsWindow([turns, turns])).toEqual({ fromMs: 30, toMs: 30 + MAGNIFIED_MS });
    expect(turnsWindow([[at('starting', 0, 30), at('counting', 30, 900), at('done', 900, 900)]])).toBeNull();
  });

  it('starts the magnified part at the first hand-over, one switch interval early, not at a first holder’s stall', () => {
    // Worker 1 counts at 30 ms, then the token stalls 35 ms in the page (WebKitGTK, drawing the run's start): worker 2 first counts at 70 ms.
    const first: TimelineSegment[] = [at('starting', 0, 25), at('waiting-lock', 25, 30), at('counting', 30, 35), at('waiting-lock', 35, 75)];
    const second: TimelineSegment[] = [at('starting', 0, 25), at('waiting-lock', 25, 70)];
    for (let ms = 70; ms < 150; ms += 10) {
      second.push(at('counting', ms, ms + 5), at('waiting-lock', ms + 5, ms + 10));
      if (ms > 70) first.push(at('counting', ms - 5, ms), at('waiting-lock', ms, ms + 5));
    }
    const window = turnsWindow([first, second]);
    expect(window).toEqual({ fromMs: 70 - MAGNIFIED_LEAD_MS, toMs: 70 - MAGNIFIED_LEAD_MS + MAGNIFIED_MS });
    // In it, each lane hands over both ways; from the first count (30 ms) worker 1 would only have waited.
    const handOvers = (lane: TimelineLane) =>
      lane.slice(1).filter((segment, index) => segment.state !== lane[index].state && [segment.state, lane[index].state].every((state) => state === 'counting' || state === 'waiting-lock')).length;
    const magnified = clipLanes([first, second], window?.fromMs ?? 0, window?.toMs ?? 0);
    expect(magnified.map(handOvers).every((count) => count >= 4)).toBe(true);
    expect(handOvers(clipLanes([first], 30, 30 + MAGNIFIED_MS)[0])).toBe(1);
  });

  it('never starts the magnified part before the first count, and a lone lane’s at its first count', () => {
    // Worker 2 first counts 2 ms after worker 1: the lead stops at worker 1's first count.
    const early = turns.map((segment) => ({ ...segment, fromMs: segment.fromMs + 2, toMs: segment.toMs + 2 }));
    expect(turnsWindow([turns, early])?.fromMs).toBe(30);
    expect(turnsWindow([turns])).toEqual({ fromMs: 30, toMs: 30 + MAGNIFIED_MS });
    // A lane that never counted is no hand-over.
    expect(turnsWindow([turns, [at('starting', 0, 130)]])).toEqual({ fromMs: 30, toMs: 30 + MAGNIFIED_MS });
  });

  it('clips the lanes to the magnified part, on its own clock', () => {
    expect(clipLanes([turns], 30, 45)).toEqual([[at('counting', 0, 5), at('waiting-lock', 5, 10), at('counting', 10, 15)]]);
    expect(clipLanes([turns], 0, 32)[0]).toEqual([at('starting', 0, 30), at('counting', 30, 32)]);
  });
});

describe('stretchLabel', () => {
  it('says what a stretch of turns held, in the singular too', () => {
    expect(stretchLabel({ state: 'turns', fromMs: 0, toMs: 100, countingMs: 48, segments: 20 })).toBe('taking turns: counting 48% of it, in 10 turns');
    expect(stretchLabel({ state: 'turns', fromMs: 0, toMs: 4, countingMs: 2, segments: 2 })).toBe('taking turns: counting 50% of it, in 1 turn');
    expect(stretchLabel({ state: 'counting', fromMs: 0, toMs: 4 })).toBe('counting');
  });
});

