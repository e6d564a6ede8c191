import { describe, expect, it } from 'vitest';
import { instantiateCountLoop } from '../../shared/wasmKernel';
import { heldOnce, holdCountModule } from './pageCountLoop';

describe('heldOnce', () => {
  it('makes on the first call only and answers the same every time', () => {
    let made = 0;
    const hold = heldOnce(() => {
      made += 1;
      return { made };
    });
    expect(made).toBe(0);
    const first = hold();
    expect(first).toEqual({ made: 1 });
    expect(hold()).toBe(first);
    expect(hold()).toBe(first);
    expect(made).toBe(1);
  });

  it('does not try again where nothing could be made', () => {
    let tries = 0;
    const hold = heldOnce(() => {
      tries += 1;
      return null;
    });
    expect(hold()).toBeNull();
    expect(hold()).toBeNull();
    expect(tries).toBe(1);
  });
});

describe('holdCountModule', () => {
  it('holds one compiled module of the loop, cold until a worker warms it up, whose instances count exactly', () => {
    const held = holdCountModule();
    if (held === null) throw new Error('The WebAssembly loop did not compile in Node.');
    expect(holdCountModule()).toBe(held);
    expect(held.warm).toBe(false);
    expect(WebAssembly.Module.exports(held.module)).toEqual([{ name: 'count', kind: 'function' }]);
    expect(instantiateCountLoop(held.module)?.(12_345_679)).toBe(12_345_679);
  });
});
