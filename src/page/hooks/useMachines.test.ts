import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../../lab/exchange/resultsFile');
  vi.resetModules();
});

describe('readMachineFile', () => {
  it('reads a file with the results file’s reader, loaded on first use', async () => {
    const { readMachineFile } = await import('./useMachines');
    const reading = await readMachineFile(new File(['nope'], 'desk.json'));
    expect(reading).toEqual({ kind: 'problem', sentence: '“desk.json” is not a results file: it is not JSON (choose a file saved with “Export JSON”).' });
  });
  it('names the file in one sentence when the reader cannot be loaded', async () => {
    vi.doMock('../../lab/exchange/resultsFile', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { readMachineFile } = await import('./useMachines');
    const reading = await readMachineFile(new File(['{}'], 'desk.json'));
    expect(reading).toEqual({
      kind: 'problem',
      sentence: '“desk.json” could not be read: the page could not load its file reader (reload the page, then import it again).',
    });
  });
});
