import { openDB, type IDBPDatabase } from 'idb';

/** Where records that could not be read are moved, with why, never deleted: the same store in each of the lab's databases. */
export const SET_ASIDE = 'set-aside';

/** A record as IndexedDB gives it back: its key, and a value nobody has checked yet. */
export interface KeyedValue<K> {
  key: K;
  value: unknown;
}

/** What a reading of the records asks to change: records to set aside, and records to store again under another key. */
export interface Mending<K> {
  setAside: readonly { key: K; reason: string }[];
  rewrite: readonly { key: K; value: unknown; newKey: K }[];
}

/**
 * One of the lab's databases of kept records, through `idb`: a store of records and the
 * set-aside store, at version 1 for good (a tab of an earlier page still holding version 1 open
 * would block a version 2), opened once, on first use. `keys`: 'numbered' when the store numbers
 * records that come without a key (the runs of earlier pages), 'given' when each comes with one.
 * The records are checked by their reader (src/lab/stored/), not here: the keys are taken as
 * the store's writers put them.
 */
export function keptRecords<K extends IDBValidKey>(name: string, store: string, keys: 'numbered' | 'given') {
  let database: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (database ??= openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore(store, keys === 'numbered' ? { autoIncrement: true } : undefined);
        db.createObjectStore(SET_ASIDE, { autoIncrement: true });
      },
    }));

  return {
    open,
    /** Every record of the store, with its key. */
    async readAll(): Promise<KeyedValue<K>[]> {
      const db = await open();
      const read = db.transaction(store, 'readonly');
      const [storedKeys, values] = await Promise.all([read.store.getAllKeys(), read.store.getAll() as Promise<unknown[]>]);
      await read.done;
      return storedKeys.map((key, index) => ({ key: key as K, value: values[index] }));
    },
    /**
     * Sets aside and stores again what a reading of `records` asked, in one transaction: each
     * record is either still as it was, or already moved. Nothing happens when nothing is asked.
     */
    async mend(records: readonly KeyedValue<K>[], { setAside, rewrite }: Mending<K>, setAsideAt: number): Promise<void> {
      if (setAside.length === 0 && rewrite.length === 0) return;
      const db = await open();
      const move = db.transaction([store, SET_ASIDE], 'readwrite');
      const byKey = new Map(records.map(({ key, value }) => [key, value]));
      await Promise.all([
        ...setAside.flatMap(({ key, reason }) => [move.objectStore(SET_ASIDE).add({ reason, setAsideAt, record: byKey.get(key) }), move.objectStore(store).delete(key)]),
        ...rewrite.flatMap(({ key, value, newKey }) => [move.objectStore(store).delete(key), move.objectStore(store).put(value, newKey)]),
      ]);
      await move.done;
    },
  };
}
