import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { seriesKey, statsByWorkers } from '../measurement/stats';
import type { RunRecord } from '../types';
import { makeRun } from '../../testing/makeRun';
import { resultsCsvTable } from './csvTable';
import type { MachineDescription } from './machineDescription';
import { resultsFile } from './resultsFile';

const machine: MachineDescription = {
  label: 'Room 4 laptop',
  reportedCores: 4,
  measuredCores: null,
  browser: 'Firefox 153',
  engine: 'spidermonkey',
  crossOriginIsolated: true,
  timerResolutionMs: 0.02,
};

const runs: RunRecord[] = [
  makeRun(1, 4000, { sweepId: 1, kernel: 'wasm', stableId: 'a' }),
  makeRun(2, 2000, { sweepId: 1, kernel: 'wasm', stableId: 'b', predictionMs: 1900 }),
  makeRun(2, 4100, { model: 'lock', language: 'python', lock: { kind: 'shared-memory', handovers: 40, meanHandoverMs: 0.02 }, stableId: 'c' }),
  makeRun(2, 1200, { task: 'io', counted: 0, waitMsByTask: [1000, 1000], waitedMsByTask: [1001.5, 1000.25], stableId: 'd' }),
  makeRun(2, 900, { status: 'failed', error: 'A worker could not start, "twice".', wallMs: null, computeMs: null, startupMs: null, stableId: 'e' }),
];

function tableOf(description: MachineDescription = machine) {
  const series = seriesKey(runs[0]);
  return resultsCsvTable(resultsFile({ runs, machine: description, series, stats: statsByWorkers(runs, series), exportedAtMs: Date.UTC(2026, 11, 5, 2) }));
}

/** A row as an object by its header's names. */
const named = (fields: string[], row: unknown[]) => Object.fromEntries(fields.map((field, index) => [field, row[index]]));

describe('resultsCsvTable', () => {
  it('has one header and rows as long as it: a row per run, then a row per worker count of the statistics', () => {
    const { fields, data } = tableOf();
    expect(new Set(fields).size).toBe(fields.length);
    expect(data.map((row) => row.length)).toEqual(Array.from({ length: 7 }, () => fields.length));
    expect(data.map((row) => named(fields, row).kind)).toEqual(['run', 'run', 'run', 'run', 'run', 'statistics', 'statistics']);
  });
  it('puts the machine on every row', () => {
    const { fields, data } = tableOf();
    for (const row of data) {
      expect(named(fields, row)).toMatchObject({
        machine_label: 'Room 4 laptop',
        browser: 'Firefox 153',
        engine: 'spidermonkey',
        reported_cores: 4,
        measured_cores: null,
        cross_origin_isolated: true,
        timer_resolution_ms: 0.02,
        exported_at: '2026-12-05T02:00:00.000Z',
      });
    }
  });
  it('gives each run its settings and figures', () => {
    const { fields, data } = tableOf();
    expect(named(fields, data[1])).toMatchObject({ kind: 'run', series: 'parallel:cpu:strong:1000000000:fresh', workers: 2, run_id: runs[1].id, stable_id: 'b', sweep_id: 1, scaling: 'strong', count: 1e9, model: 'parallel', task: 'cpu', language: 'javascript', kernel: 'wasm', pooled: false, freeze: false, status: 'done', total: 1e9, counted: 1e9, hidden_during_run: false, prediction_ms: 1900, ns_per_count: 0.3, wall_ms: 2000, startup_ms: 10, compute_ms: 1990, runs: null, speed_up: null, lock_kind: null, error: null });
    expect(named(fields, data[2])).toMatchObject({ series: 'lock:cpu:strong:1000000000:fresh:python', language: 'python', lock_kind: 'shared-memory', lock_handovers: 40, lock_mean_handover_ms: 0.02 });
    expect(named(fields, data[3])).toMatchObject({ task: 'io', wait_ms_by_task: '1000 1000', waited_ms_by_task: '1001.5 1000.25' });
    expect(named(fields, data[4])).toMatchObject({ status: 'failed', wall_ms: null, error: 'A worker could not start, "twice".' });
  });
  it('gives each worker count of the statistics its medians, spread and speed-up', () => {
    const { fields, data } = tableOf();
    expect(named(fields, data[6])).toMatchObject({ kind: 'statistics', series: 'parallel:cpu:strong:1000000000:fresh', workers: 2, run_id: null, status: null, wall_ms: 2000, wall_ms_min: 2000, wall_ms_max: 2000, startup_ms: 10, compute_ms: 1990, runs: 1, left_out: 0, speed_up: 2, efficiency: 1, karp_flatt: 0 });
  });
  it('makes CSV that two machines’ files can be joined from, and reads back cell for cell', () => {
    const one = tableOf();
    const other = tableOf({ ...machine, label: '=HYPERLINK("http://x","y")', reportedCores: null });
    expect(other.fields).toEqual(one.fields);
    const text = Papa.unparse({ fields: one.fields, data: [...one.data, ...other.data] }, { escapeFormulae: true });
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(1 + 14);
    expect(parsed.data[8][0]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(named(one.fields, parsed.data[5])).toMatchObject({ error: 'A worker could not start, "twice".', wall_ms: '', machine_label: 'Room 4 laptop' });
  });
  it('leaves formulas to papaparse’s escapeFormulae, with every text cell one line, so that its check (which reads one line) sees each', () => {
    const formulaRuns = [makeRun(1, 4000), makeRun(2, 1, { status: 'failed', wallMs: null, error: '=cmd|\' /C calc\'!A0\r\nTraceback (most recent call last)', stableId: 'f' })];
    const series = seriesKey(formulaRuns[0]);
    const table = resultsCsvTable(resultsFile({ runs: formulaRuns, machine: { ...machine, label: '@SUM(1)\nx' }, series, stats: statsByWorkers(formulaRuns, series), exportedAtMs: 0 }));
    // The table itself never escapes: a label that starts with '=' is the label, and papaparse adds the quote.
    expect(named(table.fields, table.data[1])).toMatchObject({ machine_label: '@SUM(1) x', error: "=cmd|' /C calc'!A0 Traceback (most recent call last)" });
    const parsed = Papa.parse<string[]>(Papa.unparse(table, { escapeFormulae: true }), { skipEmptyLines: true });
    const row = named(table.fields, parsed.data[2]);
    expect(row.machine_label).toBe("'@SUM(1) x");
    expect(row.error).toBe("'=cmd|' /C calc'!A0 Traceback (most recent call last)");
  });
});
