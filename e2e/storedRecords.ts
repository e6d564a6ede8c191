/**
 * Stored records as earlier visits of the lab left them in IndexedDB (format versions 1 and 2),
 * written out by hand rather than by the app's own code, so that the tests check the app
 * against the format and not against itself. Shared by e2e/storage.spec.ts, the cross-engine
 * checks and the format's unit tests (src/lab/stored/storedRuns.test.ts).
 */

/** A run as a version 1 page stored it (under a number the store gave): 10^8 counted on 1 worker in `wallMs`, by the tab named `tab`. */
export const storedRun = (tab: string, id: number, wallMs: number) => ({
  version: 1,
  tab,
  savedAt: 1_790_000_000_000 + id,
  run: {
    id,
    workers: 1,
    scaling: 'strong',
    count: 100_000_000,
    pooled: false,
    sweepId: null,
    model: 'parallel',
    task: 'cpu',
    freeze: false,
    nsPerCount: 0.3,
    predictionMs: null,
    total: 100_000_000,
    counted: 100_000_000,
    status: 'done',
    startupMs: 30,
    computeMs: wallMs - 30,
    wallMs,
    hiddenDuringRun: false,
  },
});

/** A run as a version 2 page stores it, under its `stableId` as the record's key: version 1's run with that id. */
export const storedRunV2 = (tab: string, id: number, wallMs: number, stableId: string) => {
  const earlier = storedRun(tab, id, wallMs);
  return { ...earlier, version: 2, run: { ...earlier.run, stableId } };
};

/**
 * Two readable runs (1 and 4) among four records to set aside: a run that breaks the format,
 * something that is not a record, one from a newer page, and one too large.
 */
export const mixedRecords = (tab: string): unknown[] => [
  storedRun(tab, 1, 1200),
  { version: 1, tab, savedAt: 5, run: { id: 'two', workers: -1 } },
  'not a record at all',
  { version: 7, from: 'a newer page' },
  { ...storedRun(tab, 3, 900), padding: 'x'.repeat(20_000) },
  storedRun(tab, 4, 1100),
];
