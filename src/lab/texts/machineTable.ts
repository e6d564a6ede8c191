import type { MachineRow } from '../exchange/comparedMachine';
import { formatDuration } from './duration';

/** The "Machines" table's column headings, after the machine's label. */
export const MACHINE_TABLE_HEADINGS = ['Machine', 'Cores reported', 'Cores measured', 'Browser', 'Fastest time', 'Speed-up at its cores'] as const;

const cores = (value: number | null) => (value === null ? 'none' : String(value));

/** A row's cells after its label, in words: "—" where a figure is missing, the worker counts each figure is at. */
export function machineRowCells(row: MachineRow): string[] {
  const fastest =
    row.fastestMs === null ? '—' : `${formatDuration(row.fastestMs)}${row.fastestWorkers === null ? '' : ` (${String(row.fastestWorkers)} ${row.fastestWorkers === 1 ? 'worker' : 'workers'})`}`;
  const speedUp =
    row.speedUpAtCores === null ? '—' : `${row.speedUpAtCores.toFixed(2)}×${row.coresForSpeedUp === null ? '' : ` at ${String(row.coresForSpeedUp)}`}`;
  return [cores(row.reportedCores), row.measuredCores === null ? '—' : String(row.measuredCores), row.browser, fastest, speedUp];
}

/** The "Remove all machines?" dialog's question: "Remove the 3 imported machines? This cannot be undone." */
export function removeAllMachinesQuestion(count: number): string {
  return `Remove ${count === 1 ? 'the imported machine' : `the ${String(count)} imported machines`}? This cannot be undone.`;
}

/** The "Clear results?" dialog's checkbox: "Also remove the 3 imported machines". */
export function alsoRemoveMachines(count: number): string {
  return count === 1 ? 'Also remove the imported machine' : `Also remove the ${String(count)} imported machines`;
}
