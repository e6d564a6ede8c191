/**
 * The format in which runs are kept in the browser between visits, and how
 * stored records are checked, brought up to date and merged when the page loads.
 *
 * Every run is stored as its own record, `{ version, tab, savedAt, run }`, appended
 * when the run ends: two tabs that run at the same time each append theirs, and
 * a reload reads the union. Nothing here touches storage; src/page/storage/ does.
 */
import * as v from 'valibot';
import type { RunRecord } from '../types';

/** The format this page writes. A record from a newer page is set aside, never read half-way. */
export const STORED_RUN_VERSION = 1;

/** A record longer than this (characters of JSON) is not a run this page wrote: set aside. */
export const MAX_RECORD_CHARS = 16_000;

/** The most runs kept; older ones beyond this are set aside, so that a page never loads more than it can draw. */
export const MAX_STORED_RUNS = 5000;

/** One run as it is stored. */
export interface StoredRun {
  version: typeof STORED_RUN_VERSION;
  /** The tab that ran it, so that two tabs' runs can be told apart and numbered apart. */
  tab: string;
  /** When the run ended (ms since the epoch): the order of the union. */
  savedAt: number;
  run: RunRecord;
}

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const positiveCount = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const milliseconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const optionalMs = v.nullable(milliseconds);
const msList = v.pipe(v.array(milliseconds), v.maxLength(64));

const runSchema = v.object({
  id: positiveCount,
  workers: v.pipe(positiveCount, v.maxValue(64)),
  scaling: v.picklist(['strong', 'weak']),
  count: positiveCount,
  pooled: v.boolean(),
  sweepId: v.nullable(positiveCount),
  model: v.picklist(['parallel', 'lock', 'main-thread']),
  task: v.picklist(['cpu', 'io']),
  freeze: v.boolean(),
  nsPerCount: v.pipe(v.number(), v.finite(), v.minValue(0)),
  predictionMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
  total: positiveCount,
  counted: count,
  status: v.picklist(['done', 'stopped', 'failed']),
  startupMs: optionalMs,
  computeMs: optionalMs,
  wallMs: optionalMs,
  hiddenDuringRun: v.boolean(),
  error: v.exactOptional(v.pipe(v.string(), v.maxLength(500))),
  waitMsByTask: v.exactOptional(msList),
  waitedMsByTask: v.exactOptional(msList),
  lock: v.exactOptional(
    v.object({
      kind: v.picklist(['shared-memory', 'token']),
      handovers: count,
      meanHandoverMs: optionalMs,
    }),
  ),
  capped: v.exactOptional(v.boolean()),
  kernel: v.exactOptional(v.picklist(['js', 'wasm'])),
});

const storedRunSchema = v.object({
  // Checked before: readRecord brings every record to the page's version first.
  version: v.number(),
  tab: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  savedAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
  run: runSchema,
});

/** What a record is, once checked. */
export type RecordReading =
  | { kind: 'ok'; stored: StoredRun }
  | { kind: 'set-aside'; reason: 'corrupt' | 'newer' | 'too-large'; detail: string };

/** A step that brings a record of one version to the next; the page has none yet (version 1 is the first). */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** Older versions → the step to the next one. Add one here with each new version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
  if (size > MAX_RECORD_CHARS) return { kind: 'set-aside', reason: 'too-large', detail: `${String(size)} characters` };
  if (!isRecord(value)) return { kind: 'set-aside', reason: 'corrupt', detail: 'it is not a record' };
  let record = value;
  let version = record.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return { kind: 'set-aside', reason: 'corrupt', detail: 'it has no version' };
  }
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
  return { kind: 'ok', stored: parsed.output as StoredRun };
}

/** A stored record as the storage gives it: its key there, and its value. */
export interface KeyedRecord<K> {
  key: K;
  value: unknown;
}

export interface StoredRunsReading<K> {
  /** The runs to show, oldest first, numbered 1, 2, 3 … n; each tab's sweeps numbered apart, after them. */
  runs: RunRecord[];
  /** The largest number given to a run or a sweep: this tab numbers its next ones after it. */
  lastId: number;
  /** The keys of the records to set aside, each with its reason. */
  setAside: { key: K; reason: 'corrupt' | 'newer' | 'too-large' }[];
  /** One sentence on what was set aside, or null when nothing was. */
  notice: string | null;
}

const REASON_WORDS = { corrupt: 'unreadable', newer: 'from a newer version of this page', 'too-large': 'too large' } as const;

/**
 * Reads every stored record: the readable runs, oldest first, numbered afresh (two tabs
 * both had a run 1), with each tab's sweeps kept apart; and what to set aside. When there
 * are more than MAX_STORED_RUNS, the oldest beyond that are set aside as too large.
 */
export function readStoredRuns<K>(records: readonly KeyedRecord<K>[]): StoredRunsReading<K> {
  const good: { key: K; stored: StoredRun }[] = [];
  const setAside: StoredRunsReading<K>['setAside'] = [];
  for (const { key, value } of records) {
    const reading = readRecord(value);
    if (reading.kind === 'ok') good.push({ key, stored: reading.stored });
    else setAside.push({ key, reason: reading.reason });
  }
  good.sort((a, b) => a.stored.savedAt - b.stored.savedAt || a.stored.tab.localeCompare(b.stored.tab) || a.stored.run.id - b.stored.run.id);
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
  return { runs, lastId: good.length + sweeps.size, setAside, notice: setAsideNotice(setAside.map((item) => item.reason)) };
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

/** The record this tab appends when a run ends. */
export function storedRun(run: RunRecord, tab: string, savedAt: number): StoredRun {
  return { version: STORED_RUN_VERSION, tab, savedAt, run };
}
