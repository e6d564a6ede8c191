import { memo, useEffect, useRef } from 'react';
import { barFilled } from '../../lab/liveRun';
import { formatCount } from '../../lab/measurement/count';
import { LANE_NOUN, laneLabel } from '../../lab/texts/lesson';
import type { Lanes } from '../../lab/runState';
import type { LiveRunSource } from '../run/liveRun';

interface WorkerLanesProps {
  lanes: Lanes;
  /** After a run whose workers outnumbered the cores: each worker's share of a core, in words, under its bar (in presentation mode, beside it). */
  coreShares?: readonly (string | null)[] | null;
  /** What each worker had counted at the latest report, when fresher than `lanes`: the fill moves at every report, the words and ARIA values with `lanes`. */
  fill?: readonly number[] | null;
  /** The live view's news of a fill that moved alone: the bars move it straight away, with no redraw of theirs. */
  subscribeFill?: LiveRunSource['subscribeFill'] | null;
}

const scaleX = (filled: number) => `scaleX(${String(filled)})`;

const PHASE_WORDS = { starting: 'starting…', counting: '', done: 'done', stopped: 'stopped', failed: 'failed' } as const;

/**
 * One progress bar per worker of the run in progress (or as the last run left
 * them), named "Worker 1", "Worker 2", … (or "Task 1" … on the main thread), and after a run on too few cores
 * each worker's share of a core under its bar. The fill moves by `transform`, which
 * the compositor draws without layout or paint, at every progress report (written
 * straight to the bars when nothing else changed: `subscribeFill`); the
 * percentage and the ARIA values, whose change costs layout and paint, change
 * less often (with `lanes`): every millisecond the page spends here is taken
 * from a worker.
 */
export const WorkerLanes = memo(function WorkerLanes({ lanes, coreShares = null, fill = null, subscribeFill = null }: WorkerLanesProps) {
  const fills = useRef<(HTMLDivElement | null)[]>([]);
  useEffect(() => {
    if (!subscribeFill) return;
    // Between two redraws the fill moves alone: a transform the compositor draws, and no render of the Run region.
    return subscribeFill((latest) => {
      lanes.shares.forEach((share, index) => {
        const bar = fills.current[index];
        if (bar) bar.style.transform = scaleX(barFilled(share, lanes.progress[index] ?? 0, latest?.[index]));
      });
    });
  }, [subscribeFill, lanes]);
  const starting = lanes.phase === 'starting';
  const withShares = coreShares?.some((share) => share !== null) ?? false;
  return (
    <ol className={`lanes lanes-${lanes.phase}${withShares ? ' lanes-with-shares' : ''}`} aria-label={`${LANE_NOUN[lanes.model] === 'task' ? 'Tasks' : 'Workers'} of run ${String(lanes.runId)}`}>
      {lanes.shares.map((share, index) => {
        const name = laneLabel(lanes.model, index);
        const counted = lanes.progress[index] ?? 0;
        const fraction = share > 0 ? counted / share : 1;
        const filled = barFilled(share, counted, fill?.[index]);
        const percent = `${String(Math.floor(fraction * 100))}%`;
        const coreShare = coreShares?.[index] ?? null;
        return (
          <li key={name} className="lane">
            <span className="lane-name">{name}</span>
            <div
              className={`bar${starting ? ' bar-starting' : ''}`}
              role="progressbar"
              aria-label={name}
              aria-valuemin={0}
              aria-valuemax={share}
              aria-valuenow={starting ? undefined : counted}
              aria-valuetext={starting ? 'starting' : `${percent}: ${formatCount(counted)} of ${formatCount(share)}`}
            >
              <div
                className="bar-fill"
                ref={(bar) => {
                  fills.current[index] = bar;
                }}
                style={{ transform: scaleX(filled) }}
              />
            </div>
            <span className="lane-state">{PHASE_WORDS[lanes.phase] || percent}</span>
            {coreShare && <span className="lane-core-share">{coreShare}</span>}
          </li>
        );
      })}
    </ol>
  );
});
