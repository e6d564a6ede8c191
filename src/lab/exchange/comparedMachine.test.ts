import { describe, expect, it } from 'vitest';
import { analyze } from '../measurement/analysis';
import { seriesKey, statsByWorkers } from '../measurement/stats';
import type { RunRecord } from '../types';
import { makeRun } from '../../testing/makeRun';
import {
  MAX_MACHINES,
  classSentence,
  curveFromStats,
  machineFromResults,
  machineRows,
  seriesWordsOf,
  speedUpCurve,
  thisMachine,
  thisMachineOf,
  withContentId,
  withDistinctLabels,
  type ComparedMachine,
  type CurvePointMs,
  type MachineRow,
} from './comparedMachine';
import type { MachineDescription } from './machineDescription';
import { resultsFile, type ResultsFile } from './resultsFile';

const description: MachineDescription = {
  label: 'Room 4 laptop',
  reportedCores: 4,
  measuredCores: 4,
  browser: 'Firefox 153',
  engine: 'spidermonkey',
  crossOriginIsolated: true,
  timerResolutionMs: 0.02,
};

function fileOf(runs: readonly RunRecord[], machine: MachineDescription = description): ResultsFile {
  const series = seriesKey(runs[0]);
  return resultsFile({ runs, machine, series, stats: statsByWorkers(runs, series), exportedAtMs: 0 });
}

const other = (label: string, reportedCores: number | null, curve: CurvePointMs[], measuredCores: number | null = null): ComparedMachine =>
  withContentId({ source: 'file', label, reportedCores, measuredCores, browser: 'Chrome 156', seriesWords: null, curve });

/** A curve whose speed-up at `cores` is `share` of the cores. */
const curveReaching = (cores: number, share: number): CurvePointMs[] => [
  { workers: 1, medianMs: 1000 },
  { workers: cores, medianMs: 1000 / (cores * share) },
];

const row = (overrides: Partial<MachineRow>): MachineRow => ({
  id: 'x',
  label: 'x',
  thisMachine: false,
  reportedCores: 4,
  measuredCores: null,
  browser: 'Chrome 156',
  fastestMs: 100,
  fastestWorkers: 4,
  speedUpAtCores: 3,
  coresForSpeedUp: 4,
  ...overrides,
});

describe('machineFromResults', () => {
  it('recomputes the latest series’ curve from the runs, never trusting the file’s statistics', () => {
    const runs = [makeRun(1, 4000), makeRun(2, 2200), makeRun(2, 2000), makeRun(2, 2100), makeRun(4, 1200), makeRun(4, 1300, { hiddenDuringRun: true })];
    const file = fileOf(runs);
    file.statistics.rows = file.statistics.rows.map((stats) => ({ ...stats, wallMs: { median: 1, min: 1, max: 1 } }));
    const machine = machineFromResults(file);
    expect(machine.curve).toEqual([
      { workers: 1, medianMs: 4000 },
      { workers: 2, medianMs: 2100 },
      { workers: 4, medianMs: 1200 },
    ]);
    expect(machine).toMatchObject({ source: 'file', label: 'Room 4 laptop', reportedCores: 4, browser: 'Firefox 153', seriesWords: 'counting to 1 billion split over the workers' });
  });
  it('takes the latest finished run’s series, as the page does', () => {
    const runs = [makeRun(1, 4000), makeRun(2, 2000), makeRun(1, 9000, { language: 'python' }), makeRun(2, 5000, { language: 'python', model: 'lock' }), makeRun(2, 4600, { language: 'python' }), makeRun(3, 1, { status: 'failed', wallMs: null })];
    const machine = machineFromResults(fileOf(runs));
    expect(machine.curve).toEqual([
      { workers: 1, medianMs: 9000 },
      { workers: 2, medianMs: 4600 },
    ]);
    expect(machine.seriesWords).toBe('counting to 1 billion split over the workers, in Python');
  });
  it('names a lock series, a pooled one and a frozen page in words', () => {
    expect(machineFromResults(fileOf([makeRun(2, 4000, { model: 'lock' })])).seriesWords).toBe('counting to 1 billion split over the workers, the workers sharing one lock');
    expect(machineFromResults(fileOf([makeRun(2, 4000, { pooled: true, scaling: 'weak' })])).seriesWords).toBe('each worker counting to 1 billion, with workers from a reused pool');
    expect(machineFromResults(fileOf([makeRun(1, 4000, { model: 'main-thread', freeze: true })])).seriesWords).toBe(
      'counting to 1 billion split over the tasks, on the main thread, the page frozen',
    );
  });
  it('measures cores from the runs, or keeps what the file’s page found when its series does not measure them', () => {
    const sweep = [makeRun(1, 4000), makeRun(2, 2000), makeRun(3, 1340), makeRun(4, 1330), makeRun(5, 1335), makeRun(6, 1340)];
    expect(machineFromResults(fileOf(sweep, { ...description, measuredCores: 7 })).measuredCores).toBe(3);
    expect(machineFromResults(fileOf([makeRun(1, 4000, { model: 'lock' })], { ...description, measuredCores: 7 })).measuredCores).toBe(7);
  });
  it('gives an empty curve, no words and no scaling for a file without a finished run', () => {
    const machine = machineFromResults(fileOf([makeRun(2, 1, { status: 'stopped', wallMs: null })]));
    expect(machine.curve).toEqual([]);
    expect(machine.seriesWords).toBeNull();
    expect(machine.scaling).toBeUndefined();
  });
  it('records its series’ scaling, which its speed-ups need', () => {
    expect(machineFromResults(fileOf([makeRun(1, 4000), makeRun(2, 2000)])).scaling).toBe('strong');
    const weak = machineFromResults(fileOf([makeRun(1, 4000, { scaling: 'weak' }), makeRun(2, 4100, { scaling: 'weak' })]));
    expect(weak.scaling).toBe('weak');
    // The latest finished run's series, as the page shows it: a weak sweep after a strong one is weak.
    expect(machineFromResults(fileOf([makeRun(1, 4000), makeRun(1, 3000, { scaling: 'weak' }), makeRun(2, 1, { status: 'failed', wallMs: null })])).scaling).toBe('weak');
  });
  it('leaves out runs that did not finish, whatever their status, and takes its series from the finished ones', () => {
    const runs = [makeRun(1, 4000), makeRun(2, 2000), makeRun(2, 10, { status: 'stopped', counted: 5 }), makeRun(4, 1, { status: 'failed', wallMs: null, error: '=HYPERLINK("x")' })];
    const machine = machineFromResults(fileOf(runs));
    expect(machine.curve).toEqual([
      { workers: 1, medianMs: 4000 },
      { workers: 2, medianMs: 2000 },
    ]);
  });
  it('has an id made from what it shows: the same file twice is one machine, another file another', () => {
    const runs = [makeRun(1, 4000), makeRun(2, 2000)];
    const once = machineFromResults(fileOf(runs));
    const again = machineFromResults(JSON.parse(JSON.stringify(fileOf(runs))) as ResultsFile);
    expect(again.id).toBe(once.id);
    expect(once.id).toMatch(/^file-[0-9a-z]+-[0-9a-z]+$/);
    expect(machineFromResults(fileOf(runs, { ...description, label: 'Room 5 laptop' })).id).not.toBe(once.id);
    expect(machineFromResults(fileOf([makeRun(1, 4000), makeRun(2, 2001)])).id).not.toBe(once.id);
    expect(once.id).not.toBe('this');
  });
  it('tells a weak-scaling curve from the same strong one by its id, and keeps a strong one’s id as it was without a scaling', () => {
    const content = { source: 'file', label: 'Same', reportedCores: 2, measuredCores: null, browser: 'Chrome 156', seriesWords: null, curve: [{ workers: 1, medianMs: 4000 }] } as const;
    const strong = withContentId({ ...content, curve: [...content.curve] });
    expect(withContentId({ ...content, curve: [...content.curve], scaling: 'strong' }).id).toBe(strong.id);
    expect(withContentId({ ...content, curve: [...content.curve], scaling: 'weak' }).id).not.toBe(strong.id);
  });
});

describe('curves', () => {
  it('takes the median wall-clock per worker count, ascending', () => {
    const runs = [makeRun(4, 1200), makeRun(1, 4000), makeRun(1, 4200), makeRun(1, 4100)];
    expect(curveFromStats(statsByWorkers(runs, seriesKey(runs[0])))).toEqual([
      { workers: 1, medianMs: 4100 },
      { workers: 4, medianMs: 1200 },
    ]);
  });
  it('gives speed-ups from the 1-worker point, and none without it', () => {
    expect(speedUpCurve([{ workers: 1, medianMs: 4000 }, { workers: 2, medianMs: 2000 }, { workers: 4, medianMs: 1600 }])).toEqual([
      { workers: 1, speedUp: 1 },
      { workers: 2, speedUp: 2 },
      { workers: 4, speedUp: 2.5 },
    ]);
    expect(speedUpCurve([{ workers: 2, medianMs: 2000 }])).toEqual([]);
    expect(speedUpCurve([{ workers: 1, medianMs: 0 }, { workers: 2, medianMs: 1 }])).toEqual([]);
    expect(speedUpCurve([{ workers: 1, medianMs: 10 }, { workers: 2, medianMs: 0 }])).toEqual([{ workers: 1, speedUp: 1 }]);
  });
  it('gives weak scaling’s speed-up, k × the 1-worker time ÷ the time, as the page’s statistics do', () => {
    const curve = [{ workers: 1, medianMs: 4000 }, { workers: 2, medianMs: 4000 }, { workers: 4, medianMs: 5000 }];
    expect(speedUpCurve(curve, 'weak')).toEqual([
      { workers: 1, speedUp: 1 },
      { workers: 2, speedUp: 2 },
      { workers: 4, speedUp: 3.2 },
    ]);
    expect(speedUpCurve(curve, 'strong')).toEqual(speedUpCurve(curve));
    expect(speedUpCurve(curve)[2]).toEqual({ workers: 4, speedUp: 0.8 });
    // The same figures as the page's own statistics of those runs.
    const runs = curve.map((point) => makeRun(point.workers, point.medianMs, { scaling: 'weak' }));
    const stats = statsByWorkers(runs, seriesKey(runs[0]));
    expect(speedUpCurve(curveFromStats(stats), 'weak').map((point) => point.speedUp)).toEqual(stats.map((each) => each.speedUp));
  });
});

describe('machineRows', () => {
  const own = thisMachine(description, statsByWorkers([makeRun(1, 4000), makeRun(4, 1250)], seriesKey(makeRun(1, 1))), 'counting');
  it('puts this machine first, with its fastest time and its speed-up at its cores', () => {
    const rows = machineRows(own, [other('Chromebook', 2, [{ workers: 1, medianMs: 5000 }, { workers: 2, medianMs: 2600 }, { workers: 3, medianMs: 2700 }])]);
    expect(rows).toEqual([
      { id: 'this', label: 'Room 4 laptop', thisMachine: true, reportedCores: 4, measuredCores: 4, browser: 'Firefox 153', fastestMs: 1250, fastestWorkers: 4, speedUpAtCores: 3.2, coresForSpeedUp: 4, scaling: 'strong' },
      expect.objectContaining({ label: 'Chromebook', thisMachine: false, fastestMs: 2600, fastestWorkers: 2, speedUpAtCores: 5000 / 2600, coresForSpeedUp: 2 }),
    ]);
  });
  it('uses the measured cores where none are reported, and says null where a point is missing', () => {
    const rows = machineRows(own, [
      other('No cores reported', null, curveReaching(3, 0.8), 3),
      other('No 1-worker run', 4, [{ workers: 4, medianMs: 1000 }]),
      other('No run at its cores', 8, curveReaching(4, 1)),
      other('Nothing at all', null, []),
    ]);
    expect(rows.slice(1).map(({ speedUpAtCores, coresForSpeedUp, fastestMs }) => ({ speedUpAtCores, coresForSpeedUp, fastestMs }))).toEqual([
      { speedUpAtCores: expect.closeTo(2.4, 12) as number, coresForSpeedUp: 3, fastestMs: expect.closeTo(1000 / 2.4, 9) as number },
      { speedUpAtCores: null, coresForSpeedUp: 4, fastestMs: 1000 },
      { speedUpAtCores: null, coresForSpeedUp: 8, fastestMs: 250 },
      { speedUpAtCores: null, coresForSpeedUp: null, fastestMs: null },
    ]);
  });
  it('gives a weak-scaling machine’s speed-up at its cores as k × t1 ÷ tk, and says it is weak', () => {
    const weakOwn = thisMachine(description, statsByWorkers([makeRun(1, 4000, { scaling: 'weak' }), makeRun(4, 5000, { scaling: 'weak' })], seriesKey(makeRun(1, 1, { scaling: 'weak' }))), 'each worker counting', 'weak');
    expect(weakOwn.scaling).toBe('weak');
    const rows = machineRows(weakOwn, [{ ...other('Weak Chromebook', 2, [{ workers: 1, medianMs: 5000 }, { workers: 2, medianMs: 5500 }]), scaling: 'weak' }]);
    expect(rows.map(({ speedUpAtCores, scaling }) => ({ speedUpAtCores, scaling }))).toEqual([
      { speedUpAtCores: 3.2, scaling: 'weak' },
      { speedUpAtCores: (2 * 5000) / 5500, scaling: 'weak' },
    ]);
    expect(thisMachine(description, [], null).scaling).toBeUndefined();
  });
  it('never lists this machine twice', () => {
    expect(machineRows(own, [own]).map((each) => each.id)).toEqual(['this']);
  });
});

describe('classSentence', () => {
  it('says nothing under 3 machines', () => {
    expect(classSentence([])).toBeNull();
    expect(classSentence([row({}), row({})])).toBeNull();
  });
  it('compares each machine’s speed-up at its cores with its cores, in one sentence', () => {
    const rows = [0.58, 0.91, 0.74, 0.7, 0.8].map((share, index) => row({ coresForSpeedUp: 2 + index, speedUpAtCores: share * (2 + index) }));
    expect(classSentence(rows)).toBe('Across 5 machines, speed-up at each machine’s cores reached 58–91% of its cores (median 74%): 1 of them came within 10% of a full core’s worth from every core.');
    const slower = [0.58, 0.75, 0.74].map((share) => row({ speedUpAtCores: share * 4 }));
    expect(classSentence(slower)).toBe('Across 3 machines, speed-up at each machine’s cores reached 58–75% of its cores (median 74%): no machine got a full core’s worth from every core.');
    const all = [0.95, 0.95, 1.02].map((share) => row({ speedUpAtCores: share * 4 }));
    expect(classSentence(all)).toBe('Across 3 machines, speed-up at each machine’s cores reached 95–102% of its cores (median 95%): every one came within 10% of a full core’s worth from every core.');
    expect(classSentence([row({}), row({}), row({})])).toBe('Across 3 machines, speed-up at each machine’s cores reached 75% of its cores (median 75%): no machine got a full core’s worth from every core.');
  });
  it('says how many machines are left out for want of a 1-worker point or a point at their cores', () => {
    const rows = [row({}), row({ speedUpAtCores: 2 }), row({ speedUpAtCores: null }), row({ speedUpAtCores: null, coresForSpeedUp: null })];
    expect(classSentence(rows)).toBe(
      'Across 2 machines (2 more left out, missing a run at 1 worker or at their cores), speed-up at each machine’s cores reached 50–75% of its cores (median 63%): no machine got a full core’s worth from every core.',
    );
    expect(classSentence([row({}), row({}), row({}), row({ speedUpAtCores: null })])).toContain('(1 more left out, missing a run at 1 worker or at its cores)');
    expect(classSentence([row({}), row({ speedUpAtCores: null }), row({ speedUpAtCores: null })])).toBe(
      'Only 1 of the 3 machines has both a run at 1 worker and one at its cores: its speed-up there reached 75% of its cores.',
    );
    expect(classSentence([row({ speedUpAtCores: null }), row({ speedUpAtCores: null }), row({ speedUpAtCores: null })])).toBe(
      'None of the 3 machines has both a run at 1 worker and one at its cores yet, so their speed-ups cannot be compared: run a sweep on each.',
    );
  });
  it('compares a weak-scaling machine’s speed-up with its cores too, and says it is weak', () => {
    const weakRow = machineRows(other('Strong', 4, curveReaching(4, 0.75)), [
      other('Strong 2', 4, curveReaching(4, 0.8)),
      { ...other('Weak', 4, [{ workers: 1, medianMs: 1000 }, { workers: 4, medianMs: 1000 / 0.95 }]), scaling: 'weak' },
    ]);
    expect(weakRow[2].speedUpAtCores).toBeCloseTo(3.8, 12);
    expect(classSentence(weakRow)).toBe(
      'Across 3 machines (1 of them with the same count per worker, where speed-up is the work per second against 1 worker’s), speed-up at each machine’s cores reached 75–95% of its cores (median 80%): 1 of them came within 10% of a full core’s worth from every core.',
    );
    const allWeak = [0.6, 0.7, 0.8].map((share) => row({ speedUpAtCores: share * 4, scaling: 'weak' }));
    expect(classSentence([...allWeak, row({ speedUpAtCores: null })])).toBe(
      'Across 3 machines (1 more left out, missing a run at 1 worker or at its cores; all with the same count per worker, where speed-up is the work per second against 1 worker’s), speed-up at each machine’s cores reached 60–80% of its cores (median 70%): no machine got a full core’s worth from every core.',
    );
    expect(classSentence([allWeak[0], row({ speedUpAtCores: null }), row({ speedUpAtCores: null })])).toBe(
      'Only 1 of the 3 machines has both a run at 1 worker and one at its cores: its speed-up there reached 60% of its cores (with the same count per worker, where speed-up is the work per second against 1 worker’s).',
    );
  });
  it('never carries a label, however hostile', () => {
    const hostile = ['<img src=x onerror=alert(1)>', '\u202Eevil', 'a'.repeat(60)].map((label) => row({ label }));
    const sentence = classSentence(hostile) ?? '';
    expect(sentence).not.toContain('<');
    expect(sentence).not.toContain('\u202E');
    expect(sentence).not.toContain('aaaa');
  });
  it('reads a whole class', () => {
    const rows = Array.from({ length: MAX_MACHINES }, (_, index) => row({ coresForSpeedUp: 4, speedUpAtCores: 2 + (index % 3) * 0.5 }));
    expect(classSentence(rows)).toMatch(/^Across 60 machines, .* reached 50–75% of its cores \(median 63%\)/);
  });
});

describe('thisMachineOf', () => {
  it('takes the series words and the scaling from the analysis, so a weak sweep\u2019s own row is weak', () => {
    const runs = [makeRun(1, 4000, { scaling: 'weak' }), makeRun(4, 5000, { scaling: 'weak' })];
    const analysis = analyze(runs, { cores: 4, reportedCores: 4, maxWorkers: 16 });
    const own = thisMachineOf(description, analysis);
    expect(own.scaling).toBe('weak');
    expect(own.seriesWords).toBe(seriesWordsOf(analysis.series));
    expect(machineRows(own, [])[0]).toEqual(expect.objectContaining({ speedUpAtCores: 3.2, scaling: 'weak' }));
  });
  it('leaves the scaling out before any run', () => {
    const own = thisMachineOf(description, analyze([], { cores: 4, reportedCores: 4, maxWorkers: 16 }));
    expect(own.scaling).toBeUndefined();
    expect(own.seriesWords).toBeNull();
  });
});

describe('withDistinctLabels', () => {
  it('numbers a label met again, in order, and leaves the first and the unrepeated as they are', () => {
    const items = [{ id: 'a', label: 'Chrome on 2 cores' }, { id: 'b', label: 'Desk' }, { id: 'c', label: 'Chrome on 2 cores' }, { id: 'd', label: 'Chrome on 2 cores' }];
    const shown = withDistinctLabels(items);
    expect(shown.map((item) => item.label)).toEqual(['Chrome on 2 cores', 'Desk', 'Chrome on 2 cores (2)', 'Chrome on 2 cores (3)']);
    expect(shown[0]).toBe(items[0]);
    expect(shown[2].id).toBe('c');
    expect(items[2].label).toBe('Chrome on 2 cores');
  });
});
