import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_NAME, indexedDbRunStore } from './indexedDbRunStore';
import { makeRun } from '../../testing/makeRun';
import { mixedRecords, storedRun as earlierVisitRecord } from '../../../e2e/storedRecords';

/** Opens the lab's database as version 1 pages did, to put in what they left or to look at what is kept. */
const openAsEarlierPage = () =>
  openDB(DATABASE_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('runs', { autoIncrement: true });
      db.createObjectStore('set-aside', { autoIncrement: true });
    },
  });

/** What the database holds: the runs' keys, and the reasons of what was set aside. */
async function contents() {
  const db = await openAsEarlierPage();
  const runs = await db.getAllKeys('runs');
  const setAside = ((await db.getAll('set-aside')) as { reason: string }[]).map((record) => record.reason);
  db.close();
  return { runs, setAside };
}

describe('indexedDbRunStore', () => {
  beforeEach(() => {
    // A browser of its own for each test: nothing kept from the last.
    vi.stubGlobal('indexedDB', new IDBFactory());
  });

  it('adds a run it already has only once: the same stableId under another number, or from another tab, is the same run', async () => {
    const run = makeRun(2, 900, { id: 3, stableId: 'kept-once' });
    let clock = 0;
    const now = () => ++clock;
    const thisTab = indexedDbRunStore('tab-a', now);
    const otherTab = indexedDbRunStore('tab-b', now);
    await thisTab.add(run);
    await thisTab.add(run);
    await Promise.all([thisTab.add({ ...run, id: 9 }), otherTab.add({ ...run, id: 1 })]);
    await thisTab.add(makeRun(1, 700, { stableId: 'another' }));
    expect((await contents()).runs).toEqual(['another', 'kept-once']);
    const reading = await otherTab.load();
    expect(reading.runs.map((each) => [each.id, each.stableId, each.wallMs])).toEqual([
      [1, 'kept-once', 900],
      [2, 'another', 700],
    ]);
  });

  it('stores the runs an earlier visit left again under their stable ids, sets the rest aside, and reads the same runs at every load', async () => {
    const db = await openAsEarlierPage();
    for (const record of mixedRecords('old-tab')) await db.add('runs', record);
    db.close();
    const store = indexedDbRunStore('tab-a', () => 10);
    const first = await store.load();
    expect(first.runs.map((run) => [run.id, run.stableId, run.wallMs])).toEqual([
      [1, 'v1-old-tab-1', 1200],
      [2, 'v1-old-tab-4', 1100],
    ]);
    expect(first.notice).toBe('4 stored results were set aside (2 unreadable, 1 from a newer version of this page, 1 too large); the readable ones are back, and the page works as usual.');
    expect(await contents()).toEqual({ runs: ['v1-old-tab-1', 'v1-old-tab-4'], setAside: ['corrupt', 'corrupt', 'newer', 'too-large'] });

    const second = await indexedDbRunStore('tab-b', () => 20).load();
    expect(second.runs).toEqual(first.runs);
    expect(second.notice).toBeNull();
    expect(await contents()).toEqual({ runs: ['v1-old-tab-1', 'v1-old-tab-4'], setAside: ['corrupt', 'corrupt', 'newer', 'too-large'] });
    // A version 1 run, once read, is added again as the same run.
    await store.add(first.runs[0]);
    expect((await contents()).runs).toEqual(['v1-old-tab-1', 'v1-old-tab-4']);
  });

  it('forgets the runs on clear, and keeps what was set aside', async () => {
    const db = await openAsEarlierPage();
    await db.add('runs', 'not a record at all');
    await db.add('runs', earlierVisitRecord('old-tab', 1, 1200));
    db.close();
    const store = indexedDbRunStore('tab-a', () => 10);
    await store.load();
    await store.add(makeRun(1, 700, { stableId: 'made-here' }));
    await store.clear();
    expect(await contents()).toEqual({ runs: [], setAside: ['corrupt'] });
    expect((await store.load()).runs).toEqual([]);
  });
});
