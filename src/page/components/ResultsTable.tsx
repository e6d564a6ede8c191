import { memo, useId, useMemo } from 'react';
import { resultNotes, resultRows, type ResultRow } from '../../lab/texts/tables';
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

/**
 * The "Results" table: a row per run that ended, newest last; runs left out of the statistics say why.
 * Under it, what the speed-up is measured against and which way an error goes, right where they are read.
 */
export const ResultsTable = memo(function ResultsTable({ runs }: ResultsTableProps) {
  const rows = useMemo(() => resultRows(runs), [runs]);
  const notes = resultNotes(rows);
  const notesId = useId();
  return (
    <>
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
        describedBy={notes.length > 0 ? notesId : undefined}
      />
      {notes.length > 0 && (
        <div className="results-notes" id={notesId}>
          {notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
      )}
    </>
  );
});
