import { memo, useMemo } from 'react';
import { resultRows, type ResultRow } from '../../lab/texts/tables';
import type { RunRecord } from '../../lab/types';
import { TextTable } from './TextTable';

interface ResultsTableProps {
  runs: readonly RunRecord[];
}

const HEADERS = [
  '#',
  'Workers',
  'Total count',
  'Start-up (ms)',
  'Compute (ms)',
  'Wall-clock (ms)',
  'Prediction (ms)',
  'Error',
  'Speed-up',
  'Efficiency',
  'Mode',
  'Check',
];
const MODE = HEADERS.indexOf('Mode');
const CHECK = HEADERS.indexOf('Check');

const cells = (row: ResultRow) => [
  row.id,
  row.workers,
  row.total,
  row.startupMs,
  row.computeMs,
  row.wallMs,
  row.predictionMs,
  row.error,
  row.speedUp,
  row.efficiency,
  row.mode,
  row.check,
];

const cellClass = (row: ResultRow, column: number) => {
  if (column === MODE) return 'mode';
  if (column === CHECK) return row.reliable ? 'ok' : 'warn';
  return undefined;
};

/** The "Results" table: a row per run that ended, newest last; runs left out of the statistics say why. */
export const ResultsTable = memo(function ResultsTable({ runs }: ResultsTableProps) {
  const rows = useMemo(() => resultRows(runs), [runs]);
  return (
    <TextTable
      caption="Results"
      className="results"
      headers={HEADERS}
      rows={rows}
      rowKey={(row) => row.id}
      cells={cells}
      rowClass={(row) => `row-${row.status}${row.hidden ? ' row-hidden' : ''}`}
      cellClass={cellClass}
      empty="No runs yet. Press Run."
      scrollLabel="Results table"
    />
  );
});
