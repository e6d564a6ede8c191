import { describe, expect, it } from 'vitest';
import { exportSentence, machineStorageProblem, storageProblem } from './keeping';

describe('exportSentence', () => {
  it('names the file saved', () => {
    expect(exportSentence('json', { fileName: 'counting-lab-desk-4-2026-12-05.json' })).toBe('Saved counting-lab-desk-4-2026-12-05.json.');
  });

  it("says what could not be saved, with the browser's words and one full stop", () => {
    expect(exportSentence('png', { error: new Error('Loading error.') })).toBe('This browser could not save the chart as PNG: Loading error.');
    expect(exportSentence('svg', { error: new DOMException('The source image cannot be decoded.', 'EncodingError') })).toBe(
      'This browser could not save the chart as SVG: The source image cannot be decoded.',
    );
    expect(exportSentence('csv', { error: new Error('') })).toBe('This browser could not save the CSV file.');
    expect(exportSentence('json', { error: 'not an error' })).toBe('This browser could not save the JSON file.');
  });
});

describe('storageProblem and machineStorageProblem', () => {
  it('say what will be gone after a reload, with the browser’s words where it gave any', () => {
    expect(storageProblem(null)).toBe('This browser did not let the page keep results, so they will be gone after a reload.');
    expect(storageProblem(new DOMException('The user denied permission.', 'SecurityError'))).toBe(
      'This browser did not let the page keep results (The user denied permission.), so they will be gone after a reload.',
    );
    expect(machineStorageProblem(new Error('QuotaExceededError'))).toBe(
      'This browser did not let the page keep the imported machines (QuotaExceededError), so they will be gone after a reload.',
    );
    expect(machineStorageProblem(new Error(''))).toBe('This browser did not let the page keep the imported machines, so they will be gone after a reload.');
  });
});
