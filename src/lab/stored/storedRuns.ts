/**
 * The format in which runs are kept in the browser between visits, and how
 * stored records are checked, brought up to date and merged when the page loads.
 *
 * Every run is stored as its own record, `{ version, tab, savedAt, run }`, added when
 * the run ends under its `run.stableId`, once: two tabs that run at the same time each add
 * theirs, and a reload reads the union. Nothing here touches storage; src/page/storage/ does.
 */
import * as v from 'valibot';
import { EXECUTION_MODELS, KERNEL_KINDS, KERNEL_LANGUAGES, LOCK_KINDS, RUN_STATUSES, SCALINGS, TASK_KINDS } from '../models/catalog';
import { MAX_WORKERS } from '../settings/settings';
import type { RunRecord } from '../types';

/** The format this page writes: 2 gave every run a stableId. A record from a newer page is set aside, never read half-way. */
export const STORED_RUN_VERSION = 2;

/** A record longer than this (characters of JSON) with up to RECORD_CHARS_PER_WORKER more per worker is not a run this page wrote: set aside. */
export const MAX_RECORD_CHARS = 16_000;

/** Room per worker for its two waits (`1.7976931348623157e+308,` is 24 characters, the longest a wait takes in JSON). */
export const RECORD_CHARS_PER_WORKER = 50;

/** The most runs kept; older ones beyond this are set aside, so that a page never loads more than it can draw. */
export const MAX_STORED_RUNS = 5000;

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const positiveCount = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const milliseconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const optionalMs = v.nullable(milliseconds);
const msList = v.array(milliseconds);

/** A stableId: a UUID, or one derived from a version 1 record (v1StableId). */
const stableId = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

const runFields = v.object({
  id: positiveCount,
  stableId,
  // The slider's own cap: every run the page can make reads back, and none it could not.
  workers: v.pipe(positiveCount, v.maxValue(MAX_WORKERS)),
  scaling: v.picklist(SCALINGS),
  count: positiveCount,
  pooled: v.boolean(),
  sweepId: v.nullable(positiveCount),
  model: v.picklist(EXECUTION_MODELS),
  task: v.picklist(TASK_KINDS),
  freeze: v.boolean(),
  nsPerCount: v.pipe(v.number(), v.finite(), v.minValue(0)),
  predictionMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
  total: positiveCount,
  counted: count,
  status: v.picklist(RUN_STATUSES),
  startupMs: optionalMs,
  computeMs: optionalMs,
  wallMs: optionalMs,
  hiddenDuringRun: v.boolean(),
  error: v.exactOptional(v.pipe(v.string(), v.maxLength(500))),
  waitMsByTask: v.exactOptional(msList),
  waitedMsByTask: v.exactOptional(msList),
  lock: v.exactOptional(
    v.object({
      kind: v.picklist(LOCK_KINDS),
      handovers: count,
      meanHandoverMs: optionalMs,
    }),
  ),
  capped: v.exactOptional(v.boolean()),
  kernel: v.exactOptional(v.picklist(KERNEL_KINDS)),
  language: v.exactOptional(v.picklist(KERNEL_LANGUAGES)),
});

/** One run, as a stored record and an exported results file both hold it (src/lab/exchange/resultsFile.ts reads imports with it). */
export const runRecordSchema = v.pipe(
  runFields,
  // A task's wait per worker: a list longer than the workers is not a run this page made.
  v.check((run) => Math.max(run.waitMsByTask?.length ?? 0, run.waitedMsByTask?.length ?? 0) <= run.workers, 'a list of waits is longer than the workers'),
);

const storedRunSchema = v.object({
  // Checked before: readRecord brings every record to the page's version first.
  version: v.literal(STORED_RUN_VERSION),
  /** The tab that ran it, so that two tabs' runs can be told apart and their sweeps numbered apart. */
  tab: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** When the run ended (ms since the epoch): the order of the union. */
  savedAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
  run: runRecordSchema,
});

/** One run as it is stored: what the schema lets through, which is a RunRecord and no more (checked in the test). */
export type StoredRun = v.InferOutput<typeof storedRunSchema>;

/** A run as the schema reads it; the test checks that it and RunRecord agree both ways. */
export type StoredRunRecord = v.InferOutput<typeof runRecordSchema>;

/** What a record is, once checked; `migrated` when it was stored by an older page and brought up to date. */
export type RecordReading =
  | { kind: 'ok'; stored: StoredRun; migrated: boolean }
  | { kind: 'set-aside'; reason: 'corrupt' | 'newer' | 'too-large'; detail: string };

/** A step that brings a record of one version to the next. */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The stableId a version 1 run is given: made of what the record has (the tab that ran it and its
 * number there, which no two of that tab's runs shared), so every load gives the same one.
 */
export function v1StableId(tab: string, id: number): string {
  return `v1-${tab}-${String(id)}`;
}

/** Version 1 → 2: the run gains a stableId derived from its tab and number (a record without them is left to fail the check). */
const toVersion2: Migration = (record) => {
  const { tab, run } = record;
  if (typeof tab !== 'string' || !isRecord(run) || typeof run.id !== 'number') return { ...record, version: 2 };
  return { ...record, version: 2, run: { ...run, stableId: v1StableId(tab, run.id) } };
};

/** Older versions → the step to the next one. Add one here with each new version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: toVersion2 };

/** How long a record may be: MAX_RECORD_CHARS, and room for the waits of the workers it says it had. */
function recordCharLimit(record: unknown): number {
  const workers = isRecord(record) && isRecord(record.run) ? record.run.workers : 0;
  return MAX_RECORD_CHARS + (typeof workers === 'number' && Number.isSafeInteger(workers) && workers > 0 ? workers * RECORD_CHARS_PER_WORKER : 0);
}

/**
 * Checks one stored record: too large, not a record, from a newer page, or not matching
 * the format (after bringing an older one up to date through `migrations`, step by step up
 * to `currentVersion`) is set aside, with the reason; anything else is a run to show again.
 */
export function readRecord(value: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, currentVersion: number = STORED_RUN_VERSION): RecordReading {
  let size: number;
  try {
    size = JSON.stringify(value).length;
  } catch {
    return { kind: 'set-aside', reason: 'corrupt', detail: 'it cannot be read as data' };
  }
  if (size > recordCharLimit(value)) return { kind: 'set-aside', reason: 'too-large', detail: `${String(size)} characters` };
  if (!isRecord(value)) return { kind: 'set-aside', reason: 'corrupt', detail: 'it is not a record' };
  let record = value;
  let version = record.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return { kind: 'set-aside', reason: 'corrupt', detail: 'it has no version' };
  }
  const storedVersion = version;
  if (version > currentVersion) return { kind: 'set-aside', reason: 'newer', detail: `version ${String(version)}` };
  while (version < currentVersion) {
    const step = migrations[version] as Migration | undefined;
    if (!step) return { kind: 'set-aside', reason: 'corrupt', detail: `version ${String(version)} cannot be brought up to date` };
    record = step(record);
    version += 1;
    if (record.version !== version) return { kind: 'set-aside', reason: 'corrupt', detail: `the step from version ${String(version - 1)} failed` };
  }
  const parsed = v.safeParse(storedRunSchema, record);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = v.getDotPath(issue) ?? 'the record';
    return { kind: 'set-aside', reason: 'corrupt', detail: `${where}: ${issue.message}` };
  }
  return { kind: 'ok', stored: parsed.output, migrated: storedVersion < STORED_RUN_VERSION };
}

/** A stored record as the storage gives it: its key there, and its value. */
export interface KeyedRecord<K> {
  key: K;
  value: unknown;
}

export interface StoredRunsReading<K> {
  /** The runs to show, oldest first, one per stableId, numbered 1, 2, 3 … n; each tab's sweeps numbered apart, after them. */
  runs: RunRecord[];
  /** Records an older page stored, brought up to date: to store again under their stableId, in place of `key`. */
  rewrite: { key: K; stored: StoredRun }[];
  /** The largest number given to a run or a sweep: this tab numbers its next ones after it. */
  lastId: number;
  /** The keys of the records to set aside, each with its reason. */
  setAside: { key: K; reason: 'corrupt' | 'newer' | 'too-large' }[];
  /** One sentence on what was set aside, or null when nothing was. */
  notice: string | null;
}

const REASON_WORDS = { corrupt: 'unreadable', newer: 'from a newer version of this page', 'too-large': 'too large' } as const;

/**
 * Reads every stored record: the readable runs, oldest first, one of each stableId (the oldest;
 * a copy stays where it is), numbered afresh (two tabs both had a run 1), with each tab's sweeps
 * kept apart; what to set aside; and what to store again in the current format. When there
 * are more than MAX_STORED_RUNS, the oldest beyond that are set aside as too large.
 */
export function readStoredRuns<K>(records: readonly KeyedRecord<K>[]): StoredRunsReading<K> {
  const readable: { key: K; stored: StoredRun; migrated: boolean }[] = [];
  const setAside: StoredRunsReading<K>['setAside'] = [];
  for (const { key, value } of records) {
    const reading = readRecord(value);
    if (reading.kind === 'ok') readable.push({ key, stored: reading.stored, migrated: reading.migrated });
    else setAside.push({ key, reason: reading.reason });
  }
  readable.sort((a, b) => a.stored.savedAt - b.stored.savedAt || a.stored.tab.localeCompare(b.stored.tab) || a.stored.run.id - b.stored.run.id);
  const seen = new Set<string>();
  const good = readable.filter(({ stored }) => !seen.has(stored.run.stableId) && seen.add(stored.run.stableId));
  const beyond = good.length - MAX_STORED_RUNS;
  if (beyond > 0) for (const { key } of good.splice(0, beyond)) setAside.push({ key, reason: 'too-large' });

  const sweeps = new Map<string, number>();
  const runs = good.map(({ stored }, index): RunRecord => {
    const { sweepId } = stored.run;
    let renumbered: number | null = null;
    if (sweepId !== null) {
      const name = `${stored.tab} ${String(sweepId)}`;
      renumbered = sweeps.get(name) ?? good.length + sweeps.size + 1;
      sweeps.set(name, renumbered);
    }
    return { ...stored.run, id: index + 1, sweepId: renumbered };
  });
  const rewrite = good.filter((item) => item.migrated).map(({ key, stored }) => ({ key, stored }));
  return { runs, rewrite, lastId: good.length + sweeps.size, setAside, notice: setAsideNotice(setAside.map((item) => item.reason)) };
}

/** "3 stored results were set aside (1 unreadable, 2 too large); the readable ones are back, and the page works as usual." */
export function setAsideNotice(reasons: readonly ('corrupt' | 'newer' | 'too-large')[]): string | null {
  if (reasons.length === 0) return null;
  const parts = (['corrupt', 'newer', 'too-large'] as const).flatMap((reason) => {
    const many = reasons.filter((each) => each === reason).length;
    return many === 0 ? [] : [`${String(many)} ${REASON_WORDS[reason]}`];
  });
  const total = reasons.length;
  return `${String(total)} stored ${total === 1 ? 'result was' : 'results were'} set aside (${parts.join(', ')}); the readable ones are back, and the page works as usual.`;
}

/** The record this tab adds when a run ends. */
export function storedRun(run: RunRecord, tab: string, savedAt: number): StoredRun {
  return { version: STORED_RUN_VERSION, tab, savedAt, run };
}
