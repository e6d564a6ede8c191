import { memo } from 'react';
import { formatCount } from '../lab/count';
import type { Spread, WorkerStats } from '../lab/stats';

interface StatsTableProps {
  stats: readonly WorkerStats[];
}

function spreadCell(spread: Spread): string {
  const ms = (value: number) => formatCount(Math.round(value));
  return spread.min === spread.max ? ms(spread.median) : `${ms(spread.median)} (${ms(spread.min)}–${ms(spread.max)})`;
}

const percent = (value: number | null) => (value === null ? '' : `${String(Math.round(value * 100))}%`);

/** Karp–Flatt's estimate, kept to 0–100%: beyond, extra workers cost more than they bring. */
const serialFraction = (value: number | null) => (value === null ? '' : value >= 1 ? '100% or more' : percent(Math.max(0, value)));

/** The "Statistics" table: per worker count, the median (least–greatest) of the reliable runs. */
export const StatsTable = memo(function StatsTable({ stats }: StatsTableProps) {
  if (stats.length === 0) return null;
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
          {stats.map((row) => (
            <tr key={row.workers}>
              <td>{row.workers}</td>
              <td>
                {row.runs}
                {row.leftOut > 0 ? ` (+${String(row.leftOut)} left out)` : ''}
              </td>
              <td>{spreadCell(row.startupMs)}</td>
              <td>{spreadCell(row.computeMs)}</td>
              <td>{spreadCell(row.wallMs)}</td>
              <td>{row.speedUp === null ? '' : `${row.speedUp.toFixed(2)}×`}</td>
              <td>{percent(row.efficiency)}</td>
              <td>{serialFraction(row.karpFlatt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
