import { memo, useMemo } from 'react';
import type { WorkerStats } from '../lab/stats';
import { statsRows } from '../lab/tables';

interface StatsTableProps {
  stats: readonly WorkerStats[];
}

/** The "Statistics" table: per worker count, the median (least–greatest) of the reliable runs. */
export const StatsTable = memo(function StatsTable({ stats }: StatsTableProps) {
  const rows = useMemo(() => statsRows(stats), [stats]);
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="results stats">
        <caption>Statistics</caption>
        <thead>
          <tr>
            <th scope="col">Workers</th>
            <th scope="col">Runs</th>
            <th scope="col">Start-up (ms)</th>
            <th scope="col">Compute (ms)</th>
            <th scope="col">Wall-clock (ms)</th>
            <th scope="col">Speed-up</th>
            <th scope="col">Efficiency</th>
            <th scope="col">Serial fraction</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.workers}>
              <td>{row.workers}</td>
              <td>{row.runs}</td>
              <td>{row.startupMs}</td>
              <td>{row.computeMs}</td>
              <td>{row.wallMs}</td>
              <td>{row.speedUp}</td>
              <td>{row.efficiency}</td>
              <td>{row.serialFraction}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
