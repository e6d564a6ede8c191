import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readStoredRuns, storedRun } from '../../lab/stored/storedRuns';
import type { RunStore } from './runStore';

/**
 * The runs kept in IndexedDB through `idb`: loaded on first use (see browserRunStore), after the
 * first screen.
 */

/** The database's name: one per origin, so every tab of the lab shares it. */
export const DATABASE_NAME = 'parallel-counting-lab';
/** Records that could not be read (corrupt, from a newer page, too large) are moved here, with why, never deleted. */
const SET_ASIDE = 'set-aside';
const RUNS = 'runs';

interface LabDatabase extends DBSchema {
  /** One record per run, appended by the tab that ran it: two tabs never overwrite each other. */
  runs: { key: number; value: unknown };
  [SET_ASIDE]: { key: number; value: { reason: string; setAsideAt: number; record: unknown } };
}

/**
 * The runs kept in this browser's IndexedDB, through `idb`. `tab` names this tab in its
 * records; `now` dates them. Opening waits for no other tab: each appends its own records.
 */
export function indexedDbRunStore(tab: string, now: () => number = Date.now): RunStore {
  let database: Promise<IDBPDatabase<LabDatabase>> | null = null;
  const open = () =>
    (database ??= openDB<LabDatabase>(DATABASE_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(RUNS, { autoIncrement: true });
        db.createObjectStore(SET_ASIDE, { autoIncrement: true });
      },
    }));

  return {
    async load() {
      const db = await open();
      const read = db.transaction(RUNS, 'readonly');
      const [keys, values] = await Promise.all([read.store.getAllKeys(), read.store.getAll()]);
      await read.done;
      const reading = readStoredRuns(keys.map((key, index) => ({ key, value: values[index] })));
      if (reading.setAside.length > 0) {
        // Moved, in one transaction: a record is either still in the runs or already set aside.
        const move = db.transaction([RUNS, SET_ASIDE], 'readwrite');
        const setAsideAt = now();
        const byKey = new Map(keys.map((key, index) => [key, values[index]]));
        await Promise.all(
          reading.setAside.flatMap(({ key, reason }) => [
            move.objectStore(SET_ASIDE).add({ reason, setAsideAt, record: byKey.get(key) }),
            move.objectStore(RUNS).delete(key),
          ]),
        );
        await move.done;
      }
      return reading;
    },
    async append(run) {
      const db = await open();
      await db.add(RUNS, storedRun(run, tab, now()));
    },
    async clear() {
      const db = await open();
      await db.clear(RUNS);
    },
  };
}
