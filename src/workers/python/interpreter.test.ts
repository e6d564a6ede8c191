import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadInterpreter } from './interpreter';

const PACKAGE_FOLDER = fileURLToPath(new URL('../../../node_modules/pyodide/', import.meta.url));

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
});
