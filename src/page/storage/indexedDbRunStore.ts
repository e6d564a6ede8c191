import { readStoredRuns, storedRun } from '../../lab/stored/storedRuns';
import { keptRecords } from './keptRecords';
import type { RecordKey, RunStore } from './runStore';

/**
 * The runs kept in IndexedDB through `idb`: loaded on first use (see browserRunStore), after the
 * first screen.
 */

/** The database's name: one per origin, so every tab of the lab shares it. */
export const DATABASE_NAME = 'parallel-counting-lab';
/**
 * One record per run, added once under its stableId by the tab that ran it (an earlier page's
 * records are under numbers until a load stores them again): two tabs never overwrite each other.
 */
const RUNS = 'runs';

/**
 * The runs kept in this browser's IndexedDB, through `idb`. `tab` names this tab in its
 * records; `now` dates them. Opening waits for no other tab: each adds its own records. The
 * database stays at version 1 (version 2 of the format is in the records), so a tab of an earlier
 * page still open never blocks this one's opening.
 */
export function indexedDbRunStore(tab: string, now: () => number = Date.now): RunStore {
  const kept = keptRecords<RecordKey>(DATABASE_NAME, RUNS, 'numbered');
  return {
    async load() {
      const records = await kept.readAll();
      const reading = readStoredRuns(records);
      // Stored again under its stableId, so that adding the same run later finds it.
      const rewrite = reading.rewrite.map(({ key, stored }) => ({ key, value: stored, newKey: stored.run.stableId }));
      await kept.mend(records, { setAside: reading.setAside, rewrite }, now());
      return reading;
    },
    async add(run) {
      const db = await kept.open();
      // Looked up and added in one transaction: another tab adding the same run waits for this one.
      const write = db.transaction(RUNS, 'readwrite');
      if ((await write.store.count(run.stableId)) === 0) await write.store.add(storedRun(run, tab, now()), run.stableId);
      await write.done;
    },
    async clear() {
      const db = await kept.open();
      await db.clear(RUNS);
    },
  };
}
