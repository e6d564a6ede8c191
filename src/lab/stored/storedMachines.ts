/**
 * The format in which imported machines are kept in the browser between visits, and how stored
 * records are checked when the page loads: each is read as hostile (another tab, an older or newer
 * page, or a hand-edited database may have written it). Nothing here touches storage; src/page/storage/ does.
 */
import * as v from 'valibot';
import type { ComparedMachine } from '../exchange/comparedMachine';
import { MAX_MACHINES } from '../exchange/comparedMachine';
import { MAX_BROWSER_CHARS, MAX_LABEL_CHARS, MAX_REPORTED_CORES } from '../exchange/machineDescription';
import { SCALINGS } from '../models/catalog';
import { MAX_WORKERS } from '../settings/settings';
import { STORED_MACHINE_VERSION } from './storedMachineRecord';

/** A record longer than this (characters of JSON) is not one this page wrote: a machine's curve holds at most MAX_WORKERS points. */
export const MAX_MACHINE_RECORD_CHARS = 2_000 + MAX_WORKERS * 60;

const cores = v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_REPORTED_CORES)));
const text = (most: number) => v.pipe(v.string(), v.maxLength(most));

const machineSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  source: v.picklist(['file', 'link']),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_LABEL_CHARS)),
  reportedCores: cores,
  measuredCores: cores,
  browser: text(MAX_BROWSER_CHARS),
  seriesWords: v.nullable(text(300)),
  curve: v.pipe(
    v.array(
      v.object({
        workers: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_WORKERS)),
        medianMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
      }),
    ),
    v.maxLength(MAX_WORKERS),
    v.check((curve) => curve.every((point, index) => index === 0 || curve[index - 1].workers < point.workers), 'the curve is not in ascending workers'),
  ),
  scaling: v.exactOptional(v.picklist(SCALINGS)),
});

const storedMachineSchema = v.object({
  version: v.literal(STORED_MACHINE_VERSION),
  /** When it was first added (ms since the epoch): the table's order. A machine imported again keeps its place. */
  addedAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
  /** Hidden from the charts (still in the table). */
  hidden: v.boolean(),
  machine: machineSchema,
});

/** One imported machine as it is stored, under its machine's id. */
export type StoredMachine = v.InferOutput<typeof storedMachineSchema>;

// The schema reads exactly a ComparedMachine: a field added to it must be added here too.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Required<>: an optional field the schema left out would otherwise still match (and be dropped on every reload).
export const STORED_MACHINE_MATCHES: Same<Required<StoredMachine['machine']>, Required<ComparedMachine>> = true;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one stored record: the machine it holds, or why it is set aside. */
export function readMachineRecord(key: unknown, value: unknown): { kind: 'ok'; stored: StoredMachine } | { kind: 'set-aside'; reason: string } {
  let size: number;
  try {
    size = JSON.stringify(value).length;
  } catch {
    return { kind: 'set-aside', reason: 'it cannot be read as data' };
  }
  if (size > MAX_MACHINE_RECORD_CHARS) return { kind: 'set-aside', reason: `it is too large (${String(size)} characters)` };
  if (!isRecord(value)) return { kind: 'set-aside', reason: 'it is not a record' };
  if (typeof value.version === 'number' && value.version > STORED_MACHINE_VERSION) return { kind: 'set-aside', reason: `it is from a newer version of this page (${String(value.version)})` };
  const parsed = v.safeParse(storedMachineSchema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { kind: 'set-aside', reason: `${v.getDotPath(issue) ?? 'the record'}: ${issue.message}` };
  }
  // Kept under its machine's id: a record under another key was not put there by this page.
  if (key !== parsed.output.machine.id) return { kind: 'set-aside', reason: 'it is kept under another name than its machine’s' };
  return { kind: 'ok', stored: parsed.output };
}

export interface StoredMachinesReading<K> {
  /** The machines to show, in the order they were first added, at most MAX_MACHINES. */
  machines: StoredMachine[];
  /** The keys of the records to set aside, each with why. */
  setAside: { key: K; reason: string }[];
  /** One sentence on what was set aside, or null when nothing was. */
  notice: string | null;
}

/** Reads every stored record: the readable machines in the order they were added; the rest (and any beyond MAX_MACHINES, the latest) set aside. */
export function readStoredMachines<K>(records: readonly { key: K; value: unknown }[]): StoredMachinesReading<K> {
  const readable: StoredMachine[] = [];
  const setAside: { key: K; reason: string }[] = [];
  for (const { key, value } of records) {
    const reading = readMachineRecord(key, value);
    if (reading.kind === 'ok') readable.push(reading.stored);
    else setAside.push({ key, reason: reading.reason });
  }
  readable.sort((a, b) => a.addedAt - b.addedAt || (a.machine.id < b.machine.id ? -1 : 1));
  for (const beyond of readable.splice(MAX_MACHINES)) setAside.push({ key: beyond.machine.id as K, reason: `more than ${String(MAX_MACHINES)} machines` });
  return { machines: readable, setAside, notice: machinesSetAsideNotice(setAside.length) };
}

/** "2 imported machines kept in this browser could not be read back and were set aside; the readable ones are back." */
export function machinesSetAsideNotice(count: number): string | null {
  if (count === 0) return null;
  return `${String(count)} imported ${count === 1 ? 'machine' : 'machines'} kept in this browser could not be read back and ${count === 1 ? 'was' : 'were'} set aside; the readable ones are back.`;
}
