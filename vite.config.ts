import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import {
  builtHeadersFile,
  devPolicy,
  isPythonWorkerScript,
  META_CONTENT_SECURITY_POLICY,
  POLICY,
  pythonWorkerPolicy,
  securityHeaders,
  type PolicyDirectives,
} from './src/shared/securityHeaders.ts';

/** Vite's dev server adds one inline script, React's hot-reload preamble: its hash, for the dev policy. */
const PREAMBLE_HASH = `sha256-${createHash('sha256').update(react.preambleCode.replace('__BASE__', '/')).digest('base64')}`;

/**
 * The headers of src/shared/securityHeaders.ts wherever the page is served from. Both servers
 * set them before Vite's own middlewares answer: Vite's `headers` option reaches only the
 * responses its file server sends in full, so a `304 Not Modified` went out without COOP and
 * COEP, and WebKit then refused the worker's script in the isolated page ("its script could not
 * be loaded"). The build writes them into `_headers` for static hosts that read it, and the
 * policy into index.html as a <meta> for hosts that send no headers.
 */
function securityHeadersEverywhere(): Plugin {
  const everyResponse = (policy: PolicyDirectives) => (server: { middlewares: Connect.Server }) => {
    const headers = securityHeaders(policy);
    // A Python worker's script carries its own policy (pythonWorkerPolicy): pyodide.asm.mjs evaluates JavaScript.
    const pythonWorkerHeaders = securityHeaders(pythonWorkerPolicy(policy));
    server.middlewares.use((request, response, next) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      for (const [name, value] of Object.entries(isPythonWorkerScript(path) ? pythonWorkerHeaders : headers)) response.setHeader(name, value);
      next();
    });
  };
  return {
    name: 'security-headers-everywhere',
    configureServer: everyResponse(devPolicy([PREAMBLE_HASH])),
    configurePreviewServer: everyResponse(POLICY),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        context.server
          ? []
          : [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: builtHeadersFile() });
    },
  };
}

/** Where the page and the Python workers find Pyodide's files, on the app's own origin (src/page/boundary/pythonRuntime.ts). */
const PYODIDE_PATH = '/pyodide/';
const PYODIDE_FOLDER = fileURLToPath(new URL('./node_modules/pyodide/', import.meta.url));
/** What loadPyodide fetches from its indexURL (pyodide.mjs itself is bundled into each Python worker), with its type. */
const PYODIDE_FILES: Readonly<Record<string, string>> = {
  'pyodide.asm.mjs': 'text/javascript',
  'pyodide.asm.wasm': 'application/wasm',
  'python_stdlib.zip': 'application/zip',
  'pyodide-lock.json': 'application/json',
};

/**
 * Serves Pyodide's files under /pyodide/ from node_modules/pyodide on the dev server, and
 * writes them into the build (dist/pyodide/…, which `vite preview` serves as any file): no
 * other host is ever asked. After the security headers' middleware, so every answer has them.
 */
function pyodideFromOwnOrigin(): Plugin {
  return {
    name: 'pyodide-from-own-origin',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        const file = path.startsWith(PYODIDE_PATH) ? path.slice(PYODIDE_PATH.length) : null;
        if (file === null || !Object.hasOwn(PYODIDE_FILES, file)) {
          next();
          return;
        }
        const { size, mtimeMs } = statSync(PYODIDE_FOLDER + file);
        const etag = `"${size.toString(36)}-${Math.round(mtimeMs).toString(36)}"`;
        response.setHeader('Content-Type', PYODIDE_FILES[file]);
        response.setHeader('ETag', etag);
        // Revalidated, not trusted blindly: the page fetches each file once, then every worker's 304 is cheap.
        response.setHeader('Cache-Control', 'no-cache');
        if (request.headers['if-none-match'] === etag) {
          response.statusCode = 304;
          response.end();
          return;
        }
        response.setHeader('Content-Length', String(size));
        createReadStream(PYODIDE_FOLDER + file).pipe(response);
      });
    },
    generateBundle() {
      for (const file of Object.keys(PYODIDE_FILES)) {
        this.emitFile({ type: 'asset', fileName: `${PYODIDE_PATH.slice(1)}${file}`, source: readFileSync(PYODIDE_FOLDER + file) });
      }
    },
  };
}

/** Pyodide's version: the service worker keeps its files in a cache named with it, so a new Pyodide replaces the old one. */
const PYODIDE_VERSION = (JSON.parse(readFileSync(`${PYODIDE_FOLDER}package.json`, 'utf8')) as { version: string }).version;

/**
 * The service worker (src/serviceWorker/serviceWorker.ts), built by vite-plugin-pwa with the list of
 * the built app's files to precache injected (Workbox's injectManifest): the page, its scripts and
 * styles, not Pyodide's 13 MB (cached on first use). The page registers it (src/page/boundary/serviceWorker.ts).
 */
function offlineServiceWorker(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/serviceWorker',
    filename: 'serviceWorker.ts',
    injectRegister: false,
    manifest: false,
    injectManifest: {
      // Built as serviceWorker.js in the app's root (scope: the whole app), one classic script with Workbox bundled in.
      rollupFormat: 'iife',
      globPatterns: ['**/*.{html,js,css,svg}'],
      globIgnores: ['pyodide/**'],
      buildPlugins: { vite: [{ name: 'pyodide-version', config: () => ({ define: { __PYODIDE_VERSION__: JSON.stringify(PYODIDE_VERSION) } }) }] },
    },
  });
}

export default defineConfig({
  plugins: [react(), securityHeadersEverywhere(), pyodideFromOwnOrigin(), offlineServiceWorker()],
  // Pyodide finds its files from its own URL and loads Node's modules only in Node: it is served as published, not pre-bundled.
  optimizeDeps: { exclude: ['pyodide'] },
  // Module workers, bundled and type-checked like the page (never scripts in public/).
  worker: { format: 'es' },
  build: { target: 'es2022' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
