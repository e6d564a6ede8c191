import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../vite.config';

describe('public/_headers (for static hosts that read it)', () => {
  it('sends every header the preview server sends, on every path', () => {
    const text = readFileSync(join(import.meta.dirname, '..', 'public', '_headers'), 'utf8');
    const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(lines[0]).toBe('/*');
    const sent = Object.fromEntries(
      lines.slice(1).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      }),
    );
    expect(sent).toEqual(securityHeaders(false));
  });
});
