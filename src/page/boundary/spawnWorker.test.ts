import { describe, expect, it } from 'vitest';
import { errorDetail } from './spawnWorker';

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
