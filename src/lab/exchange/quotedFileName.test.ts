import { describe, expect, it } from 'vitest';
import { quotedFileName } from './quotedFileName';

describe('quotedFileName', () => {
  it('quotes a name as it is when it is short and plain', () => {
    expect(quotedFileName('desk 4.json')).toBe('“desk 4.json”');
  });
  it('makes a hostile name one plain, short line', () => {
    const name = `\u202E${'<script>alert(1)</script>\n'.repeat(20)}.json`;
    const quoted = quotedFileName(name);
    expect(quoted).toMatch(/^“<script>alert\(1\)<\/script> <script>.*…”$/);
    expect(quoted.length).toBe(50);
    expect(quoted).not.toContain('\n');
    expect(quoted).not.toContain('\u202E');
  });
  it('names a blank name as unnamed', () => {
    expect(quotedFileName('  ')).toBe('“unnamed file”');
  });
});
