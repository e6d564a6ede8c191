import { loadPyodide, type PyodideInterface } from 'pyodide';

export type { PyodideInterface } from 'pyodide';

export interface InterpreterOptions {
  /** Where Pyodide's files are served, ending in '/': '/pyodide/' on the app's own origin, or the package's folder in Node. */
  indexURL: string;
  /** The page's compiled pyodide.asm.wasm, shared so that no worker compiles it again; null to compile here. */
  compiled?: WebAssembly.Module | null;
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
  const instantiate = (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    // A module already compiled (pyodide.mjs's own small helper) is not the one to replace.
    if (source instanceof WebAssembly.Module) return original.instantiate(source, imports);
    restore();
    return instantiated(module, imports);
  };
  const instantiateStreaming = (source: Response | PromiseLike<Response>, imports?: WebAssembly.Imports) => {
    restore();
    // The response came from the HTTP cache (the page fetched it): its bytes are not needed.
    Promise.resolve(source)
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
    return instantiated(module, imports);
  };
  Object.defineProperty(WebAssembly, 'instantiate', { value: instantiate, writable: true, configurable: true });
  Object.defineProperty(WebAssembly, 'instantiateStreaming', { value: instantiateStreaming, writable: true, configurable: true });
  try {
    return await load();
  } finally {
    restore();
  }
}

/**
 * Loads one Python interpreter (Pyodide), in a worker or in Node. Every file comes from
 * `indexURL`; packages would too (packageBaseUrl, so that Pyodide's default, a CDN, is never
 * asked), though none is loaded.
 */
export function loadInterpreter({ indexURL, compiled = null, stdout, stderr }: InterpreterOptions): Promise<PyodideInterface> {
  const load = () =>
    loadPyodide({
      indexURL,
      packageBaseUrl: indexURL,
      ...(stdout ? { stdout } : {}),
      ...(stderr ? { stderr } : {}),
    });
  return compiled ? withCompiledModule(compiled, load) : load();
}
