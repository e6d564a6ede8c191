import { loadPyodide, type PyodideInterface } from 'pyodide';

export type { PyodideInterface } from 'pyodide';

export interface InterpreterOptions {
  /** Where Pyodide's files are served, ending in '/': '/pyodide/' on the app's own origin, or the package's folder in Node. */
  indexURL: string;
  /** The page's compiled pyodide.asm.wasm, shared so that no worker compiles it again; null to compile here. */
  compiled?: WebAssembly.Module | null;
  /** An interpreter's memory just after its start-up (`makeSnapshot`): restored instead of starting Python again; null to start it. */
  snapshot?: Uint8Array | null;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}


/** What pyodide.asm.mjs expects from `instantiate` and `instantiateStreaming`: both answer this shape for bytes. */
function instantiated(module: WebAssembly.Module, imports: WebAssembly.Imports | undefined): Promise<WebAssembly.WebAssemblyInstantiatedSource> {
  return WebAssembly.instantiate(module, imports).then((instance) => ({ instance, module }));
}

/**
 * Runs `load` with WebAssembly's instantiate functions answering its first instantiation from
 * bytes or a response (pyodide.asm.wasm: loadPyodide has no option to take a compiled module,
 * this is its only seam) with `module`, and puts them back as soon as that call is made.
 */
async function withCompiledModule<T>(module: WebAssembly.Module, load: () => Promise<T>): Promise<T> {
  const original = { instantiate: WebAssembly.instantiate, instantiateStreaming: WebAssembly.instantiateStreaming };
  const restore = () => {
    Object.defineProperty(WebAssembly, 'instantiate', { value: original.instantiate, writable: true, configurable: true });
    Object.defineProperty(WebAssembly, 'instantiateStreaming', { value: original.instantiateStreaming, writable: true, configurable: true });
  };
  // Pyodide catches a failed instantiation, logs it and never settles: the load fails with it here instead.
  let failed: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  const instantiateOurs = (imports: WebAssembly.Imports | undefined) =>
    instantiated(module, imports).catch((error: unknown) => {
      failed(error);
      throw error;
    });
  const instantiate = (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    // A module already compiled (pyodide.mjs's own small helper) is not the one to replace.
    if (source instanceof WebAssembly.Module) return original.instantiate(source, imports);
    restore();
    return instantiateOurs(imports);
  };
  const instantiateStreaming = (source: Response | PromiseLike<Response>, imports?: WebAssembly.Imports) => {
    restore();
    // The response came from the HTTP cache (the page fetched it): its bytes are not needed.
    Promise.resolve(source)
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
    return instantiateOurs(imports);
  };
  Object.defineProperty(WebAssembly, 'instantiate', { value: instantiate, writable: true, configurable: true });
  Object.defineProperty(WebAssembly, 'instantiateStreaming', { value: instantiateStreaming, writable: true, configurable: true });
  try {
    return await Promise.race([load(), failure]);
  } finally {
    restore();
  }
}

/**
 * Loads one Python interpreter (Pyodide), in a worker or in Node. Every file comes from
 * `indexURL`; packages would too (packageBaseUrl, so that Pyodide's default, a CDN, is never
 * asked), though none is loaded.
 */
export function loadInterpreter({ indexURL, compiled = null, snapshot = null, stdout, stderr }: InterpreterOptions, makingSnapshot = false): Promise<PyodideInterface> {
  const load = () =>
    loadPyodide({
      indexURL,
      packageBaseUrl: indexURL,
      ...(stdout ? { stdout } : {}),
      ...(stderr ? { stderr } : {}),
      // Pyodide's memory snapshots (what Cloudflare's workerd starts Python from): undocumented options of this exact version.
      ...(snapshot ? { _loadSnapshot: snapshot } : {}),
      ...(makingSnapshot ? { _makeSnapshot: true } : {}),
    });
  const loaded = compiled ? withCompiledModule(compiled, load) : load();
  return snapshot ? loaded.then(forgetSnapshot) : loaded;
}

/**
 * Pyodide keeps the options it was loaded with for the interpreter's life, the snapshot with
 * them (30 MB, already copied into the interpreter's memory): let go of it.
 */
function forgetSnapshot(python: PyodideInterface): PyodideInterface {
  const kept = (python as unknown as { _api?: { config?: { _loadSnapshot?: unknown } } })._api?.config;
  if (kept) kept._loadSnapshot = undefined;
  return python;
}

/**
 * Starts one interpreter only to take its memory just after start-up, before any code of ours
 * runs in it, and answers those bytes (30 MB in 314.0.7): `loadInterpreter({ snapshot })` then
 * restores them instead of starting Python again. Every interpreter restored from it starts
 * with the same memory: the same hash seed and the same `random` state.
 */
export async function makeSnapshot(options: Omit<InterpreterOptions, 'snapshot'>): Promise<Uint8Array> {
  const python = await loadInterpreter(options, true);
  return python.makeMemorySnapshot();
}
