import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { releaseProxy, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { build, type Plugin, type Rolldown } from 'vite';
import { errorDetail } from '../lab/texts/workerFailures';

/*
 * Real worker threads for unit tests: a worker entry written for the browser (one `expose(api)`)
 * is bundled for Node with Vite's own bundler and started in a `node:worker_threads` Worker,
 * behind Comlink's Node adapter. No source is transpiled or rewritten by hand.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Inside node_modules, so that a package left out of a bundle (`external`) resolves from the bundle as from the project. */
const bundleFolder = join(root, 'node_modules', '.tmp', 'node-workers');
const scopeModule = fileURLToPath(new URL('./nodeWorkerScope.ts', import.meta.url));
const ENTRY = '\0node-worker-entry';

export interface BundleOptions {
  /** Packages the bundle imports from node_modules at run time instead of holding, e.g. one that loads files beside itself (Pyodide). */
  external?: string[];
}

const bundled = new Map<string, Promise<string>>();

/**
 * Bundles a worker entry (a .ts file, what it imports and the packages they use) into one ES module
 * for Node, led by nodeWorkerScope.ts; resolves with the module's path. Once per entry and process:
 * call it in `beforeAll`.
 */
export function bundleWorker(entry: string | URL, options: BundleOptions = {}): Promise<string> {
  const entryPath = entry instanceof URL ? fileURLToPath(entry) : entry;
  const key = JSON.stringify([entryPath, options.external ?? []]);
  let bundle = bundled.get(key);
  if (!bundle) {
    bundle = buildBundle(entryPath, options);
    bundled.set(key, bundle);
  }
  return bundle;
}

async function buildBundle(entryPath: string, { external = [] }: BundleOptions): Promise<string> {
  // The scope must be set up before the entry's first line runs: imports run in the order written.
  const virtualEntry: Plugin = {
    name: 'node-worker-entry',
    resolveId: (id) => (id === ENTRY ? id : null),
    load: (id) => (id === ENTRY ? `import ${JSON.stringify(scopeModule)};\nimport ${JSON.stringify(entryPath)};\n` : null),
  };
  const result = await build({
    configFile: false,
    envFile: false,
    root,
    logLevel: 'silent',
    publicDir: false,
    plugins: [virtualEntry],
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: true,
      write: false,
      minify: false,
      target: 'node20',
      rolldownOptions: { input: ENTRY, external, output: { format: 'es', codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((file) => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`Bundling ${entryPath} for Node gave ${chunks.length} chunks, not one.`);
  const code = chunks[0].code;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  mkdirSync(bundleFolder, { recursive: true });
  const path = join(bundleFolder, `${basename(entryPath, '.ts')}-${hash}.mjs`);
  if (!existsSync(path)) {
    // Test files run in parallel: a thread must never load a bundle another process is half-way through writing.
    const partial = `${path}.${randomUUID()}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, path);
  }
  return path;
}

/** A worker thread as a test holds it: the page's handle (`{ name, remote, failure, dispose }`) and its thread's id. */
export interface NodeWorkerHandle<Api> {
  name: string;
  remote: Remote<Api>;
  /** Rejects with one sentence naming the worker when it fails outside any call (an uncaught error) or exits by itself. */
  failure: Promise<never>;
  /** Sends the thread a message outside Comlink, as a page does with its Worker (e.g. `serveHost`'s offer). */
  postMessage: (message: unknown, transfer: Transferable[]) => void;
  /** The thread's id, as `threadId` from node:worker_threads reads inside it; −1 once the thread has stopped. */
  readonly threadId: number;
  /** Lets go of the proxy and terminates the thread; resolves once it has exited. Safe to call twice. */
  dispose: () => Promise<void>;
}

/** Starts a bundle from `bundleWorker` in a new thread named `name`. Always dispose it (in `afterEach`): a live thread keeps the test run from ending. */
export function startNodeWorker<Api>(bundle: string, name: string): NodeWorkerHandle<Api> {
  const worker = new Worker(bundle, { name });
  const endpoint = nodeEndpoint(worker);
  const remote = wrap<Api>(endpoint);
  let exited: Promise<void> | undefined;
  const failure = new Promise<never>((_, reject) => {
    worker.on('error', (error: unknown) => {
      // "TypeError: …", as a browser's ErrorEvent reads, so the sentence is the page's.
      reject(new Error(`${name} failed: ${errorDetail(String(error), 'no reason given')}`));
    });
    worker.on('messageerror', () => {
      reject(new Error(`${name} sent a message the page could not read.`));
    });
    worker.on('exit', (code: number) => {
      if (!exited) reject(new Error(`${name} stopped by itself (exit code ${code}).`));
    });
  });
  // Whoever races `failure` handles it; a worker that never fails must not warn.
  failure.catch(() => undefined);
  return {
    name,
    remote,
    failure,
    // Comlink's adapter takes the DOM's transfer list: at run time in Node the DOM's MessagePort is Node's.
    postMessage(message, transfer) {
      endpoint.postMessage(message, transfer);
    },
    get threadId() {
      return worker.threadId;
    },
    dispose() {
      if (!exited) {
        remote[releaseProxy]();
        exited = worker.terminate().then(() => undefined);
      }
      return exited;
    },
  };
}
