/**
 * The exported results file ("Export JSON") and how an imported one is read: the same schema
 * both ways, its runs checked exactly as the page's stored runs are (runRecordSchema).
 */
import * as v from 'valibot';
import type { WorkerStats } from '../measurement/stats';
import { MAX_WORKERS } from '../settings/settings';
import { MAX_STORED_RUNS, runRecordSchema } from '../stored/storedRuns';
import type { RunRecord } from '../types';
import { plainLine, shortened, type MachineDescription } from './machineDescription';
import { machineDescriptionSchema } from './machineDescriptionSchema';
import { quotedFileName } from './quotedFileName';

export const RESULTS_FORMAT = 'parallel-counting-lab/results';
export const RESULTS_VERSION = 1;
/** 5,000 runs of about 450 characters each fit with room to spare; anything larger is refused before it is read. */
export const MAX_RESULTS_FILE_BYTES = 5_000_000;

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  version: number;
  /** When it was exported, ISO 8601 in UTC. */
  exportedAt: string;
  machine: MachineDescription;
  /** Every run, as the page keeps it. */
  runs: RunRecord[];
  /** The series shown (its seriesKey) and its statistics, as the page showed them; an import recomputes its own. */
  statistics: { series: string | null; rows: WorkerStats[] };
}

const MS_PER_DAY = 86_400_000;

/** The UTC calendar date of a day number since 1970-01-01 (Howard Hinnant's days_from_civil, inverted): the lab has no Date. */
function civilDate(daysSinceEpoch: number): { year: number; month: number; day: number } {
  const z = daysSinceEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (value: number, digits = 2) => String(value).padStart(digits, '0');

/** "2026-12-05": the UTC date of a time in ms since the epoch. */
export function utcDate(atMs: number): string {
  const { year, month, day } = civilDate(Math.floor(atMs / MS_PER_DAY));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** "2026-12-05T02:10:26.000Z", as Date's toISOString gives it (for years 0 to 9999). */
export function isoTime(atMs: number): string {
  const whole = Math.floor(atMs);
  const inDay = whole - Math.floor(whole / MS_PER_DAY) * MS_PER_DAY;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  return `${utcDate(whole)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(inDay % 1000, 3)}Z`;
}

/** JSON writes Infinity and NaN as null: say so before, so a file reads back as it was written. */
const finiteOrNull = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

/** The file "Export JSON" saves: every run, the statistics shown and the machine, stamped with the time it is given. */
export function resultsFile(input: {
  runs: readonly RunRecord[];
  machine: MachineDescription;
  series: string | null;
  stats: readonly WorkerStats[];
  exportedAtMs: number;
}): ResultsFile {
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    exportedAt: isoTime(input.exportedAtMs),
    machine: { ...input.machine },
    runs: [...input.runs],
    statistics: {
      series: input.series,
      rows: input.stats.map((row) => ({ ...row, speedUp: finiteOrNull(row.speedUp), efficiency: finiteOrNull(row.efficiency), karpFlatt: finiteOrNull(row.karpFlatt) })),
    },
  };
}

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const milliseconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const spreadSchema = v.object({ median: milliseconds, min: milliseconds, max: milliseconds });
const ratio = v.nullable(v.pipe(v.number(), v.finite()));

const workerStatsSchema = v.object({
  workers: v.pipe(count, v.minValue(1), v.maxValue(MAX_WORKERS)),
  runs: count,
  leftOut: count,
  startupMs: spreadSchema,
  computeMs: spreadSchema,
  wallMs: spreadSchema,
  speedUp: ratio,
  efficiency: ratio,
  karpFlatt: ratio,
});

/** What the page writes, checked field by field; format and version are checked before it, so that their sentences are plain. */
export const resultsFileSchema = v.object({
  format: v.literal(RESULTS_FORMAT),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(RESULTS_VERSION)),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  machine: machineDescriptionSchema,
  runs: v.pipe(v.array(runRecordSchema), v.maxLength(MAX_STORED_RUNS)),
  statistics: v.object({
    series: v.nullable(v.pipe(v.string(), v.maxLength(200))),
    rows: v.pipe(v.array(workerStatsSchema), v.maxLength(MAX_WORKERS)),
  }),
});

export type ResultsReading = { kind: 'ok'; file: ResultsFile } | { kind: 'problem'; sentence: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "5.1 MB", rounded up, so a file just over the limit never reads as at it. */
const megabytes = (bytes: number) => `${String(Math.ceil(bytes / 100_000) / 10)} MB`;

/** Where the first issue is and what was expected there, in a few plain words (never the file's own text at length). */
function issueWords(issue: v.BaseIssue<unknown>): string {
  const where = v.getDotPath(issue) ?? 'the top level';
  if (issue.received === 'undefined') return `at ${where} (missing)`;
  const what = issue.expected === null ? issue.message : `expected ${issue.expected}, found ${issue.received}`;
  return `at ${where} (${shortened(plainLine(what), 100)})`;
}

/** The first run whose stableId an earlier run already has, with both positions; null when every stableId is its own. */
function duplicateStableId(runs: readonly RunRecord[]): { first: number; again: number } | null {
  const seen = new Map<string, number>();
  for (const [index, run] of runs.entries()) {
    const earlier = seen.get(run.stableId);
    if (earlier !== undefined) return { first: earlier, again: index };
    seen.set(run.stableId, index);
  }
  return null;
}

function readChecked(name: string, sizeBytes: number, text: string): ResultsReading {
  const problem = (sentence: string): ResultsReading => ({ kind: 'problem', sentence: `${name} ${sentence}` });
  // Checked before reading a byte of it: a file this large is not one this page wrote.
  if (sizeBytes > MAX_RESULTS_FILE_BYTES || text.length > MAX_RESULTS_FILE_BYTES) {
    return problem(`is too large to be results from this page (${megabytes(Math.max(sizeBytes, text.length))}; at most ${megabytes(MAX_RESULTS_FILE_BYTES)}).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('is not a results file: it is not JSON (choose a file saved with “Export JSON”).');
  }
  if (!isObject(value)) return problem('is not a results file: it holds JSON, but not an object (choose a file saved with “Export JSON”).');
  if (value.format !== RESULTS_FORMAT) return problem('is not a results file from the Parallel Counting Lab (choose a file saved with “Export JSON”).');
  const { version, runs } = value;
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > RESULTS_VERSION) {
    return problem(`was made by a newer version of this page (results version ${String(version)}; this page reads up to ${String(RESULTS_VERSION)}): reload the page to update it, then import the file again.`);
  }
  // Counted before the runs are checked one by one: the page never keeps more.
  if (Array.isArray(runs) && runs.length > MAX_STORED_RUNS) {
    return problem(`holds ${String(runs.length)} runs; at most ${String(MAX_STORED_RUNS)} can be imported from one file.`);
  }
  const parsed = v.safeParse(resultsFileSchema, value, { abortEarly: true });
  if (!parsed.success) return problem(`does not match the results format ${issueWords(parsed.issues[0])}.`);
  const file: ResultsFile = { ...parsed.output, format: RESULTS_FORMAT };
  // This page never writes two runs with one stableId (readStoredRuns keeps one), so such a file was edited: refused rather than guessed at.
  const duplicate = duplicateStableId(file.runs);
  if (duplicate) {
    return problem(`holds two runs with the same stableId (runs.${String(duplicate.first)} and runs.${String(duplicate.again)}), which this page never writes.`);
  }
  return { kind: 'ok', file };
}

/**
 * Reads an imported file: the file, or one sentence naming it (quoted, shortened) and what is wrong:
 * too large, not JSON, not an object, foreign, too new, not matching the format (where), too many runs,
 * or two runs with one stableId. Never throws.
 */
export function readResultsFile(fileName: string, sizeBytes: number, text: string): ResultsReading {
  const name = quotedFileName(fileName);
  try {
    return readChecked(name, sizeBytes, text);
  } catch {
    // Nothing above should throw; should something (a stack too deep for a check), the page still gets its sentence.
    return { kind: 'problem', sentence: `${name} could not be read as a results file.` };
  }
}

/** "Chrome on 8 cores" → "chrome-on-8-cores": lowercase a–z, 0–9 and '-', at most 40 characters, "machine" when nothing is left. */
export function labelSlug(label: string): string {
  const slug = label
    .normalize('NFKD')
    // Accents come apart from their letters under NFKD: "É" keeps its "e".
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40)
    .replace(/-+$/u, '');
  return slug === '' ? 'machine' : slug;
}

/** `counting-lab-<label slug>-<YYYY-MM-DD>.<ext>`, the date in UTC: what and when, in the file's name. */
export function resultsFileName(label: string, atMs: number, extension: 'json' | 'csv' | 'svg' | 'png'): string {
  return `counting-lab-${labelSlug(label)}-${utcDate(atMs)}.${extension}`;
}
