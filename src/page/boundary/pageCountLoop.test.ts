import { describe, expect, it } from 'vitest';
import { compileCountLoop } from '../../shared/wasmKernel';
import { countLoopHolder, holdCountLoop } from './pageCountLoop';

describe('countLoopHolder', () => {
  it('compiles on the first call only and answers the same loop every time', () => {
    let compiles = 0;
    const hold = countLoopHolder(() => {
      compiles += 1;
      return compileCountLoop();
    });
    expect(compiles).toBe(0);
    const first = hold();
    expect(first).not.toBeNull();
    expect(hold()).toBe(first);
    expect(hold()).toBe(first);
    expect(compiles).toBe(1);
    expect(first?.(1_000_003)).toBe(1_000_003);
  });

  it('does not try again where the loop cannot compile', () => {
    let compiles = 0;
    const hold = countLoopHolder(() => {
      compiles += 1;
      return null;
    });
    expect(hold()).toBeNull();
    expect(hold()).toBeNull();
    expect(compiles).toBe(1);
  });
});

describe('holdCountLoop', () => {
  it('holds the page’s WebAssembly loop, which counts exactly', () => {
    const loop = holdCountLoop();
    expect(loop).not.toBeNull();
    expect(holdCountLoop()).toBe(loop);
    expect(loop?.(12_345_679)).toBe(12_345_679);
  });
});
