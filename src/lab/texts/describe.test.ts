import { describe as group, expect, it } from 'vitest';
import { describeRun, seriesInWords, workersInWords } from './describe';
import { makeRun } from '../../testing/makeRun';
import type { RunRecord } from '../types';

function run(overrides: Partial<RunRecord>): RunRecord {
  return makeRun(overrides.workers ?? 1, overrides.wallMs ?? 2040, { startupMs: 40, computeMs: 2000, ...overrides });
}

group('workersInWords', () => {
  it('agrees in number', () => {
    expect(workersInWords(1)).toBe('1 worker');
    expect(workersInWords(8)).toBe('8 workers');
  });
});

group('describeRun', () => {
  it('tells a finished run with its parts and speed-up', () => {
    const one = run({ id: 1 });
    const two = run({ id: 2, workers: 2, startupMs: 50, computeMs: 970, wallMs: 1020 });
    expect(describeRun(two, [one, two])).toBe(
      '2 workers counted to 1 billion in 1,020 ms (start-up 50 ms + counting 970 ms). That is 2.00× the speed of 1 worker.',
    );
    expect(describeRun(two, [two])).toContain('Run 1 worker at the same count');
  });

  it('warns about a run taken while the tab was hidden', () => {
    expect(describeRun(run({ hiddenDuringRun: true }), [])).toContain('not reliable');
  });

  it('tells how far a stopped run got', () => {
    expect(describeRun(run({ status: 'stopped', counted: 430_000_000, wallMs: null }), [])).toBe(
      'Stopped: 1 worker had counted 430,000,000 of 1,000,000,000 (43%).',
    );
  });

  it('passes a failure’s own sentence on', () => {
    expect(describeRun(run({ workers: 3, status: 'failed', error: 'Worker 2 failed: boom.' }), [])).toBe(
      'The run with 3 workers failed. Worker 2 failed: boom.',
    );
  });
});

group('seriesInWords', () => {
  it('tells the work and the kind of workers of a series', () => {
    expect(seriesInWords(null)).toBe('');
    expect(seriesInWords({ scaling: 'strong', count: 1e9, pooled: false })).toBe(', counting to 1 billion split over the workers');
    expect(seriesInWords({ scaling: 'weak', count: 5e7, pooled: true })).toBe(', each worker counting to 50 million, with workers from a reused pool');
  });

  it('says a Python series counted in Python, and a JavaScript one as before', () => {
    expect(seriesInWords({ scaling: 'strong', count: 1e7, pooled: true, model: 'parallel', task: 'cpu', language: 'python' })).toBe(
      ', counting to 10 million split over the workers, in Python, with workers from a reused pool',
    );
    expect(seriesInWords({ scaling: 'strong', count: 1e9, pooled: false, language: 'javascript' })).toBe(', counting to 1 billion split over the workers');
  });
});
