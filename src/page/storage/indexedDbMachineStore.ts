import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readStoredMachines } from '../../lab/stored/storedMachines';
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
const MACHINES = 'machines';
/** Records that could not be read are moved here, with why, never deleted. */
const SET_ASIDE = 'set-aside';

interface MachinesDatabase extends DBSchema {
  /** One record per machine, under its id: the same machine imported again replaces itself. */
  machines: { key: string; value: unknown };
  [SET_ASIDE]: { key: number; value: { reason: string; setAsideAt: number; record: unknown } };
}

/** The imported machines kept in this browser's IndexedDB; `now` dates what is set aside. */
export function indexedDbMachineStore(now: () => number = Date.now): MachineStore {
  let database: Promise<IDBPDatabase<MachinesDatabase>> | null = null;
  const open = () =>
    (database ??= openDB<MachinesDatabase>(MACHINES_DATABASE_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(MACHINES);
        db.createObjectStore(SET_ASIDE, { autoIncrement: true });
      },
    }));

  return {
    async load() {
      const db = await open();
      const read = db.transaction(MACHINES, 'readonly');
      const [keys, values] = await Promise.all([read.store.getAllKeys(), read.store.getAll()]);
      await read.done;
      const reading = readStoredMachines(keys.map((key, index) => ({ key, value: values[index] })));
      if (reading.setAside.length > 0) {
        // In one transaction: a record is either still where it was, or set aside.
        const move = db.transaction([MACHINES, SET_ASIDE], 'readwrite');
        const setAsideAt = now();
        const byKey = new Map(keys.map((key, index) => [key, values[index]]));
        await Promise.all(
          reading.setAside.flatMap(({ key, reason }) => [
            move.objectStore(SET_ASIDE).add({ reason, setAsideAt, record: byKey.get(key) }),
            move.objectStore(MACHINES).delete(key),
          ]),
        );
        await move.done;
      }
      return { machines: reading.machines, notice: reading.notice };
    },
    async apply({ put, remove }) {
      if (put.length === 0 && remove.length === 0) return;
      const db = await open();
      const write = db.transaction(MACHINES, 'readwrite');
      await Promise.all([...remove.map((id) => write.store.delete(id)), ...put.map((stored) => write.store.put(stored, stored.machine.id))]);
      await write.done;
    },
  };
}
