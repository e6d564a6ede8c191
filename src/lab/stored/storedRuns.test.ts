import { describe, expect, it } from 'vitest';
import {
  MAX_RECORD_CHARS,
  MAX_STORED_RUNS,
  readRecord,
  readStoredRuns,
  setAsideNotice,
  STORED_RUN_VERSION,
  storedRun,
  type Migration,
} from './storedRuns';
import { makeRun } from '../../testing/makeRun';

const tab = 'tab-a';

describe('readRecord', () => {
  it('reads back what this page stores, field for field', () => {
    const run = makeRun(2, 1500, { id: 7, model: 'lock', task: 'io', waitMsByTask: [700, 700], waitedMsByTask: [701, 702.5], lock: { kind: 'token', handovers: 3, meanHandoverMs: null } });
    const stored = storedRun(run, tab, 1_790_000_000_000);
    // Through JSON, as storage may keep it.
    const reading = readRecord(JSON.parse(JSON.stringify(stored)));
    expect(reading).toEqual({ kind: 'ok', stored });
  });

  it('keeps the kernel a run counted with, reads a record from before kernels were kept, and sets aside an unknown kernel', () => {
    const stored = storedRun(makeRun(2, 1500, { id: 3, kernel: 'wasm' }), tab, 1);
    expect(readRecord(JSON.parse(JSON.stringify(stored)))).toEqual({ kind: 'ok', stored });
    const before: Partial<typeof stored.run> = { ...stored.run };
    delete before.kernel;
    expect(readRecord({ ...stored, run: before })).toEqual({ kind: 'ok', stored: { ...stored, run: before } });
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

  describe('migration', () => {
    // Version 1 is this page's first format, so the steps are tested as if the page were at version 2,
    // whose records gained a field: the steps take an older record there, and the format is checked after.
    const current = storedRun(makeRun(1, 900, { id: 1 }), tab, 5);
    const withoutSpeed: Partial<typeof current.run> = { ...current.run };
    delete withoutSpeed.nsPerCount;
    const olderRecord = { ...current, run: withoutSpeed };
    const addSpeed: Migration = (record) => ({ ...record, version: 2, run: { ...(record.run as object), nsPerCount: 0.3 } });

    it('brings an older record up to date step by step, then checks it', () => {
      expect(readRecord(olderRecord, { 1: addSpeed }, 2)).toEqual({ kind: 'ok', stored: { ...current, version: 2 } });
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
