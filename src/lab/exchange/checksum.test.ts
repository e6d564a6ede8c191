import { describe, expect, it } from 'vitest';
import { crc32, utf8Bytes } from './checksum';

describe('crc32', () => {
  it('gives the standard check values', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });
  it('reads text as UTF-8', () => {
    // As Node's zlib.crc32 gives them: "é" is the two bytes C3 A9, the emoji four.
    expect(crc32('é')).toBe(0x0e048d3e);
    expect(crc32('🖥a')).toBe(0x7b6e8b92);
    expect(utf8Bytes('é🖥')).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x96, 0xa5]);
  });
});
