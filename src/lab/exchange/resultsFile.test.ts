import { describe, expect, expectTypeOf, it } from 'vitest';
import * as v from 'valibot';
import { seriesKey, statsByWorkers } from '../measurement/stats';
import { MAX_WORKERS } from '../settings/settings';
import { MAX_STORED_RUNS } from '../stored/storedRuns';
import type { RunRecord } from '../types';
import { makeRun } from '../../testing/makeRun';
import type { MachineDescription } from './machineDescription';
import { quotedFileName } from './quotedFileName';
import {
  MAX_RESULTS_FILE_BYTES,
  RESULTS_FORMAT,
  RESULTS_VERSION,
  isoTime,
  labelSlug,
  readResultsFile,
  resultsFile,
  resultsFileName,
  resultsFileSchema,
  utcDate,
  type ResultsFile,
} from './resultsFile';

const machine: MachineDescription = {
  label: 'Room 4 laptop',
  reportedCores: 4,
  measuredCores: 3,
  browser: 'Firefox 153',
  engine: 'spidermonkey',
  crossOriginIsolated: true,
  timerResolutionMs: 0.02,
};

/** Runs of every kind the page keeps: a sweep, a Python run, a lock run, waits, a stopped and a failed run. */
function everyKindOfRun(): RunRecord[] {
  return [
    makeRun(1, 4000, { sweepId: 1, kernel: 'wasm' }),
    makeRun(2, 2100, { sweepId: 1, kernel: 'wasm' }),
    makeRun(4, 1300, { sweepId: 1, kernel: 'wasm', predictionMs: 1000 }),
    makeRun(2, 9000, { language: 'python' }),
    makeRun(2, 4100, { model: 'lock', lock: { kind: 'shared-memory', handovers: 40, meanHandoverMs: 0.02 } }),
    makeRun(2, 3100, { model: 'lock', lock: { kind: 'token', handovers: 0, meanHandoverMs: null } }),
    makeRun(3, 1200, { task: 'io', counted: 0, waitMsByTask: [1000, 1000, 1000], waitedMsByTask: [1001.5, 1000.25, 1003] }),
    makeRun(2, 900, { status: 'stopped', counted: 5e8, wallMs: null, computeMs: null }),
    makeRun(2, 900, { status: 'failed', error: 'A worker could not start.', wallMs: null, computeMs: null, startupMs: null }),
    makeRun(1, 4100, { model: 'main-thread', freeze: true, capped: true }),
  ];
}

function exported(runs: readonly RunRecord[] = everyKindOfRun()): ResultsFile {
  const series = seriesKey(runs[0]);
  return resultsFile({ runs, machine, series, stats: statsByWorkers(runs, series), exportedAtMs: Date.UTC(2026, 11, 5, 2, 10, 26, 7) });
}

/** The sentence a problem reading gives; fails the test when the file was read. */
function problemOf(name: string, text: string, sizeBytes = text.length): string {
  const reading = readResultsFile(name, sizeBytes, text);
  if (reading.kind !== 'problem') throw new Error(`expected a problem, got ${reading.kind}`);
  return reading.sentence;
}

const withFile = (change: (file: Record<string, unknown>) => void) => {
  const file = JSON.parse(JSON.stringify(exported())) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file);
};

describe('resultsFile', () => {
  it('carries its format, version, time, machine, every run and the statistics shown', () => {
    const file = exported();
    expect(file.format).toBe(RESULTS_FORMAT);
    expect(file.version).toBe(RESULTS_VERSION);
    expect(file.exportedAt).toBe('2026-12-05T02:10:26.007Z');
    expect(file.machine).toEqual(machine);
    expect(file.runs).toHaveLength(10);
    expect(file.statistics.series).toBe('parallel:cpu:strong:1000000000:fresh');
    expect(file.statistics.rows.map((row) => row.workers)).toEqual([1, 2, 4]);
    expect(file.statistics.rows[2].speedUp).toBeCloseTo(4000 / 1300, 12);
  });
  it('validates against the schema the import reads with, and its types agree', () => {
    expectTypeOf<v.InferOutput<typeof resultsFileSchema>>().toEqualTypeOf<ResultsFile>();
    expect(v.safeParse(resultsFileSchema, JSON.parse(JSON.stringify(exported()))).success).toBe(true);
  });
  it('reads back equal to what was written: Python, lock, waiting, stopped, failed and frozen runs', () => {
    const file = exported();
    expect(readResultsFile('results.json', 1000, JSON.stringify(file))).toEqual({ kind: 'ok', file });
    expect(readResultsFile('results.json', 1000, JSON.stringify(file, null, 2))).toEqual({ kind: 'ok', file });
  });
  it('writes a speed-up that JSON cannot hold as null, so it reads back as written', () => {
    const runs = [makeRun(1, 1000), makeRun(2, 0, { startupMs: 0, computeMs: 0 })];
    const file = exported(runs);
    expect(file.statistics.rows[1].speedUp).toBeNull();
    expect(readResultsFile('zero.json', 100, JSON.stringify(file))).toEqual({ kind: 'ok', file });
  });
  it('keeps no reference to the page’s own arrays', () => {
    const runs = [makeRun(1, 1000)];
    const file = exported(runs);
    runs.push(makeRun(2, 600));
    expect(file.runs).toHaveLength(1);
  });
});

describe('readResultsFile', () => {
  it('refuses a file too large before reading it', () => {
    // The text is a good file: only its size says no, so nothing was parsed.
    expect(problemOf('huge.json', JSON.stringify(exported()), MAX_RESULTS_FILE_BYTES + 1)).toBe(
      '“huge.json” is too large to be results from this page (5.1 MB; at most 5 MB).',
    );
    expect(problemOf('huge.json', ' '.repeat(MAX_RESULTS_FILE_BYTES + 1), 10)).toMatch(/^“huge\.json” is too large/);
    expect(problemOf('huge.json', '{}', 123_456_789)).toBe('“huge.json” is too large to be results from this page (123.5 MB; at most 5 MB).');
    expect(readResultsFile('at-limit.json', MAX_RESULTS_FILE_BYTES, JSON.stringify(exported())).kind).toBe('ok');
  });
  it('refuses text that is not JSON, or JSON that is not an object', () => {
    expect(problemOf('notes.json', 'Room 4: 2.1 s')).toBe('“notes.json” is not a results file: it is not JSON (choose a file saved with “Export JSON”).');
    expect(problemOf('empty.json', '')).toMatch(/^“empty\.json” is not a results file: it is not JSON/);
    for (const text of ['[1,2]', 'null', '42', '"results"']) expect(problemOf('list.json', text)).toMatch(/^“list\.json” is not a results file: it holds JSON, but not an object/);
  });
  it('refuses a foreign file: another format, or none', () => {
    expect(problemOf('package.json', '{"name":"x","version":"1.0.0"}')).toBe(
      '“package.json” is not a results file from the Parallel Counting Lab (choose a file saved with “Export JSON”).',
    );
    expect(problemOf('other.json', withFile((file) => (file.format = 'parallel-counting-lab/other')))).toMatch(/is not a results file from the Parallel Counting Lab/);
  });
  it('refuses a file made by a newer version of the page, saying so', () => {
    expect(problemOf('new.json', withFile((file) => (file.version = RESULTS_VERSION + 1)))).toBe(
      `“new.json” was made by a newer version of this page (results version ${String(RESULTS_VERSION + 1)}; this page reads up to ${String(RESULTS_VERSION)}): reload the page to update it, then import the file again.`,
    );
  });
  it('refuses a file that does not match the format, saying where', () => {
    expect(problemOf('a.json', withFile((file) => (file.version = 0)))).toMatch(/^“a\.json” does not match the results format at version \(/);
    expect(problemOf('a.json', withFile((file) => delete file.version))).toMatch(/at version \(missing\)\.$/);
    expect(
      problemOf(
        'b.json',
        withFile((file) => ((file.runs as Record<string, unknown>[])[3].workers = MAX_WORKERS + 1)),
      ),
    ).toMatch(/^“b\.json” does not match the results format at runs\.3\.workers \(expected <=1024, found 1025\)\.$/);
    expect(problemOf('c.json', withFile((file) => ((file.runs as Record<string, unknown>[])[6].waitMsByTask = [1, 2, 3, 4])))).toContain(
      'at runs.6 (a list of waits is longer than the workers)',
    );
    expect(problemOf('d.json', withFile((file) => ((file.machine as Record<string, unknown>).label = '')))).toContain('at machine.label (not a machine label');
    expect(problemOf('e.json', withFile((file) => (file.exportedAt = 'yesterday')))).toContain('at exportedAt (');
    expect(problemOf('f.json', withFile((file) => ((file.statistics as Record<string, unknown>).rows = [{ workers: 1 }])))).toContain(
      'at statistics.rows.0.runs (missing)',
    );
    expect(problemOf('g.json', withFile((file) => (file.runs = 'all of them')))).toContain('at runs (expected Array');
  });
  it('never repeats the file’s own text at length', () => {
    const sentence = problemOf('h.json', withFile((file) => ((file.runs as Record<string, unknown>[])[0].status = `<b>${'x'.repeat(10_000)}</b>`)));
    expect(sentence).toMatch(/^“h\.json” does not match the results format at runs\.0\.status \(expected/);
    expect(sentence.length).toBeLessThan(200);
  });
  it('refuses more runs than the page keeps, before checking each', () => {
    const run = JSON.parse(JSON.stringify(makeRun(1, 1000))) as unknown;
    const text = withFile((file) => (file.runs = Array.from({ length: MAX_STORED_RUNS + 1 }, () => run)));
    expect(problemOf('many.json', text)).toBe(`“many.json” holds ${String(MAX_STORED_RUNS + 1)} runs; at most ${String(MAX_STORED_RUNS)} can be imported from one file.`);
  });
  it('refuses two runs with one stableId, which the page never writes', () => {
    const text = withFile((file) => ((file.runs as Record<string, unknown>[])[4].stableId = (file.runs as Record<string, unknown>[])[1].stableId));
    expect(problemOf('twice.json', text)).toBe('“twice.json” holds two runs with the same stableId (runs.1 and runs.4), which this page never writes.');
  });
  it('names a hostile file quoted, on one line and short', () => {
    const name = `\u202E${'<script>alert(1)</script>\n'.repeat(20)}.json`;
    const sentence = problemOf(name, 'nope');
    expect(sentence).toMatch(/^“<script>alert\(1\)<\/script> <script>.*…” is not a results file/);
    expect(sentence).not.toContain('\n');
    expect(sentence).not.toContain('\u202E');
    expect(quotedFileName(name).length).toBe(50);
    expect(quotedFileName('  ')).toBe('“unnamed file”');
  });
  it('never throws, whatever the text', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(readResultsFile('deep.json', deep.length, deep).kind).toBe('problem');
    const deepMachine = withFile((file) => (file.machine = JSON.parse(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`) as unknown));
    expect(readResultsFile('deep.json', deepMachine.length, deepMachine).kind).toBe('problem');
  });
});

describe('every problem', () => {
  it('is one sentence naming the file: one full stop, at its end', () => {
    const run = JSON.parse(JSON.stringify(makeRun(1, 1000))) as unknown;
    const texts = [
      ['huge.json', '{}', MAX_RESULTS_FILE_BYTES + 1],
      ['notes.json', 'Room 4: 2.1 s'],
      ['list.json', '[1,2]'],
      ['package.json', '{"name":"x"}'],
      ['new.json', withFile((file) => (file.version = RESULTS_VERSION + 1))],
      ['a.json', withFile((file) => (file.version = 0))],
      ['b.json', withFile((file) => ((file.runs as Record<string, unknown>[])[0].status = 'sideways'))],
      ['many.json', withFile((file) => (file.runs = Array.from({ length: MAX_STORED_RUNS + 1 }, () => run)))],
      ['twice.json', withFile((file) => ((file.runs as Record<string, unknown>[])[4].stableId = (file.runs as Record<string, unknown>[])[1].stableId))],
    ] as const;
    for (const [name, text, size] of texts) {
      const sentence = problemOf(name, text, size);
      expect(sentence.startsWith(`“${name}” `), sentence).toBe(true);
      expect(sentence.endsWith('.'), sentence).toBe(true);
      expect(sentence.slice(0, -1), sentence).not.toMatch(/[.!?]\s/);
    }
  });
});

describe('file names and times', () => {
  it('says what and when', () => {
    const at = Date.UTC(2026, 11, 5, 23, 59);
    expect(resultsFileName('Chrome on 8 cores', at, 'json')).toBe('counting-lab-chrome-on-8-cores-2026-12-05.json');
    expect(resultsFileName('Élise’s iPad', at, 'csv')).toBe('counting-lab-elise-s-ipad-2026-12-05.csv');
    expect(resultsFileName('', at, 'png')).toBe('counting-lab-machine-2026-12-05.png');
    expect(resultsFileName('💻', at, 'svg')).toBe('counting-lab-machine-2026-12-05.svg');
    expect(labelSlug('a'.repeat(39) + ' b')).toBe('a'.repeat(39));
    expect(labelSlug('x'.repeat(60))).toHaveLength(40);
    expect(labelSlug('../../etc/passwd')).toBe('etc-passwd');
  });
  it('formats times as Date does, without Date', () => {
    for (const at of [0, 951_782_400_000, 1_709_164_800_000, Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2100, 1, 28, 12), 4_102_444_800_000]) {
      expect(isoTime(at)).toBe(new Date(at).toISOString());
      expect(utcDate(at)).toBe(new Date(at).toISOString().slice(0, 10));
    }
  });
});
