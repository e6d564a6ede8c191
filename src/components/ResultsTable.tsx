import { memo } from 'react';
import { formatCount } from '../lab/count';
import { speedUp, unreliableReason } from '../lab/stats';
import type { RunRecord } from '../lab/types';

interface ResultsTableProps {
  runs: readonly RunRecord[];
}

function milliseconds(value: number | null): string {
  return value === null ? '—' : formatCount(Math.round(value));
}

function check(run: RunRecord): string {
  if (run.status === 'stopped') return 'Stopped';
  if (run.status === 'failed') return `Error: ${run.error ?? 'the run failed.'}`;
  if (run.hiddenDuringRun) return 'Tab was hidden: not reliable';
  if (run.counted !== run.total) return 'Count did not add up';
  return `Counted ${formatCount(run.counted)}`;
}

/** The "Results" table: a row per run that ended, newest last; runs left out of the statistics say why. */
export const ResultsTable = memo(function ResultsTable({ runs }: ResultsTableProps) {
  return (
    <div className="table-scroll">
      <table className="results">
        <caption>Results</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Workers</th>
            <th scope="col">Total count</th>
            <th scope="col">Start-up (ms)</th>
            <th scope="col">Compute (ms)</th>
            <th scope="col">Wall-clock (ms)</th>
            <th scope="col">Speed-up</th>
            <th scope="col">Efficiency</th>
            <th scope="col">Mode</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {runs.length === 0 ? (
            <tr>
              <td colSpan={10} className="empty">
                No runs yet. Press Run.
              </td>
            </tr>
          ) : (
            runs.map((run) => {
              const faster = speedUp(run, runs);
              const reliable = unreliableReason(run) === null;
              const stopped = run.status === 'stopped';
              return (
                <tr key={run.id} className={`row-${run.status}${run.hiddenDuringRun ? ' row-hidden' : ''}`}>
                  <td>{run.id}</td>
                  <td>{run.workers}</td>
                  <td>{formatCount(run.total)}</td>
                  <td>{milliseconds(run.startupMs)}</td>
                  <td>{stopped ? 'stopped' : milliseconds(run.computeMs)}</td>
                  <td>{stopped ? 'stopped' : milliseconds(run.wallMs)}</td>
                  <td>{faster === null ? '' : `${faster.toFixed(2)}×`}</td>
                  <td>{faster === null ? '' : `${String(Math.round((100 * faster) / run.workers))}%`}</td>
                  <td className="mode">
                    {run.scaling === 'strong' ? 'split' : 'each'}, {run.pooled ? 'pool' : 'fresh'}
                  </td>
                  <td className={reliable ? 'ok' : 'warn'}>{check(run)}</td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
});
