import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';

/**
 * What the page may load: its own scripts, styles, workers and images, and
 * nothing from anywhere else; no inline script, no eval. WebAssembly may be
 * compiled ('wasm-unsafe-eval', which allows no eval of JavaScript): the
 * counting loop of the workers and of the main thread's tasks
 * (src/shared/wasmKernel.ts). Sent as a header by
 * both servers and, for static hosts that cannot send headers, written into
 * the built index.html as a <meta> (which cannot carry frame-ancestors).
 */
const policy = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
} as const;

const written = (directives: Record<string, readonly string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

/** The policy the production build runs under, as a <meta> sends it. */
export const CONTENT_SECURITY_POLICY = written(policy);

/**
 * Vite's dev server adds one inline script, React's hot-reload preamble, and
 * injects styles as <style> elements: the dev policy allows exactly that
 * script by its hash, and inline styles; nothing else changes.
 */
export const DEV_CONTENT_SECURITY_POLICY = written({
  ...policy,
  'script-src': ["'self'", "'wasm-unsafe-eval'", `'sha256-${createHash('sha256').update(react.preambleCode.replace('__BASE__', '/')).digest('base64')}'`],
  'style-src': ["'self'", "'unsafe-inline'"],
});

/**
 * Headers on every response of both servers. Cross-origin isolation gives the page a finer clock
 * (5 µs instead of 100 µs in Chromium) and SharedArrayBuffer where the engine has it.
 */
export function securityHeaders(dev: boolean): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': `${dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Sets the headers before Vite's own middlewares answer. Vite's `headers`
 * option reaches only the responses its file server sends in full: a
 * `304 Not Modified` went out without COOP and COEP, and WebKit then refused
 * the worker's script in the isolated page ("its script could not be loaded").
 */
function headersOnEveryResponse(): Plugin {
  const use = (dev: boolean) => (server: { middlewares: Connect.Server }) => {
    const headers = securityHeaders(dev);
    server.middlewares.use((_request, response, next) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      next();
    });
  };
  return {
    name: 'headers-on-every-response',
    configureServer: use(true),
    configurePreviewServer: use(false),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        context.server
          ? []
          : [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  };
}

export default defineConfig({
  plugins: [react(), headersOnEveryResponse()],
  // Module workers, bundled and type-checked like the page (never scripts in public/).
  worker: { format: 'es' },
  build: { target: 'es2022' },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
