import { memo, useId } from 'react';
import type { Timeline as TimelineData } from '../../lab/runState';
import {
  buildLanes,
  clipLanes,
  compactLane,
  DRAWN_STRETCHES,
  LANE_STATE_LABELS,
  LANE_STATES,
  MAGNIFIED_MS,
  stretchLabel,
  timelineRows,
  timelineSentence,
  timelineSpan,
  timeTicks,
  turnsWindow,
  type DrawnSegment,
} from '../../lab/timeline';
import { timelineCaption } from '../../lab/texts/figureCaptions';
import { LANE_NOUN, laneLabel } from '../../lab/texts/lesson';
import { TextTable } from './TextTable';

interface TimelineProps {
  timeline: TimelineData;
  /** When the counting workers outnumber the cores: that the system takes turns between them, which the lanes cannot show. */
  coreTurns?: string | null;
}

const percent = (part: number, whole: number) => `${String(whole > 0 ? (part / whole) * 100 : 0)}%`;

/** A lane's end (done, stopped) often has no length yet: it is drawn at least END_PX wide, at the track's end at most. */
const END_PX = 6;
const FINAL = new Set(['done', 'stopped']);

function placement(segment: DrawnSegment, span: number, last: boolean) {
  const left = percent(segment.fromMs, span);
  const width = percent(segment.toMs - segment.fromMs, span);
  if (!last || !FINAL.has(segment.state)) return { left, width };
  return { left: `min(${left}, calc(100% - ${String(END_PX)}px))`, width: `max(${width}, ${String(END_PX)}px)` };
}

interface LaneDrawingProps {
  lanes: readonly (readonly DrawnSegment[])[];
  /** The time the tracks stand for (ms). */
  span: number;
  name: (lane: number) => string;
  /** Each lane's state now, at the end of its track; none in the magnified part. */
  showState: boolean;
  className?: string;
}

/** Lanes of coloured stretches on one time axis: the drawing of the whole run, or of its magnified part. */
function LaneDrawing({ lanes, span, name, showState, className = '' }: LaneDrawingProps) {
  return (
    <div className={`timeline-drawing ${className}`.trim()} aria-hidden="true">
      <ol className="timeline-lanes">
        {lanes.map((segments, lane) => (
          <li key={lane} className="timeline-lane">
            <span className="timeline-name">{name(lane)}</span>
            <div className="timeline-track">
              <div className="timeline-segments">
                {segments.map((segment, position) => (
                  <div
                    key={`${segment.state} ${String(segment.fromMs)}`}
                    className={`timeline-segment tl-${segment.state}`}
                    data-state={segment.state}
                    style={placement(segment, span, position === segments.length - 1)}
                  />
                ))}
              </div>
            </div>
            {showState && <span className="timeline-state">{stretchLabel(segments.at(-1) ?? { state: 'starting', fromMs: 0, toMs: 0 })}</span>}
          </li>
        ))}
      </ol>
      <div className="timeline-axis">
        <span />
        <div className="timeline-ticks">
          <div className="timeline-tick-labels">
            {timeTicks(span).map((tick, index) => (
              // Keyed by place: as the run grows, a tick's label and place change, its node stays.
              <span key={index} className="timeline-tick" style={{ left: percent(tick.atMs, span) }}>
                {tick.label}
              </span>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The latest run as lanes, one per worker (or task), coloured and patterned by
 * state on one clock, with a legend, a time axis and each lane's share of time
 * spent counting. Plain HTML and CSS (no chart library): it is redrawn with the
 * progress bars, at most every 200 ms, and its open segments reach the latest
 * "now". Turns too short to draw apart are drawn as one striped stretch (a run
 * under the lock changes state every 5 ms, thousands of times), and the first
 * MAGNIFIED_MS of them are drawn again, magnified, where each hand-over shows.
 * Screen readers read the stretches as a table instead of the drawing.
 */
export const Timeline = memo(function Timeline({ timeline, coreTurns = null }: TimelineProps) {
  const lanes = buildLanes(timeline.events, timeline.lanes, timeline.nowMs);
  const span = Math.max(timeline.nowMs, timelineSpan(lanes));
  const drawn = lanes.map((lane) => compactLane(lane, span / DRAWN_STRETCHES));
  const magnified = turnsWindow(lanes);
  const magnifiedTitleId = useId();
  const name = (lane: number) => laneLabel(timeline.model, lane);
  const noun = LANE_NOUN[timeline.model];
  const onPage = noun === 'task';
  const turnsDrawn = drawn.some((lane) => lane.some((segment) => segment.state === 'turns'));
  return (
    <figure className={`timeline${timeline.live ? ' timeline-live' : ''}`}>
      <figcaption>{timelineCaption(timeline)}</figcaption>
      {coreTurns && <p className="timeline-core-turns">{coreTurns}</p>}
      <LaneDrawing lanes={drawn} span={span} name={name} showState />
      {magnified && (
        // Its own figure, named apart from the run's: its lanes are the same workers, drawn again over MAGNIFIED_MS only.
        <figure className="timeline-magnified" aria-labelledby={magnifiedTitleId}>
          <figcaption>
            <strong id={magnifiedTitleId} className="timeline-magnified-title">
              First {String(MAGNIFIED_MS)} ms, magnified
            </strong>{' '}
            <span className="timeline-magnified-caption">
              From the first turn, the same {noun}s on a finer clock. {onPage ? 'One task counts' : 'One worker holds the lock and counts'} for about a
              switch interval (5 ms) while the others wait, then {onPage ? 'the next takes its turn' : 'it hands the lock over'}.
            </span>
          </figcaption>
          <LaneDrawing lanes={clipLanes(lanes, magnified.fromMs, magnified.toMs)} span={magnified.toMs - magnified.fromMs} name={name} showState={false} className="magnified" />
        </figure>
      )}
      <ul className="timeline-legend" aria-label="States">
        {LANE_STATES.map((state) => (
          <li key={state}>
            <span className={`timeline-swatch tl-${state}`} aria-hidden="true" />
            {LANE_STATE_LABELS[state]}
          </li>
        ))}
        {turnsDrawn && (
          <li>
            <span className="timeline-swatch tl-turns" aria-hidden="true" />
            taking turns, too fast to draw apart
          </li>
        )}
      </ul>
      <p className="timeline-shares">{timelineSentence(lanes, name)}</p>
      <div className="visually-hidden timeline-text">
        <TextTable
          caption="Timeline of the latest run, as a table"
          className="timeline-data"
          headers={['Lane', 'State', 'From', 'To', 'Duration']}
          rows={timelineRows(drawn, name)}
          rowKey={(row) => row.key}
          cells={(row) => row.cells}
          empty="Nothing yet: the workers are being created."
        />
      </div>
    </figure>
  );
});
