import { memo } from 'react';
import { formatCount } from '../../lab/measurement/count';
import { LANE_NOUN, laneLabel } from '../../lab/texts/lesson';
import type { Lanes } from '../../lab/runState';

interface WorkerLanesProps {
  lanes: Lanes;
  /** After a run whose workers outnumbered the cores: each worker's share of a core, in words, under its bar (in presentation mode, beside it). */
  coreShares?: readonly (string | null)[] | null;
  /** What each worker had counted at the latest report, when fresher than `lanes`: the fill moves at every report, the words and ARIA values with `lanes`. */
  fill?: readonly number[] | null;
}

const PHASE_WORDS = { starting: 'starting…', counting: '', done: 'done', stopped: 'stopped', failed: 'failed' } as const;

/**
 * One progress bar per worker of the run in progress (or as the last run left
 * them), named "Worker 1", "Worker 2", … (or "Task 1" … on the main thread), and after a run on too few cores
 * each worker's share of a core under its bar. The fill moves by `transform`, which
 * the compositor draws without layout or paint, at every progress report; the
 * percentage and the ARIA values, whose change costs layout and paint, change
 * less often (with `lanes`): every millisecond the page spends here is taken
 * from a worker.
 */
export const WorkerLanes = memo(function WorkerLanes({ lanes, coreShares = null, fill = null }: WorkerLanesProps) {
  const starting = lanes.phase === 'starting';
  const withShares = coreShares?.some((share) => share !== null) ?? false;
  return (
    <ol className={`lanes lanes-${lanes.phase}${withShares ? ' lanes-with-shares' : ''}`} aria-label={`${LANE_NOUN[lanes.model] === 'task' ? 'Tasks' : 'Workers'} of run ${String(lanes.runId)}`}>
      {lanes.shares.map((share, index) => {
        const name = laneLabel(lanes.model, index);
        const counted = lanes.progress[index] ?? 0;
        const fraction = share > 0 ? counted / share : 1;
        const filled = share > 0 ? Math.max(counted, fill?.[index] ?? 0) / share : 1;
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
              <div className="bar-fill" style={{ transform: `scaleX(${String(filled)})` }} />
            </div>
            <span className="lane-state">{PHASE_WORDS[lanes.phase] || percent}</span>
            {coreShare && <span className="lane-core-share">{coreShare}</span>}
          </li>
        );
      })}
    </ol>
  );
});
