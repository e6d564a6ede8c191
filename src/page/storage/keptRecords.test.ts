import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SET_ASIDE, keptRecords } from './keptRecords';

describe('keptRecords', () => {
  beforeEach(() => {
    // A browser of its own for each test: nothing kept from the last.
    vi.stubGlobal('indexedDB', new IDBFactory());
  });

  it('reads every record with its key, numbering those added without one', async () => {
    const kept = keptRecords<number>('numbered-test', 'things', 'numbered');
    const db = await kept.open();
    await db.add('things', { a: 1 });
    await db.add('things', 'not even an object');
    expect(await kept.readAll()).toEqual([
      { key: 1, value: { a: 1 } },
      { key: 2, value: 'not even an object' },
    ]);
  });

  it('sets aside with the reason and the time, and stores again under the new key, all in one go', async () => {
    const kept = keptRecords<string>('given-test', 'things', 'given');
    const db = await kept.open();
    await db.put('things', { broken: true }, 'bad');
    await db.put('things', { old: true }, 'old-key');
    await db.put('things', { fine: true }, 'fine');
    const records = await kept.readAll();
    await kept.mend(records, { setAside: [{ key: 'bad', reason: 'It is broken.' }], rewrite: [{ key: 'old-key', value: { old: false }, newKey: 'new-key' }] }, 42);
    expect(await kept.readAll()).toEqual([
      { key: 'fine', value: { fine: true } },
      { key: 'new-key', value: { old: false } },
    ]);
    expect(await db.getAll(SET_ASIDE)).toEqual([{ reason: 'It is broken.', setAsideAt: 42, record: { broken: true } }]);
  });

  it('asks for no transaction when nothing is to mend', async () => {
    const kept = keptRecords<string>('quiet-test', 'things', 'given');
    const db = await kept.open();
    const transaction = vi.spyOn(db, 'transaction');
    await kept.mend([], { setAside: [], rewrite: [] }, 1);
    expect(transaction).not.toHaveBeenCalled();
  });
});
