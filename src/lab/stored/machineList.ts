import { MAX_MACHINES, type ComparedMachine } from '../exchange/comparedMachine';
import { quotedFileName } from '../exchange/quotedFileName';
import { storedMachine } from './storedMachineRecord';
import type { StoredMachine } from './storedMachines';

/**
 * The imported machines as the page holds them, and every change to them, as a pure reducer:
 * nothing already loaded is ever lost by a bad file, and the same machine again replaces itself.
 */

/** One machine the page compares: a StoredMachine, so that what is kept is what is shown. */
export type MachineEntry = StoredMachine;

export interface MachineListState {
  /** In the order they were first added. */
  entries: readonly MachineEntry[];
  /** One sentence per bad file or refusal, until dismissed. */
  problems: readonly string[];
  /** Ids removed before the store answered (null once it has): its answer, read before their removal was written, must not bring them back. */
  removedBeforeLoad: readonly string[] | null;
}

/** What reading one file or link gave: a machine (with the name to call it by if refused), or one sentence on why not. */
export type MachineReading = { kind: 'ok'; name: string; machine: ComparedMachine } | { kind: 'problem'; sentence: string };

export type MachineListAction =
  | { type: 'loaded'; stored: readonly StoredMachine[]; notice: string | null }
  | { type: 'imported'; readings: readonly MachineReading[]; at: number; unread?: readonly string[] }
  | { type: 'removed'; id: string }
  | { type: 'toggled'; id: string }
  | { type: 'cleared' }
  | { type: 'problem'; sentence: string }
  | { type: 'problems-dismissed' };

export const EMPTY_MACHINE_LIST: MachineListState = { entries: [], problems: [], removedBeforeLoad: [] };

const withProblems = (problems: readonly string[], more: readonly string[]) => [...problems, ...more.filter((sentence, index) => !problems.includes(sentence) && more.indexOf(sentence) === index)];

/** "“a.json” was not <done>: <why>.", or for several, "3 were not <done> (“a.json”, “b.json”, …): <why>.": the first three named, shortened. */
function namedFilesSentence(names: readonly string[], done: string, why: string): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${quotedFileName(names[0])} was not ${done}: ${why}.`;
  const shown = names.slice(0, 3).map(quotedFileName).join(', ');
  return `${String(names.length)} were not ${done} (${shown}${names.length > 3 ? ', …' : ''}): ${why}.`;
}

/** "“a.json” was not added: …", or for several, "3 were not added (“a.json”, “b.json”, …): …". */
export function refusedSentence(names: readonly string[]): string | null {
  return namedFilesSentence(names, 'added', `the page compares at most ${String(MAX_MACHINES)} machines; remove one first`);
}

/** The most files one import reads: no more machines than the page compares, so a dropped folder of hundreds is not read (up to 5 MB each) only to be refused. */
export const MAX_FILES_PER_IMPORT = MAX_MACHINES;

/** The files of one import to read, in the order given, and the names of those left unread. */
export function filesToRead<File extends { name: string }>(files: readonly File[]): { read: File[]; unread: string[] } {
  return { read: files.slice(0, MAX_FILES_PER_IMPORT), unread: files.slice(MAX_FILES_PER_IMPORT).map((file) => file.name) };
}

/** "“a.json” was not read: …", or for several, "3 were not read (“a.json”, “b.json”, …): …". */
export function unreadSentence(names: readonly string[]): string | null {
  return namedFilesSentence(names, 'read', `the page reads at most ${String(MAX_FILES_PER_IMPORT)} files at a time; import ${names.length === 1 ? 'it' : 'them'} in another go`);
}

/** Adds machines: one already there (the same id) is replaced in its place, keeping whether it is hidden; new ones join at the end while there is room. */
export function admit(entries: readonly MachineEntry[], incoming: readonly { name: string; machine: ComparedMachine }[], at: number): { entries: MachineEntry[]; refused: string[] } {
  const next = [...entries];
  const refused: string[] = [];
  for (const { name, machine } of incoming) {
    const index = next.findIndex((entry) => entry.machine.id === machine.id);
    if (index >= 0) next[index] = storedMachine(machine, next[index].addedAt, next[index].hidden);
    else if (next.length < MAX_MACHINES) next.push(storedMachine(machine, at, false));
    else refused.push(name);
  }
  return { entries: next, refused };
}

/** The ids removed before the store answered, with `ids` too while it has not. */
const removedMeanwhile = (state: MachineListState, ids: readonly string[]) => (state.removedBeforeLoad === null ? null : [...state.removedBeforeLoad, ...ids]);

export function machineListReducer(state: MachineListState, action: MachineListAction): MachineListState {
  switch (action.type) {
    case 'loaded': {
      // What was added before the store answered stays as it is; the kept ones come back around it, in the order they were added.
      const here = new Set([...state.entries.map((entry) => entry.machine.id), ...(state.removedBeforeLoad ?? [])]);
      const entries = [...action.stored.filter((stored) => !here.has(stored.machine.id)), ...state.entries].sort((a, b) => a.addedAt - b.addedAt);
      return { entries, problems: action.notice === null ? state.problems : withProblems(state.problems, [action.notice]), removedBeforeLoad: null };
    }
    case 'imported': {
      const good = action.readings.flatMap((reading) => (reading.kind === 'ok' ? [reading] : []));
      const bad = action.readings.flatMap((reading) => (reading.kind === 'problem' ? [reading.sentence] : []));
      const { entries, refused } = admit(state.entries, good, action.at);
      const refusals = [refusedSentence(refused), unreadSentence(action.unread ?? [])].filter((sentence) => sentence !== null);
      return { ...state, entries, problems: withProblems(state.problems, [...bad, ...refusals]) };
    }
    case 'removed':
      return { ...state, entries: state.entries.filter((entry) => entry.machine.id !== action.id), removedBeforeLoad: removedMeanwhile(state, [action.id]) };
    case 'toggled':
      return { ...state, entries: state.entries.map((entry) => (entry.machine.id === action.id ? { ...entry, hidden: !entry.hidden } : entry)) };
    case 'cleared':
      return { ...state, entries: [], removedBeforeLoad: removedMeanwhile(state, state.entries.map((entry) => entry.machine.id)) };
    case 'problem':
      return { ...state, problems: withProblems(state.problems, [action.sentence]) };
    case 'problems-dismissed':
      return { ...state, problems: [] };
  }
}

/** What changed: records to keep (new, replaced, shown or hidden), and machines' ids to forget. */
export interface MachineChanges {
  put: readonly StoredMachine[];
  remove: readonly string[];
}

/** What to keep and forget to bring the store from `before` to `after`: changed or new entries kept, missing ones forgotten. */
export function machineChanges(before: readonly MachineEntry[], after: readonly MachineEntry[]): MachineChanges {
  const previous = new Map(before.map((entry) => [entry.machine.id, entry]));
  const now = new Set(after.map((entry) => entry.machine.id));
  return {
    put: after.filter((entry) => previous.get(entry.machine.id) !== entry),
    remove: before.filter((entry) => !now.has(entry.machine.id)).map((entry) => entry.machine.id),
  };
}
