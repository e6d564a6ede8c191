import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  MAX_RECORD_CHARS,
  MAX_STORED_RUNS,
  readRecord,
  readStoredRuns,
  setAsideNotice,
  STORED_RUN_VERSION,
  storedRun,
  v1StableId,
  type KeyedRecord,
  type Migration,
  type StoredRun,
  type StoredRunRecord,
} from './storedRuns';
import { MAX_WORKERS, maxWorkers } from '../settings/settings';
import type { RunRecord } from '../types';
import { makeRun } from '../../testing/makeRun';
import { mixedRecords, storedRun as earlierVisitRecord, storedRunV2 } from '../../../e2e/storedRecords';

const tab = 'tab-a';

describe('the stored format', () => {
  it('is a RunRecord, no more and no less: a field added to one fails this check until the other has it', () => {
    expectTypeOf<StoredRunRecord>().toEqualTypeOf<RunRecord>();
    expectTypeOf<StoredRun['run']>().toEqualTypeOf<RunRecord>();
  });
});

describe('readRecord', () => {
  it('reads back what this page stores, field for field', () => {
    const run = makeRun(2, 1500, { id: 7, model: 'lock', task: 'io', waitMsByTask: [700, 700], waitedMsByTask: [701, 702.5], lock: { kind: 'token', handovers: 3, meanHandoverMs: null } });
    const stored = storedRun(run, tab, 1_790_000_000_000);
    // Through JSON, as storage may keep it.
    const reading = readRecord(JSON.parse(JSON.stringify(stored)));
    expect(reading).toEqual({ kind: 'ok', stored, migrated: false });
  });

  it.each([
    ['a 64-core machine', 64],
    ['a 1,024-core machine', 1024],
    ['a browser that reports a billion cores', 1e9],
  ])('reads back a run at the slider’s largest value on %s, with the longest waits JSON can hold', (_, cores) => {
    const workers = maxWorkers(cores);
    // -1 ms cannot be; the largest finite number is as long as a wait gets in JSON, bar a sign.
    const waits = Array.from({ length: workers }, () => Number.MAX_VALUE);
    const run = makeRun(workers, 1500, { model: 'lock', task: 'io', waitMsByTask: waits, waitedMsByTask: waits, lock: { kind: 'shared-memory', handovers: 1e9, meanHandoverMs: Number.MAX_VALUE } });
    const stored = storedRun(run, tab, 1_790_000_000_000);
    expect(readRecord(JSON.parse(JSON.stringify(stored)))).toEqual({ kind: 'ok', stored, migrated: false });
  });

  it('sets aside a run of more workers than the slider can ever give', () => {
    const stored = storedRun(makeRun(MAX_WORKERS + 1, 1500), tab, 1);
    expect(readRecord(stored)).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: expect.stringMatching(/^run\.workers: /) as unknown });
  });

  it('sets aside a run whose list of waits is longer than its workers', () => {
    const stored = storedRun(makeRun(2, 1500, { task: 'io', waitMsByTask: [700, 700, 700] }), tab, 1);
    expect(readRecord(stored)).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: 'run: a list of waits is longer than the workers' });
  });

  it('sets aside a run without a stableId', () => {
    const stored = storedRun(makeRun(2, 1500), tab, 1);
    const nameless: Partial<RunRecord> = { ...stored.run };
    delete nameless.stableId;
    expect(readRecord({ ...stored, run: nameless })).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: expect.stringMatching(/^run\.stableId: /) as unknown });
  });

  it('keeps the kernel a run counted with, reads a record from before kernels were kept, and sets aside an unknown kernel', () => {
    const stored = storedRun(makeRun(2, 1500, { id: 3, kernel: 'wasm' }), tab, 1);
    expect(readRecord(JSON.parse(JSON.stringify(stored)))).toEqual({ kind: 'ok', stored, migrated: false });
    const before: Partial<typeof stored.run> = { ...stored.run };
    delete before.kernel;
    expect(readRecord({ ...stored, run: before })).toEqual({ kind: 'ok', stored: { ...stored, run: before }, migrated: false });
    expect(readRecord({ ...stored, run: { ...stored.run, kernel: 'asm.js' } })).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: expect.stringMatching(/^run\.kernel: /) as unknown });
  });

  it.each([
    ['null', null, 'it is not a record'],
    ['a list', [1, 2], 'it is not a record'],
    ['a string', 'runs', 'it is not a record'],
    ['no version', { tab, savedAt: 1, run: {} }, 'it has no version'],
    ['version 0', { version: 0, tab, savedAt: 1, run: {} }, 'it has no version'],
  ])('sets aside %s as corrupt', (_, value, detail) => {
    expect(readRecord(value)).toEqual({ kind: 'set-aside', reason: 'corrupt', detail });
  });

  it('sets aside a record whose run does not match the format, saying where', () => {
    const stored = storedRun(makeRun(2, 1500), tab, 1);
    const badWorkers = { ...stored, run: { ...stored.run, workers: -3 } };
    expect(readRecord(badWorkers)).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: expect.stringMatching(/^run\.workers: /) as unknown });
    const badModel = { ...stored, run: { ...stored.run, model: 'gil' } };
    expect(readRecord(badModel)).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: expect.stringMatching(/^run\.model: /) as unknown });
    const missing = { ...stored, run: { ...stored.run, wallMs: undefined } };
    expect(readRecord(missing)).toMatchObject({ kind: 'set-aside', reason: 'corrupt' });
    const notANumber = { ...stored, run: { ...stored.run, wallMs: 'fast' } };
    expect(readRecord(notANumber)).toMatchObject({ kind: 'set-aside', reason: 'corrupt' });
  });

  it('sets aside a record from a newer page without reading it', () => {
    expect(readRecord({ version: STORED_RUN_VERSION + 1, anything: true })).toEqual({ kind: 'set-aside', reason: 'newer', detail: `version ${String(STORED_RUN_VERSION + 1)}` });
  });

  it('sets aside a record too large to be a run', () => {
    const stored = storedRun(makeRun(2, 1500), tab, 1);
    const huge = { ...stored, padding: 'x'.repeat(MAX_RECORD_CHARS) };
    expect(readRecord(huge)).toMatchObject({ kind: 'set-aside', reason: 'too-large' });
  });

  it('sets aside a record that cannot be turned into data (a cycle)', () => {
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.self = cyclic;
    expect(readRecord(cyclic)).toEqual({ kind: 'set-aside', reason: 'corrupt', detail: 'it cannot be read as data' });
  });

  describe('from version 1', () => {
    it('reads the record an earlier visit left, giving it a stableId made of its tab and number, the same at every reading', () => {
      const left = earlierVisitRecord('old-tab', 4, 1100);
      const expected = { ...left, version: 2, run: { ...left.run, stableId: 'v1-old-tab-4' } };
      expect(readRecord(left)).toEqual({ kind: 'ok', stored: expected, migrated: true });
      expect(readRecord(structuredClone(left))).toEqual(readRecord(left));
      expect(v1StableId('old-tab', 4)).toBe('v1-old-tab-4');
      // Another tab's run 4, or this tab's run 5, is another run.
      expect(readRecord(earlierVisitRecord('other-tab', 4, 1100))).toMatchObject({ stored: { run: { stableId: 'v1-other-tab-4' } } });
      expect(readRecord(earlierVisitRecord('old-tab', 5, 1100))).toMatchObject({ stored: { run: { stableId: 'v1-old-tab-5' } } });
    });

    it('sets aside version 1 records that break the format, as before', () => {
      const readings = mixedRecords('old-tab').map((value) => readRecord(value));
      expect(readings.map((reading) => (reading.kind === 'ok' ? reading.stored.run.stableId : reading.reason))).toEqual(['v1-old-tab-1', 'corrupt', 'corrupt', 'newer', 'too-large', 'v1-old-tab-4']);
    });

    it('keeps a version 1 run of 65 or more workers, which that page’s format set aside', () => {
      const left = earlierVisitRecord('old-tab', 1, 900);
      expect(readRecord({ ...left, run: { ...left.run, workers: 128 } })).toMatchObject({ kind: 'ok', stored: { run: { workers: 128 } } });
    });
  });

  describe('migration steps', () => {
    // With steps of the test's own: a version 1 record that lacks a field the current format has.
    const current = storedRun(makeRun(1, 900, { id: 1 }), tab, 5);
    const withoutSpeed: Partial<typeof current.run> = { ...current.run };
    delete withoutSpeed.nsPerCount;
    const olderRecord = { ...current, version: 1, run: withoutSpeed };
    const addSpeed: Migration = (record) => ({ ...record, version: 2, run: { ...(record.run as object), nsPerCount: 0.3 } });

    it('brings an older record up to date step by step, then checks it', () => {
      expect(readRecord(olderRecord, { 1: addSpeed }, 2)).toEqual({ kind: 'ok', stored: current, migrated: true });
    });

    it('sets aside a record that no step leads from, or whose step fails', () => {
      expect(readRecord(olderRecord, {}, 2)).toEqual({ kind: 'set-aside', reason: 'corrupt', detail: 'version 1 cannot be brought up to date' });
      const broken: Migration = (record) => ({ ...record });
      expect(readRecord(olderRecord, { 1: broken }, 2)).toEqual({ kind: 'set-aside', reason: 'corrupt', detail: 'the step from version 1 failed' });
    });

    it('checks the format after the steps: a step that leaves a field out is caught', () => {
      const forgetful: Migration = (record) => ({ ...record, version: 2 });
      expect(readRecord(olderRecord, { 1: forgetful }, 2)).toMatchObject({ kind: 'set-aside', reason: 'corrupt', detail: expect.stringMatching(/^run\.nsPerCount: /) as unknown });
    });
  });
});

describe('readStoredRuns', () => {
  const at = (savedAt: number, run = makeRun(1, 1000), from = tab) => ({ key: savedAt, value: storedRun(run, from, savedAt) });

  it('gives the union of two tabs, oldest first, numbered afresh, with their sweeps kept apart', () => {
    const records = [
      at(30, makeRun(2, 800, { id: 2, sweepId: 1 }), 'tab-b'),
      at(10, makeRun(1, 1500, { id: 1, sweepId: 1 }), 'tab-b'),
      at(20, makeRun(1, 1400, { id: 1, sweepId: 1 }), 'tab-a'),
      at(40, makeRun(4, 600, { id: 2 }), 'tab-a'),
    ];
    const reading = readStoredRuns(records);
    expect(reading.runs.map((run) => [run.id, run.wallMs, run.sweepId])).toEqual([
      [1, 1500, 5],
      [2, 1400, 6],
      [3, 800, 5],
      [4, 600, null],
    ]);
    expect(reading.lastId).toBe(6);
    expect(reading.setAside).toEqual([]);
    expect(reading.notice).toBeNull();
  });

  it('keeps every readable run and sets aside the rest, with one sentence', () => {
    const records = [at(1), { key: 2, value: '{broken' }, { key: 3, value: { version: 99 } }, at(4)];
    const reading = readStoredRuns(records);
    expect(reading.runs).toHaveLength(2);
    expect(reading.setAside).toEqual([
      { key: 2, reason: 'corrupt' },
      { key: 3, reason: 'newer' },
    ]);
    expect(reading.notice).toBe('2 stored results were set aside (1 unreadable, 1 from a newer version of this page); the readable ones are back, and the page works as usual.');
  });

  it('reads version 1 and 2 records together, one of each stableId, and asks for the version 1 ones to be stored again', () => {
    const records: KeyedRecord<string | number>[] = [
      { key: 'uuid-b', value: storedRunV2('new-tab', 2, 700, 'uuid-b') },
      { key: 1, value: earlierVisitRecord('old-tab', 1, 1200) },
      { key: 'uuid-a', value: storedRunV2('new-tab', 1, 800, 'uuid-a') },
      // The same run twice (as an import might have left it): read once, the copy left where it is.
      { key: 'copy', value: storedRunV2('new-tab', 1, 800, 'uuid-a') },
      { key: 2, value: earlierVisitRecord('old-tab', 4, 1100) },
    ];
    const reading = readStoredRuns(records);
    expect(reading.runs.map((run) => [run.id, run.stableId, run.wallMs])).toEqual([
      // Saved at the same moment: in the order of their tabs' names.
      [1, 'uuid-a', 800],
      [2, 'v1-old-tab-1', 1200],
      [3, 'uuid-b', 700],
      [4, 'v1-old-tab-4', 1100],
    ]);
    expect(reading.rewrite.map(({ key, stored }) => [key, stored.version, stored.run.stableId])).toEqual([
      [1, 2, 'v1-old-tab-1'],
      [2, 2, 'v1-old-tab-4'],
    ]);
    expect(reading.setAside).toEqual([]);
    // Read again as stored again: the same runs, the same ids, nothing more to store.
    const again = readStoredRuns([...records.filter(({ key }) => typeof key === 'string'), ...reading.rewrite.map(({ stored }) => ({ key: stored.run.stableId, value: stored }))]);
    expect(again.runs).toEqual(reading.runs);
    expect(again.rewrite).toEqual([]);
  });

  it('sets aside the oldest runs beyond the most it keeps', () => {
    const records = Array.from({ length: MAX_STORED_RUNS + 2 }, (_, index) => at(index + 1));
    const reading = readStoredRuns(records);
    expect(reading.runs).toHaveLength(MAX_STORED_RUNS);
    expect(reading.setAside).toEqual([
      { key: 1, reason: 'too-large' },
      { key: 2, reason: 'too-large' },
    ]);
  });
});

describe('setAsideNotice', () => {
  it('says nothing when nothing was set aside, and counts one result in the singular', () => {
    expect(setAsideNotice([])).toBeNull();
    expect(setAsideNotice(['too-large'])).toBe('1 stored result was set aside (1 too large); the readable ones are back, and the page works as usual.');
  });
});
