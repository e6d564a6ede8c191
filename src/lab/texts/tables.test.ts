import { describe, expect, it } from 'vitest';
import { BASELINE_TEXT, checkText, modeText, resultNotes, resultRows, serialFractionText, spreadText, statsRows } from './tables';
import { makeRun as run } from '../../testing/makeRun';
import type { WorkerStats } from '../measurement/stats';

describe('resultRows', () => {
  it('writes every column, with the speed-up against the median one-worker time of the same series', () => {
    const runs = [run(1, 2000, { startupMs: 40 }), run(2, 1000, { startupMs: 50 }), run(2, 900, { pooled: true })];
    const rows = resultRows(runs);
    expect(rows[1]).toMatchObject({
      workers: '2',
      total: '1,000,000,000',
      startupMs: '50',
      computeMs: '990',
      wallMs: '1,000',
      speedUp: '2.00×',
      efficiency: '100%',
      mode: 'split, fresh',
      check: 'Counted 1,000,000,000',
      reliable: true,
    });
    // A pooled run is another series, with no one-worker run yet.
    expect(rows[2]).toMatchObject({ speedUp: '', efficiency: '', mode: 'split, pool' });
  });

  it('calls every one-worker row the baseline, since its speed-up against its own median would read as faster than itself', () => {
    // Three one-worker runs: their median is 2,000 ms; the one of 1,800 ms would read "1.11× / 111%".
    const rows = resultRows([run(1, 2000), run(1, 1800), run(1, 2200), run(2, 1000), run(1, 1800, { status: 'stopped', wallMs: null, computeMs: null })]);
    expect(BASELINE_TEXT).toBe('baseline');
    expect(rows.slice(0, 3).map((row) => [row.speedUp, row.efficiency])).toEqual([
      ['baseline', ''],
      ['baseline', ''],
      ['baseline', ''],
    ]);
    expect(rows[3]).toMatchObject({ speedUp: '2.00×', efficiency: '100%' });
    // A stopped one-worker run has no time, so no baseline to be.
    expect(rows[4]).toMatchObject({ speedUp: '', efficiency: '' });
  });

  it('explains under the table what a speed-up is against and which way an error goes, where the columns hold any', () => {
    expect(resultNotes([])).toEqual([]);
    const speedUpNote = 'Speed-up: against the median wall-clock time of the 1-worker runs of the same kind, the baseline.';
    const errorNote = 'Error: how far the wall-clock time was from the prediction; + means the run took longer than predicted, − that it took less.';
    expect(resultNotes(resultRows([run(1, 1000)]))).toEqual([speedUpNote]);
    expect(resultNotes(resultRows([run(2, 1000, { predictionMs: 900 })]))).toEqual([errorNote]);
    expect(resultNotes(resultRows([run(1, 1000), run(2, 600, { predictionMs: 500 })]))).toEqual([speedUpNote, errorNote]);
  });

  it('shows a stopped run as stopped, not as a time', () => {
    const [row] = resultRows([run(3, 0, { status: 'stopped', computeMs: null, wallMs: null, startupMs: 60 })]);
    expect(row).toMatchObject({ startupMs: '60', computeMs: 'stopped', wallMs: 'stopped', speedUp: '', check: 'Stopped', reliable: false });
  });

  it('says why a run is left out', () => {
    expect(checkText(run(1, 100, { hiddenDuringRun: true }))).toBe('Tab was hidden: not reliable');
    expect(checkText(run(1, 100, { counted: 7 }))).toBe('Count did not add up');
    expect(checkText(run(1, 100, { status: 'failed', error: 'Worker 2 failed: boom.' }))).toBe('Error: Worker 2 failed: boom.');
    expect(checkText(run(1, 100, { status: 'failed', wallMs: null }))).toBe('Error: the run failed.');
  });
});

describe('statsRows', () => {
  it('writes median (least–greatest), and the runs left out', () => {
    const spread = (median: number, min = median, max = median) => ({ median, min, max });
    const stats: WorkerStats[] = [
      { workers: 2, runs: 3, leftOut: 1, startupMs: spread(50), computeMs: spread(1280, 1270, 1301), wallMs: spread(1329, 1322, 1330), speedUp: 1.906, efficiency: 0.953, karpFlatt: 0.049 },
    ];
    expect(statsRows(stats)).toEqual([
      {
        workers: '2',
        runs: '3 (+1 left out)',
        startupMs: '50',
        computeMs: '1,280 (1,270–1,301)',
        wallMs: '1,329 (1,322–1,330)',
        speedUp: '1.91×',
        efficiency: '95%',
        serialFraction: '5%',
      },
    ]);
  });

  it('keeps the serial fraction between 0 and 100%', () => {
    expect(serialFractionText(null)).toBe('');
    expect(serialFractionText(-0.02)).toBe('0%');
    expect(serialFractionText(1.3)).toBe('100% or more');
    expect(spreadText({ median: 5, min: 5, max: 5 })).toBe('5');
  });
});

describe('the lesson’s second half in the Results table', () => {
  it('names the model and the task in "Mode" when they are not workers in parallel counting', () => {
    expect(modeText({ model: 'parallel', task: 'cpu', scaling: 'strong', pooled: false, freeze: false })).toBe('split, fresh');
    expect(modeText({ model: 'lock', task: 'io', scaling: 'strong', pooled: true, freeze: false })).toBe('one lock, waiting, split, pool');
    expect(modeText({ model: 'main-thread', task: 'cpu', scaling: 'weak', pooled: true, freeze: false })).toBe('main thread, each');
    expect(modeText({ model: 'parallel', task: 'io', scaling: 'strong', pooled: false, freeze: false })).toBe('waiting, split, fresh');
  });

  it('names Python first for a Python run, and no language for JavaScript', () => {
    expect(modeText({ model: 'parallel', task: 'cpu', scaling: 'strong', pooled: false, freeze: false, language: 'python' })).toBe('Python, split, fresh');
    expect(modeText({ model: 'lock', task: 'cpu', scaling: 'weak', pooled: true, freeze: false, language: 'python' })).toBe('Python, one lock, each, pool');
    expect(modeText({ model: 'parallel', task: 'cpu', scaling: 'strong', pooled: false, freeze: false, language: 'javascript' })).toBe('split, fresh');
  });

  it('says "frozen" for a frozen main-thread run, and only where freezing applies', () => {
    expect(modeText({ model: 'main-thread', task: 'cpu', scaling: 'strong', pooled: false, freeze: true })).toBe('main thread, frozen, split');
    // A record that says freeze where the page cannot freeze (waiting, or workers) was not frozen.
    expect(modeText({ model: 'main-thread', task: 'io', scaling: 'strong', pooled: false, freeze: true })).toBe('main thread, waiting, split');
    expect(modeText({ model: 'parallel', task: 'cpu', scaling: 'strong', pooled: false, freeze: true })).toBe('split, fresh');
  });

  it('says what waiting tasks waited, and when a wait came short', () => {
    const waited = run(2, 1010, { task: 'io', counted: 0, waitMsByTask: [1000, 1000], waitedMsByTask: [1000.2, 1004] });
    expect(checkText(waited)).toBe('Waited 2 × 1.00 s');
    expect(checkText({ ...waited, waitMsByTask: [600, 1400], waitedMsByTask: [600.2, 1400] })).toBe('Waited 600 ms to 1.40 s');
    expect(checkText({ ...waited, waitedMsByTask: [1000.2, 900] })).toBe('Waits did not add up');
  });

  it('says a frozen run stopped at its cap', () => {
    expect(checkText(run(2, 3000, { model: 'main-thread', status: 'stopped', capped: true }))).toBe('Stopped at the freeze cap');
  });
});

describe('predictions in the Results table', () => {
  it('puts the prediction beside the measurement, with the error in percent', () => {
    const [predicted, unpredicted, stopped] = resultRows([
      run(2, 1250, { predictionMs: 1000 }),
      run(2, 1250),
      run(2, 1250, { predictionMs: 1000, status: 'stopped', wallMs: null, computeMs: null }),
    ]);
    expect(predicted).toMatchObject({ predictionMs: '1,000', error: '+25%' });
    expect(unpredicted).toMatchObject({ predictionMs: '', error: '' });
    expect(stopped).toMatchObject({ predictionMs: '1,000', error: '' });
  });
});

