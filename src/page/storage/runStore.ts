import type { StoredRunsReading } from '../../lab/stored/storedRuns';
import type { RunRecord } from '../../lab/types';

/** What the page asks of the place where runs are kept. */
export interface RunStore {
  /** Every readable run, oldest first and numbered afresh; anything unreadable is moved aside first. */
  load(): Promise<StoredRunsReading<number>>;
  /** Keeps one run that ended in this tab. */
  append(run: RunRecord): Promise<void>;
  /** Forgets every kept run (the set-aside ones stay). */
  clear(): Promise<void>;
}

/** The sentence the page shows when the browser keeps nothing (no IndexedDB, private mode, a refusal). */
export function storageProblem(error: unknown): string {
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `This browser did not let the page keep results${reason}, so they will be gone after a reload.`;
}

/** A name for this tab's records: unique enough to keep two tabs' runs apart (randomUUID needs a secure context). */
export function newTabId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The runs' store in this browser, or null where there is no IndexedDB at all. Its code (idb,
 * and the format's schema in valibot) loads on first use, after the first screen.
 */
export function browserRunStore(): RunStore | null {
  if (typeof indexedDB === 'undefined') return null;
  const tab = newTabId();
  let store: Promise<RunStore> | null = null;
  const loaded = () => (store ??= import('./indexedDbRunStore').then((module) => module.indexedDbRunStore(tab)));
  return {
    load: async () => (await loaded()).load(),
    append: async (run) => {
      await (await loaded()).append(run);
    },
    clear: async () => {
      await (await loaded()).clear();
    },
  };
}
