import { memo, useMemo } from 'react';
import { resultRows } from '../lab/tables';
import type { RunRecord } from '../lab/types';

interface ResultsTableProps {
  runs: readonly RunRecord[];
}

/** The "Results" table: a row per run that ended, newest last; runs left out of the statistics say why. */
export const ResultsTable = memo(function ResultsTable({ runs }: ResultsTableProps) {
  const rows = useMemo(() => resultRows(runs), [runs]);
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
          {rows.length === 0 ? (
            <tr>
              <td colSpan={10} className="empty">
                No runs yet. Press Run.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className={`row-${row.status}${row.hidden ? ' row-hidden' : ''}`}>
                <td>{row.id}</td>
                <td>{row.workers}</td>
                <td>{row.total}</td>
                <td>{row.startupMs}</td>
                <td>{row.computeMs}</td>
                <td>{row.wallMs}</td>
                <td>{row.speedUp}</td>
                <td>{row.efficiency}</td>
                <td className="mode">{row.mode}</td>
                <td className={row.reliable ? 'ok' : 'warn'}>{row.check}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
});
