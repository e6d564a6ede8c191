import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readStoredRuns, storedRun } from '../../lab/stored/storedRuns';
import type { RecordKey, RunStore } from './runStore';

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
  /**
   * One record per run, added once under its stableId by the tab that ran it (an earlier page's
   * records are under numbers until a load stores them again): two tabs never overwrite each other.
   */
  runs: { key: RecordKey; value: unknown };
  [SET_ASIDE]: { key: number; value: { reason: string; setAsideAt: number; record: unknown } };
}

/**
 * The runs kept in this browser's IndexedDB, through `idb`. `tab` names this tab in its
 * records; `now` dates them. Opening waits for no other tab: each adds its own records. The
 * database stays at version 1 (version 2 of the format is in the records), so a tab of an earlier
 * page still open never blocks this one's opening.
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
      if (reading.setAside.length > 0 || reading.rewrite.length > 0) {
        // In one transaction: a record is either still as it was, or already set aside or stored again.
        const move = db.transaction([RUNS, SET_ASIDE], 'readwrite');
        const setAsideAt = now();
        const byKey = new Map(keys.map((key, index) => [key, values[index]]));
        await Promise.all([
          ...reading.setAside.flatMap(({ key, reason }) => [
            move.objectStore(SET_ASIDE).add({ reason, setAsideAt, record: byKey.get(key) }),
            move.objectStore(RUNS).delete(key),
          ]),
          // Stored again under its stableId, so that adding the same run later finds it.
          ...reading.rewrite.flatMap(({ key, stored }) => [move.objectStore(RUNS).delete(key), move.objectStore(RUNS).put(stored, stored.run.stableId)]),
        ]);
        await move.done;
      }
      return reading;
    },
    async add(run) {
      const db = await open();
      // Looked up and added in one transaction: another tab adding the same run waits for this one.
      const write = db.transaction(RUNS, 'readwrite');
      if ((await write.store.count(run.stableId)) === 0) await write.store.add(storedRun(run, tab, now()), run.stableId);
      await write.done;
    },
    async clear() {
      const db = await open();
      await db.clear(RUNS);
    },
  };
}
