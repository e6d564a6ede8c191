import { describe, expect, it } from 'vitest';
import { initialPythonLoad, loadProgressInWords, PYTHON_LOAD_FAILED, pythonLoadInWords, pythonLoadReducer, pythonWaitReason, type PythonLoad, type PythonLoadAction } from './pythonLoad';

const after = (...actions: PythonLoadAction[]): PythonLoad => actions.reduce(pythonLoadReducer, initialPythonLoad);

describe('pythonLoadReducer', () => {
  it('goes from idle through loading, its bytes growing, to ready', () => {
    expect(after({ type: 'started' })).toEqual({ phase: 'loading', loadedBytes: 0, totalBytes: 0 });
    expect(after({ type: 'started' }, { type: 'progressed', loadedBytes: 4_100_000, totalBytes: 12_400_000 })).toEqual({
      phase: 'loading',
      loadedBytes: 4_100_000,
      totalBytes: 12_400_000,
    });
    expect(after({ type: 'started' }, { type: 'progressed', loadedBytes: 4e6, totalBytes: 12e6 }, { type: 'loaded' })).toEqual({ phase: 'ready', totalBytes: 12e6 });
  });

  it('never lets the bytes go back, nor past the total', () => {
    const loading = after({ type: 'started' }, { type: 'progressed', loadedBytes: 5e6, totalBytes: 12e6 });
    expect(pythonLoadReducer(loading, { type: 'progressed', loadedBytes: 3e6, totalBytes: 12e6 })).toEqual(loading);
    expect(pythonLoadReducer(loading, { type: 'progressed', loadedBytes: 13e6, totalBytes: 12e6 })).toEqual({ phase: 'loading', loadedBytes: 13e6, totalBytes: 13e6 });
    expect(pythonLoadReducer(loading, { type: 'progressed', loadedBytes: Number.NaN, totalBytes: -1 })).toEqual(loading);
  });

  it('stays ready: a second choice of Python loads nothing again, and late news changes nothing', () => {
    const ready = after({ type: 'started' }, { type: 'loaded' });
    expect(pythonLoadReducer(ready, { type: 'started' })).toBe(ready);
    expect(pythonLoadReducer(ready, { type: 'progressed', loadedBytes: 1, totalBytes: 2 })).toBe(ready);
    expect(pythonLoadReducer(ready, { type: 'failed', message: 'late' })).toBe(ready);
    // Already prepared in this page (by the program runner): ready without a visible load.
    expect(after({ type: 'loaded' })).toEqual({ phase: 'ready', totalBytes: 0 });
  });

  it('keeps the failure’s one sentence, until it is dismissed and Python may load afresh', () => {
    const failed = after({ type: 'started' }, { type: 'failed', message: 'Python could not be loaded: pyodide.asm.wasm was not found (404).' });
    expect(failed).toEqual({ phase: 'failed', sentence: 'Python could not be loaded: pyodide.asm.wasm was not found (404).' });
    expect(pythonLoadReducer(failed, { type: 'progressed', loadedBytes: 1, totalBytes: 2 })).toBe(failed);
    expect(after({ type: 'started' }, { type: 'failed', message: '  ' })).toEqual({ phase: 'failed', sentence: PYTHON_LOAD_FAILED });
    expect(pythonLoadReducer(failed, { type: 'dismissed' })).toEqual(initialPythonLoad);
    expect(pythonLoadReducer(failed, { type: 'started' })).toEqual({ phase: 'loading', loadedBytes: 0, totalBytes: 0 });
  });
});

describe('loadProgressInWords', () => {
  it('says megabytes loaded of the total, one decimal', () => {
    expect(loadProgressInWords(4_100_000, 12_400_000)).toBe('4.1 of 12.4 MB');
    expect(loadProgressInWords(0, 13_512_345)).toBe('0.0 of 13.5 MB');
    expect(loadProgressInWords(14e6, 13.5e6)).toBe('13.5 of 13.5 MB');
  });

  it('says it is starting before the sizes are known', () => {
    expect(loadProgressInWords(0, 0)).toBe('Starting…');
  });
});

describe('pythonLoadInWords', () => {
  it('says the bytes while they come, the start-up once they are in, and when it is ready', () => {
    expect(pythonLoadInWords(initialPythonLoad)).toBeNull();
    expect(pythonLoadInWords({ phase: 'failed', sentence: 'No.' })).toBeNull();
    expect(pythonLoadInWords({ phase: 'loading', loadedBytes: 0, totalBytes: 0 })).toBe('Loading Python: Starting…');
    expect(pythonLoadInWords({ phase: 'loading', loadedBytes: 4_100_000, totalBytes: 12_400_000 })).toBe('Loading Python: 4.1 of 12.4 MB');
    expect(pythonLoadInWords({ phase: 'loading', loadedBytes: 12_400_000, totalBytes: 12_400_000 })).toBe('Starting Python: 12.4 of 12.4 MB loaded.');
    expect(pythonLoadInWords({ phase: 'ready', totalBytes: 12_400_000 })).toBe('Python loaded: 12.4 of 12.4 MB.');
    expect(pythonLoadInWords({ phase: 'ready', totalBytes: 0 })).toBe('Python loaded.');
  });
});

describe('pythonWaitReason', () => {
  it('makes Run wait only while Python is not ready', () => {
    expect(pythonWaitReason({ phase: 'loading', loadedBytes: 0, totalBytes: 0 })).toBe('Run waits until Python has loaded.');
    expect(pythonWaitReason(initialPythonLoad)).toBe('Run waits until Python starts loading.');
    expect(pythonWaitReason({ phase: 'ready', totalBytes: 12e6 })).toBeNull();
  });
});
