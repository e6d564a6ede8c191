import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The smallest WebAssembly module: its magic number and version. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** A server for Pyodide's files: each answers its bytes in two pieces with a Content-Length, or the status given. */
function serve(statusOf: (file: string) => number = () => 200, headersOf: (file: string, bytes: Uint8Array) => Record<string, string> = (_, bytes) => ({ 'Content-Length': String(bytes.length) })) {
  const asked: string[] = [];
  const fetchStub = vi.fn((url: string) => {
    const file = url.slice(url.lastIndexOf('/') + 1);
    asked.push(url);
    const status = statusOf(file);
    if (status !== 200) return Promise.resolve(new Response('missing', { status, statusText: 'Not Found' }));
    const bytes = file === 'pyodide.asm.wasm' ? EMPTY_WASM : new TextEncoder().encode(`the bytes of ${file}`);
    const half = Math.floor(bytes.length / 2);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, half));
        controller.enqueue(bytes.slice(half));
        controller.close();
      },
    });
    return Promise.resolve(new Response(body, { headers: headersOf(file, bytes) }));
  });
  vi.stubGlobal('fetch', fetchStub);
  return { asked };
}

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('location', { href: 'https://lab.example/' });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('preparePython', () => {
  it("fetches Pyodide's four files beside the page with byte progress, compiles the wasm once, and shares the answer", async () => {
    const { asked } = serve();
    const { preparePython, pythonPrepared } = await import('./pythonRuntime');
    const progress: { loadedBytes: number; totalBytes: number }[] = [];
    expect(pythonPrepared()).toBe(false);
    const first = preparePython({ onProgress: (step) => progress.push(step) });
    const second = preparePython();
    expect(second).toBe(first);
    const prepared = await first;
    expect(prepared.indexURL).toBe('https://lab.example/pyodide/');
    expect(prepared.compiled).toBeInstanceOf(WebAssembly.Module);
    // Node has no Worker to take the memory snapshot in: the workers would start Python as usual.
    expect(prepared.snapshot).toBeNull();
    expect(pythonPrepared()).toBe(true);
    expect(asked.sort()).toEqual(['pyodide-lock.json', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'].map((file) => `https://lab.example/pyodide/${file}`));
    const last = progress.at(-1);
    const total = EMPTY_WASM.length + ['pyodide.asm.mjs', 'python_stdlib.zip', 'pyodide-lock.json'].reduce((sum, file) => sum + `the bytes of ${file}`.length, 0);
    expect(last).toEqual({ loadedBytes: total, totalBytes: total });
    expect(progress.map((step) => step.loadedBytes)).toEqual([...progress.map((step) => step.loadedBytes)].sort((a, b) => a - b));
    // A later caller is told where the load stands at once.
    const late: { loadedBytes: number; totalBytes: number }[] = [];
    await preparePython({ onProgress: (step) => late.push(step) });
    expect(late).toEqual([last]);
    expect(asked).toHaveLength(4);
  });

  it('never reports more bytes than its total where a host compresses a file (its Content-Length then counts the compressed bytes)', async () => {
    const compressedWasm: Record<string, string> = { 'Content-Length': '3', 'Content-Encoding': 'gzip' };
    serve(undefined, (file, bytes) => (file === 'pyodide.asm.wasm' ? compressedWasm : { 'Content-Length': String(bytes.length) }));
    const { preparePython } = await import('./pythonRuntime');
    const progress: { loadedBytes: number; totalBytes: number }[] = [];
    await preparePython({ onProgress: (step) => progress.push(step) });
    expect(progress.filter((step) => step.loadedBytes > step.totalBytes)).toEqual([]);
    const last = progress.at(-1);
    expect(last?.loadedBytes).toBe(last?.totalBytes);
  });

  it('rejects with one sentence naming the missing file, and tries again at the next call', async () => {
    let missing = true;
    const { asked } = serve((file) => (missing && file === 'pyodide.asm.wasm' ? 404 : 200));
    const { preparePython, pythonPrepared } = await import('./pythonRuntime');
    await expect(preparePython()).rejects.toThrow(/^Python could not be loaded: pyodide\.asm\.wasm was not found \(404\)\.$/);
    expect(pythonPrepared()).toBe(false);
    missing = false;
    await expect(preparePython()).resolves.toMatchObject({ indexURL: 'https://lab.example/pyodide/' });
    expect(asked).toHaveLength(8);
  });

  it("stops downloading the other files at the first one that fails, and still says which failed", async () => {
    const signals = new Map<string, AbortSignal | null | undefined>();
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      const file = url.slice(url.lastIndexOf('/') + 1);
      signals.set(file, init?.signal);
      if (file === 'python_stdlib.zip') return Promise.resolve(new Response('missing', { status: 404 }));
      // The others send a first piece and then keep arriving until their request is aborted, as fetch's body does.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`the start of ${file}`));
          init?.signal?.addEventListener('abort', () => {
            controller.error(init.signal?.reason);
          });
        },
      });
      return Promise.resolve(new Response(body, { headers: { 'Content-Length': '1000000' } }));
    });
    const { preparePython } = await import('./pythonRuntime');
    await expect(preparePython()).rejects.toThrow(/^Python could not be loaded: python_stdlib\.zip was not found \(404\)\.$/);
    expect([...signals.keys()].sort()).toEqual(['pyodide-lock.json', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip']);
    expect([...signals.entries()].filter(([, signal]) => signal?.aborted !== true).map(([file]) => file)).toEqual([]);
  });

  it('says when the WebAssembly does not compile', async () => {
    vi.stubGlobal('fetch', (url: string) => Promise.resolve(new Response(url.endsWith('.wasm') ? 'not wasm' : 'text')));
    const { preparePython } = await import('./pythonRuntime');
    await expect(preparePython()).rejects.toThrow(/^Python could not be loaded: its WebAssembly could not be compiled \(.+\)\.$/);
  });

  it('says which file could not be fetched at all', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { preparePython } = await import('./pythonRuntime');
    await expect(preparePython()).rejects.toThrow(/^Python could not be loaded: [\w.-]+ could not be fetched \(Failed to fetch\)\.$/);
  });
});
