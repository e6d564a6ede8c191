/**
 * "Export CSV": one table with one header, a row per run and a row per worker count of the
 * statistics (told apart by `kind`), and the machine on every row, so that a class's files
 * can be put one after another and still say whose each row is. The page writes it with papaparse.
 */
import { seriesKey, type WorkerStats } from '../measurement/stats';
import type { RunRecord } from '../types';
import { plainLine } from './machineDescription';
import type { ResultsFile } from './resultsFile';

export type CsvCell = string | number | boolean | null;

/** What a row is made of: a run, or the statistics of one worker count. */
type Row = { kind: 'run'; run: RunRecord } | { kind: 'statistics'; stats: WorkerStats };

/** Waits as one cell: "1000 1000.5". */
const msList = (values: readonly number[] | undefined) => (values === undefined ? null : values.join(' '));
const runOnly = (read: (run: RunRecord) => CsvCell) => (row: Row) => (row.kind === 'run' ? read(row.run) : null);
const statsOnly = (read: (stats: WorkerStats) => CsvCell) => (row: Row) => (row.kind === 'statistics' ? read(row.stats) : null);
const either = (ofRun: (run: RunRecord) => CsvCell, ofStats: (stats: WorkerStats) => CsvCell) => (row: Row) => (row.kind === 'run' ? ofRun(row.run) : ofStats(row.stats));

/** The columns after the machine's: a name, and how a row fills it (null where it has nothing). */
function columns(file: ResultsFile): [string, (row: Row) => CsvCell][] {
  return [
    ['kind', (row) => row.kind],
    ['series', either((run) => seriesKey(run), () => file.statistics.series)],
    ['workers', either((run) => run.workers, (stats) => stats.workers)],
    ['run_id', runOnly((run) => run.id)],
    ['stable_id', runOnly((run) => run.stableId)],
    ['sweep_id', runOnly((run) => run.sweepId)],
    ['scaling', runOnly((run) => run.scaling)],
    ['count', runOnly((run) => run.count)],
    ['model', runOnly((run) => run.model)],
    ['task', runOnly((run) => run.task)],
    ['language', runOnly((run) => run.language ?? 'javascript')],
    ['kernel', runOnly((run) => run.kernel ?? null)],
    ['pooled', runOnly((run) => run.pooled)],
    ['freeze', runOnly((run) => run.freeze)],
    ['status', runOnly((run) => run.status)],
    ['total', runOnly((run) => run.total)],
    ['counted', runOnly((run) => run.counted)],
    ['hidden_during_run', runOnly((run) => run.hiddenDuringRun)],
    ['prediction_ms', runOnly((run) => run.predictionMs)],
    ['ns_per_count', runOnly((run) => run.nsPerCount)],
    // A run's own times, or the statistics' medians: one column to chart either by.
    ['wall_ms', either((run) => run.wallMs, (stats) => stats.wallMs.median)],
    ['startup_ms', either((run) => run.startupMs, (stats) => stats.startupMs.median)],
    ['compute_ms', either((run) => run.computeMs, (stats) => stats.computeMs.median)],
    ['wall_ms_min', statsOnly((stats) => stats.wallMs.min)],
    ['wall_ms_max', statsOnly((stats) => stats.wallMs.max)],
    ['runs', statsOnly((stats) => stats.runs)],
    ['left_out', statsOnly((stats) => stats.leftOut)],
    ['speed_up', statsOnly((stats) => stats.speedUp)],
    ['efficiency', statsOnly((stats) => stats.efficiency)],
    ['karp_flatt', statsOnly((stats) => stats.karpFlatt)],
    ['lock_kind', runOnly((run) => run.lock?.kind ?? null)],
    ['lock_handovers', runOnly((run) => run.lock?.handovers ?? null)],
    ['lock_mean_handover_ms', runOnly((run) => run.lock?.meanHandoverMs ?? null)],
    ['wait_ms_by_task', runOnly((run) => msList(run.waitMsByTask))],
    ['waited_ms_by_task', runOnly((run) => msList(run.waitedMsByTask))],
    ['capped', runOnly((run) => run.capped ?? null)],
    ['error', runOnly((run) => run.error ?? null)],
  ];
}

/**
 * Text as one plain line. Formulas are left to papaparse's escapeFormulae, whose check reads a cell's
 * first line only (`^[=+\-@\t\r].*$`): a cell "=…\n…" would pass it unescaped.
 */
const oneLine = (cell: CsvCell): CsvCell => (typeof cell === 'string' ? plainLine(cell) : cell);

/**
 * The table papaparse's unparse writes: the header, and a row per run then a row per worker count of the statistics.
 * Every text cell is one line; a cell that starts like a formula is left as it is, for unparse's escapeFormulae to escape.
 */
export function resultsCsvTable(file: ResultsFile): { fields: string[]; data: CsvCell[][] } {
  const { machine } = file;
  const machineCells: [string, CsvCell][] = [
    ['machine_label', machine.label],
    ['browser', machine.browser],
    ['engine', machine.engine],
    ['reported_cores', machine.reportedCores],
    ['measured_cores', machine.measuredCores],
    ['cross_origin_isolated', machine.crossOriginIsolated],
    ['timer_resolution_ms', machine.timerResolutionMs],
    ['exported_at', file.exportedAt],
  ];
  const rowColumns = columns(file);
  const rows: Row[] = [...file.runs.map((run): Row => ({ kind: 'run', run })), ...file.statistics.rows.map((stats): Row => ({ kind: 'statistics', stats }))];
  return {
    fields: [...machineCells.map(([name]) => name), ...rowColumns.map(([name]) => name)],
    data: rows.map((row) => [...machineCells.map(([, value]) => value), ...rowColumns.map(([, read]) => read(row))].map(oneLine)),
  };
}
