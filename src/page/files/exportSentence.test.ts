import { describe, expect, it } from 'vitest';
import { exportSentence } from './exportSentence';

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
