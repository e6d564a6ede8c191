import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCounter, MAX_CHUNK } from '../lab/measurement/kernel';
import { CounterService } from '../workers/counter/counterService';
import { immediateScheduler, recordingWebAssembly } from '../testing/inThreadCounter';
import { compileCountLoop, compileCountModule, COUNT_LOOP_WASM, instantiateCountLoop } from './wasmKernel';

/** The loop, compiled in Node; fails the test where it cannot be. */
function loop() {
  const compiled = compileCountLoop();
  if (compiled === null) throw new Error('The WebAssembly loop did not compile in Node.');
  return compiled;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the WebAssembly loop', () => {
  it('is a valid module of 64 bytes that exports only count', () => {
    expect(COUNT_LOOP_WASM.length).toBe(64);
    expect(WebAssembly.validate(COUNT_LOOP_WASM)).toBe(true);
    const module = new WebAssembly.Module(COUNT_LOOP_WASM);
    expect(WebAssembly.Module.exports(module)).toEqual([{ name: 'count', kind: 'function' }]);
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it('counts exactly, from 0 to the largest chunk', () => {
    const count = loop();
    for (const n of [0, 1, 2, 3, 1023, 1024, 100_001, 2 ** 22, MAX_CHUNK]) expect(count(n)).toBe(n);
  });

  it('takes time in proportion to the count: nothing replaced the loop by its result', () => {
    const count = loop();
    const timed = (n: number) => {
      const started = performance.now();
      expect(count(n)).toBe(n);
      return performance.now() - started;
    };
    timed(2 ** 24);
    // Best of 3 of each, so a busy moment on a shared machine does not decide.
    const short = Math.min(...[0, 1, 2].map(() => timed(2 ** 24)));
    const long = Math.min(...[0, 1, 2].map(() => timed(2 ** 27)));
    // 8 times the count: a loop replaced by its result would take about as long for both.
    expect(long / short).toBeGreaterThan(4);
  });

  it('instantiates a compiled module into a loop that counts exactly, and answers null for a module without one', () => {
    const module = compileCountModule();
    if (module === null) throw new Error('The WebAssembly loop did not compile in Node.');
    expect(instantiateCountLoop(module)?.(4_194_305)).toBe(4_194_305);
    // The smallest valid module: no function at all.
    expect(instantiateCountLoop(new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])))).toBeNull();
  });

  it('is null where WebAssembly is missing or refuses to compile', () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(compileCountModule()).toBeNull();
    expect(compileCountLoop()).toBeNull();
    vi.unstubAllGlobals();
    // As a Content-Security-Policy without 'wasm-unsafe-eval' refuses it.
    vi.stubGlobal('WebAssembly', {
      ...WebAssembly,
      Module: function Refused() {
        throw new WebAssembly.CompileError('WebAssembly.Module(): Refused to compile or instantiate WebAssembly module');
      },
    });
    expect(compileCountLoop()).toBeNull();
  });
});

describe('the kernel with the WebAssembly loop', () => {
  it('counts a share in chunks exactly, with progress that only grows', async () => {
    const schedule = vi.fn(immediateScheduler);
    const counter = createCounter({ now: () => performance.now(), schedule }, loop());
    const reports: number[] = [];
    const share = 3 * MAX_CHUNK + 12_345;
    // reportMs 0: a report after every chunk, so the test sees each one.
    const pace = { firstChunk: 2 ** 22, minChunk: 2 ** 16, maxChunk: MAX_CHUNK, chunkMs: 15, reportMs: 0 };
    expect(await counter.count(share, { pace, onProgress: (counted) => reports.push(counted) })).toBe(share);
    // At most MAX_CHUNK a chunk: at least 4 chunks, each a turn of the event loop.
    expect(schedule.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(reports.length).toBeGreaterThanOrEqual(4);
    for (let index = 1; index < reports.length; index += 1) expect(reports[index]).toBeGreaterThan(reports[index - 1]);
    expect(reports.at(-1)).toBe(share);
  });

  it('stops at a chunk boundary with what it counted', async () => {
    const counter = createCounter({ now: () => performance.now(), schedule: immediateScheduler }, loop());
    const counting = counter.count(1e13);
    setTimeout(() => counter.stop(), 30);
    const counted = await counting;
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(1e13);
    expect(Number.isSafeInteger(counted)).toBe(true);
  });
});

describe('CounterService kernels', () => {
  it('counts with WebAssembly when asked, exactly, and past 2^32', async () => {
    const service = new CounterService(immediateScheduler);
    expect(await service.ready('wasm')).toBe('wasm');
    expect(await service.count(2 ** 32 + 7)).toBe(2 ** 32 + 7);
  });

  it('hands its chunks, the warm-up’s and the count’s, to the WebAssembly loop it compiled', async () => {
    const chunks: number[] = [];
    vi.stubGlobal('WebAssembly', recordingWebAssembly(chunks));
    const service = new CounterService(immediateScheduler);
    await service.ready('wasm');
    const warmUp = chunks.reduce((total, size) => total + size, 0);
    expect(warmUp).toBeGreaterThan(0);
    expect(await service.count(5_000_001)).toBe(5_000_001);
    expect(chunks.reduce((total, size) => total + size, 0) - warmUp).toBe(5_000_001);
  });

  it('counts in JavaScript when asked, and by default in an engine not measured (Node)', async () => {
    const asked = new CounterService(immediateScheduler);
    expect(await asked.ready('js')).toBe('js');
    const unasked = new CounterService(immediateScheduler);
    expect(await unasked.ready()).toBe('js');
  });

  it('falls back to JavaScript where WebAssembly cannot compile, and still counts exactly', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    const service = new CounterService(immediateScheduler);
    expect(await service.ready('wasm')).toBe('js');
    expect(await service.count(5_000_001)).toBe(5_000_001);
  });

  it('keeps the kernel it was warmed up with', async () => {
    const service = new CounterService(immediateScheduler);
    expect(await service.ready('wasm')).toBe('wasm');
    expect(await service.ready('js')).toBe('wasm');
  });
});
