import { memo } from 'react';
import type { ActiveRun } from '../lab/runState';

interface WorkerLanesProps {
  run: ActiveRun;
}

/** One progress bar per worker of the run in progress, named "Worker 1", "Worker 2", … */
export const WorkerLanes = memo(function WorkerLanes({ run }: WorkerLanesProps) {
  return (
    <ol className="lanes" aria-label="Workers at work">
      {run.shares.map((share, index) => {
        const name = `Worker ${String(index + 1)}`;
        const counted = run.progress[index] ?? 0;
        const percent = share > 0 ? Math.floor((100 * counted) / share) : 100;
        return (
          <li key={name} className="lane">
            <span className="lane-name">{name}</span>
            {run.phase === 'starting' ? (
              <progress aria-label={name} aria-valuetext={`${name} is starting`} />
            ) : (
              <progress aria-label={name} max={Math.max(share, 1)} value={share > 0 ? counted : 1} aria-valuetext={`${String(percent)}%`} />
            )}
            <span className="lane-state">{run.phase === 'starting' ? 'starting…' : `${String(percent)}%`}</span>
          </li>
        );
      })}
    </ol>
  );
});
