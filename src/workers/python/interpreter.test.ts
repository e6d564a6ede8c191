import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { loadInterpreter, makeSnapshot } from './interpreter';

const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));

/** V8's garbage collector, called by hand (a fresh context sees the flag set here). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('loadInterpreter', () => {
  it('loads Python from the package folder and runs it', { timeout: 30_000 }, async () => {
    const python = await loadInterpreter({ indexURL: PACKAGE_FOLDER });
    expect(python.runPython('6 * 7')).toBe(42);
  });

  it('instantiates the compiled module it is given, never the bytes, and puts WebAssembly back afterwards', { timeout: 30_000 }, async () => {
    const compiled = await WebAssembly.compile(await readFile(`${PACKAGE_FOLDER}pyodide.asm.wasm`));
    const sources: unknown[] = [];
    const spy = vi.spyOn(WebAssembly, 'instantiate').mockImplementation(((source: WebAssembly.Module, imports?: WebAssembly.Imports) => {
      sources.push(source);
      return Promise.resolve(new WebAssembly.Instance(source, imports));
    }));
    try {
      const { instantiate, instantiateStreaming } = WebAssembly;
      const python = await loadInterpreter({ indexURL: PACKAGE_FOLDER, compiled });
      expect(python.runPython('import sys; sys.version_info[0]')).toBe(3);
      expect(sources).toEqual([compiled]);
      expect(WebAssembly.instantiate).toBe(instantiate);
      expect(WebAssembly.instantiateStreaming).toBe(instantiateStreaming);
    } finally {
      spy.mockRestore();
    }
  });

  it('restores an interpreter from a memory snapshot taken just after start-up, which then runs Python as usual', { timeout: 60_000 }, async () => {
    const snapshot = await makeSnapshot({ indexURL: PACKAGE_FOLDER });
    // The interpreter's whole memory (30 MB in 314.0.7).
    expect(snapshot.length).toBeGreaterThan(2 ** 20);
    const python = await loadInterpreter({ indexURL: PACKAGE_FOLDER, snapshot });
    python.runPython('def count_to(n):\n    count = 0\n    while count < n:\n        count += 1\n    return count');
    expect(python.runPython('count_to(100_003)')).toBe(100_003);
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    python.setInterruptBuffer(interrupt);
    Atomics.store(interrupt, 0, 2);
    expect(() => {
      python.runPython('count_to(10 ** 12)');
    }).toThrow(/KeyboardInterrupt/);
  });

  it('lets go of the snapshot once restored (each worker would otherwise keep its 30 MB copy for good)', { timeout: 60_000 }, async () => {
    // The snapshot is referenced only inside this function, so that nothing of the test's keeps it.
    const restore = async () => {
      const snapshot = await makeSnapshot({ indexURL: PACKAGE_FOLDER });
      return { held: new WeakRef(snapshot), python: await loadInterpreter({ indexURL: PACKAGE_FOLDER, snapshot }) };
    };
    const { held, python } = await restore();
    // A WeakRef's target lives until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    // A boolean, so that a failure does not print 30 MB.
    expect(held.deref() === undefined).toBe(true);
    expect(python.runPython('6 * 7')).toBe(42);
  });

  it('rejects with the instantiation\'s error where the compiled module cannot be instantiated (Pyodide only logs it and would wait forever)', { timeout: 30_000 }, async () => {
    const compiled = await WebAssembly.compile(await readFile(`${PACKAGE_FOLDER}pyodide.asm.wasm`));
    const real = WebAssembly.instantiate;
    const spy = vi.spyOn(WebAssembly, 'instantiate').mockImplementation(((source: WebAssembly.Module, imports?: WebAssembly.Imports) =>
      source === compiled ? Promise.reject(new RangeError('WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance')) : real(source, imports)));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(loadInterpreter({ indexURL: PACKAGE_FOLDER, compiled })).rejects.toThrow('Out of memory');
    } finally {
      spy.mockRestore();
      warn.mockRestore();
    }
  });
});
