import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('is precise by default: milliseconds below ten seconds and tenths of a second above', () => {
    expect(formatDuration(1234.4)).toBe('1,234 ms');
    expect(formatDuration(9999.4)).toBe('9,999 ms');
    expect(formatDuration(56_700)).toBe('56.7 s');
    expect(formatDuration(123_456)).toBe('123.5 s');
  });

  it('is brief on request: milliseconds below a second and three figures above', () => {
    expect(formatDuration(849.6, 'brief')).toBe('850 ms');
    expect(formatDuration(999.7, 'brief')).toBe('1.00 s');
    expect(formatDuration(1020, 'brief')).toBe('1.02 s');
    expect(formatDuration(3900, 'brief')).toBe('3.90 s');
    expect(formatDuration(12_345, 'brief')).toBe('12.3 s');
    expect(formatDuration(123_456, 'brief')).toBe('123 s');
  });

  it('writes long brief times in whole seconds, never in exponent form', () => {
    expect(formatDuration(999_400, 'brief')).toBe('999 s');
    expect(formatDuration(999_500, 'brief')).toBe('1,000 s');
    expect(formatDuration(1_234_567, 'brief')).toBe('1,235 s');
  });
});
