import { readStoredMachines } from '../../lab/stored/storedMachines';
import { keptRecords } from './keptRecords';
import type { MachineStore } from './machineStore';

/**
 * The imported machines, kept in IndexedDB through `idb`: loaded on first use (see
 * browserMachineStore), after the first screen.
 */

/**
 * A database of their own, apart from the runs' (src/page/storage/indexedDbRunStore.ts): adding
 * a store there would mean a version 2, which a tab of an earlier page still holding version 1
 * open would block.
 */
export const MACHINES_DATABASE_NAME = 'parallel-counting-lab-machines';
/** One record per machine, under its id: the same machine imported again replaces itself. */
const MACHINES = 'machines';

/** The imported machines kept in this browser's IndexedDB; `now` dates what is set aside. */
export function indexedDbMachineStore(now: () => number = Date.now): MachineStore {
  const kept = keptRecords<string>(MACHINES_DATABASE_NAME, MACHINES, 'given');
  return {
    async load() {
      const records = await kept.readAll();
      const reading = readStoredMachines(records);
      await kept.mend(records, { setAside: reading.setAside, rewrite: [] }, now());
      return { machines: reading.machines, notice: reading.notice };
    },
    async apply({ put, remove }) {
      if (put.length === 0 && remove.length === 0) return;
      const db = await kept.open();
      const write = db.transaction(MACHINES, 'readwrite');
      await Promise.all([...remove.map((id) => write.store.delete(id)), ...put.map((stored) => write.store.put(stored, stored.machine.id))]);
      await write.done;
    },
  };
}
