import type { StoredRunsReading } from '../../lab/stored/storedRuns';
import type { RunRecord } from '../../lab/types';

/** A stored record's key: a run's stableId (version 2), or the number an earlier page's record was added under. */
export type RecordKey = string | number;

/** What the page learns from reading the kept runs (the records to store again are the store's own business). */
export type RunsReading = Omit<StoredRunsReading<RecordKey>, 'rewrite'>;

/** What the page asks of the place where runs are kept. */
export interface RunStore {
  /** Every readable run, oldest first and numbered afresh; anything unreadable is moved aside, and older records stored again, first. */
  load(): Promise<RunsReading>;
  /** Keeps one run, once: a run already kept (the same stableId) is not added again. */
  add(run: RunRecord): Promise<void>;
  /** Forgets every kept run (the set-aside ones stay). */
  clear(): Promise<void>;
}

/** A name unique enough to tell two tabs, or two runs, apart for good (randomUUID needs a secure context). */
export function newUniqueId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The runs' store in this browser, or null where there is no IndexedDB at all. Its code (idb,
 * and the format's schema in valibot) loads on first use, after the first screen.
 */
export function browserRunStore(): RunStore | null {
  if (typeof indexedDB === 'undefined') return null;
  const tab = newUniqueId();
  let store: Promise<RunStore> | null = null;
  const loaded = () => (store ??= import('./indexedDbRunStore').then((module) => module.indexedDbRunStore(tab)));
  return {
    load: async () => (await loaded()).load(),
    add: async (run) => {
      await (await loaded()).add(run);
    },
    clear: async () => {
      await (await loaded()).clear();
    },
  };
}
