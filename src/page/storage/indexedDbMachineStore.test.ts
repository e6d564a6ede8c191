import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComparedMachine } from '../../lab/exchange/comparedMachine';
import { storedMachine } from '../../lab/stored/storedMachineRecord';
import { DATABASE_NAME, indexedDbRunStore } from './indexedDbRunStore';
import { indexedDbMachineStore, MACHINES_DATABASE_NAME } from './indexedDbMachineStore';
import { makeMachine } from '../../testing/makeMachine';
import { makeRun } from '../../testing/makeRun';

const machine = (id: string, medianMs = 900): ComparedMachine => makeMachine(id, { curve: [{ workers: 1, medianMs }] });

describe('indexedDbMachineStore', () => {
  beforeEach(() => {
    // A browser of its own for each test: nothing kept from the last.
    vi.stubGlobal('indexedDB', new IDBFactory());
  });

  it('keeps, replaces and forgets machines, and reads them back in the order they were added', async () => {
    const store = indexedDbMachineStore();
    await store.apply({ put: [storedMachine(machine('b'), 2, false), storedMachine(machine('a'), 1, false)], remove: [] });
    await store.apply({ put: [storedMachine(machine('b', 400), 2, true), storedMachine(machine('c'), 3, false)], remove: ['a'] });
    const reading = await indexedDbMachineStore().load();
    expect(reading.machines.map((stored) => [stored.machine.id, stored.hidden, stored.machine.curve[0].medianMs])).toEqual([
      ['b', true, 400],
      ['c', false, 900],
    ]);
    expect(reading.notice).toBeNull();
  });

  it('sets aside what it cannot read, with why, and reads the rest', async () => {
    const db = await openDB(MACHINES_DATABASE_NAME, 1, {
      upgrade(database) {
        database.createObjectStore('machines');
        database.createObjectStore('set-aside', { autoIncrement: true });
      },
    });
    await db.put('machines', storedMachine(machine('good'), 1, false), 'good');
    await db.put('machines', { version: 1, addedAt: 2, hidden: false, machine: { ...machine('bad'), label: '' } }, 'bad');
    await db.put('machines', { version: 9 }, 'newer');
    db.close();
    const reading = await indexedDbMachineStore(() => 77).load();
    expect(reading.machines.map((stored) => stored.machine.id)).toEqual(['good']);
    expect(reading.notice).toBe('2 imported machines kept in this browser could not be read back and were set aside; the readable ones are back.');
    const after = await openDB(MACHINES_DATABASE_NAME, 1);
    expect(await after.getAllKeys('machines')).toEqual(['good']);
    const setAside = (await after.getAll('set-aside')) as { reason: string; setAsideAt: number; record: unknown }[];
    expect(setAside.map((item) => [item.reason, item.setAsideAt])).toEqual([
      ['machine.label: Invalid length: Expected >=1 but received 0', 77],
      ['it is from a newer version of this page (9)', 77],
    ]);
    after.close();
    expect((await indexedDbMachineStore().load()).notice).toBeNull();
  });

  it('leaves the runs’ database at version 1, so that an older tab holding it open never blocks', async () => {
    const runs = indexedDbRunStore('tab-a');
    await runs.add(makeRun(1, 500, { stableId: 'r1' }));
    const machines = indexedDbMachineStore();
    await machines.apply({ put: [storedMachine(machine('a'), 1, false)], remove: [] });
    for (const name of [DATABASE_NAME, MACHINES_DATABASE_NAME]) {
      // Opened without a version: at the one it has.
      const db = await openDB(name);
      expect([name, db.version]).toEqual([name, 1]);
      db.close();
    }
    expect((await runs.load()).runs.map((run) => run.stableId)).toEqual(['r1']);
  });
});
