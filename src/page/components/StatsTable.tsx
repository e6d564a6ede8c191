import { memo, useMemo } from 'react';
import type { WorkerStats } from '../../lab/measurement/stats';
import { statsRows, type StatsRow } from '../../lab/texts/tables';
import { TextTable } from './TextTable';

interface StatsTableProps {
  stats: readonly WorkerStats[];
}

const HEADERS = ['Workers', 'Runs', 'Start-up (ms)', 'Compute (ms)', 'Wall-clock (ms)', 'Speed-up', 'Efficiency', 'Serial fraction'];

const cells = (row: StatsRow) => [row.workers, row.runs, row.startupMs, row.computeMs, row.wallMs, row.speedUp, row.efficiency, row.serialFraction];

/** The "Statistics" table: per worker count, the median (least–greatest) of the reliable runs. */
export const StatsTable = memo(function StatsTable({ stats }: StatsTableProps) {
  const rows = useMemo(() => statsRows(stats), [stats]);
  if (rows.length === 0) return null;
  return <TextTable caption="Statistics" className="results stats" headers={HEADERS} rows={rows} rowKey={(row) => row.workers} cells={cells} scrollLabel="Statistics table" />;
});
