import { describe, expect, it } from 'vitest';
import { errorDetail, notReadyMessage } from './workerFailures';

describe('errorDetail', () => {
  it('turns a browser’s report of an uncaught error into the end of one sentence', () => {
    expect(errorDetail('Uncaught Error: The counter broke.', 'x')).toBe('The counter broke.');
    expect(errorDetail('Uncaught TypeError: step is not a function', 'x')).toBe('TypeError: step is not a function.');
    expect(errorDetail('Error: no period', 'x')).toBe('no period.');
  });

  it('says what it was told when there is no message', () => {
    expect(errorDetail(undefined, 'its script could not be loaded')).toBe('its script could not be loaded.');
    expect(errorDetail('  ', 'its script could not be loaded')).toBe('its script could not be loaded.');
  });
});

describe('notReadyMessage', () => {
  it('names the silent worker, or the first and how many others, and the limit', () => {
    expect(notReadyMessage(['Worker 2'], 15_000)).toBe('Worker 2 did not start within 15 s: it never answered that it was ready.');
    expect(notReadyMessage(['Worker 1', 'Worker 2'], 60_000)).toBe('Worker 1 and 1 other did not start within 60 s: none of them answered that it was ready.');
    expect(notReadyMessage(['Worker 1', 'Worker 2', 'Worker 3'], 50)).toBe('Worker 1 and 2 others did not start within 0.05 s: none of them answered that it was ready.');
  });
});
